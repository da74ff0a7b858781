package detecttest_test

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

// wordDetector reports each occurrence of a fixed lower-case word in the
// normalised view: a correct detector.
type wordDetector struct{ word string }

func (d wordDetector) Name() string { return "word" }

func (d wordDetector) Detect(t *detect.Text, found func(detect.Match)) {
	n := t.Normal()
	for i := 0; ; {
		k := strings.Index(n[i:], d.word)
		if k < 0 {
			return
		}
		s, e := t.Orig(i+k, i+k+len(d.word))
		found(detect.Match{Kind: "word", Start: s, End: e, Value: d.word})
		i += k + len(d.word)
	}
}

var wordCases = detecttest.Cases{
	Positives: []detecttest.Positive{
		{Text: "the secret word", Datum: "secret", Kind: "word", Value: "secret"},
		{Text: "SECRET"},
	},
	Negatives: []string{"nothing here", "secre t"},
	Variants:  detecttest.AllVariants,
}

func TestRunAcceptsACorrectDetector(t *testing.T) {
	detecttest.Run(t, wordDetector{"secret"}, wordCases)
}

// Broken detectors, each breaking one rule.

type panics struct{ wordDetector }

func (panics) Detect(t *detect.Text, found func(detect.Match)) {
	if strings.Contains(t.String(), "\xff") {
		panic("boom")
	}
	wordDetector{"secret"}.Detect(t, found)
}

type outOfBounds struct{ wordDetector }

func (outOfBounds) Detect(t *detect.Text, found func(detect.Match)) {
	wordDetector{"secret"}.Detect(t, func(m detect.Match) {
		m.End = len(t.String()) + 1
		found(m)
	})
}

type midRune struct{ wordDetector }

func (midRune) Detect(t *detect.Text, found func(detect.Match)) {
	if s := t.String(); strings.Contains(s, "é") {
		k := strings.Index(s, "é")
		found(detect.Match{Kind: "word", Start: k + 1, End: k + 2, Value: "x"})
	}
	wordDetector{"secret"}.Detect(t, found)
}

type unsorted struct{ wordDetector }

func (unsorted) Detect(t *detect.Text, found func(detect.Match)) {
	var ms []detect.Match
	wordDetector{"secret"}.Detect(t, func(m detect.Match) { ms = append(ms, m) })
	for k := len(ms) - 1; k >= 0; k-- {
		found(ms[k])
	}
}

type emptyValue struct{ wordDetector }

func (emptyValue) Detect(t *detect.Text, found func(detect.Match)) {
	wordDetector{"secret"}.Detect(t, func(m detect.Match) {
		m.Value = ""
		found(m)
	})
}

type origOnly struct{ wordDetector }

// Detect reads the original, not the normalised view, so it misses the
// variants and upper case.
func (origOnly) Detect(t *detect.Text, found func(detect.Match)) {
	s := t.String()
	for i := 0; ; {
		k := strings.Index(s[i:], "secret")
		if k < 0 {
			return
		}
		found(detect.Match{Kind: "word", Start: i + k, End: i + k + 6, Value: "secret"})
		i += k + 6
	}
}

type greedy struct{ wordDetector }

// Detect also fires on "nothing".
func (greedy) Detect(t *detect.Text, found func(detect.Match)) {
	if strings.Contains(t.Normal(), "nothing") {
		found(detect.Match{Kind: "word", Start: 0, End: 1, Value: "n"})
	}
	wordDetector{"secret"}.Detect(t, found)
}

type flaky struct {
	wordDetector
	n *atomic.Int64
}

func (f flaky) Detect(t *detect.Text, found func(detect.Match)) {
	if f.n.Add(1)%7 == 0 {
		found(detect.Match{Kind: "word", Start: 0, End: len(t.String()), Value: "flake"})
		return
	}
	wordDetector{"secret"}.Detect(t, found)
}

type noName struct{ wordDetector }

func (noName) Name() string { return "" }

func TestCheckCatchesBrokenDetectors(t *testing.T) {
	tests := []struct {
		name string
		d    detect.Detector
		want string // a part of the error
	}{
		{"panic", panics{}, "panic: boom"},
		{"out of bounds", outOfBounds{}, "outside the text"},
		{"mid rune", midRune{}, "not on UTF-8 boundaries"},
		{"unsorted", unsorted{}, "before match"},
		{"empty value", emptyValue{}, "empty Value"},
		{"variants missed", origOnly{}, "as fullwidth"},
		{"negative found", greedy{}, `negative "nothing here"`},
		{"nondeterministic", flaky{n: new(atomic.Int64)}, "differ"},
		{"no name", noName{wordDetector{"secret"}}, "Name() is empty"},
	}
	cases := wordCases
	cases.Positives = append(cases.Positives, detecttest.Positive{Text: "café secret", Datum: "secret"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := detecttest.CheckSize(tt.d, cases, 1<<14)
			if err == nil {
				t.Fatalf("Check passed a broken detector")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check's error does not mention %q:\n%.2000s", tt.want, err)
			}
		})
	}
}

func TestCheckPassesACorrectDetector(t *testing.T) {
	if err := detecttest.Check(wordDetector{"secret"}, wordCases); err != nil {
		t.Fatal(err)
	}
}

func TestCheckReportsAMisplacedDatum(t *testing.T) {
	err := detecttest.Check(wordDetector{"secret"}, detecttest.Cases{
		Positives: []detecttest.Positive{{Text: "secret", Datum: "public"}},
	})
	if err == nil || !strings.Contains(err.Error(), "not in the text") {
		t.Fatalf("Check = %v, want a complaint about the datum", err)
	}
}
