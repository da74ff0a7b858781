package syntax

import "testing"

func TestSuggest(t *testing.T) {
	keys := []string{"action", "match", "tlp", "jurisdictions", "destinations", "name", "max_tlp"}
	for _, tc := range []struct {
		got  string
		want string
	}{
		{"acton", "action"},        // deletion
		{"actions", "action"},      // insertion
		{"actiom", "action"},       // substitution
		{"aciton", "action"},       // transposition counts once
		{"ACTION", "action"},       // case is ignored
		{"Acton", "action"},        // both
		{"mtach", "match"},         // transposition
		{"tpl", "tlp"},             // transposition in a short word
		{"tip", "tlp"},             // one substitution in three letters
		{"max-tlp", "max_tlp"},     // separator
		{"maxtlp", "max_tlp"},      // missing separator
		{"juris", "jurisdictions"}, // prefix
		{"destination", "destinations"},
		{"destinations_list", "destinations"}, // got extends a candidate
		{"xyz", ""},                           // nothing close
		{"ab", ""},                            // distance 2 would rewrite it all
		{"n", ""},                             // too short to suggest anything
		{"na", ""},                            // distance 2 is not less than its length; prefix too short
		{"", ""},
		{"completely-different", ""},
	} {
		if s := Suggest(tc.got, keys); s != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.got, s, tc.want)
		}
	}
}

func TestSuggestPrefersCloserAndEarlier(t *testing.T) {
	for _, tc := range []struct {
		got        string
		candidates []string
		want       string
	}{
		{"mach", []string{"march", "match"}, "march"},   // tie: the earlier one
		{"mach", []string{"matches", "match"}, "match"}, // distance 1 beats distance 3
		{"abc", []string{"abcdefgh", "abcde"}, "abcde"}, // shortest extension
		{"abcd", []string{"abcdefgh", "abxd"}, "abxd"},  // an edit beats a prefix
		{"x", nil, ""},
	} {
		if s := Suggest(tc.got, tc.candidates); s != tc.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tc.got, tc.candidates, s, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"ab", "ba", 1},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau
		{"émoji", "emoji", 1},
	} {
		if got := distance([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
