package detect

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func pn(start, end int, v string) Match {
	return Match{Kind: PersonName, Start: start, End: end, Value: v}
}

func TestDictionaryNameDetector(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"plain", "Contact Jane Doe today.", []Match{pn(8, 16, "jane doe")}},
		{"accents", "José García and Anna-Lena Müller", []Match{pn(0, 13, "josé garcía"), pn(18, 35, "anna-lena müller")}},
		{"middle initial", "John Q. Public", []Match{pn(0, 14, "john q. public")}},
		{"middle initial, any surname", "Mary J. Blige", []Match{pn(0, 13, "mary j. blige")}},
		{"middle name", "John Fitzgerald Kennedy", []Match{pn(0, 23, "john fitzgerald kennedy")}},
		{"particle", "Ludwig van Beethoven? Willem de Jong", []Match{pn(22, 36, "willem de jong")}},
		{"family first", "Wang Wei and Yamada Taro", []Match{pn(0, 8, "wang wei"), pn(13, 24, "yamada taro")}},
		{"two spaces and a line break", "Jane  Doe\nJohn\nSmith", []Match{pn(0, 9, "jane doe"), pn(10, 20, "john smith")}},
		{"all caps", "JOHN SMITH", []Match{pn(0, 10, "john smith")}},
		{"apostrophe", "Sean O'Brien", []Match{pn(0, 12, "sean o'brien")}},
		{"typographic apostrophe", "Sean O’Brien", []Match{pn(0, 14, "sean o’brien")}},
		{"possessive", "Jane Doe's laptop", []Match{pn(0, 8, "jane doe")}},
		// Joined into one token, as user names are.
		{"joined by a dot", "user maria.schneider logged on", []Match{pn(5, 20, "maria schneider")}},
		{"joined by an underscore", "John_Smith, maria_schneider.", []Match{pn(0, 10, "john smith"), pn(12, 27, "maria schneider")}},
		{"initial joined by a dot", "from m.schneider: ok", []Match{pn(5, 16, "m. schneider")}},
		{"joined among others", "Jane Doe and jane.doe and John Smith", []Match{pn(0, 8, "jane doe"), pn(13, 21, "jane doe"), pn(26, 36, "john smith")}},

		{"lone given name", "Jane reported it.", nil},
		{"lone surname", "Smith reported it.", nil},
		{"lower case", "jane doe", nil},
		{"surname not capitalised", "Jane doe", nil},
		{"common-word given name", "Will Smith? May Johnson. Mark Brown.", nil},
		{"threat word", "Lazarus Group and Cobalt Strike", nil},
		{"attack pair", "Agent Smith infected phones", nil},
		{"paragraph break", "Jane\n\nDoe", nil},
		{"email", "Jane.Doe@example.com", nil},
		{"path", "C:\\Users\\Jane Doe", nil}, // the user-path detector's
		{"double surname", "Gabriel García Márquez wrote", []Match{pn(0, 24, "gabriel garcía márquez")}},
		{"longer identifier", "x_john_smith get_john_smith_id john_smith2", nil},
		{"hyphen-glued", "x-John Smith", nil},
		{"not a given name", "Windows Defender, Microsoft Smith", nil},
		{"two-letter word", "He Wei said", nil},
		{"initial without full stop", "John Q Public", nil},
		{"joined everyday words", "grace.period will.change mark.price max_connections os.path e.g i.e", nil},
		{"joined inside longer tokens", "maria.schneider@example.org mail.maria.schneider maria.schneider.example /home/maria.schneider", nil},
		{"initial joined by an underscore", "m_schneider", nil},
		{"joined surname not in the dictionary", "maria.exe john.dll jane.json", nil},
	}
	d := NewDictionaryNameDetector(NameOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNameDetector(t *testing.T) {
	names := []string{"Jane Doe", "José Ramírez-Ortiz", "Mary Ann Smith", "Mary Ann", "Li Na", "Madonna", "Will Turner", "Bo", "Ryuk Smith"}
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"full name", "Contact Jane Doe.", []Match{pn(8, 16, "jane doe")}},
		{"full name, any case and spacing", "JANE\tdoe", []Match{pn(0, 8, "jane doe")}},
		{"accents folded", "Jose Ramirez-Ortiz", []Match{pn(0, 18, "jose ramirez-ortiz")}},
		{"longest first", "Mary Ann Smith and Mary Ann", []Match{pn(0, 14, "mary ann smith"), pn(19, 27, "mary ann")}},
		{"short full name", "li na", []Match{pn(0, 5, "li na")}},
		{"lone surname, capitalised", "Ramírez-Ortiz said", []Match{pn(0, 14, "ramírez-ortiz")}},
		{"lone given name", "ask Jane", []Match{pn(4, 8, "jane")}},
		{"one-word name", "Madonna sang", []Match{pn(0, 7, "madonna")}},
		{"lone surname Turner", "Turner logged in", []Match{pn(0, 6, "turner")}},
		{"learned full name with a stoplisted word", "Will Turner", []Match{pn(0, 11, "will turner")}},
		{"possessive", "Smith's laptop", []Match{pn(0, 5, "smith")}},

		{"lone, lower case", "a smith and a jane", nil},
		{"lone, too short", "Doe and Ann", nil},
		{"lone, stoplisted", "Will it? Mary? Ryuk!", []Match{pn(9, 13, "mary")}},
		{"inside a word", "Blacksmith Janeway", nil},
		{"joined in a file name", "Jane_Doe_CV.pdf", []Match{pn(0, 8, "jane doe")}},
		{"joined by dots, in any case", "JANE.DOE.", []Match{pn(0, 8, "jane doe")}},
		{"joined by hyphens, longest first", "mary-ann-smith-passport.jpg", []Match{pn(0, 14, "mary ann smith")}},
		{"joined, a hyphenated word", "jose_ramirez-ortiz.docx", []Match{pn(0, 18, "jose ramirez-ortiz")}},
		{"joined and spaced, in order", "Jane Doe sent Jane_Doe_CV.pdf to Madonna", []Match{pn(0, 8, "jane doe"), pn(14, 22, "jane doe"), pn(33, 40, "madonna")}},
		{"glued", "JaneDoe xJane_Doe Jane_Doe2 jane.doex 1jane-doe", nil},
		{"joined, mixed joiners", "jane_doe.smith mary.ann_smith", []Match{pn(0, 8, "jane doe"), pn(15, 23, "mary ann")}},
		{"too short a name", "Bo", nil},
		{"no match", "nothing here", nil},
	}
	d := NewNameDetector(names, NameOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNameOptions(t *testing.T) {
	d := NewNameDetector([]string{"Acme Frost", "Al"}, NameOptions{MinLen: 2, Stoplist: []string{"FROST"}})
	got := collectMatches(d, "Frost and Acme and Al and acme frost")
	want := []Match{pn(10, 14, "acme"), pn(26, 36, "acme frost")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	dict := NewDictionaryNameDetector(NameOptions{Stoplist: []string{"Jane"}})
	if got := collectMatches(dict, "Jane Doe and John Doe"); len(got) != 1 || got[0].Value != "john doe" {
		t.Errorf("stoplisted given name: got %v", got)
	}
}

// TestNameDetectorUnspaced checks learned names in scripts written
// without spaces between words: found inside runs of letters, with or
// without the space between their words, never one word alone.
func TestNameDetectorUnspaced(t *testing.T) {
	names := []string{"田中 太郎", "김민준", "王伟", "ゾーイ・リンドクヴィスト", "ゆき", "Jane Doe"}
	at := func(s, sub, v string) Match {
		i := strings.Index(s, sub)
		return pn(i, i+len(sub), v)
	}
	tests := []struct {
		name string
		in   string
		want func(string) []Match
	}{
		{"japanese, spaced, particle glued", "田中 太郎さんが報告した。", func(s string) []Match { return []Match{at(s, "田中 太郎", "田中 太郎")} }},
		{"japanese, unspaced", "昨日田中太郎が報告", func(s string) []Match { return []Match{at(s, "田中太郎", "田中 太郎")} }},
		{"ideographic space", "田中　太郎", func(s string) []Match { return []Match{at(s, "田中　太郎", "田中 太郎")} }},
		{"korean, particle glued", "김민준이 신고했다. 김민준 님", func(s string) []Match {
			i := strings.LastIndex(s, "김민준")
			return []Match{pn(0, len("김민준"), "김민준"), pn(i, i+len("김민준"), "김민준")}
		}},
		{"chinese two characters", "王伟报告了此事件", func(s string) []Match { return []Match{at(s, "王伟", "王伟")} }},
		{"katakana, middle dot or none", "ゾーイ・リンドクヴィストとゾーイリンドクヴィスト", func(s string) []Match {
			i := strings.Index(s, "と")
			return []Match{pn(0, i, "ゾーイ・リンドクヴィスト"), pn(i+len("と"), len(s), "ゾーイ・リンドクヴィスト")}
		}},
		{"in order with latin names", "Jane Doe と 王伟", func(s string) []Match {
			return []Match{pn(0, 8, "jane doe"), at(s, "王伟", "王伟")}
		}},
		{"one word alone", "田中さんと太郎くん", nil},
		{"too short", "ゆきが降る", nil},
	}
	d := NewNameDetector(names, NameOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []Match
			if tt.want != nil {
				want = tt.want(tt.in)
			}
			if diff := cmp.Diff(want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestNameDetectorSpellings checks the other spellings of a learned
// name: ICAO Doc 9303's transliteration, and a hyphenated word cut to one
// of its parts.
func TestNameDetectorSpellings(t *testing.T) {
	names := []string{"Hans-Jürgen Müller", "Kari Ødegård", "Zoë Ångström-Lindqvist"}
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"transliterated", "Hans-Juergen Mueller called", []Match{pn(0, 20, "hans-juergen mueller")}},
		{"transliterated lone surname", "MUELLER and Mr Mueller", []Match{pn(0, 7, "mueller"), pn(15, 22, "mueller")}},
		{"transliterated nordic", "Kari Oedegaard", []Match{pn(0, 14, "kari oedegaard")}},
		{"folded still", "Kari Odegard", []Match{pn(0, 12, "kari odegard")}},
		{"one part of a double surname", "Zoe Lindqvist and Lindqvist", []Match{pn(0, 13, "zoe lindqvist"), pn(18, 27, "lindqvist")}},
		{"one part, reversed in a directory", "Lindqvist, Zoë", []Match{pn(0, 9, "lindqvist")}},
		{"one part, joined in a file name", "Lonespec_Zoe_Lindqvist.pdf", []Match{pn(9, 22, "zoe lindqvist")}},
		{"one part of a double given name", "Jürgen Müller", []Match{pn(0, len("Jürgen Müller"), "jürgen müller")}},
		{"a part not capitalised", "the lindqvist table", nil},
		{"a part inside another double name", "Lindqvist-Berg", nil},
	}
	d := NewNameDetector(names, NameOptions{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
