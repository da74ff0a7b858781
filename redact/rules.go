package redact

import (
	"strconv"
	"strings"

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
			return scalarEqual(jsonString(v), *c.Equals)
		}
		if v[0] == '[' || v[0] == '{' {
			return false
		}
		return scalarEqual(string(v), *c.Equals)
	case c.Contains != nil:
		return anyString(v, func(s string) bool { return s == *c.Contains })
	case c.Matches != nil:
		return anyString(v, func(s string) bool { return c.Matches.MatchString(s) })
	}
	return false
}

// scalarEqual is equals' comparison (see policy.Condition): the same
// text, or two numbers of one value however written (80, 80.0, 8e1,
// "80"). Numbers are compared as decimals, never as floats, so that
// 9007199254740993 is not 9007199254740992.
func scalarEqual(got, want string) bool {
	if got == want {
		return true
	}
	g, ok := decimalKey(got)
	if !ok {
		return false
	}
	w, ok := decimalKey(want)
	return ok && g == w
}

// decimalKey returns a JSON number's value in one spelling: its sign, its
// significant digits and the power of ten they are multiplied by
// ("-8e1" for -80.0, "0" for zero); false when s is not a JSON number
// (RFC 8259 section 6) or its exponent is out of reason.
func decimalKey(s string) (string, bool) {
	i, neg := 0, false
	if i < len(s) && s[i] == '-' {
		neg, i = true, i+1
	}
	digitsFrom := func(j int) int {
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	intEnd := digitsFrom(i)
	if intEnd == i || (s[i] == '0' && intEnd > i+1) {
		return "", false // no integer part, or a leading zero
	}
	intPart, frac := s[i:intEnd], ""
	i = intEnd
	if i < len(s) && s[i] == '.' {
		end := digitsFrom(i + 1)
		if end == i+1 {
			return "", false
		}
		frac, i = s[i+1:end], end
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		end := digitsFrom(j)
		if end == j || end-j > 9 {
			return "", false // no exponent, or one no policy means
		}
		e := 0
		for _, c := range s[j:end] {
			e = e*10 + int(c-'0')
		}
		if s[i+1] == '-' {
			e = -e
		}
		exp, i = e, end
	}
	if i != len(s) {
		return "", false
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= len(frac)
	trimmed := strings.TrimRight(digits, "0")
	exp += len(digits) - len(trimmed)
	if trimmed == "" {
		return "0", true // zero, whatever its sign
	}
	key := trimmed + "e" + strconv.Itoa(exp)
	if neg {
		key = "-" + key
	}
	return key, true
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
