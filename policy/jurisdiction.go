package policy

import (
	"fmt"
	"slices"
	"strings"

	"github.com/airlock-cti/airlock/policy/internal/region"
	"github.com/airlock-cti/airlock/stix"
)

// Jurisdictions says what may go where: rules conditioned on the
// destination, the source and the audience choose a stricter markings
// ceiling, more object rules, and stricter personal-data methods for data
// subjects of given countries. A destination that no rule and no default
// covers is an error, never an implicit permission.
type Jurisdictions struct {
	// Source is the exporter's country (GDPR Chapter V restricts transfers
	// by the exporter's law). Internal staff are taken to be its subjects.
	Source string
	// Groups are groups of countries the policy defines or overrides, by
	// name; the built-in groups (EU, EEA, FIVE_EYES, BUDAPEST,
	// UK_ADEQUACY, EU_ADEQUACY) stay available unless overridden.
	Groups map[string][]string
	// Qualified are destinations that meet the conditions of a partial
	// adequacy (the United States for a recipient certified under the Data
	// Privacy Framework, Canada for a commercial organisation, Japan for a
	// private-sector one). Without this, a partial member does not count
	// as a member of an adequacy group.
	Qualified []string
	// UnknownSubjects is how personal data whose subject's country is not
	// known is treated: by the most protective rule that applies to any
	// subject (the default), or by the base pii actions only.
	UnknownSubjects Treatment
	// Rules apply in order; every rule whose conditions hold applies.
	Rules []JurisdictionRule
	// Default is what happens to a destination no rule covers: "allow"
	// (the base policy applies), "refuse", or "" (an error).
	Default string
}

// A Where condition holds when a country is In one of the listed
// countries or groups (or, when Not is set, in none of them). An empty
// condition always holds.
type Where struct {
	In  []string
	Not bool
}

// A JurisdictionRule applies when its conditions hold for the run.
type JurisdictionRule struct {
	Name         string
	Destinations Where
	Sources      Where
	Audiences    []Audience // empty: any audience
	// Refuse refuses the export altogether.
	Refuse bool
	// MaxTLP lowers the markings ceiling (never raises it).
	MaxTLP stix.TLP
	// Objects are more object rules.
	Objects []ObjectRule
	// Locations drops location objects in the listed countries or groups
	// (or not in them, with Not), and with Identities the identities
	// located at them. A location whose country is not known (none given,
	// or not a code for a current country) is dropped too, since it may
	// be in any.
	Locations  *Where
	Identities bool
	// Subjects and PII: personal data of subjects in these countries gets
	// these methods, when more protective than the base ones.
	Subjects Where
	PII      map[string]Action
	Default  *Action
	Pos      Pos
}

// Member reports whether country is in the named country or group, under
// the policy's groups and qualified destinations: a partial member of a
// built-in group counts only when qualified.
func (j *Jurisdictions) Member(country, name string) bool {
	if j != nil {
		if g, ok := j.Groups[name]; ok {
			return slices.Contains(g, country)
		}
	}
	if c, ok := region.Country(name); ok {
		return c == country
	}
	g, ok := region.LookupGroup(name)
	if !ok || !slices.Contains(g.Members, country) {
		return false
	}
	if _, partial := g.Partial[country]; partial {
		return j != nil && slices.Contains(j.Qualified, country)
	}
	return true
}

// Holds reports whether the condition holds for country ("" holds only an
// empty condition).
func (w Where) Holds(j *Jurisdictions, country string) bool {
	if len(w.In) == 0 {
		return true
	}
	in := false
	for _, n := range w.In {
		if country != "" && j.Member(country, n) {
			in = true
			break
		}
	}
	return in != w.Not
}

// Applicable returns the rules that apply to a run to destination from
// source with audience, or an error when the export is refused or no rule
// and no default covers the destination.
func (j *Jurisdictions) Applicable(destination, source string, audience Audience) ([]*JurisdictionRule, error) {
	if destination == "" {
		return nil, fmt.Errorf("policy: no destination: give one at run time (--to) or in destination.jurisdiction")
	}
	var rules []*JurisdictionRule
	for i := range j.Rules {
		r := &j.Rules[i]
		if !r.Destinations.Holds(j, destination) || !r.Sources.Holds(j, source) {
			continue
		}
		if len(r.Audiences) > 0 && !slices.Contains(r.Audiences, audience) {
			continue
		}
		if r.Refuse {
			return nil, fmt.Errorf("policy: export to %s refused by jurisdiction rule %q (%s)", destination, r.Name, r.Pos)
		}
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		switch j.Default {
		case "allow":
		case "refuse":
			return nil, fmt.Errorf("policy: export to %s refused: no jurisdiction rule covers it and the default is refuse", destination)
		default:
			return nil, fmt.Errorf("policy: no jurisdiction rule covers destination %s, and the policy has no default (jurisdictions.default: allow or refuse)", destination)
		}
	}
	return rules, nil
}

// groupNames lists the names a condition may use: the policy's groups and
// the built-in ones.
func (j *Jurisdictions) groupNames() []string {
	var names []string
	for n := range j.Groups {
		names = append(names, n)
	}
	for _, g := range region.Groups() {
		names = append(names, g.Name)
	}
	return names
}

// canonicalName returns a country code or group name as the policy must
// write it, or "".
func (j *Jurisdictions) canonicalName(s string) string {
	if _, ok := j.Groups[s]; ok {
		return s
	}
	if g, ok := region.LookupGroup(s); ok {
		return g.Name
	}
	if c, ok := region.Country(s); ok {
		return c
	}
	return ""
}

func upperWords(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Country returns the canonical ISO 3166-1 alpha-2 code for s (UK is GB),
// or false when s is not an officially assigned country code. The table is
// dated data shipped with the library.
func Country(s string) (string, bool) { return region.Country(s) }
