package detect

// NewIBANDetector returns the IBAN detector (ISO 13616). It reports a
// country code of the IBAN registry, two check digits and a BBAN of that
// country's length and structure, written compact or in the print format
// (groups of four separated by single spaces, or hyphens), in either case, whose
// ISO 7064 MOD 97-10 check passes. Value is the compact IBAN in upper
// case; Country is its country code.
func NewIBANDetector() Detector { return ibanDetector{} }

type ibanDetector struct{}

func (ibanDetector) Name() string { return "iban" }

func (ibanDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassLetter | ClassDigit) {
		return
	}
	s := t.Normal()
	// The check digits after the two letters start a run of digits: try
	// only two bytes before each run.
	runs := newDigitRunCursor(t, letterRuns)
	for i := 0; ; i++ {
		i = runs.next(i+2) - 2
		if i+4 > len(s) {
			return
		}
		// Cheap prefilter: two letters and two digits at a word start.
		if !isASCIILetter(s[i]) || !isASCIILetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
			continue
		}
		if glued(s, i, -1) {
			continue
		}
		// The map is read with a conversion the compiler makes without
		// copying; the country is taken from the Value on a match.
		cc := [2]byte{upperASCII(s[i]), upperASCII(s[i+1])}
		f, ok := ibanFormats[string(cc[:])]
		if !ok {
			continue
		}
		var b [34]byte
		iban, end, ok := readIBAN(s, i, f.length(), b[:0])
		if !ok || glued(s, end, +1) || !f.matches(iban[4:]) || !ibanChecksum(iban) {
			continue
		}
		start, oend := t.Orig(i, end)
		// readIBAN upper-cased the two letters it started with: the
		// country code.
		v := string(iban)
		found(Match{Kind: IBAN, Start: start, End: oend, Value: v, Country: v[:2]})
		i = end - 1
	}
}

// readIBAN reads n alphanumerics from s[i:], allowing one separator after
// each complete group of four, and returns them upper-cased and the offset
// just past the last one. The separator is a space (the print format) or,
// as people also write the groups, '-' (an en dash or another hyphen in
// the original, see Text), the same throughout.
func readIBAN(s string, i, n int, dst []byte) ([]byte, int, bool) {
	var sep byte
	for len(dst) < n {
		if i >= len(s) {
			return nil, 0, false
		}
		c := s[i]
		if (c == ' ' || c == '-') && (sep == 0 || c == sep) && len(dst)%4 == 0 && i+1 < len(s) && isASCIIAlnum(s[i+1]) {
			sep = c
			i++
			continue
		}
		if !isASCIIAlnum(c) {
			return nil, 0, false
		}
		dst = append(dst, upperASCII(c))
		i++
	}
	return dst, i, true
}

// ibanChecksum reports whether the check digits of iban (compact, upper
// case) are in 02..98 and the ISO 7064 MOD 97-10 check gives 1: the first
// four characters moved to the end, letters as 10..35, the number mod 97.
func ibanChecksum(iban []byte) bool {
	if cd := leadingNumber(iban[2:4], 2); cd < 2 || cd > 98 {
		return false
	}
	r := 0
	for k := range iban {
		c := iban[(k+4)%len(iban)]
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A'+10)) % 97
		}
	}
	return r == 1
}

// An ibanFormat is a country's BBAN structure in the registry's notation:
// fields like "8!n" of a fixed length of digits (n), upper-case letters
// (a) or alphanumerics (c).
type ibanFormat string

// fields calls fn with each field's length and type.
func (f ibanFormat) fields(fn func(n int, typ byte)) {
	n := 0
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case isDigit(c):
			n = 10*n + int(c-'0')
		case c == '!':
		default:
			fn(n, c)
			n = 0
		}
	}
}

// length returns the IBAN length: the country code, the check digits and
// the BBAN.
func (f ibanFormat) length() int {
	total := 4
	f.fields(func(n int, _ byte) { total += n })
	return total
}

// matches reports whether bban (upper case) has the structure.
func (f ibanFormat) matches(bban []byte) bool {
	k := 0
	ok := true
	f.fields(func(n int, typ byte) {
		if k+n > len(bban) {
			ok = false
			return
		}
		for _, c := range bban[k : k+n] {
			switch typ {
			case 'n':
				ok = ok && isDigit(c)
			case 'a':
				ok = ok && isASCIILetter(c)
			}
		}
		k += n
	})
	return ok && k == len(bban)
}

// ibanFormats holds every country of the IBAN registry with its BBAN
// structure.
//
// Source: SWIFT, "IBAN Registry", Release 101 (December 2025), 89
// countries, as transcribed field by field in python-stdnum's
// stdnum/iban.dat ("generated from iban-registry-v101.txt"); lengths
// cross-checked against jacoelho/banking docs/registry.yml (Release 96)
// and a published length table (Currencycloud, "IBAN Formats by
// Country"). Read 2026. Territories that the registry folds into another
// country's entry (AX under FI, GF and the other French territories under
// FR, IM, JE and GG under GB) print that country's code, so they need no
// entry of their own. Countries on "experimental" lists (DZ, AO, BJ, ...)
// are left out: they are not in the registry.
var ibanFormats = map[string]ibanFormat{
	"AD": "4!n4!n12!c",
	"AE": "3!n16!n",
	"AL": "8!n16!c",
	"AT": "5!n11!n",
	"AZ": "4!a20!c",
	"BA": "3!n3!n8!n2!n",
	"BE": "3!n7!n2!n",
	"BG": "4!a4!n2!n8!c",
	"BH": "4!a14!c",
	"BI": "5!n5!n11!n2!n",
	"BR": "8!n5!n10!n1!a1!c",
	"BY": "4!c4!n16!c",
	"CH": "5!n12!c",
	"CR": "4!n14!n",
	"CY": "3!n5!n16!c",
	"CZ": "4!n16!n",
	"DE": "8!n10!n",
	"DJ": "5!n5!n11!n2!n",
	"DK": "4!n9!n1!n",
	"DO": "4!c20!n",
	"EE": "2!n14!n",
	"EG": "4!n4!n17!n",
	"ES": "4!n4!n1!n1!n10!n",
	"FI": "3!n11!n",
	"FK": "2!a12!n",
	"FO": "4!n9!n1!n",
	"FR": "5!n5!n11!c2!n",
	"GB": "4!a6!n8!n",
	"GE": "2!a16!n",
	"GI": "4!a15!c",
	"GL": "4!n9!n1!n",
	"GR": "3!n4!n16!c",
	"GT": "4!c20!c",
	"HN": "4!a20!n",
	"HR": "7!n10!n",
	"HU": "3!n4!n1!n15!n1!n",
	"IE": "4!a6!n8!n",
	"IL": "3!n3!n13!n",
	"IQ": "4!a3!n12!n",
	"IS": "4!n2!n6!n10!n",
	"IT": "1!a5!n5!n12!c",
	"JO": "4!a4!n18!c",
	"KW": "4!a22!c",
	"KZ": "3!n13!c",
	"LB": "4!n20!c",
	"LC": "4!a24!c",
	"LI": "5!n12!c",
	"LT": "5!n11!n",
	"LU": "3!n13!c",
	"LV": "4!a13!c",
	"LY": "3!n3!n15!n",
	"MC": "5!n5!n11!c2!n",
	"MD": "2!c18!c",
	"ME": "3!n13!n2!n",
	"MK": "3!n10!c2!n",
	"MN": "4!n12!n",
	"MR": "5!n5!n11!n2!n",
	"MT": "4!a5!n18!c",
	"MU": "4!a2!n2!n12!n3!n3!a",
	"NI": "4!a20!n",
	"NL": "4!a10!n",
	"NO": "4!n6!n1!n",
	"OM": "3!n16!c",
	"PK": "4!a16!c",
	"PL": "8!n16!n",
	"PS": "4!a21!c",
	"PT": "4!n4!n11!n2!n",
	"QA": "4!a21!c",
	"RO": "4!a16!c",
	"RS": "3!n13!n2!n",
	"RU": "9!n5!n15!c",
	"SA": "2!n18!c",
	"SC": "4!a2!n2!n16!n3!a",
	"SD": "2!n12!n",
	"SE": "3!n16!n1!n",
	"SI": "5!n8!n2!n",
	"SK": "4!n6!n10!n",
	"SM": "1!a5!n5!n12!c",
	"SO": "4!n3!n12!n",
	"ST": "8!n11!n2!n",
	"SV": "4!a20!n",
	"TL": "3!n14!n2!n",
	"TN": "2!n3!n13!n2!n",
	"TR": "5!n1!n16!c",
	"UA": "6!n19!c",
	"VA": "3!n15!n",
	"VG": "4!a16!n",
	"XK": "4!n10!n2!n",
	"YE": "4!a4!n18!c",
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isASCIIAlnum(c byte) bool { return isDigit(c) || isASCIILetter(c) }

func upperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
