package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
)

// TestHyphenSeparators checks that numbers whose groups are joined by a
// Unicode hyphen or dash other than the em dash (a word processor's en
// dash, a minus sign, a non-breaking hyphen) are found as with '-', and
// that IBANs are found with '-' between their groups of four.
func TestHyphenSeparators(t *testing.T) {
	cases := []struct{ detector, text, value string }{
		{"phone", "+44\u201320\u20137946\u20130958", "+442079460958"},
		{"phone", "+44\u221220\u22127946\u22120958", "+442079460958"},
		{"phone", "+44\u201120\u20117946\u20110958", "+442079460958"},
		{"phone", "+1 202\u2012555\u20120143", "+12025550143"},
		{"payment-card", "4111\u20131111\u20131111\u20131111", "4111111111111111"},
		{"iban", "GB82-WEST-1234-5698-7654-32", "GB82WEST12345698765432"},
		{"iban", "GB82\u2013WEST\u20131234\u20135698\u20137654\u201332", "GB82WEST12345698765432"},
		{"us-ssn", "078\u201305\u20131121", "078051121"},
	}
	for _, c := range cases {
		in := "call " + c.text + " today"
		got := findAll(detector(t, testConfig, c.detector), in)
		if len(got) != 1 || got[0].Text != c.text || got[0].Value != c.value {
			t.Errorf("%s on %q: found %+v, want %q", c.detector, in, got, c.value)
		}
	}
	// One separator throughout: a space then a hyphen is no print format.
	if got := findAll(detector(t, testConfig, "iban"), "GB82 WEST-1234-5698-7654-32"); len(got) != 0 {
		t.Errorf("iban on mixed separators: found %+v", got)
	}
	// The view reads the hyphens as '-' and keeps the em dash.
	if v := detect.NewText("a\u2010b\u2011c\u2012d\u2013e\u2212f\u2014g").Normal(); v != "a-b-c-d-e-f\u2014g" {
		t.Errorf("view %q", v)
	}
}

// TestEmailBeforeHyphen checks that an address glued to a word by a
// hyphen or an en dash ends before it: no top-level domain holds one.
func TestEmailBeforeHyphen(t *testing.T) {
	d := detector(t, testConfig, "email")
	for _, in := range []string{"maria@example.org-based staff", "maria@example.org\u20132024", "maria@example.org--x"} {
		got := findAll(d, in)
		if len(got) != 1 || got[0].Text != "maria@example.org" {
			t.Errorf("email on %q: found %+v", in, got)
		}
	}
	for _, in := range []string{"a@b.c-d", "jo@host.x-y"} {
		if got := findAll(d, in); len(got) != 0 {
			t.Errorf("email on %q: found %+v, want none", in, got)
		}
	}
}
