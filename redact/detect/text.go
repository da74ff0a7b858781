package detect

// A Text is a string to scan and its normalised view. Build one with
// NewText; it is not safe for concurrent modification but may be read by
// several detectors.
type Text struct {
	orig string
	norm string
	// toOrig maps each byte offset of norm (and len(norm)) to a byte offset
	// of orig; nil when the two have the same length and every offset maps
	// to itself.
	toOrig []int32
}

// NewText returns s with its normalised view.
func NewText(s string) *Text {
	t := &Text{orig: s}
	t.normalise()
	return t
}

// String returns the original text.
func (t *Text) String() string { return t.orig }

// Normal returns the normalised view.
func (t *Text) Normal() string { return t.norm }

// Orig maps a span of the normalised view to the span of the original text
// it came from.
func (t *Text) Orig(start, end int) (int, int) {
	if t.toOrig == nil {
		return start, end
	}
	s, e := int(t.toOrig[start]), int(t.toOrig[end])
	// An end inside an expansion (one original character that normalised
	// to several) covers the whole original character.
	if end > start && e <= s {
		e = s + 1
	}
	for e < len(t.orig) && e > 0 && !runeStart(t.orig[e]) {
		e++
	}
	return s, e
}

func runeStart(b byte) bool { return b&0xC0 != 0x80 }

// normalise builds the normalised view. This first version only folds
// ASCII case; the full normalisation (NFKC, width, Unicode case folding,
// zero-width characters, defanged forms, percent-encoding) replaces it.
func (t *Text) normalise() {
	s := t.orig
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		t.norm = s
		return
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if b[i] >= 'A' && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	t.norm = string(b)
}
