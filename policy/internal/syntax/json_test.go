package syntax

import "testing"

func TestParseJSONTree(t *testing.T) {
	runParseCases(t, "p.json", []parseCase{{
		name: "all kinds",
		src:  `{"tlp": "no", "b": true, "c": null, "d": -1.5e3, "e": [0, {}], "f": {"g": []}}`,
		tree: []string{
			". 1:1 mapping",
			"tlp= 1:2", `tlp 1:9 string "no"`,
			"b= 1:15", `b 1:20 boolean "true" (true)`,
			"c= 1:26", `c 1:31 null "" (null)`,
			"d= 1:37", `d 1:42 number "-1.5e3"`,
			"e= 1:50", "e 1:55 list", `e[0] 1:56 number "0"`, "e[1] 1:59 mapping",
			"f= 1:64", "f 1:69 mapping", "f.g= 1:70", "f.g 1:75 list",
		},
	}, {
		name: "lines and characters",
		src:  "{\n  \"ä\": \"é\",\n\t\"b\" :\n    [ 1 ,2 ]\n}\n",
		tree: []string{
			". 1:1 mapping",
			`["ä"]= 2:3`, `["ä"] 2:8 string "é"`,
			"b= 3:2", "b 4:5 list", `b[0] 4:7 number "1"`, `b[1] 4:10 number "2"`,
		},
	}, {
		name: "CRLF and byte order mark",
		src:  bom + "{\r\n\"a\": 1,\r\n\"b\": 2}",
		tree: []string{". 1:1 mapping", "a= 2:1", `a 2:6 number "1"`, "b= 3:1", `b 3:6 number "2"`},
	}, {
		name: "surrogate pairs and escapes",
		src:  `{"emoji": "\ud83d\ude00", "k\u00e9y": "a\"b\\c\/\n"}`,
		tree: []string{
			". 1:1 mapping",
			"emoji= 1:2", `emoji 1:11 string "😀"`,
			`["kéy"]= 1:27`, `["kéy"] 1:39 string "a\"b\\c/\n"`,
		},
	}, {
		name: "LS in a string does not break a JSON line",
		src:  "{\"a\": \"x\u2028y\", \"b\": 1}",
		tree: []string{". 1:1 mapping", "a= 1:2", `a 1:7 string "x\u2028y"`, "b= 1:14", `b 1:19 number "1"`},
	}, {
		name: "numbers keep their text",
		src:  `[0, -0, 1.0, 1E400, 12345678901234567890]`,
		tree: []string{
			". 1:1 list",
			`[0] 1:2 number "0"`, `[1] 1:5 number "-0"`, `[2] 1:9 number "1.0"`,
			`[3] 1:14 number "1E400"`, `[4] 1:21 number "12345678901234567890"`,
		},
	}, {
		name: "top-level scalar and trailing white space",
		src:  "\"x\" \n\t\r\n",
		tree: []string{`. 1:1 string "x"`},
	}})
}

func TestParseJSONRejects(t *testing.T) {
	runParseCases(t, "p.json", []parseCase{{
		name: "duplicate keys",
		src:  "{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}",
		tree: []string{
			". 1:1 mapping",
			"a= 1:2", `a 1:7 number "1"`,
			"b= 2:2", "b 2:7 mapping", "b.c= 2:8", `b.c 2:13 number "1"`,
		},
		errs: []string{
			`p.json:2:16: b: duplicate key "c"; first defined at line 2, column 8`,
			`p.json:3:2: duplicate key "a"; first defined at line 1, column 2`,
		},
	}, {
		name: "duplicate keys written differently",
		src:  `{"a": 1, "\u0061": 2}`,
		tree: []string{". 1:1 mapping", "a= 1:2", `a 1:7 number "1"`},
		errs: []string{`p.json:1:10: duplicate key "a"; first defined at line 1, column 2`},
	}, {
		name: "trailing value",
		src:  "{\"a\": 1}\n{}",
		errs: []string{"p.json:2:1: unexpected data after the top-level value"},
	}, {
		name: "trailing garbage",
		src:  `{"a": 1} x`,
		errs: []string{"p.json:1:10: unexpected data after the top-level value"},
	}, {
		name: "trailing bracket",
		src:  `{"a":1}]`,
		errs: []string{"p.json:1:8: unexpected data after the top-level value"},
	}, {
		name: "truncated",
		src:  "{\"a\": [1,\n",
		errs: []string{"p.json:2:1: unexpected end of JSON input"},
	}, {
		name: "truncated string",
		src:  `"abc`,
		errs: []string{"p.json:1:5: unexpected end of JSON input"},
	}, {
		name: "trailing comma",
		src:  `{"a": 1,}`,
		errs: []string{"p.json:1:9: invalid character '}' looking for beginning of object key string"},
	}, {
		name: "missing colon",
		src:  `{"a" 1}`,
		errs: []string{"p.json:1:6: invalid character '1' after object key"},
	}, {
		name: "bad literal",
		src:  "{\"a\":\n  tru}",
		errs: []string{"p.json:2:6: invalid character '}' in literal true (expecting 'e')"},
	}, {
		name: "raw newline in a string",
		src:  "{\"a\": \"x\ny\"}",
		errs: []string{"p.json:1:9: invalid character '\\n' in string literal"},
	}, {
		name: "leading zero",
		src:  `{"a": 01}`,
		errs: []string{"p.json:1:8: invalid character '1' after object key:value pair"},
	}, {
		name: "non-ASCII character named whole",
		src:  "{\"a\":\n é}",
		errs: []string{"p.json:2:2: invalid character 'é' looking for beginning of value"},
	}, {
		name: "non-string key",
		src:  `{1: 2}`,
		errs: []string{"p.json:1:2: invalid character '1' looking for beginning of object key string"},
	}, {
		name: "empty",
		src:  "",
		errs: []string{"p.json:1:1: the policy is empty"},
	}, {
		name: "only white space",
		src:  " \n ",
		errs: []string{"p.json:1:1: the policy is empty"},
	}, {
		name: "invalid UTF-8",
		src:  "{\"a\":\n \"\xc3\x28\"}",
		errs: []string{"p.json:2:3: the policy is not valid UTF-8"},
	}, {
		name: "YAML is not JSON",
		src:  "a: 1\n",
		errs: []string{"p.json:1:1: invalid character 'a' looking for beginning of value"},
	}})
}

func TestParseChoosesFormatByName(t *testing.T) {
	// "a: 1" is YAML; as JSON it is a syntax error. Only a .json suffix, in
	// any case, means JSON.
	for _, tc := range []struct {
		file   string
		isJSON bool
	}{
		{"p.json", true},
		{"dir/P.JSON", true},
		{"p.yaml", false},
		{"p.yml", false},
		{"policy", false},
		{"p.json.yaml", false},
		{"json", false},
	} {
		_, errs := Parse(tc.file, []byte("a: 1\n"), Limits{})
		if got := len(errs) > 0; got != tc.isJSON {
			t.Errorf("Parse(%q): read as JSON = %v, want %v (errors %v)", tc.file, got, tc.isJSON, errs)
		}
	}
}
