package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestMitrePropertiesScanned: x_mitre_ properties that can hold free text
// (contributors, detection notes, aliases, log sources) are scanned on
// objects that are not MITRE's (found by a bug hunt: every x_mitre_
// property was skipped, so a contributor's email left on an ordinary
// malware object); ATT&CK's own objects stay as they are, a public source.
func TestMitrePropertiesScanned(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	ctx := context.Background()
	in := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"X","is_family":true,"x_mitre_contributors":["Jane Roe, jane.roe@example.org, +44 20 7946 0958"],"x_mitre_version":"1.0","x_mitre_domains":["enterprise-attack"]}`
	out, rep, err := rd.RedactBytes(ctx, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"jane.roe", "7946 0958"} {
		if strings.Contains(string(out), v) {
			t.Errorf("%q is in the output:\n%s", v, out)
		}
	}
	if !strings.Contains(string(out), `"x_mitre_version":"1.0","x_mitre_domains":["enterprise-attack"]`) {
		t.Errorf("versions and domains must stay as they were:\n%s", out)
	}
	if !hasDecision(rep.Decisions, "malware--00000000-0000-4000-8000-000000000002 x_mitre_contributors.[0] pii.actions pseudonymise email") {
		t.Errorf("no decision for the contributor's email:\n%s", decisionLines(rep.Decisions))
	}
	// MITRE's own object: a public source, never edited.
	attack := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","created_by_ref":"identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5","name":"Y","is_family":true,"x_mitre_contributors":["Jane Roe, jane.roe@example.org"],"x_mitre_log_sources":[{"name":"AWS:VPCFlowLogs","channel":"Outbound connection to 169.254.169.254"}]}`
	out, _, err = rd.RedactBytes(ctx, []byte(attack))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, []byte(attack)) {
		t.Errorf("ATT&CK's own object changed:\n%s", out)
	}
}

// TestSkipKeyMitre: of MITRE's properties, only those that are never
// personal data are skipped.
func TestSkipKeyMitre(t *testing.T) {
	for _, k := range []string{"x_mitre_version", "x_mitre_attack_spec_version", "x_mitre_domains", "x_mitre_platforms", "x_mitre_deprecated", "x_mitre_is_subtechnique", "x_mitre_modified_by_ref", "x_mitre_data_component_ref", "x_mitre_analytic_refs"} {
		if !skipKey(k) {
			t.Errorf("skipKey(%q) = false", k)
		}
	}
	for _, k := range []string{"x_mitre_contributors", "x_mitre_detection", "x_mitre_aliases", "x_mitre_log_sources", "x_mitre_system_requirements", "x_mitre_first_seen_citation", "x_mitre_something_new"} {
		if skipKey(k) {
			t.Errorf("skipKey(%q) = true", k)
		}
	}
}

// TestLearnedUserNameKept: the user name of a profile path, learned in
// pass 1 and looked for everywhere in pass 2, is kept as it was found.
// Detection reads each site in place and lower-cases it into a buffer the
// next site writes again, so a value kept past its site must be copied.
func TestLearnedUserNameKept(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Dropper written to C:\\Users\\JDoe\\AppData\\Roaming\\x.exe","abstract":"QQQQQ WWWWW EEEEE RRRRR TTTTT","object_refs":["note--00000000-0000-4000-8000-000000000002"]},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Then jdoe signed in from home.","object_refs":["note--00000000-0000-4000-8000-000000000001"]}
]}`
	for _, workers := range []int{1, 2} {
		rd.workers = workers
		out, _, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(out), []byte("jdoe")) {
			t.Errorf("workers %d: the user name is in the output:\n%s", workers, out)
		}
	}
}
