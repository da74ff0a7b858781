package detect

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// A Text is a string to scan and its normalised view. Build one with
// NewText (or reuse one with Reset); it is not safe for concurrent
// modification but may be read by several detectors at once.
//
// The normalised view is the original with, in this order:
//
//  1. each invalid UTF-8 byte replaced by U+FFFD;
//  2. NFKC applied, then width folding and Unicode case folding, so that
//     fullwidth, compatibility and upper-case forms read as their plain
//     lower-case letters ("ＪＯＨＮ" reads "john");
//  3. the decimal digits of other scripts, which NFKC leaves alone
//     (Arabic-Indic "٤٤", Devanagari "४४", Thai, ...), read as the ASCII
//     digits they stand for, so that "+٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨" is a phone number;
//     zero-width characters removed: U+200B..U+200D, U+2060, U+FEFF and
//     the soft hyphen U+00AD; the hyphens and dashes that stand between
//     digits and letters as '-' does (U+2010 hyphen, U+2011 non-breaking
//     hyphen, U+2012 figure dash, U+2013 en dash, U+2212 minus sign) read
//     '-', so "+44–20–7946–0958" is a phone number; the em dash and
//     longer ones, which set off clauses, stay;
//  4. URL percent-encoding decoded: %XX reads as the byte it encodes when
//     that byte is printable ASCII (0x20 to 0x7E), lower-cased; other
//     escapes stay as written; an encoded '%' that starts another %XX is
//     decoded again ("%2540" reads "@", as a link nested in a redirect
//     URL is meant);
//  5. defanged forms undone, left to right, each rewrite applied once (its
//     output is not rewritten again):
//     - hxxp and hxxps at the start of a word read http and https;
//     - "[.]" "(.)" "{.}" "[dot]" "(dot)" "{dot}" read ".";
//     - "[at]" "(at)" "{at}" "[@]" "(@)" "{@}" read "@";
//     - "[://]" reads "://", and "[:]" reads ":" where "//" follows;
//     - the bracketed dot and at forms may stand between single spaces
//     ("john [at] example [dot] com") when a letter or digit is on both
//     sides;
//     - " dot " reads "." between two letters or digits;
//     - " at " reads "@" only in an obfuscated email: after a letter or
//     digit and before a domain written with at least one of the dot
//     forms above ("john at example dot com"); "hosted at evil.example"
//     keeps its " at ", since prose says that all the time.
//
// Each step reads the previous one's output.
//
// Every byte of the view maps back to the original bytes it came from, so
// a detector finds in the view and reports with Orig. Strings of 2 GiB or
// more are not normalised (the view is the original).
type Text struct {
	orig string
	norm string
	// toOrig maps each byte offset of norm, and len(norm), to a byte
	// offset of orig; nil when norm and orig have the same length and every
	// offset maps to itself. A byte copied from the original maps to its
	// own offset; the bytes a rewrite produced all map to the start of the
	// original bytes it replaced, so equal neighbours mark one rewrite.
	toOrig []int32
	// spare is a map buffer Reset may reuse for pass 1, and rewriteMaps
	// two for the rewrite passes (with where each pass found its
	// needles): a pass reads the map before it while it writes its own.
	spare       []int32
	rewriteMaps [2]rewriteScratch
	// longChains are the offsets in norm where a chain of runs of ASCII
	// digits with at least longChainDigits digits starts, in order, when
	// runsIndexed (see digitruns.go).
	longChains  []int32
	runsIndexed bool
	// digits counts the view's ASCII digits when runsIndexed.
	digits int
	// phoneRuns and letterRuns are the starts of the runs of digits that
	// may start a phone number (phoneLeftOK) or follow the letters of an
	// IBAN or NINO (afterTwoLetters), when runsIndexed.
	phoneRuns, letterRuns []int32
	// capitals are the offsets of the view whose bytes come from an
	// ASCII upper-case letter of the original (Text.toOrig), in order,
	// when capitalsIndexed: Reset records them as it lower-cases ASCII
	// text, for the name detectors. spareCapitals is a buffer for
	// mapping them to a rewritten view.
	capitals        []int32
	spareCapitals   []int32
	capitalsIndexed bool
	class           Class
	// origClass holds the classes of the original's bytes, with the
	// marks only the original has.
	origClass byteClasses
	// lower holds the lower-cased view Reset builds of ASCII text with
	// capitals, reused from string to string.
	lower []byte
}

// A Class is a set of byte classes of the normalised view. Text.Has tells
// cheaply whether the view holds them, so that a detector skips text that
// cannot contain what it looks for before it scans.
type Class uint16

// The byte classes. The view is case folded, so it holds no ASCII upper
// case letters.
const (
	ClassDigit     Class = 1 << iota // 0-9
	ClassLetter                      // a-z
	ClassNonASCII                    // any byte from 0x80
	ClassAt                          // @
	ClassDot                         // .
	ClassColon                       // :
	ClassSlash                       // /
	ClassBackslash                   // \
	ClassHyphen                      // -
	ClassPlus                        // +
	ClassParen                       // ( or )
	ClassQuery                       // ? & or =
	ClassSpace                       // space, tab, CR or LF
)

// byteClasses are the classes of the bytes of a string: its Class in the
// low 16 bits, and above them marks Reset reads in the original, never
// set in Text.class.
type byteClasses uint32

// The marks of byteClasses beyond Class.
const (
	// classPercent marks '%', which a percent-encoding starts with.
	classPercent byteClasses = 1 << (16 + iota)
	// classUpper marks the ASCII upper case letters.
	classUpper
	// classBracket marks the opening brackets of the defanged forms:
	// '[', '(' and '{'.
	classBracket
	// classH, classX and classD mark those letters in either case: the
	// other defanged forms are "hxxp" and " dot ".
	classH
	classX
	classD
)

// mayDefang reports whether the lower-cased ASCII string v, whose
// original has the classes c, may hold a defanged form: a bracketed form
// ("[.]", "(at)", ...), "hx" or " dot " (" at " counts only with a dot
// form). The classes answer for most strings; where they allow one, a
// search for it, from its rarer byte as the pass searches, is cheaper
// than the rewrite pass's look for every form.
func mayDefang(v string, c byteClasses) bool {
	const space = byteClasses(ClassSpace)
	if c&classBracket != 0 && bracketForm(v) {
		return true
	}
	hx, dot := -1, -1
	return c&(classH|classX) == classH|classX && nextHX(v, 0, &hx) < len(v) ||
		c&(space|classD) == space|classD && nextSpaced(v, 0, "dot", &dot) < len(v)
}

// bracketForm reports whether a bracket of v starts a defanged form
// (bracketAt): the brackets of prose, "(T1566.001)" or "[1]", start none,
// and with none the defang pass would only search them again.
func bracketForm(v string) bool {
	for _, b := range [...]byte{'[', '(', '{'} {
		for i := 0; i < len(v); i++ {
			k := strings.IndexByte(v[i:], b)
			if k < 0 {
				break
			}
			i += k
			if r, _ := bracketAt(v, i); r != "" {
				return true
			}
		}
	}
	return false
}

// byteClass holds each byte's classes; never written after initialisation.
var byteClass = func() (t [256]byteClasses) {
	set := func(c byte, k Class) { t[c] = byteClasses(k) }
	for c := byte('0'); c <= '9'; c++ {
		set(c, ClassDigit)
	}
	for c := byte('a'); c <= 'z'; c++ {
		set(c, ClassLetter)
	}
	for c := byte('A'); c <= 'Z'; c++ {
		set(c, ClassLetter)
		t[c] |= classUpper
	}
	for c := 0x80; c < 0x100; c++ {
		set(byte(c), ClassNonASCII)
	}
	set('@', ClassAt)
	set('.', ClassDot)
	set(':', ClassColon)
	set('/', ClassSlash)
	set('\\', ClassBackslash)
	set('-', ClassHyphen)
	set('+', ClassPlus)
	set('(', ClassParen)
	set(')', ClassParen)
	set('?', ClassQuery)
	set('&', ClassQuery)
	set('=', ClassQuery)
	set(' ', ClassSpace)
	set('\t', ClassSpace)
	set('\r', ClassSpace)
	set('\n', ClassSpace)
	t['%'] = classPercent
	t['['] = classBracket
	t['{'] = classBracket
	t['('] |= classBracket
	for _, c := range "hH" {
		t[c] |= classH
	}
	for _, c := range "xX" {
		t[c] |= classX
	}
	for _, c := range "dD" {
		t[c] |= classD
	}
	return t
}()

// asciiChars holds the printable ASCII characters lower-cased at their own
// code (asciiChars[0x41] == 'a'), so a decoded %XX becomes a one-byte
// string without allocating.
var asciiChars = func() string {
	b := make([]byte, 0x80)
	for i := range b {
		c := byte(i)
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}()

// caseFold is Unicode full case folding; cases.Fold documents the Caser as
// stateless and safe for concurrent use.
var caseFold = cases.Fold()

// NewText returns s with its normalised view. It allocates no more than
// the Text (and the view, when it differs from s): it leaves out the
// index of digit runs that Reset builds in a reused buffer, so detectors
// scan a new Text's view for digits instead.
func NewText(s string) *Text {
	t := &Text{}
	t.view(s, false)
	return t
}

// Reset makes t hold s and its normalised view, reusing t's buffers: a
// caller scanning many strings in one goroutine can keep one Text. It
// also indexes the view's runs of digits, which spares the number
// detectors a scan each, and the capitals of ASCII text.
//
// The view may lie in a buffer the next Reset writes again, and a
// match's Value is usually part of the view: copy a Value to keep it
// past that Reset.
func (t *Text) Reset(s string) {
	t.view(s, true)
	t.indexDigitRuns()
}

// view builds the normalised view of s and its classes and, with index
// set, the index of capitals where s is ASCII.
func (t *Text) view(s string, index bool) {
	t.orig, t.norm, t.class, t.toOrig = s, s, 0, nil
	t.capitals, t.capitalsIndexed = t.capitals[:0], false
	var cls byteClasses
	if index && len(s) < math.MaxInt32 {
		cls, t.capitals = classCapitals(s, t.capitals)
	} else {
		cls = classOf8(s)
	}
	t.origClass = cls
	if len(s) >= math.MaxInt32 {
		t.class = Class(cls)
		return
	}
	if Class(cls)&ClassNonASCII == 0 {
		t.resetASCII(s, cls, index)
		return
	}
	t.capitals = t.capitals[:0]
	// Pass 1 restarts one byte before the first character that is not
	// lower-case ASCII: an ASCII letter may compose with a combining mark
	// that follows it.
	i := 0
	for i < len(s) && s[i] < 0x80 && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	t.normalise(max(i-1, 0))
}

// resetASCII builds the view of the ASCII string s, whose byte classes
// are cls: what normalise builds, in one pass for the case folding and
// without the rewrite passes' copies when nothing is to be rewritten.
// Folding ASCII is lower-casing it, which keeps every offset, so the map
// is the identity until a rewrite applies. With index set, t.capitals
// holds the offsets of the capitals of s (classCapitals), which
// resetASCII maps to the view.
func (t *Text) resetASCII(s string, cls byteClasses, index bool) {
	v := s
	t.capitalsIndexed = index
	if cls&classUpper != 0 {
		if index {
			v = t.lowerAt(s)
		} else {
			v = lowerASCII(s)
		}
	}
	// Each pass runs only where it may find something: a percent-encoding
	// starts with '%', and mayDefang tells the defanged forms (which a
	// decoded %XX may have brought).
	n, m := v, []int32(nil)
	if cls&classPercent != 0 {
		n, m = rewritePass(n, m, len(s), percentRule, &t.rewriteMaps[0])
	}
	if m != nil || mayDefang(n, cls) {
		n, m = rewritePass(n, m, len(s), defangRule, &t.rewriteMaps[1])
	}
	t.norm, t.toOrig = n, m
	if m == nil {
		// No rewrite: the view holds the same classes as s, upper case
		// letters read as letters.
		t.class = Class(cls)
		return
	}
	t.class = classOf(n)
	if len(t.capitals) > 0 {
		t.capitals, t.spareCapitals = viewOffsets(t.spareCapitals[:0], t.capitals, m[:len(n)], len(s)-len(n)), t.capitals
	}
}

// viewOffsets appends to dst the offsets of the view, whose map to the
// original is m (one entry per byte), that come from the original's
// offsets offs, in order; the view is shrink bytes shorter than the
// original. A rewrite's output comes entirely from its input's first
// offset and is never longer than it, so the view's offset of the
// original's o lies between o-shrink and o: it is looked for there, a
// byte at a time when shrink is small, else by a binary search.
func viewOffsets(dst, offs, m []int32, shrink int) []int32 {
	p := 0
	for _, o := range offs {
		p = max(p, int(o)-shrink)
		if shrink <= 16 {
			for p < len(m) && m[p] < o {
				p++
			}
		} else {
			k, _ := slices.BinarySearch(m[p:], o)
			p += k
		}
		for ; p < len(m) && m[p] == o; p++ {
			dst = append(dst, int32(p))
		}
	}
	return dst
}

// lowerASCII returns the ASCII string s lower-cased, eight bytes at a
// time: each byte is below 0x80, so adding 0x3F sets its top bit when it
// is at least 'A' and adding 0x25 when it is above 'Z', without carries
// between bytes; the upper case letters' top bits, shifted down to 0x20,
// are what lower-casing adds.
func lowerASCII(s string) string {
	const (
		ones = 0x0101010101010101
		tops = 0x80 * ones
	)
	b := make([]byte, len(s))
	copy(b, s)
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		upper := (x + 0x3F*ones) &^ (x + 0x25*ones) & tops
		binary.LittleEndian.PutUint64(b[i:], x|upper>>2)
	}
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	// b is new and not written again, as strings.Builder does with its
	// buffer: the string may own it without a second copy.
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// lowerAt returns the ASCII string s with its upper case letters, at the
// offsets t.capitals, lower-cased: a copy and a store for each, cheaper
// than lowerASCII's pass over every byte when the capitals are known. The
// copy is made in t.lower, which the next call writes again (see Reset),
// unless s is long: a buffer that large is not kept.
func (t *Text) lowerAt(s string) string {
	var b []byte
	if len(s) <= maxKeptLower {
		t.lower = append(t.lower[:0], s...)
		b = t.lower
	} else {
		b = []byte(s)
	}
	for _, k := range t.capitals {
		b[k] += 'a' - 'A'
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// maxKeptLower is the longest lower-cased view Text keeps a buffer for.
const maxKeptLower = 64 << 10

// nextCapital returns the first offset of the view at or after i whose
// byte comes from an ASCII upper-case letter of the original, or
// len(view): from the index Reset built, or, where there is none, by a
// scan of the original, which is right only when the view maps to
// itself (Text.toOrig is nil). *k is the index's cursor, starting at 0:
// i must not be less than in the previous call with it.
func (t *Text) nextCapital(i int, k *int) int {
	if !t.capitalsIndexed {
		return nextUpperASCII(t.orig, i)
	}
	for *k < len(t.capitals) && int(t.capitals[*k]) < i {
		*k++
	}
	if *k == len(t.capitals) {
		return len(t.norm)
	}
	return int(t.capitals[*k])
}

// String returns the original text.
func (t *Text) String() string { return t.orig }

// Normal returns the normalised view.
func (t *Text) Normal() string { return t.norm }

// Has reports whether the normalised view holds at least one byte of each
// class in c.
func (t *Text) Has(c Class) bool { return t.class&c == c }

// Orig maps the span [start, end) of the normalised view to the span of
// the original text it came from. A span boundary inside the output of one
// rewrite widens to cover that rewrite's whole input, so the result always
// lies on boundaries of the original's UTF-8 decoding. Offsets outside the
// view are clamped to it.
func (t *Text) Orig(start, end int) (int, int) {
	n := len(t.norm)
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	if t.toOrig == nil {
		return t.runeFloor(start), t.runeCeil(end)
	}
	m := t.toOrig
	s := int(m[start])
	if end == start {
		return t.runeFloor(s), t.runeFloor(s)
	}
	if m[end] == m[end-1] {
		// end lies inside one rewrite's output: go to its end.
		j := end + 1
		for m[j] == m[end] {
			j++
		}
		end = j
	}
	return t.runeFloor(s), t.runeCeil(int(m[end]))
}

// runeFloor moves p back to the start of the original's character that
// holds it (a span of the view may start inside a multi-byte character
// copied unchanged).
func (t *Text) runeFloor(p int) int {
	s := t.orig
	if p >= len(s) || utf8.RuneStart(s[p]) {
		return p
	}
	for q := p - 1; q >= 0 && q >= p-utf8.UTFMax+1; q-- {
		if utf8.RuneStart(s[q]) {
			if _, size := utf8.DecodeRuneInString(s[q:]); q+size > p {
				return q
			}
			break
		}
	}
	return p // a stray continuation byte: a character of its own
}

// runeCeil moves p forward to the end of the original's character that
// holds it.
func (t *Text) runeCeil(p int) int {
	if q := t.runeFloor(p); q != p {
		_, size := utf8.DecodeRuneInString(t.orig[q:])
		return q + size
	}
	return p
}

// normalise builds the view of t.orig when the fast path stopped at i:
// pass 1 (invalid bytes, NFKC, width and case folding, zero-width
// characters), then pass 2 (defanged forms and percent-encoding).
func (t *Text) normalise(i int) {
	s := t.orig
	var p normaliser
	p.m = t.spare[:0]
	v, m := p.unicodePass(s, i)
	if m != nil {
		t.spare = m
	}
	v, m = rewritePass(v, m, len(s), percentRule, &t.rewriteMaps[0])
	t.norm, t.toOrig = rewritePass(v, m, len(s), defangRule, &t.rewriteMaps[1])
	t.class = classOf(t.norm)
}

// classOf8 returns the classes of the bytes of s, the marks beyond Class
// included, reading eight bytes at a time.
func classOf8(s string) byteClasses {
	var c byteClasses
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		c |= byteClass[w[0]] | byteClass[w[1]] | byteClass[w[2]] | byteClass[w[3]] |
			byteClass[w[4]] | byteClass[w[5]] | byteClass[w[6]] | byteClass[w[7]]
	}
	for ; i < len(s); i++ {
		c |= byteClass[s[i]]
	}
	return c
}

// classCapitals returns what classOf8 does and appends to capitals the
// offsets of the ASCII upper case letters of s, found eight bytes at a
// time as lowerASCII finds them where the classes say there are some.
// Where s is not ASCII, the offsets are not all right (a byte from 0x80
// carries into the next): the caller uses them only for ASCII.
func classCapitals(s string, capitals []int32) (byteClasses, []int32) {
	const (
		ones = 0x0101010101010101
		tops = 0x80 * ones
	)
	var c byteClasses
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		k := byteClass[w[0]] | byteClass[w[1]] | byteClass[w[2]] | byteClass[w[3]] |
			byteClass[w[4]] | byteClass[w[5]] | byteClass[w[6]] | byteClass[w[7]]
		c |= k
		if k&classUpper == 0 {
			continue
		}
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		for upper := (x + 0x3F*ones) &^ (x + 0x25*ones) & tops; upper != 0; upper &= upper - 1 {
			capitals = append(capitals, int32(i+bits.TrailingZeros64(upper)/8))
		}
	}
	for ; i < len(s); i++ {
		c |= byteClass[s[i]]
		if s[i] >= 'A' && s[i] <= 'Z' {
			capitals = append(capitals, int32(i))
		}
	}
	return c, capitals
}

// classOf returns the classes of the view s.
func classOf(s string) Class {
	return Class(classOf8(s))
}

// A normaliser holds pass 1's output and scratch buffers.
type normaliser struct {
	out strings.Builder
	// m maps out to the original as Text.toOrig does; nil while every
	// offset so far maps to itself.
	m       []int32
	mSet    bool
	pending []byte // one segment's NFKC form
	span    []byte // a copy of text for caseFold.Span
	scratch []byte
	folded  []byte
}

// unicodePass returns s after pass 1 and its map (nil for the identity).
// s[:i] is known to be lower-case ASCII.
func (p *normaliser) unicodePass(s string, i int) (string, []int32) {
	nonASCII := false
	for j := i; j < len(s); j++ {
		if s[j] >= 0x80 {
			nonASCII = true
			break
		}
	}
	if !nonASCII {
		// ASCII: only upper case may need folding here; same length, so
		// no map.
		var b strings.Builder
		b.Grow(len(s))
		b.WriteString(s[:i])
		for j := i; j < len(s); j++ {
			c := s[j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		}
		return b.String(), nil
	}
	p.out.Grow(len(s) + len(s)/4 + 8)
	p.out.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < 0x80 && (i+1 == len(s) || s[i+1] < 0x80) {
			// An ASCII character followed by ASCII is its own NFKC segment.
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			p.out.WriteByte(c)
			if p.mSet {
				p.m = append(p.m, int32(i))
			}
			i++
			continue
		}
		// A chunk ends before an ASCII character followed by ASCII: no
		// NFKC segment crosses that point (ASCII never combines with what
		// precedes it).
		j := i + 1
		for j < len(s) && !(s[j] < 0x80 && (j+1 == len(s) || s[j+1] < 0x80)) {
			j++
		}
		p.chunk(s, i, j)
		i = j
	}
	if !p.mSet {
		return p.out.String(), nil
	}
	p.m = append(p.m, int32(len(s)))
	return p.out.String(), p.m
}

// chunk normalises s[i:j], split at invalid bytes.
func (p *normaliser) chunk(s string, i, j int) {
	for i < j {
		k := i
		for k < j {
			if s[k] < 0x80 {
				k++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[k:j])
			if r == utf8.RuneError && size == 1 {
				break
			}
			k += size
		}
		if k > i {
			p.run(s, i, k)
		}
		if k < j {
			p.group(s, []byte("\uFFFD"), k, k+1)
			k++
		}
		i = k
	}
}

// run normalises the valid UTF-8 s[i:j] one NFKC segment (a starter and
// the non-starters after it) at a time, so that each maps to exactly the
// bytes it came from; stretches that normalisation leaves alone are copied
// whole.
func (p *normaliser) run(s string, i, j int) {
	for i < j {
		if x := p.stable(s, i, j); x > 0 {
			p.same(s, i, i+x)
			i += x
			continue
		}
		k := norm.NFKC.NextBoundaryInString(s[i:j], true)
		if k <= 0 {
			k = j - i
		}
		p.pending = nfkcSegment(p.pending[:0], s[i:i+k])
		p.segment(s, p.pending, i, i+k)
		i += k
	}
}

// nfkcSegment appends the NFKC form of the segment seg to dst. A single
// character without a decomposition, or one that decomposes to ASCII (the
// fullwidth forms), is done without norm's general path, which allocates.
func nfkcSegment(dst []byte, seg string) []byte {
	if _, size := utf8.DecodeRuneInString(seg); size == len(seg) {
		d := norm.NFKC.PropertiesString(seg).Decomposition()
		if d == nil {
			return append(dst, seg...)
		}
		ascii := true
		for _, c := range d {
			ascii = ascii && c < 0x80
		}
		if ascii {
			return append(dst, d...)
		}
	}
	return norm.NFKC.AppendString(dst, seg)
}

// stableWindow bounds how far stable looks ahead.
const stableWindow = 128

// stable returns the length of the prefix of s[i:j] that pass 1 leaves
// unchanged: in NFKC, case folded, without zero-width characters, hyphens,
// characters of another width, digits of other scripts or ideographic
// full stops. It ends on a segment boundary.
func (p *normaliser) stable(s string, i, j int) int {
	// Look at a bounded window, so that a long run with a capital every
	// few words is not scanned again and again.
	w := min(j, i+stableWindow)
	q := norm.NFKC.QuickSpanString(s[i:w])
	if w < j {
		// The window's end may cut a segment: keep only what ends on a
		// boundary of the whole text.
		for q > 0 && !norm.NFKC.PropertiesString(s[i+q:]).BoundaryBefore() {
			_, size := utf8.DecodeLastRuneInString(s[i : i+q])
			q -= size
		}
	}
	if q == 0 {
		return 0
	}
	p.span = append(p.span[:0], s[i:i+q]...)
	f, _ := caseFold.Span(p.span, true)
	x := 0
	for x < f {
		r, size := utf8.DecodeRuneInString(s[i+x:])
		if r >= 0x80 && (isZeroWidth(r) || isHyphen(r) || width.LookupRune(r).Folded() != 0 || unicode.IsDigit(r) || r == ideographicStop) {
			break
		}
		x += size
	}
	// End on a segment boundary: back off to the start of the segment
	// holding s[i+x] (q itself is one).
	for x > 0 && x < q && !norm.NFKC.PropertiesString(s[i+x:]).BoundaryBefore() {
		_, size := utf8.DecodeLastRuneInString(s[i : i+x])
		x -= size
	}
	return x
}

// segment folds one NFKC segment seg that came from s[a:b] and emits it.
func (p *normaliser) segment(s string, seg []byte, a, b int) {
	ascii := true
	for _, c := range seg {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	var out []byte
	if ascii {
		out = append(p.scratch[:0], seg...)
		for k, c := range out {
			if c >= 'A' && c <= 'Z' {
				out[k] = c + 'a' - 'A'
			}
		}
	} else {
		out = p.scratch[:0]
		for k := 0; k < len(seg); {
			r, size := utf8.DecodeRune(seg[k:])
			k += size
			if isZeroWidth(r) {
				continue
			}
			if isHyphen(r) {
				r = '-'
			} else if r == ideographicStop && k == size && stopJoinsLabels(s, a, b) {
				r = '.'
			} else if d, ok := asciiDigit(r); ok {
				r = d
			} else if f := width.LookupRune(r).Folded(); f != 0 {
				r = f
			}
			out = utf8.AppendRune(out, r)
		}
		out = p.fold(out)
	}
	p.scratch = out[:0]
	p.group(s, out, a, b)
}

// fold case folds b and, when that leaves it out of NFKC, normalises it
// again (NFKC_Casefold in spirit).
func (p *normaliser) fold(b []byte) []byte {
	dst := p.folded[:cap(p.folded)]
	if len(dst) < 3*len(b)+8 {
		dst = make([]byte, 3*len(b)+8)
	}
	nDst, _, err := caseFold.Transform(dst, b, true)
	if err != nil {
		// Case folding grows a rune at most threefold, so this is not
		// reached; keep the unfolded text rather than lose it.
		return b
	}
	p.folded = dst[:0]
	f := dst[:nDst]
	if !norm.NFKC.IsNormal(f) {
		f = norm.NFKC.Append(nil, f...)
	}
	return append(b[:0], f...)
}

// group emits out, which came from s[a:b].
func (p *normaliser) group(s string, out []byte, a, b int) {
	if !p.mSet && p.out.Len() == a && string(out) == s[a:b] {
		p.out.Write(out)
		return
	}
	if !p.mSet {
		p.mSet = true
		if cap(p.m) < len(s)+1 {
			p.m = make([]int32, 0, len(s)+len(s)/4+8)
		}
		p.m = p.m[:0]
		for k := range p.out.Len() {
			p.m = append(p.m, int32(k))
		}
	}
	same := string(out) == s[a:b]
	for k := range out {
		if same {
			p.m = append(p.m, int32(a+k))
		} else {
			p.m = append(p.m, int32(a))
		}
	}
	p.out.Write(out)
}

// same emits s[a:b] unchanged.
func (p *normaliser) same(s string, a, b int) {
	if !p.mSet {
		p.out.WriteString(s[a:b])
		return
	}
	for k := a; k < b; k++ {
		p.m = append(p.m, int32(k))
	}
	p.out.WriteString(s[a:b])
}

// isZeroWidth reports the characters the view drops.
func isZeroWidth(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}

// asciiDigit returns the ASCII digit that the decimal digit r of another
// script stands for ('٤', '४' and '๔' for '4'), and whether r is one.
// Unicode encodes each script's decimal digits as a run of ten from its
// zero (a stability policy of Numeric_Type=Decimal), so a digit's value is
// its distance from the start of its range of unicode.Nd, modulo ten
// where runs adjoin; TestASCIIDigitRanges checks the table keeps to that.
func asciiDigit(r rune) (rune, bool) {
	if r < utf8.RuneSelf || !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	for _, g := range unicode.Nd.R16 {
		if r >= rune(g.Lo) && r <= rune(g.Hi) {
			return '0' + (r-rune(g.Lo))%10, true
		}
	}
	for _, g := range unicode.Nd.R32 {
		if r >= rune(g.Lo) && r <= rune(g.Hi) {
			return '0' + (r-rune(g.Lo))%10, true
		}
	}
	return 0, false
}

// ideographicStop is U+3002, the full stop of Chinese and Japanese, and
// what NFKC makes of its halfwidth form U+FF61. Browsers and IDNA (RFC
// 3490 section 3.1) take it for the dot of a host name, which makes it a
// way to write an address that a reader of ASCII dots misses.
const ideographicStop = '\u3002'

// stopJoinsLabels reports whether the ideographic full stop at s[a:b] of
// the original joins two labels of an email address, a host name or an
// IPv4 address, and so reads '.'; elsewhere it ends a sentence and stays.
// It joins labels when it stands between ASCII letters or digits (in any
// width) and:
//
//   - the token before it (its ASCII letters, digits, '-', '_' and
//     ideographic full stops, back to an '@' or anything else) holds a
//     letter and is not written with ASCII dots, and a lower-case letter
//     follows: "maria.lopez@example。org", "mail。example。org"; after an
//     ASCII-dotted token ("evil.example。Next", "10.0.0.1。2024年") or
//     before a capital it ends a sentence, as it does between a name and
//     the next ("Maria Schneider。The");
//   - or that token is one to three groups of one to three digits, joined
//     by ideographic full stops, and one to three digits follow: the dots
//     of an IPv4 address, "10。20。30。40". A number ("电话 020 7946
//     0958。2024年") or a fourth group ends a sentence.
func stopJoinsLabels(s string, a, b int) bool {
	next, n := foldedRune(s, b, +1)
	if n == 0 {
		return false
	}
	letters, groups, digits, long := false, 1, 0, false
	first := true
	for k := a; k > 0 && a-k < 255; {
		r, n := foldedRune(s, k, -1)
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_':
			letters = true
		case r >= '0' && r <= '9':
			digits++
			long = long || digits > 3 // a number, not a group of an address
		case r == ideographicStop && !first:
			groups, digits = groups+1, 0
		case r == '.' && !first:
			return false
		default:
			n = 0
		}
		if n == 0 || first && (r == '-' || r == '_') {
			if first {
				return false
			}
			break
		}
		first = false
		k -= n
	}
	if letters {
		return next >= 'a' && next <= 'z'
	}
	if long || groups > 3 || !(next >= '0' && next <= '9') {
		return false
	}
	// One to three digits follow, and then no digit.
	k := b
	for range 4 {
		r, n := foldedRune(s, k, +1)
		if n == 0 || r < '0' || r > '9' {
			return k > b
		}
		k += n
	}
	return false
}

// foldedRune returns the character of s before i (dir -1) or at i (dir
// +1) as the view reads it where that is ASCII (a fullwidth letter or
// another script's digit as its ASCII form), with its width in s; width
// 0 at the edge of s.
func foldedRune(s string, i, dir int) (rune, int) {
	r, n := runeBeside(s, i, dir)
	if r < utf8.RuneSelf || n == 0 {
		return r, n
	}
	if d, ok := asciiDigit(r); ok {
		return d, n
	}
	if f := width.LookupRune(r).Folded(); f != 0 && f < utf8.RuneSelf {
		return f, n
	}
	if r == '\uFF61' {
		return ideographicStop, n
	}
	return r, n
}

// isHyphen reports the characters the view reads as '-' (see Text).
func isHyphen(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return false
}

// A rewriteScratch is what a rewrite pass keeps between uses: the buffer
// of its map to the original, and where its rule's next found its
// needles.
type rewriteScratch struct {
	m    []int32
	seen needleSeen
}

// A rewriteRule is one kind of rewrite of pass 2.
type rewriteRule struct {
	// at returns the rewrite that applies at s[i:], if any: its output
	// and how many bytes of s it replaces (0 for none).
	at func(s string, i int) (string, int)
	// next returns the first offset from i on where at may find a
	// rewrite, or len(s): at finds none at the offsets it skips. Within
	// one pass over s, i never decreases, and next may keep in *seen
	// where it last found each byte or string it looks for.
	next func(s string, i int, seen *needleSeen) int
}

// needleSeen holds, for each needle a rule's next looks for, the offset
// where it last found it, or -1 before the first search: that answer
// stands while the pass's offset has not passed it.
type needleSeen [seenCount]int

// newNeedleSeen returns a needleSeen with nothing searched yet.
func newNeedleSeen() needleSeen {
	var seen needleSeen
	for k := range seen {
		seen[k] = -1
	}
	return seen
}

// The rules of pass 2, in the order they apply.
var (
	percentRule = rewriteRule{percentAt, nextPercent}
	defangRule  = rewriteRule{defangAt, nextDefang}
)

// rewritePass applies the rewrites rule finds to v, whose map to the
// original (of length origLen) is vMap (nil for the identity), and returns
// the result and its map to the original. The rewrites go left to right,
// each applied once: output is not read again. A new map is built in
// buf.m, which must not share memory with vMap, and buf keeps it for the
// next use.
func rewritePass(v string, vMap []int32, origLen int, rule rewriteRule, buf *rewriteScratch) (string, []int32) {
	var out strings.Builder
	started := false
	var m []int32
	// boundary reports whether offset k of v starts a group of vMap: a
	// rewrite must not split one.
	boundary := func(k int) bool {
		return vMap == nil || k == 0 || k >= len(v) || vMap[k] != vMap[k-1]
	}
	orig := func(k int) int32 {
		if vMap == nil {
			return int32(k)
		}
		return vMap[k]
	}
	copied := 0 // v[copied:i] is still to be copied to out
	buf.seen = newNeedleSeen()
	for i := rule.next(v, 0, &buf.seen); i < len(v); i = rule.next(v, i, &buf.seen) {
		r, n := rule.at(v, i)
		if n == 0 || !boundary(i) || !boundary(i+n) {
			i++
			continue
		}
		if !started {
			started = true
			out.Grow(len(v))
			m = buf.m[:0]
			if cap(m) < len(v)+1 {
				m = make([]int32, 0, len(v)+len(v)/4+8)
			}
		}
		out.WriteString(v[copied:i])
		m = appendOrig(m, vMap, copied, i)
		o := orig(i)
		for range len(r) {
			m = append(m, o)
		}
		out.WriteString(r)
		i += n
		copied = i
	}
	if !started {
		return v, vMap
	}
	out.WriteString(v[copied:])
	m = appendOrig(m, vMap, copied, len(v))
	m = append(m, int32(origLen))
	buf.m = m
	return out.String(), m
}

// appendOrig appends to m the offsets of the original that v[from:to]
// came from, whose map is vMap (nil for the identity): a copy of the
// map's span, or the offsets themselves.
func appendOrig(m, vMap []int32, from, to int) []int32 {
	if vMap != nil {
		return append(m, vMap[from:to]...)
	}
	n := len(m)
	m = slices.Grow(m, to-from)[:n+to-from]
	tail := m[n:]
	for k := range tail {
		tail[k] = int32(from + k)
	}
	return m
}

// nextPercent returns the offset of the first '%' of s from i on, or
// len(s).
func nextPercent(s string, i int, seen *needleSeen) int {
	return needleFrom(s, i, "%", &seen[0])
}

// needleFrom returns the offset of the first needle of s from i on, or
// len(s). *at is where the previous search found it (-1 before the
// first): i must not be less than in the previous call with the same at.
func needleFrom(s string, i int, needle string, at *int) int {
	if *at < i {
		*at = len(s)
		if i < len(s) {
			var k int
			if len(needle) == 1 {
				k = strings.IndexByte(s[i:], needle[0])
			} else {
				k = strings.Index(s[i:], needle)
			}
			if k >= 0 {
				*at = i + k
			}
		}
	}
	return *at
}

// The slots of needleSeen that nextDefang uses.
const (
	seenSquare  = iota // '['
	seenParen          // '('
	seenBrace          // '{'
	seenHX             // "hx"
	seenDot            // " dot "
	seenAt             // " at "
	seenDotForm        // a defanged dot: " dot " or a bracketed one
	seenCount
)

// nextDefang returns the first offset of s from i on where defangAt may
// find a rewrite, or len(s): a bracket or a space before one, "hx",
// " dot ", or " at " before a defanged dot (the only place defangAt
// rewrites it). It finds each with the vectorised byte search from a
// byte rarer than the space or 'h' of most prose, and searches again
// only once the pass has gone past where it last found it.
func nextDefang(s string, i int, seen *needleSeen) int {
	if i+1 >= len(s) {
		return len(s)
	}
	first := min(
		needleFrom(s, i, "[", &seen[seenSquare]),
		needleFrom(s, i, "(", &seen[seenParen]),
		needleFrom(s, i, "{", &seen[seenBrace]),
		nextHX(s, i, &seen[seenHX]),
		nextSpaced(s, i, "dot", &seen[seenDot]),
	)
	if first > i && first < len(s) && s[first-1] == ' ' {
		switch s[first] {
		case '[', '(', '{':
			// defangAt rewrites the space before a bracket too.
			first--
		}
	}
	if first > i && nextDotForm(s, i, seen) < len(s) {
		// A defanged dot is a candidate itself, so first lies at or
		// before the next: " at " counts only before first.
		first = nextSpacedBefore(s, i, first, "at", &seen[seenAt])
	}
	return first
}

// nextHX is needleFrom for "hx", searched from its rare 'x': the string
// search would stop at every 'h' of prose.
func nextHX(s string, i int, at *int) int {
	if *at >= i {
		return *at
	}
	*at = len(s)
	for j := i + 1; j < len(s); j++ {
		k := strings.IndexByte(s[j:], 'x')
		if k < 0 {
			break
		}
		if j += k; s[j-1] == 'h' {
			*at = j - 1
			break
		}
	}
	return *at
}

// nextSpaced is needleFrom for word between single spaces (" dot "),
// searched from the word's first letter: the string search would stop at
// every space of prose. It returns the offset of the first space.
func nextSpaced(s string, i int, word string, at *int) int {
	return nextSpacedBefore(s, i, len(s), word, at)
}

// nextSpacedBefore is nextSpaced looking no further than end: it returns
// end, and keeps it in *at, when word stands between spaces nowhere in
// s[i:end] (its trailing space may lie at or after end).
func nextSpacedBefore(s string, i, end int, word string, at *int) int {
	if *at >= i {
		return min(*at, end)
	}
	*at = end
	limit := min(len(s), end+1+len(word))
	for j := i + 1; j < limit; j++ {
		k := strings.Index(s[j:limit], word)
		if k < 0 {
			break
		}
		j += k
		if s[j-1] == ' ' && j+len(word) < len(s) && s[j+len(word)] == ' ' {
			*at = j - 1
			break
		}
	}
	return *at
}

// nextDotForm returns the offset of the first defanged dot of s from i
// on, " dot " or a bracketed form ("[.]", "(dot)", ...), or len(s); it
// reads and keeps the other slots of seen as nextDefang does.
func nextDotForm(s string, i int, seen *needleSeen) int {
	at := &seen[seenDotForm]
	if *at >= i {
		return *at
	}
	*at = nextSpaced(s, i, "dot", &seen[seenDot])
	for j := i; j < *at; j++ {
		// The first bracket from j on: search on from where each of the
		// three was last found, without moving the pass's own answers.
		sq, pa, br := seen[seenSquare], seen[seenParen], seen[seenBrace]
		j = min(needleFrom(s, j, "[", &sq), needleFrom(s, j, "(", &pa), needleFrom(s, j, "{", &br))
		if j >= *at {
			break
		}
		if r, _ := bracketAt(s, j); r == "." {
			*at = j
		}
	}
	return *at
}

// percentAt returns the decoding of the %XX at s[i:], if it encodes
// printable ASCII: the byte lower-cased, and how many bytes it replaces.
// An encoded '%' followed by two hex digits is an encoding encoded again,
// as a redirect link nests its target ("%2540" for "%40", and "%252540"
// for that): it is decoded to the end, the whole nest one rewrite.
func percentAt(s string, i int) (string, int) {
	if s[i] != '%' {
		return "", 0
	}
	v, n := -1, 1
	for i+n+1 < len(s) {
		h, l := unhex(s[i+n]), unhex(s[i+n+1])
		if h < 0 || l < 0 {
			break
		}
		c := h<<4 | l
		if c < 0x20 || c >= 0x7F {
			break
		}
		v, n = c, n+2
		if c != '%' {
			break
		}
	}
	if v < 0 {
		return "", 0
	}
	return asciiChars[v : v+1], n
}

// defangAt returns the defanged form's rewrite that applies at s[i:], if
// any: its output and how many bytes of s it replaces (0 for none). s is
// expected case folded; on other text it finds less.
func defangAt(s string, i int) (string, int) {
	if i+1 >= len(s) {
		return "", 0
	}
	// Cheap rejections first: most spaces and h's start nothing.
	switch next := s[i+1]; s[i] {
	case ' ':
		if next != 'a' && next != 'd' && next != '[' && next != '(' && next != '{' {
			return "", 0
		}
	case 'h':
		if next != 'x' {
			return "", 0
		}
	}
	switch s[i] {
	case '[', '(', '{':
		return bracketAt(s, i)
	case 'h':
		if hasPrefixAt(s, i, "hxxp") && !wordBefore(s, i) {
			r, n := "http", 4
			if i+4 < len(s) && s[i+4] == 's' {
				r, n = "https", 5
			}
			if !wordAt(s, i+n) && !hasPrefixAt(s, i+n, "_") {
				return r, n
			}
		}
	case ' ':
		if n := dotRewriteAt(s, i); n > 0 {
			return ".", n
		}
		if !wordBefore(s, i) || i+1 >= len(s) {
			return "", 0
		}
		if r, n := bracketAt(s, i+1); r == "@" && i+1+n < len(s) && s[i+1+n] == ' ' && wordAt(s, i+2+n) {
			return r, n + 2
		}
		if hasPrefixAt(s, i, " at ") && obfuscatedDomainAt(s, i+4) {
			return "@", 4
		}
	}
	return "", 0
}

// dotRewriteAt returns the length of the defanged dot at s[j:] that pass 2
// rewrites, or 0: a bracketed form, or " dot " or a bracketed form between
// spaces, each with a letter or digit on both sides.
func dotRewriteAt(s string, j int) int {
	switch s[j] {
	case '[', '(', '{':
		if r, n := bracketAt(s, j); r == "." {
			return n
		}
	case ' ':
		if !wordBefore(s, j) {
			return 0
		}
		if hasPrefixAt(s, j, " dot ") && wordAt(s, j+5) {
			return 5
		}
		if j+1 < len(s) {
			if r, n := bracketAt(s, j+1); r == "." && j+1+n < len(s) && s[j+1+n] == ' ' && wordAt(s, j+2+n) {
				return n + 2
			}
		}
	}
	return 0
}

// bracketForms are what the defanged bracket forms hold and what each
// reads as, in the order bracketAt tries them; never written.
var bracketForms = [...]struct{ in, out string }{
	{".", "."}, {"dot", "."}, {"at", "@"}, {"@", "@"}, {"://", "://"}, {":", ":"},
}

// bracketAt returns the defanged bracket form at s[i:], if any.
func bracketAt(s string, i int) (string, int) {
	var closing byte
	switch s[i] {
	case '[':
		closing = ']'
	case '(':
		closing = ')'
	case '{':
		closing = '}'
	default:
		return "", 0
	}
	// Most brackets hold none of the forms: refuse them on the byte after.
	if i+1 >= len(s) {
		return "", 0
	}
	switch s[i+1] {
	case '.', 'd', 'a', '@', ':':
	default:
		return "", 0
	}
	for _, f := range &bracketForms {
		n := 1 + len(f.in)
		if i+n < len(s) && s[i+n] == closing && s[i+1:i+n] == f.in {
			if f.in == ":" && !hasPrefixAt(s, i+n+1, "//") {
				return "", 0
			}
			return f.out, n + 1
		}
	}
	return "", 0
}

// obfuscatedDomainAt reports whether s[j:] starts with a domain name of at
// least two labels, the last of two or more letters, whose dots are
// written at least once in a defanged form (" dot ", "[.]", ...). The look
// is bounded to 255 bytes, the longest domain name.
func obfuscatedDomainAt(s string, j int) bool {
	limit := min(len(s), j+255)
	labels, obfuscated, lastAlpha := 0, false, false
	for {
		k, alpha, letters := j, true, 0
		for k < limit {
			c := s[k]
			if c >= 'a' && c <= 'z' {
				k++
				letters++
			} else if c >= '0' && c <= '9' || c == '-' {
				alpha = false
				k++
			} else if c >= 0x80 {
				r, size := utf8.DecodeRuneInString(s[k:limit])
				if unicode.IsLetter(r) || unicode.IsMark(r) {
					letters++
				} else if unicode.IsDigit(r) {
					alpha = false
				} else {
					break
				}
				k += size
			} else {
				break
			}
		}
		if k == j {
			break
		}
		labels++
		lastAlpha = alpha && letters >= 2
		j = k
		// A separator counts only when a label follows it.
		next, obf := j, false
		if j+1 < limit && s[j] == '.' {
			next = j + 1
		} else if j < limit {
			if n := dotRewriteAt(s, j); n > 0 {
				next, obf = j+n, true
			}
		}
		if next == j || next >= limit || !isLabelStart(s, next) {
			break
		}
		obfuscated = obfuscated || obf
		j = next
	}
	return labels >= 2 && obfuscated && lastAlpha
}

func isLabelStart(s string, i int) bool {
	return wordAt(s, i)
}

func hasPrefixAt(s string, i int, p string) bool {
	return i >= 0 && i <= len(s) && len(s)-i >= len(p) && s[i:i+len(p)] == p
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// isWordByte reports an ASCII letter, digit or underscore, or any byte of
// a non-ASCII character (treated as a word character by the rewrites).
func isWordByte(c byte) bool { return wordBytes[c] }

// wordBytes holds isWordByte's answer for each byte.
var wordBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
	}
	return t
}()

// joinsBefore reports whether the character that ends at s[i-1] makes a
// token starting at s[i] part of a longer word (joinsWord); false at the
// start of s.
func joinsBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return wordBytes[c]
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return joinsWord(r)
}

// joinsAt reports whether the character at s[i] makes a token ending just
// before it part of a longer word (joinsWord); false at the end of s.
func joinsAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return wordBytes[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return joinsWord(r)
}

// joinsWord reports whether r, beside a token of ASCII letters, digits and
// punctuation (an address, a number), makes it part of a longer word: an
// ASCII letter, digit or underscore, any digit or combining mark, or a
// letter of the Latin, Greek or Cyrillic scripts, which are written with
// ASCII words and their look-alikes ("v1.2.3.4", "é10.0.0.1"). Quotation
// marks, dashes, bullets and arrows are not ("“10.0.0.1”" is an address),
// nor letters of scripts that glue words together without spaces or
// rarely touch ASCII ("服务器10.0.0.1被", "10.0.0.1から", "10.0.0.1에서"):
// an address there is an address, and failing closed means finding it.
func joinsWord(r rune) bool {
	if r < utf8.RuneSelf {
		return wordBytes[r]
	}
	if unicode.IsDigit(r) || unicode.IsMark(r) {
		return true
	}
	return unicode.IsLetter(r) && unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// wordBefore reports whether the character ending at s[i] is a letter or
// digit.
func wordBefore(s string, i int) bool {
	if i <= 0 {
		return false
	}
	if c := s[i-1]; c < 0x80 {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordAt reports whether the character at s[i] is a letter or digit.
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < 0x80 {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
