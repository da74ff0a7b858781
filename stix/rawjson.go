package stix

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Helpers over JSON that has already been validated: they find the ends of
// values, members and items without checking syntax again. They trust
// their input is valid JSON (the reader checked it) and check every index
// only so that bytes that are not cannot make them panic.

// An itemCursor steps through the items of a list without a callback, so
// that walks allocate nothing and call nothing indirectly. n is the index
// of the item next returns.
type itemCursor struct {
	buf []byte
	i   int
	n   int
}

// itemsAt returns a cursor over the items of the list at buf[i].
func itemsAt(buf []byte, i int) itemCursor {
	return itemCursor{buf: buf, i: skipSpace(buf, i+1), n: -1}
}

// next returns the span of the next item, or false after the last one.
func (c *itemCursor) next() (Span, bool) {
	buf, i := c.buf, c.i
	if i >= len(buf) || buf[i] == ']' {
		return Span{}, false
	}
	end, ok := valueEnd(buf, i)
	if !ok {
		c.i = len(buf)
		return Span{}, false
	}
	j := skipSpace(buf, end)
	if j < len(buf) && buf[j] == ',' {
		j = skipSpace(buf, j+1)
	}
	c.i = j
	c.n++
	return Span{i, end}, true
}

// A memberCursor steps through the members of an object, as itemCursor
// does through a list's items.
type memberCursor struct {
	buf []byte
	i   int
}

// membersAt returns a cursor over the members of the object at buf[i].
func membersAt(buf []byte, i int) memberCursor {
	return memberCursor{buf: buf, i: skipSpace(buf, i+1)}
}

// next returns the spans of the next member's name (quotes included) and
// value, or false after the last one.
func (c *memberCursor) next() (name, value Span, ok bool) {
	buf, i := c.buf, c.i
	if i >= len(buf) || buf[i] != '"' {
		return
	}
	ne, ok1 := stringEnd(buf, i)
	if !ok1 {
		c.i = len(buf)
		return
	}
	vs := skipSpace(buf, ne)
	vs = skipSpace(buf, vs+1) // ':'
	ve, ok1 := valueEnd(buf, vs)
	if !ok1 {
		c.i = len(buf)
		return
	}
	j := skipSpace(buf, ve)
	if j < len(buf) && buf[j] == ',' {
		j = skipSpace(buf, j+1)
	}
	c.i = j
	return Span{i, ne}, Span{vs, ve}, true
}

// forEachItem calls fn with the span of each item of the list at buf[i].
func forEachItem(buf []byte, i int, fn func(n int, item Span) bool) {
	for c := itemsAt(buf, i); ; {
		it, ok := c.next()
		if !ok || !fn(c.n, it) {
			return
		}
	}
}

// forEachMember calls fn with the spans of the name (quotes included) and
// value of each member of the object at buf[i].
func forEachMember(buf []byte, i int, fn func(name, value Span) bool) {
	for c := membersAt(buf, i); ; {
		name, value, ok := c.next()
		if !ok || !fn(name, value) {
			return
		}
	}
}

// nameIs reports whether the quoted member name q decodes to name.
func nameIs(q []byte, name string) bool { return keyEqual(q[1:len(q)-1], name) }

// unquote decodes a JSON string value (with its quotes).
func unquote(q []byte) string {
	body := q[1 : len(q)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return string(body)
	}
	return string(appendUnescaped(nil, body))
}

// The rest of this file is a walker over raw JSON. It does not validate: it
// trusts that its input is valid JSON (the reader checked it) and checks
// every index only so that invalid input cannot make it panic.

// memberValue returns the start of the value of the member named name in the
// object that starts at b[i].
func memberValue(b []byte, i int, name string) (int, bool) {
	if i >= len(b) || b[i] != '{' {
		return 0, false
	}
	i = skipSpace(b, i+1)
	for i < len(b) && b[i] == '"' {
		end, ok := stringEnd(b, i)
		if !ok {
			return 0, false
		}
		key := b[i+1 : end-1]
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return 0, false
		}
		i = skipSpace(b, i+1)
		if keyEqual(key, name) {
			return i, true
		}
		if i, ok = valueEnd(b, i); !ok {
			return 0, false
		}
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ',' {
			return 0, false
		}
		i = skipSpace(b, i+1)
	}
	return 0, false
}

// listElement returns the start of element n of the list that starts at
// b[i].
func listElement(b []byte, i, n int) (int, bool) {
	if i >= len(b) || b[i] != '[' {
		return 0, false
	}
	i = skipSpace(b, i+1)
	if i >= len(b) || b[i] == ']' {
		return 0, false
	}
	for k := 0; k < n; k++ {
		var ok bool
		if i, ok = valueEnd(b, i); !ok {
			return 0, false
		}
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ',' {
			return 0, false
		}
		i = skipSpace(b, i+1)
	}
	return i, true
}

// valueEnd returns the index just past the value that starts at b[i].
func valueEnd(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return 0, false
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		return containerEnd(b, i)
	case ',', ':', '}', ']':
		return 0, false
	}
	// A number, true, false or null: it runs to the next delimiter.
	j := i
	for j < len(b) && !isDelimiter(b[j]) {
		j++
	}
	return j, true
}

// containerEnd returns the index just past the object or list that starts at
// b[i]. Brackets inside strings are skipped with the strings.
func containerEnd(b []byte, i int) (int, bool) {
	depth := 0
	for i < len(b) {
		if !structural[b[i]] {
			i++
			continue
		}
		switch b[i] {
		case '"':
			end, ok := stringEnd(b, i)
			if !ok {
				return 0, false
			}
			i = end
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
		i++
	}
	return 0, false
}

// structural marks the bytes containerEnd stops at.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// stringEnd returns the index just past the string that starts at b[i] (a
// '"'). It jumps from quote to quote, since strings are most of a STIX
// object's bytes, and skips the quotes that an odd run of backslashes
// escapes.
func stringEnd(b []byte, i int) (int, bool) {
	for j := i + 1; j < len(b); {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			break
		}
		q := j + k
		backslashes := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q + 1, true
		}
		j = q + 1
	}
	return 0, false
}

func isDelimiter(c byte) bool {
	switch c {
	case ',', '}', ']', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

// keyEqual reports whether the raw JSON string content raw (without quotes)
// unescapes to want. Every escape decodes to fewer bytes than it takes, so
// raw shorter than want never matches, raw as long matches only without
// escapes, and only a longer raw with a backslash needs decoding: most
// comparisons cost a length check.
func keyEqual(raw []byte, want string) bool {
	switch {
	case len(raw) < len(want):
		return false
	case len(raw) == len(want):
		return string(raw) == want && bytes.IndexByte(raw, '\\') < 0
	case bytes.IndexByte(raw, '\\') < 0:
		return false
	}
	j := 0 // bytes of want matched so far
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			if j >= len(want) || want[j] != c {
				return false
			}
			i++
			j++
			continue
		}
		if i+1 >= len(raw) {
			return false
		}
		if raw[i+1] == 'u' {
			r, n := unescapeRune(raw[i:])
			if n == 0 {
				return false
			}
			var buf [utf8.UTFMax]byte
			m := utf8.EncodeRune(buf[:], r)
			if !strings.HasPrefix(want[j:], string(buf[:m])) {
				return false
			}
			i += n
			j += m
			continue
		}
		switch raw[i+1] {
		case '"', '\\', '/':
			c = raw[i+1]
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		default:
			return false
		}
		if j >= len(want) || want[j] != c {
			return false
		}
		i += 2
		j++
	}
	return j == len(want)
}

// unescapeRune decodes the \uXXXX escape at the start of raw, with the low
// half that follows a high surrogate, and returns the rune and the number of
// bytes read (0 if the escape is malformed). A surrogate that is not part of
// a pair becomes U+FFFD, as encoding/json and gjson decode it.
func unescapeRune(raw []byte) (rune, int) {
	r, ok := hex4(raw)
	if !ok {
		return 0, 0
	}
	if r >= 0xD800 && r < 0xDC00 && len(raw) >= 12 && raw[6] == '\\' && raw[7] == 'u' {
		if lo, ok := hex4(raw[6:]); ok && lo >= 0xDC00 && lo < 0xE000 {
			return (r-0xD800)<<10 | (lo - 0xDC00) + 0x10000, 12
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		r = utf8.RuneError
	}
	return r, 6
}

// hex4 reads the four hex digits of the \uXXXX escape at the start of raw.
func hex4(raw []byte) (rune, bool) {
	if len(raw) < 6 {
		return 0, false
	}
	var r rune
	for _, c := range raw[2:6] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
