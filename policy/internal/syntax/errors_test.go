package syntax

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestErrorString(t *testing.T) {
	pos := Pos{File: "p.yaml", Line: 4, Col: 9, Offset: 30}
	for _, tc := range []struct {
		err  Error
		want string
	}{
		{Error{Pos: pos, Path: "rules[2].match", Msg: "expected a mapping"}, "p.yaml:4:9: rules[2].match: expected a mapping"},
		{Error{Pos: pos, Msg: "the policy is empty"}, "p.yaml:4:9: the policy is empty"},
		{Error{Pos: Pos{File: "p.yaml"}, Path: "a", Msg: "m"}, "p.yaml: a: m"},
		{Error{Path: "a", Msg: "m"}, "a: m"},
		{Error{Msg: "m"}, "m"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestErrorsAddSortErr(t *testing.T) {
	var errs Errors
	if errs.Err() != nil {
		t.Fatal("empty Errors gives a non-nil error")
	}
	at := func(file string, line, col int) Pos { return Pos{File: file, Line: line, Col: col} }
	errs.Add(at("b.yaml", 1, 1), "", "in b")
	errs.Add(at("a.yaml", 3, 2), "x", "third %d", 3)
	errs.Add(at("a.yaml", 1, 5), "", "second")
	errs.Add(at("a.yaml", 3, 2), "y", "fourth, same place, added later")
	errs.Add(Pos{File: "a.yaml"}, "", "no position")
	errs.Add(at("a.yaml", 1, 4), "", "first")
	errs.Sort()
	want := []string{
		"a.yaml: no position",
		"a.yaml:1:4: first",
		"a.yaml:1:5: second",
		"a.yaml:3:2: x: third 3",
		"a.yaml:3:2: y: fourth, same place, added later",
		"b.yaml:1:1: in b",
	}
	if diff := cmp.Diff(want, errorStrings(errs)); diff != "" {
		t.Errorf("sorted (-want +got):\n%s", diff)
	}
	err := errs.Err()
	if err == nil {
		t.Fatal("Err() = nil")
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("Error() = %q", got)
	}
	var one *Error
	if !errors.As(err, &one) || one.Msg != "no position" {
		t.Errorf("errors.As found %v", one)
	}
}

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"acton", `"acton"`},
		{"tab\there", `"tab\there"`},
		{strings.Repeat("x", 40), `"` + strings.Repeat("x", 40) + `"`},
		{strings.Repeat("x", 41), `"` + strings.Repeat("x", 32) + `..."`},
		// Cut at a character boundary: 31 bytes, then a 2-byte é.
		{strings.Repeat("x", 31) + strings.Repeat("é", 10), `"` + strings.Repeat("x", 31) + `..."`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestPath(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{PathKey("", "rules"), "rules"},
		{PathIndex("rules", 2), "rules[2]"},
		{PathKey(PathIndex("rules", 2), "match"), "rules[2].match"},
		{PathIndex("", 0), "[0]"},
		{PathKey("groups", "a.b"), `groups["a.b"]`},
		{PathKey("", ""), `[""]`},
		{PathKey("x", "max-tlp_2"), "x.max-tlp_2"},
		{PathKey("x", strings.Repeat("é", 30)), `x["` + strings.Repeat("é", 16) + `..."]`},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
