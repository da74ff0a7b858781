package stix

import (
	"bytes"
	"iter"
)

// A Leaf is a string value somewhere inside an object.
type Leaf struct {
	// Path locates the string. It is reused between leaves: copy it to
	// keep it.
	Path Path
	// Span is where the JSON string, quotes included, lies in the object's
	// Raw bytes.
	Span Span
	// Text is the decoded string. It is reused between leaves: copy it to
	// keep it.
	Text []byte
	// Escaped says the JSON text holds escapes, so Text differs from the
	// bytes inside Span's quotes.
	Escaped bool
	// Name says the string is a member name, not a value (only a
	// LeafScanner with Names set yields them): Path is then the member's.
	Name bool
}

// Leaves returns the object's string values in document order, member
// names excluded. The *Leaf yielded is reused from one leaf to the next.
func (o *Object) Leaves() iter.Seq[*Leaf] {
	return func(yield func(*Leaf) bool) {
		w := &leafWalk{raw: o.raw}
		w.leaf.Path = w.room[:0]
		w.value(skipSpace(o.raw, 0), yield)
	}
}

// A LeafScanner yields objects' string values as Object.Leaves does,
// reusing its memory from one walk to the next, and can leave whole
// members out: for a redactor that walks millions of objects. The *Leaf
// it yields is valid until the walk's next step. A LeafScanner is not
// safe for concurrent use, and one walk must end before the next starts;
// the zero value is ready.
type LeafScanner struct {
	// Skip, when not nil, is asked about each member name, at any depth:
	// when it reports true, nothing inside that member's value is yielded
	// (its bytes are stepped over, not walked); its name still is, with
	// Names set.
	Skip func(name string) bool
	// Unless, when not nil, is asked about each member Skip names, with
	// its value's raw JSON: when it reports true, the member is walked
	// after all. A member is skipped for what its name promises (a
	// timestamp, an identifier); a value that breaks the promise may hold
	// anything.
	Unless func(name string, value []byte) bool
	// Names, when set, has member names yielded too, each just before
	// its value's strings, with Leaf.Name set: ids are written as the keys
	// of some dictionaries.
	Names bool
	// NamesOnly, when not nil, is asked about each member name Skip lets
	// through, at any depth: when it reports true, no string value inside
	// that member's value is yielded, only (with Names set) the member
	// names inside it. A dictionary of hashes has values no one needs to
	// read, and keys anyone may write.
	NamesOnly func(name string) bool
	// CustomNames, with Names set, leaves out the names of the properties
	// STIX 2.1 defines (sections 3 to 7), which are no one's data: only
	// the names a writer chose (dictionary keys, custom properties) are
	// yielded.
	CustomNames bool
	w           leafWalk
}

// Leaves returns the string values of o, in document order, member names
// excluded, and leaving out the members Skip names.
func (s *LeafScanner) Leaves(o *Object) iter.Seq[*Leaf] {
	return func(yield func(*Leaf) bool) {
		w := &s.w
		w.raw, w.skip, w.unless, w.names, w.leaf, w.scratch = o.raw, s.Skip, s.Unless, s.Names, Leaf{}, w.scratch[:0]
		w.namesOnly, w.quiet, w.customNames = s.NamesOnly, false, s.CustomNames
		w.leaf.Path = w.room[:0]
		w.value(skipSpace(o.raw, 0), yield)
		w.raw, w.leaf = nil, Leaf{} // keep no reference to the object
	}
}

// A leafWalk is one iteration of Leaves: a single pass of recursive
// descent over the object, finding each value's end as it goes (a walk
// that asked for every container's end first would read nested bytes once
// per level). It lives in one allocation with room for a path 16 deep;
// yield is passed down rather than kept in it, so that the loop body of
// the caller's range statement does not escape with it.
type leafWalk struct {
	raw    []byte
	skip   func(name string) bool
	unless func(name string, value []byte) bool
	names  bool
	// customNames: only names that are not STIX's are yielded (see
	// LeafScanner.CustomNames).
	customNames bool
	namesOnly   func(name string) bool
	quiet       bool // inside a member namesOnly named: no values are yielded
	leaf        Leaf // leaf.Path is the current path
	scratch     []byte
	room        [16]PathStep
}

// value walks the value at raw[i] and returns the index just past it, or
// false when the walk is to stop: yield said so, or the bytes are not
// valid JSON (Replay does not validate; nothing here may panic on them).
func (w *leafWalk) value(i int, yield func(*Leaf) bool) (int, bool) {
	raw := w.raw
	if i >= len(raw) {
		return 0, false
	}
	switch raw[i] {
	case '"':
		end, ok := stringEnd(raw, i)
		if !ok {
			return 0, false
		}
		if w.quiet {
			return end, true
		}
		return end, w.yieldString(i, end, false, yield)
	case '{':
		depth := len(w.leaf.Path)
		i = skipSpace(raw, i+1)
		for i < len(raw) && raw[i] == '"' {
			ne, ok := stringEnd(raw, i)
			if !ok {
				return 0, false
			}
			name, known := knownName(raw[i+1 : ne-1])
			if !known {
				name = unquote(raw[i:ne])
			}
			w.leaf.Path = append(w.leaf.Path[:depth], Key(name))
			vs := skipSpace(raw, ne)
			if vs >= len(raw) || raw[vs] != ':' {
				return 0, false
			}
			if w.names && !(known && w.customNames) && !w.yieldString(i, ne, true, yield) {
				return 0, false
			}
			vs = skipSpace(raw, vs+1)
			var end int
			walk := true
			if w.skip != nil && w.skip(name) {
				if end, ok = valueEnd(raw, vs); !ok {
					return 0, false
				}
				walk = w.unless != nil && w.unless(name, raw[vs:end])
			}
			if walk {
				quiet := w.quiet
				w.quiet = quiet || w.namesOnly != nil && w.namesOnly(name)
				end, ok = w.value(vs, yield)
				w.quiet = quiet
			}
			if !ok {
				return 0, false
			}
			if i = skipSpace(raw, end); i < len(raw) && raw[i] == ',' {
				i = skipSpace(raw, i+1)
			}
		}
		w.leaf.Path = w.leaf.Path[:depth]
		if i >= len(raw) || raw[i] != '}' {
			return 0, false
		}
		return i + 1, true
	case '[':
		depth := len(w.leaf.Path)
		i = skipSpace(raw, i+1)
		for n := 0; i < len(raw) && raw[i] != ']'; n++ {
			w.leaf.Path = append(w.leaf.Path[:depth], Index(n))
			end, ok := w.value(i, yield)
			if !ok {
				return 0, false
			}
			if i = skipSpace(raw, end); i < len(raw) && raw[i] == ',' {
				i = skipSpace(raw, i+1)
			}
		}
		w.leaf.Path = w.leaf.Path[:depth]
		if i >= len(raw) {
			return 0, false
		}
		return i + 1, true
	}
	return valueEnd(raw, i)
}

// yieldString yields the JSON string at raw[i:end] as the current leaf.
func (w *leafWalk) yieldString(i, end int, name bool, yield func(*Leaf) bool) bool {
	body := w.raw[i+1 : end-1]
	l := &w.leaf
	l.Span, l.Text, l.Escaped, l.Name = Span{i, end}, body, false, name
	if bytes.IndexByte(body, '\\') >= 0 {
		w.scratch = appendUnescaped(w.scratch[:0], body)
		l.Text, l.Escaped = w.scratch, true
	}
	return yield(l)
}

// walkStep tells walk how to go on after a value.
type walkStep uint8

const (
	walkInto walkStep = iota // visit what is inside the value
	walkOver                 // skip what is inside the value
	walkStop                 // stop walking
)

// walk visits the value at raw[at] and everything inside it, depth first
// in document order, calling fn with each value's path and span. The path
// passed to fn is reused between calls. It returns false if fn stopped it.
func walk(raw []byte, at int, p Path, fn func(Path, Span) walkStep) bool {
	at = skipSpace(raw, at)
	end, ok := valueEnd(raw, at)
	if !ok {
		return true
	}
	s := Span{at, end}
	switch fn(p, s) {
	case walkStop:
		return false
	case walkOver:
		return true
	}
	ok = true
	switch raw[at] {
	case '{':
		forEachMember(raw, at, func(name, value Span) bool {
			ok = walk(raw, value.Start, append(p, Key(memberName(raw[name.Start:name.End]))), fn)
			return ok
		})
	case '[':
		forEachItem(raw, at, func(n int, item Span) bool {
			ok = walk(raw, item.Start, append(p, Index(n)), fn)
			return ok
		})
	}
	return ok
}
