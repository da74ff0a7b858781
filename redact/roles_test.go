package redact

import (
	"context"
	"strings"
	"testing"
)

// TestEmbeddedEmailRoles: in an observed-data's embedded objects (STIX
// 2.0's form, references by local key), the sender of a phishing mail is
// the adversary's and stays, and the recipient is the victim's and goes,
// as in the same graph written with SCOs.
func TestEmbeddedEmailRoles(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	for name, in := range map[string]string{
		"embedded": `{"type":"observed-data","spec_version":"2.1","id":"observed-data--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","first_observed":"2026-01-10T10:00:00Z","last_observed":"2026-01-10T10:00:00Z","number_observed":1,"objects":{"0":{"type":"email-addr","value":"john.smith@victim.example"},"1":{"type":"email-message","is_multipart":false,"to_refs":["0"],"from_ref":"2","subject":"Invoice"},"2":{"type":"email-addr","value":"Evil@Bad.example"}}}`,
		"scos": `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000001","value":"Evil@Bad.example"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000002","value":"john.smith@victim.example"},
{"type":"email-message","spec_version":"2.1","id":"email-message--00000000-0000-4000-8000-000000000003","is_multipart":false,"from_ref":"email-addr--00000000-0000-4000-8000-000000000001","to_refs":["email-addr--00000000-0000-4000-8000-000000000002"],"subject":"Invoice"}]}`,
	} {
		out, _, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(string(out), "Evil@Bad.example") {
			t.Errorf("%s: the sender's address is gone:\n%s", name, out)
		}
		if strings.Contains(string(out), "john.smith") {
			t.Errorf("%s: the recipient's address is out:\n%s", name, out)
		}
	}
}

// TestEmailInPhishingURL: a recipient's address inside a phishing URL of
// a pattern (a per-recipient link) is not an indicator: it goes from the
// URL, which keeps its host and path, and from everywhere else it is
// written. An address that is a literal's whole value stays one.
func TestEmailInPhishingURL(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[url:value = 'https://update-check.example/gate.php?uid=klaus.becker%40northwind-bank.example'] OR [email-addr:value = 'billing@invoice-portal.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000002","value":"klaus.becker@northwind-bank.example"},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"klaus.becker@northwind-bank.example clicked; sent from billing@invoice-portal.example","object_refs":["indicator--00000000-0000-4000-8000-000000000001"]}
]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ToLower(string(out))
	if strings.Contains(s, "klaus.becker") {
		t.Errorf("the recipient's address is out:\n%s", out)
	}
	if !strings.Contains(s, "https://update-check.example/gate.php?uid=") || strings.Count(s, "billing@invoice-portal.example") != 2 {
		t.Errorf("the URL's host and path, or the sender's address, are gone:\n%s", out)
	}
}

// TestEmbeddedSCOValues: an SCO embedded in an observed-data (STIX 2.0,
// as MISP exports it) has values that must stay valid, as a top-level
// SCO's: a pseudonym where the policy pseudonymises values, never a
// placeholder ("[REDACTED EMAIL]" is no email address); where it removes
// them, the observed-data goes, as a top-level SCO would.
func TestEmbeddedSCOValues(t *testing.T) {
	in := `{"type":"bundle","id":"bundle--5d3f0a1e-1c2b-4e6f-9a0b-0c1d2e3f4a5b","spec_version":"2.0","objects":[
{"type":"observed-data","id":"observed-data--5d3f0a1e-0000-4e6f-9a0b-0c1d2e3f4a04","created":"2024-03-01T10:00:00.000Z","modified":"2024-03-01T10:00:00.000Z","first_observed":"2024-03-01T09:00:00Z","last_observed":"2024-03-01T09:00:00Z","number_observed":1,"objects":{"0":{"type":"email-addr","value":"jane.doe@example.org"},"1":{"type":"ipv4-addr","value":"10.20.30.40"}}}]}`
	for policy, want := range map[string]string{
		"community":        `"0":{"type":"email-addr","value":"user-`,
		"us-uk-government": "", // values removed: the observed-data goes
	} {
		rd := testRedactor(t, "../examples/policies/"+policy+".yaml")
		out, _, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		s := string(out)
		if strings.Contains(s, "REDACTED") || strings.Contains(s, "jane.doe") {
			t.Errorf("%s: a placeholder or the address in an embedded SCO's value:\n%s", policy, s)
		}
		if want == "" && strings.Contains(s, "observed-data") || want != "" && !strings.Contains(s, want) {
			t.Errorf("%s: want %q:\n%s", policy, want, s)
		}
	}
}
