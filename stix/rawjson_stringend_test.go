package stix

import (
	"strings"
	"testing"
)

// TestStringEndEscapes runs stringEnd over every string of up to 11
// tokens, each a letter, an escaped backslash or an escaped quote, so that
// escapes fall on both sides of where its short-string loop hands over to
// IndexByte.
func TestStringEndEscapes(t *testing.T) {
	tokens := []string{"a", `\\`, `\"`}
	var body strings.Builder
	var walk func(n int)
	walk = func(n int) {
		s := `"` + body.String() + `"`
		b := []byte(s + `,"next"`)
		if end, ok := stringEnd(b, 0); !ok || end != len(s) {
			t.Fatalf("stringEnd(%s) = %d, %v; want %d", b, end, ok, len(s))
		}
		if _, ok := stringEnd([]byte(s[:len(s)-1]), 0); ok {
			t.Fatalf("stringEnd(%s) found an end in an unterminated string", s[:len(s)-1])
		}
		if n == 0 {
			return
		}
		for _, tok := range tokens {
			k := body.Len()
			body.WriteString(tok)
			walk(n - 1)
			s := body.String()[:k]
			body.Reset()
			body.WriteString(s)
		}
	}
	walk(11)
}
