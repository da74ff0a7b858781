package detecttest

// CheckSize is Check with hostile inputs of the given size, so that the
// tests of Check itself stay quick.
var CheckSize = check
