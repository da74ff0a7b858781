package redact

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/airlock-cti/airlock/redact/detect"
)

// tokenDetector finds values learned from the input (a victim's login
// name, the user name in a victim's profile path) wherever they appear as
// a whole token: in free text, in pattern literals, in other accounts.
type tokenDetector struct {
	kind   detect.Kind
	tokens map[string]bool // lower case
}

// minTokenLen is the shortest learned token matched: shorter ones ("jd",
// "op") match too much.
const minTokenLen = 3

func newTokenDetector(kind detect.Kind, tokens []string) *tokenDetector {
	d := &tokenDetector{kind: kind, tokens: map[string]bool{}}
	for _, t := range tokens {
		if t = strings.ToLower(strings.TrimSpace(t)); utf8.RuneCountInString(t) >= minTokenLen {
			d.tokens[t] = true
		}
	}
	return d
}

func (d *tokenDetector) Name() string { return "learned-" + string(d.kind) }

// tokenRune says which characters make up a token: login names hold
// letters, digits, '.', '_' and '-'.
func tokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-'
}

func (d *tokenDetector) Detect(t *detect.Text, found func(detect.Match)) {
	if len(d.tokens) == 0 {
		return
	}
	s := t.String()
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !tokenRune(r) {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !tokenRune(r) {
				break
			}
			j += n
		}
		// Trailing punctuation ends a sentence, not a login.
		end := j
		for end > i && (s[end-1] == '.' || s[end-1] == '-' || s[end-1] == '_') {
			end--
		}
		if tok := strings.ToLower(s[i:end]); d.tokens[tok] {
			found(detect.Match{Kind: d.kind, Start: i, End: end, Value: tok})
		}
		i = j
	}
}
