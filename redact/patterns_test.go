package redact

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
	"github.com/tidwall/gjson"
)

// patternBundle is a bundle of indicators (unmarked) with the given
// patterns, each "type:pattern" or, for STIX, the pattern alone.
func patternBundle(patterns ...string) string {
	var objs []string
	for k, p := range patterns {
		typ := "stix"
		if t, rest, ok := strings.Cut(p, ":"); ok && !strings.HasPrefix(p, "[") && !strings.HasPrefix(p, "(") {
			typ, p = t, rest
		}
		pj, _ := json.Marshal(p)
		objs = append(objs, fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-%012d","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"i%d","pattern":%s,"pattern_type":%q,"valid_from":"2026-01-01T00:00:00Z"}`, k+1, k+1, pj, typ))
	}
	return `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + strings.Join(objs, ",\n") + `]}`
}

// redactPatterns redacts in, checks that the output verifies clean, that
// redacting it again changes nothing and that every STIX pattern in it
// parses, and returns the output's patterns by indicator name (missing
// when the indicator was dropped) and the report.
func redactPatterns(t *testing.T, rd *Redactor, in string) (map[string]string, *Report) {
	t.Helper()
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := rd.RedactBytes(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(out) {
		t.Errorf("redacting the output again changes it:\n%s\n%s", out, again)
	}
	found, err := rd.Verify(context.Background(), strings.NewReader(string(out)))
	if err != nil || len(found) > 0 {
		t.Errorf("verify: %v %v", found, err)
	}
	pats := map[string]string{}
	for _, o := range gjson.GetBytes(out, "objects").Array() {
		if o.Get("type").String() != "indicator" {
			continue
		}
		p := o.Get("pattern").String()
		pats[o.Get("name").String()] = p
		if o.Get("pattern_type").String() == "stix" {
			if _, err := stix.PatternLiterals(p); err != nil {
				t.Errorf("output pattern %q: %v", p, err)
			}
		}
	}
	return pats, rep
}

// TestPatternComments: a comment in a STIX pattern changes nothing it
// matches, but is text of the writer's choosing: a victim's address there
// goes as in any free text, and the pattern still parses.
func TestPatternComments(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	pats, _ := redactPatterns(t, rd, patternBundle(
		"[file:name = 'a.exe'] /* reported by jane.doe@victim-bank.example */",
		"[file:name // jane.doe@victim-bank.example\n = 'b.exe']",
		"[ipv4-addr:value = '203.0.113.5'] /* seen from 10.1.2.3 */",
	))
	for name, p := range pats {
		if strings.Contains(p, "jane.doe") || strings.Contains(p, "10.1.2.3") {
			t.Errorf("%s: personal data in a comment is out: %q", name, p)
		}
	}
	for name, want := range map[string]string{
		"i1": "[file:name = 'a.exe'] /* reported by user-",
		"i2": "[file:name // user-",
		"i3": "[ipv4-addr:value = '203.0.113.5'] /* seen from 10.1.2.0/24 */",
	} {
		if !strings.HasPrefix(pats[name], want) {
			t.Errorf("%s: got %q, want it to start %q", name, pats[name], want)
		}
	}
}

// TestPatternCommentMasked: a mask's stars before a '/' of a comment
// would end it, so a comment gets the placeholder where the policy masks.
func TestPatternCommentMasked(t *testing.T) {
	data, err := os.ReadFile("../examples/policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	pol := strings.Replace(string(data), "    credential: remove\n", "    credential: remove\n    email: {text: mask, values: pseudonymise}\n", 1)
	rd := testCompile(t)(policy.Load("masking.yaml", []byte(pol)))
	pats, _ := redactPatterns(t, rd, patternBundle("[file:name = 'a.exe'] /* jane.doe@victim-bank.example/x */"))
	if got, want := pats["i1"], "[file:name = 'a.exe'] /* [REDACTED EMAIL]/x */"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestForeignPatternEscapes: personal data in a pattern of another
// language drops its indicator when it is spelled with the language's
// escapes too (a regular expression's \., a \x40, a snort content's
// |40|, a yara hex string), and the drop says why; a rule that names only
// the attacker's infrastructure stays.
func TestForeignPatternEscapes(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	pats, rep := redactPatterns(t, rd, patternBundle(
		`pcre:/jane\.doe@victim-bank\.example/`,
		`suricata:alert http any any -> any any (msg:"x"; content:"jane\x2edoe@victim-bank\x2eexample";)`,
		`yara:rule r { strings: $a = "jane.doe\x40victim-bank.example" condition: $a }`,
		`snort:alert tcp any any -> any any (content:"jane.doe|40|victim-bank.example";)`,
		`yara:rule r { strings: $a = { 6a 61 6e 65 2e 64 6f 65 40 76 69 63 74 69 6d 2d 62 61 6e 6b 2e 63 6f 6d } condition: $a }`,
		`pcre:/jane\u002edoe\u0040victim-bank\u002eexample/`,
		`snort:alert tcp any any -> 203.0.113.5 80 (msg:"c2"; content:"evil-mail.example"; pcre:"/evil\.example\/gate\.php/";)`,
	))
	for _, name := range []string{"i1", "i2", "i3", "i4", "i5", "i6"} {
		if p, ok := pats[name]; ok {
			t.Errorf("%s: a victim's address in escaped form is out: %q", name, p)
		}
		id := "indicator--00000000-0000-4000-8000-00000000000" + name[1:]
		found := false
		for _, d := range rep.Decisions {
			// "jane.doe" before a snort |40| reads as a joined name too.
			found = found || d.Object == id && d.Action == ActionDrop && d.Rule == "pii.non_stix_patterns" && (d.Kind == "email" || d.Kind == "person-name")
		}
		if !found {
			t.Errorf("%s: no drop for pii.non_stix_patterns in the report", name)
		}
	}
	if _, ok := pats["i7"]; !ok {
		t.Error("a rule naming only the attacker's host is dropped")
	}
}

// TestForeignPatternHexBytes: the hex byte pairs of a snort or suricata
// content and of a yara hex string are bytes, not numbers written in
// text: a run of them that would read as a phone number drops no rule. A
// victim's number written as text beside them, or as the bytes that spell
// it, still drops its rule.
func TestForeignPatternHexBytes(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	pats, rep := redactPatterns(t, rd, patternBundle(
		`snort:alert tcp any any -> any 445 (msg:"x"; content:"|01 23 45 67 89|"; depth:5; sid:1;)`,
		`suricata:alert tcp any any -> any any (msg:"x"; content:!"|04 20 06 12 34 56 78|"; sid:2;)`,
		`yara:rule r { strings: $op = { 04 20 06 12 34 56 78 } condition: $op }`,
		`snort:alert tcp any any -> any any (msg:"x"; content:"|00 01|call +44 20 7946 0958"; sid:3;)`,
		`yara:rule r { strings: $a = { 2b 34 34 20 32 30 20 37 39 34 36 20 30 39 35 38 } condition: $a }`,
		`yara:rule r { strings: $a = "020 7946 0958" $b = { 6a 40 } condition: all of them }`,
		`pcre:/(evil|01 23 45 67 89|bad)/`,
	))
	for _, name := range []string{"i1", "i2", "i3"} {
		if _, ok := pats[name]; !ok {
			t.Errorf("%s: a rule whose bytes read as a phone number is dropped", name)
		}
	}
	for _, name := range []string{"i4", "i5", "i6", "i7"} {
		if p, ok := pats[name]; ok {
			t.Errorf("%s: a victim's phone number is out: %q", name, p)
		}
	}
	for _, d := range rep.Decisions {
		if d.Action == ActionDrop && d.Kind != "phone" {
			t.Errorf("%s dropped for %s", d.Object, d.Kind)
		}
	}
}

// TestMatchesEscapes: a victim's address in a MATCHES regular expression
// is found through the escapes a regular expression spells characters
// with (\x2e, \x{40}, \u002e, \Q...\E), and its pseudonym replaces the
// whole escape, so that the regular expression stays one and matches the
// pseudonym. (A regular expression with other syntax drops its indicator:
// TestRigidPatternSites.)
func TestMatchesEscapes(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	pats, _ := redactPatterns(t, rd, patternBundle(
		`[email-message:to_refs[*].value = 'jane.doe@victim-bank.example']`,
		`[process:command_line MATCHES 'jane\\x2edoe@victim-bank\\x2eexample']`,
		`[process:command_line MATCHES 'jane\\x{2e}doe\\x40victim-bank\\u002eexample\\x20']`,
		`[process:command_line MATCHES '^\\Qmail jane.doe@victim-bank.example now\\E$']`,
		`[process:command_line MATCHES '\\Qjane.doe@victim-bank.example\\E']`,
	))
	pseudonym := strings.TrimSuffix(strings.TrimPrefix(pats["i1"], "[email-message:to_refs[*].value = '"), "']")
	for name, subject := range map[string]string{
		"i2": pseudonym,
		"i3": pseudonym + " ",
		"i4": "mail " + pseudonym + " now",
		"i5": pseudonym,
	} {
		p := pats[name]
		if strings.Contains(p, "jane") || strings.Contains(p, "victim-bank") {
			t.Errorf("%s: the victim's address is out: %q", name, p)
			continue
		}
		lits, err := stix.PatternLiterals(p)
		if err != nil || len(lits) != 1 {
			t.Fatalf("%s: %q: %v", name, p, err)
		}
		re, err := regexp.Compile(lits[0].Value)
		if err != nil {
			t.Errorf("%s: %q is no regular expression: %v", name, lits[0].Value, err)
		} else if !re.MatchString(subject) {
			t.Errorf("%s: %q does not match %q", name, lits[0].Value, subject)
		}
	}
}
