package redact

import "unicode/utf8"

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

// foreignView visits a foreign pattern's site again as unescapeForeign
// reads it, when that differs, so that detectors see "jane\x2edoe" as
// "jane.doe". The buffer is reused from site to site.
type foreignView struct {
	buf  []byte
	site site
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
