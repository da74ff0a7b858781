package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// extensionsBundle holds three extension definitions and objects using
// them: one definition marked TLP:RED (dropped under tlp-green), used by a
// malware as a property extension; one with a TLP:AMBER description
// (changed, so renamed), used by a tool; one marked TLP:RED that defines
// the type of an x-thing (new-sdo).
const extensionsBundle = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","created_by_ref":"identity--00000000-0000-4000-8000-000000000009","name":"secret-ext","schema":"https://x.example/s.json","version":"1.0","extension_types":["property-extension"],"object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"M","is_family":true,"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"extensions":{"extension-definition--00000000-0000-4000-8000-000000000001":{"extension_type":"property-extension","x_secret_rank":5}}},
{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","created_by_ref":"identity--00000000-0000-4000-8000-000000000009","name":"ext","description":"amber note","schema":"https://x.example/s.json","version":"1.0","extension_types":["property-extension"],"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"granular_markings":[{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["description"]}]},
{"type":"tool","spec_version":"2.1","id":"tool--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"T","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"extensions":{"extension-definition--00000000-0000-4000-8000-000000000003":{"extension_type":"property-extension","rank":1}}},
{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--00000000-0000-4000-8000-000000000005","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","created_by_ref":"identity--00000000-0000-4000-8000-000000000009","name":"thing","schema":"https://x.example/s.json","version":"1.0","extension_types":["new-sdo"],"object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"x-thing","spec_version":"2.1","id":"x-thing--00000000-0000-4000-8000-000000000006","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"X","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"extensions":{"extension-definition--00000000-0000-4000-8000-000000000005":{"extension_type":"new-sdo"}}}
]}`

// TestDroppedExtensionRemoved: the extensions entry keyed by a dropped
// extension definition goes, its properties with it, and the report says
// so; an object whose type the dropped definition defines goes too. The
// definition's id used to stay as a key, and the malware was reported
// unchanged.
func TestDroppedExtensionRemoved(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	out, rep, err := rd.RedactBytes(context.Background(), []byte(extensionsBundle))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"extension-definition--00000000-0000-4000-8000-000000000001", "x_secret_rank",
		"extension-definition--00000000-0000-4000-8000-000000000005", "x-thing--"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s is still in the output:\n%s", gone, s)
		}
	}
	if !strings.Contains(s, `"name":"M"`) {
		t.Errorf("the malware went:\n%s", s)
	}
	var removed, thing bool
	for _, d := range rep.Decisions {
		if d.Object == "malware--00000000-0000-4000-8000-000000000002" && d.Kind == "dropped-extension" &&
			d.Rule == "references" && d.Action == ActionRemove && d.Path == "extensions.extension-definition--00000000-0000-4000-8000-000000000001" {
			removed = true
		}
		if d.Object == "x-thing--00000000-0000-4000-8000-000000000006" && d.Action == ActionDrop && d.Kind == "required-reference" {
			thing = true
		}
	}
	if !removed {
		t.Errorf("no dropped-extension decision for the malware: %s", decisionText(rep))
	}
	if !thing {
		t.Errorf("no drop decision for the x-thing: %s", decisionText(rep))
	}
	checkClean(t, rd, out)
}

// TestRenamedExtensionFollowed: an extension definition that changes gets
// a new id, and the extensions keys naming it follow, or the output would
// name a definition that is not there.
func TestRenamedExtensionFollowed(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	out, rep, err := rd.RedactBytes(context.Background(), []byte(extensionsBundle))
	if err != nil {
		t.Fatal(err)
	}
	var newID string
	for _, d := range rep.Decisions {
		if d.Object == "extension-definition--00000000-0000-4000-8000-000000000003" && d.Action == ActionRename {
			newID = d.NewID
		}
	}
	if newID == "" {
		t.Fatalf("the changed extension definition was not renamed: %s", decisionText(rep))
	}
	s := string(out)
	if strings.Contains(s, "extension-definition--00000000-0000-4000-8000-000000000003") {
		t.Errorf("the original id of the renamed definition is still in the output:\n%s", s)
	}
	if !strings.Contains(s, `"extensions":{"`+newID+`":{"extension_type":"property-extension","rank":1}}`) {
		t.Errorf("the tool's extension does not name %s:\n%s", newID, s)
	}
	checkClean(t, rd, out)
}

// TestAbsentExtensionKept: an extension definition that is not in the
// input is not a dangling reference, whatever the policy says of those:
// definitions are published once and used everywhere.
func TestAbsentExtensionKept(t *testing.T) {
	p, err := policy.Load("dangling.yaml", []byte(`format: airlock/v1
name: dangling
version: "1"
markings:
  max_tlp: green
  unmarked: clear
  unknown: drop
references:
  dangling: remove
ids: derive
identity:
  name: Example CERT
`))
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey})
	if err != nil {
		t.Fatal(err)
	}
	in := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"M","is_family":true,"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"extensions":{"extension-definition--00000000-0000-4000-8000-000000000001":{"extension_type":"property-extension","rank":5}}}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("the object changed:\n got %s\nwant %s", out, in)
	}
}

// checkClean checks that out, redacted output, verifies clean and redacts
// again to itself.
func checkClean(t *testing.T, rd *Redactor, out []byte) {
	t.Helper()
	found, err := rd.Verify(context.Background(), bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range found {
		t.Errorf("verify: %+v", d)
	}
	again, _, err := rd.RedactBytes(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("redacting the output again changes it:\n got %s\nwant %s", again, out)
	}
}

// TestSessionDroppedExtension: in a Session, an extension definition
// dropped by an earlier message takes its entries from later ones, and one
// renamed by an earlier message has them renamed.
func TestSessionDroppedExtension(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	s := rd.NewSession()
	var outs []string
	for _, line := range strings.Split(extensionsBundle, "\n")[1:5] {
		res, err := s.Redact(context.Background(), []byte(strings.TrimSuffix(line, ",")))
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(res.Output))
	}
	if outs[0] != "" {
		t.Errorf("the TLP:RED definition was sent: %s", outs[0])
	}
	if strings.Contains(outs[1], "extension-definition--") || strings.Contains(outs[1], "x_secret_rank") {
		t.Errorf("the dropped definition's entry stayed: %s", outs[1])
	}
	if strings.Contains(outs[3], "extension-definition--00000000-0000-4000-8000-000000000003") {
		t.Errorf("the renamed definition's original id stayed: %s", outs[3])
	}
}

// toplevelBundle holds a TLP:RED toplevel-property-extension definition
// that lists the properties it adds (extension_properties), one that does
// not, and a malware using each (at its top level).
const toplevelBundle = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000ab","objects":[
{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--00000000-0000-4000-8000-000000000011","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","created_by_ref":"identity--00000000-0000-4000-8000-000000000009","name":"top","schema":"https://x.example/s.json","version":"1.0","extension_types":["toplevel-property-extension"],"extension_properties":["x_top_source"],"object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000012","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"M","is_family":true,"x_top_source":"informant CARDINAL","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"extensions":{"extension-definition--00000000-0000-4000-8000-000000000011":{"extension_type":"toplevel-property-extension"}}},
{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--00000000-0000-4000-8000-000000000013","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","created_by_ref":"identity--00000000-0000-4000-8000-000000000009","name":"top, unlisted","schema":"https://x.example/s.json","version":"1.0","extension_types":["toplevel-property-extension"],"object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000014","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"N","is_family":true,"x_unlisted":"informant SPARROW","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"extensions":{"extension-definition--00000000-0000-4000-8000-000000000013":{"extension_type":"toplevel-property-extension"}}}
]}`

// TestDroppedToplevelExtension: a dropped toplevel-property-extension
// definition takes the properties it added at the top level of the
// objects using it, not only their (empty) extensions entry; when the
// definition does not say which properties it added, the object goes
// (fail closed). Both properties used to leave.
func TestDroppedToplevelExtension(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	out, rep, err := rd.RedactBytes(context.Background(), []byte(toplevelBundle))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"CARDINAL", "x_top_source", "SPARROW", "x_unlisted", "extension-definition--"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s is still in the output:\n%s", gone, s)
		}
	}
	if !strings.Contains(s, `"name":"M"`) {
		t.Errorf("the malware whose extension properties are known went:\n%s", s)
	}
	var removed, dropped bool
	for _, d := range rep.Decisions {
		if d.Object == "malware--00000000-0000-4000-8000-000000000012" && d.Path == "x_top_source" &&
			d.Action == ActionRemove && d.Kind == "dropped-extension" {
			removed = true
		}
		if d.Object == "malware--00000000-0000-4000-8000-000000000014" && d.Action == ActionDrop && d.Kind == "dropped-extension" {
			dropped = true
		}
	}
	if !removed || !dropped {
		t.Errorf("removed %v, dropped %v: %s", removed, dropped, decisionText(rep))
	}
	checkClean(t, rd, out)

	// In a Session, the definition comes in an earlier message: what it
	// added is not remembered, so its user goes.
	sess := rd.NewSession()
	lines := strings.Split(toplevelBundle, "\n")
	for _, line := range lines[1:3] {
		res, err := sess.Redact(context.Background(), []byte(strings.TrimSuffix(line, ",")))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(res.Output), "CARDINAL") {
			t.Errorf("the dropped extension's property was sent: %s", res.Output)
		}
	}
}

// TestOneDecisionPerRemoval: a property removed for two reasons is one
// removal and gets one decision: a reference to a dropped object that a
// dropped toplevel-property-extension added (x_acme_ref), and a reference
// to a dropped object in granular-marked content above the ceiling
// (x_note_ref). Each used to be reported twice.
func TestOneDecisionPerRemoval(t *testing.T) {
	const in = `{"type":"bundle","id":"bundle--0d2c0e8a-6b7b-4f8e-9d6a-1c7f1c8b2d11","objects":[
{"type":"extension-definition","spec_version":"2.1","id":"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e","created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2022-01-01T00:00:00.000Z","modified":"2022-01-01T00:00:00.000Z","name":"acme links","schema":"https://example.com/acme.json","version":"1.0","extension_types":["toplevel-property-extension"],"extension_properties":["x_acme_ref"],"object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]},
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2022-01-01T00:00:00.000Z","modified":"2022-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.9']","pattern_type":"stix","valid_from":"2022-01-01T00:00:00Z","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]},
{"type":"malware","spec_version":"2.1","id":"malware--00152ec2-54c2-46e1-8b03-a7d0b3223e7f","created":"2022-01-01T00:00:00.000Z","modified":"2022-01-01T00:00:00.000Z","name":"m","is_family":false,"x_acme_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","extensions":{"extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e":{"extension_type":"toplevel-property-extension"}},"x_note_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"granular_markings":[{"marking_ref":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","selectors":["x_note_ref"]}]}
]}`
	out, rep := redactValid(t, "../examples/policies/tlp-green.yaml", in)
	if strings.Contains(string(out), "indicator--") || strings.Contains(string(out), "x_acme_ref") {
		t.Errorf("the reference or the extension's property left:\n%s", out)
	}
	seen := map[string]bool{}
	for _, d := range rep.Decisions {
		if d.Path == "" {
			continue
		}
		k := d.Object + " " + d.Path
		if seen[k] {
			t.Errorf("%s is decided twice:\n%s", k, decisionText(rep))
		}
		seen[k] = true
	}
}
