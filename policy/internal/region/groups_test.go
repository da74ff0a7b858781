package region

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// wantGroups pins every list exactly. A change to groups_data.go must change
// this too, so that it shows in review.
var wantGroups = map[string]struct {
	asOf    string
	members string // space-separated, sorted
	partial string // space-separated codes of partial members, sorted
}{
	"BUDAPEST": {
		asOf: "2024-10-09",
		members: "AD AL AM AR AT AU AZ BA BE BG BJ BR CA CH CI CL CM CO CR CV CY CZ DE DK DO EE ES FI FJ FR " +
			"GB GD GE GH GR HR HU IL IS IT JP KI LI LK LT LU LV MA MC MD ME MK MT MU NG NL NO PA PE PH PL " +
			"PT PY RO RS SE SI SK SL SM SN TN TO TR UA US",
	},
	"EEA": {
		asOf: "2026-11-27",
		members: "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI " +
			"SK",
	},
	"EU": {
		asOf:    "2026-11-27",
		members: "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK",
	},
	"EU_ADEQUACY": {
		asOf:    "2026-08-05",
		members: "AD AR BR CA CH FO GB GG IL IM JE JP KR NZ US UY",
		partial: "CA IL JP KR US",
	},
	"FIVE_EYES": {
		asOf:    "2026-11-27",
		members: "AU CA GB NZ US",
	},
	"UK_ADEQUACY": {
		asOf: "2026-08-05",
		members: "AD AR AT BE BG CA CH CY CZ DE DK EE ES FI FO FR GG GI GR HR HU IE IL IM IS IT JE JP KR " +
			"LI LT LU LV MT NL NO NZ PL PT RO SE SI SK US UY",
		partial: "CA IL JP KR US",
	},
}

func TestGroupsPinned(t *testing.T) {
	groups := Groups()
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
		want, ok := wantGroups[g.Name]
		if !ok {
			t.Errorf("unexpected group %q", g.Name)
			continue
		}
		if diff := cmp.Diff(strings.Fields(want.members), g.Members); diff != "" {
			t.Errorf("%s members (-want +got):\n%s", g.Name, diff)
		}
		var partial []string
		for code := range g.Partial {
			partial = append(partial, code)
		}
		sort.Strings(partial)
		if diff := cmp.Diff(strings.Fields(want.partial), partial, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s partial members (-want +got):\n%s", g.Name, diff)
		}
		if g.AsOf != want.asOf {
			t.Errorf("%s AsOf = %q, want %q", g.Name, g.AsOf, want.asOf)
		}
	}
	wantNames := []string{"BUDAPEST", "EEA", "EU", "EU_ADEQUACY", "FIVE_EYES", "UK_ADEQUACY"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("group names, in order (-want +got):\n%s", diff)
	}
}

func TestGroupSizes(t *testing.T) {
	sizes := map[string]int{
		"BUDAPEST": 76, "EEA": 30, "EU": 27, "EU_ADEQUACY": 16, "FIVE_EYES": 5, "UK_ADEQUACY": 45,
	}
	for name, n := range sizes {
		g, ok := LookupGroup(name)
		if !ok {
			t.Errorf("LookupGroup(%q) not found", name)
			continue
		}
		if len(g.Members) != n {
			t.Errorf("%s has %d members, want %d", name, len(g.Members), n)
		}
	}
}

func TestGroupsWellFormed(t *testing.T) {
	for _, g := range Groups() {
		if g.Title == "" || g.Source == "" {
			t.Errorf("%s: empty Title or Source", g.Name)
		}
		if !strings.Contains(g.Source, "https://") {
			t.Errorf("%s: Source has no URL: %q", g.Name, g.Source)
		}
		if d, err := time.Parse("2006-01-02", g.AsOf); err != nil {
			t.Errorf("%s: AsOf %q is not YYYY-MM-DD: %v", g.Name, g.AsOf, err)
		} else if d.Year() < 2024 {
			t.Errorf("%s: AsOf %q is implausibly old", g.Name, g.AsOf)
		}
		for i, m := range g.Members {
			if c, ok := Country(m); !ok || c != m {
				t.Errorf("%s: member %q is not a canonical assigned code (Country = %q, %v)", g.Name, m, c, ok)
			}
			if i > 0 && g.Members[i-1] >= m {
				t.Errorf("%s: members not sorted and unique at %q", g.Name, m)
			}
		}
		for code, scope := range g.Partial {
			if !contains(g.Members, code) {
				t.Errorf("%s: partial %q is not a member", g.Name, code)
			}
			if scope == "" {
				t.Errorf("%s: partial %q has no qualification", g.Name, code)
			}
		}
	}
}

// TestGroupRelations checks the relations the sources state between lists,
// so that updating one list and forgetting another fails.
func TestGroupRelations(t *testing.T) {
	get := func(name string) []string {
		g, ok := LookupGroup(name)
		if !ok {
			t.Fatalf("LookupGroup(%q) not found", name)
		}
		return g.Members
	}
	eu, eea, euAdequacy, ukAdequacy := get("EU"), get("EEA"), get("EU_ADEQUACY"), get("UK_ADEQUACY")

	if diff := cmp.Diff(eea, union(eu, []string{"IS", "LI", "NO"})); diff != "" {
		t.Errorf("EEA is not EU + IS, LI, NO (-EEA +EU+EFTA):\n%s", diff)
	}
	if contains(eu, "GB") {
		t.Error("EU contains GB")
	}
	for _, m := range euAdequacy {
		if contains(eea, m) {
			t.Errorf("EU_ADEQUACY lists EEA state %s; adequacy is for third countries", m)
		}
	}
	// The UK carried over the EEA, Gibraltar and the EU decisions in force
	// at the end of the transition period, then added KR and US.
	for _, m := range union(eea, []string{"AD", "AR", "CA", "CH", "FO", "GG", "GI", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"}) {
		if !contains(ukAdequacy, m) {
			t.Errorf("UK_ADEQUACY lacks %s", m)
		}
	}
	if contains(ukAdequacy, "GB") || contains(ukAdequacy, "BR") {
		t.Error("UK_ADEQUACY lists GB or BR")
	}
}

func TestLookupGroup(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"EU", "EU", true},
		{"eu", "EU", true},
		{"Five_Eyes", "FIVE_EYES", true},
		{"uk_adequacy", "UK_ADEQUACY", true},
		{"budapest", "BUDAPEST", true},
		{"FIVE-EYES", "", false},
		{"NATO", "", false},
		{" EU", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		g, ok := LookupGroup(tt.in)
		if g.Name != tt.want || ok != tt.ok {
			t.Errorf("LookupGroup(%q) = %q, %v; want %q, %v", tt.in, g.Name, ok, tt.want, tt.ok)
		}
	}
}

func TestGroupsReturnCopies(t *testing.T) {
	g, _ := LookupGroup("EU_ADEQUACY")
	g.Members[0] = "ZZ"
	g.Partial["US"] = "everyone"
	delete(g.Partial, "CA")
	all := Groups()
	all[0].Members[0] = "ZZ"
	all[0].Name = "X"

	g2, _ := LookupGroup("EU_ADEQUACY")
	if g2.Members[0] != "AD" || !strings.HasPrefix(g2.Partial["US"], "only organisations") || g2.Partial["CA"] == "" {
		t.Errorf("LookupGroup returned shared data: %+v", g2)
	}
	if all2 := Groups(); all2[0].Name != "BUDAPEST" || all2[0].Members[0] != "AD" {
		t.Errorf("Groups returned shared data: %q %q", all2[0].Name, all2[0].Members[0])
	}
	if g, _ := LookupGroup("EU"); g.Partial != nil {
		t.Errorf("EU Partial = %v, want nil", g.Partial)
	}
}

func contains(list []string, s string) bool {
	for _, m := range list {
		if m == s {
			return true
		}
	}
	return false
}

func union(a, b []string) []string {
	out := append(append([]string(nil), a...), b...)
	sort.Strings(out)
	return out
}
