package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// detectJoined finds the learned names of several words written joined
// by one character, the same throughout: '_' or '.' (file names and
// logins: "Maria_Schneider_CV.pdf", "maria.schneider") or '-'
// ("Maria-Schneider-Passport.jpg"). Written so, a learned name is still
// that person's, whatever case it is in; the joined form is not matched
// where a letter or a digit glues it to more ("xMaria_Schneider",
// "Maria_Schneider2"). Its Value is the name's, with spaces for the
// joiners, so that it gets the pseudonym the name has elsewhere.
func (d *learnedNameDetector) detectJoined(t *Text, found func(Match)) {
	s := t.Normal()
	var kb [64]byte
	for k, done := 0, 0; k < len(s); k++ {
		j := s[k]
		if j != '_' && j != '.' && j != '-' || k < done || k == 0 {
			continue
		}
		start := joinedWordStart(s, k, j == '-')
		if start == k || start < done || gluedBefore(s, start) {
			continue
		}
		if c := s[start]; c < utf8.RuneSelf && !d.first[c|0x20] {
			continue
		}
		if j != '-' && wordEnd(s, start) != k {
			continue // a hyphenated word reaches past the joiner
		}
		seqs, ok := d.full[string(appendFold(kb[:0], s[start:k]))]
		if !ok {
			continue
		}
		if end, ok := matchJoined(s, k, j, seqs); ok {
			os, oe := t.Orig(start, end)
			found(Match{Kind: PersonName, Start: os, End: oe, Value: nameValue(strings.ReplaceAll(s[start:end], string(j), " "))})
			done = end
		}
	}
}

// joinedWordStart returns where the word ending at s[k] starts: the run
// of letters before k, and with hyphens (a joiner other than '-'), the
// hyphenated word's.
func joinedWordStart(s string, k int, lettersOnly bool) int {
	start := k
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && (lettersOnly || r != '-' && r != '\'' && r != '’') {
			break
		}
		start -= n
	}
	// A hyphen or an apostrophe before the first letter is not the word's.
	for start < k {
		r, n := utf8.DecodeRuneInString(s[start:])
		if unicode.IsLetter(r) {
			break
		}
		start += n
	}
	return start
}

// gluedBefore reports whether a letter or a digit stands right before
// s[i].
func gluedBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// letterRunEnd returns the end of the run of letters from s[i].
func letterRunEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		i += n
	}
	return i
}

// matchJoined reports whether one of seqs (folded words, the first
// already matched, ending at s[k], the joiner j) goes on from k with each
// of its other words after one j, and ends where no letter or digit
// follows; it returns where the longest ends (seqs are longest first).
func matchJoined(s string, k int, j byte, seqs [][]string) (int, bool) {
	var kb [64]byte
	for _, seq := range seqs {
		p, ok := k, true
		for _, want := range seq[1:] {
			if p >= len(s) || s[p] != j {
				ok = false
				break
			}
			p++
			end := letterRunEnd(s, p)
			if j != '-' {
				if we := wordEnd(s, p); string(appendFold(kb[:0], s[p:we])) == want {
					end = we // a hyphenated word of the name
				}
			}
			if end == p || string(appendFold(kb[:0], s[p:end])) != want {
				ok = false
				break
			}
			p = end
		}
		if ok && !gluedAfter(s, p) {
			return p, true
		}
	}
	return 0, false
}

// gluedAfter reports whether a letter or a digit stands at s[i].
func gluedAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
