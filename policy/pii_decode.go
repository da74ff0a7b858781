package policy

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"

	"github.com/airlock-cti/airlock/policy/internal/syntax"
)

// Kinds are the kinds of personal data airlock knows: what the built-in
// detectors find, and the structural kinds (parts of STIX objects that are
// personal data as a whole). Custom detectors' kinds start with "x-".
var Kinds = []string{
	"email", "phone", "ipv4", "ipv6", "mac", "payment-card", "iban", "us-ssn", "uk-nino", "uk-nhs",
	"user-path", "url-credential", "url-query", "hostname", "person-name",
	"contact-information", "street-address", "credential", "account",
}

var piiKeys = []string{"internal", "persons", "public_addresses", "external_emails", "dictionary_names", "actions", "non_stix_patterns"}

func (d *decoder) pii(n *syntax.Node, policyFile string) *PII {
	p := &PII{
		Persons:         TreatPersonal,
		PublicAddresses: TreatKeep,
		ExternalEmails:  TreatPersonal,
		DictionaryNames: true,
		Default:         Action{Text: MethodPseudonymise, Values: MethodPseudonymise},
		Actions:         map[string]Action{},
		NonSTIXPatterns: TreatDrop,
	}
	syntax.CheckKeys(n, "pii", piiKeys, d.errs)
	if n.Kind != syntax.KindMap {
		return p
	}
	if v, ok := n.Get("internal"); ok {
		p.Internal = d.internal(v, policyFile)
	}
	treat := func(key string, dst *Treatment, allowed ...Treatment) {
		v, ok := n.Get(key)
		if !ok {
			return
		}
		var names []string
		for _, a := range allowed {
			names = append(names, string(a))
		}
		if s, ok := syntax.Enum(v, "pii."+key, names, d.errs); ok {
			*dst = Treatment(s)
		}
	}
	treat("persons", &p.Persons, TreatPersonal, TreatKeep)
	treat("public_addresses", &p.PublicAddresses, TreatKeep, TreatPersonal)
	treat("external_emails", &p.ExternalEmails, TreatPersonal, TreatKeep)
	treat("non_stix_patterns", &p.NonSTIXPatterns, TreatDrop, TreatKeep)
	if v, ok := n.Get("dictionary_names"); ok {
		p.DictionaryNames, _ = syntax.Bool(v, "pii.dictionary_names", d.errs)
	}
	if v, ok := n.Get("actions"); ok {
		entries, _ := syntax.Map(v, "pii.actions", d.errs)
		for _, e := range entries {
			path := syntax.PathKey("pii.actions", e.Key)
			if e.Key != "default" && !knownKind(e.Key) {
				msg := "unknown kind %s"
				if s := syntax.Suggest(e.Key, Kinds); s != "" {
					d.errs.Add(e.KeyPos, path, msg+" (did you mean %q?)", syntax.Quote(e.Key), s)
				} else {
					d.errs.Add(e.KeyPos, path, msg+"; kinds are %s, and custom detectors' kinds start with x-", syntax.Quote(e.Key), strings.Join(Kinds, ", "))
				}
				continue
			}
			a, ok := d.action(e.Value, path, e.Key)
			if !ok {
				continue
			}
			if e.Key == "default" {
				p.Default = a
			} else {
				p.Actions[e.Key] = a
			}
		}
	}
	return p
}

func knownKind(k string) bool {
	if strings.HasPrefix(k, "x-") && len(k) > 2 {
		return true
	}
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

var methods = []string{string(MethodRemove), string(MethodMask), string(MethodReplace), string(MethodPseudonymise), string(MethodGeneralise)}

// action decodes a method, or {text: METHOD, values: METHOD}. Values (SCO
// values, pattern literals) must stay valid STIX: masks and placeholders
// are refused there, and a single method that is one of them must say
// what values get instead.
func (d *decoder) action(n *syntax.Node, path, kind string) (Action, bool) {
	var a Action
	ok := true
	method := func(v *syntax.Node, p string) Method {
		s, good := syntax.Enum(v, p, methods, d.errs)
		if !good {
			ok = false
			return ""
		}
		m := Method(s)
		if m == MethodGeneralise && kind != "ipv4" && kind != "ipv6" && kind != "default" {
			d.add(v, p, "generalise applies to ipv4 and ipv6 only")
			ok = false
		}
		return m
	}
	switch n.Kind {
	case syntax.KindString:
		a.Text = method(n, path)
		a.Values = a.Text
		if ok && (a.Text == MethodMask || a.Text == MethodReplace) {
			d.add(n, path, "%s cannot apply to SCO values and pattern literals, which must stay valid STIX: write {text: %s, values: pseudonymise} (or generalise or remove)", a.Text, a.Text)
			ok = false
		}
		if ok && a.Text == MethodGeneralise && kind == "default" {
			d.add(n, path, "generalise applies to ipv4 and ipv6 only; give it per kind")
			ok = false
		}
	case syntax.KindMap:
		syntax.CheckKeys(n, path, []string{"text", "values"}, d.errs)
		t, hasT := n.Get("text")
		v, hasV := n.Get("values")
		if !hasT || !hasV {
			d.add(n, path, "give both text and values")
			return a, false
		}
		a.Text = method(t, syntax.PathKey(path, "text"))
		a.Values = method(v, syntax.PathKey(path, "values"))
		if ok && (a.Values == MethodMask || a.Values == MethodReplace) {
			d.add(v, syntax.PathKey(path, "values"), "%s would break SCO values and pattern literals, which must stay valid STIX: use pseudonymise, generalise or remove", a.Values)
			ok = false
		}
	default:
		d.add(n, path, "expected a method (%s) or {text: METHOD, values: METHOD}", strings.Join(methods, ", "))
		ok = false
	}
	return a, ok
}

func (d *decoder) internal(n *syntax.Node, policyFile string) Internal {
	var in Internal
	syntax.CheckKeys(n, "pii.internal", []string{"domains", "networks", "names", "names_file"}, d.errs)
	if n.Kind != syntax.KindMap {
		return in
	}
	if v, ok := n.Get("domains"); ok {
		ds, _ := syntax.StringList(v, "pii.internal.domains", d.errs)
		for i, dom := range ds {
			dom = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(dom)), ".")
			if !validDomain(dom) {
				d.add(itemOr(v, i), syntax.PathIndex("pii.internal.domains", i), "%s is not a domain name", syntax.Quote(ds[i]))
				continue
			}
			in.Domains = append(in.Domains, dom)
		}
	}
	if v, ok := n.Get("networks"); ok {
		ns, _ := syntax.StringList(v, "pii.internal.networks", d.errs)
		for i, s := range ns {
			p, err := ParseNetwork(s)
			if err != nil {
				d.add(itemOr(v, i), syntax.PathIndex("pii.internal.networks", i), "%s is not a network (CIDR, such as 203.0.113.0/24, or an address)", syntax.Quote(s))
				continue
			}
			in.Networks = append(in.Networks, p)
		}
	}
	if v, ok := n.Get("names"); ok {
		in.Names, _ = syntax.StringList(v, "pii.internal.names", d.errs)
	}
	if v, ok := n.Get("names_file"); ok {
		if f, ok := syntax.String(v, "pii.internal.names_file", d.errs); ok {
			in.NamesFile = f
			path := f
			if !filepath.IsAbs(path) {
				path = filepath.Join(filepath.Dir(policyFile), f)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				d.add(v, "pii.internal.names_file", "cannot read the names file: %v", err)
			} else {
				for _, line := range strings.Split(string(b), "\n") {
					if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
						in.Names = append(in.Names, line)
					}
				}
			}
		}
	}
	return in
}

// ParseNetwork reads a network as policies write it: a CIDR prefix (its
// host bits cleared) or a single address.
func ParseNetwork(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(strings.TrimSpace(s))
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// validDomain reports whether s is a domain name: dot-separated labels of
// letters, digits and hyphens (or non-ASCII, for internationalised names),
// not starting or ending with a hyphen.
func validDomain(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for _, l := range strings.Split(s, ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c >= 0x80) {
				return false
			}
		}
	}
	return true
}
