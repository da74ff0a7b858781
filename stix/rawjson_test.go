package stix

import "testing"

// TestKeyEqualAgrees checks keyEqual's length shortcuts against decoding
// with encoding/json, on every pair of name spellings and decoded names,
// and on wants that hold a backslash literally.
func TestKeyEqualAgrees(t *testing.T) {
	wants := []string{`a\u0062`, `a\/b`, `tab\t`, "tab\t", `\`, `\\`}
	for _, sp := range nameSpellings {
		wants = append(wants, decodedName(t, sp), sp)
	}
	for _, sp := range append(nameSpellings, `\\`, `\\\\`, `a\\u0062`) {
		d := decodedName(t, sp)
		for _, w := range wants {
			if got := keyEqual([]byte(sp), w); got != (d == w) {
				t.Errorf("keyEqual(%q, %q) = %v, want %v", sp, w, got, d == w)
			}
		}
	}
}
