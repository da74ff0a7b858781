package detect

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// registryExamples holds the electronic-format example of each country in
// the SWIFT IBAN Registry (Release 101). Each passes MOD 97-10; the test
// checks that each also fits its country's entry in ibanFormats.
var registryExamples = []string{
	"AD1200012030200359100100", "AE070331234567890123456", "AL47212110090000000235698741",
	"AT611904300234573201", "AZ21NABZ00000000137010001944", "BA391290079401028494",
	"BE68539007547034", "BG80BNBG96611020345678", "BH67BMAG00001299123456",
	"BI4210000100010000332045181", "BR1800360305000010009795493C1", "BY13NBRB3600900000002Z00AB00",
	"CH9300762011623852957", "CR05015202001026284066", "CY17002001280000001200527600",
	"CZ6508000000192000145399", "DE89370400440532013000", "DJ2100010000000154000100186",
	"DK5000400440116243", "DO28BAGR00000001212453611324", "EE382200221020145685",
	"EG380019000500000000263180002", "ES9121000418450200051332", "FI2112345600000785",
	"FK88SC123456789012", "FO6264600001631634", "FR1420041010050500013M02606",
	"GB29NWBK60161331926819", "GE29NB0000000101904917", "GI75NWBK000000007099453",
	"GL8964710001000206", "GR1601101250000000012300695", "GT82TRAJ01020000001210029690",
	"HN88CABF00000000000250005469", "HR1210010051863000160", "HU42117730161111101800000000",
	"IE29AIBK93115212345678", "IL620108000000099999999", "IQ98NBIQ850123456789012",
	"IS140159260076545510730339", "IT60X0542811101000000123456", "JO94CBJO0010000000000131000302",
	"KW81CBKU0000000000001234560101", "KZ86125KZT5004100100", "LB62099900000001001901229114",
	"LC55HEMM000100010012001200023015", "LI21088100002324013AA", "LT121000011101001000",
	"LU280019400644750000", "LV80BANK0000435195001", "LY83002048000020100120361",
	"MC5811222000010123456789030", "MD24AG000225100013104168", "ME25505000012345678951",
	"MK07250120000058984", "MN121234123456789123", "MR1300020001010000123456753",
	"MT84MALT011000012345MTLCAST001S", "MU17BOMM0101101030300200000MUR", "NI45BAPR00000013000003558124",
	"NL91ABNA0417164300", "NO9386011117947", "OM810180000001299123456",
	"PK36SCBL0000001123456702", "PL61109010140000071219812874", "PS92PALS000000000400123456702",
	"PT50000201231234567890154", "QA58DOHB00001234567890ABCDEFG", "RO49AAAA1B31007593840000",
	"RS35260005601001611379", "RU0304452522540817810538091310419", "SA0380000000608010167519",
	"SC18SSCB11010000000000001497USD", "SD2129010501234001", "SE4550000000058398257466",
	"SI56263300012039086", "SK3112000000198742637541", "SM86U0322509800000000270100",
	"SO211000001001000100141", "ST68000100010051845310112", "SV62CENR00000000000000700025",
	"TL380080012345678910157", "TN5910006035183598478831", "TR330006100519786457841326",
	"UA213223130000026007233566001", "VA59001123000012345678", "VG96VPVG0000012345678901",
	"XK051212012345678906", "YE15CBYE0001018861234567891234",
}

// printFormat writes an IBAN in groups of four.
func printFormat(iban string) string {
	var b strings.Builder
	for i := 0; i < len(iban); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(iban[i:min(i+4, len(iban))])
	}
	return b.String()
}

func TestIBANRegistryExamples(t *testing.T) {
	if len(registryExamples) != len(ibanFormats) {
		t.Errorf("%d examples for %d countries", len(registryExamples), len(ibanFormats))
	}
	seen := map[string]bool{}
	d := NewIBANDetector()
	for _, ex := range registryExamples {
		cc := ex[:2]
		seen[cc] = true
		f, ok := ibanFormats[cc]
		if !ok {
			t.Errorf("%s: no format", cc)
			continue
		}
		if f.length() != len(ex) {
			t.Errorf("%s: length %d, example has %d", cc, f.length(), len(ex))
		}
		want := []Match{{Kind: IBAN, Start: 0, End: len(ex), Value: ex, Country: cc}}
		for _, in := range []string{ex, strings.ToLower(ex)} {
			if diff := cmp.Diff(want, collectMatches(d, in)); diff != "" {
				t.Errorf("%s: mismatch (-want +got):\n%s", in, diff)
			}
		}
		pf := printFormat(ex)
		want[0].End = len(pf)
		if diff := cmp.Diff(want, collectMatches(d, pf)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", pf, diff)
		}
	}
	for cc := range ibanFormats {
		if !seen[cc] {
			t.Errorf("%s: no example", cc)
		}
	}
}

func TestIBANDetector(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"in a sentence", "Pay to IBAN: DE89 3704 0044 0532 0130 00, ref 12.", []Match{
			{Kind: IBAN, Start: 13, End: 40, Value: "DE89370400440532013000", Country: "DE"}}},
		{"gb", "(GB29NWBK60161331926819)", []Match{
			{Kind: IBAN, Start: 1, End: 23, Value: "GB29NWBK60161331926819", Country: "GB"}}},
		{"mixed case", "gb29 nwbk 6016 1331 9268 19", []Match{
			{Kind: IBAN, Start: 0, End: 27, Value: "GB29NWBK60161331926819", Country: "GB"}}},
		{"two", "DE89370400440532013000 and NL91ABNA0417164300", []Match{
			{Kind: IBAN, Start: 0, End: 22, Value: "DE89370400440532013000", Country: "DE"},
			{Kind: IBAN, Start: 27, End: 45, Value: "NL91ABNA0417164300", Country: "NL"}}},
		{"trailing text after a partial group", "DE89 3704 0044 0532 0130 00 1234", []Match{
			{Kind: IBAN, Start: 0, End: 27, Value: "DE89370400440532013000", Country: "DE"}}},

		{"check digits wrong", "DE88370400440532013000", nil},
		{"one digit changed", "GB29NWBK60161331926818", nil},
		{"too long", "DE893704004405320130001", nil},
		{"too short", "DE8937040044053201300", nil},
		{"unknown country", "ZZ89370400440532013000 US12345678901234567890", nil},
		{"experimental country", "DZ3512341234123412341234", nil},
		{"structure wrong", "GB82WEST1234569876543X", nil}, // letters where digits go
		{"glued before", "xDE89370400440532013000", nil},
		{"glued after", "DE89370400440532013000x", nil},
		{"in a path", "/files/DE89370400440532013000", nil},
		{"double space", "DE89  3704 0044 0532 0130 00", nil},
		{"space inside a group", "DE8 93704 0044 0532 0130 00", nil},
		{"check digits 00", "GB00NWBK60161331926819", nil},
		{"hash", "de89370400440532013000ab", nil},
	}
	d := NewIBANDetector()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestIBANChecksum(t *testing.T) {
	// Check digits 02..98 only; 99 is 02 + 97 and passes MOD 97 but is not
	// a valid pair of check digits (ISO 13616-1).
	if ibanChecksum([]byte("GB99NWBK60161331926819")) {
		t.Error("check digits 99 accepted")
	}
	if !ibanChecksum([]byte("GB29NWBK60161331926819")) {
		t.Error("registry example rejected")
	}
}
