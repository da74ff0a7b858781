package stix

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// The scanner's fast paths (strings skipped 8 bytes at a time, member
// names compared by length and first 8 bytes before their bytes) must
// agree with the obvious way: these tests check them against
// encoding/json, which decodes names, and against a byte-at-a-time
// string check.

// nameSpellings are member names, each written several ways: plain, with
// escapes, and differing from a neighbour only after 8 bytes or only by
// an escape.
var nameSpellings = []string{
	`a`, `\u0061`, `b`, `ab`, `a\u0062`, `type`, `typ\u0065`, `\u0074\u0079\u0070\u0065`,
	`created`, `revoked`, `modified`, `modifie\u0064`, `abcdefgh`, `abcdefgi`, `abcdefgh1`,
	`abcdefgh2`, `abcdefg\u0068`, `abcdefgh\u0031`, `x_mitre_version`, `x_mitre_versio\u006e`,
	`é`, `\u00e9`, `\u00E9`, `😀`, `\ud83d\ude00`, `a\/b`, `a/b`, `tab\t`, `tab\u0009`, ``,
	`objects`, `0123456789abcdef`, `0123456789abcdeg`,
}

// decodedName decodes a name spelling as encoding/json does.
func decodedName(t *testing.T, spelling string) string {
	t.Helper()
	var s string
	if err := json.Unmarshal([]byte(`"`+spelling+`"`), &s); err != nil {
		t.Fatalf("bad spelling %q: %v", spelling, err)
	}
	return s
}

// TestScanDuplicateNames builds objects from random spellings, at the top
// level and nested, small and with more than manyKeys members, and checks
// that the scanner finds a duplicate exactly when two names decode alike,
// at the second of them.
func TestScanDuplicateNames(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 3000; round++ {
		n := 1 + rng.IntN(6)
		if round%10 == 0 {
			n = manyKeys + rng.IntN(8)
		}
		var b strings.Builder
		b.WriteString(`{"type":"x-t","id":"x-t--0","o":{`)
		seen := map[string]bool{}
		dupAt := -1
		for k := 0; k < n; k++ {
			sp := nameSpellings[rng.IntN(len(nameSpellings))]
			if n > manyKeys && rng.IntN(4) > 0 {
				sp = "k" + strings.Repeat("0", rng.IntN(3)) + string(rune('a'+k%26)) + strings.Repeat("z", k/26)
			}
			if k > 0 {
				b.WriteByte(',')
			}
			if d := decodedName(t, sp); seen[d] && dupAt < 0 {
				dupAt = b.Len()
			} else {
				seen[d] = true
			}
			b.WriteString(`"` + sp + `":1`)
		}
		b.WriteString(`}}`)
		doc := b.String()
		_, err := ParseObject([]byte(doc), nil)
		var ie *InputError
		switch {
		case dupAt < 0 && err != nil:
			t.Fatalf("%s: unexpected error %v", doc, err)
		case dupAt >= 0 && (!errors.As(err, &ie) || !errors.Is(err, ErrDuplicateName)):
			t.Fatalf("%s: want a duplicate at byte %d, got %v", doc, dupAt, err)
		case dupAt >= 0 && ie.Offset != int64(dupAt):
			t.Fatalf("%s: duplicate reported at byte %d, want %d", doc, ie.Offset, dupAt)
		}
	}
}

// TestScanStringAgrees checks scanString on random strings against a
// byte-at-a-time reading of the rules: it ends at the first unescaped
// quote, and fails on a control character or invalid UTF-8, at the same
// offset.
func TestScanStringAgrees(t *testing.T) {
	alphabet := []string{"a", "Z", " ", "\"", "\\\\", "\\\"", "\\n", "\\u00e9", "\x01", "\x1f", "\x7f", "é", "😀", "\xff", "\xc3", "~", "\\"}
	rng := rand.New(rand.NewPCG(3, 4))
	var s scanner
	for round := 0; round < 20000; round++ {
		var b strings.Builder
		b.WriteByte('"')
		for k := rng.IntN(40); k > 0; k-- {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		b.WriteString(`"` + strings.Repeat(" ", rng.IntN(12)))
		buf := []byte(b.String())
		end, _, err := s.scanString(buf, 0, true)
		wantEnd, wantOff := slowString(buf)
		var se *scanError
		switch {
		case wantOff < 0 && (err != nil || end != wantEnd):
			t.Fatalf("%q: got end %d err %v, want end %d", buf, end, err, wantEnd)
		case wantOff >= 0 && (!errors.As(err, &se) || se.off != wantOff):
			t.Fatalf("%q: got end %d err %v, want an error at %d", buf, end, err, wantOff)
		}
	}
}

// slowString reads the string at buf[0] a byte at a time and returns the
// offset after its closing quote, or the offset of the first problem
// (control character, invalid UTF-8, bad escape) as the second result.
func slowString(buf []byte) (end, problem int) {
	for i := 1; i < len(buf); {
		c := buf[i]
		switch {
		case c == '"':
			return i + 1, -1
		case c == '\\':
			if i+1 >= len(buf) {
				return 0, len(buf)
			}
			switch buf[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				i += 6 // the alphabet writes only valid \u escapes
			default:
				return 0, i
			}
		case c < 0x20:
			return 0, i
		case c >= 0x80:
			r, size := utf8.DecodeRune(buf[i:])
			if r == utf8.RuneError && size <= 1 {
				return 0, i
			}
			i += size
		default:
			i++
		}
	}
	return 0, len(buf)
}
