package stix

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/airlock-cti/airlock/redact/redacttest"
)

// The Editor as it was before it reused memory, kept as the reference its
// faster Apply must agree with (TestEditorAgreesWithReference).

func (e *Editor) refApply(dst []byte) ([]byte, []Path, error) {
	raw := e.o.raw
	dels, emptied, err := e.refDeletionSpans()
	if err != nil {
		return nil, nil, err
	}
	edits := make([]replacement, 0, len(e.repl)+len(dels)+1)
	for _, r := range e.repl {
		inside := false
		for _, d := range dels {
			if d.Contains(r.span) && d.Len() > 0 {
				inside = true
				break
			}
		}
		if !inside {
			edits = append(edits, r)
		}
	}
	for _, d := range dels {
		edits = append(edits, replacement{span: d})
	}
	if len(e.inserts) > 0 {
		edits = append(edits, e.insertion())
	}
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].span.Start != edits[j].span.Start {
			return edits[i].span.Start < edits[j].span.Start
		}
		return edits[i].span.End < edits[j].span.End
	})
	pos := 0
	for _, ed := range edits {
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

func (e *Editor) refDeletionSpans() ([]Span, []Path, error) {
	if len(e.dels) == 0 {
		return nil, nil, nil
	}
	raw := e.o.raw
	set := make(map[string]bool, len(e.dels))
	var paths []Path
	for _, p := range e.dels {
		if len(p) == 0 {
			return nil, nil, &EditError{Path: p, Msg: "cannot delete the object itself"}
		}
		k := refPathKey(p)
		if !set[k] {
			set[k] = true
			paths = append(paths, p)
		}
	}
	// Keep only outermost paths: drop those with a deleted ancestor.
	byParent := map[string][]Path{} // parent key -> deleted children
	parents := map[string]Path{}
	depth := 0
	for _, p := range paths {
		under := false
		for n := 1; n < len(p); n++ {
			if set[refPathKey(p[:n])] {
				under = true
				break
			}
		}
		if under {
			continue
		}
		pk := refPathKey(p[:len(p)-1])
		byParent[pk] = append(byParent[pk], p)
		parents[pk] = p[:len(p)-1]
		depth = max(depth, len(p)-1)
	}
	var emptied []Path
	var spans []Span
	for d := depth; d >= 0; d-- {
		var keys []string
		for k, p := range parents {
			if len(p) == d {
				keys = append(keys, k)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return comparePaths(parents[keys[i]], parents[keys[j]]) < 0 }) // as Apply orders them
		for _, pk := range keys {
			parent := parents[pk]
			ps, ok := lookup(raw, parent)
			if !ok || (raw[ps.Start] != '{' && raw[ps.Start] != '[') {
				continue // nothing there to delete
			}
			children := refChildSpans(raw, ps.Start)
			gone := make(map[PathStep]bool, len(byParent[pk]))
			for _, p := range byParent[pk] {
				gone[p[len(p)-1]] = true
			}
			deleted := make([]bool, len(children))
			all := true
			for i, c := range children {
				deleted[i] = gone[c.step]
				all = all && deleted[i]
			}
			if !all {
				spans = append(spans, refChildDeletions(children, deleted)...)
				continue
			}
			if len(parent) == 0 {
				return nil, nil, &EditError{Msg: "deletions would leave the object empty"}
			}
			emptied = append(emptied, parent)
			gk := refPathKey(parent[:len(parent)-1])
			byParent[gk] = append(byParent[gk], parent)
			parents[gk] = parent[:len(parent)-1]
		}
	}
	return spans, emptied, nil
}

func refPathKey(p Path) string {
	var b []byte
	for _, s := range p {
		if s.IsIndex() {
			b = append(b, 1)
			b = strconv.AppendInt(b, int64(s.Index), 10)
		} else {
			b = append(b, 0)
			b = append(b, s.Key...)
		}
	}
	return string(b)
}

func refChildSpans(raw []byte, at int) []child {
	var cs []child
	if raw[at] == '{' {
		forEachMember(raw, at, func(name, value Span) bool {
			cs = append(cs, child{Key(unquote(raw[name.Start:name.End])), Span{name.Start, value.End}})
			return true
		})
		return cs
	}
	forEachItem(raw, at, func(n int, item Span) bool {
		cs = append(cs, child{Index(n), item})
		return true
	})
	return cs
}

func refChildDeletions(cs []child, deleted []bool) []Span {
	var spans []Span
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

// TestEditorAgreesWithReference records random replacements and deletions
// (of leaves, their containers, list items, whole members, duplicates and
// paths that do not exist) on generated and corpus objects, and checks
// that Apply and Emptied give what the reference gives, reusing one
// Editor throughout.
func TestEditorAgreesWithReference(t *testing.T) {
	inputs := [][]byte{redacttest.Bundle(redacttest.Options{Seed: 11, Objects: 400, UnknownRate: 0.02, Prose: true, Victims: 0.2})}
	if data, err := os.ReadFile(filepath.Join(corpusDir, "attack/ics-attack-18.1.json")); err == nil {
		inputs = append(inputs, data)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	e := NewEditor(nil)
	var out []byte
	n := 0
	for _, data := range inputs {
		r := NewBytesReader(data, nil)
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			e.Reset(o)
			ref := NewEditor(o)
			for l := range o.Leaves() {
				p := append(Path(nil), l.Path...)
				switch rng.IntN(8) {
				case 0:
					e.Replace(l.Span, []byte(`"R"`))
					ref.Replace(l.Span, []byte(`"R"`))
				case 1, 2:
					if len(p) > 1 && p[len(p)-1].Key != "type" && p[len(p)-1].Key != "id" {
						if rng.IntN(3) == 0 {
							p = p[:len(p)-1]
						}
						e.Delete(p)
						ref.Delete(p)
						if rng.IntN(4) == 0 {
							e.Delete(p) // twice
							ref.Delete(p)
						}
					}
				case 3:
					missing := append(p[:len(p):len(p)], Key("missing"))
					e.Delete(missing)
					ref.Delete(missing)
				}
			}
			if rng.IntN(5) == 0 {
				e.Set("x_added", []byte(`1`))
				ref.Set("x_added", []byte(`1`))
			}
			_, _, wantEmptiedErr := ref.refDeletionSpans()
			_, gotEmptied, gotEmptiedErr := e.deletionSpans()
			want, wantGone, wantErr := ref.refApply(nil)
			got, gone, err := e.Apply(out[:0])
			out = got
			if fmt.Sprint(err) != fmt.Sprint(wantErr) || fmt.Sprint(gotEmptiedErr) != fmt.Sprint(wantEmptiedErr) {
				t.Fatalf("object %d: error %v, reference %v", o.Index(), err, wantErr)
			}
			if string(got) != string(want) || fmt.Sprint(gone) != fmt.Sprint(wantGone) || fmt.Sprint(gotEmptied) != fmt.Sprint(wantGone) {
				t.Fatalf("object %d:\n got %s %v\nwant %s %v", o.Index(), got, gone, want, wantGone)
			}
			n++
		}
	}
	if n < 400 {
		t.Fatalf("only %d objects", n)
	}
}
