package detect

import "strings"

// Other spellings of a learned name. People and systems write a name in
// more than one way: the ASCII transliteration a passport, a mail system
// or a keyboard without the letter uses, and the parts of a double name
// on their own.

// icaoTransliteration maps the letters whose ASCII transliteration in
// ICAO Doc 9303 (Machine Readable Travel Documents, part 3, section 6)
// is two letters, in lower case (the normalised view is case folded):
// "Müller" is written "MUELLER" in a passport's machine-readable zone, and
// "Mueller" by German and Nordic writers without the letter. Folding
// (appendFold) already makes "Muller" match.
var icaoTransliteration = strings.NewReplacer(
	"ä", "ae", "ö", "oe", "ü", "ue", "ø", "oe", "å", "aa", "æ", "ae", "œ", "oe", "ß", "ss", "þ", "th",
)

// transliterate returns the normalised name with the letters of
// icaoTransliteration replaced, and whether it held any.
func transliterate(norm string) (string, bool) {
	t := icaoTransliteration.Replace(norm)
	return t, t != norm
}

// hyphenParts returns the parts of a hyphenated word ("ramirez-ortiz":
// "ramirez", "ortiz"), or nil if it has no hyphen.
func hyphenParts(tok string) []string {
	if !strings.Contains(tok, "-") {
		return nil
	}
	return strings.Split(tok, "-")
}

// partNames returns the names a name of several words (folded) is also
// written as with one hyphenated word of it shortened to one of its
// parts: "Zoë Ångström-Lindqvist" as "Zoë Lindqvist", "Hans-Jürgen
// Müller" as "Jürgen Müller". A double surname or given name is as often
// cut so in prose and signatures as written whole.
func partNames(toks []string) [][]string {
	var out [][]string
	for i, tok := range toks {
		for _, p := range hyphenParts(tok) {
			if p == "" {
				continue
			}
			v := append([]string(nil), toks...)
			v[i] = p
			out = append(out, v)
		}
	}
	return out
}
