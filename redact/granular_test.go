package redact

import (
	"context"
	"strings"
	"testing"
)

// TestInvalidSelectorKept: a granular marking whose selector does not
// parse, under the ceiling, stays as written while another marking's
// content is removed; it used to stop the run with an internal error
// (FuzzRedact, seed 27ea4a2dd29331cd).
func TestInvalidSelectorKept(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	in := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000005","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","description":"amber detail","is_family":false,` +
		`"granular_markings":[{"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["x y"]},{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["description"]}]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "amber detail") {
		t.Errorf("the AMBER description is still there:\n%s", s)
	}
	if !strings.Contains(s, `"selectors":["x y"]`) {
		t.Errorf("the GREEN marking's selector did not stay as written:\n%s", s)
	}
}
