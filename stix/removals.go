package stix

import "slices"

// Removals holds the paths of content deleted from one object, prepared so
// that many selectors can be corrected for them: Apply gives the answer
// Selector.AfterRemoval gives, in time that grows with the selector's length
// and only logarithmically with the number of removals, where AfterRemoval
// compares the selector with every removed path. Make one with NewRemovals.
type Removals struct {
	few   []Path           // a few removals, compared one by one (AfterRemoval)
	gone  PathSet          // the removed paths
	items map[string][]int // key of a list -> removed indexes, sorted, distinct
}

// fewRemovals is the most removals Apply compares one by one, as
// AfterRemoval does: fewer than a map costs to build.
const fewRemovals = 16

// NewRemovals prepares the removed paths for Apply. The paths are in the
// coordinates of the object before any removal, as for AfterRemoval; they
// must not change while r is in use.
func NewRemovals(removed []Path) *Removals {
	if len(removed) <= fewRemovals {
		return &Removals{few: removed}
	}
	r := &Removals{items: make(map[string][]int)}
	for _, p := range removed {
		r.gone.Add(p)
		if n := len(p); n > 0 && p[n-1].IsIndex() {
			k := pathKey(p[:n-1])
			r.items[k] = append(r.items[k], p[n-1].Index)
		}
	}
	for k, ix := range r.items {
		slices.Sort(ix)
		r.items[k] = slices.Compact(ix)
	}
	return r
}

// Apply recomputes s after the removals, as s.AfterRemoval(removed) does
// with the paths r was made from.
func (r *Removals) Apply(s Selector) (Selector, bool) {
	if r.items == nil {
		return s.AfterRemoval(r.few)
	}
	if r.gone.Covers(Path(s)) {
		return nil, false
	}
	var key []byte
	var out Selector
	for d, step := range s {
		if step.IsIndex() {
			if ix := r.items[string(key)]; len(ix) > 0 {
				// The distinct indexes removed before this one.
				if shift, _ := slices.BinarySearch(ix, step.Index); shift > 0 {
					if out == nil {
						out = slices.Clone(s)
					}
					out[d].Index -= shift
				}
			}
		}
		key = appendPathKey(key, Path(s[d:d+1]))
	}
	if out == nil {
		return s, true
	}
	return out, true
}
