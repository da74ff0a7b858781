package stix

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// randomJSON writes a random JSON value of at most depth levels, with
// repeated, escaped and duplicate member names, and records in paths the
// paths of the values it writes.
func randomJSON(rng *rand.Rand, b *strings.Builder, at Path, depth int, paths *[]Path) {
	*paths = append(*paths, append(Path(nil), at...))
	names := []string{"a", "b", "a_b", "x-1"}
	written := map[string]string{"a": `"\u0061"`, "b": `"\u0062"`}
	switch k := rng.IntN(4); {
	case depth == 0 || k == 0:
		b.WriteString([]string{`"s"`, `12`, `true`, `null`, `"\"]}"`}[rng.IntN(5)])
	case k == 1:
		b.WriteString("[ ")
		n := rng.IntN(6)
		for i := range n {
			if i > 0 {
				b.WriteString(" , ")
			}
			randomJSON(rng, b, append(at, Index(i)), depth-1, paths)
		}
		b.WriteString("]")
	default:
		b.WriteString("{")
		n := rng.IntN(6)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			name := names[rng.IntN(len(names))]
			if w, ok := written[name]; ok && rng.IntN(3) == 0 {
				b.WriteString(w)
			} else {
				b.WriteString(strconv.Quote(name))
			}
			b.WriteString(" : ")
			randomJSON(rng, b, append(at, Key(name)), depth-1, paths)
		}
		b.WriteString("}")
	}
}

// TestResolverMatchesResolve checks on random objects that a Resolver
// finds what Selector.Resolve finds, for paths that exist and paths that
// do not, asked in any order and more than once.
func TestResolverMatchesResolve(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		var b strings.Builder
		var paths []Path
		randomJSON(rng, &b, nil, 4, &paths)
		raw := []byte(b.String())
		// Paths that miss: a step changed, one added.
		for _, p := range paths[:len(paths):len(paths)] {
			q := append(Path(nil), p...)
			switch {
			case len(q) > 0 && q[len(q)-1].IsIndex():
				q[len(q)-1].Index += 1 + rng.IntN(3)
			case len(q) > 0:
				q[len(q)-1] = Key(q[len(q)-1].Key + "z")
			}
			paths = append(paths, q, append(append(Path(nil), p...), Index(0)), append(append(Path(nil), p...), Key("a")))
		}
		r := NewResolver(raw)
		for range 2 {
			rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
			for _, p := range paths {
				want, wok := Selector(p).Resolve(raw)
				got, ok := r.Resolve(p)
				if got != want || ok != wok {
					t.Fatalf("%s in %s: Resolver gives %v %v, Resolve %v %v", p, raw, got, ok, want, wok)
				}
			}
		}
	}
}

// TestResolverInvalid checks that a Resolver, like Resolve, does not panic
// on JSON that is not valid, and agrees with it there.
func TestResolverInvalid(t *testing.T) {
	for _, raw := range []string{``, `{`, `{"a"`, `{"a":`, `{"a":[1,`, `{"a":[1 2]}`, `[`, `{"a":1 "b":2}`, `{"a\`} {
		for _, p := range []Path{nil, {Key("a")}, {Key("a"), Index(1)}, {Key("b")}, {Index(0)}} {
			want, wok := Selector(p).Resolve([]byte(raw))
			got, ok := NewResolver([]byte(raw)).Resolve(p)
			if wok != ok || (ok && got != want) {
				t.Errorf("%s in %q: Resolver gives %v %v, Resolve %v %v", p, raw, got, ok, want, wok)
			}
		}
	}
}

// BenchmarkResolverList resolves every item of a long list, as the
// selectors of a granular marking over each item do.
func BenchmarkResolverList(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"labels":[`)
	for i := range 10000 {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(`"label-` + strconv.Itoa(i) + `"`)
	}
	sb.WriteString(`]}`)
	raw := []byte(sb.String())
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for range b.N {
		r := NewResolver(raw)
		for i := range 10000 {
			if _, ok := r.Resolve(Path{Key("labels"), Index(i)}); !ok {
				b.Fatal("not found")
			}
		}
	}
}
