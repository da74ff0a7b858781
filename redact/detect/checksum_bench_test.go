package detect

import "testing"

// benchClean is a threat-report description of about 500 bytes with
// indicators and no personal data: the common case, where a detector
// should find no candidate quickly.
const benchClean = "Sandworm Team deployed Industroyer2 (S1072) against substations on 2022-04-08T14:58:00Z, " +
	"using T1059.001 and CVE-2021-44228; the loader (SHA-256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, " +
	"MD5 d41d8cd98f00b204e9800998ecf8427e) beaconed to 45.77.12.9:443 every 60 seconds and wrote " +
	`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run. Version 10.0.19041.1348 of the agent, ` +
	"build 1649425080, was seen with indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f. Cobalt Strike followed."

// benchPII is the same size with one of each kind of datum in it.
const benchPII = "Jane Doe (NHS number 943 476 5919, NINO AB 12 34 56 C) paid with 4111 1111 1111 1111 from " +
	"DE89 3704 0044 0532 0130 00; José García gave SSN 536-22-8726. Sandworm Team deployed Industroyer2 " +
	"(S1072) on 2022-04-08T14:58:00Z using T1059.001 and CVE-2021-44228; the loader (SHA-256 " +
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855) beaconed to 45.77.12.9:443 and " +
	"wrote a Run key. Ramírez-Ortiz, the analyst, found build 1649425080 with Cobalt Strike."

func benchDetector(b *testing.B, d Detector, s string) {
	t := NewText(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Detect(t, func(Match) {})
	}
}

// BenchmarkBaselineScan is the floor: one pass over the bytes looking at
// each, as every detector's prefilter must at least do.
func BenchmarkBaselineScan(b *testing.B) {
	s := benchClean
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	n := 0
	for i := 0; i < b.N; i++ {
		for j := 0; j < len(s); j++ {
			if c := s[j]; c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
				n++
			}
		}
	}
	if n < 0 {
		b.Fatal(n)
	}
}

func BenchmarkDetectors(b *testing.B) {
	dets := append(checksumDetectors(),
		NewDictionaryNameDetector(NameOptions{}),
		NewNameDetector([]string{"Jane Doe", "José Ramírez-Ortiz", "Mary Ann Smith"}, NameOptions{}))
	for _, d := range dets {
		b.Run(d.Name()+"/clean", func(b *testing.B) { benchDetector(b, d, benchClean) })
		b.Run(d.Name()+"/pii", func(b *testing.B) { benchDetector(b, d, benchPII) })
	}
}

func BenchmarkNewDictionaryNameDetector(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewDictionaryNameDetector(NameOptions{})
	}
}
