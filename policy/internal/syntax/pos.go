package syntax

import (
	"sort"
	"strconv"
)

// Pos is a position in a policy source.
//
// Line and Col are 1-based. Col counts Unicode code points (runes), not
// bytes, from the start of the line: that is what the YAML parser reports, and
// JSON positions are counted the same way so that both formats agree. Offset
// is the 0-based byte offset from the start of the source, for tools that
// slice the source. A leading UTF-8 byte order mark is not part of any line,
// so the first character after it is at 1:1 and Offset 3.
//
// The zero Pos is not a position; see [Pos.IsValid].
type Pos struct {
	File   string
	Line   int
	Col    int
	Offset int
}

// IsValid reports whether p is a position in a source.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String returns "file:line:col", or "line:col" when there is no file name,
// "file" when the position is not valid, and "-" when there is neither (as
// go/token does).
func (p Pos) String() string {
	s := p.File
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
	}
	if s == "" {
		s = "-"
	}
	return s
}

// A lineIndex converts between byte offsets and line:column positions in one
// source. Which characters break lines depends on the format: the YAML
// parser (libyaml's rules, from YAML 1.1) also breaks lines at NEL, LS and
// PS, so the index must count them too or every later position would be
// wrong; JSON only has CR, LF and CRLF outside strings.
//
// Columns count characters, and a policy may be one long line (minified
// JSON), so counting from the line start for every node would be quadratic.
// The index keeps the number of characters before every 64th byte instead;
// a conversion is a binary search and a scan of at most 64 bytes.
type lineIndex struct {
	file   string
	src    []byte
	starts []int // byte offset where each line starts; starts[0] skips a BOM
	ends   []int // byte offset of the line break ending each line, or len(src)
	runes  []int // runes[k] is the number of characters in src[:k*64]
}

const runeBlock = 64

func newLineIndex(file string, src []byte, start int, yamlBreaks bool) *lineIndex {
	x := &lineIndex{file: file, src: src, starts: []int{start}}
	for i := start; i < len(src); {
		n := breakLen(src, i, yamlBreaks)
		if n == 0 {
			i++
			continue
		}
		x.ends = append(x.ends, i)
		i += n
		x.starts = append(x.starts, i)
	}
	x.ends = append(x.ends, len(src))
	x.runes = make([]int, len(src)/runeBlock+1)
	count := 0
	for i := 0; i <= len(src); i++ {
		if i%runeBlock == 0 {
			x.runes[i/runeBlock] = count
		}
		if i < len(src) && isRuneStart(src[i]) {
			count++
		}
	}
	return x
}

// isRuneStart reports whether c starts a character. In valid UTF-8 each
// character has exactly one such byte, so counting them counts characters.
// (Parse rejects invalid UTF-8; its error points before the first bad byte.)
func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

// breakLen returns the length of the line break at src[i], or 0.
func breakLen(src []byte, i int, yamlBreaks bool) int {
	switch c := src[i]; {
	case c == '\r':
		if i+1 < len(src) && src[i+1] == '\n' {
			return 2
		}
		return 1
	case c == '\n':
		return 1
	case !yamlBreaks:
		return 0
	case c == 0xC2 && i+1 < len(src) && src[i+1] == 0x85: // NEL
		return 2
	case c == 0xE2 && i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9): // LS, PS
		return 3
	}
	return 0
}

// runesBefore returns the number of characters in src[:off].
func (x *lineIndex) runesBefore(off int) int {
	n := x.runes[off/runeBlock]
	for _, c := range x.src[off/runeBlock*runeBlock : off] {
		if isRuneStart(c) {
			n++
		}
	}
	return n
}

// pos returns the position of byte offset off, clamped to the source.
func (x *lineIndex) pos(off int) Pos {
	off = min(max(off, x.starts[0]), len(x.src))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	col := 1 + x.runesBefore(off) - x.runesBefore(x.starts[line])
	return Pos{File: x.file, Line: line + 1, Col: col, Offset: off}
}

// offset returns the byte offset of 1-based line and character column,
// clamped to the source: a line past the end gives the end of the source, a
// column past the end of its line gives the line's end (its line break).
func (x *lineIndex) offset(line, col int) int {
	if line < 1 {
		return x.starts[0]
	}
	if line > len(x.starts) {
		return len(x.src)
	}
	start, end := x.starts[line-1], x.ends[line-1]
	target := x.runesBefore(start) + max(col, 1) - 1
	// The last block that starts at or before the target character.
	k := sort.Search(len(x.runes), func(k int) bool { return x.runes[k] > target }) - 1
	off := max(k*runeBlock, start)
	if off >= end {
		return end
	}
	n := x.runesBefore(off)
	for ; off < end; off++ {
		if isRuneStart(x.src[off]) {
			if n == target {
				break
			}
			n++
		}
	}
	return off
}

// byteAt returns the byte at a 1-based line and character column (see
// offset), or 0 past the end.
func (x *lineIndex) byteAt(line, col int) byte {
	if off := x.offset(line, col); off >= 0 && off < len(x.src) {
		return x.src[off]
	}
	return 0
}

// at returns the position for a 1-based line and character column reported
// by a parser, with Offset filled in and both clamped to the source.

func (x *lineIndex) at(line, col int) Pos {
	return x.pos(x.offset(line, col))
}
