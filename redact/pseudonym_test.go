package redact

import "testing"

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
	} {
		if got := isPseudonym(c.kind, c.v); got != c.want {
			t.Errorf("isPseudonym(%q, %q) = %v, want %v", c.kind, c.v, got, c.want)
		}
	}
}
