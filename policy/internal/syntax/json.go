package syntax

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseJSON builds the tree of a JSON source with the standard library's
// tokenizer, so that a JSON policy means exactly what encoding/json says
// (surrogate-pair escapes included, which the YAML library rejects).
// Positions come from Decoder.InputOffset.
func parseJSON(x *lineIndex, lim Limits, errs *Errors) *Node {
	p := &jsonParser{builder: builder{x: x, lim: lim, errs: errs}, base: x.starts[0]}
	p.text = x.src[p.base:]
	p.dec = json.NewDecoder(bytes.NewReader(p.text))
	p.dec.UseNumber()
	tok, start, err := p.next()
	if err == io.EOF {
		errs.Add(x.pos(p.base), "", "the policy is empty")
		return nil
	}
	if err != nil {
		p.syntaxError()
		return nil
	}
	root := p.value(tok, start, "", 1)
	if root == nil {
		return nil
	}
	if _, _, err := p.next(); err != io.EOF {
		p.syntaxError()
		return nil
	}
	return root
}

type jsonParser struct {
	builder
	dec  *json.Decoder
	text []byte // the source without its byte order mark
	base int    // offset of text in the source
}

// next returns the next token and the offset where it starts. The decoder
// reports where the previous token ended; what lies between is white space
// and at most one ',' or ':', which Token consumes silently.
func (p *jsonParser) next() (json.Token, int, error) {
	off := int(p.dec.InputOffset())
	tok, err := p.dec.Token()
	for off < len(p.text) {
		switch p.text[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return tok, p.base + off, err
}

// value builds the node for tok, which starts at offset start. It returns
// nil once parsing has stopped, with the error recorded.
func (p *jsonParser) value(tok json.Token, start int, path string, depth int) *Node {
	if p.stopped {
		return nil
	}
	pos := p.x.pos(start)
	if !p.count(pos, path) {
		return nil
	}
	switch t := tok.(type) {
	case json.Delim:
		if p.deep(pos, path, depth) {
			return nil
		}
		if t == '{' {
			return p.object(pos, path, depth)
		}
		return p.array(pos, path, depth)
	case string:
		return &Node{Kind: KindString, Pos: pos, Value: t, Text: t}
	case json.Number:
		return &Node{Kind: KindNumber, Pos: pos, Value: string(t), Text: string(t)}
	case bool:
		s := strconv.FormatBool(t)
		return &Node{Kind: KindBool, Pos: pos, Value: s, Text: s}
	case nil:
		return &Node{Kind: KindNull, Pos: pos, Text: "null"}
	}
	p.add(pos, path, "unexpected JSON token")
	p.stopped = true
	return nil
}

func (p *jsonParser) object(pos Pos, path string, depth int) *Node {
	n := &Node{Kind: KindMap, Pos: pos}
	seen := make(map[string]Pos)
	for {
		tok, start, err := p.next()
		if err != nil {
			p.syntaxError()
			return nil
		}
		if tok == json.Delim('}') {
			return n
		}
		// In an object the decoder only returns string keys.
		key, _ := tok.(string)
		keyPos := p.x.pos(start)
		tok, start, err = p.next()
		if err != nil {
			p.syntaxError()
			return nil
		}
		val := p.value(tok, start, PathKey(path, key), depth+1)
		if val == nil {
			return nil
		}
		// encoding/json keeps the last of two equal keys, gjson the first:
		// a policy must not mean different things to different readers.
		if first, dup := seen[key]; dup {
			p.add(keyPos, path, "duplicate key %s; first defined at line %d, column %d", Quote(key), first.Line, first.Col)
			if p.stopped {
				return nil
			}
			continue
		}
		seen[key] = keyPos
		n.Entries = append(n.Entries, Entry{Key: key, KeyPos: keyPos, Value: val})
	}
}

func (p *jsonParser) array(pos Pos, path string, depth int) *Node {
	n := &Node{Kind: KindList, Pos: pos}
	for {
		tok, start, err := p.next()
		if err != nil {
			p.syntaxError()
			return nil
		}
		if tok == json.Delim(']') {
			return n
		}
		item := p.value(tok, start, PathIndex(path, len(n.Items)), depth+1)
		if item == nil {
			return nil
		}
		n.Items = append(n.Items, item)
	}
}

// syntaxError records the source's syntax error. The decoder's own errors
// are no use for this: its SyntaxError.Offset is relative to an internal
// buffer, and it reports a truncated document as a clean io.EOF. Unmarshal
// validates the whole text first and gives an exact offset, so the error
// is found again that way (this only runs on a broken source).
func (p *jsonParser) syntaxError() {
	defer func() { p.stopped = true }()
	var raw json.RawMessage
	err := json.Unmarshal(p.text, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		// The decoder and Unmarshal share a scanner, so this is not
		// expected; say something rather than nothing.
		p.add(p.x.pos(p.base+int(p.dec.InputOffset())), "", "invalid JSON")
		return
	}
	off := int(se.Offset)
	msg := se.Error()
	switch {
	case strings.HasPrefix(msg, "unexpected end"):
		msg = "unexpected end of JSON input"
	case off > 0:
		// The offending byte is the last one read.
		off--
		msg = fixQuotedChar(msg, p.text[off:])
		if strings.HasSuffix(msg, " after top-level value") {
			msg = "unexpected data after the top-level value"
		}
	}
	p.add(p.x.pos(p.base+off), "", "%s", msg)
}

// fixQuotedChar rewrites encoding/json's "invalid character 'Ã'", which
// quotes the first byte of a multi-byte character, to quote the character.
func fixQuotedChar(msg string, rest []byte) string {
	const prefix = "invalid character "
	if len(rest) == 0 || rest[0] < utf8.RuneSelf || !strings.HasPrefix(msg, prefix) {
		return msg
	}
	bad := quoteByte(rest[0])
	if !strings.HasPrefix(msg[len(prefix):], bad) {
		return msg
	}
	r, _ := utf8.DecodeRune(rest)
	return prefix + strconv.QuoteRune(r) + msg[len(prefix)+len(bad):]
}

// quoteByte quotes c as encoding/json's quoteChar does.
func quoteByte(c byte) string {
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}
