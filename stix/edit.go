package stix

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
)

// An Editor collects changes to one object and applies them in a single
// pass over its bytes: every byte not changed is copied as it was, so key
// order, number lexemes and escapes elsewhere are kept. Deleting a member
// or list item removes it with its comma; a list or object left empty by
// deletions is removed too (STIX forbids empty lists), and Apply reports
// it, so that the caller can drop an object whose required property went.
type Editor struct {
	o       *Object
	repl    []replacement
	dels    []Path
	inserts []insertion

	// Memory reused from one Apply to the next.
	edits    []replacement
	spans    []Span
	children []child
	deleted  []bool
	key      []byte // a path key being built, for map look-ups
	set      map[string]bool
	byParent map[string][]Path
	parents  map[string]Path
	// For fewDeletionSpans.
	fewPaths   []Path
	fewKeys    []Span
	fewGroups  []delGroup
	fewEntries []delEntry
	fewOrder   []int
	// Room for the buffers of a typical object, so that an editor used
	// for one object does not grow them step by step.
	editsRoom    [16]replacement
	childrenRoom [16]child
	spansRoom    [8]Span
	keyRoom      [128]byte
}

type replacement struct {
	span Span
	text []byte
}

type insertion struct {
	name string
	raw  []byte
}

// NewEditor returns an editor for o. The object must not change while the
// editor is in use.
func NewEditor(o *Object) *Editor {
	e := &Editor{o: o}
	e.edits, e.children, e.spans, e.key = e.editsRoom[:0], e.childrenRoom[:0], e.spansRoom[:0], e.keyRoom[:0]
	return e
}

// Reset makes the editor ready for another object, keeping its memory.
func (e *Editor) Reset(o *Object) {
	e.o = o
	e.repl = e.repl[:0]
	e.dels = e.dels[:0]
	e.inserts = e.inserts[:0]
}

// Replace replaces the value at span (a whole JSON value of the object,
// as a Leaf or a lookup gives it) with text, which must be valid JSON; or
// a member name (a Leaf with Name set) with a JSON string, which must not
// be another member's name in the same object.
//
// Replacing exactly the span of an earlier replacement supersedes it: a
// caller that edits one value twice composes the edits from the text
// Replacement returns. Spans that overlap otherwise are an error at Apply.
func (e *Editor) Replace(span Span, text []byte) {
	e.repl = append(e.repl, replacement{span, text})
}

// Replacement returns the text last recorded to replace exactly span, if
// any.
func (e *Editor) Replacement(span Span) ([]byte, bool) {
	for k := len(e.repl) - 1; k >= 0; k-- {
		if e.repl[k].span == span {
			return e.repl[k].text, true
		}
	}
	return nil, false
}

// Delete removes the member or list item at p. Deleting the object itself
// (the empty path) is an error at Apply.
func (e *Editor) Delete(p Path) { e.dels = append(e.dels, p) }

// Set sets the top-level member name to raw (valid JSON): it replaces the
// value if the member exists and adds the member at the end otherwise.
func (e *Editor) Set(name string, raw []byte) {
	if s, ok := e.o.ValueSpan(name); ok {
		e.Replace(s, raw)
		return
	}
	e.inserts = append(e.inserts, insertion{name, raw})
}

// Add adds the top-level member name with the value raw (valid JSON) at
// the end of the object. The object must not keep another member of that
// name: it has none, or the member's deletion is recorded (Set would put
// its value in the deleted member, and so lose it).
func (e *Editor) Add(name string, raw []byte) {
	e.inserts = append(e.inserts, insertion{name, raw})
}

// Changed reports whether any change has been recorded.
func (e *Editor) Changed() bool {
	return len(e.repl)+len(e.dels)+len(e.inserts) > 0
}

// Emptied returns the containers that the recorded deletions would leave
// empty, and so remove as well, without applying anything. Callers that
// must fix granular-marking selectors before applying need them (see
// Selector.AfterRemoval).
func (e *Editor) Emptied() ([]Path, error) {
	_, emptied, err := e.deletionSpans()
	return emptied, err
}

// An EditError says an edit could not be applied.
type EditError struct {
	Path Path
	Msg  string
}

func (e *EditError) Error() string {
	return fmt.Sprintf("stix: edit at %q: %s", e.Path.String(), e.Msg)
}

// Apply returns the edited object's bytes, appended to dst, and the paths
// of containers that deletions left empty and that were removed as well.
// Replacements inside deleted content are dropped. Paths that do not exist
// in the object are ignored (there is nothing to delete).
func (e *Editor) Apply(dst []byte) ([]byte, []Path, error) {
	raw := e.o.raw
	dels, emptied, err := e.deletionSpans()
	if err != nil {
		return nil, nil, err
	}
	edits := e.edits[:0]
	// The deletions are disjoint: the one that may hold a replacement is
	// the last non-empty one to start at or before it.
	byStart := make([]Span, 0, len(dels))
	for _, d := range dels {
		if d.Len() > 0 {
			byStart = append(byStart, d)
		}
	}
	slices.SortFunc(byStart, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
	for _, r := range e.repl {
		k, _ := slices.BinarySearchFunc(byStart, r.span.Start+1, func(d Span, start int) int { return cmp.Compare(d.Start, start) })
		if k == 0 || !byStart[k-1].Contains(r.span) {
			edits = append(edits, r)
		}
	}
	for _, d := range dels {
		edits = append(edits, replacement{span: d})
	}
	if len(e.inserts) > 0 {
		edits = append(edits, e.insertion())
	}
	slices.SortStableFunc(edits, func(a, b replacement) int {
		if a.span.Start != b.span.Start {
			return cmp.Compare(a.span.Start, b.span.Start)
		}
		return cmp.Compare(a.span.End, b.span.End)
	})
	e.edits = edits
	size := len(raw) // of the result, to grow dst once
	for _, ed := range edits {
		size += len(ed.text) - ed.span.Len()
	}
	dst = slices.Grow(dst, max(size, 0))
	pos := 0
	for k, ed := range edits {
		if k+1 < len(edits) && edits[k+1].span == ed.span {
			continue // superseded (see Replace)
		}
		if ed.span.Start < pos {
			return nil, nil, &EditError{Msg: fmt.Sprintf("overlapping edits at bytes %d-%d", ed.span.Start, ed.span.End)}
		}
		dst = append(dst, raw[pos:ed.span.Start]...)
		dst = append(dst, ed.text...)
		pos = ed.span.End
	}
	dst = append(dst, raw[pos:]...)
	return dst, emptied, nil
}

// insertion builds the edit that adds new top-level members after the
// last one, in the style (separator, colon spacing) of the object.
func (e *Editor) insertion() replacement {
	raw, ms := e.o.raw, e.o.members
	sep, colon := []byte(","), []byte(":")
	at := len(raw) - 1 // before '}'
	if len(ms) > 0 {
		last := ms[len(ms)-1]
		at = last.value.End
		colon = raw[last.name.End:last.value.Start]
		if len(ms) > 1 {
			sep = raw[ms[len(ms)-2].value.End:last.name.Start]
		}
	}
	var text []byte
	for i, in := range e.inserts {
		if len(ms) > 0 || i > 0 {
			text = append(text, sep...)
		}
		text = AppendString(text, in.name)
		text = append(text, colon...)
		text = append(text, in.raw...)
	}
	return replacement{span: Span{at, at}, text: text}
}

// deletionSpans turns the deleted paths into disjoint byte spans, each
// taking one comma with it, removing containers left empty. It is linear
// in the deletions and the sizes of the containers they touch: deletions
// are grouped by container, deepest containers first, so that a container
// emptied by deletions joins the deletions of its own parent.
func (e *Editor) deletionSpans() ([]Span, []Path, error) {
	if len(e.dels) == 0 {
		return nil, nil, nil
	}
	if len(e.dels) <= fewDeletions {
		return e.fewDeletionSpans()
	}
	raw := e.o.raw
	if e.set == nil {
		e.set, e.byParent, e.parents = map[string]bool{}, map[string][]Path{}, map[string]Path{}
	}
	set, byParent, parents := e.set, e.byParent, e.parents
	clear(set)
	clear(byParent)
	clear(parents)
	var paths []Path
	for _, p := range e.dels {
		if len(p) == 0 {
			return nil, nil, &EditError{Path: p, Msg: "cannot delete the object itself"}
		}
		e.key = appendPathKey(e.key[:0], p)
		if !set[string(e.key)] {
			set[string(e.key)] = true
			paths = append(paths, p)
		}
	}
	// Keep only outermost paths: drop those with a deleted ancestor.
	// byParent maps a parent's key to its deleted children.
	depth := 0
	for _, p := range paths {
		under := false
		e.key = e.key[:0]
		for n := 1; n < len(p); n++ {
			e.key = appendPathKey(e.key, p[n-1:n])
			if set[string(e.key)] {
				under = true
				break
			}
		}
		if under {
			continue
		}
		pk := pathKey(p[:len(p)-1])
		byParent[pk] = append(byParent[pk], p)
		parents[pk] = p[:len(p)-1]
		depth = max(depth, len(p)-1)
	}
	var emptied []Path
	spans := e.spans[:0]
	res := NewResolver(raw) // each container indexed once, however many parents in it
	for d := depth; d >= 0; d-- {
		var keys []string
		for k, p := range parents {
			if len(p) == d {
				keys = append(keys, k)
			}
		}
		slices.SortFunc(keys, func(a, b string) int { return comparePaths(parents[a], parents[b]) }) // emptied containers in a stable order
		for _, pk := range keys {
			parent := parents[pk]
			ps, ok := res.Resolve(parent)
			if !ok || (raw[ps.Start] != '{' && raw[ps.Start] != '[') {
				continue // nothing there to delete
			}
			e.children = appendChildren(e.children[:0], raw, ps.Start)
			children := e.children
			gone := byParent[pk]
			var goneSet map[PathStep]bool // for many deletions in one container (pruning a long list)
			if len(gone) > 16 {
				goneSet = make(map[PathStep]bool, len(gone))
				for _, p := range gone {
					goneSet[p[len(p)-1]] = true
				}
			}
			deleted := slices.Grow(e.deleted[:0], len(children))[:len(children)]
			e.deleted = deleted
			all := true
			for i, c := range children {
				if goneSet != nil {
					deleted[i] = goneSet[c.step]
				} else {
					deleted[i] = isDeleted(gone, c.step)
				}
				all = all && deleted[i]
			}
			if !all {
				spans = appendChildDeletions(spans, children, deleted)
				continue
			}
			if len(parent) == 0 {
				return nil, nil, &EditError{Msg: "deletions would leave the object empty"}
			}
			emptied = append(emptied, parent)
			gk := pathKey(parent[:len(parent)-1])
			byParent[gk] = append(byParent[gk], parent)
			parents[gk] = parent[:len(parent)-1]
		}
	}
	e.spans = spans
	return spans, emptied, nil
}

// isDeleted reports whether step is the last step of one of the deleted
// paths gone, all children of one container.
func isDeleted(gone []Path, step PathStep) bool {
	for _, p := range gone {
		if p[len(p)-1] == step {
			return true
		}
	}
	return false
}

// pathKey encodes a path as a map key, without the ambiguity of its string
// form (a member named "a.b").
func pathKey(p Path) string { return string(appendPathKey(nil, p)) }

// appendPathKey appends p's key (see pathKey) to b. The key of a path is
// the concatenation of its steps' keys, and a step's key is prefix-free:
// a tag, then an index, or a name's length and bytes. Without the length,
// a name holding byte 0x01 could spell another path's name and index, and
// one of two deletions would be lost.
func appendPathKey(b []byte, p Path) []byte {
	for _, s := range p {
		if s.IsIndex() {
			b = append(b, 1)
			b = binary.AppendUvarint(b, uint64(s.Index))
		} else {
			b = append(b, 0)
			b = binary.AppendUvarint(b, uint64(len(s.Key)))
			b = append(b, s.Key...)
		}
	}
	return b
}

// child is one member or item of a container: its step and the span from
// the start of its name (or value) to the end of its value.
type child struct {
	step PathStep
	span Span
}

// appendChildren appends the members or items of the container at raw[at]
// to cs.
func appendChildren(cs []child, raw []byte, at int) []child {
	if raw[at] == '{' {
		for ms := membersAt(raw, at); ; {
			name, value, ok := ms.next()
			if !ok {
				return cs
			}
			cs = append(cs, child{Key(memberName(raw[name.Start:name.End])), Span{name.Start, value.End}})
		}
	}
	for items := itemsAt(raw, at); ; {
		item, ok := items.next()
		if !ok {
			return cs
		}
		cs = append(cs, child{Index(items.n), item})
	}
}

// appendChildDeletions appends the spans that remove the deleted children with
// their commas: a deleted child followed by a kept one goes up to that
// one's start; the trailing run of deleted children goes from the end of
// the last kept child.
func appendChildDeletions(spans []Span, cs []child, deleted []bool) []Span {
	lastKept := -1
	for i := range cs {
		if !deleted[i] {
			lastKept = i
		}
	}
	for i := range cs {
		if !deleted[i] {
			continue
		}
		if i < lastKept {
			spans = append(spans, Span{cs[i].span.Start, cs[i+1].span.Start})
			continue
		}
		// The trailing run, after the last kept child.
		spans = append(spans, Span{cs[lastKept].span.End, cs[len(cs)-1].span.End})
		break
	}
	return spans
}

// lookup finds the value at p in the valid JSON value raw.
func lookup(raw []byte, p Path) (Span, bool) { return Selector(p).Resolve(raw) }

// Lookup returns the span of the value at p in the object.
func (o *Object) Lookup(p Path) (Span, bool) { return lookup(o.raw, p) }
