package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

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
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
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

// TestVersionsRenamedTogether: the versions of one object that leave
// share one new id when any of them changes, and what refers to the id
// follows them there, when its first version is dropped too (references
// resolve to an id's first version). With the TLP:AMBER first version
// dropped and the second changed, the relationship and the sighting kept
// the original id, which no output object had, in their references and
// text; and a later window pruned them, taking the id for gone.
func TestVersionsRenamedTogether(t *testing.T) {
	const id = "indicator--a0000000-0000-4000-8000-000000000001"
	const green = `"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]`
	const ts = `"created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z"`
	objs := []string{
		`{"type":"indicator","spec_version":"2.1","id":"` + id + `",` + ts + `,"name":"v1","pattern":"[ipv4-addr:value = '203.0.113.5']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z","object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]}`,
		`{"type":"indicator","spec_version":"2.1","id":"` + id + `","created":"2024-01-01T00:00:00.000Z","modified":"2024-02-01T00:00:00.000Z","name":"v2","description":"amber detail","pattern":"[ipv4-addr:value = '203.0.113.6']","pattern_type":"stix","valid_from":"2024-01-01T00:00:00Z",` + green + `,"granular_markings":[{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["description"]}]}`,
		`{"type":"malware","spec_version":"2.1","id":"malware--a0000000-0000-4000-8000-000000000002",` + ts + `,"name":"bad","is_family":true,` + green + `}`,
		`{"type":"relationship","spec_version":"2.1","id":"relationship--a0000000-0000-4000-8000-000000000003",` + ts + `,"relationship_type":"indicates","source_ref":"` + id + `","target_ref":"malware--a0000000-0000-4000-8000-000000000002",` + green + `}`,
		`{"type":"sighting","spec_version":"2.1","id":"sighting--a0000000-0000-4000-8000-000000000004",` + ts + `,"sighting_of_ref":"` + id + `","description":"seen ` + id + ` here",` + green + `}`,
	}
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	ctx := context.Background()
	want := rd.keys.derivedID(rd.name, id, false)
	check := func(api string, out []byte) {
		t.Helper()
		if bytes.Contains(out, []byte(id)) || bytes.Contains(out, []byte("amber detail")) {
			t.Errorf("%s: the original id or marked content left:\n%s", api, out)
		}
		if n := bytes.Count(out, []byte(want)); n != 4 {
			t.Errorf("%s: the new id written %d times, want 4 (the version, the relationship, the sighting and its text):\n%s", api, n, out)
		}
	}
	out, _, err := rd.RedactBytes(ctx, []byte(`{"type":"bundle","id":"bundle--11111111-1111-4111-8111-111111111112","objects":[`+strings.Join(objs, ",")+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	check("whole run", out)
	var buf bytes.Buffer
	if _, err := rd.RedactStream(ctx, &buf, strings.NewReader(strings.Join(objs, "\n")+"\n"), &WindowOptions{Objects: 2}, nil); err != nil {
		t.Fatal(err)
	}
	check("windows", buf.Bytes())
}
