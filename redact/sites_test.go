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

// TestBrokenStructuralValues: a reference, id or timestamp property, at
// any depth and custom ones too, is left unscanned only while its value
// is what its name promises. Found by a bug hunt: personal data written
// into "created", "valid_from", "created_by_ref", "object_refs", a custom
// "x_victim_ref" or a nested "end" left as it came, and verify found
// nothing. Well-formed values stay byte for byte, and no detector runs on
// them.
func TestBrokenStructuralValues(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	ctx := context.Background()
	const email = "jane.doe@victim-corp.example"
	in := `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
		`"created":"` + email + `","modified":"2026-01-01T00:00:00.123Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix",` +
		`"valid_from":"card 4111111111111111","created_by_ref":"` + email + `","object_refs":["indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3a", "` + email + `"],` +
		`"x_victim_ref":"` + email + `","x_seen":{"end":"+44 20 7946 0958","start":"2026-01-01T00:00:00Z"},"x_a_ref":"","x_b_refs":[],` +
		`"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}`
	out, rep, err := rd.RedactBytes(ctx, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"jane.doe", "4111111111111111", "7946 0958"} {
		if strings.Contains(string(out), v) {
			t.Errorf("%q is in the output:\n%s", v, out)
		}
	}
	for _, v := range []string{`"modified":"2026-01-01T00:00:00.123Z"`, `"start":"2026-01-01T00:00:00Z"`, `"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3a"`, `"x_a_ref":"","x_b_refs":[]`} {
		if !strings.Contains(string(out), v) {
			t.Errorf("%s did not stay:\n%s", v, out)
		}
	}
	for _, p := range []string{"created", "valid_from", "object_refs.[1]", "x_victim_ref", "x_seen.end"} {
		if !hasDecisionAt(rep.Decisions, p) {
			t.Errorf("no decision at %s:\n%s", p, decisionLines(rep.Decisions))
		}
	}
	found, err := rd.Verify(ctx, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(found) < 5 {
		t.Errorf("verify found %d violations in the input, want one at each broken value:\n%s", len(found), decisionLines(found))
	}
	found, err = rd.Verify(ctx, bytes.NewReader(out))
	if err != nil || len(found) > 0 {
		t.Errorf("verify on the output: %v\n%s", err, decisionLines(found))
	}
}

// hasDecisionAt reports whether a decision names the path p.
func hasDecisionAt(ds []Decision, p string) bool {
	for _, d := range ds {
		if d.Path == p {
			return true
		}
	}
	return false
}

// TestShapeChecks: isUUID and timestampString, written for speed, agree
// with their definitions, written plainly, on every one-byte change of a
// valid value (each byte replaced by every byte), and on cuts.
func TestShapeChecks(t *testing.T) {
	uuid := func(b []byte) bool { // 8-4-4-4-12 hex digits, of either case
		if len(b) != 36 {
			return false
		}
		for i, c := range b {
			dash := i == 8 || i == 13 || i == 18 || i == 23
			hex := c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
			if dash && c != '-' || !dash && !hex {
				return false
			}
		}
		return true
	}
	timestamp := func(v []byte) bool { // "dddd-dd-ddTdd:dd:dd[.d+]Z"
		const shape = `"dddd-dd-ddTdd:dd:dd`
		if len(v) < len(shape)+2 || v[len(v)-1] != '"' || v[len(v)-2] != 'Z' {
			return false
		}
		for i := range len(shape) {
			digit := v[i] >= '0' && v[i] <= '9'
			if shape[i] == 'd' && !digit || shape[i] != 'd' && v[i] != shape[i] {
				return false
			}
		}
		frac := string(v[len(shape) : len(v)-2])
		return frac == "" || len(frac) >= 2 && frac[0] == '.' && strings.Trim(frac[1:], "0123456789") == ""
	}
	for _, c := range []struct {
		name      string
		fast, def func([]byte) bool
		valid     []string
	}{
		{"isUUID", isUUID, uuid, []string{"8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F"}},
		{"timestampString", timestampString, timestamp, []string{`"2026-03-14T09:21:07Z"`, `"2026-03-14T09:21:07.123Z"`, `"2026-03-14T09:21:07.1Z"`}},
	} {
		for _, v := range c.valid {
			if !c.fast([]byte(v)) {
				t.Errorf("%s(%s) = false", c.name, v)
			}
			for i := range len(v) {
				b := []byte(v)
				for x := range 256 {
					b[i] = byte(x)
					if c.fast(b) != c.def(b) {
						t.Fatalf("%s(%q) = %v, want %v", c.name, b, c.fast(b), c.def(b))
					}
				}
				if cut := []byte(v[:i]); c.fast(cut) != c.def(cut) {
					t.Fatalf("%s(%q) = %v, want %v", c.name, cut, c.fast(cut), c.def(cut))
				}
			}
		}
	}
}

// TestVocabularyFreeText: a vocabulary property, or an identity's roles,
// is left unscanned only while its values are tokens, as vocabulary terms
// are written (found by a bug hunt: an address written into roles left as
// it came).
func TestVocabularyFreeText(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Northwind Bank","identity_class":"organization","sectors":["financial-services"],"roles":["Domain Administrators","contact: jane.doe@victim-corp.example"]},
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"X","is_family":true,"capabilities":["anti-debugging"],"kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"initial-access"}]}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "jane.doe") {
		t.Errorf("the address in roles is in the output:\n%s", out)
	}
	for _, v := range []string{`"sectors":["financial-services"]`, `"capabilities":["anti-debugging"]`, `"phase_name":"initial-access"`, `"Domain Administrators"`} {
		if !strings.Contains(string(out), v) {
			t.Errorf("%s did not stay:\n%s", v, out)
		}
	}
	if !hasDecisionAt(rep.Decisions, "roles.[1]") {
		t.Errorf("no decision at roles.[1]:\n%s", decisionLines(rep.Decisions))
	}
}

// TestTokens: what counts as vocabulary tokens.
func TestTokens(t *testing.T) {
	for v, want := range map[string]bool{
		`"initial-access"`:               true,
		`["ipv4", "tcp"]`:                true,
		`[]`:                             true,
		`"AES-256-GCM"`:                  true,
		`"text/plain"`:                   true,
		`"Domain Administrators"`:        false,
		`["ok", "jane.doe@example.org"]`: false,
		`"a\u0040b"`:                     false,
		`{"x":"y"}`:                      false,
		`42`:                             false,
	} {
		if got := tokens([]byte(v)); got != want {
			t.Errorf("tokens(%s) = %v, want %v", v, got, want)
		}
	}
}
