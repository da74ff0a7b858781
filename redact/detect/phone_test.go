package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestPhone(t *testing.T) {
	d := detector(t, testConfig, "phone")
	p := func(text, value, country string) found {
		return found{detect.Phone, text, value, country, false}
	}
	runTable(t, d, []detectCase{
		// International.
		{"call +44 20 7946 0958 now", []found{p("+44 20 7946 0958", "+442079460958", "GB")}},
		{"+442079460958", []found{p("+442079460958", "+442079460958", "GB")}},
		{"+44 (0)20 7946 0958", []found{p("+44 (0)20 7946 0958", "+442079460958", "GB")}},
		{"tel:+1-202-555-0143", []found{p("+1-202-555-0143", "+12025550143", "US")}},
		{"+1 (202) 555-0143", []found{p("+1 (202) 555-0143", "+12025550143", "US")}},
		{"+33 1 23 45 67 89", []found{p("+33 1 23 45 67 89", "+33123456789", "FR")}},
		{"+49 30 1234567", []found{p("+49 30 1234567", "+49301234567", "DE")}},
		{"+61 2 9876 5432", []found{p("+61 2 9876 5432", "+61298765432", "AU")}},
		{"0049 30 1234567", []found{p("0049 30 1234567", "+49301234567", "DE")}},
		{"＋４４ ２０ ７９４６ ０９５８", []found{p("＋４４ ２０ ７９４６ ０９５８", "+442079460958", "GB")}},
		{"tel. (+44) 20 7946 0958.", []found{p("(+44) 20 7946 0958", "+442079460958", "GB")}},
		{"(+1) 202 555 0143", []found{p("(+1) 202 555 0143", "+12025550143", "US")}},
		{"(+49)30 1234567", []found{p("(+49)30 1234567", "+49301234567", "DE")}},
		{"(+44) (0)20 7946 0958", []found{p("(+44) (0)20 7946 0958", "+442079460958", "GB")}},
		{"+٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨", []found{p("+٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨", "+442079460958", "GB")}},
		// The trunk prefix in brackets before a one-digit group, as
		// French numbers are written abroad.
		{"+33 (0)6 12 34 56 78", []found{p("+33 (0)6 12 34 56 78", "+33612345678", "FR")}},
		{"+33 (0) 1 23 45 67 89", []found{p("+33 (0) 1 23 45 67 89", "+33123456789", "FR")}},
		// An extension after a hyphen (DIN 5008, ÖNORM A 1080), the
		// switchboard's "-0" too.
		{"+49 30 901820-0", []found{p("+49 30 901820-0", "+49309018200", "DE")}},
		{"Tel. +43 1 58858-0", []found{p("+43 1 58858-0", "+431588580", "AT")}},
		{"030 901820-0", []found{p("030 901820-0", "+49309018200", "")}},
		// "key:" in any script.
		{"電話:+81 3-1234-5678", []found{p("+81 3-1234-5678", "+81312345678", "JP")}},
		{"전화=+82 2-312-3456", []found{p("+82 2-312-3456", "+8223123456", "KR")}},
		{"Tél:+33 1 23 45 67 89", []found{p("+33 1 23 45 67 89", "+33123456789", "FR")}},
		{"電話：＋８１　９０－１２３４－５６７８", []found{p("＋８１　９０－１２３４－５６７８", "+819012345678", "JP")}},
		{"12:+44 20 7946 0958", nil},
		// National, with the trunk prefix, under the default regions.
		{"020 7946 0958", []found{p("020 7946 0958", "+442079460958", "GB")}},
		{"(0)20 7946 0958", []found{p("(0)20 7946 0958", "+442079460958", "GB")}},
		{"0171/1234567", []found{p("0171/1234567", "+491711234567", "DE")}},
		{"01 23 45 67 89", []found{p("01 23 45 67 89", "+33123456789", "FR")}},
		// Valid under two regions: the country is unknown.
		{"030 12345678", []found{p("030 12345678", "+443012345678", "")}},
		// North American shapes.
		{"(202) 555-0143", []found{p("(202) 555-0143", "+12025550143", "US")}},
		{"202-555-0143", []found{p("202-555-0143", "+12025550143", "US")}},
		{"202.555.0143", []found{p("202.555.0143", "+12025550143", "US")}},
		{"1-800-555-0199", []found{p("1-800-555-0199", "+18005550199", "US")}},
		{"Phone: 613-555-0178.", []found{p("613-555-0178", "+16135550178", "CA")}},
		// Structure missing, or invalid under the metadata.
		{"2079460958", nil},
		{"02079460958", nil},
		{"+44 20 7946 095", nil},
		{"+999 1234 5678", nil},
		{"202-555-014", nil},
		{"202 555 0143", []found{p("202 555 0143", "+12025550143", "US")}},
		{"102-555-0143", nil},     // area codes start 2-9
		{"555-0143", nil},         // a local number: too little to tell
		{"2026-01-10 10:30", nil}, // a date and time
		{"01-10-2026", nil},
		{"01.10.2026", nil},
		{"01/10/2026", nil},
		{"version 10.0.19041.1", nil},
		{"192.168.100.200", nil},
		{"010.001.002.003", nil},
		{"CVE-2021-44228", nil},
		{"ATT&CK T1566.001", nil},
		{"id 12345678-1234-4234-8234-123456789012", nil},
		{"1-800-FLOWERS", nil},
		{"+44 20 7946 0958abc", nil},
		{"x+44 20 7946 0958", nil},
		{"ts 1607635102.00 -0.96", nil},
		{"coords 51.5074, -0.1278", nil},
		{"ISBN 978-3-16-148410-0", nil},
		{"(+44)", nil},
		{"(+44) 20", nil},
		{"(+) 20 7946 0958", nil},
		{"(+4444) 20 7946 0958", nil},
		{"x(+44) 20 7946 0958", nil},
		{"1,234,567,890", nil},
		{"1,020 7946 0958", nil}, // continues a chain of digits
		// Fields separated by commas: a passwd entry's GECOS, a CSV line.
		{"Jane Doe,,,+44 20 7946 0958", []found{p("+44 20 7946 0958", "+442079460958", "GB")}},
		{"Jane Doe,R1,+44 20 7946 0958,+44 20 7946 0959,", []found{
			p("+44 20 7946 0958", "+442079460958", "GB"),
			p("+44 20 7946 0959", "+442079460959", "GB"),
		}},
		{"name,020 7946 0958", []found{p("020 7946 0958", "+442079460958", "GB")}},
		// A number followed, after a space, by a token that does not
		// continue it: the number alone is found.
		{"called +44 20 7946 0958 3 times", []found{p("+44 20 7946 0958", "+442079460958", "GB")}},
		{"Tel: +49 30 1234567 24/7", []found{p("+49 30 1234567", "+49301234567", "DE")}},
		{"Tél. 01 23 45 67 89 24h/24", []found{p("01 23 45 67 89", "+33123456789", "FR")}},
		{"020 7946 0958 2023-11-14", []found{p("020 7946 0958", "+442079460958", "GB")}},
		{"+44 20 7946 0958 020 7946 0959", []found{
			p("+44 20 7946 0958", "+442079460958", "GB"),
			p("020 7946 0959", "+442079460959", "GB"),
		}},
		// Cells of a table of numbers: a column of zero-padded numbers,
		// a hex dump of bytes or words.
		{"ports 0021 0022 0023 0080 0443 3389", nil},
		{"ports 020 021 022 023 025 053 080 110 143", nil},
		{"beacons at 0100 0200 0300 0400 UTC", nil},
		{"00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00", nil},
		{"the loader begins 4d 5a 90 00 03 00 00 00 04 00 00 00 ff ff 00 00", nil},
		{"00000000  4d 5a 90 00 03 00 00 00  04 00 00 00 ff ff 00 00  |MZ..............|", nil},
		{"00000010: 0300 0000 0400 0000 ffff 0000 b800 0000  ................", nil},
		{"$s = { 6A 40 68 00 30 00 00 6A 14 8D 91 }", nil},
		// Numbers beside such tables, or written one after the other,
		// are still found.
		{"Tél. 01 23 45 67 89 06 12 34 56 78", []found{
			p("01 23 45 67 89", "+33123456789", "FR"),
			p("06 12 34 56 78", "+49612345678", ""), // valid in DE too
		}},
		{"Bât. 12 01 23 45 67 89", []found{p("01 23 45 67 89", "+33123456789", "FR")}},
		{"joignable au 01 23 45 67 89 de 9h à 17h", []found{p("01 23 45 67 89", "+33123456789", "FR")}},
		{"bytes 4d 5a 90 00 ff ff 00 00, call 020 7946 0958", []found{p("020 7946 0958", "+442079460958", "GB")}},
		{"4d 5a 90 00 ff ff 00 00 b8 00 00 00\ncall 01 23 45 67 89", []found{p("01 23 45 67 89", "+33123456789", "FR")}},
	})
}

func TestPhoneRegions(t *testing.T) {
	us := &detect.Config{PhoneRegions: []string{"US"}}
	if got := findAll(detector(t, us, "phone"), "020 7946 0958"); got != nil {
		t.Errorf("with regions [US], a British national number was found: %v", got)
	}
	au := &detect.Config{PhoneRegions: []string{"AU"}}
	want := []found{{detect.Phone, "02 9876 5432", "+61298765432", "AU", false}}
	if got := findAll(detector(t, au, "phone"), "02 9876 5432"); len(got) != 1 || got[0] != want[0] {
		t.Errorf("with regions [AU]: %v, want %v", got, want)
	}
}

func TestPhoneConformance(t *testing.T) {
	detecttest.Run(t, detector(t, nil, "phone"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "+44 20 7946 0958", Kind: detect.Phone, Value: "+442079460958"},
			{Text: "tel. 020 7946 0958", Datum: "020 7946 0958", Value: "+442079460958"},
			{Text: "(202) 555-0143", Value: "+12025550143"},
			{Text: "+33 1 23 45 67 89", Value: "+33123456789"},
			{Text: "+33 (0)6 12 34 56 78", Value: "+33612345678"},
			{Text: "電話:+81 3-1234-5678", Datum: "+81 3-1234-5678", Value: "+81312345678"},
		},
		Negatives: append([]string{"2079460958", "555-0143", "01-10-2026",
			"4d 5a 90 00 03 00 00 00 04 00 00 00 ff ff 00 00", "0300 0000 0400 0000 ffff 0000 b800 0000",
			"0021 0022 0023 0080 0443 3389"}, hardNegatives...),
		// Defanging does not apply to numbers; "." in 202.555.0143 would
		// read the same.
		Variants: detecttest.Fullwidth | detecttest.ZeroWidth,
	})
}
