package detect

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names in scripts written without spaces. Chinese and Japanese put no
// space between words, and Korean glues particles to the word before
// them (Unicode Standard Annex #29, section 4.1: word boundaries in these
// scripts need a dictionary). "田中 太郎" is written "田中太郎さんが" in
// running text and "김민준" as "김민준이" or "김민준 님": the words of a
// learned name are not whole words there, and these scripts have no case
// to tell a name from a word. So a learned name written only in them is
// found wherever its words stand in order, with nothing, white space or a
// katakana middle dot between them, inside a longer run of letters too;
// and only whole, never one word of it on its own (a family name alone,
// 田中 or 王, is an everyday word).

// An unspacedName is a learned name written in those scripts: its folded
// words and the Value its matches report.
type unspacedName struct {
	words []string
	value string
}

// unspacedScript reports whether r is a letter of a script written
// without spaces between words or with particles glued to them: Han,
// Hiragana, Katakana or Hangul. A modifier letter (the prolonged sound
// mark ー of "ゾーイ") counts with them.
func unspacedScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || unicode.Is(unicode.Lm, r)
}

// unspacedOnly reports whether every letter of the normalised name s is
// of unspacedScript, and there is at least one.
func unspacedOnly(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		if !unspacedScript(r) {
			return false
		}
		n++
	}
	return n > 0
}

// nameLetters counts the letters of a word toward NameOptions.MinLen: a
// Han character or a Hangul syllable, each a syllable, counts as two, so
// that the common two-character Chinese name (王伟) is matched.
func nameLetters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.In(r, unicode.Han, unicode.Hangul) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// middleDot is the katakana middle dot that separates the words of a
// foreign name written in katakana ("ゾーイ・リンドクヴィスト"); NFKC maps
// the halfwidth one to it.
const middleDot = '・'

// detectUnspaced finds the unspaced names in t and calls found for each,
// in order, the longest where two start together, none overlapping.
func (d *learnedNameDetector) detectUnspaced(t *Text, found func(Match)) {
	if len(d.unspaced) == 0 || !t.Has(ClassNonASCII) {
		return
	}
	s := t.Normal()
	type span struct {
		start, end int
		value      string
	}
	var spans []span
	for _, u := range d.unspaced {
		first := u.words[0]
		for i := 0; ; {
			k := strings.Index(s[i:], first)
			if k < 0 {
				break
			}
			start := i + k
			if end, ok := matchUnspaced(s, start+len(first), u.words[1:]); ok {
				spans = append(spans, span{start, end, u.value})
			}
			i = start + len(first)
		}
	}
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	done := 0
	for _, sp := range spans {
		if sp.start < done {
			continue
		}
		os, oe := t.Orig(sp.start, sp.end)
		found(Match{Kind: PersonName, Start: os, End: oe, Value: sp.value})
		done = sp.end
	}
}

// matchUnspaced reports whether words follow in s from i, each after
// nothing, white space or a middle dot, and returns where the last ends.
func matchUnspaced(s string, i int, words []string) (int, bool) {
	for _, w := range words {
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) && r != middleDot {
				break
			}
			i += n
		}
		if !strings.HasPrefix(s[i:], w) {
			return 0, false
		}
		i += len(w)
	}
	return i, true
}
