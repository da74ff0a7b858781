package redact

import (
	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// rule is a compiled object rule.
type rule struct {
	name   string
	types  map[string]bool // nil: every type
	where  []policy.Condition
	drop   bool
	remove []stix.Path
}

func compileRule(r policy.ObjectRule, i int) (rule, error) {
	cr := rule{name: r.Name, where: r.Where, drop: r.Action == policy.RuleDrop, remove: r.Remove}
	if cr.name == "" {
		cr.name = "objects[" + itoa(i) + "]"
	}
	if len(r.Types) > 0 {
		cr.types = map[string]bool{}
		for _, t := range r.Types {
			cr.types[t] = true
		}
	}
	return cr, nil
}

// matches reports whether the rule applies to o.
func (r *rule) matches(o *stix.Object, typ string) bool {
	if r.types != nil && !r.types[typ] {
		return false
	}
	for _, c := range r.where {
		if !holds(o, c) {
			return false
		}
	}
	return true
}

// holds evaluates one condition on o.
func holds(o *stix.Object, c policy.Condition) bool {
	s, found := o.Lookup(c.Property)
	if c.Exists != nil {
		return found == *c.Exists
	}
	if !found {
		return false
	}
	v := o.Raw()[s.Start:s.End]
	switch {
	case c.Equals != nil:
		if v[0] == '"' {
			return jsonString(v) == *c.Equals
		}
		return string(v) == *c.Equals
	case c.Contains != nil:
		return anyString(v, func(s string) bool { return s == *c.Contains })
	case c.Matches != nil:
		return anyString(v, func(s string) bool { return c.Matches.MatchString(s) })
	}
	return false
}

// anyString reports whether v is a string, or a list holding a string,
// for which f is true.
func anyString(v []byte, f func(string) bool) bool {
	if v[0] == '"' {
		return f(jsonString(v))
	}
	if v[0] != '[' {
		return false
	}
	found := false
	eachItem(v, func(item []byte) bool {
		if item[0] == '"' && f(jsonString(item)) {
			found = true
			return false
		}
		return true
	})
	return found
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}
