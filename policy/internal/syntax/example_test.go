package syntax_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/policy/internal/syntax"
)

func ExampleParse() {
	src := []byte("name: partners\n" +
		"max_tlp: amber\n" +
		"allow_unmarked: no\n")
	root, errs := syntax.Parse("policy.yaml", src, syntax.Limits{})
	for _, e := range root.Entries {
		fmt.Printf("%s %s %s %q\n", e.KeyPos, e.Key, e.Value.Kind, e.Value.Value)
	}
	fmt.Println(len(errs), "errors")
	// Output:
	// policy.yaml:1:1 name string "partners"
	// policy.yaml:2:1 max_tlp string "amber"
	// policy.yaml:3:1 allow_unmarked string "no"
	// 0 errors
}

func ExampleParse_errors() {
	src := []byte("name: a\n" +
		"name: b\n" +
		"base: &b {x: 1}\n" +
		"rules: [*b]\n")
	_, errs := syntax.Parse("policy.yaml", src, syntax.Limits{})
	fmt.Println(errs.Err())
	// Output:
	// policy.yaml:2:1: duplicate key "name"; first defined at line 1, column 1
	// policy.yaml:3:7: base: anchors are not allowed
	// policy.yaml:4:9: rules[0]: aliases are not allowed
}

func ExampleParse_json() {
	src := []byte(`{"note": "\ud83d\ude00", "max_tlp": "amber"}`)
	root, _ := syntax.Parse("policy.json", src, syntax.Limits{})
	note, _ := root.Get("note")
	fmt.Println(note.Pos, note.Value)
	// Output:
	// policy.json:1:10 😀
}

func ExampleCheckKeys() {
	src := []byte("rules:\n" +
		"  - acton: drop\n" +
		"    tlp: red\n")
	root, errs := syntax.Parse("policy.yaml", src, syntax.Limits{})
	rules, _ := root.Get("rules")
	items, _ := syntax.List(rules, "rules", &errs)
	for i, rule := range items {
		syntax.CheckKeys(rule, syntax.PathIndex("rules", i), []string{"action", "tlp", "match"}, &errs)
	}
	fmt.Println(errs.Err())
	// Output:
	// policy.yaml:2:5: rules[0]: unknown key "acton" (did you mean "action"?)
}

func ExampleBool() {
	// Under the YAML 1.2 core schema "no" is a string, so a setting that
	// wants a boolean says so instead of reading it as false.
	root, errs := syntax.Parse("policy.yaml", []byte("allow_unmarked: no\n"), syntax.Limits{})
	v, _ := root.Get("allow_unmarked")
	_, ok := syntax.Bool(v, "allow_unmarked", &errs)
	fmt.Println(ok)
	fmt.Println(errs.Err())
	// Output:
	// false
	// policy.yaml:1:17: allow_unmarked: expected true or false, found the string "no" (yes, no, on and off are not booleans in YAML 1.2)
}

func ExampleSuggest() {
	known := []string{"action", "match", "tlp", "jurisdictions"}
	fmt.Printf("%q\n", syntax.Suggest("acton", known))
	fmt.Printf("%q\n", syntax.Suggest("TLP", known))
	fmt.Printf("%q\n", syntax.Suggest("juris", known))
	fmt.Printf("%q\n", syntax.Suggest("colour", known))
	// Output:
	// "action"
	// "tlp"
	// "jurisdictions"
	// ""
}
