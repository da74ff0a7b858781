package redact

import (
	"fmt"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
	"golang.org/x/text/language"
)

// jurisdiction is what the destination changes in a compiled policy.
type jurisdiction struct {
	j *policy.Jurisdictions
	// ceilingRule names the rule that lowered the TLP ceiling, if one did.
	ceilingRule string
	locations   []locationRule
	subjects    []subjectRule
	source      string
}

type locationRule struct {
	name       string
	where      policy.Where
	identities bool
}

type subjectRule struct {
	name    string
	where   policy.Where
	actions map[string]policy.Action
	def     *policy.Action
}

// applyJurisdictions narrows the redactor for its destination: the
// applicable rules lower the ceiling, add object rules, drop locations
// and set stricter methods for some data subjects. It fails when the
// export is refused or no rule covers the destination.
func (rd *Redactor) applyJurisdictions(p *policy.Policy) error {
	j := p.Jurisdictions
	if j == nil {
		return nil
	}
	rules, err := j.Applicable(rd.dest, j.Source, p.Destination.Audience)
	if err != nil {
		return err
	}
	rd.jur = &jurisdiction{j: j, source: j.Source}
	for _, r := range rules {
		name := "jurisdictions." + r.Name
		if r.MaxTLP != stix.TLPNone && r.MaxTLP < rd.maxTLP {
			rd.maxTLP, rd.jur.ceilingRule = r.MaxTLP, name
		}
		for i, o := range r.Objects {
			cr, err := compileRule(o, i)
			if err != nil {
				return err
			}
			cr.name = name + "." + cr.name
			rd.rules = append(rd.rules, cr)
		}
		if r.Locations != nil {
			rd.jur.locations = append(rd.jur.locations, locationRule{name, *r.Locations, r.Identities})
		}
		if r.PII != nil || r.Default != nil {
			if rd.pii == nil {
				return fmt.Errorf("redact: jurisdiction rule %q sets pii methods, but the policy has no pii section", r.Name)
			}
			rd.jur.subjects = append(rd.jur.subjects, subjectRule{name, r.Subjects, r.PII, r.Default})
		}
	}
	return nil
}

// locationCountry returns the ISO 3166-1 alpha-2 code of a location
// object's country property, or false when it names no country airlock
// knows. STIX 2.1 section 4.13 asks for alpha-2, but producers write
// alpha-3 ("RUS"), numeric ("643") and lower case too: these are read as
// the country they name, so that a rule about RU applies to them. What is
// still not read (a deprecated code such as "SUN" or "DDR", a name, a
// region) is unknown, and a rule that drops locations by country drops it
// (see dropLocations). Deprecated codes are not mapped to a successor,
// for the reasons policy.Country gives.
func locationCountry(s string) (string, bool) {
	if len(s) < 2 || len(s) > 3 {
		return "", false
	}
	r, err := language.ParseRegion(s)
	if err != nil {
		return "", false
	}
	return policy.Country(r.String())
}

// strictness orders methods from the least to the most protective.
func strictness(m policy.Method) int {
	switch m {
	case policy.MethodPseudonymise:
		return 1
	case policy.MethodGeneralise:
		return 2
	case policy.MethodMask:
		return 3
	case policy.MethodReplace:
		return 4
	case policy.MethodRemove:
		return 5
	}
	return 0
}

// A subject is what is known of a data subject's country: from the
// detection itself, from the sender's namespace, from the graph. Each
// may say another country (a resident of Germany with a US phone
// number): the subject is taken to be in every one, and gets the
// strictest of their methods. Knowing none, it is unknown.
type subject struct {
	detector, source string
	located          []string
}

// known reports whether anything is known of the subject's country.
func (s subject) known() bool {
	return s.detector != "" || s.source != "" || len(s.located) > 0
}

// in reports whether the condition holds for one of the subject's
// countries.
func (s subject) in(j *policy.Jurisdictions, w policy.Where) bool {
	if s.detector != "" && w.Holds(j, s.detector) || s.source != "" && w.Holds(j, s.source) {
		return true
	}
	for _, c := range s.located {
		if w.Holds(j, c) {
			return true
		}
	}
	return false
}

// method returns the method for a detection of kind whose subject is
// sub, and the rule that decided it: the base pii action, made stricter
// by every jurisdiction rule whose subjects include one of the subject's
// countries (or, for an unknown country, unless the policy says
// otherwise, by every such rule: the most protective applies).
func (rd *Redactor) method(kind string, value bool, sub subject) (policy.Method, string) {
	m := rd.pii.methodFor(kind, value)
	rule := "pii.actions"
	if rd.jur == nil {
		return m, rule
	}
	known := sub.known()
	for _, s := range rd.jur.subjects {
		var applies bool
		if known {
			applies = sub.in(rd.jur.j, s.where)
		} else {
			applies = rd.jur.j.UnknownSubjects != policy.TreatBase || len(s.where.In) == 0
		}
		if !applies {
			continue
		}
		a, ok := s.actions[kind]
		if !ok {
			if s.def == nil {
				continue
			}
			a = *s.def
		}
		cand := a.Text
		if value {
			cand = a.Values
		}
		if cand == policy.MethodGeneralise && kind != "ipv4" && kind != "ipv6" {
			cand = policy.MethodRemove
		}
		if strictness(cand) > strictness(m) {
			m, rule = cand, s.name
		}
	}
	return m, rule
}
