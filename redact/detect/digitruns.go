package detect

import (
	"math"
	"math/bits"
	"strings"
)

// Many detectors look for numbers: the digit-chain scanner of payment
// cards, SSNs and NHS numbers, IBANs and NINOs (two letters, then
// digits), phone numbers. Rather than each testing every byte of the
// view, they jump from one run of digits to the next through an index
// Reset builds once, and to the next of a rare byte with nextByteAt.

// longChainDigits is the fewest digits of the chains Reset indexes: the
// fewest any chain scanner asks for (a US SSN's nine).
const longChainDigits = 9

// indexDigitRuns records where each run of ASCII digits of the view
// starts, and where each chain of runs (see chainScanner) with at least
// longChainDigits digits starts. A view of 2 GiB or more is not indexed:
// its offsets do not fit, and digitRunCursor scans it instead, as it
// does the view of a Text from NewText.
func (t *Text) indexDigitRuns() {
	t.longChains, t.digits = t.longChains[:0], 0
	t.phoneRuns, t.letterRuns = t.phoneRuns[:0], t.letterRuns[:0]
	t.runsIndexed = len(t.norm) < math.MaxInt32
	if !t.runsIndexed || !t.Has(ClassDigit) {
		return
	}
	n := t.norm
	// The chain being read: where it starts, its groups (whole runs)
	// and digits, and where its last run ends.
	chain, groups, digits, end := 0, 0, 0, 0
	for i := nextDigit(n, 0); i < len(n); i = nextDigit(n, i+1) {
		start := i
		for i+1 < len(n) && isDigit(n[i+1]) {
			i++
		}
		t.digits += i + 1 - start
		// phoneLeftOK and afterTwoLetters, most runs refused by the byte
		// before them without a call.
		before := uint8(runPhone)
		if start > 0 {
			before = runBefore[n[start-1]]
		}
		if before&runPhone != 0 || before&runPhoneAfterLetter != 0 && letterBefore(n, start-1) ||
			before&runPhoneAfterRune != 0 && !joinsBefore(n, start) ||
			before&runPhoneAfterNonDigit != 0 && (start < 2 || !isDigit(n[start-2])) {
			t.phoneRuns = append(t.phoneRuns, int32(start))
		}
		if before&runLetter != 0 && afterTwoLetters(n, start) {
			t.letterRuns = append(t.letterRuns, int32(start))
		}
		// chainScanner joins a run to the chain when one ' ' or '-'
		// stands between, up to maxChainGroups groups.
		if groups == 0 || groups == maxChainGroups || start != end+1 || n[end] != ' ' && n[end] != '-' {
			if digits >= longChainDigits {
				t.longChains = append(t.longChains, int32(chain))
			}
			chain, groups, digits = start, 0, 0
		}
		groups++
		digits += i + 1 - start
		end = i + 1
	}
	if digits >= longChainDigits {
		t.longChains = append(t.longChains, int32(chain))
	}
}

// What the byte before a run of digits tells of it, in runBefore.
const (
	runPhone              = 1 << iota // phoneLeftOK accepts the run
	runPhoneAfterLetter               // it does if a letter stands before that byte
	runLetter                         // afterTwoLetters may accept the run
	runPhoneAfterRune                 // it does unless the character that byte ends joins a word
	runPhoneAfterNonDigit             // it does unless a digit stands before that byte
)

// runBefore holds, for each byte, what it tells of a run of digits after
// it: phoneLeftOK's answer and whether afterTwoLetters needs looking at.
// Never written after initialisation.
var runBefore = func() (t [256]uint8) {
	for c := range 256 {
		b := byte(c)
		switch {
		case b >= 0x80:
			t[c] = runPhoneAfterRune
		case isWordByte(b):
		case b == ':' || b == '=':
			t[c] = runPhoneAfterLetter
		case b == ',':
			t[c] = runPhoneAfterNonDigit
		case strings.IndexByte(".-+/\\@#%&$*", b) >= 0:
		default:
			t[c] = runPhone
		}
		if isASCIILetter(b) || b == ' ' {
			t[c] |= runLetter
		}
	}
	return t
}()

// afterTwoLetters reports whether the run of digits at n[r:] may follow
// the two letters of an IBAN or a NINO: two ASCII letters stand right
// before it, or before a space before it, and no letter, digit or
// underscore before them (glued would refuse them).
func afterTwoLetters(n string, r int) bool {
	k := r - 1
	if k >= 0 && n[k] == ' ' {
		k--
	}
	return k >= 1 && isASCIILetter(n[k]) && isASCIILetter(n[k-1]) && !isWordByteAt(n, k-2)
}

// mayHaveChain reports whether the view may hold a chain of digit runs
// with at least longChainDigits digits: false only when the index says
// it holds none.
func (t *Text) mayHaveChain() bool {
	return t.Has(ClassDigit) && (!t.runsIndexed || len(t.longChains) > 0)
}

// nextDigit returns the offset of the first ASCII digit of n at or
// after i, or len(n). It reads eight bytes at a time: in a word of ASCII
// bytes, adding 0x50 sets a byte's top bit when it is at least '0' and
// adding 0x46 when it is above '9', without carries between bytes; a
// word with a non-ASCII byte is read a byte at a time.
func nextDigit(n string, i int) int {
	const (
		ones = 0x0101010101010101
		tops = 0x80 * ones
	)
	for i+8 <= len(n) {
		w := n[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x&tops != 0 {
			for end := i + 8; i < end; i++ {
				if isDigit(n[i]) {
					return i
				}
			}
			continue
		}
		if digits := (x + 0x50*ones) &^ (x + 0x46*ones) & tops; digits != 0 {
			return i + bits.TrailingZeros64(digits)/8
		}
		i += 8
	}
	for ; i < len(n); i++ {
		if isDigit(n[i]) {
			return i
		}
	}
	return len(n)
}

// A runIndex names one of the indexes of digit runs Reset builds.
type runIndex uint8

const (
	allRuns    runIndex = iota // every run: none is indexed, the view is scanned
	longChains                 // the long chains (Text.longChains)
	phoneRuns                  // the runs phoneLeftOK accepts (Text.phoneRuns)
	letterRuns                 // the runs after two letters (Text.letterRuns)
)

// A digitRunCursor walks the starts of one index of the view's runs of
// digits, in order; where Reset built none, or for allRuns, every run.
type digitRunCursor struct {
	t *Text
	// rest is the index walked from the next offset to look at on.
	rest []int32
	// scan says the view is scanned for runs instead.
	scan bool
}

// newDigitRunCursor returns a cursor over t's index x.
func newDigitRunCursor(t *Text, x runIndex) digitRunCursor {
	c := digitRunCursor{t: t, scan: !t.runsIndexed || x == allRuns}
	switch x {
	case longChains:
		c.rest = t.longChains
	case phoneRuns:
		c.rest = t.phoneRuns
	case letterRuns:
		c.rest = t.letterRuns
	}
	return c
}

// next returns the offset of the first run of digits of the view in the
// cursor's index that starts at or after i (where there is no index, of
// the first run), or len(view) if none does. i must not be less than in
// the cursor's previous call.
func (c *digitRunCursor) next(i int) int {
	// Small enough to inline: the answer is most often the offset after
	// the one last returned.
	if r := c.rest; len(r) > 1 && int(r[0]) < i && int(r[1]) >= i {
		c.rest = r[1:]
		return int(r[1])
	}
	return c.seek(i)
}

// seek is next's general case.
func (c *digitRunCursor) seek(i int) int {
	n := c.t.norm
	if c.scan {
		for ; i < len(n); i++ {
			if isDigit(n[i]) && (i == 0 || !isDigit(n[i-1])) {
				return i
			}
		}
		return len(n)
	}
	for len(c.rest) > 0 && int(c.rest[0]) < i {
		c.rest = c.rest[1:]
	}
	if len(c.rest) == 0 {
		return len(n)
	}
	return int(c.rest[0])
}

// nextByteAt returns the offset of the first c in n at or after i, or
// len(n). *at caches the previous answer: i must not be less than in
// the previous call with the same at, which starts at -1.
func nextByteAt(n string, i int, c byte, at *int) int {
	// Small enough to inline: most calls find the answer cached.
	if *at >= i {
		return *at
	}
	return searchByteAt(n, i, c, at)
}

// searchByteAt is nextByteAt's search, when the cached answer lies
// before i.
func searchByteAt(n string, i int, c byte, at *int) int {
	*at = len(n)
	if k := strings.IndexByte(n[i:], c); k >= 0 {
		*at = i + k
	}
	return *at
}
