package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NewCardDetector returns the payment card detector. It reports 13 to 19
// digit numbers, compact or in groups separated by single spaces, single
// hyphens or single dots (one kind of separator per number, the first
// group four digits; a dotted number is a whole token), whose prefix is a known issuer identification number for that
// length and whose Luhn check digit is right. It never reports a digit run
// glued to letters or other digits (a stretch of a hash, a base64 blob or
// a UUID), a run of one repeated digit, a group that is hyphen-joined
// to more digits (a UUID, a date, a phone number), or groups of four that
// are a slice of a list of four-digit numbers (event IDs, ports: see
// inFourDigitList). Value is the digits;
// Country is empty, since an issuer number does not tell the holder's
// country.
func NewCardDetector() Detector { return cardDetector{} }

type cardDetector struct{}

func (cardDetector) Name() string { return "payment-card" }

func (cardDetector) Detect(t *Text, found func(Match)) {
	// The dotted numbers, found apart, go out in order among the others
	// (none overlaps one: a group beside a dot and a digit is glued).
	dotted := dottedCards(t)
	if t.mayHaveChain() {
		sc := newChainScanner(t, 13)
		for c, ok := sc.next(); ok; c, ok = sc.next() {
			for i := 0; i < len(c.groups); {
				j, digits, ok := cardWindow(c, i)
				if !ok {
					i++
					continue
				}
				start, end := t.Orig(c.groups[i].start, c.groups[j].end)
				for len(dotted) > 0 && dotted[0].Start < start {
					found(dotted[0])
					dotted = dotted[1:]
				}
				found(Match{Kind: PaymentCard, Start: start, End: end, Value: string(digits)})
				i = j + 1
			}
		}
	}
	for _, m := range dotted {
		found(m)
	}
}

// dottedCards returns the card numbers of t's view written with dots
// between their groups ("4111.1111.1111.1111"), in order. Dots join
// version strings, addresses and OIDs too, so a dotted number must be a
// whole token on its own (glued refuses one inside a longer dotted run),
// printed as cards are (a first group of four digits, then groups of
// three to six), and pass validCard.
func dottedCards(t *Text) []Match {
	if !t.Has(ClassDigit|ClassDot) || t.runsIndexed && t.digits < 13 {
		return nil
	}
	n := t.Normal()
	var ms []Match
	for i := nextDottedChain(n, 0); i < len(n); i = nextDottedChain(n, i) {
		// The dotted run of digit groups from i.
		var groups [6]byteSpan
		ng, j := 0, i
		for {
			k := j
			for k < len(n) && isDigit(n[k]) {
				k++
			}
			if ng < len(groups) {
				groups[ng] = byteSpan{j, k}
			}
			ng++
			j = k
			if j+1 < len(n) && n[j] == '.' && isDigit(n[j+1]) {
				j++
				continue
			}
			break
		}
		start := i
		i = j
		if ng < 2 || ng > len(groups) || groups[0].len() != 4 || glued(n, start, -1) || glued(n, j, +1) {
			continue
		}
		var d [19]byte
		digits := d[:0]
		ok := true
		for _, g := range groups[:ng] {
			if g.start > start && (g.len() < 3 || g.len() > 6) || len(digits)+g.len() > len(d) {
				ok = false
				break
			}
			digits = append(digits, n[g.start:g.end]...)
		}
		if !ok || len(digits) < 13 || !validCard(digits) {
			continue
		}
		s, e := t.Orig(start, j)
		ms = append(ms, Match{Kind: PaymentCard, Start: s, End: e, Value: string(digits)})
	}
	return ms
}

// nextDottedChain returns the offset, from i on, of the next chain of
// runs of digits joined by dots whose first run has four digits (the only
// chains dottedCards accepts), or len(n). It goes from dot to dot, which
// prose has fewer of than digits, and a dot is found fast: where the
// chain's first dot stands after four digits that start a run, and the
// run does not itself follow a digit and a dot (it would not start the
// chain), a chain starts.
func nextDottedChain(n string, i int) int {
	for k := i + 4; k+1 < len(n); k++ {
		d := strings.IndexByte(n[k:len(n)-1], '.')
		if d < 0 {
			break
		}
		k += d
		start := k - 4
		if start < i || !isDigit(n[k+1]) || !isDigit(n[start]) || !isDigit(n[start+1]) || !isDigit(n[start+2]) || !isDigit(n[start+3]) {
			continue
		}
		if start > 0 && isDigit(n[start-1]) || start > 1 && n[start-1] == '.' && isDigit(n[start-2]) {
			continue
		}
		return start
	}
	return len(n)
}

// cardWindow finds the longest run of groups from i that reads as a card
// number, and returns its last group and its digits.
func cardWindow(c digitChain, i int) (int, []byte, bool) {
	if !c.openLeft(i) {
		return 0, nil, false
	}
	first := c.groups[i].len()
	if first != 4 && (first < 13 || first > 19) {
		return 0, nil, false
	}
	// The longest candidate is six groups (4+3*5 would already pass 19).
	last := min(len(c.groups)-1, i+5)
	if first != 4 {
		last = i
	}
	for j := last; j >= i; j-- {
		if !c.openRight(j) || !c.sameSeparator(i, j) || first == 4 && c.inFourDigitList(i, j) {
			continue
		}
		// Groups after the first hold 3 to 6 digits, as card printing
		// does (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-4-3).
		n := first
		ok := true
		for k := i + 1; k <= j && ok; k++ {
			l := c.groups[k].len()
			ok = l >= 3 && l <= 6
			n += l
		}
		if !ok || n < 13 || n > 19 {
			continue
		}
		var d [19]byte
		digits := c.appendDigits(d[:0], i, j)
		if validCard(digits) {
			return j, digits, true
		}
	}
	return 0, nil, false
}

// inFourDigitList reports whether groups i..j, printed in groups of four
// with spaces, are a slice of a list of four-digit numbers ("event IDs
// 4624 4625 4648 4672 4688 4697 4698", ports, years) rather than a card:
// another group of four digits stands one space before them, or one
// after them that is not an expiry date written MMYY ("4111 1111 1111
// 1111 0825" is a card and its expiry). A card is printed in at most four
// groups of four.
func (c digitChain) inFourDigitList(i, j int) bool {
	if j > i && c.sep(i) != ' ' {
		return false
	}
	if i > 0 && c.sep(i-1) == ' ' && c.groups[i-1].len() == 4 {
		return true
	}
	if j+1 < len(c.groups) && c.sep(j) == ' ' && c.groups[j+1].len() == 4 {
		g := c.groups[j+1]
		month := int(c.s[g.start]-'0')*10 + int(c.s[g.start+1]-'0')
		return month < 1 || month > 12
	}
	return false
}

// validCard reports whether digits is a card number: a known issuer range
// for its length, not one digit repeated, Luhn valid.
func validCard(d []byte) bool {
	if oneDigitRepeated(d) || !cardIssuer(d) {
		return false
	}
	return luhn(d)
}

// cardIssuer reports whether d starts with an issuer identification number
// in use for numbers of its length. The ranges follow the table in the
// English Wikipedia article "Payment card number" (checked here only
// against secondary copies of it; no network's own guide was at hand):
// Visa 4 (13, 16, 19 digits); Mastercard 51-55 and
// 2221-2720 (16); American Express 34, 37 (15); Discover 6011, 644-649,
// 65 (16-19); JCB 3528-3589 (16-19); Diners Club 300-305, 3095, 36, 38,
// 39 (14-19); UnionPay 62 and 81 (16-19); Maestro 50, 56-69 (13-19);
// Mir 2200-2204 (16-19); RuPay 508 (16; its 60 and 652 ranges fall in
// Maestro's and Discover's); Troy 9792 (16).
// Numbers starting with 1 (UATP, and every epoch time in milliseconds)
// are left out on purpose.
func cardIssuer(d []byte) bool {
	n := len(d)
	p2 := leadingNumber(d, 2)
	p3 := leadingNumber(d, 3)
	p4 := leadingNumber(d, 4)
	switch {
	case d[0] == '4':
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720:
		return n == 16
	case p2 == 34 || p2 == 37:
		return n == 15
	case p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65:
		return n >= 16
	case p4 >= 3528 && p4 <= 3589:
		return n >= 16
	case p3 >= 300 && p3 <= 305, p4 == 3095, p2 == 36, p2 == 38, p2 == 39:
		return n >= 14
	case p2 == 62, p2 == 81:
		return n >= 16
	case p4 >= 2200 && p4 <= 2204:
		return n >= 16
	case p3 == 508:
		return n == 16
	case p4 == 9792:
		return n == 16
	case p2 == 50, p2 >= 56 && p2 <= 69:
		return true
	}
	return false
}

// leadingNumber returns the number the first n digits of d spell.
func leadingNumber(d []byte, n int) int {
	v := 0
	for _, c := range d[:n] {
		v = v*10 + int(c-'0')
	}
	return v
}

// luhn reports whether the last digit of d is its Luhn check digit
// (ISO/IEC 7812-1 annex B).
func luhn(d []byte) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if double {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
		double = !double
	}
	return sum%10 == 0
}

// oneDigitRepeated reports whether d is one digit over and over (4444 4444 ...),
// a placeholder rather than a number.
func oneDigitRepeated(d []byte) bool {
	for _, c := range d[1:] {
		if c != d[0] {
			return false
		}
	}
	return true
}

// checksumDetectors returns the built-in detectors that validate a
// number by its check digits or number plan: payment cards, IBANs, US
// SSNs, UK national insurance numbers and UK NHS numbers.
func checksumDetectors() []Detector {
	return []Detector{
		NewCardDetector(),
		NewIBANDetector(),
		NewSSNDetector(),
		NewNINODetector(),
		NewNHSDetector(),
	}
}

// The numeric detectors share one view of the text: chains of ASCII digit
// groups joined by single spaces or hyphens, each chain not glued to a
// letter, digit or word-joining punctuation at either end.

// maxChainGroups bounds a chain; a longer one (a table of numbers joined by
// single spaces) is cut into chains of this many groups, which can only
// lose a match that straddles the cut.
const maxChainGroups = 32

// A byteSpan is a byte range [start, end) of the normalised view.
type byteSpan struct{ start, end int }

func (s byteSpan) len() int { return s.end - s.start }

// A digitChain is a maximal sequence of digit groups, each joined to the
// next by exactly one separator byte (' ' or '-').
type digitChain struct {
	s      string
	groups []byteSpan
	// gluedLeft and gluedRight say the chain touches something that makes
	// it part of a longer token (see glued).
	gluedLeft, gluedRight bool
}

// sep returns the separator between groups k and k+1.
func (c digitChain) sep(k int) byte { return c.s[c.groups[k].end] }

// sameSeparator reports whether groups i..j are joined by one kind of
// separator.
func (c digitChain) sameSeparator(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if c.sep(k) != c.sep(i) {
			return false
		}
	}
	return true
}

// openLeft reports whether a number may start at group i: the chain's
// own start must not be glued, and a group inside the chain must not be
// hyphen-joined to the one before (a UUID, a date, a +CC-prefixed phone).
func (c digitChain) openLeft(i int) bool {
	if i == 0 {
		return !c.gluedLeft
	}
	return c.sep(i-1) == ' '
}

// openRight is openLeft for the end of a number at group j.
func (c digitChain) openRight(j int) bool {
	if j == len(c.groups)-1 {
		return !c.gluedRight
	}
	return c.sep(j) == ' '
}

// exact reports whether groups i.. have the given lengths, joined by one
// kind of separator, and stand alone: a hyphenated number may sit in a
// list of numbers separated by spaces, but a space-separated (or bare)
// number must be the whole chain, since a space-separated piece of a
// longer run of digits is not a number of its own.
func (c digitChain) exact(i int, lens ...int) bool {
	j := i + len(lens) - 1
	if j >= len(c.groups) {
		return false
	}
	for k, l := range lens {
		if c.groups[i+k].len() != l {
			return false
		}
	}
	if !c.sameSeparator(i, j) {
		return false
	}
	if j > i && c.sep(i) == '-' {
		return c.openLeft(i) && c.openRight(j)
	}
	return i == 0 && j == len(c.groups)-1 && !c.gluedLeft && !c.gluedRight
}

// appendDigits appends the digits of groups i..j to dst.
func (c digitChain) appendDigits(dst []byte, i, j int) []byte {
	for k := i; k <= j; k++ {
		dst = append(dst, c.s[c.groups[k].start:c.groups[k].end]...)
	}
	return dst
}

// A chainScanner finds the digit chains of a string in turn, without
// allocating: its groups live in buf.
type chainScanner struct {
	s         string
	i         int
	minDigits int // chains with fewer digits are skipped unseen
	runs      digitRunCursor
	buf       [maxChainGroups]byteSpan
}

// chainIndex returns the index of runs a chain scanner for chains of at
// least minDigits digits walks.
func chainIndex(minDigits int) runIndex {
	if minDigits >= longChainDigits {
		return longChains
	}
	return allRuns
}

// newChainScanner returns a scanner of the chains of t's view with at
// least minDigits digits. With minDigits of longChainDigits or more, it
// visits only the long chains Reset indexed: the others have too few.
func newChainScanner(t *Text, minDigits int) chainScanner {
	return chainScanner{s: t.Normal(), minDigits: minDigits, runs: newDigitRunCursor(t, chainIndex(minDigits))}
}

// next returns the next chain with at least minDigits digits.
func (sc *chainScanner) next() (digitChain, bool) {
	s := sc.s
	for sc.i < len(s) {
		// sc.i is 0 or just past a chain's digits, so the first digit
		// from there starts a run, and a chain.
		i := sc.runs.next(sc.i)
		if i == len(s) {
			sc.i = i
			break
		}
		n, digits := 0, 0
		for {
			j := i
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			sc.buf[n] = byteSpan{i, j}
			n++
			digits += j - i
			i = j
			if n == maxChainGroups {
				break
			}
			if j+1 < len(s) && (s[j] == ' ' || s[j] == '-') && isDigit(s[j+1]) {
				i = j + 1
				continue
			}
			break
		}
		start := sc.buf[0].start
		// Skip the rest of a run that was cut at maxChainGroups.
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		sc.i = i
		if digits < sc.minDigits {
			continue
		}
		return digitChain{
			s:          s,
			groups:     sc.buf[:n],
			gluedLeft:  glued(s, start, -1),
			gluedRight: glued(s, sc.buf[n-1].end, +1),
		}, true
	}
	return digitChain{}, false
}

// glued reports whether the token boundary at s[i] (dir -1: the token
// starts at i; dir +1: it ends just before i) is not a real boundary: the
// neighbouring character joins a word (joinsWord: a letter, digit or
// underscore, but not a quotation mark or a CJK character), or it is
// punctuation that joins words into one token (. / \ + - _ @ , :) with
// such a character right behind it. That is what keeps a digit run inside a
// hash, a base64 blob, a version string, a decimal, a file name or a URL
// from reading as a number of its own.
func glued(s string, i, dir int) bool {
	// The common cases in ASCII, without decoding.
	k := i
	if dir < 0 {
		k--
	}
	if k < 0 || k >= len(s) {
		return false
	}
	if c := s[k]; c < utf8.RuneSelf {
		switch {
		case isASCIIAlnum(c) || c == '_':
			return true
		case c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')' || c == '"' || c == ';' || c == '=':
			return false
		}
	}
	r, n := runeBeside(s, i, dir)
	if n == 0 {
		return false
	}
	if joinsWord(r) {
		return true
	}
	switch r {
	case '.', '/', '\\', '+', '-', '@', ',', ':':
		if dir < 0 {
			i -= n
		} else {
			i += n
		}
		r2, n2 := runeBeside(s, i, dir)
		if n2 == 0 {
			return false
		}
		if r == ':' || r == ',' {
			// "card:4111..." and "a, 4111" are labels and lists; only a
			// digit makes these glue ("12:34", "1,234").
			return unicode.IsDigit(r2)
		}
		return joinsWord(r2)
	}
	return false
}

// runeBeside returns the rune before i (dir -1) or at i (dir +1), and its
// width; width 0 at the edge of s.
func runeBeside(s string, i, dir int) (rune, int) {
	if dir < 0 {
		if i <= 0 {
			return 0, 0
		}
		return utf8.DecodeLastRuneInString(s[:i])
	}
	if i >= len(s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}
