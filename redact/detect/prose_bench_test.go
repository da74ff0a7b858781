package detect_test

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/airlock-cti/airlock/redact/detect"
)

// proseConfig is the namespace of the community policy
// (examples/policies/community.yaml): its own domain, no extra networks,
// the default phone regions, the name dictionary on (the policy default).
var proseConfig = &detect.Config{InternalDomains: []string{"example.org"}, DictionaryNames: true}

// Pieces of generated report prose: attacker infrastructure, indicators
// and, for victims, the personal data the detectors are there to find.
var (
	proseOpeners = []string{
		"The actor sent spear-phishing mail with a weaponised attachment",
		"Beaconing to the command-and-control server was observed over HTTPS",
		"The loader decrypts its payload with a hard-coded RC4 key",
		"Lateral movement used stolen credentials and remote services",
		"The campaign exploited an unpatched VPN appliance",
		"Sandworm Team deployed Industroyer2 against substations",
	}
	proseNets   = []string{"203.0.113.%d", "198.51.100.%d", "192.0.2.%d"}
	proseHashes = []string{"44d88612fea8a8f36de82e1278abb02f", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "da39a3ee5e6b4b0d3255bfef95601890afd80709"}
	proseCVEs   = []string{"CVE-2021-44228", "CVE-2023-4966", "CVE-2024-3400", "CVE-2019-19781"}
	proseTTPs   = []string{"T1566.001", "T1071.001", "T1021.002", "T1190", "T1059.001"}
	proseURLs   = []string{"hxxps://update-check[.]evil.example/gate.php?id=%d", "https://cdn.evil.example/a/%d.bin", "http://198.51.100.%d:8080/stage2"}
	proseNames  = []string{"Jane Doe", "John Smith", "Aisha Khan", "Carlos Garcia", "Mei Chen", "Olga Ivanova", "Peter Müller"}
	// prosePhones are one victim's number in the forms reports write it:
	// international with + or 00, national with the trunk 0 under each
	// default region, North American shapes.
	prosePhones = []string{
		"+44 20 7946 0958", "020 7946 0958", "+442079460958", "0044 20 7946 0958",
		"+1 (415) 555-0132", "(415) 555-0132", "415-555-0132", "1-800-555-0199",
		"+49 30 901820", "(030) 901820", "030/901820", "0049 30 901820",
		"+33 1 42 68 53 00", "01 42 68 53 00", "+61 2 9374 4000", "(02) 9374 4000",
	}
	proseHosts = []string{"ws-%03d.example.org", "fileserver%02d.corp.example.org", "vpn%d.example.org"}
	proseShort = []string{
		"Cobalt Strike team server", "Industroyer2", "[ipv4-addr:value = '203.0.113.%d']",
		"[domain-name:value = 'update-check.evil.example']", "malicious-activity", "command-and-control",
		"Beacon C2 on port %d", "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
	}
)

// proseStrings returns n strings as the engine meets them in generated
// reports: four in five short names, labels and patterns or paragraphs
// of threat-report prose with indicators; one paragraph in five also
// names a victim (name, email, phone, internal host and address). The
// same n gives the same strings.
func proseStrings(n int) []string {
	r := rand.New(rand.NewPCG(8, 8^0x9e3779b97f4a7c15))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	out := make([]string, 0, n)
	for len(out) < n {
		if r.IntN(3) == 0 {
			s := pick(proseShort)
			if strings.Contains(s, "%d") {
				s = fmt.Sprintf(s, 1+r.IntN(250))
			}
			out = append(out, s)
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s (%s). The implant, SHA-256 %s, contacted %s on port %d and later %s; see %s. ",
			pick(proseOpeners), pick(proseTTPs), pick(proseHashes),
			fmt.Sprintf(pick(proseNets), 1+r.IntN(250)), []int{443, 8443, 80, 4444}[r.IntN(4)],
			fmt.Sprintf(pick(proseNets), 1+r.IntN(250)), pick(proseCVEs))
		fmt.Fprintf(&b, "First seen 2026-0%d-%02dT%02d:14:07Z, it fetched %s. ",
			1+r.IntN(9), 1+r.IntN(28), r.IntN(24), fmt.Sprintf(pick(proseURLs), r.IntN(1000)))
		b.WriteString("Defenders should block the addresses, hunt for the hash in endpoint telemetry, and review authentication logs for the period.")
		if r.IntN(5) == 0 {
			name := pick(proseNames)
			user := strings.ToLower(strings.ReplaceAll(name, " ", "."))
			fmt.Fprintf(&b, " The first victim was %s (%s@example.org, %s), whose workstation %s (10.%d.%d.%d) was infected.",
				name, user, pick(prosePhones), fmt.Sprintf(pick(proseHosts), r.IntN(100)), r.IntN(256), r.IntN(256), 1+r.IntN(254))
		}
		out = append(out, b.String())
	}
	return out
}

// BenchmarkDetectProse is the benchmark of record for detection: for each
// string of a mix of report prose, as the engine does for a site, Reset
// one reused Text and run every built-in detector of the community
// policy's configuration. Bytes are the strings' total length.
func BenchmarkDetectProse(b *testing.B) {
	n := benchDetect(b, proseStrings(500), nil)
	b.ReportMetric(float64(n)/float64(b.N), "matches/op")
}

// benchDetect runs the benchmark loop of detection on texts, as the
// engine does for its sites: Reset one reused Text and run every built-in
// detector of the community policy's configuration. found, when not nil,
// is told of each match; it returns how many there were. Bytes are the
// texts' total length.
func benchDetect(b *testing.B, texts []string, found func(detect.Match)) int {
	ds := detect.Builtin(proseConfig)
	size := 0
	for _, s := range texts {
		size += len(s)
	}
	var t detect.Text
	n := 0
	count := func(m detect.Match) {
		n++
		if found != nil {
			found(m)
		}
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range texts {
			t.Reset(s)
			for _, d := range ds {
				d.Detect(&t, count)
			}
		}
	}
	return n
}

var updateProse = flag.Bool("update", false, "rewrite testdata/prose-matches.golden")

// TestDetectProseMatches pins what the benchmark of record finds, so that
// work on detection speed cannot change it unnoticed: every match of the
// community configuration over the benchmark's strings, in order.
func TestDetectProseMatches(t *testing.T) {
	const golden = "testdata/prose-matches.golden"
	var b strings.Builder
	ds := detect.Builtin(proseConfig)
	var x detect.Text
	for i, s := range proseStrings(500) {
		x.Reset(s)
		for _, d := range ds {
			d.Detect(&x, func(m detect.Match) {
				fmt.Fprintf(&b, "%d %s %s %d-%d %q %q internal=%t\n", i, d.Name(), m.Kind, m.Start, m.End, m.Value, m.Country, m.Internal)
			})
		}
	}
	if *updateProse {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("matches differ from %s (-want +got):\n%s", golden, diff)
	}
}
