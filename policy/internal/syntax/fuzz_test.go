package syntax

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse parses arbitrary sources as YAML or JSON. Whatever the input,
// Parse must not panic, every position must lie in the source and agree
// with its offset, errors must be sorted and short, and a tree must come
// with no errors or be built despite them. For JSON, Parse must agree with
// encoding/json: a source without errors is valid JSON that decodes to the
// same values, and invalid JSON always gives an error.
//
// The seed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte("name: p\nrules:\n  - action: drop\n    tlp: [amber, red]\n"), false)
	f.Add([]byte(`{"name": "p", "rules": [{"action": "drop", "tlp": ["amber"]}]}`), true)
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool) {
		file := "f.yaml"
		if isJSON {
			file = "f.json"
		}
		lim := Limits{MaxDepth: 20, MaxNodes: 2000}
		root, errs := Parse(file, src, lim)
		checkPositions(t, file, src, root, errs)
		if root == nil && len(errs) == 0 {
			t.Fatal("no tree and no errors")
		}
		for _, e := range errs {
			// Messages quote at most a short name or a character.
			if len(e.Msg) > 300 {
				t.Fatalf("message of %d bytes: %q", len(e.Msg), e.Msg)
			}
		}
		if !isJSON {
			return
		}
		text := bytes.TrimPrefix(src, []byte(bom))
		if !json.Valid(text) && len(errs) == 0 {
			t.Fatalf("invalid JSON parsed without errors: %q", src)
		}
		if len(errs) > 0 {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("parsed without errors but encoding/json says %v", err)
		}
		if diff := cmp.Diff(want, plain(root)); diff != "" {
			t.Fatalf("tree differs from encoding/json (-json +tree):\n%s", diff)
		}
	})
}

// plain converts a tree to the values encoding/json decodes with UseNumber.
func plain(n *Node) any {
	switch n.Kind {
	case KindMap:
		m := make(map[string]any, len(n.Entries))
		for _, e := range n.Entries {
			m[e.Key] = plain(e.Value)
		}
		return m
	case KindList:
		l := make([]any, len(n.Items))
		for i, item := range n.Items {
			l[i] = plain(item)
		}
		return l
	case KindString:
		return n.Value
	case KindNumber:
		return json.Number(n.Value)
	case KindBool:
		return n.Value == "true"
	}
	return nil
}
