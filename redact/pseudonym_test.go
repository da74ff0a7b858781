package redact

import (
	"context"
	"strings"
	"testing"
)

// TestIsPseudonym: airlock's own output is recognised, so that redacting
// output again leaves it alone; personal data is not.
func TestIsPseudonym(t *testing.T) {
	for _, c := range []struct {
		kind, v string
		want    bool
	}{
		{"email", "user-3fa2c1d09e11@redacted.invalid", true},
		{"hostname", "host-3fa2c1d09e11.redacted.invalid", true},
		{"ipv4", "240.12.34.56", true},
		{"ipv4", "10.20.30.0/24", true},
		{"ipv6", "100::1:2:3:4", true},
		{"mac", "02:a1:7c:01:02:03", true},
		{"person-name", "person-3fa2c1d09e11", true},
		{"person-name", "[REDACTED PERSON NAME]", true},
		{"url-query", "[redacted", true}, // a placeholder a detector cut at its space
		{"phone", "***-***-****", true},
		{"email", withheld, true},
		{"email", "jane.doe@example.org", false},
		{"ipv4", "10.20.30.40", false},
		{"ipv4", "10.20.30.0/16", false},
		{"person-name", "Jane Doe", false},
		{"person-name", "[Jane Doe]", false},
		{"account", "jdoe-3fa2c1d09e1", false},
		{"ipv6", "100::1:2:3:4%eth0", false}, // zoned: in no network
		{"ipv6", "FE80::1", false},
		{"ipv6", "100:0:0:0:A:B:C:D", true},
		{"hostname", "update-check.evil.example", false},
	} {
		if got := isPseudonym(c.kind, c.v); got != c.want {
			t.Errorf("isPseudonym(%q, %q) = %v, want %v", c.kind, c.v, got, c.want)
		}
	}
}

// TestPlaceholderInURL: a placeholder put into a URL is percent-encoded,
// so that the URL stays one (RFC 3986), and read through the encoding when
// the output is redacted again.
func TestPlaceholderInURL(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[REDACTED EMAIL]", "%5BREDACTED%20EMAIL%5D"},
		{"user-3fa2c1d09e11@redacted.invalid", "user-3fa2c1d09e11@redacted.invalid"},
		{"10.20.30.0/24", "10.20.30.0/24"},
		{"****", "****"},
		{"é", "%C3%A9"},
	} {
		if got := urlSafe(c.in); got != c.want {
			t.Errorf("urlSafe(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"https://tickets.example.org/INC-7?user=jane@example.org", true},
		{"see https://tickets.example.org/INC-7?user=jane@example.org", false}, // prose
		{"jane@example.org", false},
	} {
		if got := isURL([]byte(c.text)); got != c.want {
			t.Errorf("isURL(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	rd := testRedactor(t, "../examples/policies/us-uk-government.yaml")
	in := `{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"ACME","identity_class":"organization","external_references":[{"source_name":"ticket","url":"https://tickets.example.org/INC-7?user=jane.doe@example.org&x=1"}]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := `"url":"https://tickets.example.org/INC-7?user=%5BREDACTED%20EMAIL%5D&x=1"`; !strings.Contains(string(out), want) {
		t.Errorf("the URL's placeholder is not encoded:\n%s", out)
	}
	again, _, err := rd.RedactBytes(context.Background(), out)
	if err != nil || string(again) != string(out) {
		t.Errorf("redacting again changes it (err %v):\n%s", err, again)
	}
}
