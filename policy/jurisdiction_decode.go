package policy

import (
	"slices"

	"github.com/airlock-cti/airlock/policy/internal/region"
	"github.com/airlock-cti/airlock/policy/internal/syntax"
)

// Treatments of personal data whose subject's country is unknown.
const (
	TreatProtective Treatment = "protective"
	TreatBase       Treatment = "base"
)

var jurisdictionKeys = []string{"source", "groups", "qualified", "unknown_subjects", "rules", "default"}
var jruleKeys = []string{"name", "destinations", "sources", "audiences", "refuse", "max_tlp", "objects", "locations", "identities", "subjects", "pii"}

func (d *decoder) jurisdictions(n *syntax.Node, base *Policy) *Jurisdictions {
	j := &Jurisdictions{Groups: map[string][]string{}, UnknownSubjects: TreatProtective}
	syntax.CheckKeys(n, "jurisdictions", jurisdictionKeys, d.errs)
	if n.Kind != syntax.KindMap {
		return j
	}
	if v, ok := n.Get("source"); ok {
		j.Source = d.country(v, "jurisdictions.source")
	}
	if v, ok := n.Get("groups"); ok {
		entries, _ := syntax.Map(v, "jurisdictions.groups", d.errs)
		for _, e := range entries {
			path := syntax.PathKey("jurisdictions.groups", e.Key)
			if _, isCountry := region.Country(e.Key); isCountry || e.Key == "" {
				d.errs.Add(e.KeyPos, path, "%s is a country code; a group needs another name", syntax.Quote(e.Key))
				continue
			}
			codes, _ := syntax.StringList(e.Value, path, d.errs)
			var members []string
			for i, c := range codes {
				if code, ok := region.Country(c); ok {
					members = append(members, code)
				} else {
					d.add(itemOr(e.Value, i), syntax.PathIndex(path, i), "%s is not an ISO 3166-1 alpha-2 country code", syntax.Quote(c))
				}
			}
			j.Groups[e.Key] = members
		}
	}
	if v, ok := n.Get("qualified"); ok {
		codes, _ := syntax.StringList(v, "jurisdictions.qualified", d.errs)
		for i, c := range codes {
			if code, ok := region.Country(c); ok {
				j.Qualified = append(j.Qualified, code)
			} else {
				d.add(itemOr(v, i), syntax.PathIndex("jurisdictions.qualified", i), "%s is not an ISO 3166-1 alpha-2 country code", syntax.Quote(c))
			}
		}
	}
	if v, ok := n.Get("unknown_subjects"); ok {
		if s, ok := syntax.Enum(v, "jurisdictions.unknown_subjects", []string{string(TreatProtective), string(TreatBase)}, d.errs); ok {
			j.UnknownSubjects = Treatment(s)
		}
	}
	if v, ok := n.Get("default"); ok {
		j.Default, _ = syntax.Enum(v, "jurisdictions.default", []string{"allow", "refuse"}, d.errs)
	}
	if v, ok := n.Get("rules"); ok {
		items, _ := syntax.List(v, "jurisdictions.rules", d.errs)
		for i, it := range items {
			j.Rules = append(j.Rules, d.jurisdictionRule(it, syntax.PathIndex("jurisdictions.rules", i), j, base))
		}
	}
	return j
}

func (d *decoder) country(n *syntax.Node, path string) string {
	s, ok := syntax.String(n, path, d.errs)
	if !ok {
		return ""
	}
	code, ok := region.Country(s)
	if !ok {
		d.add(n, path, "%s is not an ISO 3166-1 alpha-2 country code", syntax.Quote(s))
	}
	return code
}

// where decodes a list of countries and groups, or {not: [...]}.
func (d *decoder) where(n *syntax.Node, path string, j *Jurisdictions) Where {
	var w Where
	list := n
	if n.Kind == syntax.KindMap {
		syntax.CheckKeys(n, path, []string{"in", "not"}, d.errs)
		in, hasIn := n.Get("in")
		not, hasNot := n.Get("not")
		switch {
		case hasIn == hasNot:
			d.add(n, path, "give either in: [...] or not: [...]")
			return w
		case hasNot:
			w.Not, list, path = true, not, syntax.PathKey(path, "not")
		default:
			list, path = in, syntax.PathKey(path, "in")
		}
	}
	names, _ := stringOrList(list, path, d.errs)
	for i, s := range names {
		c := j.canonicalName(s)
		if c == "" {
			if sg := syntax.Suggest(upperWords(s), j.groupNames()); sg != "" {
				d.add(itemOr(list, i), syntax.PathIndex(path, i), "%s is neither an ISO 3166-1 alpha-2 country code nor a group (did you mean %q?)", syntax.Quote(s), sg)
			} else {
				d.add(itemOr(list, i), syntax.PathIndex(path, i), "%s is neither an ISO 3166-1 alpha-2 country code nor a group", syntax.Quote(s))
			}
			continue
		}
		w.In = append(w.In, c)
	}
	return w
}

func (d *decoder) jurisdictionRule(n *syntax.Node, path string, j *Jurisdictions, base *Policy) JurisdictionRule {
	r := JurisdictionRule{Name: path, Pos: pos(n.Pos)}
	syntax.CheckKeys(n, path, jruleKeys, d.errs)
	if n.Kind != syntax.KindMap {
		return r
	}
	if v, ok := n.Get("name"); ok {
		if s, ok := syntax.String(v, syntax.PathKey(path, "name"), d.errs); ok && s != "" {
			r.Name = s
		}
	}
	if v, ok := n.Get("destinations"); ok {
		r.Destinations = d.where(v, syntax.PathKey(path, "destinations"), j)
	}
	// The source and the audience are the policy's own: a condition on
	// them that does not hold for them leaves a rule that never applies,
	// which is a mistake, not a rule to ignore.
	if v, ok := n.Get("sources"); ok {
		r.Sources = d.where(v, syntax.PathKey(path, "sources"), j)
		switch {
		case len(r.Sources.In) == 0:
		case j.Source == "":
			d.add(v, syntax.PathKey(path, "sources"), "sources needs jurisdictions.source: without it the rule never applies")
		case !r.Sources.Holds(j, j.Source):
			d.add(v, syntax.PathKey(path, "sources"), "the rule never applies: the source, %s, does not meet this condition", j.Source)
		}
	}
	if v, ok := n.Get("audiences"); ok {
		names, _ := stringOrList(v, syntax.PathKey(path, "audiences"), d.errs)
		bad := false
		for i, s := range names {
			a := Audience(s)
			if a.MaxTLP() == 0 {
				d.add(itemOr(v, i), syntax.PathIndex(syntax.PathKey(path, "audiences"), i), "%s is not an audience", syntax.Quote(s))
				bad = true
				continue
			}
			r.Audiences = append(r.Audiences, a)
		}
		switch aud := base.Destination.Audience; {
		case bad || len(r.Audiences) == 0:
		case aud == "":
			d.add(v, syntax.PathKey(path, "audiences"), "audiences needs destination.audience: without it the rule never applies")
		case !slices.Contains(r.Audiences, aud):
			d.add(v, syntax.PathKey(path, "audiences"), "the rule never applies: the destination's audience, %s, is not one of these", aud)
		}
	}
	if v, ok := n.Get("refuse"); ok {
		r.Refuse, _ = syntax.Bool(v, syntax.PathKey(path, "refuse"), d.errs)
	}
	if v, ok := n.Get("max_tlp"); ok {
		r.MaxTLP, _ = d.tlp(v, syntax.PathKey(path, "max_tlp"))
	}
	if v, ok := n.Get("objects"); ok {
		items, _ := syntax.List(v, syntax.PathKey(path, "objects"), d.errs)
		for i, it := range items {
			r.Objects = append(r.Objects, d.objectRule(it, syntax.PathIndex(syntax.PathKey(path, "objects"), i), i))
		}
	}
	if v, ok := n.Get("locations"); ok {
		w := d.where(v, syntax.PathKey(path, "locations"), j)
		r.Locations = &w
	}
	if v, ok := n.Get("identities"); ok {
		r.Identities, _ = syntax.Bool(v, syntax.PathKey(path, "identities"), d.errs)
		if r.Locations == nil {
			d.add(v, syntax.PathKey(path, "identities"), "identities applies with locations")
		}
	}
	sv, hasSubjects := n.Get("subjects")
	if hasSubjects {
		r.Subjects = d.where(sv, syntax.PathKey(path, "subjects"), j)
	}
	if v, ok := n.Get("pii"); ok {
		if base.PII == nil {
			d.add(v, syntax.PathKey(path, "pii"), "pii methods need the policy's pii section")
		}
		entries, _ := syntax.Map(v, syntax.PathKey(path, "pii"), d.errs)
		r.PII = map[string]Action{}
		for _, e := range entries {
			p := syntax.PathKey(syntax.PathKey(path, "pii"), e.Key)
			if e.Key != "default" && !knownKind(e.Key) {
				d.errs.Add(e.KeyPos, p, "unknown kind %s", syntax.Quote(e.Key))
				continue
			}
			a, ok := d.action(e.Value, p, e.Key)
			if !ok {
				continue
			}
			if e.Key == "default" {
				r.Default = &a
			} else {
				r.PII[e.Key] = a
			}
		}
	} else if hasSubjects {
		d.add(sv, syntax.PathKey(path, "subjects"), "subjects needs pii: the methods for those subjects' data")
	}
	return r
}
