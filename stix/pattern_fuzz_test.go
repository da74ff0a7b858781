package stix

import (
	"errors"
	"strings"
	"testing"
)

// FuzzPatternLiterals checks, for any input, that PatternLiterals does not
// panic, that errors are *PatternError with an offset inside the input, and
// that reported literals are sound:
//   - spans are ordered, do not overlap, and each operator precedes its
//     literal;
//   - each span covers exactly QuotePatternLiteral(Value) (STIX has a single
//     spelling for each string, so "modulo escaping" is equality here), and
//     unquoting the span gives Value back;
//   - requoting every value returns the input unchanged;
//   - replacing every value with one full of pattern syntax leaves the same
//     comparisons in the same places.
func FuzzPatternLiterals(f *testing.F) {
	for _, tc := range patternLiteralCases {
		f.Add(tc.pattern)
	}
	for _, ex := range specExamples {
		f.Add(ex.pattern)
	}
	f.Add(`[x:y = 'a\`)
	f.Add(`[x:y = 'a'] /* c`)
	f.Add("[x:y = b'AAA=\n'] START t'2016-06-01T00:00:00Z' STOP t'2016-06-01T00:00:60.1Z'")
	f.Fuzz(func(t *testing.T, pattern string) {
		lits, err := PatternLiterals(pattern)
		if err != nil {
			var perr *PatternError
			if !errors.As(err, &perr) {
				t.Fatalf("error %v is %T, not *PatternError", err, err)
			}
			if perr.Offset < 0 || perr.Offset > len(pattern) {
				t.Fatalf("error offset %d outside a %d-byte pattern", perr.Offset, len(pattern))
			}
			if lits != nil {
				t.Fatalf("literals returned with an error")
			}
			return
		}
		prevEnd := 0
		for i, l := range lits {
			if l.OpSpan.Start < 0 || l.OpSpan.End > l.Span.Start || l.Span.Start < prevEnd || l.Span.End > len(pattern) {
				t.Fatalf("literal %d: bad spans %+v after %d in a %d-byte pattern", i, l, prevEnd, len(pattern))
			}
			prevEnd = l.Span.End
			raw := pattern[l.Span.Start:l.Span.End]
			if raw != QuotePatternLiteral(l.Value) {
				t.Fatalf("literal %d: span %q is not the quoted value %q", i, raw, l.Value)
			}
			if got := unquoteForTest(raw); got != l.Value {
				t.Fatalf("literal %d: span %q unquotes to %q, value %q", i, raw, got, l.Value)
			}
			if l.ObjectType == "" || l.Property == "" || l.Op == "" {
				t.Fatalf("literal %d: missing comparison %+v", i, l)
			}
		}
		// Requoting changes nothing.
		same := make([]PatternEdit, len(lits))
		for i, l := range lits {
			same[i] = PatternEdit{Span: l.Span, Text: QuotePatternLiteral(l.Value)}
		}
		if out, err := EditPattern(pattern, same); err != nil || out != pattern {
			t.Fatalf("requoting values gave %q, %v", out, err)
		}
		// New values hostile to a naive rewriter keep the structure.
		const prefix = `'] OR [a:b = 'c\'`
		edits := make([]PatternEdit, len(lits))
		for i, l := range lits {
			edits[i] = PatternEdit{Span: l.Span, Text: QuotePatternLiteral(prefix + l.Value)}
		}
		out, err := EditPattern(pattern, edits)
		if err != nil {
			t.Fatalf("EditPattern: %v", err)
		}
		again, err := PatternLiterals(out)
		if err != nil {
			t.Fatalf("rewritten pattern %q does not parse: %v", out, err)
		}
		if len(again) != len(lits) {
			t.Fatalf("rewritten pattern has %d literals, want %d", len(again), len(lits))
		}
		for i := range again {
			want := lits[i]
			got := again[i]
			if got.Value != prefix+want.Value || got.Op != want.Op || got.Not != want.Not ||
				got.ObjectType != want.ObjectType || got.Property != want.Property {
				t.Fatalf("literal %d after rewrite: got %+v, want %+v with the new value", i, got, want)
			}
		}
	})
}

// unquoteForTest reads a string constant independently of the lexer: strip
// the apostrophes and read each backslash pair as its second character.
func unquoteForTest(raw string) string {
	body := raw[1 : len(raw)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' && i+1 < len(body) {
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String()
}
