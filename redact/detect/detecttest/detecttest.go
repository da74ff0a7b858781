package detecttest

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/airlock-cti/airlock/redact/detect"
)

// A Positive is a text holding a datum the detector must find.
type Positive struct {
	// Text holds the datum, with whatever context the detector needs.
	Text string
	// Datum is the part of Text a match must cover (its first occurrence);
	// empty means all of Text.
	Datum string
	// Kind, when not empty, is the kind the covering match must have.
	Kind detect.Kind
	// Value, when not empty, is the Value the covering match must have.
	Value string
}

// Cases are the examples a detector is checked on.
type Cases struct {
	Positives []Positive
	Negatives []string
	// Variants are the rewritings of each positive's text that must still
	// be found, with the same Value.
	Variants Variant
}

// A Variant is a way of rewriting a positive's text.
type Variant uint8

// The variants. Each applies to the whole text of a positive.
const (
	// Fullwidth writes printable ASCII as its fullwidth form
	// (U+FF01..U+FF5E); spaces stay.
	Fullwidth Variant = 1 << iota
	// ZeroWidth puts U+200B ZERO WIDTH SPACE between the characters of the
	// text before, in and after the datum (not at their joins).
	ZeroWidth
	// Defanged writes "." as "[.]", "@" as "[at]" and "http" as "hxxp".
	Defanged

	// AllVariants is every variant.
	AllVariants = Fullwidth | ZeroWidth | Defanged
)

// Timeout bounds how long one Detect call may take on the hostile inputs
// (up to 1 MiB); a detector that is quadratic somewhere runs past it.
const Timeout = 30 * time.Second

// Run checks d against the contract and c, reporting each problem as a
// test error in a subtest named for what it checks.
//
// With go test -short the hostile inputs are 64 KiB instead of 1 MiB.
func Run(t *testing.T, d detect.Detector, c Cases) {
	t.Helper()
	size := fullSize
	if testing.Short() {
		size = shortSize
	}
	for _, part := range parts {
		t.Run(part.name, func(t *testing.T) {
			for _, err := range part.check(d, c, size) {
				t.Error(err)
			}
		})
	}
}

// The sizes of the long hostile inputs.
const (
	fullSize  = 1 << 20
	shortSize = 1 << 16
)

// Check checks d against the contract and c and returns every problem
// found, joined, or nil. Inside go test -short, the hostile inputs are
// 64 KiB, as with Run.
func Check(d detect.Detector, c Cases) error {
	size := fullSize
	if testing.Testing() && flag.Parsed() && testing.Short() {
		size = shortSize
	}
	return check(d, c, size)
}

func check(d detect.Detector, c Cases, size int) error {
	var errs []error
	for _, part := range parts {
		for _, err := range part.check(d, c, size) {
			errs = append(errs, fmt.Errorf("%s: %w", part.name, err))
		}
	}
	return errors.Join(errs...)
}

var parts = []struct {
	name  string
	check func(d detect.Detector, c Cases, size int) []error
}{
	{"name", checkName},
	{"hostile", checkHostile},
	{"positives", checkPositives},
	{"negatives", checkNegatives},
	{"variants", checkVariants},
	{"deterministic", checkDeterministic},
	{"concurrent", checkConcurrent},
}

func checkName(d detect.Detector, _ Cases, _ int) []error {
	if d.Name() == "" {
		return []error{errors.New("Name() is empty")}
	}
	return nil
}

// detect runs d on s, recovering a panic and bounding the time.
func detect1(d detect.Detector, t *detect.Text) (ms []detect.Match, err error) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		d.Detect(t, func(m detect.Match) { ms = append(ms, m) })
	}()
	select {
	case <-done:
		return ms, err
	case <-time.After(Timeout):
		return nil, fmt.Errorf("the detector's Detect did not return within %v", Timeout)
	}
}

// run runs d on s and validates the matches; name says which input it was
// in errors.
func run(d detect.Detector, s, name string) ([]detect.Match, []error) {
	t := detect.NewText(s)
	ms, err := detect1(d, t)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %w", name, err)}
	}
	if t.String() != s {
		return ms, []error{fmt.Errorf("%s: Detect changed the Text", name)}
	}
	return ms, validate(s, ms, name)
}

// validate checks the matches of one text against the contract.
func validate(s string, ms []detect.Match, name string) []error {
	var errs []error
	var bounds []bool // lazily: bounds[i] says i is a decoding boundary
	isBoundary := func(i int) bool {
		if bounds == nil {
			bounds = make([]bool, len(s)+1)
			for k := 0; k < len(s); {
				bounds[k] = true
				_, size := utf8.DecodeRuneInString(s[k:])
				k += size
			}
			bounds[len(s)] = true
		}
		return bounds[i]
	}
	for k, m := range ms {
		switch {
		case m.Start < 0 || m.End > len(s) || m.Start >= m.End:
			errs = append(errs, fmt.Errorf("%s: match %d span [%d,%d) is empty or outside the text (length %d)", name, k, m.Start, m.End, len(s)))
			continue
		case !isBoundary(m.Start) || !isBoundary(m.End):
			errs = append(errs, fmt.Errorf("%s: match %d span [%d,%d) is not on UTF-8 boundaries", name, k, m.Start, m.End))
		}
		if k > 0 && m.Start < ms[k-1].Start {
			errs = append(errs, fmt.Errorf("%s: match %d starts at %d, before match %d at %d", name, k, m.Start, k-1, ms[k-1].Start))
		}
		if m.Kind == "" {
			errs = append(errs, fmt.Errorf("%s: match %d has no Kind", name, k))
		}
		if m.Value == "" {
			errs = append(errs, fmt.Errorf("%s: match %d has an empty Value", name, k))
		}
	}
	return errs
}

// hostile returns the inputs no detector may fail on, named; the long
// ones are size bytes, the positives repeated a quarter of that.
func hostile(c Cases, size int) (names, inputs []string) {
	add := func(name, s string) {
		names = append(names, name)
		inputs = append(inputs, s)
	}
	var all strings.Builder
	for b := range 256 {
		add(fmt.Sprintf("byte %#02x", b), string([]byte{byte(b)}))
		all.WriteByte(byte(b))
	}
	add("every byte", all.String())
	add("every byte twice", strings.Repeat(all.String(), 2))
	for _, s := range []string{"\xff\xfe", "\xc0\x80", "\xed\xa0\x80", "\xe2\x82", "\xf4\x90\x80\x80", "a\x00@\x00b.com", "\x00"} {
		add(fmt.Sprintf("bytes %q", s), s)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 7, 64, 1000, 1 << 16} {
		b := make([]byte, n)
		for k := range b {
			b[k] = byte(rng.UintN(256))
		}
		add(fmt.Sprintf("random %d bytes", n), string(b))
		// Random text from the characters detectors care about.
		const alphabet = "0123456789abcdefABCDEF:.-@/\\ []()%+_xh\u200b\uff10\u0301"
		rs := []rune(alphabet)
		var sb strings.Builder
		for range n {
			sb.WriteRune(rs[rng.IntN(len(rs))])
		}
		add(fmt.Sprintf("random %d runes", n), sb.String())
	}
	for _, unit := range []string{
		"@", "1", "1.", "1-", "1 ", "a:", "::", "[.]", "%41", "\u200b", "(", "[", " at ", "a at b dot ",
		"\\", "/", "?name=", "e\u0301", "\u0301", "hxxp", "ａ", "\xff",
	} {
		add(fmt.Sprintf("%q repeated to %d bytes", unit, size), strings.Repeat(unit, size/len(unit)))
	}
	for k, p := range c.Positives {
		if p.Text != "" {
			add(fmt.Sprintf("positive %d repeated", k), strings.Repeat(p.Text+" ", size/4/(len(p.Text)+1)))
			add(fmt.Sprintf("positive %d repeated with no space", k), strings.Repeat(p.Text, size/16/len(p.Text)+1))
		}
	}
	return names, inputs
}

func checkHostile(d detect.Detector, c Cases, size int) []error {
	var errs []error
	names, inputs := hostile(c, size)
	for k, s := range inputs {
		_, e := run(d, s, names[k])
		errs = append(errs, e...)
		if len(errs) > 20 {
			return append(errs, errors.New("too many problems; stopped"))
		}
	}
	return errs
}

// contexts are the surroundings each positive is found in: prefix and
// suffix.
var contexts = [][2]string{
	{"", ""},
	{"see ", " now"},
	{"(", ")"},
	{"\"", "\""},
	{"line one\n", "\nline three"},
	{"x: ", ", y"},
}

// covering returns the first match that covers [ds, de) and lies within
// [ts, te), or false.
func covering(ms []detect.Match, ds, de, ts, te int, p Positive) (detect.Match, bool) {
	for _, m := range ms {
		if m.Start <= ds && m.End >= de && m.Start >= ts && m.End <= te &&
			(p.Kind == "" || m.Kind == p.Kind) && (p.Value == "" || m.Value == p.Value) {
			return m, true
		}
	}
	return detect.Match{}, false
}

func datumSpan(p Positive) (int, int, error) {
	if p.Datum == "" {
		return 0, len(p.Text), nil
	}
	k := strings.Index(p.Text, p.Datum)
	if k < 0 {
		return 0, 0, fmt.Errorf("positive %q: datum %q is not in the text", p.Text, p.Datum)
	}
	return k, k + len(p.Datum), nil
}

func checkPositives(d detect.Detector, c Cases, _ int) []error {
	var errs []error
	for _, p := range c.Positives {
		ds, de, err := datumSpan(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, cx := range contexts {
			s := cx[0] + p.Text + cx[1]
			name := fmt.Sprintf("positive %q in context %q", p.Text, cx)
			ms, e := run(d, s, name)
			errs = append(errs, e...)
			off := len(cx[0])
			if _, ok := covering(ms, off+ds, off+de, off, off+len(p.Text), p); !ok && len(e) == 0 {
				errs = append(errs, fmt.Errorf("%s: no match covers %q (found %v)", name, p.Text[ds:de], ms))
			}
		}
	}
	return errs
}

func checkNegatives(d detect.Detector, c Cases, _ int) []error {
	var errs []error
	for _, s := range c.Negatives {
		for _, cx := range contexts {
			w := cx[0] + s + cx[1]
			name := fmt.Sprintf("negative %q in context %q", s, cx)
			ms, e := run(d, w, name)
			errs = append(errs, e...)
			if len(ms) > 0 {
				errs = append(errs, fmt.Errorf("%s: found %v", name, ms))
			}
		}
	}
	return errs
}

// rewrite applies one variant to s.
func rewrite(v Variant, s string) string {
	var b strings.Builder
	switch v {
	case Fullwidth:
		for _, r := range s {
			if r > ' ' && r < 0x7F {
				r += 0xFF01 - '!'
			}
			b.WriteRune(r)
		}
	case ZeroWidth:
		for k, r := range s {
			if k > 0 {
				b.WriteString("\u200b")
			}
			b.WriteRune(r)
		}
	case Defanged:
		s = strings.ReplaceAll(s, "http", "hxxp")
		s = strings.ReplaceAll(s, ".", "[.]")
		return strings.ReplaceAll(s, "@", "[at]")
	}
	return b.String()
}

func checkVariants(d detect.Detector, c Cases, _ int) []error {
	var errs []error
	for _, p := range c.Positives {
		ds, de, err := datumSpan(p)
		if err != nil {
			continue // reported by positives
		}
		plain, _ := run(d, p.Text, "plain")
		want, ok := covering(plain, ds, de, 0, len(p.Text), p)
		if !ok {
			continue // reported by positives
		}
		for _, v := range []Variant{Fullwidth, ZeroWidth, Defanged} {
			if c.Variants&v == 0 {
				continue
			}
			pre, dat, post := rewrite(v, p.Text[:ds]), rewrite(v, p.Text[ds:de]), rewrite(v, p.Text[de:])
			s := pre + dat + post
			name := fmt.Sprintf("positive %q as %s %q", p.Text, v, s)
			ms, e := run(d, s, name)
			errs = append(errs, e...)
			q := p
			q.Value = want.Value
			if _, ok := covering(ms, len(pre), len(pre)+len(dat), 0, len(s), q); !ok && len(e) == 0 {
				errs = append(errs, fmt.Errorf("%s: no match covers the datum with Value %q (found %v)", name, want.Value, ms))
			}
		}
	}
	return errs
}

// String names the variant.
func (v Variant) String() string {
	switch v {
	case Fullwidth:
		return "fullwidth"
	case ZeroWidth:
		return "zero-width"
	case Defanged:
		return "defanged"
	}
	return fmt.Sprintf("Variant(%d)", uint8(v))
}

// sample returns the inputs the determinism and concurrency checks use.
func sample(c Cases) []string {
	var in []string
	for _, p := range c.Positives {
		in = append(in, p.Text, "see "+p.Text+" and "+p.Text)
	}
	in = append(in, c.Negatives...)
	in = append(in, "", "\xff\xfe", strings.Repeat("a@b.c 1.2.3.4 ", 100))
	return in
}

func checkDeterministic(d detect.Detector, c Cases, _ int) []error {
	var errs []error
	for _, s := range sample(c) {
		a, e1 := run(d, s, "first run")
		b, e2 := run(d, s, "second run")
		if len(e1)+len(e2) > 0 {
			continue // reported elsewhere
		}
		if !slices.Equal(a, b) {
			errs = append(errs, fmt.Errorf("input %q: two runs differ: %v then %v", s, a, b))
		}
	}
	return errs
}

func checkConcurrent(d detect.Detector, c Cases, _ int) []error {
	in := sample(c)
	texts := make([]*detect.Text, len(in))
	want := make([][]detect.Match, len(in))
	for k, s := range in {
		texts[k] = detect.NewText(s)
		ms, err := detect1(d, texts[k])
		if err != nil {
			return nil // reported elsewhere
		}
		want[k] = ms
	}
	const goroutines = 8
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 4 {
				for k := range in {
					t := texts[k] // shared by all goroutines
					if (g+round)%2 == 1 {
						t = detect.NewText(in[k])
					}
					got, err := detect1(d, t)
					if err == nil && !slices.Equal(got, want[k]) {
						err = fmt.Errorf("input %q: concurrent run gave %v, want %v", in[k], got, want[k])
					}
					if err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	return errs
}
