package detect

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// hostNeedleMajor is the host detector as it was before it walked the
// dots once: each needle in turn over all the dots. It is the reference
// for TestHostDotsOnce.
func hostNeedleMajor(d hostDetector, t *Text) []Match {
	if !t.Has(ClassDot) {
		return nil
	}
	n := t.norm
	var dots []int
	for i := 0; ; {
		k := strings.IndexByte(n[i:], '.')
		if k < 0 {
			break
		}
		dots = append(dots, i+k)
		i += k + 1
	}
	var ms []Match
	for _, nd := range d.needles {
		if nd.dot < 0 {
			for i := 0; i < len(n); {
				k := strings.Index(n[i:], nd.text)
				if k < 0 {
					break
				}
				var m Match
				var ok bool
				if m, i, ok = d.hostAt(t, i+k, nd); ok {
					ms = append(ms, m)
				}
			}
			continue
		}
		i := 0
		for _, q := range dots {
			if p := q - nd.dot; p >= i && q+1 < len(n) && n[q+1] == nd.afterDot && hasPrefixAt(n, p, nd.text) {
				var m Match
				var ok bool
				if m, i, ok = d.hostAt(t, p, nd); ok {
					ms = append(ms, m)
				}
			}
		}
	}
	if len(ms) > 1 {
		sort.Slice(ms, func(a, b int) bool { return ms[a].Start < ms[b].Start })
		k := 0
		for _, m := range ms {
			if k == 0 || m.Start != ms[k-1].Start {
				ms[k] = m
				k++
			}
		}
		ms = ms[:k]
	}
	for k := range ms {
		ms[k].Start, ms[k].End = t.Orig(ms[k].Start, ms[k].End)
	}
	return ms
}

// TestHostDotsOnce checks the host detector, which tries each dot of the
// view on the needles the byte after it allows, against the needle by
// needle reference, with nested and dotless internal domains, on random
// strings.
func TestHostDotsOnce(t *testing.T) {
	d := newHostDetector(compile(&Config{InternalDomains: []string{"example.org", "corp.example.org", "ex.org", "intra"}}))
	pieces := []string{"example", "corp", "ex", "org", "intra", "local", "lan", "home", "arpa", ".", ".", "..", "-", "a", "ws1", " ", "@", "://", "Ex", "é"}
	r := rand.New(rand.NewPCG(17, 18))
	var x Text
	several := 0
	for range 100000 {
		var b strings.Builder
		for range r.IntN(16) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		x.Reset(b.String())
		var got []Match
		d.Detect(&x, func(m Match) { got = append(got, m) })
		if want := hostNeedleMajor(*d, &x); !slices.Equal(got, want) {
			t.Fatalf("in %q: %v; needle by needle: %v", x.String(), got, want)
		}
		if len(got) > 1 {
			several++
		}
	}
	if several == 0 {
		t.Fatal("no random string held several host names")
	}
}
