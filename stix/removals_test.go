package stix

import (
	"math/rand/v2"
	"testing"
)

// randomPath returns a short random path over few names and indexes, so
// that random paths often share parents and prefixes.
func randomPath(rng *rand.Rand, maxLen int) Path {
	p := make(Path, rng.IntN(maxLen+1))
	for i := range p {
		if rng.IntN(2) == 0 {
			p[i] = Index(rng.IntN(4))
		} else {
			p[i] = Key([]string{"a", "b", "\x01"}[rng.IntN(3)])
		}
	}
	return p
}

// TestRemovalsMatchAfterRemoval checks on random selectors and removals
// that Removals.Apply gives what Selector.AfterRemoval gives.
func TestRemovalsMatchAfterRemoval(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		removed := make([]Path, rng.IntN(2*fewRemovals+8)) // below and above fewRemovals
		for i := range removed {
			removed[i] = randomPath(rng, 3)
			if len(removed[i]) == 0 && rng.IntN(4) > 0 {
				removed[i] = Path{Index(1)} // the empty path, rarely
			}
		}
		r := NewRemovals(removed)
		for range 20 {
			s := Selector(randomPath(rng, 4))
			want, wok := s.AfterRemoval(removed)
			got, ok := r.Apply(s)
			if ok != wok || !Path(got).Equal(Path(want)) {
				t.Fatalf("%s after %v: Apply gives %s %v, AfterRemoval %s %v", s, removed, got, ok, want, wok)
			}
		}
	}
}
