package stix

import (
	"slices"
	"strconv"
	"strings"
)

// A Selector selects content of the STIX object its granular marking is in
// (STIX 2.1 section 7.2.3). Its root is that object; each step names a
// property or dictionary key, or a list index. Selecting a property or list
// selects everything under it.
//
// A Selector is a Path with the selector's meaning: convert with Path(s) or
// Selector(p). The empty Selector, which ParseSelector never returns, selects
// the whole object.
type Selector Path

// A SelectorError reports a selector or path that does not follow the
// selector syntax of STIX 2.1 section 7.2.3. It gives a byte offset and a
// fixed description, never the text of the selector, which may name personal
// data (a dictionary key can be a user name or a header).
type SelectorError struct {
	// Offset is the byte offset in the selector where the problem is.
	Offset int
	// Problem says what is wrong, for example "empty component".
	Problem string
}

func (e *SelectorError) Error() string {
	return "stix: invalid selector at byte " + strconv.Itoa(e.Offset) + ": " + e.Problem
}

// ParseSelector parses a granular-marking selector such as
// "external_references.[0].source_name" (STIX 2.1 section 7.2.3): components
// separated by '.', each a property name or dictionary key, or a zero-based
// list index written as a non-negative integer in brackets, which is a
// component of its own ("labels.[0]", never "labels[0]").
//
// Keys may hold the characters STIX allows in dictionary keys: a-z, A-Z,
// 0-9, '-' and '_' (STIX 2.1 section 2.3). Uppercase is accepted, so that
// "hashes.SHA-256" can be marked, although the STIX 2.1 JSON schema's
// selector pattern rejects it. Indexes are written without leading zeros, so
// that every selector has one spelling and s.String() gives back the text it
// was parsed from. Key lengths are not checked.
//
// Errors are of type *SelectorError.
func ParseSelector(s string) (Selector, error) {
	if s == "" {
		return nil, &SelectorError{Offset: 0, Problem: "empty selector"}
	}
	p, err := parsePath(s)
	return Selector(p), err
}

// ParsePath parses a path written in selector syntax, as ParseSelector does,
// and reverses Path.String. Unlike a selector, a path may be empty: ""
// parses to the empty path, the object itself.
func ParsePath(s string) (Path, error) {
	if s == "" {
		return Path{}, nil
	}
	return parsePath(s)
}

// parsePath parses a non-empty selector.
func parsePath(s string) (Path, error) {
	p := make(Path, 0, strings.Count(s, ".")+1)
	for start := 0; ; {
		end := strings.IndexByte(s[start:], '.')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		step, err := parseStep(s, start, end)
		if err != nil {
			return nil, err
		}
		p = append(p, step)
		if end == len(s) {
			return p, nil
		}
		start = end + 1
	}
}

// parseStep parses the component s[start:end], which holds no '.'.
func parseStep(s string, start, end int) (PathStep, error) {
	bad := func(off int, problem string) (PathStep, error) {
		return PathStep{}, &SelectorError{Offset: off, Problem: problem}
	}
	switch {
	case start == end && start == 0:
		return bad(0, "selector starts with '.'")
	case start == end && end == len(s):
		return bad(start-1, "selector ends with '.'")
	case start == end:
		return bad(start, "empty component")
	case s[start] == '[':
		return parseIndex(s, start, end)
	}
	for i := start; i < end; i++ {
		switch c := s[i]; {
		case isKeyByte(c):
		case c == '[':
			return bad(i, "list index is not a component of its own")
		case c == ']':
			return bad(i, "']' outside a list index")
		default:
			return bad(i, "character not allowed in a key")
		}
	}
	return Key(s[start:end]), nil
}

// parseIndex parses the component s[start:end], which begins with '['.
func parseIndex(s string, start, end int) (PathStep, error) {
	bad := func(off int, problem string) (PathStep, error) {
		return PathStep{}, &SelectorError{Offset: off, Problem: problem}
	}
	i := start + 1
	for i < end && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	digits := s[start+1 : i]
	switch {
	case i == end:
		return bad(end, "list index has no ']'")
	case s[i] != ']':
		return bad(i, "list index is not a non-negative integer")
	case digits == "":
		return bad(i, "empty list index")
	case i+1 != end:
		return bad(i+1, "text after a list index")
	case len(digits) > 1 && digits[0] == '0':
		return bad(start+1, "list index has a leading zero")
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return bad(start+1, "list index too large")
	}
	return Index(n), nil
}

// isKeyByte reports whether c may appear in a dictionary key
// (STIX 2.1 section 2.3); property names use a subset.
func isKeyByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// String writes the selector in STIX selector syntax, for example
// "external_references.[0].source_name".
func (s Selector) String() string { return Path(s).String() }

// Covers reports whether content at path p is selected: s equals p or is
// above it. Steps are compared whole, so "name" does not cover "name_enc",
// and "labels" covers "labels.[1]" (STIX 2.1 section 7.2.3: a selected list
// or object includes everything in it).
func (s Selector) Covers(p Path) bool { return p.HasPrefix(Path(s)) }

// Resolve finds the value s selects in obj, the raw JSON of one object, and
// returns its byte span in obj (a string's span includes its quotes). It
// reports false when the value does not exist: a missing member, an index
// past the end of a list, a key step on something that is not an object
// ("labels.name") or an index step on something that is not a list
// ("description.[0]"). STIX 2.1 section 7.2.3 requires selectors to refer to
// content that is present, so a false result means an invalid selector.
//
// Member names are compared after unescaping, so a member written
// "em\u0061il" is found by the key "email"; bytes that are not valid UTF-8
// are compared as they are. obj must be valid JSON; on invalid JSON Resolve
// returns a meaningless answer but does not panic. With duplicate member
// names, which STIX input must not have, the first one is found.
//
// It walks each list and object on the way from its start; to resolve many
// paths in one object, use a Resolver.
func (s Selector) Resolve(obj []byte) (Span, bool) {
	i := skipSpace(obj, 0)
	for _, step := range s {
		var ok bool
		if step.IsIndex() {
			i, ok = listElement(obj, i, step.Index)
		} else {
			i, ok = memberValue(obj, i, step.Key)
		}
		if !ok {
			return Span{}, false
		}
	}
	end, ok := valueEnd(obj, i)
	if !ok {
		return Span{}, false
	}
	return Span{Start: i, End: end}, true
}

// AfterRemoval recomputes s after the content at the paths in removed has
// been deleted from the object. s and every removed path are in the
// coordinates of the object before any removal. A removed path may be an
// object member or a list item; removing list items moves the later items of
// the same list down by the number of distinct items removed before them
// (STIX 2.1 section 7.2.3 indexes are positions in the list as it is).
//
// It returns the corrected selector and true, or false when what s selected
// is gone: s is a removed path or lies under one. A selector above a removed
// path stays, since its container still exists, smaller. When a removal
// leaves a list or object empty and the caller removes that too (STIX forbids
// empty lists), the container must be in removed as well. s is not modified;
// when nothing moved, s itself is returned.
//
// It compares s with every removed path; to correct many selectors for many
// removals, prepare the removals once with NewRemovals.
func (s Selector) AfterRemoval(removed []Path) (Selector, bool) {
	for _, r := range removed {
		if Path(s).HasPrefix(r) {
			return nil, false
		}
	}
	var out Selector
	var before []int // indexes removed before s's index at one depth
	for d, step := range s {
		if !step.IsIndex() {
			continue
		}
		before = before[:0]
		for _, r := range removed {
			if len(r) == d+1 && r[d].IsIndex() && r[d].Index < step.Index && Path(s[:d]).Equal(r[:d]) {
				before = append(before, r[d].Index)
			}
		}
		if len(before) == 0 {
			continue
		}
		slices.Sort(before)
		shift := len(slices.Compact(before))
		if out == nil {
			out = slices.Clone(s)
		}
		out[d].Index -= shift
	}
	if out == nil {
		return s, true
	}
	return out, true
}
