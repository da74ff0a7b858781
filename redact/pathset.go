package redact

import "github.com/airlock-cti/airlock/stix"

// A pathSet answers whether a path is, or lies inside, one of the paths
// of a list that grows (the deletions of the object being rewritten): a
// few are compared one by one; past fewPaths, they go into a stix.PathSet
// as the list grows, so that an object with thousands of removals and
// thousands of strings costs their sum, not their product.
type pathSet struct {
	set     stix.PathSet
	indexed int // how many of the list the set holds
}

// fewPaths is the most paths a pathSet compares one by one.
const fewPaths = 16

// reset empties the set, for the next object's list.
func (s *pathSet) reset() {
	s.set.Reset()
	s.indexed = 0
}

// covers reports whether p is one of paths or lies inside one.
func (s *pathSet) covers(paths []stix.Path, p stix.Path) bool {
	if len(paths) <= fewPaths {
		for _, q := range paths {
			if p.HasPrefix(q) {
				return true
			}
		}
		return false
	}
	for ; s.indexed < len(paths); s.indexed++ {
		s.set.Add(paths[s.indexed])
	}
	return s.set.Covers(p)
}
