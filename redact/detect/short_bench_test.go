package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
)

// shortStrings are the string leaves of a typical STIX indicator, as the
// engine meets them: ids, timestamps, names, labels, kill chain phases, a
// short description and a pattern with its literal values.
var shortStrings = []string{
	"indicator",
	"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
	"2026-03-14T09:26:53.589Z",
	"2026-03-14T09:26:53.589Z",
	"C2 beacon for update-check.evil.example",
	"Beacons every 60 s to a server that also hosted the phishing kit; the operator registered it with ops@evil.example.",
	"[ipv4-addr:value = '203.0.113.66'] OR [domain-name:value = 'update-check.evil.example']",
	"stix",
	"malicious-activity",
	"c2",
	"mitre-attack",
	"command-and-control",
	"203.0.113.66",
	"update-check.evil.example",
}

// BenchmarkDetectShort measures the fixed cost of detection on short
// strings: for each string of one indicator, Reset one reused Text and run
// every built-in detector of the community policy's configuration.
func BenchmarkDetectShort(b *testing.B) {
	n := benchDetect(b, shortStrings, nil)
	b.ReportMetric(float64(n)/float64(b.N), "matches/op")
}

// BenchmarkDetectShortNoMatch is BenchmarkDetectShort on the strings
// that hold nothing to find: it must not allocate.
func BenchmarkDetectShortNoMatch(b *testing.B) {
	ds := detect.Builtin(proseConfig)
	var texts []string
	var t detect.Text
	for _, s := range shortStrings {
		t.Reset(s)
		found := false
		for _, d := range ds {
			d.Detect(&t, func(detect.Match) { found = true })
		}
		if !found {
			texts = append(texts, s)
		}
	}
	benchDetect(b, texts, func(detect.Match) { b.Fatal("a match in a string that had none") })
}
