package detect

import (
	"strings"
	"unicode"
)

// NewSSNDetector returns the US Social Security number detector. It
// reports AAA-GG-SSSS written with hyphens or with spaces (one kind per
// number), standing alone, and valid under the Social Security
// Administration's number plan: area not 000, 666 or 900-999, group not
// 00, serial not 0000, not one digit repeated, and not a number known to
// be published as an example. A bare nine-digit run is never reported:
// in threat intelligence it is far more often a count, an id or part of
// a timestamp (reference/pii.md section 1.9). Value is the nine digits;
// Country is US.
func NewSSNDetector() Detector { return ssnDetector{} }

type ssnDetector struct{}

func (ssnDetector) Name() string { return "us-ssn" }

func (ssnDetector) Detect(t *Text, found func(Match)) {
	if !t.mayHaveChain() {
		return
	}
	sc := newChainScanner(t, 9)
	for c, ok := sc.next(); ok; c, ok = sc.next() {
		for i := range c.groups {
			if !c.exact(i, 3, 2, 4) {
				continue
			}
			var b [9]byte
			d := c.appendDigits(b[:0], i, i+2)
			if !validSSN(d) {
				continue
			}
			start, end := t.Orig(c.groups[i].start, c.groups[i+2].end)
			found(Match{Kind: USSSN, Start: start, End: end, Value: string(d), Country: "US"})
		}
	}
}

// validSSN applies the number plan to nine digits.
func validSSN(d []byte) bool {
	area, group, serial := leadingNumber(d, 3), leadingNumber(d[3:], 2), leadingNumber(d[5:], 4)
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 || oneDigitRepeated(d) {
		return false
	}
	for _, x := range ssnExamples {
		if string(d) == x {
			return false
		}
	}
	return true
}

// ssnExamples are numbers printed as examples, which appear in documents
// without being anyone's datum:
//   - 078-05-1120, printed on a sample card in wallets sold by Woolworth
//     in 1938 and used by thousands; the SSA voided it (SSA, "Social
//     Security Cards Issued by Woolworth").
//   - 219-09-9999, on a sample card in a 1940 SSA pamphlet.
//   - 457-55-5462, published by LifeLock's chief executive in advertising;
//     a real number, but one that no longer identifies a victim.
//   - 123-45-6789, the placeholder of every form; Presidio drops it too
//     (reference/pii.md section 1.5).
//
// The SSA's advertising block 987-65-4320..4329 lies in area 9xx, which
// the plan already excludes.
var ssnExamples = [...]string{"078051120", "219099999", "457555462", "123456789"}

// NewNINODetector returns the UK National Insurance number detector. It
// reports two prefix letters, six digits and a suffix letter A-D, in
// either case, compact ("AB123456C") or spaced ("AB 12 34 56 C"). The
// prefix follows HMRC's rules (National Insurance Manual NIM39110, as
// Presidio encodes them, reference/pii.md section 1.5): the first letter
// not D, F, I, Q, U or V, the second not D, F, I, O, Q, U or V, and not
// BG, GB, KN, NK, NT, TN or ZZ. The suffix may be left out only when the
// digits are written in spaced pairs ("AB 12 34 56"), the form HMRC
// prints; a compact two letters and six digits without it is too often a
// product code or a ticket number. Value is the compact number in upper
// case (without a suffix when none was written); Country is GB.
func NewNINODetector() Detector { return ninoDetector{} }

type ninoDetector struct{}

func (ninoDetector) Name() string { return "uk-nino" }

func (ninoDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassLetter | ClassDigit) {
		return
	}
	s := t.Normal()
	// The digits after the two letters (and a space) start a run of
	// digits: try only two and three bytes before each run.
	runs := newDigitRunCursor(t, letterRuns)
	for i := 0; i+8 <= len(s); {
		r := runs.next(i + 2)
		if r == len(s) {
			return
		}
		// A number's digits start with a pair ("12 34 56 A") or all six
		// ("123456A"): a run of another length starts none (readNINO
		// refuses it), so go on to the next.
		if l := ninoRunLen(s, r); l != 2 && l != 6 {
			i = r - 1
			continue
		}
		for _, c := range [2]int{r - 3, r - 2} {
			if c < i || c+8 > len(s) {
				continue
			}
			// ninoAt's first tests, without the call: two letters, then
			// the run or a space before it. Most runs are inside hex.
			if c == r-3 && s[r-1] != ' ' || !isASCIILetter(s[c]) || !isASCIILetter(s[c+1]) {
				i = c + 1
				continue
			}
			if end, ok := ninoAt(t, c, found); ok {
				i = end
			} else {
				i = c + 1
			}
		}
		i = max(i, r-1)
	}
}

// ninoRunLen returns the length of the run of digits at s[r:], or 7 if
// it is longer than six.
func ninoRunLen(s string, r int) int {
	l := 1
	for l < 7 && r+l < len(s) && isDigit(s[r+l]) {
		l++
	}
	return l
}

// ninoAt reports the NINO starting at the view's offset i, if there is
// one, and returns where it ends.
func ninoAt(t *Text, i int, found func(Match)) (int, bool) {
	s := t.Normal()
	// Cheap prefilter: two letters, then a digit or a space and a digit.
	if !isDigit(s[i+2]) && !(s[i+2] == ' ' && isDigit(s[i+3])) {
		return 0, false
	}
	if !isASCIILetter(s[i]) || !isASCIILetter(s[i+1]) || glued(s, i, -1) {
		return 0, false
	}
	var b [9]byte
	v, end, ok := readNINO(s, i, b[:0])
	if !ok || glued(s, end, +1) || len(v) == 8 && !upperPrefix(t, i) {
		return 0, false
	}
	start, oend := t.Orig(i, end)
	found(Match{Kind: UKNINO, Start: start, End: oend, Value: string(v), Country: "GB"})
	return end, true
}

// upperPrefix reports whether the two letters at the view's offset i are
// written in upper case in the original. Without its suffix, a NINO is
// taken only as HMRC prints it: in lower case, "at 08 15 30" or "on 12 05
// 23" is prose with a time or a date.
func upperPrefix(t *Text, i int) bool {
	start, end := t.Orig(i, i+2)
	for _, r := range t.String()[start:end] {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// readNINO reads a NINO at s[i:], appends its compact form to v and
// returns it with the offset just past the NINO.
func readNINO(s string, i int, v []byte) ([]byte, int, bool) {
	a, b := upperASCII(s[i]), upperASCII(s[i+1])
	j := i + 2
	if j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || !isDigit(s[j]) || !ninoPrefix(a, b) {
		return nil, 0, false
	}
	v = append(v, a, b)
	// Six digits, compact or as three pairs separated by single spaces.
	pairs := j+8 <= len(s) && isDigit(s[j]) && isDigit(s[j+1]) && s[j+2] == ' ' &&
		isDigit(s[j+3]) && isDigit(s[j+4]) && s[j+5] == ' ' && isDigit(s[j+6]) && isDigit(s[j+7])
	if pairs {
		v = append(v, s[j], s[j+1], s[j+3], s[j+4], s[j+6], s[j+7])
		j += 8
	} else {
		if j+6 > len(s) {
			return nil, 0, false
		}
		for _, c := range []byte(s[j : j+6]) {
			if !isDigit(c) {
				return nil, 0, false
			}
		}
		v = append(v, s[j:j+6]...)
		j += 6
	}
	// The suffix, possibly after one space.
	k := j
	if k < len(s) && s[k] == ' ' {
		k++
	}
	if k < len(s) && isNINOSuffix(s[k]) && !glued(s, k+1, +1) {
		return append(v, upperASCII(s[k])), k + 1, true
	}
	if !pairs {
		return nil, 0, false
	}
	return v, j, true
}

// ninoPrefix applies HMRC's prefix rules.
func ninoPrefix(a, b byte) bool {
	if strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIOQUV", b) >= 0 {
		return false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}

func isNINOSuffix(c byte) bool { c = upperASCII(c); return c >= 'A' && c <= 'D' }

// NewNHSDetector returns the UK NHS number detector. It reports ten
// digits whose last is the modulus 11 check digit of the first nine
// (weights 10 down to 2; check 11 - sum mod 11, 11 read as 0, 10 never
// issued: NHS Data Dictionary, "NHS Number"), written 3-3-4 with spaces or
// with hyphens (standing alone, so the tail of "+1 ..." or of a longer
// number is not taken), or as a bare ten-digit run only when
// "NHS" stands as a word at most nhsContext bytes before it ("NHS number:
// 9434765919", "NHS no. 9434765919"): bare, ten digits are as often an
// epoch time or a phone number. A 3-3-4 number can still be a North
// American phone number that happens to pass the check (about one in
// eleven do); the phone detector sees it too. Value is the ten digits;
// Country is GB.
func NewNHSDetector() Detector { return nhsDetector{} }

type nhsDetector struct{}

func (nhsDetector) Name() string { return "uk-nhs" }

// nhsContext is how far before a bare ten-digit run "NHS" may stand: room
// for "NHS number (patient): ".
const nhsContext = 32

func (nhsDetector) Detect(t *Text, found func(Match)) {
	if !t.mayHaveChain() {
		return
	}
	s := t.Normal()
	sc := newChainScanner(t, 10)
	for c, ok := sc.next(); ok; c, ok = sc.next() {
		for i := range c.groups {
			j := i + 2
			if !c.exact(i, 3, 3, 4) {
				if j = i; !c.exact(i, 10) || !nhsBefore(s, c.groups[i].start) {
					continue
				}
			}
			var b [10]byte
			d := c.appendDigits(b[:0], i, j)
			if oneDigitRepeated(d) || !nhsChecksum(d) {
				continue
			}
			start, end := t.Orig(c.groups[i].start, c.groups[j].end)
			found(Match{Kind: UKNHS, Start: start, End: end, Value: string(d), Country: "GB"})
		}
	}
}

// nhsChecksum checks the modulus 11 check digit of ten digits.
func nhsChecksum(d []byte) bool {
	sum := 0
	for i, c := range d[:9] {
		sum += int(c-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// nhsBefore reports whether the word "nhs", in any case, ends within
// nhsContext bytes before i.
func nhsBefore(s string, i int) bool {
	lo := max(0, i-nhsContext)
	w := s[lo:i]
	for k := 0; k+3 <= len(w); k++ {
		if (w[k]|0x20) == 'n' && (w[k+1]|0x20) == 'h' && (w[k+2]|0x20) == 's' &&
			!isWordByteAt(s, lo+k-1) && !isWordByteAt(s, lo+k+3) {
			return true
		}
	}
	return false
}

// isWordByteAt reports whether s[i] exists and is an ASCII letter, digit
// or underscore.
func isWordByteAt(s string, i int) bool {
	return i >= 0 && i < len(s) && (isASCIIAlnum(s[i]) || s[i] == '_')
}
