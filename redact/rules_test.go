package redact

import (
	"context"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// rulesPolicy has object rules that name no type, or identities: one
// drops what has no creator, one drops identities, one strips names. None
// may touch a marking definition or the redacting identity.
const rulesPolicy = `format: airlock/v1
name: rules
markings: {max_tlp: green, unmarked: clear}
objects:
  - name: no-anonymous
    where: [{property: created_by_ref, exists: false}]
    action: drop
  - name: no-identities
    types: [identity]
    action: drop
  - name: strip-names
    action: remove
    remove: [name, x_acme_triage]
ids: derive
identity: {name: Rules CERT}
`

// rulesBundle holds a statement marking definition (no creator, a name)
// and an indicator it marks, which a rule changes.
const rulesBundle = `{"type":"bundle","id":"bundle--44444444-0000-4000-8000-000000000000","objects":[
{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--44444444-0000-4000-8000-0000000000aa","created":"2026-01-10T10:00:00.000Z","name":"acme copyright","definition_type":"statement","definition":{"statement":"Copyright Acme"}},
{"type":"indicator","spec_version":"2.1","id":"indicator--44444444-0000-4000-8000-000000000001","created_by_ref":"identity--44444444-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","x_acme_triage":"P2","object_marking_refs":["marking-definition--44444444-0000-4000-8000-0000000000aa"]}
]}`

func rulesRedactor(t *testing.T) *Redactor {
	t.Helper()
	return testCompile(t)(policy.Load("rules.yaml", []byte(rulesPolicy)))
}

// TestRulesSkipMarkingDefinitions: an object rule that names no type does
// not drop or edit a marking definition, which would leave the objects it
// marks with a marking no one can read (an unknown marking, a dangling
// reference). The definition stays as it was.
func TestRulesSkipMarkingDefinitions(t *testing.T) {
	rd := rulesRedactor(t)
	out, rep, err := rd.RedactBytes(context.Background(), []byte(rulesBundle))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Decisions {
		if d.Type == "marking-definition" {
			t.Errorf("a rule touched the marking definition: %+v", d)
		}
	}
	def := strings.Split(rulesBundle, "\n")[1]
	if !strings.Contains(string(out), strings.TrimSuffix(def, ",")) {
		t.Errorf("the statement definition is not in the output as it was:\n%s", out)
	}
	checkClean(t, rd, out)
}

// TestRulesSkipRedactingIdentity: a rule that drops identities, or
// objects without a creator, does not drop the redacting identity airlock
// adds: output verifies clean and redacts again to itself.
func TestRulesSkipRedactingIdentity(t *testing.T) {
	rd := rulesRedactor(t)
	in := `{"type":"indicator","spec_version":"2.1","id":"indicator--44444444-0000-4000-8000-000000000001","created_by_ref":"identity--44444444-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","x_acme_triage":"P2"}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(`{"type":"bundle","id":"bundle--44444444-0000-4000-8000-000000000000","objects":[`+in+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), string(rd.identity.json)) {
		t.Fatalf("the redacting identity was not added:\n%s", out)
	}
	checkClean(t, rd, out)
}

// TestRuleLateDropNamesRule: an object rule that removes the last item of
// a required list (a report's object_refs) drops the object, and the
// report names that rule as the cause, not the markings section, which
// had no part in it. The same holds in a session.
func TestRuleLateDropNamesRule(t *testing.T) {
	rd := testCompile(t)(policy.Load("late.yaml", []byte(`format: airlock/v1
name: late
markings: {max_tlp: green, unmarked: clear}
objects:
  - name: strip-first-ref
    types: [report]
    action: remove
    remove: ["object_refs.[0]"]
ids: keep
`)))
	report := `{"type":"report","spec_version":"2.1","id":"report--55555555-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"r","published":"2026-01-10T10:00:00Z","object_refs":["indicator--55555555-0000-4000-8000-000000000002"]}`
	check := func(where string, ds []Decision) {
		t.Helper()
		for _, d := range ds {
			if d.Object == "report--55555555-0000-4000-8000-000000000001" && d.Action == ActionDrop {
				if d.Rule != "strip-first-ref" || d.Kind != "required-property" || d.Path != "object_refs" {
					t.Errorf("%s: drop reported as rule %q, kind %q, path %q; want strip-first-ref, required-property, object_refs", where, d.Rule, d.Kind, d.Path)
				}
				return
			}
		}
		t.Errorf("%s: the report is not dropped: %+v", where, ds)
	}
	_, rep, err := rd.RedactBytes(context.Background(), []byte(`{"type":"bundle","id":"bundle--55555555-0000-4000-8000-000000000000","objects":[`+report+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	check("bundle", rep.Decisions)
	if rep.ByRule["markings"] != 0 {
		t.Errorf("by_rule counts markings: %v", rep.ByRule)
	}
	res, err := rd.NewSession().Redact(context.Background(), []byte(report))
	if err != nil {
		t.Fatal(err)
	}
	check("session", res.Decisions)
}

// TestEqualsComparesValues: a rule's equals compares numbers by value,
// however the policy or the object writes them (80, 80.0, 8e1, "80"), as
// decimals (2^53+1 is not 2^53), and other scalars by their text.
func TestEqualsComparesValues(t *testing.T) {
	cases := []struct {
		want  string // the policy's equals, as YAML
		value string // the object's confidence, as JSON
		match bool
	}{
		{`80`, `80`, true},
		{`80`, `80.0`, true},
		{`80`, `8e1`, true},
		{`80`, `8.0E+1`, true},
		{`80`, `"80"`, true},
		{`80`, `"80.0"`, true},
		{`80.0`, `80`, true},
		{`"80"`, `80`, true},
		{`"80"`, `80.00`, true},
		{`8e1`, `80`, true},
		{`0`, `-0.0`, true},
		{`80`, `81`, false},
		{`80`, `800`, false},
		{`80`, `8`, false},
		{`80`, `"080"`, false},
		{`80`, `"80 "`, false},
		{`80`, `[80]`, false},
		{`9007199254740993`, `9007199254740992`, false},
		{`9007199254740993`, `9007199254740993.0`, true},
		{`1e999999999`, `1e999999999`, true},
		{`true`, `true`, true},
		{`true`, `"true"`, true},
		{`true`, `false`, false},
		{`high`, `"high"`, true},
		{`high`, `"High"`, false},
	}
	for _, c := range cases {
		p, err := policy.Load("eq.yaml", []byte(`format: airlock/v1
name: eq
markings: {max_tlp: green, unmarked: clear}
objects:
  - name: by-confidence
    where: [{property: confidence, equals: `+c.want+`}]
    action: drop
ids: keep
`))
		if err != nil {
			t.Fatal(err)
		}
		rd := testCompile(t)(p, nil)
		in := `{"type":"indicator","spec_version":"2.1","id":"indicator--77777777-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","confidence":` + c.value + `}`
		_, rep, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := rep.Dropped == 1; got != c.match {
			t.Errorf("equals %s on confidence %s: matched %v, want %v", c.want, c.value, got, c.match)
		}
	}
}
