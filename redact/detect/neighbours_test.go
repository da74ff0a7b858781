package detect_test

import (
	"testing"
)

// TestNonASCIINeighbours checks that a datum between non-ASCII characters
// that join no word (curly and CJK quotation marks, guillemets, dashes,
// bullets, arrows, the CJK characters of languages written without
// spaces) is found as it is between spaces: a report pasted from a word
// processor quotes “10.20.30.40”, a Chinese one writes 服务器10.20.30.40被.
// Latin, Greek and Cyrillic letters still glue ("é10.20.30.40" is no
// address).
func TestNonASCIINeighbours(t *testing.T) {
	data := []struct{ detector, text string }{
		{"ip", "10.20.30.40"},
		{"ip", "fd00::1234:5678"},
		{"phone", "+44 20 7946 0958"},
		{"mac", "00:1a:2b:3c:4d:5e"},
		{"payment-card", "4111 1111 1111 1111"},
		{"iban", "GB82 WEST 1234 5698 7654 32"},
		{"us-ssn", "078-05-1121"},
		{"user-path", `C:\Users\jdoe`},
	}
	around := [][2]string{
		{"\u201c", "\u201d"}, // “ ”
		{"\u00ab", "\u00bb"}, // « »
		{"\u300c", "\u300d"}, // 「 」
		{"\u2014", "\u2014"}, // — —
		{"\u2022", "\u2026"}, // • …
		{"\u2192", "\u2190"}, // → ←
		{"服务器", "被攻击"},
		{"サーバ", "から"},
		{"서버", "에서"},
	}
	for _, x := range data {
		d := detector(t, testConfig, x.detector)
		for _, a := range around {
			in := "seen " + a[0] + x.text + a[1] + " today"
			got := findAll(d, in)
			if len(got) != 1 || got[0].Text == "" {
				t.Errorf("%s on %q: found %+v, want one match", x.detector, in, got)
			}
		}
	}
	for _, in := range []string{"é10.20.30.40", "10.20.30.40ß", "ж00:1a:2b:3c:4d:5e", "+44 20 7946 0958я"} {
		for _, name := range []string{"ip", "mac", "phone"} {
			if got := findAll(detector(t, testConfig, name), in); len(got) != 0 {
				t.Errorf("%s on %q: found %+v, want none", name, in, got)
			}
		}
	}
}
