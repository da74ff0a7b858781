package syntax

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the candidate closest to got, for a "did you mean"
// message, or "" when none is close enough. Comparison ignores case.
//
// A candidate is close when its edit distance from got is at most 2 and
// smaller than got's length (so "ab" suggests nothing for "cd"). The
// distance counts insertions, deletions, substitutions and transpositions of
// adjacent characters (optimal string alignment), so "aciton" is one edit
// from "action". Failing that, a candidate that extends got or that got
// extends ("juris" and "jurisdictions") is close when the shorter of the
// two has at least 3 characters. Ties go to the earlier candidate.
func Suggest(got string, candidates []string) string {
	g := []rune(strings.ToLower(got))
	best, bestDist := "", 3
	for _, c := range candidates {
		cr := []rune(strings.ToLower(c))
		if abs(len(cr)-len(g)) >= bestDist {
			continue
		}
		if d := distance(g, cr); d < bestDist && d < len(g) {
			best, bestDist = c, d
		}
	}
	if best != "" {
		return best
	}
	lg := string(g)
	bestDiff := -1
	for _, c := range candidates {
		lc := strings.ToLower(c)
		short, long := lg, lc
		if len(short) > len(long) {
			short, long = long, short
		}
		if utf8.RuneCountInString(short) < 3 || !strings.HasPrefix(long, short) {
			continue
		}
		if diff := len(long) - len(short); bestDiff < 0 || diff < bestDiff {
			best, bestDiff = c, diff
		}
	}
	return best
}

// distance returns the optimal string alignment distance between a and b.
func distance(a, b []rune) int {
	// Three rows: two back for transpositions, one back, current.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
