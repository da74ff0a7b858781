package stix

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mustObject(t *testing.T, s string) *Object {
	t.Helper()
	o, err := ParseObject([]byte(s), nil)
	if err != nil {
		t.Fatalf("ParseObject: %v", err)
	}
	return o
}

// splitSelector parses a path in selector syntax for tests.
func splitSelector(s string) Path {
	p, err := ParsePath(s)
	if err != nil {
		panic(err)
	}
	return p
}

const editBase = `{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","labels":["a","b","c"],"external_references":[{"source_name":"s","url":"https://u.example"}],"name":"n"}`

func TestEditorDelete(t *testing.T) {
	cases := []struct {
		name    string
		in      string
		del     []string
		want    string
		emptied []string
	}{
		{"first item", editBase, []string{"labels.[0]"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","labels":["b","c"],"external_references":[{"source_name":"s","url":"https://u.example"}],"name":"n"}`, nil},
		{"trailing items", editBase, []string{"labels.[1]", "labels.[2]"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","labels":["a"],"external_references":[{"source_name":"s","url":"https://u.example"}],"name":"n"}`, nil},
		{"middle item", editBase, []string{"labels.[1]"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","labels":["a","c"],"external_references":[{"source_name":"s","url":"https://u.example"}],"name":"n"}`, nil},
		{"all items take the list", editBase, []string{"labels.[0]", "labels.[2]", "labels.[1]"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","external_references":[{"source_name":"s","url":"https://u.example"}],"name":"n"}`, []string{"labels"}},
		{"last member", editBase, []string{"name"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","labels":["a","b","c"],"external_references":[{"source_name":"s","url":"https://u.example"}]}`, nil},
		{"nested emptying cascades", editBase, []string{"external_references.[0].url", "external_references.[0].source_name"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","labels":["a","b","c"],"name":"n"}`, []string{"external_references.[0]", "external_references"}},
		{"under a deleted path", editBase, []string{"labels", "labels.[1]"},
			`{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","external_references":[{"source_name":"s","url":"https://u.example"}],"name":"n"}`, nil},
		{"missing path ignored", editBase, []string{"labels.[7]", "nothing"}, editBase, nil},
		{"pretty", "{\n  \"type\": \"x-test\",\n  \"id\": \"x-test--1\",\n  \"labels\": [\n    \"a\",\n    \"b\"\n  ],\n  \"name\": \"n\"\n}",
			[]string{"labels.[1]", "name"},
			"{\n  \"type\": \"x-test\",\n  \"id\": \"x-test--1\",\n  \"labels\": [\n    \"a\"\n  ]\n}", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := mustObject(t, c.in)
			e := NewEditor(o)
			for _, d := range c.del {
				e.Delete(splitSelector(d))
			}
			got, emptied, err := e.Apply(nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
			if !json.Valid(got) {
				t.Errorf("invalid JSON: %s", got)
			}
			var es []string
			for _, p := range emptied {
				es = append(es, p.String())
			}
			if diff := cmp.Diff(c.emptied, es); diff != "" {
				t.Errorf("emptied (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEditorReplaceAndSet(t *testing.T) {
	o := mustObject(t, editBase)
	e := NewEditor(o)
	url, _ := o.Lookup(splitSelector("external_references.[0].url"))
	e.Replace(url, []byte(`"https://redacted.invalid"`))
	l1, _ := o.Lookup(splitSelector("labels.[1]"))
	e.Replace(l1, []byte(`"B"`)) // inside a deleted list: dropped
	e.Delete(splitSelector("labels"))
	e.Set("name", []byte(`"renamed"`))
	e.Set("created_by_ref", []byte(`"identity--8d1d1e43-2c32-4c9f-a3b0-93d2c6f9c2c5"`))
	e.Set("x_flag", []byte(`true`))
	got, _, err := e.Apply(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"x-test","id":"x-test--6e4c4cd5-0e0a-4b2f-9a4e-7d8a0b2f3c11","external_references":[{"source_name":"s","url":"https://redacted.invalid"}],"name":"renamed","created_by_ref":"identity--8d1d1e43-2c32-4c9f-a3b0-93d2c6f9c2c5","x_flag":true}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	pretty := mustObject(t, "{\n  \"type\": \"x-test\",\n  \"id\": \"x-test--1\"\n}")
	e.Reset(pretty)
	e.Set("name", []byte(`"n"`))
	got, _, _ = e.Apply(nil)
	if want := "{\n  \"type\": \"x-test\",\n  \"id\": \"x-test--1\",\n  \"name\": \"n\"\n}"; string(got) != want {
		t.Errorf("pretty insert:\ngot  %q\nwant %q", got, want)
	}
}

// TestEditorReplaceTwice: replacing exactly a span replaced before
// supersedes the earlier text, which Replacement returns to compose from.
func TestEditorReplaceTwice(t *testing.T) {
	o := mustObject(t, editBase)
	e := NewEditor(o)
	url, _ := o.Lookup(splitSelector("external_references.[0].url"))
	if _, ok := e.Replacement(url); ok {
		t.Fatal("a replacement before any was recorded")
	}
	e.Replace(url, []byte(`"first"`))
	e.Set("name", []byte(`"renamed"`))
	prev, ok := e.Replacement(url)
	if !ok || string(prev) != `"first"` {
		t.Fatalf("Replacement = %s, %v; want \"first\"", prev, ok)
	}
	e.Replace(url, []byte(`"second"`))
	got, _, err := e.Apply(nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(got), "first") || !strings.Contains(string(got), `"url":"second"`) {
		t.Errorf("the second replacement must supersede the first:\n%s", got)
	}
}

func TestEditorErrors(t *testing.T) {
	o := mustObject(t, editBase)
	e := NewEditor(o)
	e.Delete(nil)
	if _, _, err := e.Apply(nil); err == nil {
		t.Error("deleting the object itself: no error")
	}
	e.Reset(o)
	s, _ := o.Lookup(splitSelector("labels"))
	e.Replace(s, []byte(`[]`))
	e.Replace(Span{s.Start + 1, s.Start + 4}, []byte(`"x"`))
	if _, _, err := e.Apply(nil); err == nil {
		t.Error("overlapping replacements: no error")
	}
}

func TestLeaves(t *testing.T) {
	o := mustObject(t, `{"type":"x-t","id":"x-t--1","n":5,"d":"caf\u00e9 \"q\"","l":[{"k":"v"},"w"],"e":{}}`)
	type leaf struct {
		Path, Text, Raw string
		Escaped         bool
	}
	var got []leaf
	for l := range o.Leaves() {
		got = append(got, leaf{l.Path.String(), string(l.Text), string(o.Raw()[l.Span.Start:l.Span.End]), l.Escaped})
	}
	want := []leaf{
		{"type", "x-t", `"x-t"`, false},
		{"id", "x-t--1", `"x-t--1"`, false},
		{"d", `café "q"`, `"caf\u00e9 \"q\""`, true},
		{"l.[0].k", "v", `"v"`, false},
		{"l.[1]", "w", `"w"`, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("leaves (-want +got):\n%s", diff)
	}
}

// TestEditorManyDeletions deletes every other item of a long list, as
// pruning a large report's object_refs does.
func TestEditorManyDeletions(t *testing.T) {
	const n = 20000
	var b strings.Builder
	b.WriteString(`{"type":"report","id":"report--1","object_refs":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"x--%d"`, i)
	}
	b.WriteString(`]}`)
	o := mustObject(t, b.String())
	e := NewEditor(o)
	for i := 0; i < n; i += 2 {
		e.Delete(Path{Key("object_refs"), Index(i)})
	}
	got, emptied, err := e.Apply(nil)
	if err != nil || len(emptied) != 0 {
		t.Fatal(err, emptied)
	}
	var v struct {
		ObjectRefs []string `json:"object_refs"`
	}
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.ObjectRefs) != n/2 || v.ObjectRefs[0] != "x--1" || v.ObjectRefs[n/2-1] != fmt.Sprintf("x--%d", n-1) {
		t.Errorf("got %d refs, first %q", len(v.ObjectRefs), v.ObjectRefs[0])
	}
}

// TestEditorPathsWithControlBytes deletes paths whose steps, written one
// after another, spell the same bytes: a member named "a", item 5, and a
// member whose name is "a", byte 0x01, "5". Both must go, through the
// general path (Apply with many deletions) and the few-deletions one.
func TestEditorPathsWithControlBytes(t *testing.T) {
	in := `{"type":"x-test","id":"x-test--1","a":[0,1,2,3,4,5,6],"a\u00015":"x","a\u0000b":"y","ab":"z"}`
	for _, extra := range []int{0, 20} {
		o := mustObject(t, in)
		e := NewEditor(o)
		e.Delete(Path{Key("a"), Index(5)})
		e.Delete(Path{Key("a\x015")})
		e.Delete(Path{Key("a\x00b")})
		for i := 0; i < extra; i++ { // absent paths: more deletions than the few-deletions path takes
			e.Delete(Path{Key("absent"), Index(i)})
		}
		got, _, err := e.Apply(nil)
		if err != nil {
			t.Fatal(err)
		}
		want := `{"type":"x-test","id":"x-test--1","a":[0,1,2,3,4,6],"ab":"z"}`
		if string(got) != want {
			t.Errorf("%d extra deletions:\ngot  %s\nwant %s", extra, got, want)
		}
	}
}

func TestComparePaths(t *testing.T) {
	sorted := []Path{
		{Key("a")},
		{Key("a"), Key("b")},
		{Key("a"), Index(2)},
		{Key("a"), Index(9)},
		{Key("a"), Index(12)},
		{Key("a"), Index(12), Key("x")},
		{Key("a\x00")},
		{Key("b")},
	}
	for i, p := range sorted {
		for j, q := range sorted {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := comparePaths(p, q); got != want {
				t.Errorf("comparePaths(%v, %v) = %d, want %d", p, q, got, want)
			}
		}
	}
}
