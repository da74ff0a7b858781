package redact

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// TestPolicyTestEscapes: a policy's test case that says a name must be
// absent fails when the output still holds it written with a JSON escape,
// which every reader decodes; and a string that must be present is found
// when escaped.
func TestPolicyTestEscapes(t *testing.T) {
	in := `{"type":"note","spec_version":"2.1","id":"note--55555555-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"call Jane\u0020Doe at Acme\u0020CERT","object_refs":["malware--55555555-0000-4000-8000-000000000002"]}`
	pol := `format: airlock/v1
name: escapes
markings: {max_tlp: green, unmarked: clear}
ids: keep
tests:
  - name: the name goes
    input: in.json
    expect:
      absent: [Jane Doe]
  - name: the organisation stays
    input: in.json
    expect:
      present: [Acme CERT]
`
	res := runPolicyTests(t, pol, in)
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	if res[0].Passed() || !strings.Contains(strings.Join(res[0].Failures, "\n"), `absent: "Jane Doe"`) {
		t.Errorf("absent: a name written with an escape passed: %v", res[0].Failures)
	}
	if !res[1].Passed() {
		t.Errorf("present: a name written with an escape was not found: %v", res[1].Failures)
	}
}

// TestPolicyTestKeptNeedsTheObject: an id the test says is kept must be
// an output object's, not only written in a reference (found by a bug
// hunt: a kept id that only a dangling reference named passed).
func TestPolicyTestKeptNeedsTheObject(t *testing.T) {
	in := `{"type":"note","spec_version":"2.1","id":"note--55555555-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"see the malware","object_refs":["malware--55555555-0000-4000-8000-000000000002"]}`
	pol := `format: airlock/v1
name: kept
markings: {max_tlp: green, unmarked: clear}
ids: keep
tests:
  - name: the note stays
    input: in.json
    expect:
      kept: [note--55555555-0000-4000-8000-000000000001]
  - name: the malware is only referred to
    input: in.json
    expect:
      kept: [malware--55555555-0000-4000-8000-000000000002]
`
	res := runPolicyTests(t, pol, in)
	if len(res) != 2 {
		t.Fatalf("%d results, want 2", len(res))
	}
	if !res[0].Passed() {
		t.Errorf("kept: the note was not found: %v", res[0].Failures)
	}
	if res[1].Passed() {
		t.Error("kept: an id only a reference names passed")
	}
}

// runPolicyTests runs the tests of the policy pol, whose cases read
// in.json, holding in.
func runPolicyTests(t *testing.T, pol, in string) []TestResult {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{"in.json": in, "p.yaml": pol} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p, err := policy.LoadFile(filepath.Join(dir, "p.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return TestPolicy(p, nil)
}
