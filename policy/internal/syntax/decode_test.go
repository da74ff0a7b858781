package syntax

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// mustParse parses a source that must have no errors.
func mustParse(t *testing.T, file, src string) *Node {
	t.Helper()
	root, errs := Parse(file, []byte(src), Limits{})
	if len(errs) > 0 {
		t.Fatalf("Parse: %v", errs)
	}
	return root
}

func TestCheckKeys(t *testing.T) {
	known := []string{"action", "match", "tlp"}
	for _, tc := range []struct {
		file, src string
		errs      []string
	}{
		{"p.yaml", "action: drop\nmatch: {}\n", nil},
		{"p.yaml", "acton: drop\nmatch: {}\n", []string{
			`p.yaml:1:1: rules[2]: unknown key "acton" (did you mean "action"?)`,
		}},
		{"p.yaml", "Action: drop\nfoo: 1\ntlp_max: red\n", []string{
			`p.yaml:1:1: rules[2]: unknown key "Action" (did you mean "action"?)`,
			`p.yaml:2:1: rules[2]: unknown key "foo"`,
			`p.yaml:3:1: rules[2]: unknown key "tlp_max" (did you mean "tlp"?)`,
		}},
		{"p.json", `{"action": "drop", "mtach": {}}`, []string{
			`p.json:1:20: rules[2]: unknown key "mtach" (did you mean "match"?)`,
		}},
		{"p.yaml", "[action]\n", []string{"p.yaml:1:1: rules[2]: expected a mapping, found a list"}},
		{"p.yaml", "~\n", []string{"p.yaml:1:1: rules[2]: expected a mapping, found null (~)"}},
		{"p.yaml", "x" + string(make([]byte, 0)) + "\n", []string{"p.yaml:1:1: rules[2]: expected a mapping, found a string"}},
		{"p.yaml", "? " + repeat("k", 60) + "\n: 1\n", []string{
			`p.yaml:1:3: rules[2]: unknown key "` + repeat("k", 32) + `..."`,
		}},
	} {
		t.Run(tc.src, func(t *testing.T) {
			root := mustParse(t, tc.file, tc.src)
			var errs Errors
			CheckKeys(root, "rules[2]", known, &errs)
			if diff := cmp.Diff(tc.errs, errorStrings(errs)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

// TestHelpers runs each helper on the value of key "v" in small sources.
func TestHelpers(t *testing.T) {
	type result struct {
		Value any
		OK    bool
		Errs  []string
	}
	call := map[string]func(n *Node, errs *Errors) (any, bool){
		"String": func(n *Node, errs *Errors) (any, bool) { return String(n, "v", errs) },
		"Bool":   func(n *Node, errs *Errors) (any, bool) { return Bool(n, "v", errs) },
		"Int":    func(n *Node, errs *Errors) (any, bool) { return Int(n, "v", errs) },
		"Float":  func(n *Node, errs *Errors) (any, bool) { return Float(n, "v", errs) },
		"List": func(n *Node, errs *Errors) (any, bool) {
			items, ok := List(n, "v", errs)
			return len(items), ok
		},
		"Map": func(n *Node, errs *Errors) (any, bool) {
			entries, ok := Map(n, "v", errs)
			return len(entries), ok
		},
		"StringList": func(n *Node, errs *Errors) (any, bool) { return StringList(n, "v", errs) },
		"Enum": func(n *Node, errs *Errors) (any, bool) {
			return Enum(n, "v", []string{"clear", "green", "amber", "amber+strict", "red"}, errs)
		},
	}
	for _, tc := range []struct {
		helper, file, src string
		want              result
	}{
		// String: YAML plain scalars that are not strings say what they are.
		{"String", "p.yaml", "v: amber", result{"amber", true, nil}},
		{"String", "p.yaml", "v: no", result{"no", true, nil}},
		{"String", "p.yaml", "v: 'true'", result{"true", true, nil}},
		{"String", "p.yaml", "v: True", result{"", false, []string{"p.yaml:1:4: v: expected a string, found a boolean (True)"}}},
		{"String", "p.yaml", "v: 1.10", result{"", false, []string{"p.yaml:1:4: v: expected a string, found a number"}}},
		{"String", "p.yaml", "v:", result{"", false, []string{"p.yaml:1:3: v: expected a string, found null (an empty value)"}}},
		{"String", "p.yaml", "v: *a", result{"", false, nil}}, // unknown anchor: a parse error, not checked here
		{"String", "p.yaml", "v: [a]", result{"", false, []string{"p.yaml:1:4: v: expected a string, found a list"}}},
		{"String", "p.json", `{"v": "x"}`, result{"x", true, nil}},
		{"String", "p.json", `{"v": null}`, result{"", false, []string{"p.json:1:7: v: expected a string, found null (null)"}}},
		{"String", "p.yaml", "w: 1", result{"", false, nil}}, // missing: silent

		// Bool: yes/no/on/off are strings, and the message says why.
		{"Bool", "p.yaml", "v: true", result{true, true, nil}},
		{"Bool", "p.yaml", "v: FALSE", result{false, true, nil}},
		{"Bool", "p.yaml", "v: no", result{false, false, []string{`p.yaml:1:4: v: expected true or false, found the string "no" (yes, no, on and off are not booleans in YAML 1.2)`}}},
		{"Bool", "p.yaml", "v: On", result{false, false, []string{`p.yaml:1:4: v: expected true or false, found the string "On" (yes, no, on and off are not booleans in YAML 1.2)`}}},
		{"Bool", "p.yaml", "v: 'true'", result{false, false, []string{"p.yaml:1:4: v: expected true or false, found a string"}}},
		{"Bool", "p.yaml", "v: 1", result{false, false, []string{"p.yaml:1:4: v: expected true or false, found a number"}}},
		{"Bool", "p.json", `{"v": false}`, result{false, true, nil}},

		// Int: core schema forms; 017 is seventeen.
		{"Int", "p.yaml", "v: 017", result{int64(17), true, nil}},
		{"Int", "p.yaml", "v: 0o17", result{int64(15), true, nil}},
		{"Int", "p.yaml", "v: 0x1F", result{int64(31), true, nil}},
		{"Int", "p.yaml", "v: -42", result{int64(-42), true, nil}},
		{"Int", "p.yaml", "v: +42", result{int64(42), true, nil}},
		{"Int", "p.yaml", "v: 1.5", result{int64(0), false, []string{"p.yaml:1:4: v: expected an integer, found a number with a fraction or exponent"}}},
		{"Int", "p.yaml", "v: 99999999999999999999", result{int64(0), false, []string{"p.yaml:1:4: v: the integer is out of range"}}},
		{"Int", "p.yaml", "v: '7'", result{int64(0), false, []string{"p.yaml:1:4: v: expected an integer, found a string"}}},
		{"Int", "p.json", `{"v": 1e3}`, result{int64(0), false, []string{"p.json:1:7: v: expected an integer, found a number with a fraction or exponent"}}},
		{"Int", "p.json", `{"v": -0}`, result{int64(0), true, nil}},

		// Float.
		{"Float", "p.yaml", "v: 1.5e3", result{1500.0, true, nil}},
		{"Float", "p.yaml", "v: .5", result{0.5, true, nil}},
		{"Float", "p.yaml", "v: 1.", result{1.0, true, nil}},
		{"Float", "p.yaml", "v: 0x10", result{16.0, true, nil}},
		{"Float", "p.yaml", "v: .inf", result{0.0, false, []string{"p.yaml:1:4: v: expected a finite number"}}},
		{"Float", "p.yaml", "v: -.Inf", result{0.0, false, []string{"p.yaml:1:4: v: expected a finite number"}}},
		{"Float", "p.yaml", "v: .NaN", result{0.0, false, []string{"p.yaml:1:4: v: expected a finite number"}}},
		{"Float", "p.json", `{"v": 1E400}`, result{0.0, false, []string{"p.json:1:7: v: the number is out of range"}}},
		{"Float", "p.json", `{"v": "1"}`, result{0.0, false, []string{"p.json:1:7: v: expected a number, found a string"}}},

		// List and Map: an empty YAML value is null, not empty.
		{"List", "p.yaml", "v: [a, b]", result{2, true, nil}},
		{"List", "p.yaml", "v: []", result{0, true, nil}},
		{"List", "p.yaml", "v:", result{0, false, []string{"p.yaml:1:3: v: expected a list, found null (an empty value)"}}},
		{"List", "p.json", `{"v": {}}`, result{0, false, []string{"p.json:1:7: v: expected a list, found a mapping"}}},
		{"Map", "p.yaml", "v: {a: 1}", result{1, true, nil}},
		{"Map", "p.yaml", "v: a", result{0, false, []string{"p.yaml:1:4: v: expected a mapping, found a string"}}},

		// StringList reports every bad item at its own path.
		{"StringList", "p.yaml", "v: [a, b]", result{[]string{"a", "b"}, true, nil}},
		{"StringList", "p.yaml", "v: [a, 1, true, b]", result{[]string(nil), false, []string{
			"p.yaml:1:8: v[1]: expected a string, found a number",
			"p.yaml:1:11: v[2]: expected a string, found a boolean (true)",
		}}},

		// Enum: exact match; a near miss gets a suggestion, else the list.
		{"Enum", "p.yaml", "v: amber+strict", result{"amber+strict", true, nil}},
		{"Enum", "p.yaml", "v: Amber", result{"", false, []string{`p.yaml:1:4: v: unknown value "Amber" (did you mean "amber"?)`}}},
		{"Enum", "p.yaml", "v: amber+strcit", result{"", false, []string{`p.yaml:1:4: v: unknown value "amber+strcit" (did you mean "amber+strict"?)`}}},
		{"Enum", "p.yaml", "v: white", result{"", false, []string{`p.yaml:1:4: v: unknown value "white"; expected one of "clear", "green", "amber", "amber+strict", "red"`}}},
		{"Enum", "p.yaml", "v: false", result{"", false, []string{"p.yaml:1:4: v: expected a string, found a boolean (false)"}}},
	} {
		t.Run(fmt.Sprintf("%s/%s/%s", tc.helper, tc.file, tc.src), func(t *testing.T) {
			root, perrs := Parse(tc.file, []byte(tc.src), Limits{})
			if root == nil {
				// The source is meant to be broken; the helper must stay
				// quiet on the nil node.
				if len(perrs) == 0 {
					t.Fatal("no tree and no errors")
				}
			}
			v, _ := root.Get("v")
			var errs Errors
			got, ok := call[tc.helper](v, &errs)
			if diff := cmp.Diff(tc.want, result{got, ok, errorStrings(errs)}); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestHelpersSilentOnInvalid(t *testing.T) {
	// An alias is reported by Parse and becomes an Invalid node; no helper
	// may report it again.
	root, perrs := Parse("p.yaml", []byte("a: &x 1\nv: *x\n"), Limits{})
	if len(perrs) != 2 {
		t.Fatalf("Parse errors: %v", perrs)
	}
	v, _ := root.Get("v")
	if v == nil || v.Kind != KindInvalid {
		t.Fatalf("v = %+v, want an Invalid node", v)
	}
	var errs Errors
	String(v, "v", &errs)
	Bool(v, "v", &errs)
	Int(v, "v", &errs)
	Float(v, "v", &errs)
	List(v, "v", &errs)
	Map(v, "v", &errs)
	StringList(v, "v", &errs)
	Enum(v, "v", []string{"x"}, &errs)
	CheckKeys(v, "v", []string{"x"}, &errs)
	Required(v, "v", "x", &errs)
	if len(errs) > 0 {
		t.Errorf("helpers reported an Invalid node: %v", errs)
	}
}

func TestRequired(t *testing.T) {
	root := mustParse(t, "p.yaml", "rules:\n  - match: {}\n")
	rules, _ := root.Get("rules")
	rule := rules.Items[0]
	var errs Errors
	if _, ok := Required(rule, "rules[0]", "match", &errs); !ok {
		t.Error("match not found")
	}
	if v, ok := Required(rule, "rules[0]", "action", &errs); ok || v != nil {
		t.Errorf("Required(action) = %v, %v", v, ok)
	}
	want := []string{`p.yaml:2:5: rules[0]: missing required key "action"`}
	if diff := cmp.Diff(want, errorStrings(errs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestOnePass decodes a source with problems at the syntax level and at the
// decoder level, added out of order, and gets them all back sorted.
func TestOnePass(t *testing.T) {
	src := "name: True\n" +
		"rules:\n" +
		"  - acton: drop\n" +
		"    tlp: &t amber\n"
	root, errs := Parse("p.yaml", []byte(src), Limits{})
	// The decoder goes on after Parse's errors.
	rules, _ := root.Get("rules")
	items, _ := List(rules, "rules", &errs)
	for i, r := range items {
		CheckKeys(r, PathIndex("rules", i), []string{"action", "tlp"}, &errs)
	}
	name, _ := root.Get("name")
	String(name, "name", &errs)
	errs.Sort()
	want := []string{
		"p.yaml:1:7: name: expected a string, found a boolean (True)",
		`p.yaml:3:5: rules[0]: unknown key "acton" (did you mean "action"?)`,
		"p.yaml:4:10: rules[0].tlp: anchors are not allowed",
	}
	if diff := cmp.Diff(want, errorStrings(errs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestGet(t *testing.T) {
	root := mustParse(t, "p.json", `{"a": 1, "b": [2]}`)
	if v, ok := root.Get("a"); !ok || v.Value != "1" {
		t.Errorf("Get(a) = %v, %v", v, ok)
	}
	if _, ok := root.Get("c"); ok {
		t.Error("Get(c) found something")
	}
	b, _ := root.Get("b")
	if _, ok := b.Get("a"); ok {
		t.Error("Get on a list found something")
	}
	var nilNode *Node
	if _, ok := nilNode.Get("a"); ok {
		t.Error("Get on nil found something")
	}
}

func TestKindString(t *testing.T) {
	want := []string{"invalid", "null", "boolean", "number", "string", "mapping", "list", "invalid"}
	for k := KindInvalid; k <= KindList+1; k++ {
		if got := k.String(); got != want[k] {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want[k])
		}
	}
}
