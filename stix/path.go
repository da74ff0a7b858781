package stix

import (
	"cmp"
	"strconv"
	"strings"
)

// A PathStep is one step of a path into a JSON value: a member name of an
// object or an index into a list.
type PathStep struct {
	// Key is the member name (unescaped) when Index is negative.
	Key string
	// Index is the zero-based list index, or -1 for a member step.
	Index int
}

// Key returns a member step.
func Key(name string) PathStep { return PathStep{Key: name, Index: -1} }

// Index returns a list-index step.
func Index(i int) PathStep { return PathStep{Index: i} }

// IsIndex reports whether the step is a list index.
func (s PathStep) IsIndex() bool { return s.Index >= 0 }

// A Path locates a value inside a STIX object, starting at the object itself.
// The empty path is the object.
type Path []PathStep

// String writes the path in STIX granular-marking selector syntax (STIX 2.1
// section 7.2.3): components separated by '.', list indexes as "[n]", for
// example "external_references.[0].url". The empty path is written "".
func (p Path) String() string {
	if len(p) == 1 && !p[0].IsIndex() {
		return p[0].Key // most paths name a top-level property: no copy
	}
	var b strings.Builder
	for i, s := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		if s.IsIndex() {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.Index))
			b.WriteByte(']')
		} else {
			b.WriteString(s.Key)
		}
	}
	return b.String()
}

// Pointer writes the path as an RFC 6901 JSON pointer, for example
// "/external_references/0/url".
func (p Path) Pointer() string {
	var b strings.Builder
	for _, s := range p {
		b.WriteByte('/')
		if s.IsIndex() {
			b.WriteString(strconv.Itoa(s.Index))
			continue
		}
		for i := 0; i < len(s.Key); i++ {
			switch c := s.Key[i]; c {
			case '~':
				b.WriteString("~0")
			case '/':
				b.WriteString("~1")
			default:
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

// GJSON writes the path as a gjson path in which every member name is
// escaped, so that names such as "@keys" or "a.b" are read as names and never
// as gjson modifiers or separators.
func (p Path) GJSON() string {
	var b strings.Builder
	for i, s := range p {
		if i > 0 {
			b.WriteByte('.')
		}
		if s.IsIndex() {
			b.WriteString(strconv.Itoa(s.Index))
		} else {
			writeGJSONKey(&b, s.Key)
		}
	}
	return b.String()
}

// writeGJSONKey escapes every byte gjson could read as path syntax
// ('.', '|', '#', '@', '*', '?', '\', ...): only letters, digits, '_', '-'
// and non-ASCII bytes are written as they are.
func writeGJSONKey(b *strings.Builder, k string) {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c >= 0x80 || c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('\\')
		b.WriteByte(c)
	}
}

// Equal reports whether p and q are the same path.
func (p Path) Equal(q Path) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// HasPrefix reports whether q is p or a path above p, comparing whole steps
// (so "name" is not a prefix of "name_enc").
func (p Path) HasPrefix(q Path) bool {
	if len(q) > len(p) {
		return false
	}
	for i := range q {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// comparePaths orders paths step by step: member names as strings, list
// indexes as numbers, a member before an index, a path before the paths
// below it. Edits report emptied containers in this order.
func comparePaths(p, q Path) int {
	for i := range min(len(p), len(q)) {
		a, b := p[i], q[i]
		switch {
		case a.IsIndex() != b.IsIndex():
			if a.IsIndex() {
				return 1
			}
			return -1
		case a.IsIndex():
			if c := cmp.Compare(a.Index, b.Index); c != 0 {
				return c
			}
		default:
			if c := strings.Compare(a.Key, b.Key); c != 0 {
				return c
			}
		}
	}
	return cmp.Compare(len(p), len(q))
}

// Append returns a new path with s added at the end; p is not modified.
func (p Path) Append(s PathStep) Path {
	q := make(Path, len(p)+1)
	copy(q, p)
	q[len(p)] = s
	return q
}

// A Span is a half-open byte range [Start, End) inside an object's raw JSON.
type Span struct {
	Start, End int
}

// Len returns the number of bytes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies inside s.
func (s Span) Contains(t Span) bool { return t.Start >= s.Start && t.End <= s.End }
