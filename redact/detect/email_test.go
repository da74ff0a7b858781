package detect_test

import (
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestEmail(t *testing.T) {
	d := detector(t, testConfig, "email")
	e := func(text, value, country string, internal bool) found {
		return found{detect.Email, text, value, country, internal}
	}
	runTable(t, d, []detectCase{
		{"mail john@example.com today", []found{e("john@example.com", "john@example.com", "", false)}},
		{"John.Smith@Corp.Example.COM", []found{e("John.Smith@Corp.Example.COM", "john.smith@corp.example.com", "", true)}},
		{"alice@bank.co.uk.", []found{e("alice@bank.co.uk", "alice@bank.co.uk", "GB", false)}},
		{"hans@firma.de, pierre@societe.fr", []found{
			e("hans@firma.de", "hans@firma.de", "DE", false),
			e("pierre@societe.fr", "pierre@societe.fr", "FR", false),
		}},
		// Generic ccTLDs say nothing of the holder's country.
		{"dev@startup.io ops@tool.co ceo@lab.ai", []found{
			e("dev@startup.io", "dev@startup.io", "", false),
			e("ops@tool.co", "ops@tool.co", "", false),
			e("ceo@lab.ai", "ceo@lab.ai", "", false),
		}},
		{"o'brien+tag@mail.example.ie", []found{e("o'brien+tag@mail.example.ie", "o'brien+tag@mail.example.ie", "IE", false)}},
		// Fullwidth, zero-width, defanged, percent-encoded.
		{"ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", []found{e("ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", "john@example.org", "", false)}},
		{"jo\u200bhn@exa\u00admple.com", []found{e("jo\u200bhn@exa\u00admple.com", "john@example.com", "", false)}},
		{"john[at]example[.]com", []found{e("john[at]example[.]com", "john@example.com", "", false)}},
		{"john (at) example (dot) com", []found{e("john (at) example (dot) com", "john@example.com", "", false)}},
		{"John AT example DOT com", []found{e("John AT example DOT com", "john@example.com", "", false)}},
		{"%6A%6F%68%6E%40example.com", []found{e("%6A%6F%68%6E%40example.com", "john@example.com", "", false)}},
		{"john%40example.com", []found{e("john%40example.com", "john@example.com", "", false)}},
		// In a STIX pattern and in markup.
		{"[email-addr:value = 'eve@evil.example.net']", []found{e("eve@evil.example.net", "eve@evil.example.net", "", false)}},
		{"<mailto:bob@example.org>", []found{e("bob@example.org", "bob@example.org", "", false)}},
		{"*bob@example.org*", []found{e("bob@example.org", "bob@example.org", "", false)}},
		{"wait...bob@example.org", []found{e("bob@example.org", "bob@example.org", "", false)}},
		{strings.Repeat("x", 300) + "..bob@example.org", []found{e("bob@example.org", "bob@example.org", "", false)}},
		{strings.Repeat("x", 300) + "bob@example.org", nil},
		{strings.Repeat("x", 60) + "@example.org", []found{e(strings.Repeat("x", 60)+"@example.org", strings.Repeat("x", 60)+"@example.org", "", false)}},
		{"https://x.example/?u=carol@example.org", []found{e("carol@example.org", "carol@example.org", "", false)}},
		// Internationalised and private domains.
		{"info@bücher.example", []found{e("info@bücher.example", "info@bücher.example", "", true)}},
		{"ivan@пример.рф", []found{e("ivan@пример.рф", "ivan@пример.рф", "", false)}},
		{"x@xn--80ak6aa92e.xn--p1ai", []found{e("x@xn--80ak6aa92e.xn--p1ai", "x@xn--80ak6aa92e.xn--p1ai", "", false)}},
		{"admin@dc01.corp.local", []found{e("admin@dc01.corp.local", "admin@dc01.corp.local", "", true)}}, // .local is private by nature
		// Not addresses.
		{"icon@2x.png logo@3x.jpg", nil},
		{"user@host", nil},
		{"@example.com", nil},
		{"john@", nil},
		{"john@example", nil},
		{"john@example.c", nil},
		{"john@example.123", nil},
		{"john@-example.com", nil},
		{"john@example-.com", nil},
		{"john.@example.com", nil},
		{"a@b@c.com", nil},
		{"john@example.com_backup", nil},
		{"https://john:secret@example.com/", nil},
		{"ftp://anonymous@ftp.example.org/pub", nil},
		{"john at example.com", nil},    // plain " at ": prose, not obfuscation
		{"hosted at evil.example", nil}, // likewise
		{"git@github.com:org/repo", []found{e("git@github.com", "git@github.com", "", false)}},
	})
}

func TestEmailConformance(t *testing.T) {
	detecttest.Run(t, detector(t, testConfig, "email"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "john@example.com", Kind: detect.Email, Value: "john@example.com"},
			{Text: "contact: Jane.Doe@Corp.Example.com.", Datum: "Jane.Doe@Corp.Example.com", Value: "jane.doe@corp.example.com"},
			{Text: "from 'eve@evil.example.net'", Datum: "eve@evil.example.net"},
			{Text: "ivan@пример.рф"},
		},
		Negatives: append([]string{"icon@2x.png", "user@localhost", "https://u:p@host.example/"}, hardNegatives...),
		Variants:  detecttest.AllVariants,
	})
}
