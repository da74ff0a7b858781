package detect_test

import (
	"slices"
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestHostname(t *testing.T) {
	d := detector(t, testConfig, "hostname")
	h := func(text, value, country string) found { return found{detect.Hostname, text, value, country, true} }
	runTable(t, d, []detectCase{
		{"srv01.corp.example.com", []found{h("srv01.corp.example.com", "srv01.corp.example.com", "")}},
		{"corp.example.com", []found{h("corp.example.com", "corp.example.com", "")}},
		{"DC01.CORP.Example.com.", []found{h("DC01.CORP.Example.com", "dc01.corp.example.com", "")}},
		{`\\fs01.corp.example.com\share`, []found{h("fs01.corp.example.com", "fs01.corp.example.com", "")}},
		{"https://wiki.intra.example/page", []found{h("wiki.intra.example", "wiki.intra.example", "")}},
		{"wiki[.]intra[.]example", []found{h("wiki[.]intra[.]example", "wiki.intra.example", "")}},
		{"shop.bücher.example", []found{h("shop.bücher.example", "shop.bücher.example", "")}},
		{"_ldap._tcp.corp.example.com", []found{h("_ldap._tcp.corp.example.com", "_ldap._tcp.corp.example.com", "")}},
		// Not internal host names.
		{"corp.example.com.evil.net", nil},
		{"xcorp.example.com", nil},
		{"example.com", nil},
		{"john@corp.example.com", nil},
		{"corp..example.com", nil},
		{"a.corp.example.com.b.corp.example.com", []found{h("a.corp.example.com.b.corp.example.com", "a.corp.example.com.b.corp.example.com", "")}},
		{"-x.corp.example.com", []found{h("x.corp.example.com", "x.corp.example.com", "")}},
	})
	if got := findAll(detector(t, nil, "hostname"), "srv01.corp.example.com"); got != nil {
		t.Errorf("with no internal domains: %v", got)
	}
	nested := &detect.Config{InternalDomains: []string{"example.com", "corp.example.com"}}
	if got := findAll(detector(t, nested, "hostname"), "srv.corp.example.com and www.example.com"); len(got) != 2 {
		t.Errorf("with nested domains: %v, want two host names", got)
	}
	uk := &detect.Config{InternalDomains: []string{"corp.example.co.uk"}}
	if got := findAll(detector(t, uk, "hostname"), "x.corp.example.co.uk"); len(got) != 1 || got[0].Country != "GB" {
		t.Errorf("under .uk: %v, want country GB", got)
	}
	// A domain without a dot is searched for, not read off the dots.
	dotless := &detect.Config{InternalDomains: []string{"intranet2", "example.org"}}
	want := []found{h("build01.intranet2", "build01.intranet2", ""), h("intranet2", "intranet2", ""),
		h("x.example.org.intranet2", "x.example.org.intranet2", ""), h("q.lan", "q.lan", "")}
	if got := findAll(detector(t, dotless, "hostname"), "see build01.intranet2, intranet2 and myintranet2.x; x.example.org.intranet2 q.lan"); !slices.Equal(got, want) {
		t.Errorf("with a domain without a dot: %v, want %v", got, want)
	}
}

func TestHostnameConformance(t *testing.T) {
	detecttest.Run(t, detector(t, testConfig, "hostname"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "srv01.corp.example.com", Kind: detect.Hostname, Value: "srv01.corp.example.com"},
			{Text: "ping dc.intra.example now", Datum: "dc.intra.example", Value: "dc.intra.example"},
		},
		Negatives: append([]string{"corp.example.com.evil.net", "jane@corp.example.com"}, hardNegatives...),
		Variants:  detecttest.AllVariants,
	})
}
