package stix

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/tidwall/gjson"
)

// wantLiteral describes an expected PatternLiteral by the text its spans
// cover, so that tables stay readable; exact offsets are checked in
// TestPatternLiteralSpans.
type wantLiteral struct {
	Text       string // pattern[Span]
	Value      string
	Op         string
	OpText     string // pattern[OpSpan]
	Not        bool
	ObjectType string
	Property   string
}

// describe turns literals into wantLiterals for comparison.
func describe(pattern string, lits []PatternLiteral) []wantLiteral {
	var out []wantLiteral
	for _, l := range lits {
		out = append(out, wantLiteral{
			Text:       pattern[l.Span.Start:l.Span.End],
			Value:      l.Value,
			Op:         l.Op,
			OpText:     pattern[l.OpSpan.Start:l.OpSpan.End],
			Not:        l.Not,
			ObjectType: l.ObjectType,
			Property:   l.Property,
		})
	}
	return out
}

// eq is a value literal compared with =.
func eq(typ, prop, text, value string) wantLiteral {
	return wantLiteral{Text: text, Value: value, Op: "=", OpText: "=", ObjectType: typ, Property: prop}
}

var patternLiteralCases = []struct {
	name    string
	pattern string
	want    []wantLiteral
}{
	{
		name:    "simple",
		pattern: `[ipv4-addr:value = '198.51.100.1/32']`,
		want:    []wantLiteral{eq("ipv4-addr", "value", `'198.51.100.1/32'`, "198.51.100.1/32")},
	},
	{
		name:    "quoted path component is not a value",
		pattern: `[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
		want: []wantLiteral{eq("file", "hashes.'SHA-256'",
			`'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'`,
			"aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f")},
	},
	{
		name:    "quoted first path component",
		pattern: `[file:'name' = 'name']`,
		want:    []wantLiteral{eq("file", "'name'", `'name'`, "name")},
	},
	{
		name:    "path with extension, list step and number",
		pattern: `[file:extensions.'windows-pebinary-ext'.sections[*].name = '.text' AND file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`,
		want:    []wantLiteral{eq("file", "extensions.'windows-pebinary-ext'.sections[*].name", `'.text'`, ".text")},
	},
	{
		name:    "list index steps",
		pattern: `[network-traffic:protocols[0] = 'tcp' AND x-thing:list[-1].'a.b' != 'x']`,
		want: []wantLiteral{
			eq("network-traffic", "protocols[0]", `'tcp'`, "tcp"),
			{Text: `'x'`, Value: "x", Op: "!=", OpText: "!=", ObjectType: "x-thing", Property: "list[-1].'a.b'"},
		},
	},
	{
		name:    "reference dereference",
		pattern: `[email-message:from_ref.value = 'alice@example.com' AND email-message:to_refs[*].value = 'bob@example.org']`,
		want: []wantLiteral{
			eq("email-message", "from_ref.value", `'alice@example.com'`, "alice@example.com"),
			eq("email-message", "to_refs[*].value", `'bob@example.org'`, "bob@example.org"),
		},
	},
	{
		name:    "escaped apostrophe and backslash",
		pattern: `[file:name = 'O\'Brien\\report.doc']`,
		want:    []wantLiteral{eq("file", "name", `'O\'Brien\\report.doc'`, `O'Brien\report.doc`)},
	},
	{
		name:    "literal that looks like more pattern",
		pattern: `[file:name = 'x\' AND file:name = \'y' OR file:name = 'a]b[c']`,
		want: []wantLiteral{
			eq("file", "name", `'x\' AND file:name = \'y'`, `x' AND file:name = 'y`),
			eq("file", "name", `'a]b[c'`, "a]b[c"),
		},
	},
	{
		name:    "literal holding comment markers",
		pattern: `[url:value = 'http://example.com/*x*/' OR url:value = '//']`,
		want: []wantLiteral{
			eq("url", "value", `'http://example.com/*x*/'`, "http://example.com/*x*/"),
			eq("url", "value", `'//'`, "//"),
		},
	},
	{
		name:    "literal holding keywords and typed-constant look-alikes",
		pattern: `[x-a:b = 'AND' OR x-a:b = 'h' OR x-a:b = 't\'2016\'']`,
		want: []wantLiteral{
			eq("x-a", "b", `'AND'`, "AND"),
			eq("x-a", "b", `'h'`, "h"),
			eq("x-a", "b", `'t\'2016\''`, "t'2016'"),
		},
	},
	{
		name:    "empty literal",
		pattern: `[file:name = '']`,
		want:    []wantLiteral{eq("file", "name", `''`, "")},
	},
	{
		name:    "newline inside literal",
		pattern: "[email-message:body = 'Dear Bob,\nregards']",
		want:    []wantLiteral{eq("email-message", "body", "'Dear Bob,\nregards'", "Dear Bob,\nregards")},
	},
	{
		name:    "unicode literal and unicode white space between tokens",
		pattern: "[user-account:display_name\u00a0=\u3000'Zoë Ünïcødé 山田'\u2028]",
		want: []wantLiteral{{Text: "'Zoë Ünïcødé 山田'", Value: "Zoë Ünïcødé 山田", Op: "=", OpText: "=",
			ObjectType: "user-account", Property: "display_name"}},
	},
	{
		name:    "operator spellings",
		pattern: `[x-a:b == 'eq' AND x-a:b <> 'ne' AND x-a:b < 'lt' AND x-a:b <= 'le' AND x-a:b > 'gt' AND x-a:b >= 'ge']`,
		want: []wantLiteral{
			{Text: `'eq'`, Value: "eq", Op: "=", OpText: "==", ObjectType: "x-a", Property: "b"},
			{Text: `'ne'`, Value: "ne", Op: "!=", OpText: "<>", ObjectType: "x-a", Property: "b"},
			{Text: `'lt'`, Value: "lt", Op: "<", OpText: "<", ObjectType: "x-a", Property: "b"},
			{Text: `'le'`, Value: "le", Op: "<=", OpText: "<=", ObjectType: "x-a", Property: "b"},
			{Text: `'gt'`, Value: "gt", Op: ">", OpText: ">", ObjectType: "x-a", Property: "b"},
			{Text: `'ge'`, Value: "ge", Op: ">=", OpText: ">=", ObjectType: "x-a", Property: "b"},
		},
	},
	{
		name:    "operators without spaces",
		pattern: `[x-a:b='c'AND x-a:d!='e']`,
		want: []wantLiteral{
			eq("x-a", "b", `'c'`, "c"),
			{Text: `'e'`, Value: "e", Op: "!=", OpText: "!=", ObjectType: "x-a", Property: "d"},
		},
	},
	{
		name:    "IN set",
		pattern: `[file:name IN ('a', 'b' , 'c\'d')]`,
		want: []wantLiteral{
			{Text: `'a'`, Value: "a", Op: "IN", OpText: "IN", ObjectType: "file", Property: "name"},
			{Text: `'b'`, Value: "b", Op: "IN", OpText: "IN", ObjectType: "file", Property: "name"},
			{Text: `'c\'d'`, Value: "c'd", Op: "IN", OpText: "IN", ObjectType: "file", Property: "name"},
		},
	},
	{
		name:    "IN set of numbers and empty set",
		pattern: `[network-traffic:dst_port IN (443, 8443) AND network-traffic:src_port IN ()]`,
	},
	{
		name:    "NOT before each operator",
		pattern: `[x-a:b NOT = 'z' AND x-a:b NOT IN ('a') AND x-a:b NOT LIKE 'l%' AND x-a:b NOT MATCHES '^m' AND ipv4-addr:value NOT ISSUBSET '10.0.0.0/8' AND ipv4-addr:value NOT ISSUPERSET '10.1.2.3']`,
		want: []wantLiteral{
			{Text: `'z'`, Value: "z", Op: "=", OpText: "=", Not: true, ObjectType: "x-a", Property: "b"},
			{Text: `'a'`, Value: "a", Op: "IN", OpText: "IN", Not: true, ObjectType: "x-a", Property: "b"},
			{Text: `'l%'`, Value: "l%", Op: "LIKE", OpText: "LIKE", Not: true, ObjectType: "x-a", Property: "b"},
			{Text: `'^m'`, Value: "^m", Op: "MATCHES", OpText: "MATCHES", Not: true, ObjectType: "x-a", Property: "b"},
			{Text: `'10.0.0.0/8'`, Value: "10.0.0.0/8", Op: "ISSUBSET", OpText: "ISSUBSET", Not: true, ObjectType: "ipv4-addr", Property: "value"},
			{Text: `'10.1.2.3'`, Value: "10.1.2.3", Op: "ISSUPERSET", OpText: "ISSUPERSET", Not: true, ObjectType: "ipv4-addr", Property: "value"},
		},
	},
	{
		name:    "MATCHES with regular-expression escapes",
		pattern: `[directory:path MATCHES '^C:\\\\Windows\\\\w+$' AND email-message:from_ref.value MATCHES '.+\\@example\\.com$']`,
		want: []wantLiteral{
			{Text: `'^C:\\\\Windows\\\\w+$'`, Value: `^C:\\Windows\\w+$`, Op: "MATCHES", OpText: "MATCHES", ObjectType: "directory", Property: "path"},
			{Text: `'.+\\@example\\.com$'`, Value: `.+\@example\.com$`, Op: "MATCHES", OpText: "MATCHES", ObjectType: "email-message", Property: "from_ref.value"},
		},
	},
	{
		name:    "MATCHES directly followed by the literal",
		pattern: `[process:command_line MATCHES'^.+>-add GlobalSign.cer$']`,
		want: []wantLiteral{{Text: `'^.+>-add GlobalSign.cer$'`, Value: "^.+>-add GlobalSign.cer$", Op: "MATCHES", OpText: "MATCHES",
			ObjectType: "process", Property: "command_line"}},
	},
	{
		name:    "hex, binary, timestamp, boolean and numbers are not string values",
		pattern: `[file:magic_number_hex = h'ffD8' AND artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=' AND file:created = t'2014-01-13T07:03:17Z' AND x-a:flag = true AND x-a:n != -1 AND x-a:f < -.5 AND x-a:g >= +2.25 AND file:mime_type = 'image/bmp']`,
		want:    []wantLiteral{eq("file", "mime_type", `'image/bmp'`, "image/bmp")},
	},
	{
		name:    "binary constant with line feeds",
		pattern: "[artifact:payload_bin = b'dGhp\ncyBp\r\ncw==']",
	},
	{
		name:    "START STOP qualifier",
		pattern: `[a-b:c = 'x'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.123Z'`,
		want:    []wantLiteral{eq("a-b", "c", `'x'`, "x")},
	},
	{
		name:    "REPEATS and WITHIN",
		pattern: `[domain-name:value = 'a.com'] REPEATS 5 TIMES WITHIN 10 SECONDS`,
		want:    []wantLiteral{eq("domain-name", "value", `'a.com'`, "a.com")},
	},
	{
		name:    "nested observations and comparisons",
		pattern: `([a-b:c = 'x'] AND ([d:e = 'y'] FOLLOWEDBY [(f:g = 'z' OR (f:h = 'w'))] WITHIN 2.5 SECONDS)) OR [i:j = 'v'] REPEATS 2 TIMES`,
		want: []wantLiteral{
			eq("a-b", "c", `'x'`, "x"),
			eq("d", "e", `'y'`, "y"),
			eq("f", "g", `'z'`, "z"),
			eq("f", "h", `'w'`, "w"),
			eq("i", "j", `'v'`, "v"),
		},
	},
	{
		name:    "EXISTS",
		pattern: `[EXISTS windows-registry-key:values AND windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo']`,
		want:    []wantLiteral{eq("windows-registry-key", "key", `'HKEY_LOCAL_MACHINE\\foo'`, `HKEY_LOCAL_MACHINE\foo`)},
	},
	{
		name: "comments and white space everywhere",
		pattern: "/* lead */ [ file : hashes /* in path */ . 'SHA-256' // to end of line\n" +
			"= 'abc' ] // trailing",
		want: []wantLiteral{eq("file", "hashes.'SHA-256'", `'abc'`, "abc")},
	},
	{
		name:    "hyphenated property name written without apostrophes",
		pattern: `[file:extensions.windows-pebinary-ext.sections[*].name = 'UPX0']`,
		want:    []wantLiteral{eq("file", "extensions.windows-pebinary-ext.sections[*].name", `'UPX0'`, "UPX0")},
	},
	{
		name:    "identifiers beginning with h, b or t",
		pattern: `[host:b = 'x' AND t:h = 'y' AND b-t:t_b = 'z']`,
		want: []wantLiteral{
			eq("host", "b", `'x'`, "x"),
			eq("t", "h", `'y'`, "y"),
			eq("b-t", "t_b", `'z'`, "z"),
		},
	},
}

func TestPatternLiterals(t *testing.T) {
	for _, tc := range patternLiteralCases {
		t.Run(tc.name, func(t *testing.T) {
			lits, err := PatternLiterals(tc.pattern)
			if err != nil {
				t.Fatalf("PatternLiterals: %v", err)
			}
			if diff := cmp.Diff(tc.want, describe(tc.pattern, lits)); diff != "" {
				t.Errorf("literals (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPatternLiteralSpans checks exact offsets, which the table above only
// checks through the text they cover.
func TestPatternLiteralSpans(t *testing.T) {
	const pattern = `[file:name NOT IN ('a\'b', 'c')]`
	want := []PatternLiteral{
		{Span: Span{19, 25}, Value: "a'b", Op: "IN", OpSpan: Span{15, 17}, Not: true, ObjectType: "file", Property: "name"},
		{Span: Span{27, 30}, Value: "c", Op: "IN", OpSpan: Span{15, 17}, Not: true, ObjectType: "file", Property: "name"},
	}
	got, err := PatternLiterals(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("literals (-want +got):\n%s", diff)
	}
}

// specExamples are the patterns of STIX 2.1 section 9.8 (not JSON-encoded)
// with the values of their string literals.
var specExamples = []struct {
	pattern string
	values  []string
}{
	{`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
		[]string{"aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"}},
	{`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
		[]string{`.+\@example\.com$`, `^Final Report.+\.exe$`}},
	{"[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']\nAND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
		[]string{"bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c", "cead3f77f6cda6ec00f57d76c9a6879f", "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"}},
	{`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
		[]string{"79054025255fb1a26e4bc422aef54eb4", `HKEY_LOCAL_MACHINE\foo\bar`}},
	{`[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']`,
		[]string{"unix", "1007", "Peter", "unix", "1008", "Paul"}},
	{`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
		[]string{"application/vnd.tcpdump.pcap", `\xd4\xc3\xb2\xa1\x02\x00\x04\x00`}},
	{`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`, nil},
	{`[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']`, []string{"image/bmp"}},
	{`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS`,
		[]string{"domain-name", "example.com"}},
	{`[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']`,
		[]string{"www.5z8.info", "198.51.100.1/32"}},
	{`[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']`,
		[]string{"CN=WEBMAIL", "4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28"}},
	{`[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']`, []string{"pdf.exe"}},
	{`[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']`,
		[]string{"jdoe@example.com", "Conference Info"}},
	{`[x-usb-device:usbdrive.serial_number = '575833314133343231313937']`, []string{"575833314133343231313937"}},
	{`[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS`,
		[]string{"^.+>-add GlobalSign.cer -c -s -r localMachine Root$", "^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$"}},
	{`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`,
		[]string{"2001:0db8:dead:beef:0000:0000:0000:0000/64"}},
	{`([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']`,
		[]string{"foo.dll", `HKEY_LOCAL_MACHINE\foo\bar`, "fooproc", "procfoo"}},
	{`[directory:path LIKE 'C:\\Windows\\%\\foo']`, []string{`C:\Windows\%\foo`}},
	{`[process:name IN ('proccy', 'proximus', 'badproc')]`, []string{"proccy", "proximus", "badproc"}},
	{`[EXISTS windows-registry-key:values]`, nil},
}

func TestPatternLiteralsSpecExamples(t *testing.T) {
	for _, ex := range specExamples {
		lits, err := PatternLiterals(ex.pattern)
		if err != nil {
			t.Errorf("%s: %v", ex.pattern, err)
			continue
		}
		var values []string
		for _, l := range lits {
			values = append(values, l.Value)
		}
		if diff := cmp.Diff(ex.values, values); diff != "" {
			t.Errorf("%s: values (-want +got):\n%s", ex.pattern, diff)
		}
	}
}

func TestPatternLiteralsCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "oasis", "*.json"))
	if len(files) == 0 {
		t.Skipf("no OASIS corpus at %s (it lives beside the repository as ../shared/corpus)", corpusDir)
	}
	patterns := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, ind := range gjson.GetBytes(data, `objects.#(type=="indicator")#`).Array() {
			if pt := ind.Get("pattern_type"); pt.Exists() && pt.String() != "stix" {
				continue
			}
			pattern := ind.Get("pattern").String()
			patterns++
			lits, err := PatternLiterals(pattern)
			if err != nil {
				t.Errorf("%s %s: %v", filepath.Base(file), ind.Get("id"), err)
				continue
			}
			if len(lits) == 0 {
				t.Errorf("%s %s: no literals", filepath.Base(file), ind.Get("id"))
			}
			for _, l := range lits {
				if l.OpSpan.End > l.Span.Start || l.ObjectType == "" || l.Property == "" {
					t.Errorf("%s %s: implausible literal %+v", filepath.Base(file), ind.Get("id"), l)
				}
			}
			checkRoundTrip(t, pattern, lits)
		}
	}
	if patterns == 0 {
		t.Fatalf("no indicator patterns found in %s", corpusDir)
	}
}

// checkRoundTrip requotes every literal and expects the pattern back: STIX
// has one way to write each string (only \' and \\ escape), so requoting a
// value cannot change a valid pattern.
func checkRoundTrip(t *testing.T, pattern string, lits []PatternLiteral) {
	t.Helper()
	edits := make([]PatternEdit, len(lits))
	for i, l := range lits {
		edits[i] = PatternEdit{Span: l.Span, Text: QuotePatternLiteral(l.Value)}
	}
	got, err := EditPattern(pattern, edits)
	if err != nil {
		t.Errorf("EditPattern(%q): %v", pattern, err)
		return
	}
	if got != pattern {
		t.Errorf("round trip changed the pattern:\n got %q\nwant %q", got, pattern)
	}
}

func TestPatternRoundTrip(t *testing.T) {
	var patterns []string
	for _, tc := range patternLiteralCases {
		patterns = append(patterns, tc.pattern)
	}
	for _, ex := range specExamples {
		patterns = append(patterns, ex.pattern)
	}
	for _, pattern := range patterns {
		lits, err := PatternLiterals(pattern)
		if err != nil {
			t.Errorf("%q: %v", pattern, err)
			continue
		}
		checkRoundTrip(t, pattern, lits)
	}
}

// TestPatternRewrite replaces every value with one full of quotes,
// backslashes and pattern syntax, and checks that the pattern keeps its
// structure: the same comparisons, in the same order, with the new values.
func TestPatternRewrite(t *testing.T) {
	for _, tc := range patternLiteralCases {
		lits, err := PatternLiterals(tc.pattern)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		edits := make([]PatternEdit, len(lits))
		for i := range lits {
			// Reverse order: EditPattern takes edits in any order.
			l := lits[len(lits)-1-i]
			edits[i] = PatternEdit{Span: l.Span, Text: QuotePatternLiteral(`'] AND [x:y = '\` + l.Value)}
		}
		out, err := EditPattern(tc.pattern, edits)
		if err != nil {
			t.Fatalf("%s: EditPattern: %v", tc.name, err)
		}
		got, err := PatternLiterals(out)
		if err != nil {
			t.Fatalf("%s: rewritten pattern %q: %v", tc.name, out, err)
		}
		if len(got) != len(lits) {
			t.Fatalf("%s: %d literals after rewrite, want %d", tc.name, len(got), len(lits))
		}
		for i := range got {
			want := lits[i]
			want.Value = `'] AND [x:y = '\` + want.Value
			if diff := cmp.Diff(want, got[i], cmp.FilterPath(func(p cmp.Path) bool {
				f := p.Last().String()
				return f == ".Span" || f == ".OpSpan"
			}, cmp.Ignore())); diff != "" {
				t.Errorf("%s: literal %d (-want +got):\n%s", tc.name, i, diff)
			}
		}
	}
}

func TestPatternLiteralsErrors(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		offset  int
		msg     string
	}{
		{"empty", ``, 0, "expected '[' or '('"},
		{"only white space", " \n\t", 3, "expected '[' or '('"},
		{"no brackets", `file:size = 1280`, 0, "expected '[' or '('"},
		{"unterminated literal", `[file:name = 'abc]`, 13, "unterminated string constant"},
		{"unterminated after escape", `[file:name = 'abc\']`, 13, "unterminated string constant"},
		{"backslash at end", `[file:name = 'abc\`, 13, "unterminated string constant"},
		{"bad escape n", `[file:name = 'a\nb']`, 15, "invalid escape"},
		{"bad escape quote", `[file:name = 'a\"b']`, 15, "invalid escape"},
		{"bad escape in path literal", `[file:hashes.'SHA\-256' = 'x']`, 17, "invalid escape"},
		{"double quotes", `[file:name = "a"]`, 13, "unexpected character"},
		{"stray hash", `[file:name = 'a'] #`, 18, "unexpected character"},
		{"stray non-ASCII", `[file:name = 'a'] é`, 18, "unexpected character"},
		{"stray bang", `[file:name ! 'a']`, 11, "unexpected character"},
		{"invalid UTF-8", "[file:name = 'a'] \xff", 18, "unexpected character"},
		{"unterminated comment", `[file:name = 'a'] /* no end`, 18, "unterminated comment"},
		{"missing value", `[file:size = ]`, 13, "expected a constant, found ']'"},
		{"missing operator", `[file:name 'a']`, 11, "expected a comparison operator"},
		{"period for colon", `[file.size = 1280]`, 5, "expected ':'"},
		{"unquoted string", `[file:hashes.MD5 = cead3f77]`, 19, "expected a constant, found identifier"},
		{"LIKE needs a string", `[file:name LIKE 1]`, 16, "expected a string constant after LIKE"},
		{"MATCHES regex in slashes", `[file:name MATCHES /.*\.dll/]`, 19, "unexpected character"},
		{"ISSUBSET without operand", `[network-traffic:dst_ref.value ISSUBSET ]`, 40, "expected a string constant after ISSUBSET"},
		{"order with boolean", `[x-a:b > true]`, 9, "can be ordered"},
		{"IN without parentheses", `[file:name IN 'a']`, 14, "expected '('"},
		{"IN trailing comma", `[file:name IN ('a',)]`, 19, "expected a constant"},
		{"IN unclosed", `[file:name IN ('a' 'b')]`, 19, "expected ')'"},
		{"NOT twice", `[file:name NOT NOT = 'a']`, 15, "expected a comparison operator"},
		{"NOT before path", `[NOT file:name = 'a']`, 1, "expected an object path"},
		{"lower-case keyword", `[foo:bar = 1] within 2 seconds`, 14, "found identifier"},
		{"WITHIN negative", `[x-a:b = 'c'] WITHIN -5 SECONDS`, 21, "expected a number of seconds"},
		{"WITHIN wrong unit", `[x-a:b = 'c'] WITHIN 5 HOURS`, 23, "expected SECONDS"},
		{"REPEATS float", `[x-a:b = 'c'] REPEATS 1.5 TIMES`, 22, "expected integer"},
		{"START with a string", `[x-a:b = 'c'] START '2016-06-01T00:00:00Z' STOP '2016-06-02T00:00:00Z'`, 20, "expected timestamp constant"},
		{"bad timestamp", `[x:y = t'2457-73-22T32:81:84.1Z']`, 7, "invalid timestamp constant"},
		{"bad base64", `[artifact:payload_bin = b'====']`, 24, "invalid binary constant"},
		{"empty base64", `[artifact:payload_bin = b'']`, 24, "invalid binary constant"},
		{"odd hex", `[file:magic_number_hex = h'abc']`, 25, "invalid hex constant"},
		{"hex with quote content", `[file:magic_number_hex = h'zz']`, 25, "invalid hex constant"},
		{"unterminated hex", `[file:magic_number_hex = h'ab`, 25, "unterminated constant"},
		{"leading zero", `[file:size = 01]`, 13, "leading zero"},
		{"dangling operator", `[x:y = 'a'] AND`, 15, "expected '[' or '('"},
		{"dangling comparison", `[x:y = 'a' AND]`, 14, "expected an object path"},
		{"extra bracket", `[x:y = 'a']]`, 11, "end of the pattern"},
		{"empty observation", `[]`, 1, "expected an object path"},
		{"unclosed observation", `[x:y = 'a'`, 10, "expected ']'"},
		{"unclosed parenthesis", `([x:y = 'a']`, 12, "expected ')'"},
		{"bad list index", `[x:y['a'] = 'b']`, 5, "expected a list index"},
		{"unclosed list index", `[x:y[1 = 'b']`, 7, "expected ']'"},
		{"dot without name", `[x:y. = 'b']`, 6, "expected a property name"},
		{"keyword as property", `[x:IN = 'b']`, 3, "expected a property name"},
		{"LAST is reserved", `[x:LAST = 'b']`, 3, "expected a property name"},
		{"too deep", strings.Repeat("(", maxPatternNesting) + "[x:y = 'a']" + strings.Repeat(")", maxPatternNesting), maxPatternNesting, "nested too deeply"},
		{"too deep comparisons", "[" + strings.Repeat("(", maxPatternNesting) + "x:y = 'a'" + strings.Repeat(")", maxPatternNesting) + "]", maxPatternNesting, "nested too deeply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lits, err := PatternLiterals(tc.pattern)
			if err == nil {
				t.Fatalf("no error; literals %+v", lits)
			}
			var perr *PatternError
			if !errors.As(err, &perr) {
				t.Fatalf("error %v is %T, not *PatternError", err, err)
			}
			if perr.Offset != tc.offset || !strings.Contains(perr.Msg, tc.msg) {
				t.Errorf("error at %d %q, want at %d containing %q", perr.Offset, perr.Msg, tc.offset, tc.msg)
			}
		})
	}
}

// TestPatternErrorHidesValues checks that errors carry positions, never the
// text of the pattern.
func TestPatternErrorHidesValues(t *testing.T) {
	for _, pattern := range []string{
		`[email-addr:value = 'jane.doe@example.com' ! ]`,
		`[email-addr:value = 'jane.doe@example.com' jane.doe]`,
		`[jane-doe:value = 'x']]`,
		`[email-addr:value = 'jane.doe@example.com\x']`,
		`[email-addr:value = jane.doe@example.com]`,
	} {
		_, err := PatternLiterals(pattern)
		if err == nil {
			t.Errorf("%q: no error", pattern)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "jane") || strings.Contains(msg, "example") {
			t.Errorf("%q: error %q repeats pattern text", pattern, msg)
		}
	}
}

func TestQuotePatternLiteral(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `''`},
		{"abc", `'abc'`},
		{"O'Brien", `'O\'Brien'`},
		{`C:\Windows`, `'C:\\Windows'`},
		{`\'`, `'\\\''`},
		{"line\nbreak ü", "'line\nbreak ü'"},
	}
	for _, tc := range tests {
		if got := QuotePatternLiteral(tc.in); got != tc.want {
			t.Errorf("QuotePatternLiteral(%q) = %q, want %q", tc.in, got, tc.want)
		}
		lits, err := PatternLiterals("[x:y = " + tc.want + "]")
		if err != nil || len(lits) != 1 || lits[0].Value != tc.in {
			t.Errorf("%q does not read back as %q: %+v %v", tc.want, tc.in, lits, err)
		}
	}
}

func TestEditPattern(t *testing.T) {
	const pattern = "0123456789"
	tests := []struct {
		name   string
		edits  []PatternEdit
		want   string
		errAt  int
		errMsg string
	}{
		{name: "none", want: pattern},
		{name: "replace", edits: []PatternEdit{{Span{2, 4}, "ab"}}, want: "01ab456789"},
		{name: "any order", edits: []PatternEdit{{Span{8, 10}, "Z"}, {Span{0, 1}, "AA"}, {Span{4, 5}, ""}}, want: "AA123567Z"},
		{name: "adjacent", edits: []PatternEdit{{Span{3, 5}, "x"}, {Span{1, 3}, "y"}}, want: "0yx56789"},
		{name: "insert then replace at one offset", edits: []PatternEdit{{Span{2, 4}, "R"}, {Span{2, 2}, "I"}}, want: "01IR456789"},
		{name: "insert at end", edits: []PatternEdit{{Span{10, 10}, "!"}}, want: "0123456789!"},
		{name: "overlap", edits: []PatternEdit{{Span{1, 4}, "x"}, {Span{3, 5}, "y"}}, errAt: 3, errMsg: "overlapping"},
		{name: "same span", edits: []PatternEdit{{Span{1, 4}, "x"}, {Span{1, 4}, "y"}}, errAt: 1, errMsg: "overlapping"},
		{name: "two inserts at one offset", edits: []PatternEdit{{Span{5, 5}, "x"}, {Span{5, 5}, "y"}}, errAt: 5, errMsg: "overlapping"},
		{name: "past the end", edits: []PatternEdit{{Span{8, 11}, "x"}}, errAt: 8, errMsg: "outside"},
		{name: "negative", edits: []PatternEdit{{Span{-1, 2}, "x"}}, errAt: 0, errMsg: "outside"},
		{name: "reversed", edits: []PatternEdit{{Span{5, 4}, "x"}}, errAt: 5, errMsg: "outside"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := append([]PatternEdit(nil), tc.edits...)
			got, err := EditPattern(pattern, tc.edits)
			if diff := cmp.Diff(before, tc.edits); diff != "" {
				t.Errorf("EditPattern changed its argument:\n%s", diff)
			}
			if tc.errMsg != "" {
				var perr *PatternError
				if !errors.As(err, &perr) || perr.Offset != tc.errAt || !strings.Contains(perr.Msg, tc.errMsg) {
					t.Fatalf("got %q, %v; want error at %d containing %q", got, err, tc.errAt, tc.errMsg)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestEscapeMatches(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text 123 ü", "plain text 123 ü"},
		{"a.b", `a\.b`},
		{`\.+*?()|[]{}^$`, `\\\.\+\*\?\(\)\|\[\]\{\}\^\$`},
		{"jane.doe+tag@example.com", `jane\.doe\+tag@example\.com`},
		{`C:\Users\jane`, `C:\\Users\\jane`},
	}
	for _, tc := range tests {
		if got := EscapeMatches(tc.in); got != tc.want {
			t.Errorf("EscapeMatches(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Go's RE2 syntax agrees with PCRE on these escapes: the escaped text
	// matches itself and nothing else.
	for _, s := range []string{"a.b", "(x)|[y]{2}", `^$\`, "a+b*c?", "#x y-z/w'\"", "ünï.cødé"} {
		re := regexp.MustCompile(`^` + EscapeMatches(s) + `$`)
		if !re.MatchString(s) {
			t.Errorf("EscapeMatches(%q) = %q does not match the original", s, EscapeMatches(s))
		}
		if re.MatchString(s + "x") {
			t.Errorf("EscapeMatches(%q) = %q matches more than the original", s, EscapeMatches(s))
		}
	}
	// The escaped text survives quoting into a pattern.
	const value = `C:\Users\o'neil.txt`
	lits, err := PatternLiterals("[file:name MATCHES " + QuotePatternLiteral("^"+EscapeMatches(value)+"$") + "]")
	if err != nil || len(lits) != 1 || !regexp.MustCompile(lits[0].Value).MatchString(value) {
		t.Errorf("quoted MATCHES operand does not match %q: %+v %v", value, lits, err)
	}
}

func TestEscapeLike(t *testing.T) {
	tests := []struct {
		in, want string
		errAt    int
	}{
		{in: "", want: ""},
		{in: `C:\Windows\foo.dll`, want: `C:\Windows\foo.dll`},
		{in: "100%", errAt: 3},
		{in: "user_name", errAt: 4},
		{in: "a_b%c", errAt: 1},
	}
	for _, tc := range tests {
		got, err := EscapeLike(tc.in)
		if tc.want == "" && tc.in != "" {
			var perr *PatternError
			if !errors.As(err, &perr) || perr.Offset != tc.errAt {
				t.Errorf("EscapeLike(%q) = %q, %v; want error at %d", tc.in, got, err, tc.errAt)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("EscapeLike(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// benchPatterns are typical indicator patterns: a single value, a hash with
// a quoted path, an email regex, and a larger compound pattern.
var benchPatterns = []string{
	`[ipv4-addr:value = '198.51.100.1/32']`,
	`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']`,
	`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
	`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS OR [network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24' AND network-traffic:dst_port IN (443, 8443)] REPEATS 5 TIMES`,
}

func benchBytes() int64 {
	n := 0
	for _, p := range benchPatterns {
		n += len(p)
	}
	return int64(n)
}

func BenchmarkPatternLiterals(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, p := range benchPatterns {
			if _, err := PatternLiterals(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPatternScanBaseline is the floor: one pass over the same bytes
// finding apostrophes, as a naive literal finder would.
func BenchmarkPatternScanBaseline(b *testing.B) {
	b.SetBytes(benchBytes())
	b.ReportAllocs()
	quotes := 0
	for i := 0; i < b.N; i++ {
		for _, p := range benchPatterns {
			quotes += strings.Count(p, "'")
		}
	}
	if quotes == 0 {
		b.Fatal("no apostrophes")
	}
}

func TestPatternComments(t *testing.T) {
	cases := []struct {
		pattern string
		want    []string // the bodies, in order
	}{
		{`[file:name = 'a.exe']`, nil},
		{`[url:value = 'http://a.example/x//y' AND file:name = '/*x*/']`, nil},
		{`[file:name = 'a.exe'] /* by jane@example.com */`, []string{" by jane@example.com "}},
		{"[file:name /**/ = 'a.exe'] // one\n// two", []string{"", " one", " two"}},
		{"[file:name = 'a.exe'] //\r\n", []string{""}},
	}
	for _, c := range cases {
		spans, err := PatternComments(c.pattern)
		if err != nil {
			t.Errorf("%q: %v", c.pattern, err)
			continue
		}
		var got []string
		for _, s := range spans {
			got = append(got, c.pattern[s.Start:s.End])
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", c.pattern, diff)
		}
	}
	for _, bad := range []string{`[file:name = 'a'] /* open`, `[file:name = 'a\x']`} {
		if _, err := PatternComments(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestPatternOthers checks that quoted names and number constants, which
// PatternLiterals leaves out, are found with their spans.
func TestPatternOthers(t *testing.T) {
	pat := `[email-message:additional_header_fields.'X-To\'s' = 'x'] AND [x-acme:card = 4111111111111111 OR file:size > -2.5 OR file:hashes.MD5 = h'00' OR file:x IN (1, 'a')]`
	others, err := PatternOthers(pat)
	if err != nil {
		t.Fatal(err)
	}
	want := []PatternOther{
		{Text: "X-To's", Name: true},
		{Text: "4111111111111111"},
		{Text: "-2.5"},
		{Text: "1"},
	}
	if len(others) != len(want) {
		t.Fatalf("got %+v", others)
	}
	for k, o := range others {
		if o.Text != want[k].Text || o.Name != want[k].Name {
			t.Errorf("%d: got %+v, want %+v", k, o, want[k])
		}
		if w := pat[o.Span.Start:o.Span.End]; !o.Name && w != o.Text {
			t.Errorf("%d: span holds %q", k, w)
		}
	}
}

// TestAppendPatternParts: one parse gives what PatternLiterals and
// PatternOthers give, appended after what the slices held; a pattern that
// does not parse leaves them as they were.
func TestAppendPatternParts(t *testing.T) {
	pat := `[file:hashes.'SHA-256' = 'aa' AND file:size = 10] OR [email-addr:value LIKE 'x%']`
	wantLits, _ := PatternLiterals(pat)
	wantOthers, _ := PatternOthers(pat)
	lits := []PatternLiteral{{Value: "before"}}
	others := []PatternOther{{Text: "before"}}
	lits, others, err := AppendPatternParts(lits, others, pat)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantLits, lits[1:]); diff != "" || lits[0].Value != "before" {
		t.Errorf("literals (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantOthers, others[1:]); diff != "" || others[0].Text != "before" || len(wantOthers) != 2 {
		t.Errorf("others (-want +got):\n%s", diff)
	}
	lits, others, err = AppendPatternParts(lits[:1], others[:1], `[file:size = 10] AND`)
	if err == nil || len(lits) != 1 || len(others) != 1 {
		t.Errorf("a pattern that does not parse: %d literals, %d others, err %v", len(lits), len(others), err)
	}
}
