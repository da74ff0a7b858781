package syntax

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	yaml "go.yaml.in/yaml/v4"
)

type parseCase struct {
	name string
	src  string
	lim  Limits
	// tree is the outline of the tree; nil means Parse must return no tree.
	tree []string
	errs []string
}

func runParseCases(t *testing.T, file string, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root, errs := Parse(file, []byte(tc.src), tc.lim)
			checkPositions(t, file, []byte(tc.src), root, errs)
			if diff := cmp.Diff(tc.errs, errorStrings(errs)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if tc.tree == nil && root != nil {
				t.Errorf("got a tree, want none:\n%s", strings.Join(outline(root), "\n"))
			}
			if diff := cmp.Diff(tc.tree, outline(root)); diff != "" {
				t.Errorf("tree (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseYAMLTree(t *testing.T) {
	runParseCases(t, "p.yaml", []parseCase{{
		name: "core schema scalars",
		src: "tlp: no\n" +
			"b: yes\n" +
			"c: on\n" +
			"d: True\n" +
			"e: FALSE\n" +
			"f: ~\n" +
			"g:\n" +
			"h: Null\n" +
			"i: 017\n" +
			"j: 0o17\n" +
			"k: 0x1F\n" +
			"l: 1_000\n" +
			"m: 2001-12-14\n" +
			"n: -.inf\n" +
			"o: 1.5e3\n" +
			"p: \"true\"\n" +
			"q: 'null'\n" +
			"r: 0b101\n" +
			"NO: Norway\n",
		tree: []string{
			". 1:1 mapping",
			"tlp= 1:1", `tlp 1:6 string "no"`,
			"b= 2:1", `b 2:4 string "yes"`,
			"c= 3:1", `c 3:4 string "on"`,
			"d= 4:1", `d 4:4 boolean "true" (True)`,
			"e= 5:1", `e 5:4 boolean "false" (FALSE)`,
			"f= 6:1", `f 6:4 null "" (~)`,
			"g= 7:1", `g 7:3 null "" ()`,
			"h= 8:1", `h 8:4 null "" (Null)`,
			"i= 9:1", `i 9:4 number "017"`,
			"j= 10:1", `j 10:4 number "0o17"`,
			"k= 11:1", `k 11:4 number "0x1F"`,
			"l= 12:1", `l 12:4 string "1_000"`,
			"m= 13:1", `m 13:4 string "2001-12-14"`,
			"n= 14:1", `n 14:4 number "-.inf"`,
			"o= 15:1", `o 15:4 number "1.5e3"`,
			"p= 16:1", `p 16:4 string "true"`,
			"q= 17:1", `q 17:4 string "null"`,
			"r= 18:1", `r 18:4 string "0b101"`,
			"NO= 19:1", `NO 19:5 string "Norway"`,
		},
	}, {
		name: "nesting, flow and block, columns in characters",
		src: "rules:\n" +
			"  - match: {tlp: [amber, red]}\n" +
			"    note: \"é\" # comment\n" +
			"  - ümlaut: [é, x]\n",
		tree: []string{
			". 1:1 mapping",
			"rules= 1:1",
			"rules 2:3 list",
			"rules[0] 2:5 mapping",
			"rules[0].match= 2:5",
			"rules[0].match 2:12 mapping",
			"rules[0].match.tlp= 2:13",
			"rules[0].match.tlp 2:18 list",
			`rules[0].match.tlp[0] 2:19 string "amber"`,
			`rules[0].match.tlp[1] 2:26 string "red"`,
			"rules[0].note= 3:5",
			`rules[0].note 3:11 string "é"`,
			"rules[1] 4:5 mapping",
			`rules[1]["ümlaut"]= 4:5`,
			`rules[1]["ümlaut"] 4:13 list`,
			`rules[1]["ümlaut"][0] 4:14 string "é"`,
			`rules[1]["ümlaut"][1] 4:17 string "x"`,
		},
	}, {
		name: "CRLF and byte order mark",
		src:  bom + "a: 1\r\nb:\r\n  - x\r\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", `a 1:4 number "1"`,
			"b= 2:1", "b 3:3 list", `b[0] 3:5 string "x"`,
		},
	}, {
		name: "LS breaks a line for the YAML parser",
		src:  "a: 'x\u2028y'\nb: 1\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", `a 1:4 string "x\u2028y"`,
			"b= 3:1", `b 3:4 number "1"`,
		},
	}, {
		name: "block scalars",
		src:  "a: |\n  two\n  lines\nb: >-\n  folded\n  text\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", `a 1:4 string "two\nlines\n"`,
			"b= 4:1", `b 4:4 string "folded text"`,
		},
	}, {
		name: "core tags",
		src: "a: !!str 1\n" +
			"b: !!int \"12\"\n" +
			"c: !!float 1\n" +
			"d: !!bool True\n" +
			"e: !!null ~\n" +
			"f: !!map {x: 1}\n" +
			"g: !!seq [1]\n" +
			"h: !<tag:yaml.org,2002:str> yes\n" +
			"!!str 2: two\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", `a 1:4 string "1"`,
			"b= 2:1", `b 2:4 number "12"`,
			"c= 3:1", `c 3:4 number "1"`,
			"d= 4:1", `d 4:4 boolean "true" (True)`,
			"e= 5:1", `e 5:4 null "" (~)`,
			"f= 6:1", "f 6:4 mapping", "f.x= 6:11", `f.x 6:14 number "1"`,
			"g= 7:1", "g 7:4 list", `g[0] 7:11 number "1"`,
			"h= 8:1", `h 8:4 string "yes"`,
			"2= 9:1", `2 9:10 string "two"`,
		},
	}, {
		name: "a YAML 1.1 directive does not bring back 1.1 booleans",
		src:  "%YAML 1.1\n---\nallow: no\n",
		tree: []string{". 3:1 mapping", "allow= 3:1", `allow 3:8 string "no"`},
	}, {
		name: "an empty document is null",
		src:  "---\n",
		tree: []string{`. 2:1 null "" ()`},
	}, {
		name: "top-level scalar",
		src:  "just text\n",
		tree: []string{`. 1:1 string "just text"`},
	}, {
		name: "document end marker",
		src:  "a: 1\n...\n",
		tree: []string{". 1:1 mapping", "a= 1:1", `a 1:4 number "1"`},
	}})
}

func TestParseYAMLRejects(t *testing.T) {
	runParseCases(t, "p.yaml", []parseCase{{
		name: "anchor and alias",
		src:  "a: &x 1\nb: *x\n",
		tree: []string{". 1:1 mapping", "a= 1:1", `a 1:4 number "1"`, "b= 2:1", "b 2:4 invalid"},
		errs: []string{
			"p.yaml:1:4: a: anchors are not allowed",
			"p.yaml:2:4: b: aliases are not allowed",
		},
	}, {
		name: "anchored mapping and alias in a list",
		src:  "defs: &d {x: 1}\nuse:\n  - *d\n",
		tree: []string{
			". 1:1 mapping",
			"defs= 1:1", "defs 1:7 mapping", "defs.x= 1:11", `defs.x 1:14 number "1"`,
			"use= 2:1", "use 3:3 list", "use[0] 3:5 invalid",
		},
		errs: []string{
			"p.yaml:1:7: defs: anchors are not allowed",
			"p.yaml:3:5: use[0]: aliases are not allowed",
		},
	}, {
		name: "alias and anchor as keys",
		src:  "&k a: 1\n*k : 2\n",
		tree: []string{". 1:1 mapping", "a= 1:1", `a 1:7 number "1"`},
		errs: []string{
			"p.yaml:1:1: anchors are not allowed",
			"p.yaml:2:1: aliases are not allowed",
		},
	}, {
		name: "alias of an unknown anchor",
		src:  "a: *nowhere\n",
		errs: []string{"p.yaml:1:4: alias of an anchor that is not defined (anchors and aliases are not allowed)"},
	}, {
		name: "merge key",
		src:  "base: {x: 1}\nrule:\n  <<: {y: 2}\n  z: 3\n",
		tree: []string{
			". 1:1 mapping",
			"base= 1:1", "base 1:7 mapping", "base.x= 1:8", `base.x 1:11 number "1"`,
			"rule= 2:1", "rule 3:3 mapping", "rule.z= 4:3", `rule.z 4:6 number "3"`,
		},
		errs: []string{"p.yaml:3:3: rule: merge keys (<<) are not allowed"},
	}, {
		name: "quoted << is an ordinary key",
		src:  "'<<': 1\n",
		tree: []string{". 1:1 mapping", `["<<"]= 1:1`, `["<<"] 1:7 number "1"`},
	}, {
		name: "custom and non-core tags",
		src: "a: !foo bar\n" +
			"b: !!binary aGVsbG8=\n" +
			"c: !!timestamp 2001-12-14\n" +
			"d: ! x\n" +
			"e: !custom {x: 1}\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", "a 1:4 invalid",
			"b= 2:1", "b 2:4 invalid",
			"c= 3:1", "c 3:4 invalid",
			"d= 4:1", "d 4:4 invalid",
			"e= 5:1", "e 5:4 invalid",
		},
		errs: []string{
			`p.yaml:1:4: a: tag "!foo" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`,
			`p.yaml:2:4: b: tag "!!binary" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`,
			`p.yaml:3:4: c: tag "!!timestamp" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`,
			`p.yaml:4:4: d: tag "!" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`,
			`p.yaml:5:4: e: tag "!custom" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`,
		},
	}, {
		name: "tag from a %TAG directive",
		src:  "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1\n",
		tree: []string{". 3:1 mapping", "a= 3:1", "a 3:4 invalid"},
		errs: []string{`p.yaml:3:4: a: tag "tag:example.com,2000:foo" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`},
	}, {
		name: "core tags that do not fit",
		src:  "a: !!int abc\nb: !!bool yes\nc: !!str {x: 1}\nd: !!map [1]\ne: !!seq x\nf: !!null 0\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", "a 1:4 invalid",
			"b= 2:1", "b 2:4 invalid",
			"c= 3:1", "c 3:4 invalid",
			"d= 4:1", "d 4:4 invalid",
			"e= 5:1", "e 5:4 invalid",
			"f= 6:1", "f 6:4 invalid",
		},
		errs: []string{
			"p.yaml:1:4: a: the value does not match its tag !!int",
			"p.yaml:2:4: b: the value does not match its tag !!bool",
			"p.yaml:3:4: c: tag !!str does not apply to a mapping",
			"p.yaml:4:4: d: tag !!map does not apply to a list",
			"p.yaml:5:4: e: tag !!seq does not apply to a scalar",
			"p.yaml:6:4: f: the value does not match its tag !!null",
		},
	}, {
		name: "duplicate keys, block, flow and differently quoted",
		src:  "version: 1\nrules: {a: 1, a: 2}\n\"version\": 2\n",
		tree: []string{
			". 1:1 mapping",
			"version= 1:1", `version 1:10 number "1"`,
			"rules= 2:1", "rules 2:8 mapping", "rules.a= 2:9", `rules.a 2:12 number "1"`,
		},
		errs: []string{
			`p.yaml:2:15: rules: duplicate key "a"; first defined at line 2, column 9`,
			`p.yaml:3:1: duplicate key "version"; first defined at line 1, column 1`,
		},
	}, {
		name: "every repeat of a key is reported",
		src:  "{a: 1, a: 2, a: 3}\n",
		tree: []string{". 1:1 mapping", "a= 1:2", `a 1:5 number "1"`},
		errs: []string{
			`p.yaml:1:8: duplicate key "a"; first defined at line 1, column 2`,
			`p.yaml:1:14: duplicate key "a"; first defined at line 1, column 2`,
		},
	}, {
		name: "keys that are not strings",
		src:  "1: one\ntrue: t\n~: n\n? [a]\n: l\n? {b: 1}\n: m\n!!int 7: s\nok: 1\n",
		tree: []string{". 1:1 mapping", "ok= 9:1", `ok 9:5 number "1"`},
		errs: []string{
			"p.yaml:1:1: mapping keys must be strings, found a number",
			"p.yaml:2:1: mapping keys must be strings, found a boolean (true)",
			"p.yaml:3:1: mapping keys must be strings, found null (~)",
			"p.yaml:4:3: mapping keys must be strings, found a list",
			"p.yaml:6:3: mapping keys must be strings, found a mapping",
			`p.yaml:8:1: mapping keys must be strings; tag "!!int" is not allowed here`,
		},
	}, {
		name: "second document",
		src:  "a: 1\n---\nb: 2\n",
		tree: []string{". 1:1 mapping", "a= 1:1", `a 1:4 number "1"`},
		errs: []string{"p.yaml:2:1: a policy is a single YAML document; a second one starts here"},
	}, {
		name: "second document after an end marker",
		src:  "a: 1\n...\n---\nb: 2\n",
		tree: []string{". 1:1 mapping", "a= 1:1", `a 1:4 number "1"`},
		errs: []string{"p.yaml:3:1: a policy is a single YAML document; a second one starts here"},
	}, {
		name: "broken second document",
		src:  "a: 1\n---\nb: [\n",
		tree: []string{". 1:1 mapping", "a= 1:1", `a 1:4 number "1"`},
		errs: []string{"p.yaml:4:1: did not find expected node content"},
	}, {
		name: "YAML 1.2 directive",
		src:  "%YAML 1.2\n---\na: 1\n",
		errs: []string{"p.yaml:1:1: unsupported %YAML version: the parser accepts only %YAML 1.1; remove the directive (scalars are resolved by the YAML 1.2 core schema either way)"},
	}, {
		name: "unclosed flow sequence",
		src:  "a: [1, 2\nb: 3\n",
		errs: []string{"p.yaml:2:2: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 1, column 4)"},
	}, {
		name: "mapping value in a plain scalar",
		src:  "a: b: c\n",
		errs: []string{"p.yaml:1:5: mapping values are not allowed in this context"},
	}, {
		name: "tab indentation",
		src:  "a:\n\tb: 1\n",
		errs: []string{"p.yaml:2:1: a tab where YAML needs spaces: YAML indents with spaces only"},
	}, {
		name: "unknown escape",
		src:  "a: \"x\\qy\"\n",
		errs: []string{"p.yaml:1:6: found unknown escape character (while scanning a quoted scalar that starts at line 1, column 4)"},
	}, {
		name: "surrogate pair escape",
		src:  "a: \"\\ud83d\\ude00\"\n",
		errs: []string{`p.yaml:1:7: found invalid Unicode character escape code (while scanning a quoted scalar that starts at line 1, column 4); YAML does not accept surrogate pairs such as "\ud83d\ude00": write "\U0001F600"`},
	}, {
		name: "error at the end of a source without a final newline",
		src:  "a: [",
		errs: []string{"p.yaml:1:5: did not find expected node content"},
	}, {
		name: "empty",
		src:  "",
		errs: []string{"p.yaml:1:1: the policy is empty"},
	}, {
		name: "only comments",
		src:  "# nothing\n\n",
		errs: []string{"p.yaml:1:1: the policy is empty"},
	}, {
		name: "control character",
		src:  "a: ok\nb: x\x07\n",
		errs: []string{"p.yaml:2:5: control character U+0007 is not allowed"},
	}, {
		name: "invalid UTF-8",
		src:  "a: é\nb: \xff\n",
		errs: []string{"p.yaml:2:4: the policy is not valid UTF-8"},
	}, {
		name: "three problems in one pass",
		src:  "a: &y 1\nb: *y\nc: !foo 2\n",
		tree: []string{
			". 1:1 mapping",
			"a= 1:1", `a 1:4 number "1"`,
			"b= 2:1", "b 2:4 invalid",
			"c= 3:1", "c 3:4 invalid",
		},
		errs: []string{
			"p.yaml:1:4: a: anchors are not allowed",
			"p.yaml:2:4: b: aliases are not allowed",
			`p.yaml:3:4: c: tag "!foo" is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are`,
		},
	}})
}

func TestParseLimits(t *testing.T) {
	deepFlow := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	deepBlock := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(strings.Repeat("  ", i) + "k:\n")
		}
		b.WriteString(strings.Repeat("  ", n) + "v\n")
		return b.String()
	}
	for _, tc := range []struct {
		name, file, src string
		lim             Limits
		err             string // "" for no error
	}{
		{"bytes within", "p.yaml", "a: 1\n", Limits{MaxBytes: 5}, ""},
		{"bytes over", "p.yaml", "a: 12\n", Limits{MaxBytes: 5}, "p.yaml:1:1: the policy is larger than 5 bytes"},
		{"json bytes over", "p.json", `{"a":12}`, Limits{MaxBytes: 5}, "p.json:1:1: the policy is larger than 5 bytes"},
		{"flow depth within", "p.yaml", deepFlow(4), Limits{MaxDepth: 4}, ""},
		{"flow depth over", "p.yaml", deepFlow(5), Limits{MaxDepth: 4}, "p.yaml:1:5: [0][0][0][0]: nesting is deeper than 4 levels"},
		{"flow depth far over", "p.yaml", deepFlow(50), Limits{MaxDepth: 4}, "p.yaml:1:6: nesting is deeper than 4 levels"},
		{"block depth within", "p.yaml", deepBlock(4), Limits{MaxDepth: 4}, ""},
		{"block depth over", "p.yaml", deepBlock(5), Limits{MaxDepth: 4}, "p.yaml:5:9: k.k.k.k: nesting is deeper than 4 levels"},
		{"block depth far over", "p.yaml", deepBlock(50), Limits{MaxDepth: 4}, "p.yaml:6:11: nesting is deeper than 4 levels"},
		{"mixed depth over", "p.yaml", "a:\n  b: [[{c: 1}]]\n", Limits{MaxDepth: 4}, "p.yaml:2:8: a.b[0][0]: nesting is deeper than 4 levels"},
		{"json depth within", "p.json", deepFlow(4), Limits{MaxDepth: 4}, ""},
		{"json depth over", "p.json", deepFlow(5), Limits{MaxDepth: 4}, "p.json:1:5: [0][0][0][0]: nesting is deeper than 4 levels"},
		{"json depth far over", "p.json", deepFlow(20000), Limits{MaxDepth: 4}, "p.json:1:5: [0][0][0][0]: nesting is deeper than 4 levels"},
		{"nodes within", "p.yaml", "[1, 2, 3]", Limits{MaxNodes: 4}, ""},
		{"nodes over", "p.yaml", "[1, 2, 3, 4]", Limits{MaxNodes: 4}, "p.yaml:1:11: [3]: the policy has more than 4 values"},
		{"json nodes over", "p.json", "[1, 2, 3, 4]", Limits{MaxNodes: 4}, "p.json:1:11: [3]: the policy has more than 4 values"},
		{"keys do not count", "p.json", `{"a": 1, "b": 2, "c": 3}`, Limits{MaxNodes: 4}, ""},
		{"errors within", "p.yaml", "a: 1\na: 2\na: 3\na: 4\n", Limits{MaxErrors: 3}, "3 errors"},
		{"errors over", "p.yaml", "a: 1\na: 2\na: 3\na: 4\na: 5\n", Limits{MaxErrors: 3}, "p.yaml:5:1: too many errors; stopped after 3"},
		{"json errors over", "p.json", `{"a":1,"a":2,"a":3,"a":4,"a":5}`, Limits{MaxErrors: 3}, "p.json:1:26: too many errors; stopped after 3"},
		{"json errors then a syntax error", "p.json", `{"a":1,"a":2,"a":3,"a":4,}`, Limits{MaxErrors: 3}, "p.json:1:26: too many errors; stopped after 3"},
		{"default depth", "p.yaml", deepFlow(DefaultMaxDepth), Limits{}, ""},
		{"default depth over", "p.yaml", deepFlow(DefaultMaxDepth + 1), Limits{}, "p.yaml:1:65: " + strings.Repeat("[0]", 64) + ": nesting is deeper than 64 levels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, errs := Parse(tc.file, []byte(tc.src), tc.lim)
			checkPositions(t, tc.file, []byte(tc.src), root, errs)
			if n, ok := strings.CutSuffix(tc.err, " errors"); ok {
				// Exactly the limit: all reported, the tree kept.
				if fmt.Sprint(len(errs)) != n || root == nil {
					t.Fatalf("got %d errors and tree %v, want %s errors and a tree", len(errs), root != nil, n)
				}
				return
			}
			switch {
			case tc.err == "" && len(errs) > 0:
				t.Fatalf("unexpected errors: %v", errs)
			case tc.err == "" && root == nil:
				t.Fatal("no tree")
			case tc.err != "" && errs[len(errs)-1].Error() != tc.err:
				t.Fatalf("errors = %q, want the last to be %q", errorStrings(errs), tc.err)
			case tc.err != "" && len(errs) != 1 && len(errs) != tc.lim.MaxErrors+1:
				t.Fatalf("errors = %q, want only %q", errorStrings(errs), tc.err)
			case tc.err != "" && root != nil:
				t.Fatal("got a tree past a limit")
			}
		})
	}
}

// TestLoadErrors feeds the library's error shapes straight to the code that
// converts them: a syntax error is one *yaml.LoadError, but a
// *yaml.LoadErrors may list several, and all of them must be kept.
func TestLoadErrors(t *testing.T) {
	src := []byte("ab\ncdé\n")
	mark := func(line, col int) yaml.Mark { return yaml.Mark{Line: line, Column: col} }
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{{
		name: "several",
		err: &yaml.LoadErrors{Errors: []*yaml.LoadError{
			yaml.NewLoadError(yaml.ConstructorStage, "first", mark(1, 2), nil),
			yaml.NewLoadError(yaml.ConstructorStage, "second", mark(2, 4), nil),
		}},
		want: []string{"p.yaml:1:2: first", "p.yaml:2:4: second"},
	}, {
		name: "one, wrapped",
		err:  fmt.Errorf("context: %w", yaml.NewLoadError(yaml.ParserStage, "broken", mark(2, 1), nil)),
		want: []string{"p.yaml:2:1: broken"},
	}, {
		name: "no position",
		err:  yaml.NewLoadError(yaml.ReaderStage, "unreadable", yaml.Mark{}, nil),
		want: []string{"p.yaml:1:1: unreadable"},
	}, {
		name: "past the end",
		err:  yaml.NewLoadError(yaml.ParserStage, "late", mark(9, 9), nil),
		want: []string{"p.yaml:3:1: late"},
	}, {
		name: "anything else",
		err:  errors.New("odd"),
		want: []string{"p.yaml:1:1: cannot read YAML: odd"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var errs Errors
			b := &builder{x: newLineIndex("p.yaml", src, 0, true), lim: Limits{}.withDefaults(), errs: &errs}
			b.loadErrors(tc.err)
			checkPositions(t, "p.yaml", src, nil, errs)
			if diff := cmp.Diff(tc.want, errorStrings(errs)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// A second byte order mark would be dropped by the YAML reader and shift
// every position after it: it is an error where it stands.
func TestYAMLSecondBOM(t *testing.T) {
	for _, src := range []string{bom + bom + "a: 1\n", "a: 1\n" + bom + "b: 2\n"} {
		root, errs := Parse("p.yaml", []byte(src), Limits{})
		if root != nil || len(errs) != 1 || !strings.Contains(errs[0].Error(), "byte order mark") {
			t.Errorf("%q: root %v, errors %v", src, root, errs)
		}
	}
	if _, errs := Parse("p.yaml", []byte(bom+"a: 1\n"), Limits{}); len(errs) > 0 {
		t.Errorf("one leading BOM: %v", errs)
	}
}
