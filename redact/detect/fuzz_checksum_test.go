package detect

import "testing"

// FuzzChecksumDetectors runs the checksum and name detectors on arbitrary
// text and checks the Detector contract: no panic, matches in increasing
// order without overlap, within the text, on UTF-8 boundaries, with a
// Value, and the same matches on a second run.
func FuzzChecksumDetectors(f *testing.F) {
	for _, s := range []string{
		"card 4111 1111 1111 1111, iban DE89 3704 0044 0532 0130 00",
		"SSN 536-22-8726 NINO AB 12 34 56 C NHS number: 9434765919",
		"José García and Anna-Lena Müller met John Q. Public",
		"41111111-1111-4111-8111-111111111111 a4111111111111111b",
		"Ｊａｎｅ Ｄｏｅ ４１１１１１１１１１１１１１１１",
		"gb29 nwbk 6016 1331 9268 19\xff\xfe",
		"Sean O’Brien's 943-476-5919",
	} {
		f.Add(s)
	}
	dets := append(checksumDetectors(),
		NewDictionaryNameDetector(NameOptions{}),
		NewNameDetector([]string{"Jane Doe", "José García", "Li Na"}, NameOptions{}))
	f.Fuzz(func(t *testing.T, s string) {
		// Boundaries as Go decodes s: an invalid byte is a rune of its
		// own, so a stray continuation byte is a boundary too.
		boundary := make([]bool, len(s)+1)
		for i := range s {
			boundary[i] = true
		}
		boundary[len(s)] = true
		text := NewText(s)
		for _, d := range dets {
			var got []Match
			d.Detect(text, func(m Match) { got = append(got, m) })
			end := 0
			for _, m := range got {
				if m.Start < end || m.End <= m.Start || m.End > len(s) {
					t.Fatalf("%s: match %+v out of order or bounds (previous end %d, len %d)", d.Name(), m, end, len(s))
				}
				if !boundary[m.Start] || !boundary[m.End] {
					t.Fatalf("%s: match %+v not on UTF-8 boundaries", d.Name(), m)
				}
				if m.Value == "" {
					t.Fatalf("%s: match %+v without a value", d.Name(), m)
				}
				end = m.End
			}
			var again []Match
			d.Detect(text, func(m Match) { again = append(again, m) })
			if len(again) != len(got) {
				t.Fatalf("%s: %d matches, then %d", d.Name(), len(got), len(again))
			}
		}
	})
}
