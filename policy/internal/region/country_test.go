package region

import (
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/language"
)

func TestCountryTable(t *testing.T) {
	codes := Countries()
	if len(codes) != 249 {
		t.Fatalf("len(Countries()) = %d, want 249 officially assigned codes", len(codes))
	}
	if !sort.StringsAreSorted(codes) {
		t.Error("Countries() is not sorted")
	}
	for i, c := range codes {
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			t.Errorf("code %q is not two upper-case ASCII letters", c)
		}
		if i > 0 && codes[i-1] == c {
			t.Errorf("code %q listed twice", c)
		}
		if countryTable[i].name == "" {
			t.Errorf("code %q has no name", c)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := []struct {
		code, want string
	}{
		{"AX", "Åland Islands"},
		{"CI", "Côte d'Ivoire"},
		{"DE", "Germany"},
		{"FO", "Faroe Islands"},
		{"GB", "United Kingdom"},
		{"gb", "United Kingdom"},
		{"UK", "United Kingdom"},
		{"GG", "Guernsey"},
		{"KR", "Korea, Republic of"},
		{"MK", "North Macedonia"},
		{"SS", "South Sudan"},
		{"SZ", "Eswatini"},
		{"TR", "Türkiye"},
		{"TW", "Taiwan, Province of China"},
		{"US", "United States"},
		{"ZW", "Zimbabwe"},
		{"EU", ""},
		{"XK", ""},
		{"GBR", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CountryName(tt.code); got != tt.want {
			t.Errorf("CountryName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestCountry(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		// Assigned codes, any case.
		{"GB", "GB", true},
		{"gb", "GB", true},
		{"Gb", "GB", true},
		{"gB", "GB", true},
		{"us", "US", true},
		{"FO", "FO", true},
		{"je", "JE", true},
		{"AQ", "AQ", true},
		// The one alias.
		{"UK", "GB", true},
		{"uk", "GB", true},
		{"Uk", "GB", true},
		// Exceptionally reserved: not countries, although x/text parses them.
		{"EU", "", false},
		{"eu", "", false},
		{"EZ", "", false},
		{"UN", "", false},
		{"AC", "", false},
		{"CP", "", false},
		{"CQ", "", false},
		{"DG", "", false},
		{"EA", "", false},
		{"IC", "", false},
		{"SU", "", false},
		{"TA", "", false},
		{"FX", "", false},
		// User-assigned, and Kosovo's provisional code.
		{"XK", "", false},
		{"ZZ", "", false},
		{"AA", "", false},
		{"QM", "", false},
		{"QO", "", false},
		{"QU", "", false},
		{"XA", "", false},
		{"XZ", "", false},
		// Deleted codes, with or without an x/text alias.
		{"BU", "", false},
		{"TP", "", false},
		{"ZR", "", false},
		{"DD", "", false},
		{"RH", "", false},
		{"YU", "", false},
		{"CS", "", false},
		{"AN", "", false},
		// Unassigned.
		{"EL", "", false},
		{"OO", "", false},
		// Not alpha-2.
		{"", "", false},
		{"G", "", false},
		{"GBR", "", false},
		{"gbr", "", false},
		{"USA", "", false},
		{"826", "", false},
		{"150", "", false},
		{"001", "", false},
		{"en-GB", "", false},
		{"GB-SCT", "", false},
		{" GB", "", false},
		{"GB ", "", false},
		{"G1", "", false},
		{"\x00B", "", false},
		{"ÜK", "", false},
		{"ＧＢ", "", false},
		{"ſB", "", false},
	}
	for _, tt := range tests {
		got, ok := Country(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("Country(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

// TestCountryAcceptsExactly pins, over every pair of ASCII letters, what
// Country accepts: the assigned codes as themselves and UK as GB, nothing
// else.
func TestCountryAcceptsExactly(t *testing.T) {
	assigned := make(map[string]bool)
	for _, c := range Countries() {
		assigned[c] = true
	}
	aliases := make(map[string]string)
	for _, in := range allLetterPairs() {
		got, ok := Country(in)
		switch {
		case !ok:
			if assigned[in] {
				t.Errorf("Country(%q) rejected an assigned code", in)
			}
		case got == in:
			if !assigned[in] {
				t.Errorf("Country(%q) accepted a code not in the table", in)
			}
		default:
			aliases[in] = got
		}
	}
	want := map[string]string{"UK": "GB"}
	if diff := cmp.Diff(want, aliases); diff != "" {
		t.Errorf("accepted aliases (-want +got):\n%s", diff)
	}
}

// TestXTextAliases pins the aliases golang.org/x/text/language maps for
// two-letter region codes. Each was reviewed (see acceptedAliases); if an
// x/text upgrade changes this list, review the change before updating it.
func TestXTextAliases(t *testing.T) {
	want := map[string]string{
		"BU": "MM", "CT": "KI", "DD": "DE", "DY": "BJ", "FX": "FR",
		"HV": "BF", "JT": "UM", "MI": "UM", "NH": "VU", "NQ": "AQ",
		"PU": "UM", "PZ": "PA", "QU": "EU", "RH": "ZW", "TP": "TL",
		"UK": "GB", "VD": "VN", "WK": "UM", "YD": "YE", "ZR": "CD",
	}
	got := make(map[string]string)
	for _, in := range allLetterPairs() {
		r, err := language.ParseRegion(in)
		if err != nil {
			continue
		}
		if c := r.Canonicalize().String(); c != in {
			got[in] = c
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("x/text region aliases changed (-want +got):\n%s", diff)
	}
}

// TestXTextDoesNotValidate records why the table exists: x/text accepts
// codes that are not assigned countries.
func TestXTextDoesNotValidate(t *testing.T) {
	for _, in := range []string{"EZ", "UN", "XK"} {
		r, err := language.ParseRegion(in)
		if err != nil || !r.IsCountry() {
			t.Errorf("x/text no longer reports %s as a country (err %v); the doc comments can be simplified", in, err)
		}
		if _, ok := Country(in); ok {
			t.Errorf("Country(%q) accepted a code that is not an assigned country", in)
		}
	}
}

func TestCountriesReturnsCopy(t *testing.T) {
	a := Countries()
	a[0] = "ZZ"
	if b := Countries(); b[0] != "AD" {
		t.Errorf("Countries()[0] = %q after the caller changed its copy, want AD", b[0])
	}
}

func allLetterPairs() []string {
	out := make([]string, 0, 26*26)
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			out = append(out, string([]byte{a, b}))
		}
	}
	return out
}
