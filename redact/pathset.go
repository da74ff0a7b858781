package redact

import (
	"strconv"

	"github.com/airlock-cti/airlock/stix"
)

// A pathSet answers whether a path is, or lies inside, one of the paths
// of a list that grows (the deletions of the object being rewritten): a
// few are compared one by one; past fewPaths, every path is hashed, and a
// query looks up each of its prefixes, so that an object with thousands
// of removals and thousands of strings costs their sum, not their
// product.
type pathSet struct {
	index   map[string]struct{}
	indexed int    // how many of the list the index holds
	key     []byte // a query's key, reused
}

// fewPaths is the most paths a pathSet compares one by one.
const fewPaths = 16

// reset empties the index, for the next object's list.
func (s *pathSet) reset() {
	clear(s.index)
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
	if s.index == nil {
		s.index = map[string]struct{}{}
	}
	for ; s.indexed < len(paths); s.indexed++ {
		s.key = appendPathKey(s.key[:0], paths[s.indexed])
		s.index[string(s.key)] = struct{}{}
	}
	s.key = s.key[:0]
	for _, st := range p {
		s.key = appendStepKey(s.key, st)
		if _, ok := s.index[string(s.key)]; ok {
			return true
		}
	}
	return false
}

// appendPathKey appends a key that tells paths apart: each step's key, or
// index, closed by a byte no key holds.
func appendPathKey(b []byte, p stix.Path) []byte {
	for _, st := range p {
		b = appendStepKey(b, st)
	}
	return b
}

func appendStepKey(b []byte, st stix.PathStep) []byte {
	if st.IsIndex() {
		b = strconv.AppendInt(append(b, '#'), int64(st.Index), 10)
	} else {
		b = append(append(b, '.'), st.Key...)
	}
	return append(b, 0xff) // never in a decoded key (not UTF-8)
}
