package syntax

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// outline writes a tree one node per line, "path line:col kind value", with
// a "path= line:col" line for each key, so a test can state a whole tree.
func outline(n *Node) []string {
	var out []string
	var walk func(n *Node, path string)
	walk = func(n *Node, path string) {
		name := path
		if name == "" {
			name = "."
		}
		at := fmt.Sprintf("%d:%d", n.Pos.Line, n.Pos.Col)
		switch n.Kind {
		case KindMap, KindList, KindInvalid:
			out = append(out, name+" "+at+" "+n.Kind.String())
		case KindBool, KindNull:
			out = append(out, fmt.Sprintf("%s %s %s %q (%s)", name, at, n.Kind, n.Value, n.Text))
		default:
			out = append(out, fmt.Sprintf("%s %s %s %q", name, at, n.Kind, n.Value))
		}
		for _, e := range n.Entries {
			p := PathKey(path, e.Key)
			out = append(out, fmt.Sprintf("%s= %d:%d", p, e.KeyPos.Line, e.KeyPos.Col))
			walk(e.Value, p)
		}
		for i, item := range n.Items {
			walk(item, PathIndex(path, i))
		}
	}
	if n != nil {
		walk(n, "")
	}
	return out
}

// errorStrings returns each error's Error().
func errorStrings(errs Errors) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// checkPositions checks what must hold of every parse, good or bad: every
// position is inside the source and agrees with its own offset, the errors
// are sorted, and each node and key position points at the text it
// describes. It is shared by the table tests and FuzzParse.
func checkPositions(t *testing.T, file string, src []byte, root *Node, errs Errors) {
	t.Helper()
	isJSON := strings.HasSuffix(file, ".json")
	start := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		start = len(bom)
	}
	x := newLineIndex(file, src, start, !isJSON)
	checkPos := func(what string, p Pos) {
		t.Helper()
		if p.File != file || p.Line < 1 || p.Col < 1 || p.Offset < start || p.Offset > len(src) {
			t.Fatalf("%s: position %+v outside the source of %d bytes", what, p, len(src))
		}
		if q := x.pos(p.Offset); q != p {
			t.Fatalf("%s: position %+v, but its offset is at %+v", what, p, q)
		}
	}
	for i, e := range errs {
		checkPos("error "+strconv.Quote(e.Error()), e.Pos)
		if e.Msg == "" {
			t.Fatalf("error %d has no message", i)
		}
		if i > 0 && (e.Pos.Line < errs[i-1].Pos.Line || e.Pos.Line == errs[i-1].Pos.Line && e.Pos.Col < errs[i-1].Pos.Col) {
			t.Fatalf("errors not sorted: %q before %q", errs[i-1], e)
		}
	}
	// starts reports whether the source at p starts with text, allowing for
	// the quote, tag, anchor or block indicator in front of a YAML scalar.
	startsAt := func(p Pos, text string) bool {
		rest := src[p.Offset:]
		if len(rest) > 0 && strings.IndexByte(`"'!&|>?`, rest[0]) >= 0 {
			return true
		}
		return bytes.HasPrefix(rest, []byte(text))
	}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n == nil {
			t.Fatal("nil node in a tree")
		}
		checkPos("node", n.Pos)
		switch n.Kind {
		case KindString, KindNumber, KindBool, KindNull:
			if n.Text != "" && !startsAt(n.Pos, n.Text[:1]) {
				t.Fatalf("scalar %q at %v, where the source has %q", n.Text, n.Pos, src[n.Pos.Offset:min(len(src), n.Pos.Offset+10)])
			}
		case KindMap:
			if isJSON && src[n.Pos.Offset] != '{' {
				t.Fatalf("JSON object at %v does not start with '{'", n.Pos)
			}
		case KindList:
			if isJSON && src[n.Pos.Offset] != '[' {
				t.Fatalf("JSON array at %v does not start with '['", n.Pos)
			}
		}
		for _, e := range n.Entries {
			checkPos("key", e.KeyPos)
			if e.Key != "" && !startsAt(e.KeyPos, e.Key[:1]) {
				t.Fatalf("key %q at %v, where the source has %q", e.Key, e.KeyPos, src[e.KeyPos.Offset:min(len(src), e.KeyPos.Offset+10)])
			}
			walk(e.Value)
		}
		for _, item := range n.Items {
			walk(item)
		}
	}
	if root != nil {
		walk(root)
	}
}
