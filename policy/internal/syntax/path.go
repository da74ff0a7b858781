package syntax

import "strconv"

// PathKey returns the path of key in the mapping at path: "rules[2]" and
// "match" give "rules[2].match"; the root ("") and "rules" give "rules". A
// key that is not a plain name (letters, digits, '_', '-') is written quoted
// in brackets, `groups["a.b"]`, so that paths stay unambiguous; a long one is
// cut short as [Quote] does.
func PathKey(path, key string) string {
	if !isName(key) {
		return path + "[" + Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// PathIndex returns the path of item i of the list at path: "rules" and 2
// give "rules[2]".
func PathIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
