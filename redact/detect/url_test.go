package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestURL(t *testing.T) {
	d := detector(t, nil, "url")
	cred := func(text, value string) found { return found{detect.URLCredential, text, value, "", false} }
	query := func(text, value string) found { return found{detect.URLQuery, text, value, "", false} }
	runTable(t, d, []detectCase{
		{"https://bob:s3cret@evil.example/x", []found{cred("bob:s3cret", "bob:s3cret")}},
		{"ftp://anonymous@ftp.example.org/pub", []found{cred("anonymous", "anonymous")}},
		{"hxxps://Admin:Pa55@evil[.]example", []found{cred("Admin:Pa55", "admin:pa55")}},
		{"ssh://git@host.example:22/repo", []found{cred("git", "git")}},
		{"https://u%40corp:p%3Ass@host.example/", []found{cred("u%40corp:p%3Ass", "u@corp:p:ss")}},
		{"https://example.com/login?user=jdoe&id=7", []found{query("jdoe", "jdoe")}},
		{"/reset.php?Email=jane%40x.org&token=abc", []found{query("jane%40x.org", "jane@x.org"), cred("abc", "abc")}},
		{"https://api.example/v1?Access_Token=EAAG1x&apikey=9f8e&sig=Zm9v%3D&tokens=7", []found{cred("EAAG1x", "eaag1x"), cred("9f8e", "9f8e"), cred("Zm9v%3D", "zm9v=")}},
		{"GET /a?first_name=Ann&last_name=Lee HTTP/1.1", []found{query("Ann", "ann"), query("Lee", "lee")}},
		{"https://x.example/?phone=%2B442079460958#top", []found{query("%2B442079460958", "+442079460958")}},
		{"(see https://x.example/?name=bob).", []found{query("bob", "bob")}},
		{"https://x.example/?name=f(x)", []found{query("f(x)", "f(x)")}},
		{"https://x.example/?pwd=hunter2&ssn=078-05-1120", []found{cred("hunter2", "hunter2"), query("078-05-1120", "078-05-1120")}},
		{"https://u:p@x.example/?login=u2", []found{cred("u:p", "u:p"), query("u2", "u2")}},
		// Nothing personal.
		{"https://evil.example/path?id=5&q=test", nil},
		{"https://@evil.example/", nil},
		{"https://evil.example/?name=&user=", nil},
		{"mailto:bob@example.org", nil},
		{"https://evil.example/user@x", nil},
		{"c:\\users\\x", nil},
		{"?username", nil},
		{"1://a@b", nil},
	})
}

func TestURLConformance(t *testing.T) {
	detecttest.Run(t, detector(t, nil, "url"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "https://bob:s3cret@evil.example/", Datum: "bob:s3cret", Kind: detect.URLCredential, Value: "bob:s3cret"},
			{Text: "https://x.example/?email=jane@x.org&a=1", Datum: "jane@x.org", Kind: detect.URLQuery, Value: "jane@x.org"},
		},
		Negatives: append([]string{"https://evil.example/path?id=5"}, hardNegatives...),
		Variants:  detecttest.AllVariants,
	})
}
