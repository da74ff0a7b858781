package stix

// A PathSet is a set of paths that answers whether a path is one of them
// or lies inside one, in time that grows with the path's length, not with
// the number of paths: each path is kept by its key (see pathKey), and a
// query looks up each of its prefixes. The zero value is empty and ready.
type PathSet struct {
	keys map[string]struct{}
	key  []byte // a query's key, reused
}

// Add adds p.
func (s *PathSet) Add(p Path) {
	if s.keys == nil {
		s.keys = map[string]struct{}{}
	}
	s.key = appendPathKey(s.key[:0], p)
	s.keys[string(s.key)] = struct{}{}
}

// Covers reports whether p, or one of its prefixes, is in the set. The
// empty path covers every path.
func (s *PathSet) Covers(p Path) bool {
	if len(s.keys) == 0 {
		return false
	}
	s.key = s.key[:0]
	if _, ok := s.keys[""]; ok {
		return true
	}
	for i := range p {
		s.key = appendPathKey(s.key, p[i:i+1])
		if _, ok := s.keys[string(s.key)]; ok {
			return true
		}
	}
	return false
}

// Reset empties the set, keeping its memory.
func (s *PathSet) Reset() { clear(s.keys) }
