package stix

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"
)

func TestParseSelector(t *testing.T) {
	tests := []struct {
		in   string
		want Selector
	}{
		{"description", Selector{Key("description")}},
		{"id", Selector{Key("id")}},
		{"labels.[0]", Selector{Key("labels"), Index(0)}},
		{"external_references.[0].source_name", Selector{Key("external_references"), Index(0), Key("source_name")}},
		{"external_references.[12].hashes.SHA-256", Selector{Key("external_references"), Index(12), Key("hashes"), Key("SHA-256")}},
		{"hashes.MD5", Selector{Key("hashes"), Key("MD5")}},
		{"objects.0.name", Selector{Key("objects"), Key("0"), Key("name")}},
		{"extensions.extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.tlp_2_0",
			Selector{Key("extensions"), Key("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"), Key("tlp_2_0")}},
		{"a.[1].[0].[2]", Selector{Key("a"), Index(1), Index(0), Index(2)}},
		{"[3]", Selector{Index(3)}},
		{"x.[9223372036854775807]", Selector{Key("x"), Index(9223372036854775807)}},
	}
	for _, tt := range tests {
		got, err := ParseSelector(tt.in)
		if err != nil {
			t.Errorf("ParseSelector(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseSelector(%q) (-want +got):\n%s", tt.in, diff)
		}
		if s := got.String(); s != tt.in {
			t.Errorf("ParseSelector(%q).String() = %q", tt.in, s)
		}
		p, err := ParsePath(tt.in)
		if err != nil || !p.Equal(Path(tt.want)) {
			t.Errorf("ParsePath(%q) = %v, %v; want %v", tt.in, p, err, Path(tt.want))
		}
	}
}

func TestParseSelectorErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{"", 0},
		{".", 0},
		{".labels", 0},
		{"labels.", 6},
		{"labels..[0]", 7},
		{"a.b.", 3},
		{"labels[0]", 6},
		{"labels.[0]x", 10},
		{"labels.[0][1]", 10},
		{"labels.[x]", 8},
		{"labels.[-1]", 8},
		{"labels.[+1]", 8},
		{"labels.[ 1]", 8},
		{"labels.[1 ]", 9},
		{"labels.[]", 8},
		{"labels.[", 8},
		{"labels.[0", 9},
		{"labels.[0.1]", 9},
		{"labels.[01]", 8},
		{"labels.[00]", 8},
		{"labels.[99999999999999999999]", 8},
		{"labels.0]", 8},
		{"secret key", 6},
		{"desc\u00e9", 4},
		{"a.b\"c", 3},
		{"a.*", 2},
		{"a.[*]", 3},
		{"a/b", 1},
	}
	for _, tt := range tests {
		sel, err := ParseSelector(tt.in)
		var se *SelectorError
		if !errors.As(err, &se) {
			t.Errorf("ParseSelector(%q) = %v, %v; want a *SelectorError", tt.in, sel, err)
			continue
		}
		if se.Offset != tt.offset {
			t.Errorf("ParseSelector(%q): offset %d (%v), want %d", tt.in, se.Offset, err, tt.offset)
		}
		if tt.in != "" {
			if _, err := ParsePath(tt.in); err == nil {
				t.Errorf("ParsePath(%q) accepted it", tt.in)
			}
		}
	}
}

// TestSelectorErrorHidesInput checks that an error names a position, never
// the selector's text, which can be personal data.
func TestSelectorErrorHidesInput(t *testing.T) {
	for _, in := range []string{
		"x_acme_staff.jane-doe..salary",
		"x_acme_staff.jane doe",
		"x_acme_staff.jane-doe[0]",
		"x_acme_staff.[jane]",
	} {
		_, err := ParseSelector(in)
		if err == nil {
			t.Fatalf("ParseSelector(%q) accepted it", in)
		}
		for _, part := range []string{"jane", "acme", "salary"} {
			if strings.Contains(err.Error(), part) {
				t.Errorf("ParseSelector(%q) error %q repeats the input", in, err)
			}
		}
	}
}

func TestParsePathEmpty(t *testing.T) {
	p, err := ParsePath("")
	if err != nil || len(p) != 0 {
		t.Errorf(`ParsePath("") = %v, %v; want the empty path`, p, err)
	}
}

func TestSelectorCovers(t *testing.T) {
	tests := []struct {
		sel  string
		path string
		want bool
	}{
		{"labels", "labels", true},
		{"labels", "labels.[1]", true},
		{"labels.[1]", "labels.[1]", true},
		{"labels.[1]", "labels", false},
		{"labels.[1]", "labels.[10]", false},
		{"labels.[1]", "labels.[0]", false},
		{"name", "name_enc", false},
		{"name", "name.x", true},
		{"name_enc", "name", false},
		{"external_references", "external_references.[2].url", true},
		{"external_references.[2]", "external_references.[2].url", true},
		{"external_references.[2].url", "external_references.[2]", false},
		{"external_references.[0].url", "external_references.[2].url", false},
		{"objects.0", "objects.[0]", false},
		{"hashes.SHA-256", "hashes.sha-256", false},
		{"a", "", false},
	}
	for _, tt := range tests {
		sel := mustParseSelector(t, tt.sel)
		p, err := ParsePath(tt.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := sel.Covers(p); got != tt.want {
			t.Errorf("%q.Covers(%q) = %v, want %v", tt.sel, tt.path, got, tt.want)
		}
	}
}

// specVulnerability is the object of the selector examples in STIX 2.1
// section 7.2.3, with granular markings left out.
const specVulnerability = `{
  "type": "vulnerability",
  "spec_version": "2.1",
  "id": "vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef",
  "created": "2014-04-07T00:00:00.000Z",
  "modified": "2014-04-07T00:00:00.000Z",
  "name": "CVE-2014-0160",
  "description": "The (1) TLS and (2) DTLS implementations in OpenSSL 1.0.1 before 1.0.1g do not properly handle Heartbeat Extension packets, which allows remote attackers to obtain sensitive information from process memory via crafted packets that trigger a buffer over-read, as demonstrated by reading private keys, related to d1_both.c and t1_lib.c, aka the Heartbleed bug.",
  "external_references": [{
    "source_name": "cve",
    "external_id": "CVE-2014-0160"
  }],
  "labels": ["heartbleed", "has-logo"]
}`

func TestResolveSpecExamples(t *testing.T) {
	tests := []struct {
		sel  string
		want string // the selected JSON, or "" when it must not exist
	}{
		// Valid selectors from STIX 2.1 section 7.2.3.
		{"description", `"The (1) TLS and (2) DTLS implementations in OpenSSL 1.0.1 before 1.0.1g do not properly handle Heartbeat Extension packets, which allows remote attackers to obtain sensitive information from process memory via crafted packets that trigger a buffer over-read, as demonstrated by reading private keys, related to d1_both.c and t1_lib.c, aka the Heartbleed bug."`},
		{"external_references.[0].source_name", `"cve"`},
		{"labels.[0]", `"heartbleed"`},
		{"labels", `["heartbleed", "has-logo"]`},
		{"external_references", "[{\n    \"source_name\": \"cve\",\n    \"external_id\": \"CVE-2014-0160\"\n  }]"},
		// Invalid selectors from the same section.
		{"pattern", ""},
		{"external_references.[3]", ""},
		{"description.[0]", ""},
		{"labels.name", ""},
		// More of the same object.
		{"labels.[1]", `"has-logo"`},
		{"labels.[2]", ""},
		{"external_references.[0]", "{\n    \"source_name\": \"cve\",\n    \"external_id\": \"CVE-2014-0160\"\n  }"},
		{"external_references.[0].external_id", `"CVE-2014-0160"`},
		{"external_references.[0].url", ""},
		{"external_references.source_name", ""},
		{"name.[0]", ""},
		{"type", `"vulnerability"`},
	}
	obj := []byte(specVulnerability)
	for _, tt := range tests {
		checkResolve(t, obj, mustParseSelector(t, tt.sel), tt.want)
	}
}

func TestResolve(t *testing.T) {
	const file = `{"type":"file","id":"file--1",` +
		`"hashes":{"MD5":"d41d8cd98f00b204e9800998ecf8427e","SHA-256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},` +
		`"name":"a.exe","name_enc":"utf-8"}`
	const escaped = `{"em\u0061il":"a@example.com","\u006eame":"n","x_\"q\"":1,"t\tab":2,"sl\/ash":3,` +
		`"\ud83d\ude00":"smile","\ud800":"lone","caf\u00e9":"accent","caf\u00E9x":"upper hex"}`
	const nested = `{"a":[[1,[2,3]],[[4],[5,{"b":[6,{"c":"deep"}]}]]],"e":[],"o":{},` +
		`"s":"a string with [brackets], {braces}, \"quotes\" and \\\" a backslash",` +
		`"n":-1.5e+3,"t":true,"f":false,"z":null,"after":"ok"}`
	const spaced = " \n\t{ \"k\" :\r\n [ 1 ,\n\t\"two\" , { \"x\" : null } ] , \"m\" : { } }\n"
	tests := []struct {
		obj  string
		sel  Selector
		want string
	}{
		// Uppercase dictionary keys (STIX 2.1 section 2.3).
		{file, Selector{Key("hashes"), Key("SHA-256")}, `"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`},
		{file, Selector{Key("hashes"), Key("MD5")}, `"d41d8cd98f00b204e9800998ecf8427e"`},
		{file, Selector{Key("hashes"), Key("sha-256")}, ""},
		{file, Selector{Key("hashes"), Key("SHA")}, ""},
		// Component boundaries.
		{file, Selector{Key("name")}, `"a.exe"`},
		{file, Selector{Key("name_enc")}, `"utf-8"`},
		{file, Selector{Key("nam")}, ""},
		{file, Selector{Key("name_")}, ""},
		{file, Selector{Key("")}, ""},
		// Escaped member names.
		{escaped, Selector{Key("email")}, `"a@example.com"`},
		{escaped, Selector{Key("em\\u0061il")}, ""},
		{escaped, Selector{Key("name")}, `"n"`},
		{escaped, Selector{Key(`x_"q"`)}, `1`},
		{escaped, Selector{Key("t\tab")}, `2`},
		{escaped, Selector{Key("sl/ash")}, `3`},
		{escaped, Selector{Key("😀")}, `"smile"`},
		{escaped, Selector{Key("\ufffd")}, `"lone"`},
		{escaped, Selector{Key("café")}, `"accent"`},
		{escaped, Selector{Key("caféx")}, `"upper hex"`},
		{escaped, Selector{Key("caf")}, ""},
		// Nested lists and values that hold brackets.
		{nested, Selector{Key("a"), Index(0), Index(1), Index(1)}, `3`},
		{nested, Selector{Key("a"), Index(1), Index(0)}, `[4]`},
		{nested, Selector{Key("a"), Index(1), Index(1), Index(1), Key("b"), Index(1), Key("c")}, `"deep"`},
		{nested, Selector{Key("a"), Index(1), Index(1), Index(1), Key("b"), Index(2)}, ""},
		{nested, Selector{Key("a"), Index(2)}, ""},
		{nested, Selector{Key("a"), Index(0), Index(0), Index(0)}, ""},
		{nested, Selector{Key("e"), Index(0)}, ""},
		{nested, Selector{Key("e")}, `[]`},
		{nested, Selector{Key("o")}, `{}`},
		{nested, Selector{Key("o"), Key("x")}, ""},
		{nested, Selector{Key("s")}, `"a string with [brackets], {braces}, \"quotes\" and \\\" a backslash"`},
		{nested, Selector{Key("n")}, `-1.5e+3`},
		{nested, Selector{Key("t")}, `true`},
		{nested, Selector{Key("f")}, `false`},
		{nested, Selector{Key("z")}, `null`},
		{nested, Selector{Key("after")}, `"ok"`},
		{nested, Selector{Key("n"), Key("x")}, ""},
		{nested, Selector{Key("z"), Index(0)}, ""},
		// Strings that end in escaped backslashes, before the member sought.
		{`{"p":"ends in a backslash \\","q":[1],"r":"\\\\","s":"\\\"","t":2}`, Selector{Key("q")}, `[1]`},
		{`{"p":"ends in a backslash \\","q":[1],"r":"\\\\","s":"\\\"","t":2}`, Selector{Key("t")}, `2`},
		{`{"p":"ends in a backslash \\","q":[1],"r":"\\\\","s":"\\\"","t":2}`, Selector{Key("s")}, `"\\\""`},
		// Whitespace everywhere JSON allows it.
		{spaced, Selector{Key("k"), Index(0)}, `1`},
		{spaced, Selector{Key("k"), Index(1)}, `"two"`},
		{spaced, Selector{Key("k"), Index(2), Key("x")}, `null`},
		{spaced, Selector{Key("k"), Index(3)}, ""},
		{spaced, Selector{Key("m")}, `{ }`},
		// The empty selector is the object.
		{`{"a":1}`, Selector{}, `{"a":1}`},
		{spaced, nil, strings.TrimSpace(spaced)},
		// Duplicate names: the first, and no panic.
		{`{"a":1,"a":2}`, Selector{Key("a")}, `1`},
	}
	for _, tt := range tests {
		checkResolve(t, []byte(tt.obj), tt.sel, tt.want)
	}
}

// TestResolveInvalidJSON feeds Resolve input that is not valid JSON, which
// it does not promise to handle, to check that it does not panic.
func TestResolveInvalidJSON(t *testing.T) {
	sels := []Selector{
		{Key("a")},
		{Key("a"), Index(3)},
		{Key("a"), Key("b")},
		{Key("a"), Index(0), Key("b")},
		{Key("é")},
	}
	for _, in := range []string{
		``, ` `, `{`, `[`, `"`, `{"`, `{"a`, `{"a"`, `{"a":`, `{"a":"`, `{"a":"\`,
		`{"a" 1}`, `{"a":1,`, `{"a":1,"b"`, `{"a":[`, `{"a":[1,`, `{"a":[1 2]}`, `{"a":[{]}`,
		`{"a":{"b":}}`, `{"\u00`, `{"\u00e`, `{"\ud800\u`, `{"\x":1}`, `{,}`, `{"b":1 "a":2}`,
		`{"a":]`, `{"a":}`, `{"a"::1}`, `[1]`, `"a"`, `{"a":[1]]`, `}`, `{"a":[[[[`,
	} {
		for _, sel := range sels {
			span, ok := sel.Resolve([]byte(in))
			if ok && (span.Start < 0 || span.End > len(in) || span.Start > span.End) {
				t.Errorf("%q.Resolve(%q) = %v, out of range", sel, in, span)
			}
		}
	}
}

func TestAfterRemoval(t *testing.T) {
	tests := []struct {
		name    string
		sel     string
		removed []string
		want    string // "" when the selected content is gone
	}{
		{"later item shifts down", "labels.[1]", []string{"labels.[0]"}, "labels.[0]"},
		{"earlier item stays", "labels.[0]", []string{"labels.[1]"}, "labels.[0]"},
		{"removed item is gone", "labels.[1]", []string{"labels.[1]"}, ""},
		{"two items removed before", "labels.[4]", []string{"labels.[0]", "labels.[2]"}, "labels.[2]"},
		{"two items removed around", "labels.[2]", []string{"labels.[3]", "labels.[0]"}, "labels.[1]"},
		{"same item twice counts once", "labels.[4]", []string{"labels.[1]", "labels.[1]"}, "labels.[3]"},
		{"other list", "labels.[4]", []string{"x_tags.[0]"}, "labels.[4]"},
		{"member removed", "description", []string{"description"}, ""},
		{"other member removed", "name", []string{"description"}, "name"},
		{"member removed, boundary", "name_enc", []string{"name"}, "name_enc"},
		{"under a removed member", "external_references.[0].url", []string{"external_references"}, ""},
		{"under a removed item", "external_references.[1].url", []string{"external_references.[1]"}, ""},
		{"under a removed item, shifted sibling", "external_references.[2].url", []string{"external_references.[1]"}, "external_references.[1].url"},
		{"above a removed item", "labels", []string{"labels.[0]"}, "labels"},
		{"above a removed member", "external_references.[0]", []string{"external_references.[0].url"}, "external_references.[0]"},
		{"member of an item removed: no shift", "external_references.[2].url", []string{"external_references.[1].url"}, "external_references.[2].url"},
		{"nested list inside an item", "a.[1].b.[3].c", []string{"a.[1].b.[0]", "a.[1].b.[2]"}, "a.[1].b.[1].c"},
		{"nested list of another item", "a.[1].b.[3]", []string{"a.[0].b.[0]"}, "a.[1].b.[3]"},
		{"outer and nested removal", "a.[3].b.[3]", []string{"a.[0]", "a.[3].b.[1]"}, "a.[2].b.[2]"},
		{"nested removal inside a removed item", "a.[3].b.[3]", []string{"a.[1]", "a.[1].b.[0]"}, "a.[2].b.[3]"},
		{"list of lists", "a.[2].[5]", []string{"a.[0]", "a.[2].[1]", "a.[2].[7]"}, "a.[1].[4]"},
		{"removed deeper than the selector", "a.[2]", []string{"a.[0].[0]"}, "a.[2]"},
		{"dictionary key that looks like an index", "objects.1", []string{"objects.0"}, "objects.1"},
		{"index step versus key step", "a.[1]", []string{"a.0"}, "a.[1]"},
		{"nothing removed", "labels.[1]", nil, "labels.[1]"},
		{"whole object removed", "labels", []string{""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := mustParseSelector(t, tt.sel)
			removed := make([]Path, len(tt.removed))
			for i, r := range tt.removed {
				p, err := ParsePath(r)
				if err != nil {
					t.Fatal(err)
				}
				removed[i] = p
			}
			before := sel.String()
			got, ok := sel.AfterRemoval(removed)
			if sel.String() != before {
				t.Errorf("AfterRemoval changed its selector to %q", sel)
			}
			if tt.want == "" {
				if ok {
					t.Errorf("%q.AfterRemoval(%q) = %q, true; want gone", tt.sel, tt.removed, got)
				}
				return
			}
			if !ok || got.String() != tt.want {
				t.Errorf("%q.AfterRemoval(%q) = %q, %v; want %q", tt.sel, tt.removed, got, ok, tt.want)
			}
		})
	}
}

// TestAfterRemovalMatchesRemoval deletes list items from a real object and
// checks that every surviving selector, corrected, still selects the value
// it selected before.
func TestAfterRemovalMatchesRemoval(t *testing.T) {
	before := []byte(`{"a":[{"b":["b0","b1","b2","b3"]},{"b":["c0","c1","c2"]},"x",{"b":["d0","d1"]}],"k":["k0","k1"]}`)
	removed := []Path{
		{Key("a"), Index(0), Key("b"), Index(1)},
		{Key("a"), Index(0), Key("b"), Index(2)},
		{Key("a"), Index(2)},
		{Key("k"), Index(0)},
	}
	after := []byte(`{"a":[{"b":["b0","b3"]},{"b":["c0","c1","c2"]},{"b":["d0","d1"]}],"k":["k1"]}`)
	var all []Selector
	var walk func(p Path, v any)
	walk = func(p Path, v any) {
		all = append(all, Selector(p))
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				walk(p.Append(Key(k)), e)
			}
		case []any:
			for i, e := range v {
				walk(p.Append(Index(i)), e)
			}
		}
	}
	var root any
	if err := json.Unmarshal(before, &root); err != nil {
		t.Fatal(err)
	}
	walk(nil, root)
	for _, sel := range all {
		was, ok := sel.Resolve(before)
		if !ok {
			t.Fatalf("%q does not resolve in the object it came from", sel)
		}
		moved, ok := sel.AfterRemoval(removed)
		if !ok {
			continue
		}
		now, found := moved.Resolve(after)
		if !found {
			t.Errorf("%q became %q, which does not resolve after removal", sel, moved)
			continue
		}
		if above(sel, removed) {
			continue // a container that lost content: its value changed
		}
		if !jsonEqual(before[was.Start:was.End], after[now.Start:now.End]) {
			t.Errorf("%q became %q: selected %s, now %s", sel, moved, before[was.Start:was.End], after[now.Start:now.End])
		}
	}
}

// above reports whether sel is strictly above one of the paths.
func above(sel Selector, paths []Path) bool {
	for _, p := range paths {
		if len(p) > len(sel) && sel.Covers(p) {
			return true
		}
	}
	return false
}

func mustParseSelector(t testing.TB, s string) Selector {
	t.Helper()
	sel, err := ParseSelector(s)
	if err != nil {
		t.Fatalf("ParseSelector(%q): %v", s, err)
	}
	return sel
}

// checkResolve checks that sel selects exactly want in obj, or nothing when
// want is "".
func checkResolve(t *testing.T, obj []byte, sel Selector, want string) {
	t.Helper()
	span, ok := sel.Resolve(obj)
	if want == "" {
		if ok {
			t.Errorf("%q.Resolve found %s, want nothing", sel, obj[span.Start:span.End])
		}
		return
	}
	if !ok {
		t.Errorf("%q.Resolve found nothing, want %s", sel, want)
		return
	}
	if got := string(obj[span.Start:span.End]); got != want {
		t.Errorf("%q.Resolve = %s, want %s", sel, got, want)
	}
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return cmp.Equal(x, y)
}

// benchObject is an object of the size and shape of a report from a sharing
// platform: a long description and a list of references, with the selected
// value at the end so that the walk crosses most of the object.
func benchObject() []byte {
	var b strings.Builder
	b.WriteString(`{"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3",`)
	b.WriteString(`"created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"Weekly summary",`)
	b.WriteString(`"description":"` + strings.Repeat(`Activity from the group was seen against \"several\" sectors. `, 40) + `",`)
	b.WriteString(`"external_references":[`)
	for i := 0; i < 30; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"source_name":"vendor","url":"https://example.com/reports/2024/01/report-`)
		b.WriteString(strings.Repeat("x", i))
		b.WriteString(`.html","description":"See section [3] {appendix}","external_id":"R-1"}`)
	}
	b.WriteString(`],"labels":["weekly","summary","has-appendix"],"x_acme_sign\u0061ture":{"by":"analyst"}}`)
	return []byte(b.String())
}

// BenchmarkResolve measures Resolve on a selector at the end of a 7 KB
// object and, when ../shared/corpus is present, on the last object of an
// OASIS example bundle (90 KB), beside gjson on the same escaped path and
// gjson.Valid, the scan floor of the performance model (DESIGN.md).
func BenchmarkResolve(b *testing.B) {
	type input struct {
		name string
		obj  []byte
		sel  Selector
	}
	inputs := []input{
		{"object", benchObject(), Selector{Key("labels"), Index(2)}},
		{"object-escaped-key", benchObject(), Selector{Key("x_acme_signature"), Key("by")}},
	}
	if corpus, err := os.ReadFile("../../shared/corpus/oasis/poisonivy.json"); err == nil {
		n := int(gjson.GetBytes(corpus, "objects.#").Int())
		inputs = append(inputs, input{"poisonivy", corpus, Selector{Key("objects"), Index(n - 1), Key("id")}})
	} else {
		b.Log("../shared/corpus is absent: benchmarking the written object only")
	}
	for _, in := range inputs {
		if _, ok := in.sel.Resolve(in.obj); !ok {
			b.Fatalf("%s: %q does not resolve", in.name, in.sel)
		}
		b.Run(in.name+"/Resolve", func(b *testing.B) {
			b.SetBytes(int64(len(in.obj)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				in.sel.Resolve(in.obj)
			}
		})
		path := Path(in.sel).GJSON()
		if !gjson.GetBytes(in.obj, path).Exists() {
			continue // gjson has no way to match an escaped member name
		}
		b.Run(in.name+"/gjson.Get", func(b *testing.B) {
			b.SetBytes(int64(len(in.obj)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				gjson.GetBytes(in.obj, path)
			}
		})
		b.Run(in.name+"/gjson.Valid", func(b *testing.B) {
			b.SetBytes(int64(len(in.obj)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				gjson.ValidBytes(in.obj)
			}
		})
	}
}
