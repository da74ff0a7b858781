package stix

import "bytes"

// Helpers over JSON that has already been validated: they find the ends of
// values and iterate members and items without checking syntax again.

// valueEnd returns the offset just after the value starting at buf[i].
func valueEnd(buf []byte, i int) int {
	switch buf[i] {
	case '"':
		return stringEnd(buf, i)
	case '{', '[':
		depth := 0
		for ; i < len(buf); i++ {
			switch buf[i] {
			case '"':
				i = stringEnd(buf, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(buf)
	}
	for i < len(buf) {
		switch buf[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}

// stringEnd returns the offset after the closing quote of the string whose
// opening quote is at buf[i].
func stringEnd(buf []byte, i int) int {
	i++
	for {
		j := bytes.IndexAny(buf[i:], `"\`)
		if j < 0 {
			return len(buf)
		}
		i += j
		if buf[i] == '"' {
			return i + 1
		}
		i += 2
	}
}

// forEachItem calls fn with the span of each item of the list at buf[i].
func forEachItem(buf []byte, i int, fn func(n int, item Span) bool) {
	i = skipSpace(buf, i+1)
	for n := 0; i < len(buf) && buf[i] != ']'; n++ {
		end := valueEnd(buf, i)
		if !fn(n, Span{i, end}) {
			return
		}
		i = skipSpace(buf, end)
		if i < len(buf) && buf[i] == ',' {
			i = skipSpace(buf, i+1)
		}
	}
}

// forEachMember calls fn with the spans of the name (quotes included) and
// value of each member of the object at buf[i].
func forEachMember(buf []byte, i int, fn func(name, value Span) bool) {
	i = skipSpace(buf, i+1)
	for i < len(buf) && buf[i] != '}' {
		ne := stringEnd(buf, i)
		vs := skipSpace(buf, ne)
		vs = skipSpace(buf, vs+1) // ':'
		ve := valueEnd(buf, vs)
		if !fn(Span{i, ne}, Span{vs, ve}) {
			return
		}
		i = skipSpace(buf, ve)
		if i < len(buf) && buf[i] == ',' {
			i = skipSpace(buf, i+1)
		}
	}
}

// nameIs reports whether the quoted member name q decodes to name.
func nameIs(q []byte, name string) bool {
	body := q[1 : len(q)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return string(body) == name
	}
	return string(appendUnescaped(nil, body)) == name
}

// unquote decodes a JSON string value (with its quotes).
func unquote(q []byte) string {
	body := q[1 : len(q)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return string(body)
	}
	return string(appendUnescaped(nil, body))
}
