package detect

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestDigitRunCursor checks the cursor over Reset's index against a scan
// of the view (what it does for a Text from NewText), on random strings
// and from random rising offsets.
func TestDigitRunCursor(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"1", "23", "456", "a", "B", " ", "-", ".", "%31", "１２", "[.]", "é", ":", "(", "_"}
	var x Text
	for range 20000 {
		var b strings.Builder
		for range r.IntN(20) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		x.Reset(s)
		y := NewText(s)
		if x.Normal() != y.Normal() || y.runsIndexed || !x.runsIndexed {
			t.Fatalf("%q: views %q and %q, indexed %t and %t", s, x.Normal(), y.Normal(), x.runsIndexed, y.runsIndexed)
		}
		// The partial indexes are the runs their tests accept, and the
		// digits are counted.
		var phone, letter []int32
		digits := 0
		all := newDigitRunCursor(y, allRuns)
		for k := all.next(0); k < len(y.norm); k = all.next(k + 1) {
			if phoneLeftOK(y.norm, k) {
				phone = append(phone, int32(k))
			}
			if afterTwoLetters(y.norm, k) {
				letter = append(letter, int32(k))
			}
			for e := k; e < len(y.norm) && isDigit(y.norm[e]); e++ {
				digits++
			}
		}
		if !slices.Equal(phone, x.phoneRuns) || !slices.Equal(letter, x.letterRuns) || digits != x.digits {
			t.Fatalf("%q: phone runs %v, want %v; letter runs %v, want %v; %d digits, want %d", s, x.phoneRuns, phone, x.letterRuns, letter, x.digits, digits)
		}
		// A cursor over an index meets the runs a scan meets that the
		// index's test accepts.
		for _, idx := range []runIndex{phoneRuns, letterRuns} {
			indexed, scanning := newDigitRunCursor(&x, idx), newDigitRunCursor(y, idx)
			for i := 0; i <= len(x.Normal()); i += 1 + r.IntN(3) {
				want := scanning.next(i)
				for want < len(y.norm) && !(idx == phoneRuns && phoneLeftOK(y.norm, want) || idx == letterRuns && afterTwoLetters(y.norm, want)) {
					want = scanning.next(want + 1)
				}
				if got := indexed.next(i); got != want {
					t.Fatalf("in %q from %d: %d from the index %d, %d from a scan", x.Normal(), i, got, idx, want)
				}
			}
		}
	}
}

// TestChainScannerIndexed checks that chain scanners over Reset's index
// of long chains yield what they yield scanning the view.
func TestChainScannerIndexed(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"1", "23", "4567", "8901", " ", "-", "  ", "--", "a", ".", "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4", "４", "x9"}
	var x Text
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		x.Reset(s)
		y := NewText(s)
		for _, minDigits := range []int{9, 10, 13} {
			indexed, scanning := newChainScanner(&x, minDigits), newChainScanner(y, minDigits)
			for {
				a, okA := indexed.next()
				b, okB := scanning.next()
				if okA != okB || okA && (!slices.Equal(a.groups, b.groups) || a.gluedLeft != b.gluedLeft || a.gluedRight != b.gluedRight) {
					t.Fatalf("%q, %d digits: indexed (%v, %t), scanning (%v, %t)", s, minDigits, a.groups, okA, b.groups, okB)
				}
				if !okA {
					break
				}
			}
		}
	}
}

// TestNextDigit checks the eight-bytes-at-a-time digit search against a
// byte scan, for every byte at every place of a string and on random
// strings with non-ASCII bytes.
func TestNextDigit(t *testing.T) {
	scan := func(n string, i int) int {
		for ; i < len(n); i++ {
			if isDigit(n[i]) {
				return i
			}
		}
		return len(n)
	}
	check := func(n string) {
		for i := 0; i <= len(n); i++ {
			if got, want := nextDigit(n, i), scan(n, i); got != want {
				t.Fatalf("nextDigit(%q, %d) = %d, want %d", n, i, got, want)
			}
		}
	}
	base := []byte("no digits here, none at all!")
	for c := range 256 {
		for i := range base {
			n := slices.Clone(base)
			n[i] = byte(c)
			check(string(n))
		}
	}
	r := rand.New(rand.NewPCG(15, 16))
	pieces := []string{"1", "23", "a", "/", ":", "9", "0", " ", "é", "\xff", "１", "abcdefgh"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		check(b.String())
	}
}
