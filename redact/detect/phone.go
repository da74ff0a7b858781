package detect

import (
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// phoneDetector finds telephone numbers that are written as such. A bare
// run of digits is never one (it is an id, a timestamp, a port); a
// candidate needs structure:
//
//   - a leading + (or the international prefix 00) and a country code:
//     "+44 20 7946 0958", "+442079460958", "0049 30 1234567", or the +
//     and the country code in brackets: "(+44) 20 7946 0958";
//   - or the trunk prefix 0 and a separator or brackets: "020 7946 0958",
//     "(030) 1234567", "0171/1234567", tried under Config.PhoneRegions in
//     turn;
//   - or a North American shape: "(202) 555-0143", "202-555-0143",
//     "202.555.0143", "1-800-555-0199", tried as US.
//
// Digit groups are separated by one space, '-', '.' or '/', or bracketed;
// a candidate is read from the normalised view (fullwidth digits count).
// It is dropped when it touches a letter, digit, '_' or '@', or continues a
// chain ("CVE-2021-44228", "T1566.001", "10.0.19041.1" have a letter, a
// separator or a one-digit group where a number would not), when it is a
// cell of a table of numbers (a column of zero-padded numbers, a hex dump:
// see inNumberTable), when it holds
// a date (2026-01-10, 10.01.2026, 01/10/2026; not with spaces, which
// separate phone groups), when it is shaped like a
// dotted quad, when a group has one digit other than a country code,
// "(0)", the national number's first group after them ("+33 (0)6 12 34 56
// 78") or an extension after a hyphen ("+49 30 901820-0"), or when it has
// fewer than 7 or more than 15 digits. "key:" or "key=" may stand before
// a number in any script ("Tél:", "電話:"). What is left
// must parse and be valid for its region under libphonenumber's metadata
// (phonenumbers.Parse and IsValidNumber): a plausible shape alone is not
// enough. A candidate that fails is tried again without its last
// space-separated token, so that a number followed by prose ("+44 20 7946
// 0958 3 times", "01 23 45 67 89 24h/24") or by another number is found.
//
// Value is E.164. Country is the region the number belongs to; for a
// national-format number valid under more than one configured region it is
// "" (the Value is then the first region's reading).
//
// Readings are remembered (phoneMemo): a number written again costs a
// look-up, not a parse.
type phoneDetector struct {
	ns   *namespace
	memo *phoneMemo
}

func (phoneDetector) Name() string { return "phone" }

// A phoneGroup is one group of digits of a candidate.
type phoneGroup struct {
	start, end int  // the digits, in the view
	sep        byte // the separator before it; 0 for none, '(' for brackets
	paren      bool
}

const maxPhoneGroups = 8

// minPhoneDigits is the fewest digits of a phone number phoneAt takes.
const minPhoneDigits = 7

func (d phoneDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassDigit) || t.runsIndexed && t.digits < minPhoneDigits {
		return
	}
	n := t.norm
	// A number starts with '+', '(' or a digit that starts a run of
	// digits (after a digit, phoneLeftOK refuses): visit only those, in
	// order.
	runs := newDigitRunCursor(t, phoneRuns)
	plus, paren := -1, -1
	// phoneAt's groups, zeroed once here rather than on each call: it
	// reads only those it has written.
	var groups [maxPhoneGroups]phoneGroup
	// last is where the last number found ends: a number before it is
	// that one, not a cell of a table of numbers.
	last := 0
	for i := 0; i < len(n); {
		p := min(runs.next(i), nextByteAt(n, i, '+', &plus), nextByteAt(n, i, '(', &paren))
		if p == len(n) {
			return
		}
		if phoneLeftOK(n, p) && !inNumberTable(n, p, last) {
			if end, value, country, ok := d.phoneAt(n, p, &groups); ok {
				s, e := t.Orig(p, end)
				found(Match{Kind: Phone, Start: s, End: e, Value: value, Country: country})
				i, last = end, end
				continue
			}
		}
		i = p + 1
	}
}

// inNumberTable reports whether the digits at n[i] are a cell of a table
// of fixed-width numbers rather than the start of a phone number, read
// from the view no further left than floor:
//
//   - a column of zero-padded numbers: a group of as many digits that
//     starts with 0 stands one or two spaces before it ("ports 0080 0443
//     3389", "020 021 022 023", "times 0200 0300 0400", the "00 03 00 00"
//     of a hex dump). A phone number is not written after a zero-padded
//     number of its first group's width; a house number or a count before
//     one is not zero-padded ("Bât. 12 01 23 45 67 89" is still found);
//   - a hex dump: its first group has two or four digits and it lies in a
//     run of at least minHexDumpRun tokens of that width, hex digits
//     only, one or two spaces apart (as hexdump, xxd, YARA hex strings
//     and Snort content write bytes and words), one of which has a letter
//     a-f ("4d 5a 90 00 03 00 00 00 04 00 00 00 ff ff", "0300 0000 0400
//     0000 ffff 0000 b800 0000"). A phone number in pairs has at most
//     seven, and prose does not follow one with a row of hex words.
//
// A run of digit pairs without a letter, not after a zero-padded cell,
// is left to the phone reading: two French numbers written one after the
// other look just like it.
func inNumberTable(n string, i, floor int) bool {
	if !isDigit(n[i]) {
		return false // '+' or '(': not a cell
	}
	w := i
	for w < len(n) && isDigit(n[w]) {
		w++
	}
	w -= i
	if w < 2 || w > 4 {
		return false
	}
	// The token before: one or two spaces, then w digits, the first 0.
	if k := tokenBefore(n, i, w, floor); k >= 0 && n[k] == '0' && isDigits(n[k:k+w]) {
		return true
	}
	if w == 3 {
		return false // bytes and words are written in two or four
	}
	// The run of hex tokens of width w around n[i], looked at no further
	// than a dump's line (sixteen bytes) on either side, so that a long
	// run costs each number in it a bounded look.
	tokens, letter := 1, false
	for k, t := i, 0; t < hexDumpLine; t++ {
		k = tokenBefore(n, k, w, floor)
		if k < 0 || !isHexToken(n[k:k+w]) {
			break
		}
		tokens++
		letter = letter || !isDigits(n[k:k+w])
	}
	for k, t := i+w, 0; t < hexDumpLine; t++ {
		s := k
		for s < len(n) && s-k < 2 && n[s] == ' ' {
			s++
		}
		if s == k || s+w > len(n) || !isHexToken(n[s:s+w]) || s+w < len(n) && isASCIIAlnum(n[s+w]) {
			break
		}
		tokens++
		letter = letter || !isDigits(n[s:s+w])
		k = s + w
	}
	return letter && tokens >= minHexDumpRun
}

// minHexDumpRun is the fewest tokens of a run inNumberTable takes for a
// hex dump: more than the pairs of any phone number. hexDumpLine is how
// many tokens it looks at on either side.
const (
	minHexDumpRun = 8
	hexDumpLine   = 16
)

// tokenBefore returns where a token of w bytes ends one or two spaces
// before n[i] and starts at or after floor, standing alone (no letter or
// digit before it), or -1.
func tokenBefore(n string, i, w, floor int) int {
	e := i
	for e > 0 && i-e < 2 && n[e-1] == ' ' {
		e--
	}
	k := e - w
	if e == i || k < floor || k > 0 && isASCIIAlnum(n[k-1]) {
		return -1
	}
	return k
}

// isDigits reports whether s is ASCII digits only.
func isDigits(s string) bool {
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return true
}

// isHexToken reports whether s is lower-case hex digits only (the view is
// case folded).
func isHexToken(s string) bool {
	for k := 0; k < len(s); k++ {
		if !isHexByte(s[k]) {
			return false
		}
	}
	return true
}

// phoneLeftOK reports whether a number may start at n[i]: it must not
// continue a word, a number or a chain of separated tokens. "key:" and
// "key=" may precede one, and so may a comma that does not follow a
// digit ("1,234,567" is a chain): fields separated by commas, as a
// passwd entry's GECOS ("Jane Doe,,+44 20 7946 0958,") or a CSV line,
// hold numbers with nothing else before them. After a digit and a comma,
// only a number with its '+' starts, as no number goes on with one.
func phoneLeftOK(n string, i int) bool {
	if i == 0 {
		return true
	}
	switch p := n[i-1]; {
	case joinsBefore(n, i):
		return false
	case p == ':' || p == '=':
		return letterBefore(n, i-1)
	case p == ',':
		return n[i] == '+' || i < 2 || !isDigit(n[i-2])
	case p == '.' || p == '-' || p == '+' || p == '/' || p == '\\' || p == '@' ||
		p == '#' || p == '%' || p == '&' || p == '$' || p == '*':
		return false
	}
	return true
}

// phoneAt reads and validates a candidate starting at n[i], reading its
// groups into *groups.
func (d phoneDetector) phoneAt(n string, i int, groups *[maxPhoneGroups]phoneGroup) (end int, value, country string, ok bool) {
	ng := 0
	j := i
	plus := n[j] == '+'
	if plus {
		j++
	}
	var sep byte
	for ng < maxPhoneGroups && j < len(n) {
		g := phoneGroup{sep: sep}
		if n[j] == '(' {
			d := j + 1
			if ng == 0 && !plus && d < len(n) && n[d] == '+' {
				// A bracketed country code: "(+44) 20 7946 0958".
				d++
				plus = true
			}
			k := d
			for k < len(n) && k-j <= 5 && isDigit(n[k]) {
				k++
			}
			if k == d || k >= len(n) || n[k] != ')' {
				break
			}
			g.start, g.end, g.paren = d, k, true
			j = k + 1
		} else if isDigit(n[j]) {
			k := j
			for k < len(n) && k-j < 13 && isDigit(n[k]) {
				k++
			}
			g.start, g.end = j, k
			j = k
		} else {
			break
		}
		groups[ng] = g
		ng++
		// A separator counts when a group follows it.
		sep = 0
		if j+1 < len(n) && (n[j] == ' ' || n[j] == '-' || n[j] == '.' || n[j] == '/') &&
			(isDigit(n[j+1]) || n[j+1] == '(') {
			sep = n[j]
			j++
			continue
		}
		if j < len(n) && (n[j] == '(' && !g.paren || g.paren && isDigit(n[j])) {
			continue
		}
		break
	}
	// A number ends where prose goes on after a space: when the groups
	// read do not make one ("+44 20 7946 0958 3 times", "01 23 45 67 89
	// 24h/24", "020 7946 0958 2023-11-14"), the last token (the groups
	// after the last space) is dropped and the rest tried again.
	for ng > 0 {
		if end, value, country, ok = d.phoneIn(n, i, plus, groups[:ng]); ok {
			return end, value, country, true
		}
		k := ng - 1
		for k > 0 && groups[k].sep != ' ' {
			k--
		}
		ng = k
	}
	return 0, "", "", false
}

// phoneIn validates the candidate made of the groups gs read from n[i:]
// (after a '+' when plus) and returns where it ends.
func (d phoneDetector) phoneIn(n string, i int, plus bool, gs []phoneGroup) (end int, value, country string, ok bool) {
	ng := len(gs)
	end = gs[ng-1].end
	if gs[ng-1].paren {
		end++
	}
	if !phoneRightOK(n, end) {
		return 0, "", "", false
	}
	digits := 0
	for k, g := range gs {
		l := g.end - g.start
		digits += l
		if l == 1 {
			first := k == 0 && (plus || n[g.start] == '1')
			// The national number's first group may be one digit (the
			// French "+33 6 12 34 56 78"), after the country code or
			// after the "(0)" written between them ("+33 (0)6 12 34 56
			// 78").
			cc := plus && (k == 1 || k == 2 && trunkGroup(n, gs[1]))
			trunk := g.paren && n[g.start] == '0'
			// DIN 5008 and ÖNORM A 1080 write an extension after a
			// hyphen, the switchboard as "-0": "+49 30 901820-0".
			ext := k == ng-1 && k >= 2 && g.sep == '-'
			if !first && !cc && !trunk && !ext {
				return 0, "", "", false
			}
		}
	}
	if digits < minPhoneDigits || digits > 15 || hasDate(n, gs) || dottedQuad(n, gs) {
		return 0, "", "", false
	}
	if !plus && ng == 1 {
		return 0, "", "", false // a bare digit run
	}
	text := n[i:end]
	first := n[gs[0].start]
	switch {
	case plus:
		value, country, ok = d.memo.parse(text, "ZZ")
	case first == '0' && n[gs[0].start+1] == '0' && !gs[0].paren:
		// 00: the international prefix of the default regions.
		value, country, ok = d.memo.parse(text, "DE")
	case first == '0':
		value, country, ok = d.parseNational(text)
	case nanpShape(n, gs):
		value, country, ok = d.memo.parse(text, "US")
	}
	return end, value, country, ok
}

// letterBefore reports whether a letter of any script ends just before
// n[i]:
// a number may follow "key:" or "key=" in any language ("tel:", "Tél:",
// "電話:"), not a digit ("10:30").
func letterBefore(n string, i int) bool {
	if i >= 1 && n[i-1] < utf8.RuneSelf {
		return n[i-1] >= 'a' && n[i-1] <= 'z' // the view is case folded
	}
	r, _ := utf8.DecodeLastRuneInString(n[:i])
	return unicode.IsLetter(r)
}

// trunkGroup reports whether g is the bracketed trunk prefix "(0)".
func trunkGroup(n string, g phoneGroup) bool {
	return g.paren && g.end-g.start == 1 && n[g.start] == '0'
}

// phoneRightOK reports whether a number may end at n[end]: not inside a
// word or number, nor before a further separated token ("10-20-30-x").
func phoneRightOK(n string, end int) bool {
	if end >= len(n) {
		return true
	}
	c := n[end]
	if joinsAt(n, end) || c == '@' || c == '%' || c == '+' {
		return false
	}
	if (c == '.' || c == '-' || c == ':' || c == '/' || c == ',') && joinsAt(n, end+1) {
		return false
	}
	return true
}

// hasDate reports three consecutive groups joined by one of '-', '.' and
// '/' that read as a date: YYYY-MM-DD, DD-MM-YYYY or MM-DD-YYYY, the year
// 19xx or 20xx.
func hasDate(n string, gs []phoneGroup) bool {
	for k := 0; k+2 < len(gs); k++ {
		a, b, c := gs[k], gs[k+1], gs[k+2]
		if a.paren || b.paren || c.paren || b.sep != c.sep || b.sep == 0 || b.sep == ' ' {
			continue
		}
		switch {
		case isYear(n, a) && dayMonth(n, b, c):
		case isYear(n, c) && dayMonth(n, a, b):
		default:
			continue
		}
		return true
	}
	return false
}

func isYear(n string, g phoneGroup) bool {
	return g.end-g.start == 4 && (n[g.start:g.start+2] == "19" || n[g.start:g.start+2] == "20")
}

// dayMonth reports two groups of one or two digits that are a day and a
// month in either order.
func dayMonth(n string, a, b phoneGroup) bool {
	v := func(g phoneGroup) int {
		if l := g.end - g.start; l < 1 || l > 2 {
			return -1
		}
		x := 0
		for k := g.start; k < g.end; k++ {
			x = x*10 + int(n[k]-'0')
		}
		return x
	}
	x, y := v(a), v(b)
	return x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)
}

// dottedQuad reports four groups of one to three digits joined by dots.
func dottedQuad(n string, gs []phoneGroup) bool {
	if len(gs) != 4 {
		return false
	}
	for k, g := range gs {
		if g.paren || g.end-g.start > 3 || k > 0 && g.sep != '.' {
			return false
		}
	}
	return true
}

// nanpShape reports the North American shapes: [1 ](NXX) NXX-XXXX,
// [1-]NXX-NXX-XXXX with one separator, area code and exchange starting
// 2-9.
func nanpShape(n string, gs []phoneGroup) bool {
	if len(gs) == 4 && gs[0].end-gs[0].start == 1 && n[gs[0].start] == '1' {
		gs = gs[1:]
	}
	if len(gs) != 3 {
		return false
	}
	a, b, c := gs[0], gs[1], gs[2]
	if a.end-a.start != 3 || b.end-b.start != 3 || c.end-c.start != 4 || b.paren || c.paren {
		return false
	}
	if n[a.start] < '2' || n[b.start] < '2' {
		return false
	}
	return a.paren || b.sep == c.sep
}

// parseNational tries text under each configured region.
func (d phoneDetector) parseNational(text string) (value, country string, ok bool) {
	for _, r := range d.ns.regions {
		v, c, good := d.memo.parse(text, r)
		if !good {
			continue
		}
		if !ok {
			value, country, ok = v, c, true
			continue
		}
		if c != country {
			return value, "", true // valid in two regions: country unknown
		}
	}
	return value, country, ok
}

// parsePhone validates text under region with libphonenumber's metadata.
// It asks for the number's region once and validates for that region,
// which is what IsValidNumber does after asking for the region itself.
func parsePhone(text, region string) (value, country string, ok bool) {
	var num phonenumbers.PhoneNumber
	if err := phonenumbers.ParseToNumber(text, region, &num); err != nil {
		return "", "", false
	}
	country = phonenumbers.GetRegionCodeForNumber(&num)
	if country == "" || !phonenumbers.IsValidNumberForRegion(&num, country) {
		return "", "", false
	}
	if len(country) != 2 || country == "ZZ" {
		country = "" // "001": a non-geographic number
	}
	return phonenumbers.Format(&num, phonenumbers.E164), country, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
