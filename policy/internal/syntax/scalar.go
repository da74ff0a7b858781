package syntax

// This file resolves untagged plain YAML scalars by the YAML 1.2 core schema
// (YAML 1.2.2 section 10.3.2), written out rather than taken from the YAML
// library: go.yaml.in/yaml/v4 resolves some YAML 1.1 forms too (017 as
// octal, 1_000, 0b101, dates as !!timestamp), and a policy must mean the
// same thing to every reader. Under the core schema yes, no, on, off, y and
// n are strings, so `tlp: no` is the string "no" and never the boolean
// false.

// resolvePlain returns the kind of an untagged plain scalar and, for a
// boolean, its canonical value.
func resolvePlain(s string) (Kind, string) {
	switch {
	case isCoreNull(s):
		return KindNull, ""
	case s == "true" || s == "True" || s == "TRUE":
		return KindBool, "true"
	case s == "false" || s == "False" || s == "FALSE":
		return KindBool, "false"
	case isCoreInt(s) || isCoreFloat(s):
		return KindNumber, s
	}
	return KindString, s
}

func isCoreNull(s string) bool {
	return s == "" || s == "~" || s == "null" || s == "Null" || s == "NULL"
}

func isCoreBool(s string) bool {
	k, _ := resolvePlain(s)
	return k == KindBool
}

// isCoreInt matches [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+.
func isCoreInt(s string) bool {
	if len(s) > 2 && s[0] == '0' && s[1] == 'o' {
		return allDigits(s[2:], 8)
	}
	if len(s) > 2 && s[0] == '0' && s[1] == 'x' {
		return allDigits(s[2:], 16)
	}
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	return allDigits(s, 10)
}

// isCoreFloat matches
//
//	[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
//	[-+]? ( \.inf | \.Inf | \.INF )
//	\.nan | \.NaN | \.NAN
func isCoreFloat(s string) bool {
	if s == ".nan" || s == ".NaN" || s == ".NAN" {
		return true
	}
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == ".inf" || s == ".Inf" || s == ".INF" {
		return true
	}
	mant, exp := s, ""
	for i := 0; i < len(s); i++ {
		if s[i] == 'e' || s[i] == 'E' {
			mant, exp = s[:i], s[i+1:]
			if exp == "" {
				return false
			}
			break
		}
	}
	if exp != "" {
		if exp[0] == '-' || exp[0] == '+' {
			exp = exp[1:]
		}
		if !allDigits(exp, 10) {
			return false
		}
	}
	whole, frac, dot := mant, "", false
	for i := 0; i < len(mant); i++ {
		if mant[i] == '.' {
			whole, frac, dot = mant[:i], mant[i+1:], true
			break
		}
	}
	if whole == "" {
		return dot && allDigits(frac, 10)
	}
	return allDigits(whole, 10) && (frac == "" || allDigits(frac, 10))
}

// allDigits reports whether s is non-empty and all digits in base 8, 10 or
// 16.
func allDigits(s string, base int) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := '0' <= c && c <= '9'
		switch base {
		case 8:
			ok = '0' <= c && c <= '7'
		case 16:
			ok = ok || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
		}
		if !ok {
			return false
		}
	}
	return true
}
