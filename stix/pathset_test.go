package stix

import (
	"math/rand/v2"
	"testing"
)

// TestPathSet checks Covers against the obvious test on random paths,
// the empty path and names holding the key's own bytes included.
func TestPathSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := 0; round < 300; round++ {
		var s PathSet
		var paths []Path
		for n := rng.IntN(12); n > 0; n-- {
			p := randomPath(rng, 3)
			if rng.IntN(6) == 0 {
				p = append(p, Key("\x01\x02"))
			}
			paths = append(paths, p)
			s.Add(p)
		}
		for q := 0; q < 30; q++ {
			p := randomPath(rng, 4)
			want := false
			for _, r := range paths {
				want = want || p.HasPrefix(r)
			}
			if got := s.Covers(p); got != want {
				t.Fatalf("round %d: Covers(%v) = %v with %v, want %v", round, p, got, paths, want)
			}
		}
		s.Reset()
		if s.Covers(Path{Key("a")}) || s.Covers(nil) {
			t.Fatal("an empty set covers a path")
		}
	}
}
