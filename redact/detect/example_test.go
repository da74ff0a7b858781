package detect_test

import (
	"fmt"
	"net/netip"

	"github.com/airlock-cti/airlock/redact/detect"
)

// The built-in detectors find personal data in a string; each match says
// where it is in the original, its canonical value, the data subject's
// country when the datum tells it, and whether it lies inside the
// sender's own namespace.
func ExampleBuiltin() {
	cfg := &detect.Config{InternalDomains: []string{"corp.example.com"}}
	s := `Jane (jane.doe[at]corp[.]example[.]com, +44 20 7946 0958) ran C:\Users\jdoe\x.exe, ` +
		`which beaconed to 45.33.32.156 from 10.20.30.40; see CVE-2021-44228.`
	t := detect.NewText(s)
	for _, d := range detect.Builtin(cfg) {
		d.Detect(t, func(m detect.Match) {
			fmt.Printf("%-9s %-32q value=%s country=%q internal=%v\n", m.Kind, s[m.Start:m.End], m.Value, m.Country, m.Internal)
		})
	}
	// Output:
	// email     "jane.doe[at]corp[.]example[.]com" value=jane.doe@corp.example.com country="" internal=true
	// phone     "+44 20 7946 0958"               value=+442079460958 country="GB" internal=false
	// ipv4      "45.33.32.156"                   value=45.33.32.156 country="" internal=false
	// ipv4      "10.20.30.40"                    value=10.20.30.40 country="" internal=true
	// user-path "jdoe"                           value=jdoe country="" internal=false
}

// A Text holds a string and its normalised view; Orig maps a span of the
// view back to the original bytes.
func ExampleNewText() {
	t := detect.NewText("Mail ＪＯＨＮ[at]example[.]com or hxxps://evil[.]example")
	fmt.Println(t.Normal())
	s, e := t.Orig(5, 21) // "john@example.com" in the view
	fmt.Println(t.String()[s:e])
	// Output:
	// mail john@example.com or https://evil.example
	// ＪＯＨＮ[at]example[.]com
}

// Has tells cheaply whether the view holds bytes of some classes, so a
// detector can skip text that cannot contain what it looks for.
func ExampleText_Has() {
	t := detect.NewText("no address here, only words")
	fmt.Println(t.Has(detect.ClassAt), t.Has(detect.ClassLetter|detect.ClassSpace))
	// Output: false true
}

func ExampleConfig_InternalIP() {
	cfg := &detect.Config{InternalNets: []netip.Prefix{netip.MustParsePrefix("198.18.0.0/15")}}
	for _, a := range []string{"10.1.2.3", "100.64.0.1", "198.19.4.5", "8.8.8.8", "fe80::1"} {
		fmt.Println(a, cfg.InternalIP(netip.MustParseAddr(a)))
	}
	// Output:
	// 10.1.2.3 true
	// 100.64.0.1 true
	// 198.19.4.5 true
	// 8.8.8.8 false
	// fe80::1 true
}

func ExampleConfig_InternalDomain() {
	cfg := &detect.Config{InternalDomains: []string{"corp.example.com"}}
	fmt.Println(cfg.InternalDomain("DC01.Corp.Example.com"), cfg.InternalDomain("corp.example.com.evil.net"))
	// Output: true false
}
