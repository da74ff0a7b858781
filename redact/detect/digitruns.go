package detect

import (
	"math"
	"strings"
)

// Many detectors look for numbers: the digit-chain scanner of payment
// cards, SSNs and NHS numbers, IBANs and NINOs (two letters, then
// digits), phone numbers. Rather than each testing every byte of the
// view, they jump from one run of digits to the next through an index
// Reset builds once, and to the next of a rare byte with nextByteAt.

// indexDigitRuns records where each run of ASCII digits of the view
// starts. A view of 2 GiB or more is not indexed: its offsets do not fit,
// and digitRunCursor scans it instead, as it does the view of a Text
// from NewText.
func (t *Text) indexDigitRuns() {
	t.digitRuns = t.digitRuns[:0]
	t.runsIndexed = len(t.norm) < math.MaxInt32
	if !t.runsIndexed || !t.Has(ClassDigit) {
		return
	}
	n := t.norm
	for i := 0; i < len(n); i++ {
		if isDigit(n[i]) {
			t.digitRuns = append(t.digitRuns, int32(i))
			for i+1 < len(n) && isDigit(n[i+1]) {
				i++
			}
		}
	}
}

// A digitRunCursor walks the starts of the view's runs of digits in
// order.
type digitRunCursor struct {
	t *Text
	k int // the index of the next run to look at in t.digitRuns
}

// next returns the offset of the first run of digits of the view that
// starts at or after i, or len(view) if none does. i must not be less
// than in the cursor's previous call.
func (c *digitRunCursor) next(i int) int {
	t := c.t
	n := t.norm
	if !t.runsIndexed {
		for ; i < len(n); i++ {
			if isDigit(n[i]) && (i == 0 || !isDigit(n[i-1])) {
				return i
			}
		}
		return len(n)
	}
	for c.k < len(t.digitRuns) && int(t.digitRuns[c.k]) < i {
		c.k++
	}
	if c.k == len(t.digitRuns) {
		return len(n)
	}
	return int(t.digitRuns[c.k])
}

// nextByteAt returns the offset of the first c in n at or after i, or
// len(n). *at caches the previous answer: i must not be less than in
// the previous call with the same at, which starts at -1.
func nextByteAt(n string, i int, c byte, at *int) int {
	if *at < i {
		*at = len(n)
		if k := strings.IndexByte(n[i:], c); k >= 0 {
			*at = i + k
		}
	}
	return *at
}
