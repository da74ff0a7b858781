package syntax

// Kind is the resolved kind of a [Node].
type Kind uint8

// The kinds of node. KindInvalid is the zero value: it marks a node that could
// not be built (an alias, a value with a tag that is not allowed). An error
// has already been reported at its position, so decoders should stay silent
// about it rather than pile a second error on the first; the helpers in this
// package do.
const (
	KindInvalid Kind = iota
	KindNull
	KindBool
	KindNumber
	KindString
	KindMap
	KindList
)

var kindNames = [...]string{
	KindInvalid: "invalid",
	KindNull:    "null",
	KindBool:    "boolean",
	KindNumber:  "number",
	KindString:  "string",
	KindMap:     "mapping",
	KindList:    "list",
}

// String returns the kind's name as messages use it: "null", "boolean",
// "number", "string", "mapping", "list" or "invalid".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// A Node is a value in a policy source with its position. YAML and JSON
// sources give the same tree.
type Node struct {
	Kind Kind
	// Pos is where the value starts: the first character of a scalar, or
	// the quote, tag or anchor in front of it; the '{' or '[' of a flow
	// collection; the first key or '-' of a block one. An empty YAML value
	// (null) is placed just after its key's colon.
	Pos Pos
	// Value is set for scalars: a string's unescaped value; a number's text
	// as written ("0x1F", "1.5e3"); "true" or "false" for a boolean; "" for
	// null.
	Value string
	// Text is a scalar's text before its kind was resolved: the same as
	// Value except for booleans and nulls, where it is the spelling used in
	// the source ("True", "~", "NULL", or "" for an empty YAML value). It
	// lets a decoder say what it found when it wanted a string.
	Text string
	// Entries holds a mapping's entries in source order. Keys are unique:
	// a repeated key is reported and its entry left out.
	Entries []Entry
	// Items holds a list's items in source order.
	Items []*Node
}

// An Entry is one key and value of a mapping.
type Entry struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value for key if n is a mapping that has it. It is safe to
// call on a nil node.
func (n *Node) Get(key string) (*Node, bool) {
	if n == nil || n.Kind != KindMap {
		return nil, false
	}
	for i := range n.Entries {
		if n.Entries[i].Key == key {
			return n.Entries[i].Value, true
		}
	}
	return nil, false
}

// IsScalar reports whether n is a null, boolean, number or string.
func (n *Node) IsScalar() bool {
	return n != nil && (n.Kind == KindNull || n.Kind == KindBool || n.Kind == KindNumber || n.Kind == KindString)
}
