package stix

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// errNeedMore says the buffer ended inside a value that may go on in input
// not read yet. Only the scanner and the reader see it.
var errNeedMore = errors.New("need more input")

// scanError is a problem found by the scanner, positioned in its buffer.
type scanError struct {
	off  int // offset in the scanned buffer
	kind error
	msg  string
	ptr  string // pointer relative to the scanned value
	// path is the path ptr writes, its names not yet hidden (errorName),
	// for a caller that scanned a value below an object's top level.
	path Path
}

func (e *scanError) Error() string { return e.msg }

// A member is one member of an object's top level: the span of its name
// (quotes included) and of its value, relative to the object's first byte.
type member struct {
	name  Span
	value Span
	esc   bool // the name holds escapes
}

// scanKey is one member name seen in an open object, for duplicate checks.
// Names without escapes point into the buffer; decoded ones into arena.
type scanKey struct {
	off, n  int
	head    uint64 // the name's first 8 bytes (fewer, zero-padded, if shorter)
	inArena bool
}

// nameHead returns the first 8 bytes of name as a number, zero-padded: two
// names of the same length up to 8 bytes are equal exactly when their
// heads are, and longer ones rarely share a head unless equal.
func nameHead(name []byte) uint64 {
	if len(name) >= 8 {
		return binary.LittleEndian.Uint64(name)
	}
	var h uint64
	for i := len(name) - 1; i >= 0; i-- {
		h = h<<8 | uint64(name[i])
	}
	return h
}

// scanFrame is one open object or list.
type scanFrame struct {
	obj   bool
	keys0 int // where this object's names start in scanner.keys
	n     int // members or items seen so far
	name  Span
	set   map[string]struct{} // names, once the object has many
	// seen has one bit set per name of the object, chosen by hashing its
	// length and head: a name whose bit is clear is new, with no
	// comparison (a one-word Bloom filter).
	seen uint64
}

// manyKeys is the member count above which duplicate checks switch from a
// linear scan of hashes to a map, so that huge dictionaries stay linear.
const manyKeys = 32

// scanner validates JSON values held in a buffer: RFC 8259 syntax, UTF-8,
// no lone surrogates, no duplicate member names at any depth (compared after
// decoding escapes), nesting within a limit. It records the members of the
// top level of the object it scans. It is reused from value to value and is
// not safe for concurrent use.
type scanner struct {
	maxDepth int
	stack    []scanFrame
	keys     []scanKey
	arena    []byte
	members  []member
	// stopAtObjects makes scanValue stop at a top-level member named
	// "objects" whose value is a list, when no non-bundle type has been
	// seen before it: that is where a bundle's or envelope's objects begin.
	stopAtObjects bool
	stopped       bool // scanValue stopped there; the offset returned is after '['

	// Room for the stack, names and members of a typical object, so that
	// a scanner used once (ParseObject) does not grow them step by step.
	stackRoom  [8]scanFrame
	keysRoom   [32]scanKey
	memberRoom [24]member
}

// useRoom points the scanner's buffers at its room. The scanner must not
// be copied afterwards.
func (s *scanner) useRoom() {
	s.stack, s.keys, s.members = s.stackRoom[:0], s.keysRoom[:0], s.memberRoom[:0]
}

// scanValue validates the JSON value starting at buf[start] (after any
// whitespace) and returns the offset just after it. eof says whether buf
// holds the rest of the input; if not, errNeedMore is returned when the
// value runs past the end of buf.
func (s *scanner) scanValue(buf []byte, start int, eof bool) (int, error) {
	s.stack = s.stack[:0]
	s.keys = s.keys[:0]
	s.arena = s.arena[:0]
	s.members = s.members[:0]
	s.stopped = false
	i := start
	var err error

	// The loop alternates between reading a value (top of loop) and
	// reading what follows a value in its container (after).
value:
	i = skipSpace(buf, i)
	if i >= len(buf) {
		return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input, expected a value")
	}
	switch c := buf[i]; {
	case c == '{':
		if len(s.stack) >= s.maxDepth {
			return s.fail(buf, i, true, ErrLimit, "nesting deeper than "+strconv.Itoa(s.maxDepth))
		}
		s.stack = append(s.stack, scanFrame{obj: true, keys0: len(s.keys)})
		i = skipSpace(buf, i+1)
		if i >= len(buf) {
			return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input in object")
		}
		if buf[i] == '}' {
			i++
			s.popObject()
			goto after
		}
		goto name
	case c == '[':
		if len(s.stack) >= s.maxDepth {
			return s.fail(buf, i, true, ErrLimit, "nesting deeper than "+strconv.Itoa(s.maxDepth))
		}
		s.stack = append(s.stack, scanFrame{})
		i = skipSpace(buf, i+1)
		if i >= len(buf) {
			return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input in list")
		}
		if buf[i] == ']' {
			i++
			s.stack = s.stack[:len(s.stack)-1]
			goto after
		}
		goto value
	case c == '"':
		var end int
		end, _, err = s.scanString(buf, i, eof)
		if err != nil {
			return 0, err
		}
		i = end
	case c == '-' || (c >= '0' && c <= '9'):
		i, err = s.scanNumber(buf, i, eof)
		if err != nil {
			return 0, err
		}
	case c == 't':
		i, err = s.scanLiteral(buf, i, eof, "true")
		if err != nil {
			return 0, err
		}
	case c == 'f':
		i, err = s.scanLiteral(buf, i, eof, "false")
		if err != nil {
			return 0, err
		}
	case c == 'n':
		i, err = s.scanLiteral(buf, i, eof, "null")
		if err != nil {
			return 0, err
		}
	case c == 'N' || c == 'I':
		return s.fail(buf, i, true, ErrSyntax, "NaN and Infinity are not JSON values")
	case c == 0xEF && len(buf) > i+2 && buf[i+1] == 0xBB && buf[i+2] == 0xBF:
		return s.fail(buf, i, true, ErrEncoding, "byte order mark (JSON text must not begin with one, RFC 8259 section 8.1)")
	default:
		return s.fail(buf, i, true, ErrSyntax, "invalid character "+quoteChar(c)+", expected a value")
	}

after:
	if len(s.stack) == 0 {
		return i, nil
	}
	{
		top := &s.stack[len(s.stack)-1]
		if top.obj && len(s.stack) == 1 {
			m := &s.members[len(s.members)-1]
			m.value.End = i - start
		}
		i = skipSpace(buf, i)
		if i >= len(buf) {
			return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input")
		}
		c := buf[i]
		if top.obj {
			switch c {
			case ',':
				top.n++
				i = skipSpace(buf, i+1)
				goto name
			case '}':
				i++
				s.popObject()
				goto after
			}
			return s.fail(buf, i, true, ErrSyntax, "invalid character "+quoteChar(c)+" after object member, expected ',' or '}'")
		}
		switch c {
		case ',':
			top.n++
			i++
			goto value
		case ']':
			i++
			s.stack = s.stack[:len(s.stack)-1]
			goto after
		}
		return s.fail(buf, i, true, ErrSyntax, "invalid character "+quoteChar(c)+" after list item, expected ',' or ']'")
	}

name:
	if i >= len(buf) {
		return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input, expected a member name")
	}
	if buf[i] != '"' {
		return s.fail(buf, i, true, ErrSyntax, "invalid character "+quoteChar(buf[i])+", expected a member name in quotes")
	}
	{
		// Until the name is read, the path is the object's: a problem in
		// the name is not in the member before it.
		top := &s.stack[len(s.stack)-1]
		top.name = Span{}
		end, esc, err := s.scanString(buf, i, eof)
		if se, ok := err.(*scanError); ok {
			se.msg += " (a member name)"
		}
		if err != nil {
			return 0, err
		}
		top.name = Span{i, end}
		if err := s.addName(buf, top, i+1, end-1, esc); err != nil {
			return 0, err
		}
		depth1 := len(s.stack) == 1
		if depth1 {
			n := len(s.members)
			if n == cap(s.members) {
				s.members = append(s.members, member{})
			}
			s.members = s.members[:n+1]
			m := &s.members[n]
			m.name, m.value.Start, m.esc = Span{i - start, end - start}, 0, esc
		}
		i = skipSpace(buf, end)
		if i >= len(buf) {
			return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input, expected ':'")
		}
		if buf[i] != ':' {
			return s.fail(buf, i, true, ErrSyntax, "invalid character "+quoteChar(buf[i])+" after member name, expected ':'")
		}
		i = skipSpace(buf, i+1)
		if i >= len(buf) {
			return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input, expected a value")
		}
		if depth1 {
			s.members[len(s.members)-1].value.Start = i - start
			if s.stopAtObjects && buf[i] == '[' && !esc && bytes.Equal(buf[top.name.Start+1:top.name.End-1], []byte("objects")) && !s.typedNonBundle(buf, start) {
				s.stopped = true
				return i + 1, nil
			}
		}
		goto value
	}
}

// typedNonBundle reports whether the top-level members seen so far include
// a type that is a string other than "bundle".
func (s *scanner) typedNonBundle(buf []byte, start int) bool {
	for _, m := range s.members[:len(s.members)-1] {
		if m.name.Len() == 6 && string(buf[start+m.name.Start:start+m.name.End]) == `"type"` {
			v := buf[start+m.value.Start : start+m.value.End]
			return !isBundleType(v)
		}
	}
	return false
}

func (s *scanner) popObject() {
	top := &s.stack[len(s.stack)-1]
	s.keys = s.keys[:top.keys0]
	s.stack = s.stack[:len(s.stack)-1]
}

// addName records a member name of the innermost object and fails if the
// object already has a member of that name. Small objects compare names
// directly (lengths first); objects with many members use a set, so that
// huge dictionaries stay linear.
func (s *scanner) addName(buf []byte, top *scanFrame, from, to int, esc bool) error {
	var name []byte
	k := scanKey{off: from, n: to - from}
	if esc {
		a := len(s.arena)
		s.arena = appendUnescaped(s.arena, buf[from:to])
		k = scanKey{off: a, n: len(s.arena) - a, inArena: true}
		name = s.arena[a:]
	} else {
		name = buf[from:to]
	}
	if !esc && from+8 <= len(buf) {
		// The head from one load: buf holds the closing quote and more.
		k.head = binary.LittleEndian.Uint64(buf[from:])
		if k.n < 8 {
			k.head &= 1<<(8*k.n) - 1
		}
	} else {
		k.head = nameHead(name)
	}
	if top.set != nil {
		if _, dup := top.set[string(name)]; dup {
			return s.dupErr(buf, from-1)
		}
		top.set[string(name)] = struct{}{}
		return nil
	}
	level := s.keys[top.keys0:]
	bit := uint64(1) << (((k.head + uint64(k.n)) * 0x9E3779B97F4A7C15) >> 58)
	if top.seen&bit != 0 {
		for _, o := range level {
			if o.head == k.head && o.n == k.n && (k.n <= 8 || bytes.Equal(s.keyBytes(buf, o), name)) {
				return s.dupErr(buf, from-1)
			}
		}
	}
	top.seen |= bit
	s.keys = append(s.keys, k)
	if len(level)+1 > manyKeys {
		top.set = make(map[string]struct{}, 2*manyKeys)
		for _, o := range s.keys[top.keys0:] {
			top.set[string(s.keyBytes(buf, o))] = struct{}{}
		}
	}
	return nil
}

func (s *scanner) dupErr(buf []byte, at int) error {
	_, err := s.fail(buf, at, true, ErrDuplicateName, "duplicate member name (names are compared after decoding escapes; readers disagree on which copy wins)")
	return err
}

func (s *scanner) keyBytes(buf []byte, k scanKey) []byte {
	if k.inArena {
		return s.arena[k.off : k.off+k.n]
	}
	return buf[k.off : k.off+k.n]
}

// fail returns errNeedMore when the input may simply go on (the problem is
// an end of buffer and eof is false), and a positioned error otherwise.
func (s *scanner) fail(buf []byte, at int, eof bool, kind error, msg string) (int, error) {
	if !eof && at >= len(buf) {
		return 0, errNeedMore
	}
	p := s.path(buf)
	return 0, &scanError{off: at, kind: kind, msg: msg, ptr: errorPointer(p), path: p}
}

// path returns the path to the value being scanned, from the scanned
// value.
func (s *scanner) path(buf []byte) Path {
	var p Path
	for _, f := range s.stack {
		if f.obj {
			if f.name.End > f.name.Start {
				p = append(p, Key(string(appendUnescaped(nil, buf[f.name.Start+1:f.name.End-1]))))
			}
		} else {
			p = append(p, Index(f.n))
		}
	}
	return p
}

// strClass marks the bytes that end the fast path of string scanning.
var strClass = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = true
	}
	t['"'] = true
	t['\\'] = true
	for c := 0x80; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// specialBytes returns the high bit of each byte of w (little-endian: the
// first byte is the lowest) that is a quote, a backslash, a control
// character or a non-ASCII byte. The lowest bit set is exact; bytes above
// it may be flagged falsely, by borrows, which callers never look at.
// (Bit tricks after "Bit Twiddling Hacks", haszero and hasless: below the
// first special byte no subtraction borrows.)
func specialBytes(w uint64) uint64 {
	return (w | (w - lsb*0x20) | ((w ^ lsb*'"') - lsb) | ((w ^ lsb*'\\') - lsb)) & msb
}

// scanString validates the string whose opening quote is at buf[at] and
// returns the offset after its closing quote and whether it holds escapes.
func (s *scanner) scanString(buf []byte, at int, eof bool) (end int, esc bool, err error) {
	i := at + 1
	for {
		// Skip to the first byte that needs a look: 16 bytes at a time,
		// then 8, then byte by byte near the end of the buffer.
		for i+16 <= len(buf) {
			b := buf[i : i+16]
			m0 := specialBytes(binary.LittleEndian.Uint64(b))
			m1 := specialBytes(binary.LittleEndian.Uint64(b[8:]))
			if m0|m1 != 0 {
				if m0 != 0 {
					i += bits.TrailingZeros64(m0) >> 3
				} else {
					i += 8 + bits.TrailingZeros64(m1)>>3
				}
				goto look
			}
			i += 16
		}
		for i+8 <= len(buf) {
			if m := specialBytes(binary.LittleEndian.Uint64(buf[i:])); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				goto look
			}
			i += 8
		}
		for i < len(buf) && !strClass[buf[i]] {
			i++
		}
		if i >= len(buf) {
			_, err = s.fail(buf, i, eof, ErrSyntax, "unexpected end of input in string")
			return
		}
	look:
		switch c := buf[i]; {
		case c == '"':
			return i + 1, esc, nil
		case c == '\\':
			esc = true
			n, e := s.scanEscape(buf, i, eof)
			if e != nil {
				return 0, false, e
			}
			i += n
		case c < 0x20:
			_, err = s.fail(buf, i, true, ErrSyntax, "control character in string (must be escaped)")
			return
		default:
			r, size := utf8.DecodeRune(buf[i:])
			if r == utf8.RuneError && size <= 1 {
				if !eof && !utf8.FullRune(buf[i:]) {
					return 0, false, errNeedMore
				}
				_, err = s.fail(buf, i, true, ErrEncoding, "invalid UTF-8 in string")
				return
			}
			i += size
		}
	}
}

// scanEscape validates the escape sequence at buf[at] (a backslash) and
// returns its length. A \u escape of a UTF-16 surrogate must be a high
// surrogate followed by a \u escape of a low one (RFC 7493 section 2.1).
func (s *scanner) scanEscape(buf []byte, at int, eof bool) (int, error) {
	if at+1 >= len(buf) {
		_, err := s.fail(buf, len(buf), eof, ErrSyntax, "unexpected end of input in escape")
		return 0, err
	}
	switch buf[at+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
	default:
		_, err := s.fail(buf, at, true, ErrSyntax, "invalid escape sequence in string")
		return 0, err
	}
	r, err := s.hex4(buf, at+2, eof)
	if err != nil {
		return 0, err
	}
	switch {
	case r >= 0xDC00 && r <= 0xDFFF:
		_, err := s.fail(buf, at, true, ErrEncoding, "lone low surrogate in \\u escape")
		return 0, err
	case r >= 0xD800 && r <= 0xDBFF:
		if at+7 >= len(buf) {
			if !eof {
				return 0, errNeedMore
			}
		}
		if at+7 >= len(buf) || buf[at+6] != '\\' || buf[at+7] != 'u' {
			_, err := s.fail(buf, at, true, ErrEncoding, "high surrogate in \\u escape not followed by a low one")
			return 0, err
		}
		lo, err := s.hex4(buf, at+8, eof)
		if err != nil {
			return 0, err
		}
		if lo < 0xDC00 || lo > 0xDFFF {
			_, err := s.fail(buf, at, true, ErrEncoding, "high surrogate in \\u escape not followed by a low one")
			return 0, err
		}
		return 12, nil
	}
	return 6, nil
}

func (s *scanner) hex4(buf []byte, at int, eof bool) (rune, error) {
	var r rune
	for j := 0; j < 4; j++ {
		if at+j >= len(buf) {
			_, err := s.fail(buf, len(buf), eof, ErrSyntax, "unexpected end of input in \\u escape")
			return 0, err
		}
		c := buf[at+j]
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			_, err := s.fail(buf, at+j, true, ErrSyntax, "invalid hexadecimal digit in \\u escape")
			return 0, err
		}
		r = r<<4 | rune(v)
	}
	return r, nil
}

// scanNumber validates an RFC 8259 number. It needs the byte after the
// number to know the number has ended, unless eof.
func (s *scanner) scanNumber(buf []byte, at int, eof bool) (int, error) {
	i := at
	more := func() (int, error) {
		return s.fail(buf, i, eof, ErrSyntax, "unexpected end of input in number")
	}
	if buf[i] == '-' {
		i++
		if i >= len(buf) {
			return more()
		}
		if buf[i] == 'I' {
			return s.fail(buf, i, true, ErrSyntax, "NaN and Infinity are not JSON values")
		}
	}
	switch {
	case buf[i] == '0':
		i++
	case buf[i] >= '1' && buf[i] <= '9':
		i++
		for i < len(buf) && buf[i] >= '0' && buf[i] <= '9' {
			i++
		}
	default:
		return s.fail(buf, i, true, ErrSyntax, "invalid number")
	}
	if i >= len(buf) {
		if eof {
			return i, nil
		}
		return more()
	}
	if buf[i] == '.' {
		i++
		if i >= len(buf) {
			return more()
		}
		if buf[i] < '0' || buf[i] > '9' {
			return s.fail(buf, i, true, ErrSyntax, "invalid number: no digit after decimal point")
		}
		for i < len(buf) && buf[i] >= '0' && buf[i] <= '9' {
			i++
		}
		if i >= len(buf) {
			if eof {
				return i, nil
			}
			return more()
		}
	}
	if buf[i] == 'e' || buf[i] == 'E' {
		i++
		if i < len(buf) && (buf[i] == '+' || buf[i] == '-') {
			i++
		}
		if i >= len(buf) {
			return more()
		}
		if buf[i] < '0' || buf[i] > '9' {
			return s.fail(buf, i, true, ErrSyntax, "invalid number: no digit in exponent")
		}
		for i < len(buf) && buf[i] >= '0' && buf[i] <= '9' {
			i++
		}
		if i >= len(buf) && !eof {
			return more()
		}
	}
	return i, nil
}

func (s *scanner) scanLiteral(buf []byte, at int, eof bool, lit string) (int, error) {
	for j := 0; j < len(lit); j++ {
		if at+j >= len(buf) {
			return s.fail(buf, at+j, eof, ErrSyntax, "unexpected end of input in literal")
		}
		if buf[at+j] != lit[j] {
			return s.fail(buf, at, true, ErrSyntax, "invalid literal, expected "+lit)
		}
	}
	return at + len(lit), nil
}

func skipSpace(buf []byte, i int) int {
	for i < len(buf) {
		switch buf[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func quoteChar(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	return "0x" + strconv.FormatUint(uint64(c), 16)
}

// appendUnescaped appends the decoded form of the body of a valid JSON
// string (without its quotes) to dst.
func appendUnescaped(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '\\')
		if j < 0 {
			return append(dst, src[i:]...)
		}
		dst = append(dst, src[i:i+j]...)
		i += j
		if i+1 >= len(src) {
			return dst
		}
		switch c := src[i+1]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hexRune(src[i+2:])
			n := 6
			if r >= 0xD800 && r <= 0xDBFF && i+12 <= len(src) && src[i+6] == '\\' && src[i+7] == 'u' {
				lo := hexRune(src[i+8:])
				if lo >= 0xDC00 && lo <= 0xDFFF {
					r = (r-0xD800)<<10 + (lo - 0xDC00) + 0x10000
					n = 12
				}
			}
			dst = utf8.AppendRune(dst, r)
			i += n
			continue
		default:
			dst = append(dst, c)
		}
		i += 2
	}
	return dst
}

func hexRune(b []byte) rune {
	if len(b) < 4 {
		return utf8.RuneError
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return utf8.RuneError
		}
	}
	return r
}
