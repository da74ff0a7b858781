package redact

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/google/go-cmp/cmp"
)

// pairwiseOverlaps is resolveOverlaps's rule the obvious way: longest
// first, then earliest, each kept unless it overlaps one kept before.
func pairwiseOverlaps(ms []candidate) []candidate {
	order := slices.Clone(ms)
	slices.SortStableFunc(order, func(a, b candidate) int {
		if la, lb := a.m.End-a.m.Start, b.m.End-b.m.Start; la != lb {
			return lb - la
		}
		return a.m.Start - b.m.Start
	})
	var kept []candidate
	for _, c := range order {
		ok := true
		for _, k := range kept {
			if c.m.Start < k.m.End && k.m.Start < c.m.End {
				ok = false
			}
		}
		if ok {
			kept = append(kept, c)
		}
	}
	slices.SortStableFunc(kept, func(a, b candidate) int { return a.m.Start - b.m.Start })
	return kept
}

// TestResolveOverlaps checks both of resolveOverlaps's ways (pairwise for
// a few candidates, a bitmap for many) against the rule, on random
// candidates, dense and sparse, across word boundaries of the bitmap.
func TestResolveOverlaps(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sc := newDetectScratch()
	for round := 0; round < 400; round++ {
		n := 1 + rng.IntN(3*fewCandidates)
		text := 1 + rng.IntN(600)
		ms := make([]candidate, n)
		for k := range ms {
			start := rng.IntN(text)
			end := start + 1 + rng.IntN(min(text-start, 1+rng.IntN(150)))
			ms[k] = candidate{m: detect.Match{Start: start, End: end}, det: uint8(k)}
		}
		sc.ms = append(sc.ms[:0], ms...)
		got := slices.Clone(sc.resolveOverlaps())
		if diff := cmp.Diff(pairwiseOverlaps(ms), got, cmp.AllowUnexported(candidate{})); diff != "" {
			t.Fatalf("round %d, %d candidates over %d bytes (-want +got):\n%s", round, n, text, diff)
		}
	}
}

// TestResolveOverlapsMany resolves the matches of a log pasted into a
// note: a hundred thousand lines, each with a match inside another. The
// pairwise way took half a minute on such an object; the time is logged,
// not asserted.
func TestResolveOverlapsMany(t *testing.T) {
	if testing.Short() {
		t.Skip("large input: not in -short")
	}
	var b strings.Builder
	for i := 0; i < 100000; i++ {
		b.WriteString("conn from 10.1.2.3 ok\n")
	}
	sc := newDetectScratch()
	sc.ms = sc.ms[:0]
	for i := 0; i < 100000; i++ {
		s := i*22 + 10
		sc.ms = append(sc.ms, candidate{m: detect.Match{Start: s, End: s + 8}})
		sc.ms = append(sc.ms, candidate{m: detect.Match{Start: s + 2, End: s + 6}}) // inside the first
	}
	start := time.Now()
	kept := sc.resolveOverlaps()
	if len(kept) != 100000 {
		t.Fatalf("kept %d, want 100000", len(kept))
	}
	t.Logf("%d candidates resolved in %v", 200000, time.Since(start))
}

// TestBitmap checks any and set against a slice of bools.
func TestBitmap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 300
	b := make(bitmap, (n+63)/64)
	var ref [n]bool
	for round := 0; round < 2000; round++ {
		s := rng.IntN(n)
		e := s + 1 + rng.IntN(n-s)
		want := slices.Contains(ref[s:e], true)
		if got := b.any(s, e); got != want {
			t.Fatalf("round %d: any(%d, %d) = %v, want %v", round, s, e, got, want)
		}
		if rng.IntN(8) == 0 {
			b.set(s, e)
			for i := s; i < e; i++ {
				ref[i] = true
			}
		}
		if rng.IntN(100) == 0 {
			clear(b)
			ref = [n]bool{}
		}
	}
}
