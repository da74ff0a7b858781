package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// versionsRedactor compiles examples/policies/tlp-green.yaml.
func versionsRedactor(t *testing.T) *Redactor {
	t.Helper()
	p, err := policy.LoadFile("../examples/policies/tlp-green.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey})
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// TestConflictingMarkingDefinitions: a marking definition cannot be
// versioned (STIX 2.1 section 7.2.1), so an input that defines one id
// twice, once as TLP:RED and once as a statement, says nothing reliable
// of what the objects carrying it are marked with: they fail closed,
// whichever definition comes first, in one run and across windows.
// Judged by the last definition read, an indicator marked with a custom
// TLP:RED definition left under tlp-green when a statement followed it.
func TestConflictingMarkingDefinitions(t *testing.T) {
	const red = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--b0000000-0000-4000-8000-000000000001","created":"2024-01-01T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"red"}}`
	const stmt = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--b0000000-0000-4000-8000-000000000001","created":"2024-01-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright Example"}}`
	ind := func(n string) string {
		return `{"type":"indicator","spec_version":"2.1","id":"indicator--a0000000-0000-4000-8000-00000000000` + n + `","created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z","name":"red secret","pattern":"[ipv4-addr:value = '203.0.113.5']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["marking-definition--b0000000-0000-4000-8000-000000000001","marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}`
	}
	rd := versionsRedactor(t)
	ctx := context.Background()
	for _, defs := range [][2]string{{red, stmt}, {stmt, red}} {
		in := `{"type":"bundle","id":"bundle--11111111-1111-4111-8111-111111111113","objects":[` + defs[0] + `,` + defs[1] + `,` + ind("1") + `]}`
		out, _, err := rd.RedactBytes(ctx, []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(out, []byte("red secret")) {
			t.Errorf("whole run: an object carrying a marking defined twice left:\n%s", out)
		}
	}
	// In windows of two: the TLP:RED definition and an object it marks,
	// then the statement and another object, then one carrying it alone.
	in := red + "\n" + ind("1") + "\n" + stmt + "\n" + ind("2") + "\n" + ind("3") + "\n"
	var buf bytes.Buffer
	if _, err := rd.RedactStream(ctx, &buf, strings.NewReader(in), &WindowOptions{Objects: 2}, nil); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("red secret")) {
		t.Errorf("windows: an object carrying a marking defined twice left:\n%s", buf.Bytes())
	}
	// A statement that leaves, then TLP:RED under its id: what the
	// session remembered of the statement is forgotten.
	s := rd.NewSession()
	for i, msg := range []string{stmt, ind("1"), red, ind("2")} {
		res, err := s.Redact(ctx, []byte(msg))
		if err != nil {
			t.Fatal(err)
		}
		if i == 3 && res.Output != nil {
			t.Errorf("session: an object carrying a marking defined twice left:\n%s", res.Output)
		}
	}
}
