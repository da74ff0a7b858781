package detect

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// collectMatches runs d on s and returns what it found.
func collectMatches(d Detector, s string) []Match {
	var got []Match
	d.Detect(NewText(s), func(m Match) { got = append(got, m) })
	return got
}

// ownDetectors returns every detector this part of the package builds,
// the learned-name one primed with names that collide with threat
// vocabulary on purpose.
func ownDetectors() []Detector {
	return append(checksumDetectors(),
		NewDictionaryNameDetector(NameOptions{}),
		NewNameDetector([]string{"Jane Doe", "Mark Brown", "Will Strike", "Grace Lazarus"}, NameOptions{}),
	)
}

// hardNegatives are values threat intelligence is full of, which look
// like personal data to a naive pattern and must not be reported.
var hardNegatives = []string{
	// UUIDs and STIX ids, some all digits.
	"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
	"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
	"41111111-1111-4111-8111-111111111111",
	"12345678-4111-1111-1111-111111111111",
	"{20D04FE0-3AEA-1069-A2D8-08002B30309D}",
	"urn:uuid:40111111-1111-4111-8111-411111111111",
	// Hashes. The first ones hold a Luhn-valid card number (checked by
	// TestHardNegativesAreHard) glued to hex digits.
	"a14111111111111111b2c3d4e5f6a7b8",                                // MD5-sized
	"5105105105105100deadbeefdeadbeefcafe1234",                        // SHA-1-sized
	"ffff378282246310005aaaabbbbccccddddeeeeffff00001111222233334444", // SHA-256-sized
	"DEADBEEF6011111111111117CAFEBABE",
	"d41d8cd98f00b204e9800998ecf8427e",
	"da39a3ee5e6b4b0d3255bfef95601890afd80709",
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	// Real digests with long digit runs that pass Luhn.
	"6de43471cd4967b1528662e43004956126065b7a678d5e56160b33029ac7e7a684e353fd8e8d0ed2f963fa8e7225ef1f61f613681bd70c50dbf7b0c1783983ad", // sha512("312")
	"5d8f6cce532a7aeb57196be62344095936793400b3aeb3580d248b17d5518a86",                                                                 // sha256("338")
	"600b4cdf20cc06a7b5a5cca5f7464296861815519af6d8a14604201b13965ab8",                                                                 // sha256("366")
	"f65ccfbfec288565c1d414275985547799fde0ed286c85a50bd0ec5faa01d1ac",                                                                 // sha256("382")
	"4b21e17f2926a92986ecece848f3eee43f23baca5017ef508ad4fd85735d066dfd498d97ee3fd5ff8f92d892bdb11c3b1611303582833433361acbf51b569698", // sha512("406")
	"8749f5bad0754ddc52e5945049175078943a69ad",                                                                                         // sha1("415")
	"1602252ac0224ffad56541f501332268162668e2d995d9bcb712d99f5ae20da3af7137ba26da8290338fb5a9ac50931ccc6a49735b9802aea96f9f5e8d7aab84", // sha512("431")
	"hashes.'SHA-256' = '5d8f6cce532a7aeb57196be62344095936793400b3aeb3580d248b17d5518a86'",
	// Base64.
	"TVqQAAMAAAAEAAAA//8AALgAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAgAAAAA4fug4AtAnNIbgBTM0hVGhpcyBwcm9ncmFt",
	"QUJD4111111111111111RUZH", "QUJD+4111111111111111/RUZH==", "ZGF0YQ+DE89370400440532013000/x",
	// Timestamps and epoch times.
	"2021-05-04T12:34:56.789Z", "2017-01-20T00:00:00.000Z", "2021-05-04 12:34:56", "20210504123456",
	"1609459200", "1609459200000", "1700000000000", "1609459200000000", "1609459200.123456",
	// Versions, ids and numbers.
	"1.2.3", "v10.0.19041.1348", "2.0.50727.4927", "10.0.17763.1", "4.1111.1111.1111.1111",
	"CVE-2021-44228", "CVE-2017-0144", "T1566.001", "TA0001", "S0154", "G0016", "M1036", "DS0009",
	"MS17-010", "KB4012212", "KB5012345", "443", "tcp/445", ":3389", "port 8080",
	"Event IDs 4624 4625 4648 4672 4688 4697 4698 4720 7045",
	"192.168.1.1", "10.0.0.1", "169.254.169.254", "8.8.8.8", "2001:db8::1",
	"00:1A:2B:3C:4D:5E",
	// File names, paths, registry keys, rule names.
	"setup.exe", "invoice 4111111111111111.pdf", "report_943 476 5919.docx", "/tmp/4111111111111111",
	`C:\Windows\System32\drivers\etc\hosts`,
	`HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run`,
	`HKEY_CURRENT_USER\Software\Classes\CLSID\{20D04FE0-3AEA-1069-A2D8-08002B30309D}`,
	"APT_MAL_Sandworm_Industroyer2_Apr22", "MAL_Emotet_Loader_Jan21", "Win32.Trojan.Agent.4111111111111111",
	// Phone-like and number-plan look-alikes that are not ours to report.
	"+1 943 476 5919", "+1-943-476-5919", "(415) 555-2671", "+44 20 7946 0958",
	"4111 1111 1111 1112", "0000 0000 0000 0000", "4444 4444 4444 4444",
	"078-05-1120", "123-45-6789", "666-12-3456", "QQ123456C", "AB123456", "GB82WEST12345698765433",
	"NHS 1609459200",
	// Sentences from threat reports.
	"Will the Lazarus Group strike again in May?",
	"Cobalt Strike beacons connected to 45.77.12.9 on port 443 every 60 seconds.",
	"The Sandworm Team deployed Industroyer2 against Ukrainian substations in April 2022.",
	"Mark the sample as malicious and Grace period ends in June.",
	"APT28 (Fancy Bear) used X-Agent; Cozy Bear used WellMess.",
	"Agent Smith infected 25 million devices.",
	"Operators in Hong Kong were named by the Washington Post and Booz Allen Hamilton.",
	"Ryuk and Emotet were delivered by TrickBot; Mimikatz and Carbanak followed.",
	"Windows Defender flagged the Remote Desktop session.",
	"Young King White Black Green Brown Long Page Case Hunter",
	"The actor used Python 3.11 and PowerShell 5.1 on Windows Server 2019.",
}

func TestHardNegatives(t *testing.T) {
	for _, d := range ownDetectors() {
		for _, s := range hardNegatives {
			if got := collectMatches(d, s); len(got) != 0 {
				t.Errorf("%s fired on %q: %+v", d.Name(), s, got)
			}
		}
	}
}

// TestHardNegativesAreHard checks that the glued card numbers above would
// be reported on their own, so that their negatives test the gluing.
func TestHardNegativesAreHard(t *testing.T) {
	for _, c := range []string{"4111111111111111", "5105105105105100", "378282246310005", "6011111111111117"} {
		if !validCard([]byte(c)) {
			t.Errorf("%s is not a valid card number", c)
		}
		found := false
		for _, s := range hardNegatives[:12] {
			found = found || strings.Contains(s, c)
		}
		if !found {
			t.Errorf("%s is in no hash-like negative", c)
		}
	}
}

// corpusDir is the project's shared corpus, beside the repository.
const corpusDir = "../../../shared/corpus"

// TestCorpusDescriptions runs the detectors on every description in the
// shared corpus (MITRE ATT&CK for ICS and Mobile, OASIS examples). None
// of it holds a card, an IBAN or a national identifier, so the checksum
// detectors must stay silent. ATT&CK cites its sources by author, so the
// dictionary name detector fires there on purpose; the test pins the
// count, so that a change in it is looked at.
func TestCorpusDescriptions(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	if len(files) == 0 {
		if _, err := os.Stat(corpusDir); errors.Is(err, fs.ErrNotExist) {
			t.Skipf("no shared corpus at %s", corpusDir)
		}
		t.Fatalf("no bundles in %s", corpusDir)
	}
	dets := append(checksumDetectors(), NewDictionaryNameDetector(NameOptions{}))
	descriptions := 0
	firing := map[string]int{} // descriptions on which each detector fired
	matches := map[string]int{}
	names := map[string]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var bundle struct {
			Objects []struct {
				Description string `json:"description"`
			} `json:"objects"`
		}
		if err := json.Unmarshal(data, &bundle); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, o := range bundle.Objects {
			if o.Description == "" {
				continue
			}
			descriptions++
			text := NewText(o.Description)
			for _, d := range dets {
				n := 0
				d.Detect(text, func(m Match) {
					n++
					if m.Kind == PersonName {
						names[m.Value]++
					}
				})
				matches[d.Name()] += n
				if n > 0 {
					firing[d.Name()]++
				}
			}
		}
	}
	t.Logf("%d descriptions; descriptions with a match: %v; matches: %v", descriptions, firing, matches)
	var distinct []string
	for n := range names {
		distinct = append(distinct, n)
	}
	sort.Strings(distinct)
	t.Logf("%d distinct names, all cited authors and contributors: %s", len(distinct), strings.Join(distinct, "; "))
	for _, d := range checksumDetectors() {
		if matches[d.Name()] != 0 {
			t.Errorf("%s fired %d times on the corpus", d.Name(), matches[d.Name()])
		}
	}
	// Pinned figures for the corpus as shipped (ATT&CK ICS 18.1, Mobile
	// 17.1, OASIS examples): every one a person's name.
	const wantNameMatches, wantDistinct = 100, 37
	if got := matches["person-name-dictionary"]; got != wantNameMatches || len(distinct) != wantDistinct {
		t.Errorf("dictionary names: %d matches, %d distinct; pinned %d, %d", got, len(distinct), wantNameMatches, wantDistinct)
	}
}

// TestConcurrentUse runs each detector from several goroutines at once;
// under -race it checks that none writes shared state.
func TestConcurrentUse(t *testing.T) {
	dets := ownDetectors()
	text := NewText("Jane Doe, 4111 1111 1111 1111, DE89 3704 0044 0532 0130 00, 536-22-8726, AB123456C, 943 476 5919, José García")
	want := make([]int, len(dets))
	for i, d := range dets {
		want[i] = len(collectMatches(d, text.String()))
	}
	done := make(chan []int)
	for g := 0; g < 4; g++ {
		go func() {
			got := make([]int, len(dets))
			for i, d := range dets {
				d.Detect(text, func(Match) { got[i]++ })
			}
			done <- got
		}()
	}
	for g := 0; g < 4; g++ {
		got := <-done
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: %d matches concurrently, %d alone", dets[i].Name(), got[i], want[i])
			}
		}
	}
}
