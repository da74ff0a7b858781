package region

import "testing"

// FuzzCountry checks that Country, which sees codes taken from untrusted
// STIX input, never panics, only returns codes from the table, and is
// idempotent on what it returns.
func FuzzCountry(f *testing.F) {
	for _, s := range []string{"GB", "gb", "UK", "EU", "XK", "GBR", "150", "", "ſB", "ＧＢ", "\x00B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := Country(s)
		if !ok {
			if code != "" {
				t.Fatalf("Country(%q) = %q, false; want empty code on failure", s, code)
			}
			return
		}
		if _, found := lookupCountry(code); !found {
			t.Fatalf("Country(%q) = %q, not in the table", s, code)
		}
		if again, ok := Country(code); !ok || again != code {
			t.Fatalf("Country(%q) = %q but Country(%q) = %q, %v", s, code, code, again, ok)
		}
		if CountryName(code) == "" {
			t.Fatalf("CountryName(%q) is empty", code)
		}
	})
}
