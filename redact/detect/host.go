package detect

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hostDetector finds host names inside the configured internal domains
// (Config.InternalDomains): a name equal to one of them or under it,
// standing alone (not the domain of an email address, which the email
// detector reports, nor the front of a longer name such as
// corp.example.com.evil.net), or a name under a private suffix
// (privateSuffixes), such as fileserver.corp.
//
// Names are read from the normalised view as runs of letters, digits,
// '-', '_' and dots; Value is the name lower-cased without a trailing
// dot, Country the ccTLD's (see ccTLDCountry), Internal always true.
type hostDetector struct {
	ns      *namespace
	needles []hostNeedle
	// byAfterDot lists, for each byte, the needles (indexes into needles,
	// in order) whose first dot that byte follows: a dot of the view is
	// tried only against the needles its next byte allows.
	byAfterDot [][]int
	// undotted says a needle has no dot (a configured domain of one
	// label): the view is then searched for it.
	undotted bool
}

// A hostNeedle is what hostDetector looks for in the view: a configured
// domain, or a private suffix with the dot before it (a suffix needs a
// name before it).
type hostNeedle struct {
	text string
	lead int // bytes of text before the domain proper: the suffix's dot
	dot  int // the offset of text's first dot; -1 for none
	// afterDot is the byte after that dot (a needle does not end with
	// its first dot: domains are trimmed of dots).
	afterDot byte
}

func newHostDetector(ns *namespace) *hostDetector {
	d := hostDetector{ns: ns}
	add := func(text string, lead int) {
		nd := hostNeedle{text: text, lead: lead, dot: strings.IndexByte(text, '.')}
		if nd.dot >= 0 {
			nd.afterDot = text[nd.dot+1]
		}
		d.needles = append(d.needles, nd)
	}
	for _, dom := range ns.domains {
		add(dom, 0)
	}
	for _, suf := range privateSuffixes {
		add("."+suf, 1)
	}
	d.byAfterDot = make([][]int, 256)
	for k, nd := range d.needles {
		if nd.dot >= 0 {
			d.byAfterDot[nd.afterDot] = append(d.byAfterDot[nd.afterDot], k)
		} else {
			d.undotted = true
		}
	}
	return &d
}

// needleAtDot reports whether a needle with a dot occurs in the view n
// on one of its dots, as Detect looks for them: where none does and no
// needle lacks a dot, Detect has nothing to read.
func (d *hostDetector) needleAtDot(n string) bool {
	for i := 0; ; {
		k := strings.IndexByte(n[i:], '.')
		if k < 0 {
			return false
		}
		q := i + k
		if q+1 >= len(n) {
			return false
		}
		for _, k := range d.byAfterDot[n[q+1]] {
			nd := d.needles[k]
			if hasPrefixAt(n, q-nd.dot, nd.text) {
				return true
			}
		}
		i = q + 1
	}
}

func (*hostDetector) Name() string { return "hostname" }

func (d *hostDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassDot) {
		return
	}
	n := t.norm
	if !d.undotted && !d.needleAtDot(n) {
		return
	}
	// Find each configured domain, and each private suffix, where it
	// occurs, and the host name around it: cheaper than reading every
	// word of the text. A needle with a dot can only occur with that dot
	// on one of the view's, so its occurrences are read off the dots'
	// offsets, in order, instead of searched for.
	var dotBuf [32]int
	dots := dotBuf[:0]
	for i := 0; ; {
		k := strings.IndexByte(n[i:], '.')
		if k < 0 {
			break
		}
		dots = append(dots, i+k)
		i += k + 1
	}
	// The matches, in a buffer on the stack for the few a text holds.
	var msBuf [4]Match
	ms := msBuf[:0]
	// next holds, for each needle, where its next occurrence may start.
	var nextBuf [16]int
	next := nextBuf[:0]
	if len(d.needles) > len(nextBuf) {
		next = make([]int, len(d.needles))
	}
	next = next[:len(d.needles)]
	for _, nd := range d.needles {
		if nd.dot >= 0 {
			continue
		}
		for i := 0; i < len(n); {
			k := strings.Index(n[i:], nd.text)
			if k < 0 {
				break
			}
			var m Match
			var ok bool
			if m, i, ok = d.hostAt(t, i+k, nd); ok {
				ms = append(ms, m)
			}
		}
	}
	// Each needle meets the dots in order, as if it were searched for on
	// its own; the matches are put in order below.
	for _, q := range dots {
		if q+1 >= len(n) {
			break
		}
		// The byte after the dot first: it rejects most dots.
		for _, k := range d.byAfterDot[n[q+1]] {
			nd := d.needles[k]
			if p := q - nd.dot; p >= next[k] && hasPrefixAt(n, p, nd.text) {
				var m Match
				var ok bool
				if m, next[k], ok = d.hostAt(t, p, nd); ok {
					ms = append(ms, m)
				}
			}
		}
	}
	if len(ms) > 1 {
		// Several domains: order by position, and keep one match per
		// host name (a domain under another configured one).
		slices.SortFunc(ms, func(a, b Match) int { return cmp.Compare(a.Start, b.Start) })
		k := 0
		for _, m := range ms {
			if k == 0 || m.Start != ms[k-1].Start {
				ms[k] = m
				k++
			}
		}
		ms = ms[:k]
	}
	for _, m := range ms {
		m.Start, m.End = t.Orig(m.Start, m.End)
		found(m)
	}
}

// hostAt looks for a host name around the needle nd found at n[p:] and
// returns it, if any, and where the needle's next occurrence may start.
func (d *hostDetector) hostAt(t *Text, p int, nd hostNeedle) (Match, int, bool) {
	p += nd.lead
	if m, ok := d.hostAround(t, p, p+len(nd.text)-nd.lead); ok {
		return m, m.End, true // in the view: see hostAround
	}
	return Match{}, p + 1, false
}

// hostAround returns the host name holding the configured domain found at
// n[p:e], with its span in the view, if the domain ends the name.
func (d *hostDetector) hostAround(t *Text, p, e int) (Match, bool) {
	n := t.norm
	// The domain must end the name: what follows is not a host character,
	// nor a dot followed by one.
	if e < len(n) {
		r, _ := utf8.DecodeRuneInString(n[e:])
		if isHostRune(r) || r == '.' && e+1 < len(n) && startsHostRune(n[e+1:]) || r == '@' {
			return Match{}, false
		}
	}
	// The name starts where host characters and dots stop.
	start := p
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(n[:start])
		if !isHostRune(r) && r != '.' {
			break
		}
		start -= size
	}
	for start < p && (n[start] == '.' || n[start] == '-') {
		start++
	}
	if start > 0 && n[start-1] == '@' && !afterUserinfo(n, start-1) {
		return Match{}, false // an email address: the email detector's
	}
	h := n[start:e]
	if !validHostName(h) || !d.ns.internalDomain(h) {
		return Match{}, false
	}
	return Match{Kind: Hostname, Start: start, End: e, Value: h, Country: hostCountry(h), Internal: true}, true
}

// afterUserinfo reports whether the '@' at n[at] ends the user information
// of a URL (scheme://user:password@host), so that what follows is the
// URL's host, not an email address's domain.
func afterUserinfo(n string, at int) bool {
	k := at
	for k > 0 && n[k-1] != ' ' && n[k-1] != '\t' && n[k-1] != '\n' && n[k-1] != '"' && n[k-1] != '<' && n[k-1] != '(' {
		k--
	}
	return strings.Index(n[k:at], "://") > 0
}

func startsHostRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isHostRune(r)
}

func isHostRune(r rune) bool {
	if r < 0x80 {
		c := byte(r)
		return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// validHostName reports labels that are non-empty, at most 63 bytes, not
// starting with '-'.
func validHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	l := 0
	for k := 0; k <= len(h); k++ {
		if k == len(h) || h[k] == '.' {
			if l == 0 || l > 63 || h[k-l] == '-' {
				return false
			}
			l = 0
			continue
		}
		l++
	}
	return true
}
