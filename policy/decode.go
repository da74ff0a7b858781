package policy

import (
	"regexp"
	"strings"

	"github.com/airlock-cti/airlock/policy/internal/region"
	"github.com/airlock-cti/airlock/policy/internal/syntax"
	"github.com/airlock-cti/airlock/stix"
)

// decoder turns a syntax tree into a Policy, reporting every problem with
// its position and path.
type decoder struct {
	errs *syntax.Errors
	file string // the policy file, for files it names
}

func (d *decoder) add(n *syntax.Node, path, format string, args ...any) {
	d.errs.Add(n.Pos, path, format, args...)
}

var policyKeys = []string{"format", "name", "version", "description", "destination", "markings", "objects", "references", "ids", "identity", "public_sources", "pii", "jurisdictions", "tests"}

func (d *decoder) policy(root *syntax.Node) *Policy {
	p := &Policy{IDs: IDsDerive, References: References{Dangling: DanglingKeep}}
	syntax.CheckKeys(root, "", policyKeys, d.errs)
	if root.Kind != syntax.KindMap {
		return p
	}
	if n, ok := syntax.Required(root, "", "format", d.errs); ok {
		if f, ok := syntax.String(n, "format", d.errs); ok && f != Format {
			d.add(n, "format", "unsupported format %q (this version of airlock reads %q)", trunc(f), Format)
		}
	}
	if n, ok := syntax.Required(root, "", "name", d.errs); ok {
		if s, ok := syntax.String(n, "name", d.errs); ok {
			if s == "" || len(s) > 200 {
				d.add(n, "name", "name must hold 1 to 200 characters")
			}
			p.Name = s
		}
	}
	if n, ok := root.Get("version"); ok {
		p.Version, _ = scalarText(n, "version", d.errs)
	}
	if n, ok := root.Get("description"); ok {
		p.Description, _ = syntax.String(n, "description", d.errs)
	}
	if n, ok := root.Get("destination"); ok {
		p.Destination = d.destination(n)
	}
	if n, ok := syntax.Required(root, "", "markings", d.errs); ok {
		p.Markings = d.markings(n, p.Destination.Audience)
	}
	if n, ok := root.Get("objects"); ok {
		items, _ := syntax.List(n, "objects", d.errs)
		for i, it := range items {
			p.Objects = append(p.Objects, d.objectRule(it, syntax.PathIndex("objects", i), i))
		}
	}
	if n, ok := root.Get("references"); ok {
		syntax.CheckKeys(n, "references", []string{"dangling"}, d.errs)
		if v, ok := n.Get("dangling"); ok {
			if s, ok := syntax.Enum(v, "references.dangling", []string{string(DanglingKeep), string(DanglingRemove)}, d.errs); ok {
				p.References.Dangling = DanglingAction(s)
			}
		}
	}
	if n, ok := root.Get("ids"); ok {
		if s, ok := syntax.Enum(n, "ids", []string{string(IDsDerive), string(IDsKeep)}, d.errs); ok {
			p.IDs = IDMode(s)
		}
	}
	if n, ok := root.Get("identity"); ok {
		p.Identity = d.identity(n)
	}
	if n, ok := root.Get("public_sources"); ok {
		items, _ := syntax.List(n, "public_sources", d.errs)
		for i, it := range items {
			p.PublicSources = append(p.PublicSources, d.publicSource(it, syntax.PathIndex("public_sources", i)))
		}
	}
	if n, ok := root.Get("pii"); ok {
		p.PII = d.pii(n, d.file)
	}
	if n, ok := root.Get("jurisdictions"); ok {
		p.Jurisdictions = d.jurisdictions(n, p)
	}
	if n, ok := root.Get("tests"); ok {
		items, _ := syntax.List(n, "tests", d.errs)
		for i, it := range items {
			p.Tests = append(p.Tests, d.testCase(it, syntax.PathIndex("tests", i)))
		}
	}
	return p
}

func (d *decoder) destination(n *syntax.Node) Destination {
	var dst Destination
	syntax.CheckKeys(n, "destination", []string{"audience", "jurisdiction"}, d.errs)
	if v, ok := n.Get("audience"); ok {
		var names []string
		for _, a := range Audiences() {
			names = append(names, string(a))
		}
		if s, ok := syntax.Enum(v, "destination.audience", names, d.errs); ok {
			dst.Audience = Audience(s)
		}
	}
	if v, ok := n.Get("jurisdiction"); ok {
		if s, ok := syntax.String(v, "destination.jurisdiction", d.errs); ok {
			code, ok := region.Country(s)
			if !ok {
				d.add(v, "destination.jurisdiction", "%s is not an ISO 3166-1 alpha-2 country code", syntax.Quote(s))
			}
			dst.Jurisdiction = code
		}
	}
	return dst
}

var markingsKeys = []string{"max_tlp", "max_pap", "unmarked", "unknown", "allow", "statements", "extensions", "stamp"}

func (d *decoder) markings(n *syntax.Node, aud Audience) Markings {
	m := Markings{Unknown: UnknownDrop, Statements: StatementsKeep}
	syntax.CheckKeys(n, "markings", markingsKeys, d.errs)
	if n.Kind != syntax.KindMap {
		return m
	}
	if v, ok := n.Get("max_tlp"); ok {
		m.MaxTLP, _ = d.tlp(v, "markings.max_tlp")
		if aud != "" && m.MaxTLP > aud.MaxTLP() {
			d.add(v, "markings.max_tlp", "%s is above what the destination's audience %q may receive (%s)", m.MaxTLP, aud, aud.MaxTLP())
		}
	} else if aud != "" {
		m.MaxTLP = aud.MaxTLP()
	} else {
		d.add(n, "markings", "missing required key \"max_tlp\" (or give destination.audience)")
	}
	if v, ok := n.Get("max_pap"); ok {
		if s, ok := syntax.String(v, "markings.max_pap", d.errs); ok {
			pap, err := stix.ParsePAP(s)
			if err != nil {
				d.add(v, "markings.max_pap", "%s is not a PAP level (clear, white, green, amber, red)", syntax.Quote(s))
			}
			m.MaxPAP = pap
		}
	}
	if v, ok := syntax.Required(n, "markings", "unmarked", d.errs); ok {
		if s, ok := syntax.String(v, "markings.unmarked", d.errs); ok {
			if s == "drop" {
				m.Unmarked.Drop = true
			} else if t, err := stix.ParseTLP(s); err == nil {
				m.Unmarked.As = t
			} else {
				d.add(v, "markings.unmarked", "%s is neither \"drop\" nor a TLP level (clear, white, green, amber, amber+strict, red)", syntax.Quote(s))
			}
		}
	}
	if v, ok := n.Get("unknown"); ok {
		if s, ok := syntax.Enum(v, "markings.unknown", []string{string(UnknownDrop), string(UnknownKeep)}, d.errs); ok {
			m.Unknown = UnknownAction(s)
		}
	}
	if v, ok := n.Get("allow"); ok {
		ids, _ := syntax.StringList(v, "markings.allow", d.errs)
		for i, id := range ids {
			if !validID(id, "marking-definition") {
				d.add(v.Items[i], syntax.PathIndex("markings.allow", i), "%s is not a marking-definition id", syntax.Quote(id))
			}
		}
		m.Allow = ids
	}
	if v, ok := n.Get("statements"); ok {
		if s, ok := syntax.Enum(v, "markings.statements", []string{string(StatementsKeep), string(StatementsRemove)}, d.errs); ok {
			m.Statements = StatementAction(s)
		}
	}
	if v, ok := n.Get("extensions"); ok {
		entries, _ := syntax.Map(v, "markings.extensions", d.errs)
		m.Extensions = map[string]ExtensionAction{}
		for _, e := range entries {
			path := syntax.PathKey("markings.extensions", e.Key)
			if !validID(e.Key, "extension-definition") {
				d.errs.Add(e.KeyPos, path, "%s is not an extension-definition id", syntax.Quote(e.Key))
			}
			if s, ok := syntax.Enum(e.Value, path, []string{string(ExtensionTLP), string(ExtensionDrop), string(ExtensionKeep), string(ExtensionRemove)}, d.errs); ok {
				m.Extensions[e.Key] = ExtensionAction(s)
			}
		}
	}
	if v, ok := n.Get("stamp"); ok {
		items, _ := syntax.List(v, "markings.stamp", d.errs)
		for i, it := range items {
			path := syntax.PathIndex("markings.stamp", i)
			syntax.CheckKeys(it, path, []string{"tlp", "statement"}, d.errs)
			var st Stamp
			t, hasTLP := it.Get("tlp")
			s, hasStatement := it.Get("statement")
			switch {
			case hasTLP && hasStatement, !hasTLP && !hasStatement:
				if it.Kind == syntax.KindMap {
					d.add(it, path, "a stamp is either {tlp: LEVEL} or {statement: TEXT}")
				}
			case hasTLP:
				st.TLP, _ = d.tlp(t, syntax.PathKey(path, "tlp"))
				if st.TLP > m.MaxTLP && m.MaxTLP != stix.TLPNone {
					d.add(t, syntax.PathKey(path, "tlp"), "stamping %s would mark output above max_tlp (%s)", st.TLP, m.MaxTLP)
				}
			default:
				st.Statement, _ = syntax.String(s, syntax.PathKey(path, "statement"), d.errs)
				if strings.TrimSpace(st.Statement) == "" {
					d.add(s, syntax.PathKey(path, "statement"), "an empty statement")
				}
			}
			m.Stamp = append(m.Stamp, st)
		}
	}
	return m
}

// tlp decodes a TLP level; a misspelled level is an error, never a guess.
func (d *decoder) tlp(n *syntax.Node, path string) (stix.TLP, bool) {
	s, ok := syntax.String(n, path, d.errs)
	if !ok {
		return stix.TLPNone, false
	}
	t, err := stix.ParseTLP(s)
	if err != nil {
		d.add(n, path, "%s is not a TLP level (clear, white, green, amber, amber+strict, red)", syntax.Quote(s))
		return stix.TLPNone, false
	}
	return t, true
}

var ruleKeys = []string{"name", "types", "where", "action", "remove"}

func (d *decoder) objectRule(n *syntax.Node, path string, i int) ObjectRule {
	r := ObjectRule{Name: path, Pos: pos(n.Pos)}
	syntax.CheckKeys(n, path, ruleKeys, d.errs)
	if n.Kind != syntax.KindMap {
		return r
	}
	if v, ok := n.Get("name"); ok {
		if s, ok := syntax.String(v, syntax.PathKey(path, "name"), d.errs); ok && s != "" {
			r.Name = s
		}
	}
	if v, ok := n.Get("types"); ok {
		types, _ := stringOrList(v, syntax.PathKey(path, "types"), d.errs)
		for k, t := range types {
			switch {
			case !validType(t):
				d.add(itemOr(v, k), syntax.PathIndex(syntax.PathKey(path, "types"), k), "%s is not a STIX type name", syntax.Quote(t))
			case t == "marking-definition":
				// A marking that leaves its definition behind, or an
				// edited definition (another marking), would mark the
				// objects that stay with what no one can read.
				d.add(itemOr(v, k), syntax.PathIndex(syntax.PathKey(path, "types"), k), "object rules do not apply to marking definitions; say what to do with a marking under markings (statements, allow, extensions)")
			}
		}
		r.Types = types
	}
	if v, ok := n.Get("where"); ok {
		items, _ := syntax.List(v, syntax.PathKey(path, "where"), d.errs)
		for k, it := range items {
			r.Where = append(r.Where, d.condition(it, syntax.PathIndex(syntax.PathKey(path, "where"), k)))
		}
	}
	if v, ok := syntax.Required(n, path, "action", d.errs); ok {
		if s, ok := syntax.Enum(v, syntax.PathKey(path, "action"), []string{string(RuleDrop), string(RuleRemove)}, d.errs); ok {
			r.Action = RuleAction(s)
		}
	}
	v, hasRemove := n.Get("remove")
	switch {
	case r.Action == RuleRemove && !hasRemove:
		d.add(n, path, "action remove needs a remove list (the properties to remove)")
	case r.Action == RuleDrop && hasRemove:
		d.add(v, syntax.PathKey(path, "remove"), "remove is only for action remove")
	case hasRemove:
		props, _ := stringOrList(v, syntax.PathKey(path, "remove"), d.errs)
		for k, s := range props {
			p, err := stix.ParsePath(s)
			if err != nil || len(p) == 0 {
				d.add(itemOr(v, k), syntax.PathIndex(syntax.PathKey(path, "remove"), k), "%s is not a property path (selector syntax, such as external_references.[0].url)", syntax.Quote(s))
				continue
			}
			switch p[0].Key {
			case "id", "type", "spec_version", "created", "modified":
				if len(p) == 1 {
					d.add(itemOr(v, k), syntax.PathIndex(syntax.PathKey(path, "remove"), k), "%s cannot be removed (every STIX object needs it); drop the object instead", p[0].Key)
				}
			}
			r.Remove = append(r.Remove, p)
		}
	}
	return r
}

func (d *decoder) condition(n *syntax.Node, path string) Condition {
	var c Condition
	syntax.CheckKeys(n, path, []string{"property", "exists", "equals", "contains", "matches"}, d.errs)
	if n.Kind != syntax.KindMap {
		return c
	}
	if v, ok := syntax.Required(n, path, "property", d.errs); ok {
		if s, ok := syntax.String(v, syntax.PathKey(path, "property"), d.errs); ok {
			p, err := stix.ParsePath(s)
			if err != nil || len(p) == 0 {
				d.add(v, syntax.PathKey(path, "property"), "%s is not a property path (selector syntax)", syntax.Quote(s))
			}
			c.Property = p
		}
	}
	tests := 0
	if v, ok := n.Get("exists"); ok {
		tests++
		if b, ok := syntax.Bool(v, syntax.PathKey(path, "exists"), d.errs); ok {
			c.Exists = &b
		}
	}
	if v, ok := n.Get("equals"); ok {
		tests++
		if s, ok := scalarText(v, syntax.PathKey(path, "equals"), d.errs); ok {
			if v.Kind == syntax.KindNumber && !jsonNumber.MatchString(s) {
				// YAML's 0x50, +80, .5 or .inf would compare with no
				// number an object holds: a rule that never matches.
				d.errs.Add(v.Pos, syntax.PathKey(path, "equals"), "%s is not a number as JSON writes it (such as 80, -1.5 or 8e1); quote it to compare text", trunc(s))
			} else {
				c.Equals = &s
			}
		}
	}
	if v, ok := n.Get("contains"); ok {
		tests++
		if s, ok := syntax.String(v, syntax.PathKey(path, "contains"), d.errs); ok {
			c.Contains = &s
		}
	}
	if v, ok := n.Get("matches"); ok {
		tests++
		if s, ok := syntax.String(v, syntax.PathKey(path, "matches"), d.errs); ok {
			if len(s) > 1000 {
				d.add(v, syntax.PathKey(path, "matches"), "regular expression longer than 1000 characters")
			} else if re, err := regexp.Compile(s); err != nil {
				d.add(v, syntax.PathKey(path, "matches"), "not an RE2 regular expression: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
			} else {
				c.Matches = re
			}
		}
	}
	if tests != 1 {
		d.add(n, path, "a condition needs exactly one of exists, equals, contains, matches")
	}
	return c
}

func (d *decoder) identity(n *syntax.Node) Identity {
	id := Identity{Class: "organization"}
	syntax.CheckKeys(n, "identity", []string{"name", "class"}, d.errs)
	if n.Kind != syntax.KindMap {
		return id
	}
	if v, ok := syntax.Required(n, "identity", "name", d.errs); ok {
		if s, ok := syntax.String(v, "identity.name", d.errs); ok {
			if strings.TrimSpace(s) == "" {
				d.add(v, "identity.name", "an empty name")
			}
			id.Name = s
		}
	}
	if v, ok := n.Get("class"); ok {
		if s, ok := syntax.Enum(v, "identity.class", []string{"individual", "group", "system", "organization", "class", "unknown"}, d.errs); ok {
			id.Class = s
		}
	}
	return id
}

func (d *decoder) publicSource(n *syntax.Node, path string) PublicSource {
	var ps PublicSource
	if n.Kind == syntax.KindString {
		ps.ID = n.Value
	} else {
		syntax.CheckKeys(n, path, []string{"id", "name"}, d.errs)
		if v, ok := syntax.Required(n, path, "id", d.errs); ok {
			ps.ID, _ = syntax.String(v, syntax.PathKey(path, "id"), d.errs)
		}
		if v, ok := n.Get("name"); ok {
			ps.Name, _ = syntax.String(v, syntax.PathKey(path, "name"), d.errs)
		}
	}
	if ps.ID != "" && !validID(ps.ID, "identity") {
		d.add(n, path, "%s is not an identity id", syntax.Quote(ps.ID))
	}
	return ps
}

var testKeys = []string{"name", "input", "to", "expect"}
var expectKeys = []string{"objects_out", "kept", "dropped", "absent", "present", "output", "error"}

func (d *decoder) testCase(n *syntax.Node, path string) TestCase {
	tc := TestCase{Name: path, Pos: pos(n.Pos)}
	syntax.CheckKeys(n, path, testKeys, d.errs)
	if n.Kind != syntax.KindMap {
		return tc
	}
	if v, ok := n.Get("name"); ok {
		if s, ok := syntax.String(v, syntax.PathKey(path, "name"), d.errs); ok && s != "" {
			tc.Name = s
		}
	}
	if v, ok := syntax.Required(n, path, "input", d.errs); ok {
		tc.Input, _ = syntax.String(v, syntax.PathKey(path, "input"), d.errs)
	}
	if v, ok := n.Get("to"); ok {
		if s, ok := syntax.String(v, syntax.PathKey(path, "to"), d.errs); ok {
			code, ok := region.Country(s)
			if !ok {
				d.add(v, syntax.PathKey(path, "to"), "%s is not an ISO 3166-1 alpha-2 country code", syntax.Quote(s))
			}
			tc.To = code
		}
	}
	v, ok := syntax.Required(n, path, "expect", d.errs)
	if !ok {
		return tc
	}
	ep := syntax.PathKey(path, "expect")
	syntax.CheckKeys(v, ep, expectKeys, d.errs)
	if v.Kind != syntax.KindMap {
		return tc
	}
	if len(v.Entries) == 0 {
		d.add(v, ep, "expect checks nothing")
	}
	if x, ok := v.Get("objects_out"); ok {
		if i, ok := syntax.Int(x, syntax.PathKey(ep, "objects_out"), d.errs); ok {
			n := int(i)
			tc.Expect.ObjectsOut = &n
		}
	}
	list := func(key string) []string {
		x, ok := v.Get(key)
		if !ok {
			return nil
		}
		s, _ := syntax.StringList(x, syntax.PathKey(ep, key), d.errs)
		return s
	}
	tc.Expect.Kept = list("kept")
	tc.Expect.Dropped = list("dropped")
	tc.Expect.Absent = list("absent")
	tc.Expect.Present = list("present")
	if x, ok := v.Get("output"); ok {
		tc.Expect.Output, _ = syntax.String(x, syntax.PathKey(ep, "output"), d.errs)
	}
	if x, ok := v.Get("error"); ok {
		tc.Expect.Error, _ = syntax.String(x, syntax.PathKey(ep, "error"), d.errs)
	}
	return tc
}

// scalarText returns a scalar's text: a string's value, a number's or a
// boolean's JSON text.
func scalarText(n *syntax.Node, path string, errs *syntax.Errors) (string, bool) {
	switch n.Kind {
	case syntax.KindString:
		return n.Value, true
	case syntax.KindNumber, syntax.KindBool:
		return n.Value, true
	case syntax.KindInvalid:
		return "", false
	}
	errs.Add(n.Pos, path, "expected a string, number or boolean, found a %s", n.Kind)
	return "", false
}

// stringOrList accepts one string or a list of strings.
func stringOrList(n *syntax.Node, path string, errs *syntax.Errors) ([]string, bool) {
	if n.Kind == syntax.KindString {
		return []string{n.Value}, true
	}
	return syntax.StringList(n, path, errs)
}

func itemOr(n *syntax.Node, i int) *syntax.Node {
	if n.Kind == syntax.KindList && i < len(n.Items) {
		return n.Items[i]
	}
	return n
}

// jsonNumber is a number as JSON writes it (RFC 8259 section 6).
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

func trunc(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// validType reports whether s is a STIX type name (STIX 2.1 section 3.1:
// a-z, 0-9 and '-', 3 to 250 characters).
func validType(s string) bool {
	if len(s) < 3 || len(s) > 250 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// validID reports whether s is an identifier of the given type.
func validID(s, typ string) bool {
	rest, ok := strings.CutPrefix(s, typ+"--")
	if !ok {
		return false
	}
	_, err := stix.ParseUUID(rest)
	return err == nil
}
