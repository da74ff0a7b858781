package stix

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A CanonicalJSONError reports why CanonicalJSON refused its input. It
// never quotes the input, which may hold personal data.
type CanonicalJSONError struct {
	// Offset is the byte offset in the input where the problem was found.
	Offset int
	// Reason says what is wrong.
	Reason string
}

// Error describes the problem and its offset.
func (e *CanonicalJSONError) Error() string {
	return "stix: cannot canonicalise JSON: " + e.Reason + " at byte offset " + strconv.Itoa(e.Offset)
}

// Reasons a CanonicalJSONError gives. The first group are JSON syntax
// errors; the second are valid JSON that RFC 8785 still refuses, because it
// requires I-JSON (RFC 7493) input whose numbers are IEEE 754 doubles.
const (
	jcsReasonEmpty      = "no JSON value"
	jcsReasonTrailing   = "data after the JSON value"
	jcsReasonUnexpected = "unexpected character"
	jcsReasonEOF        = "unexpected end of input"
	jcsReasonNumber     = "malformed number"
	jcsReasonLiteral    = "malformed literal"
	jcsReasonControl    = "unescaped control character in string"
	jcsReasonEscape     = "invalid escape in string"

	jcsReasonUTF8      = "invalid UTF-8 in string"
	jcsReasonSurrogate = "unpaired UTF-16 surrogate escape in string"
	jcsReasonDuplicate = "duplicate member name"
	jcsReasonRange     = "number outside the range of an IEEE 754 double"
	jcsReasonDepth     = "nesting deeper than 10000"
)

// jcsMaxDepth bounds nesting so that hostile input cannot exhaust the stack;
// encoding/json uses the same limit.
const jcsMaxDepth = 10000

// CanonicalJSON returns the RFC 8785 (JCS) canonical form of a JSON value:
// members sorted by the UTF-16 code units of their names (RFC 8785 section
// 3.2.3), no insignificant whitespace, strings with the minimal escaping
// ECMAScript's JSON.stringify uses (section 3.2.2.2), and numbers in the
// ECMAScript shortest round-trip form (section 3.2.2.3), so 1.0 becomes 1,
// 1e21 becomes 1e+21 and -0 becomes 0. Array order is kept.
//
// STIX 2.1 section 2.9 names this serialisation for the names of
// deterministic SCO identifiers.
//
// Input that is not JSON is an error, as is JSON that RFC 8785 cannot
// canonicalise (I-JSON, RFC 7493): invalid UTF-8, an escaped lone UTF-16
// surrogate, a duplicate member name, a number outside the range of an
// IEEE 754 double. Numbers too small for a double round to zero, as they do
// in ECMAScript. The error is a *CanonicalJSONError. CanonicalJSON never
// panics.
func CanonicalJSON(raw []byte) ([]byte, error) {
	return appendCanonicalJSON(make([]byte, 0, len(raw)), raw, 0)
}

// appendCanonicalJSON appends the canonical form of raw to dst. Error
// offsets are base plus the offset in raw, so that a caller canonicalising a
// value taken from a larger document can report positions in that document.
func appendCanonicalJSON(dst, raw []byte, base int) ([]byte, error) {
	var p jcsParser
	return p.canonicalise(dst, raw, base)
}

// canonicalise is appendCanonicalJSON on a parser whose buffers may be
// reused from an earlier call, which saves allocations when many small
// values are canonicalised in turn.
func (p *jcsParser) canonicalise(dst, raw []byte, base int) ([]byte, error) {
	p.src, p.pos, p.base, p.out = raw, 0, base, dst
	p.skipSpace()
	if p.pos == len(p.src) {
		return nil, p.fail(jcsReasonEmpty)
	}
	if err := p.value(0); err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos != len(p.src) {
		return nil, p.fail(jcsReasonTrailing)
	}
	return p.out, nil
}

// jcsParser reads one JSON value and writes its canonical form as it goes.
// Object members are written in input order and reordered once the object
// is complete.
type jcsParser struct {
	src  []byte
	pos  int
	base int
	out  []byte

	// members holds the members of every object still open, innermost last.
	members []jcsMember
	// names holds the decoded names of members, which refer to it by offset.
	names []byte
	// str holds the decoded text of the string being read.
	str []byte
	// tmp holds an object's members while they are written back sorted.
	tmp []byte
}

// jcsMember is one member of an object being canonicalised: the span of its
// decoded name in names, where its name started in the input, and the span
// of its canonical "name":value in out.
type jcsMember struct {
	name       [2]int
	offset     int
	start, end int
}

// name returns the decoded name of m.
func (p *jcsParser) name(m jcsMember) []byte { return p.names[m.name[0]:m.name[1]] }

func (p *jcsParser) fail(reason string) error {
	return &CanonicalJSONError{Offset: p.base + p.pos, Reason: reason}
}

func (p *jcsParser) failAt(pos int, reason string) error {
	return &CanonicalJSONError{Offset: p.base + pos, Reason: reason}
}

// skipSpace skips the four whitespace characters RFC 8259 allows.
func (p *jcsParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jcsParser) value(depth int) error {
	if p.pos >= len(p.src) {
		return p.fail(jcsReasonEOF)
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		if depth >= jcsMaxDepth {
			return p.fail(jcsReasonDepth)
		}
		return p.object(depth + 1)
	case c == '[':
		if depth >= jcsMaxDepth {
			return p.fail(jcsReasonDepth)
		}
		return p.array(depth + 1)
	case c == '"':
		_, err := p.string()
		return err
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	}
	return p.fail(jcsReasonUnexpected)
}

func (p *jcsParser) literal(lit string) error {
	if !bytes.HasPrefix(p.src[p.pos:], []byte(lit)) {
		return p.fail(jcsReasonLiteral)
	}
	p.pos += len(lit)
	p.out = append(p.out, lit...)
	return nil
}

func (p *jcsParser) array(depth int) error {
	p.pos++ // '['
	p.out = append(p.out, '[')
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		p.out = append(p.out, ']')
		return nil
	}
	for {
		p.skipSpace()
		if err := p.value(depth); err != nil {
			return err
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.fail(jcsReasonEOF)
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.out = append(p.out, ',')
		case ']':
			p.pos++
			p.out = append(p.out, ']')
			return nil
		default:
			return p.fail(jcsReasonUnexpected)
		}
	}
}

func (p *jcsParser) object(depth int) error {
	p.pos++ // '{'
	p.out = append(p.out, '{')
	body := len(p.out)
	first, firstName := len(p.members), len(p.names)
	defer func() { p.members, p.names = p.members[:first], p.names[:firstName] }()

	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.out = append(p.out, '}')
		return nil
	}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.fail(jcsReasonEOF)
		}
		if p.src[p.pos] != '"' {
			return p.fail(jcsReasonUnexpected)
		}
		m := jcsMember{offset: p.pos, start: len(p.out)}
		name, err := p.string()
		if err != nil {
			return err
		}
		m.name[0] = len(p.names)
		p.names = append(p.names, name...)
		m.name[1] = len(p.names)
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.fail(jcsReasonEOF)
		}
		if p.src[p.pos] != ':' {
			return p.fail(jcsReasonUnexpected)
		}
		p.pos++
		p.out = append(p.out, ':')
		p.skipSpace()
		if err := p.value(depth); err != nil {
			return err
		}
		m.end = len(p.out)
		p.members = append(p.members, m)
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.fail(jcsReasonEOF)
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.out = append(p.out, ',')
			continue
		case '}':
			p.pos++
		default:
			return p.fail(jcsReasonUnexpected)
		}
		break
	}
	if err := p.sortMembers(body, p.members[first:]); err != nil {
		return err
	}
	p.out = append(p.out, '}')
	return nil
}

// sortMembers rewrites out[body:], which holds the members ms separated by
// commas in input order, in RFC 8785 order, and rejects duplicate names
// (RFC 8785 section 3.1 requires I-JSON, which forbids them).
func (p *jcsParser) sortMembers(body int, ms []jcsMember) error {
	sorted := true
	for i := 1; i < len(ms); i++ {
		if c := jcsCompareNames(p.name(ms[i-1]), p.name(ms[i])); c >= 0 {
			if c == 0 {
				return p.failAt(ms[i].offset, jcsReasonDuplicate)
			}
			sorted = false
		}
	}
	if sorted {
		return nil
	}
	slices.SortStableFunc(ms, func(a, b jcsMember) int { return jcsCompareNames(p.name(a), p.name(b)) })
	for i := 1; i < len(ms); i++ {
		if bytes.Equal(p.name(ms[i-1]), p.name(ms[i])) {
			return p.failAt(max(ms[i-1].offset, ms[i].offset), jcsReasonDuplicate)
		}
	}
	p.tmp = append(p.tmp[:0], p.out[body:]...)
	p.out = p.out[:body]
	for i, m := range ms {
		if i > 0 {
			p.out = append(p.out, ',')
		}
		p.out = append(p.out, p.tmp[m.start-body:m.end-body]...)
	}
	return nil
}

// jcsCompareNames orders member names by their UTF-16 code units, as RFC 8785
// section 3.2.3 requires. UTF-8 byte order is code point order, which agrees
// with UTF-16 order except between a supplementary character (encoded as a
// surrogate pair, 0xD800-0xDFFF) and a BMP character at or above 0xE000.
func jcsCompareNames(a, b []byte) int {
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRune(a)
		rb, nb := utf8.DecodeRune(b)
		if ra != rb {
			return jcsUTF16Unit(ra) - jcsUTF16Unit(rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// jcsUTF16Unit returns a value that orders r against any different rune the
// way their first UTF-16 code units, then their second, would order.
func jcsUTF16Unit(r rune) int {
	if r < 0x10000 {
		return int(r) << 10
	}
	hi, lo := utf16.EncodeRune(r)
	return int(hi)<<10 | int(lo-0xDC00)
}

// string reads the JSON string at p.pos, writes its canonical form to out
// and returns its decoded text, valid until the next call.
func (p *jcsParser) string() ([]byte, error) {
	p.pos++ // opening quote
	p.str = p.str[:0]
	for {
		// Copy runs of plain ASCII at once.
		i := p.pos
		for i < len(p.src) {
			c := p.src[i]
			if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
				break
			}
			i++
		}
		p.str = append(p.str, p.src[p.pos:i]...)
		p.pos = i
		if p.pos >= len(p.src) {
			return nil, p.fail(jcsReasonEOF)
		}
		switch c := p.src[p.pos]; {
		case c == '"':
			p.pos++
			p.out = AppendString(p.out, p.str)
			return p.str, nil
		case c == '\\':
			if err := p.escape(); err != nil {
				return nil, err
			}
		case c < 0x20:
			return nil, p.fail(jcsReasonControl)
		default:
			r, n := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && n <= 1 {
				return nil, p.fail(jcsReasonUTF8)
			}
			p.str = append(p.str, p.src[p.pos:p.pos+n]...)
			p.pos += n
		}
	}
}

// escape decodes the escape sequence at p.pos into p.str.
func (p *jcsParser) escape() error {
	start := p.pos
	if p.pos+1 >= len(p.src) {
		return p.fail(jcsReasonEOF)
	}
	var r rune
	switch p.src[p.pos+1] {
	case '"':
		r = '"'
	case '\\':
		r = '\\'
	case '/':
		r = '/'
	case 'b':
		r = '\b'
	case 'f':
		r = '\f'
	case 'n':
		r = '\n'
	case 'r':
		r = '\r'
	case 't':
		r = '\t'
	case 'u':
		u, ok := jcsHex4(p.src[p.pos+2:])
		if !ok {
			return p.fail(jcsReasonEscape)
		}
		p.pos += 6
		switch {
		case utf16.IsSurrogate(u) && u < 0xDC00:
			lo, ok := rune(0), false
			if p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
				lo, ok = jcsHex4(p.src[p.pos+2:])
			}
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return p.failAt(start, jcsReasonSurrogate)
			}
			p.pos += 6
			r = utf16.DecodeRune(u, lo)
		case utf16.IsSurrogate(u):
			return p.failAt(start, jcsReasonSurrogate)
		default:
			r = u
		}
		p.str = utf8.AppendRune(p.str, r)
		return nil
	default:
		return p.fail(jcsReasonEscape)
	}
	p.pos += 2
	p.str = append(p.str, byte(r))
	return nil
}

// jcsHex4 decodes the four hexadecimal digits at the start of b.
func jcsHex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		d, ok := uuidHexDigit(c)
		if !ok {
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// AppendString appends s as a JSON string, escaped the way RFC 8785
// section 3.2.2.2 (ECMAScript JSON.stringify) does, which is also how the
// Writer and the Editor write strings: '"' and '\' by a backslash;
// backspace, tab, line feed, form feed and carriage return by their short
// escapes; other controls below U+0020 as \u00xx in lowercase hex;
// everything else, including U+007F, U+2028 and '/', as itself. s must be
// valid UTF-8.
func AppendString[S string | []byte](dst []byte, s S) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !mustEscape[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		start = i + 1
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\b':
			dst = append(dst, '\\', 'b')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\f':
			dst = append(dst, '\\', 'f')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0x0f])
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// mustEscape marks the bytes AppendString escapes: controls, '"' and '\\'.
var mustEscape = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t['"'], t['\\'] = true, true
	return t
}()

// number reads the JSON number at p.pos and writes it in canonical form.
func (p *jcsParser) number() error {
	start := p.pos
	i := p.pos
	if p.src[i] == '-' {
		i++
	}
	switch {
	case i >= len(p.src):
		return p.failAt(i, jcsReasonNumber)
	case p.src[i] == '0':
		i++
	case '1' <= p.src[i] && p.src[i] <= '9':
		for i < len(p.src) && '0' <= p.src[i] && p.src[i] <= '9' {
			i++
		}
	default:
		return p.failAt(i, jcsReasonNumber)
	}
	integer := true
	if i < len(p.src) && p.src[i] == '.' {
		integer = false
		i++
		d := i
		for i < len(p.src) && '0' <= p.src[i] && p.src[i] <= '9' {
			i++
		}
		if i == d {
			return p.failAt(i, jcsReasonNumber)
		}
	}
	if i < len(p.src) && (p.src[i] == 'e' || p.src[i] == 'E') {
		integer = false
		i++
		if i < len(p.src) && (p.src[i] == '+' || p.src[i] == '-') {
			i++
		}
		d := i
		for i < len(p.src) && '0' <= p.src[i] && p.src[i] <= '9' {
			i++
		}
		if i == d {
			return p.failAt(i, jcsReasonNumber)
		}
	}
	p.pos = i
	lex := p.src[start:i]

	// An integer of at most 15 digits is exactly a double and ECMAScript
	// prints it as written, except that -0 is printed 0.
	digits := len(lex)
	if lex[0] == '-' {
		digits--
	}
	if integer && digits <= 15 {
		if len(lex) == 2 && lex[0] == '-' && lex[1] == '0' {
			p.out = append(p.out, '0')
		} else {
			p.out = append(p.out, lex...)
		}
		return nil
	}
	f, err := strconv.ParseFloat(string(lex), 64)
	if err != nil {
		// The lexeme is well formed, so the only failure is overflow.
		return p.failAt(start, jcsReasonRange)
	}
	p.out = jcsAppendNumber(p.out, f)
	return nil
}

// jcsAppendNumber appends f, a finite double, in the form ECMAScript's
// Number.prototype.toString gives (ECMA-262 Number::toString, RFC 8785
// section 3.2.2.3): the shortest digits that read back as f, in fixed
// notation when 1e-6 <= |f| < 1e21 and in exponent notation otherwise, with
// the exponent's sign always written and no leading zeros in it. -0 is 0.
func jcsAppendNumber(dst []byte, f float64) []byte {
	if f == 0 {
		return append(dst, '0')
	}
	if abs := math.Abs(f); abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(dst, f, 'f', -1, 64)
	}
	n := len(dst)
	dst = strconv.AppendFloat(dst, f, 'e', -1, 64)
	// Go writes at least two exponent digits (1e-07); ECMAScript writes
	// as many as needed (1e-7).
	e := bytes.LastIndexByte(dst[n:], 'e') + n
	if len(dst)-e == 4 && dst[e+2] == '0' {
		dst[e+2] = dst[e+3]
		dst = dst[:len(dst)-1]
	}
	return dst
}
