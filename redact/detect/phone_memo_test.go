package detect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// phoneCandidates returns n candidate texts of the shapes phoneAt hands
// to parsePhone: international with + or 00, national with the trunk 0,
// North American; valid numbers and invalid ones.
func phoneCandidates(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteByte(byte('0' + r.IntN(10)))
		}
		return b.String()
	}
	seps := []string{" ", "-", ".", "/"}
	out := []string{
		"+44 20 7946 0958", "020 7946 0958", "+442079460958", "0044 20 7946 0958", "+44 (0)20 7946 0958",
		"+1 (415) 555-0132", "(415) 555-0132", "415-555-0132", "1-800-555-0199", "613-555-0178",
		"+49 30 901820", "(030) 901820", "030/901820", "0049 30 901820", "0171/1234567",
		"+33 1 42 68 53 00", "01 42 68 53 00", "+61 2 9374 4000", "(02) 9374 4000", "030 12345678",
		"+999 1234 5678", "+44 20 7946 095",
	}
	for len(out) < n {
		var b strings.Builder
		switch r.IntN(4) {
		case 0:
			b.WriteString("+" + []string{"1", "44", "49", "33", "61", "39", "81", "7"}[r.IntN(8)])
		case 1:
			b.WriteString("00" + digits(2))
		case 2:
			b.WriteString("0" + digits(1+r.IntN(3)))
		default:
			b.WriteString(fmt.Sprintf("(%d%s)", 2+r.IntN(8), digits(2)))
		}
		for range 1 + r.IntN(4) {
			b.WriteString(seps[r.IntN(len(seps))] + digits(2+r.IntN(4)))
		}
		out = append(out, b.String())
	}
	return out
}

var phoneRegions = []string{"ZZ", "DE", "US", "GB", "FR", "AU"}

// TestPhoneMemoAgrees checks that a reading from the memo, remembered or
// not, is parsePhone's.
func TestPhoneMemoAgrees(t *testing.T) {
	m := newPhoneMemo()
	valid := 0
	for _, text := range phoneCandidates(3000) {
		for _, region := range phoneRegions {
			v, c, ok := parsePhone(text, region)
			if ok {
				valid++
			}
			for _, pass := range []string{"first", "remembered"} {
				mv, mc, mok := m.parse(text, region)
				if mv != v || mc != c || mok != ok {
					t.Errorf("%s reading of %q under %s: (%q, %q, %t), parsePhone (%q, %q, %t)", pass, text, region, mv, mc, mok, v, c, ok)
				}
			}
		}
	}
	if valid < 100 {
		t.Errorf("only %d valid readings: the candidates do not exercise the memo", valid)
	}
}

// TestPhoneMemoBounded checks that the memo never holds more than
// phoneMemoSize readings and still answers right after starting afresh.
func TestPhoneMemoBounded(t *testing.T) {
	m := newPhoneMemo()
	for i := range 3 * phoneMemoSize {
		m.parse(fmt.Sprintf("+44 20 7946 %04d", i%10000), "ZZ")
		if len(m.readings) > phoneMemoSize {
			t.Fatalf("after %d candidates the memo holds %d readings", i+1, len(m.readings))
		}
	}
	if v, c, ok := m.parse("+44 20 7946 0958", "ZZ"); v != "+442079460958" || c != "GB" || !ok {
		t.Errorf("after starting afresh: (%q, %q, %t)", v, c, ok)
	}
}

// TestPhoneMemoConcurrent reads the same candidates from several
// goroutines through one memo (run with -race).
func TestPhoneMemoConcurrent(t *testing.T) {
	m := newPhoneMemo()
	texts := phoneCandidates(200)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k, text := range texts {
				region := phoneRegions[(k+g)%len(phoneRegions)]
				v, c, ok := parsePhone(text, region)
				if mv, mc, mok := m.parse(text, region); mv != v || mc != c || mok != ok {
					t.Errorf("%q under %s: (%q, %q, %t), parsePhone (%q, %q, %t)", text, region, mv, mc, mok, v, c, ok)
				}
			}
		}()
	}
	wg.Wait()
}
