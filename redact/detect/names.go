package detect

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:generate go run ./internal/gen/attacknames -o names_data.go ../../../shared/corpus/attack/ics-attack-18.1.json ../../../shared/corpus/attack/mobile-attack-17.1.json

// NameOptions tunes the person-name detectors. The zero value gives the
// defaults.
type NameOptions struct {
	// MinLen is the fewest letters a learned name must have to be matched
	// at all; 0 means 3.
	MinLen int
	// Stoplist holds extra words, in any case, that are never reported as
	// a name on their own and never start a dictionary name: a product or
	// project name of the sender's that is also a given name, say.
	Stoplist []string
}

// loneMinLen is the fewest letters a single token of a learned name needs
// to be matched on its own.
const loneMinLen = 4

// NewNameDetector returns a detector for the given person names: the
// names of victims and staff that the engine learns from a bundle's
// identities and from the policy.
//
// A name of several words matches wherever those words appear in that
// order, in any case, separated only by white space (and the full stop of
// an initial), as whole words: "Jane Doe" matches "jane  DOE" but not
// "JaneDoe". Joined by one '_', '.' or '-' throughout, as file names and
// logins write it, it matches too where no letter or digit glues it to
// more: "Jane_Doe_CV.pdf", "jane.doe", not "Jane_Doe2". Each of its words of at least four letters
// that is not a stoplisted word also matches on its own, but only where it
// is capitalised in the original text ("Doe" is too short; "Smith" and
// "Jane" would match in "Smith said" and "Jane's laptop", not in "smith" or
// in "blacksmith"): the surname or given name alone is how reports go on
// to mention a person. A one-word name follows the rule for lone words.
// Names with fewer than opts.MinLen letters are ignored (a Han character
// or a Hangul syllable counts as two). Words match with diacritics folded
// ("José" matches "Jose"). A name written only in Han, kana or Hangul is
// matched whole wherever its words stand in order, spaced or not, inside
// a longer run of letters too ("田中 太郎" in "田中太郎さんが"): those
// scripts put no space between words, or glue particles to them, and have
// no case.
//
// A name also matches as ICAO Doc 9303 transliterates it ("Müller" as
// "Mueller", "Ødegård" as "Oedegaard"), and with a hyphenated word cut to
// one of its parts ("Zoë Ångström-Lindqvist" as "Zoë Lindqvist", and
// "Lindqvist" as a lone word).
//
// Value is the name as written, in lower case, with runs of white space
// as one space.
func NewNameDetector(names []string, opts NameOptions) Detector {
	d := &learnedNameDetector{full: map[string][][]string{}, lone: map[string]bool{}}
	stop := newNameStoplist(opts)
	minLen := opts.MinLen
	if minLen <= 0 {
		minLen = 3
	}
	for _, name := range names {
		norm := NewText(name).Normal()
		d.learn(norm, minLen, stop)
		if t, ok := transliterate(norm); ok {
			d.learn(t, minLen, stop)
		}
	}
	for k := range d.full {
		d.first[k[0]] = true
	}
	for k := range d.lone {
		d.first[k[0]] = true
	}
	// Try longer names first, so "Mary Ann Smith" wins over "Mary Ann".
	for k, seqs := range d.full {
		sortByLenDesc(seqs)
		d.full[k] = seqs
	}
	return d
}

// learn adds the name whose normalised view is norm: its words as a
// full name and those long enough as lone words, and likewise the parts
// of its hyphenated words (names_variants.go).
func (d *learnedNameDetector) learn(norm string, minLen int, stop nameStoplist) {
	var toks []string
	letters := 0
	forEachWord(norm, func(w byteSpan) {
		toks = append(toks, foldName(norm[w.start:w.end]))
		letters += nameLetters(norm[w.start:w.end])
	})
	if len(toks) == 0 || letters < minLen {
		return
	}
	if unspacedOnly(norm) {
		d.unspaced = append(d.unspaced, unspacedName{toks, nameValue(strings.TrimSpace(norm))})
		return
	}
	if len(toks) > 1 {
		d.full[toks[0]] = append(d.full[toks[0]], toks)
		for _, v := range partNames(toks) {
			d.full[v[0]] = append(d.full[v[0]], v)
		}
	}
	lone := func(tok string) {
		if utf8.RuneCountInString(tok) >= max(loneMinLen, minLen) && !stop.lone(tok) {
			d.lone[tok] = true
		}
	}
	for _, tok := range toks {
		lone(tok)
		for _, p := range hyphenParts(tok) {
			lone(p)
		}
	}
}

type learnedNameDetector struct {
	// first holds the first bytes of the words in full and lone (folded),
	// a prefilter that spares most words the folding and the lookups.
	first [256]bool
	// full maps a name's first word to the names that start with it.
	full map[string][][]string
	// lone holds the words that match on their own.
	lone map[string]bool
	// unspaced holds the names written in scripts without spaces
	// between words (names_unspaced.go).
	unspaced []unspacedName
}

func (*learnedNameDetector) Name() string { return "person-name" }

func (d *learnedNameDetector) Detect(t *Text, found func(Match)) {
	if len(d.full) == 0 && len(d.lone) == 0 && len(d.unspaced) == 0 {
		return
	}
	if len(d.full) > 0 || len(d.unspaced) > 0 {
		// Names joined by '_', '.' or '-' (detectJoined) and names in
		// scripts written without spaces (detectUnspaced) are found
		// apart and reported in order with the others.
		var joined []Match
		add := func(m Match) { joined = append(joined, m) }
		if len(d.full) > 0 {
			d.detectJoined(t, add)
		}
		if n := len(joined); len(d.unspaced) > 0 {
			d.detectUnspaced(t, add)
			if n > 0 && len(joined) > n {
				slices.SortStableFunc(joined, func(a, b Match) int { return a.Start - b.Start })
			}
		}
		if len(joined) > 0 {
			lastEnd := 0
			d.detectSpaced(t, func(m Match) {
				for len(joined) > 0 && joined[0].Start <= m.Start {
					lastEnd = joined[0].End
					found(joined[0])
					joined = joined[1:]
				}
				if m.Start >= lastEnd {
					found(m)
				}
			})
			for _, m := range joined {
				found(m)
			}
			return
		}
	}
	d.detectSpaced(t, found)
}

// detectSpaced finds the learned names written as words apart: the full
// names, their words separated by white space, and the lone words.
func (d *learnedNameDetector) detectSpaced(t *Text, found func(Match)) {
	s := t.Normal()
	var kb [64]byte
	for i := 0; i < len(s); {
		w, ok := nextWord(s, i)
		if !ok {
			return
		}
		i = w.end
		if c := s[w.start]; c < utf8.RuneSelf && !d.first[c|0x20] || wordGlued(s, w) {
			continue
		}
		w.end -= possessive(s[w.start:w.end])
		key := appendFold(kb[:0], s[w.start:w.end])
		if seqs, ok := d.full[string(key)]; ok {
			if end, ok := matchSequence(s, w, seqs); ok {
				reportName(t, w.start, end, found)
				i = end
				continue
			}
		}
		if d.lone[string(key)] && capitalised(t, w) {
			reportName(t, w.start, w.end, found)
		}
	}
}

// matchSequence reports whether one of seqs (folded words, the first
// already matched by w) follows from w in s, and where the longest ends.
func matchSequence(s string, w byteSpan, seqs [][]string) (int, bool) {
	var kb [64]byte
	for _, seq := range seqs {
		cur := w
		ok := true
		for _, want := range seq[1:] {
			next, ok2 := followingWord(s, cur)
			if ok2 {
				next.end -= possessive(s[next.start:next.end])
			}
			if !ok2 || string(appendFold(kb[:0], s[next.start:next.end])) != want {
				ok = false
				break
			}
			cur = next
		}
		if ok && !wordGlued(s, cur) {
			return cur.end, true
		}
	}
	return 0, false
}

// NewDictionaryNameDetector returns a detector for full names of people
// the bundle does not name: a given name followed by a surname, both in
// the dictionary compiled into the package (see data/), both capitalised
// in the original text, and separated only by white space: "Jane Doe",
// "José García", "Anna-Lena Müller". Between them may stand a middle name
// from the dictionary or an initial ("John F. Kennedy", and with an
// initial the surname need only be capitalised: "John Q. Public"), and up
// to two surname particles (van, de, di, von, ...: "Ludwig van
// Beethoven"). East Asian family names are accepted before a given name
// too ("Wang Wei", "Yamada Taro"). A lone word is never reported: a
// single capitalised given name or surname is too often a product, a
// place or the start of a sentence.
//
// A given name that is also an everyday English word (Will, May, Mark,
// Grace, April, ...), or that is a threat's name (Ryuk, Lazarus, and the
// intrusion sets, malware and tools of MITRE ATT&CK), never starts a
// name, and a pair that is itself a threat's name ("Agent Smith", a piece
// of malware) is not a person. Value is the name as written, in lower
// case, with runs of white space as one space.
func NewDictionaryNameDetector(opts NameOptions) Detector {
	return &dictionaryNameDetector{dict: sharedNameDict(), stop: newNameStoplist(opts)}
}

type dictionaryNameDetector struct {
	dict *nameDict
	stop nameStoplist
}

func (*dictionaryNameDetector) Name() string { return "person-name-dictionary" }

func (d *dictionaryNameDetector) Detect(t *Text, found func(Match)) {
	if joined := d.joinedNames(t); len(joined) > 0 {
		// The joined names, found apart, go out in order among the
		// others (none overlaps one: a joined word is glued).
		report := found
		found = func(m Match) {
			for len(joined) > 0 && joined[0].Start < m.Start {
				report(joined[0])
				joined = joined[1:]
			}
			report(m)
		}
		defer func() {
			for _, m := range joined {
				report(m)
			}
		}()
	}
	if t.origClass&(classUpper|byteClasses(ClassNonASCII)) == 0 {
		return // nothing can be capitalised
	}
	s := t.Normal()
	var kb [64]byte
	// In ASCII text, a word is capitalised when its first byte comes
	// from an upper-case letter of the original (the same offset where
	// no rewrite changed the text; Reset indexes them where one did):
	// skip ahead to the last space before the next such byte. Every word in
	// between is refused below for want of a capital, and a space ends
	// any word, so the scan resumes where it would have got to.
	jump := !t.Has(ClassNonASCII) && (t.toOrig == nil || t.capitalsIndexed)
	upper := -1 // the next upper-case letter of the original, once found
	capital := 0
	for i := 0; i < len(s); {
		if jump {
			if upper < i {
				upper = t.nextCapital(i, &capital)
				if upper == len(s) {
					return
				}
			}
			if k := strings.LastIndexByte(s[i:upper], ' '); k >= 0 {
				i += k + 1
			}
		}
		w1, ok := nextWord(s, i)
		if !ok {
			return
		}
		i = w1.end
		// In jump mode a word is capitalised when it starts on a capital
		// (see above): no need to map it back to the original.
		if jump && t.nextCapital(w1.start, &capital) != w1.start || !jump && !capitalised(t, w1) || wordGlued(s, w1) {
			continue
		}
		k1 := appendFold(kb[:0], s[w1.start:w1.end])
		f1 := d.lookup(k1)
		if f1&(givenName|familyFirst) == 0 || d.stop.starts(string(k1)) {
			continue
		}
		if end, ok := d.complete(t, w1, f1); ok && !d.notPerson(s, w1, end) {
			reportName(t, w1.start, end, found)
			i = end
		}
	}
}

// joinedNames returns the names of t's view written as one token, as
// user names and email local parts are, in order: a given name and a
// surname joined by a dot or an underscore ("maria.schneider",
// "maria_schneider"), or an initial and a surname joined by a dot
// ("m.schneider"), in any case. Without capitals to go by, both words
// must be in the dictionary, the surname of three letters or more and no
// everyday word or threat's name ("grace.period", "will.change" and
// "mark.price" are not names), and the token must stand alone: inside a
// longer dotted name, a path or an email address it is a host's label,
// a directory or a local part, which other detectors judge.
func (d *dictionaryNameDetector) joinedNames(t *Text) []Match {
	s := t.Normal()
	if !t.Has(ClassDot) && strings.IndexByte(s, '_') < 0 {
		return nil
	}
	var ms []Match
	// The next dot and underscore from p, each found once (IndexAny
	// would build its set again for every dot of the prose).
	dot, under := -1, -1
	for p := 1; p+1 < len(s); p++ {
		if dot < p {
			dot = indexFrom(s[:len(s)-1], '.', p)
		}
		if under < p {
			under = indexFrom(s[:len(s)-1], '_', p)
		}
		if p = min(dot, under); p+1 >= len(s) {
			break
		}
		if !isASCIILetter(s[p-1]) || !isASCIILetter(s[p+1]) {
			continue
		}
		a := p - 1
		for a > 0 && isASCIILetter(s[a-1]) {
			a--
		}
		e := p + 1
		for e < len(s) && isASCIILetter(s[e]) {
			e++
		}
		given, sur := s[a:p], s[p+1:e]
		if len(given) > 64 || len(sur) < 3 || len(sur) > 64 || glued(s, a, -1) || glued(s, e, +1) {
			p = e - 1
			continue
		}
		var kb [64]byte
		ks := appendFold(kb[:0], sur)
		if d.dict.flags(ks)&surname == 0 || d.stop.common[string(ks)] || d.stop.threatWord(string(ks)) || nameParticles[string(ks)] {
			p = e - 1
			continue
		}
		var value string
		if len(given) == 1 {
			if s[p] != '.' {
				p = e - 1
				continue
			}
			value = string(given[0]|0x20) + ". " + string(ks)
		} else {
			var gb [64]byte
			kg := appendFold(gb[:0], given)
			if d.dict.flags(kg)&givenName == 0 || d.stop.starts(string(kg)) {
				p = e - 1
				continue
			}
			value = string(kg) + " " + string(ks)
			if notPersonNames[value] {
				p = e - 1
				continue
			}
		}
		start, end := t.Orig(a, e)
		ms = append(ms, Match{Kind: PersonName, Start: start, End: end, Value: value})
		p = e - 1
	}
	return ms
}

// indexFrom returns the offset of the first c in s from i, or len(s)+1
// when there is none.
func indexFrom(s string, c byte, i int) int {
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s) + 1
}

// complete finds the rest of a name that starts with w1, and where it
// ends.
func (d *dictionaryNameDetector) complete(t *Text, w1 byteSpan, f1 nameFlags) (int, bool) {
	s := t.Normal()
	var kb [64]byte
	w2, ok := followingWord(s, w1)
	if !ok {
		return 0, false
	}
	cap2 := capitalised(t, w2)
	f2 := d.lookup(appendFold(kb[:0], s[w2.start:w2.end]))
	// Family name first: "Wang Wei".
	if f1&familyFirst != 0 && cap2 && f2&givenName != 0 && !wordGlued(s, w2) && !d.stop.threatPair(s, w1, w2.end) {
		return w2.end, true
	}
	if f1&givenName == 0 {
		return 0, false
	}
	var end int
	switch {
	case cap2 && w2.len() == 1 && w2.end < len(s) && s[w2.end] == '.':
		// A middle initial: "John Q. Public".
		end, ok = d.surname(t, byteSpan{w2.start, w2.end + 1}, true)
	case cap2 && f2&givenName != 0:
		// A middle name, or else the second given name is the surname.
		if end, ok = d.surname(t, w2, false); !ok {
			end, ok = d.surname(t, w1, false)
		}
	default:
		end, ok = d.surname(t, w1, false)
	}
	if !ok || d.stop.threatPair(s, w1, end) {
		return 0, false
	}
	return end, true
}

// notPerson reports whether the name from w1 to end is part of an
// organisation's or a place's name: one of notPersonNames, alone or after
// the word before it ("Booz Allen Hamilton"), or followed by a word like
// "University" or "Street" ("George Mason University").
func (d *dictionaryNameDetector) notPerson(s string, w1 byteSpan, end int) bool {
	var kb [128]byte
	k := d.stop.appendWords(kb[:0], s, w1.start, end)
	if notPersonNames[string(k)] {
		return true
	}
	if prev, ok := precedingWord(s, w1); ok {
		var pb [192]byte
		pk := appendFold(pb[:0], s[prev.start:prev.end])
		pk = append(append(pk, ' '), k...)
		if notPersonNames[string(pk)] {
			return true
		}
	}
	if next, ok := followingWord(s, byteSpan{w1.start, end}); ok {
		if orgWords[string(appendFold(kb[:0], s[next.start:next.end]))] {
			return true
		}
	}
	return false
}

// notPersonNames are organisations and places, in threat reports'
// citations and text, whose names read as a given name and a surname.
var notPersonNames = map[string]bool{
	"hong kong": true, "washington post": true, "booz allen hamilton": true,
	"morgan stanley": true, "stanley black": true, "jane street": true,
	"grant thornton": true, "arthur andersen": true, "virginia beach": true,
}

// orgWords, after a name, make it the name of an organisation, a place or
// a thing.
var orgWords = map[string]bool{
	"university": true, "college": true, "institute": true, "foundation": true,
	"group": true, "inc": true, "corp": true, "corporation": true, "llc": true,
	"ltd": true, "center": true, "centre": true, "hospital": true, "school": true,
	"street": true, "avenue": true, "road": true, "bridge": true, "award": true,
	"prize": true, "library": true, "museum": true, "airport": true, "station": true,
	"county": true, "city": true, "lab": true, "labs": true, "laboratory": true,
	"worm": true, "virus": true, "malware": true, "ransomware": true, "trojan": true,
	"botnet": true, "loader": true, "stealer": true, "rat": true, "backdoor": true,
}

// precedingWord returns the word before w when only white space stands
// between.
func precedingWord(s string, w byteSpan) (byteSpan, bool) {
	i := w.start
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(r) || r == '\n' {
			break
		}
		i -= n
	}
	if i == w.start || i == 0 {
		return byteSpan{}, false
	}
	end := i
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		i -= n
	}
	if i == end {
		return byteSpan{}, false
	}
	return byteSpan{i, end}, true
}

// surname finds a surname after prev, skipping particles, and a second
// surname after it ("García Márquez"), and returns where they end. With
// anyWord, any capitalised word of two letters or more will do.
func (d *dictionaryNameDetector) surname(t *Text, prev byteSpan, anyWord bool) (int, bool) {
	end, ok := d.surnameWord(t, prev, anyWord)
	if !ok {
		return 0, false
	}
	// The second surname stands on the same line and is no given name,
	// which would more likely start the next name of a list.
	s := t.Normal()
	var kb [64]byte
	if w, ok := followingWord(s, byteSpan{prev.end, end}); ok && !strings.ContainsAny(s[end:w.start], "\n\r") &&
		d.lookup(appendFold(kb[:0], s[w.start:w.end]))&givenName == 0 {
		if end2, ok := d.surnameWord(t, byteSpan{prev.end, end}, false); ok {
			return end2, true
		}
	}
	return end, true
}

// surnameWord finds one surname after prev, skipping up to two
// particles, and returns where it ends.
func (d *dictionaryNameDetector) surnameWord(t *Text, prev byteSpan, anyWord bool) (int, bool) {
	s := t.Normal()
	var kb [64]byte
	for n := 0; n <= 2; n++ {
		w, ok := followingWord(s, prev)
		if !ok {
			return 0, false
		}
		k := appendFold(kb[:0], s[w.start:w.end])
		if nameParticles[string(k)] {
			prev = w
			continue
		}
		if !capitalised(t, w) || wordGlued(s, w) {
			return 0, false
		}
		// A possessive is the name and an ending: "Doe's".
		if p := possessive(s[w.start:w.end]); p > 0 {
			w.end -= p
			k = appendFold(kb[:0], s[w.start:w.end])
		}
		if anyWord {
			if utf8.RuneCount(k) < 2 || d.stop.starts(string(k)) {
				return 0, false
			}
			return w.end, true
		}
		if d.lookup(k)&surname == 0 || d.stop.threatWord(string(k)) || monthBeforeNumber(s, string(k), w) {
			return 0, false
		}
		return w.end, true
	}
	return 0, false
}

// monthBeforeNumber reports whether k, the word w, is a month followed by
// a number: "May 2017" in "(Citation: John Bill May 2017)" is a date.
func monthBeforeNumber(s, k string, w byteSpan) bool {
	switch k {
	case "january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december":
	default:
		return false
	}
	i := w.end
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i > w.end && i < len(s) && isDigit(s[i])
}

// possessive returns the length of a word's possessive ending ('s or ’s),
// or 0.
func possessive(w string) int {
	for _, e := range []string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(e) && strings.HasSuffix(w, e) {
			return len(e)
		}
	}
	return 0
}

// lookup returns a word's flags; a hyphenated word that is not in the
// dictionary as a whole counts if each of its parts is, particles aside
// ("Anna-Lena", "Al-Qahtani").
func (d *dictionaryNameDetector) lookup(k []byte) nameFlags {
	if f := d.dict.flags(k); f != 0 || bytes.IndexByte(k, '-') < 0 {
		return f
	}
	all := givenName | surname | familyFirst
	parts := 0
	for len(k) > 0 {
		part := k
		if h := bytes.IndexByte(k, '-'); h >= 0 {
			part, k = k[:h], k[h+1:]
		} else {
			k = nil
		}
		if nameParticles[string(part)] {
			continue
		}
		all &= d.dict.flags(part)
		parts++
	}
	if parts == 0 {
		return 0
	}
	return all
}

// nameParticles are the lower-case words that stand between a given name
// and a surname ("van", "de", "di", "von", "al", "bin", ...).
var nameParticles = map[string]bool{
	"van": true, "von": true, "de": true, "den": true, "der": true, "del": true,
	"della": true, "di": true, "da": true, "das": true, "dos": true, "du": true,
	"la": true, "le": true, "ter": true, "ten": true, "al": true, "el": true,
	"bin": true, "ibn": true, "bint": true, "ben": true, "abu": true, "mac": true,
}

// commonWordNames are given names and surnames that are everyday English
// words, seen capitalised at the start of sentences and in titles far
// more often than as names.
var commonWordNames = []string{
	"april", "august", "baker", "bell", "bill", "black", "brown", "case",
	"cash", "chase", "christian", "dawn", "dean", "early", "faith", "field",
	"frank", "gates", "gray", "green", "grey", "guy", "hall", "he", "hill",
	"hope", "hunter", "iris", "ivy", "jade", "joy", "june", "king", "lane",
	"long", "major", "mark", "mason", "max", "may", "miles", "page", "park",
	"pat", "pearl", "price", "ray", "rich", "rose", "ruby", "sky", "stone",
	"summer", "victor", "ward", "white", "will", "wolf", "wood", "young",
	"grace", "art", "bob", "van", "so", "an", "ha", "ho", "lo", "ma", "oh",
	"um", "ye", "china", "paris", "virginia", "georgia", "jordan", "israel",
	"austin", "florence", "victoria", "sydney", "phoenix", "denver", "tyler",
	"sunday", "monday", "friday", "windows", "office", "agent", "admin",
	"chrome", "edge", "safari", "gordon", "angel", "star", "patch", "nice",
}

// threatWords are threat names that are also given names or surnames or
// look like them; names_data.go adds ATT&CK's.
var threatWords = []string{
	"apt", "ryuk", "emotet", "lazarus", "sandworm", "turla", "cobalt",
	"strike", "mimikatz", "carbanak", "conti", "lockbit", "revil", "maze",
	"trickbot", "qakbot", "dridex", "ursnif", "hive", "akira", "medusa",
	"judy", "cerberus", "ginp", "anubis", "hydra", "kimsuky", "winnti",
	"andariel", "gamaredon", "fancy", "cozy", "bear", "panda", "kitten",
	"spider", "typhoon", "blizzard", "sleet", "tempest", "sandstorm",
	"equation", "duqu", "flame", "triton", "stuxnet", "petya", "wannacry",
}

// A nameStoplist holds the words the name detectors must not report.
type nameStoplist struct {
	common map[string]bool // everyday words, and the user's own list
	single map[string]bool // threat names of one word
	pairs  map[string]bool // ATT&CK names of several words, folded
}

func newNameStoplist(opts NameOptions) nameStoplist {
	st := nameStoplist{common: map[string]bool{}, single: map[string]bool{}, pairs: map[string]bool{}}
	for _, w := range commonWordNames {
		st.common[w] = true
	}
	for _, w := range opts.Stoplist {
		st.common[foldName(w)] = true
	}
	for _, w := range threatWords {
		st.single[w] = true
	}
	for _, n := range attackNames {
		var toks []string
		forEachWord(n, func(w byteSpan) { toks = append(toks, foldName(n[w.start:w.end])) })
		switch {
		case len(toks) == 1 && toks[0] == n:
			st.single[n] = true
		case len(toks) > 1:
			st.pairs[strings.Join(toks, " ")] = true
		}
	}
	return st
}

// lone reports whether a learned word must not match on its own. A word
// of a multi-word threat name still does: "Smith" of "Agent Smith" is
// more often the victim's surname, and redacting the malware's name by
// mistake leaks nothing.
func (st nameStoplist) lone(k string) bool {
	return st.common[k] || st.single[k] || nameParticles[k]
}

// starts reports whether a word must not start a dictionary name.
func (st nameStoplist) starts(k string) bool { return st.common[k] || st.single[k] }

// threatWord reports whether k is a threat's name of one word. (Every
// word of a multi-word ATT&CK name is not: "Agent Smith" must not
// stoplist every Smith.)
func (st nameStoplist) threatWord(k string) bool { return st.single[k] }

// threatPair reports whether the words from a to end spell an ATT&CK
// name.
func (st nameStoplist) threatPair(s string, a byteSpan, end int) bool {
	var kb [128]byte
	return st.pairs[string(st.appendWords(kb[:0], s, a.start, end))]
}

// appendWords appends the folded words of s[start:end], separated by
// single spaces.
func (nameStoplist) appendWords(dst []byte, s string, start, end int) []byte {
	first := true
	forEachWord(s[start:end], func(w byteSpan) {
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		dst = appendFold(dst, s[start+w.start:start+w.end])
	})
	return dst
}

func sortByLenDesc(seqs [][]string) {
	for i := 1; i < len(seqs); i++ {
		for j := i; j > 0 && len(seqs[j]) > len(seqs[j-1]); j-- {
			seqs[j], seqs[j-1] = seqs[j-1], seqs[j]
		}
	}
}

// reportName sends the match for the words spanning [start, end) of the
// normalised view.
func reportName(t *Text, start, end int, found func(Match)) {
	os, oe := t.Orig(start, end)
	found(Match{Kind: PersonName, Start: os, End: oe, Value: nameValue(t.Normal()[start:end])})
}

// nameValue returns the Value of a name written s: lower-cased, each run
// of spaces one space, none trailing. Most names of the view already are
// their Value (isNameValue), and are returned without a copy.
func nameValue(s string) string {
	if isNameValue(s) {
		return s
	}
	return spacedLower(s)
}

// spacedLower returns s lower-cased with each run of spaces made one
// space and trailing ones dropped: nameValue's general path.
func spacedLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// isNameValue reports whether the words s are already what reportName
// makes of them: ASCII without upper case letters, the words separated
// by single spaces, no space leading or trailing. The view is case
// folded, so that is most names.
func isNameValue(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80 || c >= 'A' && c <= 'Z':
			return false
		case c == ' ':
			if i == 0 || i+1 == len(s) || s[i+1] == ' ' {
				return false
			}
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		}
	}
	return true
}

// Words. A word is a run of letters (and combining marks), with single
// apostrophes or hyphens inside ("O'Brien", "Anna-Lena").

// nextWord returns the first word of s at or after i.
func nextWord(s string, i int) (byteSpan, bool) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case isASCIILetter(c):
				return byteSpan{i, wordEnd(s, i)}, true
			case isDigit(c) || c == '_':
				i = identEnd(s, i)
			default:
				i++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r):
			return byteSpan{i, wordEnd(s, i)}, true
		case unicode.IsDigit(r):
			i = identEnd(s, i)
		default:
			i += n
		}
	}
	return byteSpan{}, false
}

// identEnd skips the rest of an identifier like "x86_64abc", so that no
// word is taken from its middle.
func identEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !isASCIIAlnum(c) && c != '_' {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		i += n
	}
	return i
}

// wordEnd returns the end of the word starting at i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		c := s[i]
		if isASCIILetter(c) {
			i++
			continue
		}
		var r rune
		n := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
				i += n
				continue
			}
		}
		if r == '\'' || r == '’' || r == '-' {
			if i+n < len(s) {
				if c2 := s[i+n]; isASCIILetter(c2) {
					i += n
					continue
				} else if c2 >= utf8.RuneSelf {
					if r2, _ := utf8.DecodeRuneInString(s[i+n:]); unicode.IsLetter(r2) {
						i += n
						continue
					}
				}
			}
		}
		break
	}
	return i
}

// forEachWord calls fn for each word of s.
func forEachWord(s string, fn func(byteSpan)) {
	for i := 0; ; {
		w, ok := nextWord(s, i)
		if !ok {
			return
		}
		fn(w)
		i = w.end
	}
}

// followingWord returns the word after w when only white space (at most
// one line break), or the full stop of a one-letter word, stands between.
func followingWord(s string, w byteSpan) (byteSpan, bool) {
	i := w.end
	if i < len(s) && s[i] == '.' && utf8.RuneCountInString(s[w.start:w.end]) == 1 {
		i++
	}
	gap, lines := i, 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		if r == '\n' {
			lines++
		}
		i += n
	}
	if i == gap || lines > 1 || i >= len(s) {
		return byteSpan{}, false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if !unicode.IsLetter(r) {
		return byteSpan{}, false
	}
	return byteSpan{i, wordEnd(s, i)}, true
}

// wordGlued reports whether a word is part of a longer token: an email
// address, a host name, a path, an identifier.
func wordGlued(s string, w byteSpan) bool {
	if (w.start == 0 || s[w.start-1] == ' ') && (w.end == len(s) || s[w.end] == ' ') {
		return false // what glued says of a space or an end, without the calls
	}
	return glued(s, w.start, -1) || glued(s, w.end, +1)
}

// capitalised reports whether the word's first letter is upper or title
// case in the original text.
func capitalised(t *Text, w byteSpan) bool {
	if t.toOrig == nil && w.start < w.end && w.start < len(t.orig) && t.orig[w.start] < utf8.RuneSelf {
		// The view maps to itself and the word starts with an ASCII
		// character: Orig would start there too.
		c := t.orig[w.start]
		return c >= 'A' && c <= 'Z'
	}
	os, oe := t.Orig(w.start, w.end)
	if os >= oe {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.String()[os:oe])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// nextUpperASCII returns the offset of the first ASCII upper-case letter
// of s at or after i, or len(s).
func nextUpperASCII(s string, i int) int {
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	return i
}

// foldName returns a word in the form the dictionaries hold.
func foldName(w string) string { return string(appendFold(nil, w)) }

// appendFold appends w in lower case with Latin diacritics and
// apostrophes removed, so that "José", "JOSE" and "jose" compare equal,
// and so do "O'Brien" and the Census's "OBRIEN".
func appendFold(dst []byte, w string) []byte {
	// ASCII a byte at a time, as the loop below does it.
	i := 0
	for ; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			break
		}
		if c == '\'' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	for _, r := range w[i:] {
		switch {
		case r == '\'' || r == '’':
			continue
		case r < utf8.RuneSelf:
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		case unicode.Is(unicode.Mn, r):
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := latinFold[r]; ok {
			dst = append(dst, f...)
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// latinFold maps the lower-case letters of Latin-1 Supplement, Latin
// Extended-A and Latin Extended-B to their base letters (from their
// Unicode canonical decompositions; ß, æ, œ, ø, ł, đ and the like, which
// have none, by their usual transliteration).
var latinFold = map[rune]string{
	'ß': "ss", 'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a",
	'æ': "ae", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i",
	'í': "i", 'î': "i", 'ï': "i", 'ð': "d", 'ñ': "n", 'ò': "o", 'ó': "o",
	'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ù': "u", 'ú': "u", 'û': "u",
	'ü': "u", 'ý': "y", 'þ': "th", 'ÿ': "y", 'ā': "a", 'ă': "a", 'ą': "a",
	'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ē': "e",
	'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e", 'ĝ': "g", 'ğ': "g", 'ġ': "g",
	'ģ': "g", 'ĥ': "h", 'ħ': "h", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i",
	'ı': "i", 'ĵ': "j", 'ķ': "k", 'ĸ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l",
	'ŀ': "l", 'ł': "l", 'ń': "n", 'ņ': "n", 'ň': "n", 'ŉ': "n", 'ō': "o",
	'ŏ': "o", 'ő': "o", 'œ': "oe", 'ŕ': "r", 'ŗ': "r", 'ř': "r", 'ś': "s",
	'ŝ': "s", 'ş': "s", 'š': "s", 'ţ': "t", 'ť': "t", 'ũ': "u", 'ū': "u",
	'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u", 'ŵ': "w", 'ŷ': "y", 'ź': "z",
	'ż': "z", 'ž': "z", 'ſ': "s", 'ơ': "o", 'ư': "u", 'ǎ': "a", 'ǐ': "i",
	'ǒ': "o", 'ǔ': "u", 'ǖ': "u", 'ǘ': "u", 'ǚ': "u", 'ǜ': "u", 'ǟ': "a",
	'ǡ': "a", 'ǧ': "g", 'ǩ': "k", 'ǫ': "o", 'ǭ': "o", 'ǰ': "j", 'ǵ': "g",
	'ǹ': "n", 'ǻ': "a", 'ȁ': "a", 'ȃ': "a", 'ȅ': "e", 'ȇ': "e", 'ȉ': "i",
	'ȋ': "i", 'ȍ': "o", 'ȏ': "o", 'ȑ': "r", 'ȓ': "r", 'ȕ': "u", 'ȗ': "u",
	'ș': "s", 'ț': "t", 'ȟ': "h", 'ȧ': "a", 'ȩ': "e", 'ȫ': "o", 'ȭ': "o",
	'ȯ': "o", 'ȱ': "o", 'ȳ': "y",
}
