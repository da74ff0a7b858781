package syntax

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		p    Pos
		want string
	}{
		{Pos{File: "p.yaml", Line: 3, Col: 7, Offset: 40}, "p.yaml:3:7"},
		{Pos{Line: 3, Col: 7}, "3:7"},
		{Pos{File: "p.yaml"}, "p.yaml"},
		{Pos{}, "-"},
	} {
		if got := tc.p.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestLineIndex(t *testing.T) {
	// Each case lists offsets and the line:col they must map to, in both
	// directions.
	type at struct{ off, line, col int }
	for _, tc := range []struct {
		name       string
		src        string
		start      int
		yamlBreaks bool
		at         []at
	}{{
		name: "LF",
		src:  "ab\ncd\n",
		at:   []at{{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {6, 3, 1}},
	}, {
		name: "CRLF and lone CR",
		src:  "a\r\nb\rc",
		at:   []at{{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {4, 2, 2}, {5, 3, 1}, {6, 3, 2}},
	}, {
		name: "columns count characters",
		src:  "é€😀x\n",
		at:   []at{{0, 1, 1}, {2, 1, 2}, {5, 1, 3}, {9, 1, 4}, {10, 1, 5}, {11, 2, 1}},
	}, {
		name:  "byte order mark is not a column",
		src:   bom + "ab",
		start: 3,
		at:    []at{{3, 1, 1}, {4, 1, 2}, {5, 1, 3}},
	}, {
		name:       "YAML breaks at NEL, LS and PS",
		src:        "a\u0085b\u2028c\u2029d",
		yamlBreaks: true,
		at:         []at{{0, 1, 1}, {3, 2, 1}, {7, 3, 1}, {11, 4, 1}},
	}, {
		name: "JSON does not",
		src:  "a\u0085b\u2028c",
		at:   []at{{0, 1, 1}, {3, 1, 3}, {7, 1, 5}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			x := newLineIndex("f", []byte(tc.src), tc.start, tc.yamlBreaks)
			for _, a := range tc.at {
				want := Pos{File: "f", Line: a.line, Col: a.col, Offset: a.off}
				if got := x.pos(a.off); got != want {
					t.Errorf("pos(%d) = %+v, want %+v", a.off, got, want)
				}
				if got := x.at(a.line, a.col); got != want {
					t.Errorf("at(%d, %d) = %+v, want %+v", a.line, a.col, got, want)
				}
			}
		})
	}
}

func TestLineIndexClamps(t *testing.T) {
	// Parsers report positions past the end (the YAML scanner forces a
	// final line break); they land on the nearest real position.
	x := newLineIndex("f", []byte("ab\ncd"), 0, true)
	for _, tc := range []struct {
		line, col int
		want      Pos
	}{
		{1, 99, Pos{"f", 1, 3, 2}}, // past the line: its line break
		{2, 99, Pos{"f", 2, 3, 5}}, // past the last line: the end
		{3, 1, Pos{"f", 2, 3, 5}},  // a line that does not exist
		{0, 0, Pos{"f", 1, 1, 0}},
	} {
		if got := x.at(tc.line, tc.col); got != tc.want {
			t.Errorf("at(%d, %d) = %+v, want %+v", tc.line, tc.col, got, tc.want)
		}
	}
	// A column far past a short line whose next line is long: the
	// character count of a later block must not carry the offset over.
	long := newLineIndex("f", []byte("ab\n"+strings.Repeat("é", 200)), 0, true)
	if got, want := long.at(1, 150), (Pos{"f", 1, 3, 2}); got != want {
		t.Errorf("at(1, 150) = %+v, want %+v", got, want)
	}
	if got, want := long.at(2, 150), (Pos{"f", 2, 150, 3 + 149*2}); got != want {
		t.Errorf("at(2, 150) = %+v, want %+v", got, want)
	}
	if got, want := x.pos(-4), (Pos{"f", 1, 1, 0}); got != want {
		t.Errorf("pos(-4) = %+v, want %+v", got, want)
	}
	if got, want := x.pos(99), (Pos{"f", 2, 3, 5}); got != want {
		t.Errorf("pos(99) = %+v, want %+v", got, want)
	}
}

// TestLineIndexAgainstNaive compares the index with a plain scan over
// sources of long and short lines, mixed characters and every line break.
func TestLineIndexAgainstNaive(t *testing.T) {
	pieces := []string{"a", "b", " ", "é", "€", "😀", "\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var b strings.Builder
		if round%5 == 0 {
			b.WriteString(bom)
		}
		for range rng.IntN(300) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		src := []byte(b.String())
		start := 0
		if bytes.HasPrefix(src, []byte(bom)) {
			start = len(bom)
		}
		for _, yamlBreaks := range []bool{false, true} {
			x := newLineIndex("f", src, start, yamlBreaks)
			line, col := 1, 1
			for off := start; off <= len(src); {
				want := Pos{File: "f", Line: line, Col: col, Offset: off}
				if got := x.pos(off); got != want {
					t.Fatalf("%q (yaml %v): pos(%d) = %+v, want %+v", src, yamlBreaks, off, got, want)
				}
				if got := x.at(line, col); got != want {
					t.Fatalf("%q (yaml %v): at(%d, %d) = %+v, want %+v", src, yamlBreaks, line, col, got, want)
				}
				if off == len(src) {
					break
				}
				if n := breakLen(src, off, yamlBreaks); n > 0 {
					off += n
					line, col = line+1, 1
					continue
				}
				_, n := utf8.DecodeRune(src[off:])
				off += n
				col++
			}
		}
	}
}
