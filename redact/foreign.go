package redact

import (
	"strings"
	"unicode/utf8"
)

// unescapeForeign returns the text a pattern in another language than
// STIX (a sigma, yara, snort or suricata rule, a PCRE) spells with
// escapes, so that detectors see through them: a backslash before
// punctuation stands for it ("jane\.doe\@bank\.example"), \xHH and \x{HH}
// for a byte, \uHHHH for a character, and a run of hex byte pairs between
// pipes (snort and suricata content, "|40|") or braces (yara hex strings,
// "{ 6a 61 6e 65 }") for those bytes. Other text is copied. The result
// is only read, never written back: personal data in such a pattern
// drops its indicator. ok is false when there was nothing to undo.
func unescapeForeign(dst []byte, s []byte) (out []byte, ok bool) {
	out = dst[:0]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			n := s[i+1]
			switch {
			case n == 'x' && i+3 < len(s) && s[i+2] == '{':
				if v, end, good := hexRun(s, i+3, '}', 1); good {
					out, i, ok = append(out, v...), end, true
					continue
				}
			case n == 'x' && i+3 < len(s) && hexDigit[s[i+2]] && hexDigit[s[i+3]]:
				out, i, ok = append(out, hexByte(s[i+2], s[i+3])), i+3, true
				continue
			case n == 'u' && i+5 < len(s) && hexDigit[s[i+2]] && hexDigit[s[i+3]] && hexDigit[s[i+4]] && hexDigit[s[i+5]]:
				r := rune(hexByte(s[i+2], s[i+3]))<<8 | rune(hexByte(s[i+4], s[i+5]))
				out, i, ok = utf8.AppendRune(out, r), i+5, true
				continue
			case !isAlnum(n):
				out, i, ok = append(out, n), i+1, true
				continue
			}
		case c == '|' || c == '{':
			closer := byte('|')
			if c == '{' {
				closer = '}'
			}
			if v, end, good := hexRun(s, i+1, closer, 1); good {
				out, i, ok = append(out, v...), end, true
				continue
			}
		}
		out = append(out, c)
	}
	return out, ok
}

// hexRun reads hex byte pairs, separated by spaces or not, from s[at:] up
// to closer, and returns the bytes and closer's offset. good is false
// unless at least min pairs and nothing else come before closer.
func hexRun(s []byte, at int, closer byte, min int) (v []byte, end int, good bool) {
	for j := at; j < len(s); j++ {
		switch c := s[j]; {
		case c == closer:
			return v, j, len(v) >= min
		case c == ' ':
		case j+1 < len(s) && hexDigit[c] && hexDigit[s[j+1]]:
			v = append(v, hexByte(c, s[j+1]))
			j++
		default:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

func hexByte(a, b byte) byte { return hexValue(a)<<4 | hexValue(b) }

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// blankHexBytes returns the text of a pattern in another language than
// STIX as detectors read it as written: with the runs of hex byte pairs
// that the language defines as bytes, and that unescapeForeign reads as
// those bytes, written as spaces (offsets stay). They are Snort's and
// Suricata's binary data between pipes in a content string
// (content:"|03 00 00 13 0e e0|", Snort 3 manual, "content") and YARA's
// hex strings (a string defined as { 4D 5A 90 00 }, YARA manual, "Hexadecimal
// strings"). Their digits are bytes, not a number written in text: read
// as text, a run of pairs is a phone number to a detector. Detectors see
// what the bytes spell through unescapeForeign. Pipes and braces in other
// places (an alternation in a PCRE, a Sigma modifier, a regular
// expression's repetition) are left as written. ok is false when nothing
// was blanked.
func blankHexBytes(dst, s []byte, lang string) (out []byte, ok bool) {
	out = append(dst[:0], s...)
	switch lang {
	case "snort", "suricata":
		for i := 0; i < len(out); i++ {
			if out[i] != '"' || !afterContentKeyword(out, i) {
				continue
			}
			// The content string: to the next quote not escaped.
			for i++; i < len(out) && out[i] != '"'; i++ {
				switch {
				case out[i] == '\\':
					i++
				case out[i] == '|':
					if _, end, good := hexRun(out, i+1, '|', 1); good {
						blank(out[i : end+1])
						i, ok = end, true
					}
				}
			}
		}
	case "yara":
		for i := 0; i < len(out); i++ {
			if out[i] != '{' || !afterByte(out, i, '=') {
				continue
			}
			if _, end, good := hexRun(out, i+1, '}', 1); good {
				blank(out[i : end+1])
				i, ok = end, true
			}
		}
	}
	return out, ok
}

// afterContentKeyword reports whether the quote at s[i] opens the value
// of a Snort or Suricata content option: content:"...", content:!"...",
// and uricontent:"..." of Snort 2.
func afterContentKeyword(s []byte, i int) bool {
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '!') {
		j--
	}
	if j == 0 || s[j-1] != ':' {
		return false
	}
	j--
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	const kw = "content"
	return j >= len(kw) && strings.EqualFold(string(s[j-len(kw):j]), kw)
}

// afterByte reports whether c comes before s[i], spaces between.
func afterByte(s []byte, i int, c byte) bool {
	j := i
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return j > 0 && s[j-1] == c
}

// blank writes spaces over b.
func blank(b []byte) {
	for k := range b {
		b[k] = ' '
	}
}

// foreignView visits a foreign pattern's site again as unescapeForeign
// reads it, when that differs, so that detectors see "jane\x2edoe" as
// "jane.doe". The buffer is reused from site to site.
type foreignView struct {
	buf, written []byte
	site         site
}

// visitWritten calls fn with s as written, its hex byte runs blanked
// (see blankHexBytes) when lang defines any.
func (v *foreignView) visitWritten(s *site, lang string, fn func(*site)) {
	var ok bool
	v.written, ok = blankHexBytes(v.written, s.text, lang)
	if !ok {
		fn(s)
		return
	}
	v.site = *s
	v.site.text, v.site.str = v.written, ""
	fn(&v.site)
	v.site = site{}
}

// visit calls fn with s read through its escapes, if it has any.
func (v *foreignView) visit(s *site, fn func(*site)) {
	var ok bool
	v.buf, ok = unescapeForeign(v.buf, s.text)
	if !ok {
		return
	}
	v.site = *s
	v.site.text, v.site.str = v.buf, ""
	fn(&v.site)
	v.site = site{}
}
