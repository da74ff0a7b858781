package redact

import (
	"context"
	"strings"
	"testing"
)

const (
	personalStatement = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--00000000-0000-4000-8000-0000000000a1","created":"2026-01-10T10:00:00.000Z","definition_type":"statement","definition":{"statement":"Questions to jane.doe@example.org, +44 20 7946 0958"}}`
	plainStatement    = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--00000000-0000-4000-8000-0000000000a2","created":"2026-01-10T10:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2026 Example Bank"}}`
	markedByStatement = `{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"c2","description":"the C2","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--00000000-0000-4000-8000-0000000000a1","marking-definition--00000000-0000-4000-8000-0000000000a2"],"granular_markings":[{"marking_ref":"marking-definition--00000000-0000-4000-8000-0000000000a1","selectors":["description"]}]}`
)

// TestPersonalStatement: a statement marking that names a person is not
// passed on (a marking definition cannot be redacted in place): removed
// from the objects it marks, object-level and granular, which stay, and
// its definition dropped; a statement with no personal data stays. In a
// Session, an object of a later message that carries it loses it too.
func TestPersonalStatement(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + personalStatement + ",\n" + plainStatement + ",\n" + markedByStatement + "]}"
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "jane.doe") || strings.Contains(s, "7946") || strings.Contains(s, "0000000000a1") {
		t.Errorf("the personal statement is out:\n%s", s)
	}
	if !strings.Contains(s, "Copyright 2026 Example Bank") || !strings.Contains(s, `"object_marking_refs":["marking-definition--00000000-0000-4000-8000-0000000000a2"]`) || !strings.Contains(s, `"description":"the C2"`) {
		t.Errorf("the plain statement, or the indicator's content, is gone:\n%s", s)
	}
	for _, want := range []string{
		"marking-definition--00000000-0000-4000-8000-0000000000a1  pii drop " + statementKind,
		"indicator--00000000-0000-4000-8000-000000000001 object_marking_refs pii remove " + statementKind,
		"indicator--00000000-0000-4000-8000-000000000001 granular_markings.[0] pii remove " + statementKind,
	} {
		if !hasDecision(rep.Decisions, want) {
			t.Errorf("no decision %q in\n%s", want, decisionLines(rep.Decisions))
		}
	}
	if again, _, err := rd.RedactBytes(context.Background(), out); err != nil || string(again) != s {
		t.Errorf("redacting the output again: %v\n%s", err, again)
	}

	sess := rd.NewSession()
	for _, msg := range []string{personalStatement, plainStatement} {
		if _, err := sess.Redact(context.Background(), []byte(msg)); err != nil {
			t.Fatal(err)
		}
	}
	res, err := sess.Redact(context.Background(), []byte(markedByStatement))
	if err != nil {
		t.Fatal(err)
	}
	if res.Output == nil || strings.Contains(string(res.Output), "0000000000a1") || !strings.Contains(string(res.Output), "0000000000a2") {
		t.Errorf("session: the later message must stay, without the personal statement:\n%s", res.Output)
	}
}
