package detect_test

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/airlock-cti/airlock/redact/detect"
)

// testConfig is the namespace the detector tests run in.
var testConfig = &detect.Config{
	InternalDomains: []string{"corp.example.com", ".Intra.Example.", "bücher.example"},
	InternalNets:    []netip.Prefix{netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("2a00:1450::/32")},
}

// detector returns the built-in detector called name.
func detector(t testing.TB, cfg *detect.Config, name string) detect.Detector {
	t.Helper()
	for _, d := range detect.Builtin(cfg) {
		if d.Name() == name {
			return d
		}
	}
	t.Fatalf("no built-in detector %q", name)
	return nil
}

// A found is a match with the original text it covers, for tables.
type found struct {
	Kind     detect.Kind
	Text     string
	Value    string
	Country  string
	Internal bool
}

// findAll returns what d finds in s. It runs d on a new Text and on a
// reused one, which also has Reset's index of digit runs, and panics if
// they disagree.
func findAll(d detect.Detector, s string) []found {
	var fs, reused []found
	d.Detect(detect.NewText(s), func(m detect.Match) {
		fs = append(fs, found{m.Kind, s[m.Start:m.End], m.Value, m.Country, m.Internal})
	})
	findAllText.Reset("some 12 earlier 345 text")
	findAllText.Reset(s)
	d.Detect(&findAllText, func(m detect.Match) {
		reused = append(reused, found{m.Kind, s[m.Start:m.End], m.Value, m.Country, m.Internal})
	})
	if !slices.Equal(fs, reused) {
		panic(fmt.Sprintf("%s in %q: %v in a new Text, %v in a reused one", d.Name(), s, fs, reused))
	}
	return fs
}

// findAllText is findAll's reused Text; tests using it do not run in
// parallel.
var findAllText detect.Text

// A detectCase is one row of a detector's table.
type detectCase struct {
	in   string
	want []found
}

func runTable(t *testing.T, d detect.Detector, cases []detectCase) {
	t.Helper()
	for _, c := range cases {
		got := findAll(d, c.in)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s on %q (-want +got):\n%s", d.Name(), c.in, diff)
		}
	}
}

// hardNegatives are values threat intelligence is full of that no built-in
// detector may report.
var hardNegatives = []string{
	"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	"8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	"12345678-1234-4234-8234-123456789012",
	"d41d8cd98f00b204e9800998ecf8427e",
	"da39a3ee5e6b4b0d3255bfef95601890afd80709",
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"2016-04-06T20:03:48.000Z",
	"2026-01-10",
	"10/01/2026",
	"10.01.2026",
	"20:03:48",
	"10.0.19041.1",
	"1.2.3.4.5",
	"v1.2.3.4",
	"CVE-2021-44228",
	"T1566.001",
	"port 8080",
	"setup.py",
	"README.md",
	"run.sh",
	"1607635102",
	"1607635102.00 -0.96",
	"::",
	"dead::",
	"std::vector",
	"192.0.2.1",
	"198.51.100.7",
	"203.0.113.9",
	"2001:db8::1",
	"0.0.0.0",
	"255.255.255.255",
	"224.0.0.251",
	"ff02::1",
	"240.1.2.3",
	"ff:ff:ff:ff:ff:ff",
	"00:00:00:00:00:00",
	"icon@2x.png",
	"SHA-256",
	"ISBN 978-3-16-148410-0",
}

func TestBuiltinNames(t *testing.T) {
	var names []string
	for _, d := range detect.Builtin(nil) {
		names = append(names, d.Name())
	}
	want := []string{"email", "phone", "ip", "mac", "url", "user-path", "hostname", "payment-card", "iban", "us-ssn", "uk-nino", "uk-nhs"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Builtin names (-want +got):\n%s", diff)
	}
}

func TestBuiltinHardNegatives(t *testing.T) {
	for _, d := range detect.Builtin(testConfig) {
		for _, s := range hardNegatives {
			if got := findAll(d, s); len(got) > 0 {
				t.Errorf("%s on %q found %v", d.Name(), s, got)
			}
		}
	}
}

func TestInternalIP(t *testing.T) {
	tests := []struct {
		addr string
		cfg  *detect.Config
		want bool
	}{
		{"10.1.2.3", nil, true},
		{"172.16.0.1", nil, true},
		{"172.32.0.1", nil, false},
		{"192.168.10.10", nil, true},
		{"127.0.0.1", nil, true},
		{"169.254.169.254", nil, true},
		{"100.64.0.1", nil, true},
		{"100.128.0.1", nil, false},
		{"8.8.8.8", nil, false},
		{"fd12:3456::1", nil, true},
		{"fe80::1%eth0", nil, true},
		{"::1", nil, true},
		{"::ffff:10.0.0.1", nil, true},
		{"2a00:1450:4009::1", nil, false},
		{"2a00:1450:4009::1", testConfig, true},
		{"198.19.1.1", testConfig, true},
		{"198.20.1.1", testConfig, false},
	}
	for _, tt := range tests {
		if got := tt.cfg.InternalIP(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("InternalIP(%s) with config %v = %v, want %v", tt.addr, tt.cfg != nil, got, tt.want)
		}
	}
}

func TestInternalDomain(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"corp.example.com", true},
		{"CORP.example.com.", true},
		{"dc01.corp.example.com", true},
		{"xcorp.example.com", false},
		{"corp.example.com.evil.net", false},
		{"example.com", false},
		{"wiki.intra.example", true},
		{"ｗｉｋｉ．ｉｎｔｒａ．ｅｘａｍｐｌｅ", true},
		{"shop.bücher.example", true},
		{"shop.BÜCHER.example", true},
		{"shop.xn--bcher-kva.example", false}, // only the form given is compared
		{"", false},
	}
	for _, tt := range tests {
		if got := testConfig.InternalDomain(tt.host); got != tt.want {
			t.Errorf("InternalDomain(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	var none *detect.Config
	if none.InternalDomain("corp.example.com") {
		t.Error("a nil Config has internal domains")
	}
}

func TestBuiltinDoesNotKeepConfig(t *testing.T) {
	cfg := &detect.Config{InternalDomains: []string{"corp.example.com"}}
	d := detector(t, cfg, "hostname")
	cfg.InternalDomains[0] = "other.example"
	if got := findAll(d, "srv.corp.example.com"); len(got) != 1 {
		t.Errorf("after changing the Config, the detector found %v", got)
	}
}

// BenchmarkDetectors runs every built-in detector on one Text, as the
// engine does for a string, and each detector alone.
func BenchmarkDetectors(b *testing.B) {
	ds := detect.Builtin(testConfig)
	for _, bt := range benchTexts {
		b.Run(bt.name+"/all", func(b *testing.B) {
			n := 0
			count := func(detect.Match) { n++ }
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				x := detect.NewText(bt.text)
				for _, d := range ds {
					d.Detect(x, count)
				}
			}
		})
		x := detect.NewText(bt.text)
		ignore := func(detect.Match) {}
		for _, d := range ds {
			b.Run(bt.name+"/"+d.Name(), func(b *testing.B) {
				b.SetBytes(int64(len(bt.text)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					d.Detect(x, ignore)
				}
			})
		}
	}
}
