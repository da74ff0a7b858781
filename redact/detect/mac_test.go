package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestMAC(t *testing.T) {
	d := detector(t, nil, "mac")
	m := func(text, value string) found { return found{detect.MAC, text, value, "", false} }
	runTable(t, d, []detectCase{
		{"mac aa:bb:cc:dd:ee:f0.", []found{m("aa:bb:cc:dd:ee:f0", "aa:bb:cc:dd:ee:f0")}},
		{"00-1A-2B-3C-4D-5E", []found{m("00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e")}},
		{"0011.2233.4455", []found{m("0011.2233.4455", "00:11:22:33:44:55")}},
		{"da:a1:19:00:00:01 (randomised)", []found{m("da:a1:19:00:00:01", "da:a1:19:00:00:01")}},
		{"ＡＡ：ＢＢ：ＣＣ：ＤＤ：ＥＥ：Ｆ０", []found{m("ＡＡ：ＢＢ：ＣＣ：ＤＤ：ＥＥ：Ｆ０", "aa:bb:cc:dd:ee:f0")}},
		{"aa:bb:cc:dd:ee:f0 and 00-11-22-33-44-55", []found{m("aa:bb:cc:dd:ee:f0", "aa:bb:cc:dd:ee:f0"), m("00-11-22-33-44-55", "00:11:22:33:44:55")}},
		// Not MAC addresses, or no device's.
		{"aa:bb:cc-dd:ee:ff", nil},
		{"aa:bb:cc:dd:ee:ff:00:11", nil},
		{"fe80::aa:bb:cc:dd:ee:f0", nil},
		{"10:20:30:40:50:60:70:80", nil},
		{"xaa:bb:cc:dd:ee:f0", nil},
		{"aa:bb:cc:dd:ee:f0g", nil},
		{"aabb.ccdd.eeff.com", nil},
		{"ff:ff:ff:ff:ff:ff 00:00:00:00:00:00 01:00:5e:00:00:fb 33:33:00:00:00:01", nil},
		{"a:b:c:d:e:f", nil},
		{"aa:bb:cc:dd:ee", nil},
	})
}

func TestMACConformance(t *testing.T) {
	detecttest.Run(t, detector(t, nil, "mac"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "aa:bb:cc:dd:ee:f0", Kind: detect.MAC, Value: "aa:bb:cc:dd:ee:f0"},
			{Text: "NIC 00-1A-2B-3C-4D-5E up", Datum: "00-1A-2B-3C-4D-5E", Value: "00:1a:2b:3c:4d:5e"},
			{Text: "0011.2233.4455", Value: "00:11:22:33:44:55"},
		},
		Negatives: hardNegatives,
		// Defanging "." would make the Cisco form "0011[.]2233[.]4455",
		// which reads the same.
		Variants: detecttest.AllVariants,
	})
}
