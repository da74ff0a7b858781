package redact

import (
	"math/rand/v2"
	"testing"

	"github.com/airlock-cti/airlock/stix"
)

// TestPathSet checks covers against the obvious test, below and above
// fewPaths, with the list growing between queries as deletions do.
func TestPathSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	randPath := func() stix.Path {
		p := stix.Path{stix.Key([]string{"a", "b", "x_map"}[rng.IntN(3)])}
		for n := rng.IntN(4); n > 0; n-- {
			if rng.IntN(2) == 0 {
				p = append(p, stix.Index(rng.IntN(3)))
			} else {
				p = append(p, stix.Key([]string{"k", "0", "#0", ".k"}[rng.IntN(4)]))
			}
		}
		return p
	}
	for round := 0; round < 50; round++ {
		var s pathSet
		var paths []stix.Path
		for n := 0; n < 60; n++ {
			if rng.IntN(3) == 0 {
				paths = append(paths, randPath())
			}
			p := randPath()
			want := false
			for _, q := range paths {
				want = want || p.HasPrefix(q)
			}
			if got := s.covers(paths, p); got != want {
				t.Fatalf("round %d: covers(%v, %v) = %v, want %v", round, paths, p, got, want)
			}
		}
		s.reset()
		if s.covers(paths[:0], stix.Path{stix.Key("a")}) {
			t.Fatal("an empty list covers a path")
		}
	}
}
