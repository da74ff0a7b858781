package detect_test

import (
	"fmt"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/airlock-cti/airlock/redact/detect"
)

// FuzzText checks that NewText never panics, keeps the original, gives a
// valid UTF-8 view, and that Orig maps spans of the view into the original
// on character boundaries, monotonically.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "john[at]example[.]com", "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", "hxxps://evil[.]example/path",
		"%6A%6F%68%6E%40example.com", "John AT example DOT com", "a\xffb", "e\u0301\u00ad\u200b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := detect.NewText(s)
		if x.String() != s {
			t.Fatalf("String() = %q, want %q", x.String(), s)
		}
		n := x.Normal()
		if !utf8.ValidString(n) {
			t.Fatalf("the view %q is not valid UTF-8", n)
		}
		bound := boundaries(s)
		// Every span for short texts; spans from a few starts otherwise.
		step := 1
		if len(n) > 64 {
			step = len(n)/16 + 1
		}
		prevS := -1
		for i := 0; i <= len(n); i += step {
			prevE := -1
			for j := i; j <= len(n); j++ {
				a, b := x.Orig(i, j)
				if a < 0 || b < a || b > len(s) || !bound[a] || !bound[b] {
					t.Fatalf("Orig(%d, %d) = (%d, %d) in %q (view %q): outside or off a boundary", i, j, a, b, s, n)
				}
				if b < prevE || j == i && a < prevS {
					t.Fatalf("Orig(%d, %d) = (%d, %d) in %q: not monotonic", i, j, a, b, s)
				}
				if j == i {
					prevS = a
				}
				prevE = b
			}
		}
		var y detect.Text
		y.Reset(s)
		if y.Normal() != n {
			t.Fatalf("Reset gives %q, NewText %q", y.Normal(), n)
		}
	})
}

// FuzzDetectors checks that no built-in detector panics and that every
// match keeps the contract.
func FuzzDetectors(f *testing.F) {
	for _, s := range []string{
		"mail John.Smith@Corp.Example.com or +44 20 7946 0958",
		"beacon 8.8.8.8:53, fe80::1%eth0, 10.0.0.1/8, aa:bb:cc:dd:ee:f0",
		`C:\Users\jsmith\AppData and /home/erin/.ssh`,
		"https://bob:pw@evil.example/?email=jane%40x.org",
		"srv01.corp.example.com 2026-01-10 CVE-2021-44228 T1566.001",
		"john [at] example [dot] com (202) 555-0143",
	} {
		f.Add(s)
	}
	ds := detect.Builtin(testConfig)
	f.Fuzz(func(t *testing.T, s string) {
		x := detect.NewText(s)
		// A reused Text also carries Reset's index of digit runs: the
		// detectors must find the same in it.
		var y detect.Text
		y.Reset("0 earlier 12 text 345")
		y.Reset(s)
		for _, d := range ds {
			var ms, reused []detect.Match
			d.Detect(x, func(m detect.Match) { ms = append(ms, m) })
			if err := validMatches(s, ms); err != nil {
				t.Fatalf("%s on %q: %v", d.Name(), s, err)
			}
			d.Detect(&y, func(m detect.Match) { reused = append(reused, m) })
			if !slices.Equal(ms, reused) {
				t.Fatalf("%s on %q: %v in a new Text, %v in a reused one", d.Name(), s, ms, reused)
			}
		}
	})
}

// boundaries marks the offsets of s that are boundaries of its UTF-8
// decoding (an invalid byte is a character of its own).
func boundaries(s string) []bool {
	b := make([]bool, len(s)+1)
	for k := 0; k < len(s); {
		b[k] = true
		_, size := utf8.DecodeRuneInString(s[k:])
		k += size
	}
	b[len(s)] = true
	return b
}

func validMatches(s string, ms []detect.Match) error {
	bound := boundaries(s)
	for k, m := range ms {
		switch {
		case m.Start < 0 || m.End > len(s) || m.Start >= m.End:
			return fmt.Errorf("match %d [%d,%d) empty or outside the text", k, m.Start, m.End)
		case !bound[m.Start] || !bound[m.End]:
			return fmt.Errorf("match %d [%d,%d) off a character boundary", k, m.Start, m.End)
		case k > 0 && m.Start < ms[k-1].Start:
			return fmt.Errorf("match %d starts before match %d", k, k-1)
		case m.Kind == "" || m.Value == "":
			return fmt.Errorf("match %d has no Kind or Value: %+v", k, m)
		}
	}
	return nil
}
