package detect

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// generalView builds s's view by the general path alone: pass 1 from the
// first byte, then pass 2, classes counted on the result.
func generalView(s string) *Text {
	t := &Text{orig: s, norm: s}
	t.normalise(0)
	return t
}

// textPieces are what the random strings are made of: ASCII letters of
// both cases, digits and punctuation, and the makings of every rewrite.
var textPieces = []string{
	"a", "d", "h", "x", "t", "o", "A", "D", "H", "X", "T", "Z", "0", "7", " ", " ", ".", "@", ":", "/", "\\", "-", "+",
	"(", ")", "[", "]", "{", "}", "%", "%41", "%2e", "%2E", "%20", "%7f", "%zz", "?", "&", "=", "\t", "\n",
	"hxxp", "HXXPS", "hxxps://", "[.]", "(.)", "{dot}", "[DOT]", "[at]", "(@)", "[://]", "[:]//",
	" dot ", " DOT ", " at ", " AT ", " [at] ", " [.] ", "john", "Example", "com", "Jane",
}

// nonASCIIPieces add the characters pass 1 rewrites.
var nonASCIIPieces = []string{"é", "e\u0301", "Ｊ", "\u200b", "\u00ad", "ß", "İ", "\xff", "１", "．", "＠"}

func randomText(r *rand.Rand, pieces []string) string {
	var b strings.Builder
	for range r.IntN(24) {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// TestResetFastPathsAgree checks Reset, whose ASCII path lower-cases in
// one pass and skips rewrite passes with nothing to rewrite, against the
// general path on random strings.
func TestResetFastPathsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	all := append(slices.Clone(textPieces), nonASCIIPieces...)
	var x Text
	for i := range 200000 {
		pieces := textPieces
		if i%4 == 3 {
			pieces = all
		}
		s := randomText(r, pieces)
		x.Reset(s)
		g := generalView(s)
		if x.norm != g.norm || !slices.Equal(x.toOrig, g.toOrig) || x.class != g.class {
			t.Fatalf("Reset(%q): view %q, map %v, classes %b; general path: %q, %v, %b",
				s, x.norm, x.toOrig, x.class, g.norm, g.toOrig, g.class)
		}
	}
}

// TestNextRuleSkipsNothing checks that each rewrite rule's next skips
// only offsets where its at finds no rewrite.
func TestNextRuleSkipsNothing(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		s := strings.ToLower(randomText(r, textPieces))
		for _, rule := range []rewriteRule{percentRule, defangRule} {
			seen := newNeedleSeen()
			for i := 0; i < len(s); {
				j := rule.next(s, i, &seen)
				for k := i; k < j; k++ {
					if _, n := rule.at(s, k); n > 0 {
						t.Fatalf("in %q next(%d) = %d skips a rewrite at %d", s, i, j, k)
					}
				}
				i = j + 1
			}
		}
	}
}

// TestRewritePassesAgree checks each rewrite pass, whose rule's next
// jumps between needles it searches for, against the same pass trying
// every offset, on random lower-case strings and on prose.
func TestRewritePassesAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	every := func(s string, i int, _ *needleSeen) int { return i }
	texts := []string{"john [at] example [dot] com", "hosted at evil.example (dot) and john at example dot com",
		"mail jane at corp(.)example then hxxp://a[.]b"}
	for range 100000 {
		texts = append(texts[:3], strings.ToLower(randomText(r, textPieces)))
		for _, s := range texts {
			for _, rule := range []rewriteRule{percentRule, defangRule} {
				var b1, b2 rewriteScratch
				v1, m1 := rewritePass(s, nil, len(s), rule, &b1)
				v2, m2 := rewritePass(s, nil, len(s), rewriteRule{rule.at, every}, &b2)
				if v1 != v2 || !slices.Equal(m1, m2) {
					t.Fatalf("pass over %q: %q %v; trying every offset: %q %v", s, v1, m1, v2, m2)
				}
			}
		}
	}
}

// TestLowerASCII checks the eight-bytes-at-a-time lower-casing, and
// Reset's from the capitals it indexes, against strings.ToLower for
// every ASCII byte at every place of a word and of the tail after the
// words.
func TestLowerASCII(t *testing.T) {
	base := []byte("Mixed CASE ascii Z@[`{ text!")
	var x Text
	for c := range 0x80 {
		for i := range base {
			s := slices.Clone(base)
			s[i] = byte(c)
			want := strings.ToLower(string(s))
			if got := lowerASCII(string(s)); got != want {
				t.Fatalf("lowerASCII(%q) = %q, want %q", s, got, want)
			}
			if x.Reset(string(s)); x.toOrig == nil && x.Normal() != want {
				t.Fatalf("Reset(%q) gives the view %q, want %q", s, x.Normal(), want)
			}
		}
	}
}

// TestParseIPv4AgreesWithNetip checks the IPv4 reader against
// netip.ParseAddr on random runs of digits and dots.
func TestParseIPv4AgreesWithNetip(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"0", "1", "2", "5", "9", "25", "255", "256", "00", "01", "100", "999", "1000", ".", "."}
	for range 200000 {
		s := randomText(r, pieces)
		want, err := netip.ParseAddr(s)
		got, ok := parseIPv4(s)
		if ok != (err == nil) || ok && got != want {
			t.Fatalf("parseIPv4(%q) = %v, %t; netip.ParseAddr: %v, %v", s, got, ok, want, err)
		}
		// The IP detector takes an address's text as its Value.
		if ok && got.String() != s {
			t.Fatalf("parseIPv4(%q) = %v, which netip prints otherwise", s, got)
		}
		for bits := range 33 {
			if p := fmt.Sprintf("%s/%d", s, bits); ok && netip.PrefixFrom(got, bits).String() != p {
				t.Fatalf("prefix %q prints as %v", p, netip.PrefixFrom(got, bits))
			}
		}
	}
}

// TestNameValueFastPath checks that a name isNameValue passes as it is
// is what the general path makes of it.
func TestNameValueFastPath(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"jane", "doe", "O'Brien", "anna-lena", "Müller", " ", " ", "  ", "\t", "\n", "\u00a0", "x", "7", "İ"}
	fast := 0
	for range 100000 {
		s := randomText(r, pieces)
		if !isNameValue(s) {
			continue
		}
		fast++
		if v := spacedLower(s); v != s {
			t.Fatalf("isNameValue(%q) but its value is %q", s, v)
		}
	}
	if fast == 0 {
		t.Fatal("no random name took the fast path")
	}
}

// TestCapitalIndexAgrees checks the capitals Reset indexes against a
// scan of the original, on random strings with and without non-ASCII.
func TestCapitalIndexAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	all := append(slices.Clone(textPieces), nonASCIIPieces...)
	var x Text
	for n := range 50000 {
		pieces := textPieces
		if n%4 == 3 {
			pieces = all
		}
		s := randomText(r, pieces) + randomText(r, pieces)
		x.Reset(s)
		k := 0
		if !x.capitalsIndexed {
			for i := 0; i <= len(s); i++ {
				if got, want := x.nextCapital(i, &k), nextUpperASCII(s, i); got != want {
					t.Fatalf("Reset(%q): next capital from %d is %d, want %d", s, i, got, want)
				}
			}
			continue
		}
		// Indexed: the view's offsets whose byte comes from a capital.
		v := x.Normal()
		for i := 0; i <= len(v); i++ {
			want := i
			for want < len(v) {
				o := want
				if x.toOrig != nil {
					o = int(x.toOrig[want])
				}
				if c := s[o]; c >= 'A' && c <= 'Z' {
					break
				}
				want++
			}
			if got := x.nextCapital(i, &k); got != want {
				t.Fatalf("Reset(%q) (view %q): next capital from %d is %d, want %d", s, v, i, got, want)
			}
		}
	}
}

// TestASCIIDigitRanges checks what asciiDigit relies on: each range of
// unicode.Nd beyond ASCII is whole runs of ten digits, each from its zero.
func TestASCIIDigitRanges(t *testing.T) {
	check := func(lo, hi, stride uint32) {
		if lo < 0x80 {
			return
		}
		if stride != 1 || (hi-lo+1)%10 != 0 {
			t.Errorf("unicode.Nd range %U-%U (stride %d) is not whole runs of ten", lo, hi, stride)
		}
	}
	for _, g := range unicode.Nd.R16 {
		check(uint32(g.Lo), uint32(g.Hi), uint32(g.Stride))
	}
	for _, g := range unicode.Nd.R32 {
		check(g.Lo, g.Hi, g.Stride)
	}
	for in, want := range map[rune]rune{'٠': '0', '٤': '4', '۹': '9', '४': '4', '๔': '4', '০': '0', '৯': '9', '４': '4', '𝟗': '9', 'a': 0, '5': 0, '〇': 0, '二': 0} {
		got, ok := asciiDigit(in)
		if !ok {
			got = 0
		}
		if got != want {
			t.Errorf("asciiDigit(%q) = %q, want %q", in, got, want)
		}
	}
}
