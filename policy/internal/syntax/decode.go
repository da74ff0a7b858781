package syntax

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// This file is a small kit for strict decoders. Each helper checks one node,
// reports what is wrong at the node's position and path, and returns ok =
// false. All of them are silent on a nil node (a missing key: use
// [Required] where one must be present) and on a [KindInvalid] node (already
// reported), so a decoder can call them without guarding and never reports
// one problem twice.

// CheckKeys reports every key of the mapping n (at path) that is not in
// known, suggesting the closest known key where [Suggest] finds one:
//
//	unknown key "acton" (did you mean "action"?)
//
// It reports a node that is not a mapping as "expected a mapping". The
// errors are placed at the keys and carry the mapping's path.
func CheckKeys(n *Node, path string, known []string, errs *Errors) {
	if _, ok := Map(n, path, errs); !ok {
		return
	}
	for _, e := range n.Entries {
		if slices.Contains(known, e.Key) {
			continue
		}
		if s := Suggest(e.Key, known); s != "" {
			errs.Add(e.KeyPos, path, "unknown key %s (did you mean %q?)", Quote(e.Key), s)
		} else {
			errs.Add(e.KeyPos, path, "unknown key %s", Quote(e.Key))
		}
	}
}

// Required returns the value of key in the mapping m, reporting "missing
// required key" at the mapping when it is absent. It is silent when m is
// nil, Invalid or not a mapping (report that with [Map] or
// [CheckKeys]).
func Required(m *Node, path, key string, errs *Errors) (*Node, bool) {
	if m == nil || m.Kind != KindMap {
		return nil, false
	}
	v, ok := m.Get(key)
	if !ok {
		errs.Add(m.Pos, path, "missing required key %q", key)
	}
	return v, ok
}

// Map returns the entries of the mapping n, reporting "expected a mapping"
// when n is another kind. It suits mappings whose keys are data (names of
// groups, say) rather than a fixed set; for those use [CheckKeys].
func Map(n *Node, path string, errs *Errors) ([]Entry, bool) {
	if !expect(n, KindMap, path, "a mapping", errs) {
		return nil, false
	}
	return n.Entries, true
}

// List returns the items of the list n, reporting "expected a list" when n
// is another kind. An empty YAML value is null, not an empty list.
func List(n *Node, path string, errs *Errors) ([]*Node, bool) {
	if !expect(n, KindList, path, "a list", errs) {
		return nil, false
	}
	return n.Items, true
}

// String returns the value of the string scalar n, reporting "expected a
// string" when n is another kind. A YAML plain scalar such as 1.10, true or
// ~ is not a string; the message names what it is, and the author can quote
// it.
func String(n *Node, path string, errs *Errors) (string, bool) {
	if !expect(n, KindString, path, "a string", errs) {
		return "", false
	}
	return n.Value, true
}

// StringList returns the strings of the list n, reporting each item that is
// not a string at its own path. ok is false if any item is not.
func StringList(n *Node, path string, errs *Errors) ([]string, bool) {
	items, ok := List(n, path, errs)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(items))
	for i, item := range items {
		s, good := String(item, PathIndex(path, i), errs)
		ok = ok && good
		out = append(out, s)
	}
	if !ok {
		return nil, false
	}
	return out, true
}

// Bool returns the value of the boolean n, reporting "expected true or
// false" otherwise. YAML 1.1's yes, no, on, off, y and n are strings under
// the YAML 1.2 core schema used here; the message says so rather than
// guessing what the author meant.
func Bool(n *Node, path string, errs *Errors) (bool, bool) {
	if n == nil || n.Kind == KindInvalid {
		return false, false
	}
	if n.Kind == KindBool {
		return n.Value == "true", true
	}
	if n.Kind == KindString && isYAML11Bool(n.Value) {
		errs.Add(n.Pos, path, "expected true or false, found the string %q (yes, no, on and off are not booleans in YAML 1.2)", n.Value)
		return false, false
	}
	errs.Add(n.Pos, path, "expected true or false, found %s", describe(n))
	return false, false
}

func isYAML11Bool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

// Int returns the value of the integer n. It accepts the YAML 1.2 core
// integer forms (decimal with an optional sign, 0o17, 0x1F; 017 is
// seventeen) and JSON integers, and reports "expected an integer" for any
// other kind or a number with a fraction or exponent.
func Int(n *Node, path string, errs *Errors) (int64, bool) {
	if !expect(n, KindNumber, path, "an integer", errs) {
		return 0, false
	}
	s, base := n.Value, 10
	switch {
	case strings.HasPrefix(s, "0o"):
		s, base = s[2:], 8
	case strings.HasPrefix(s, "0x"):
		s, base = s[2:], 16
	}
	if !isCoreInt(n.Value) {
		errs.Add(n.Pos, path, "expected an integer, found a number with a fraction or exponent")
		return 0, false
	}
	v, err := strconv.ParseInt(s, base, 64)
	if err != nil {
		errs.Add(n.Pos, path, "the integer is out of range")
		return 0, false
	}
	return v, true
}

// Float returns the value of the number n, reporting "expected a number"
// for other kinds and refusing infinities and NaN (.inf, .nan), which no
// policy setting needs.
func Float(n *Node, path string, errs *Errors) (float64, bool) {
	if !expect(n, KindNumber, path, "a number", errs) {
		return 0, false
	}
	if v := strings.ToLower(n.Value); strings.HasSuffix(v, ".inf") || v == ".nan" {
		errs.Add(n.Pos, path, "expected a finite number")
		return 0, false
	}
	if isCoreInt(n.Value) && (strings.HasPrefix(n.Value, "0o") || strings.HasPrefix(n.Value, "0x")) {
		v, ok := Int(n, path, errs)
		return float64(v), ok
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || math.IsInf(v, 0) {
		errs.Add(n.Pos, path, "the number is out of range")
		return 0, false
	}
	return v, true
}

// Enum returns the string n if it is one of allowed (compared exactly),
// and otherwise reports it as an unknown value, suggesting the closest one
// where [Suggest] finds one. A misspelled value is an error, never a
// default.
func Enum(n *Node, path string, allowed []string, errs *Errors) (string, bool) {
	s, ok := String(n, path, errs)
	if !ok {
		return "", false
	}
	if slices.Contains(allowed, s) {
		return s, true
	}
	switch sug := Suggest(s, allowed); {
	case sug != "":
		errs.Add(n.Pos, path, "unknown value %s (did you mean %q?)", Quote(s), sug)
	case len(allowed) <= 8:
		quoted := make([]string, len(allowed))
		for i, a := range allowed {
			quoted[i] = strconv.Quote(a)
		}
		errs.Add(n.Pos, path, "unknown value %s; expected one of %s", Quote(s), strings.Join(quoted, ", "))
	default:
		errs.Add(n.Pos, path, "unknown value %s", Quote(s))
	}
	return "", false
}

// expect reports whether n has kind k, reporting "expected <want>, found
// ..." when it has another. It is silent on nil and Invalid nodes.
func expect(n *Node, k Kind, path, want string, errs *Errors) bool {
	if n == nil || n.Kind == KindInvalid {
		return false
	}
	if n.Kind != k {
		errs.Add(n.Pos, path, "expected %s, found %s", want, describe(n))
		return false
	}
	return true
}

// describe names what n is for a message. Booleans and nulls carry their
// spelling, a short token from a fixed set; other values are never quoted.
func describe(n *Node) string {
	switch n.Kind {
	case KindNull:
		if n.Text == "" {
			return "null (an empty value)"
		}
		return "null (" + n.Text + ")"
	case KindBool:
		return "a boolean (" + n.Text + ")"
	case KindNumber:
		return "a number"
	case KindString:
		return "a string"
	case KindMap:
		return "a mapping"
	case KindList:
		return "a list"
	}
	return "an invalid value"
}
