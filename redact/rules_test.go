package redact

import (
	"context"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// rulesPolicy has object rules that would drop or edit the redacting
// identity: one drops what has no creator, one drops identities, one
// strips names.
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

func rulesRedactor(t *testing.T) *Redactor {
	t.Helper()
	p, err := policy.Load("rules.yaml", []byte(rulesPolicy))
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey})
	if err != nil {
		t.Fatal(err)
	}
	return rd
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
