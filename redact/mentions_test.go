package redact

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestIDsOutsideReferences: an id written as a whole string in a property
// that is not a reference (a custom list of related objects), or as the
// key of a dictionary, or with escapes, is a mention like one written in
// text: withheld (a key's member removed) when its object is left out,
// renamed when its object is. Found by FuzzRedact (seed 436ea5ae884c7c8c): before,
// the dropped indicator's id went out in x_related.
func TestIDsOutsideReferences(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const (
		red     = "indicator--00000000-0000-4000-8000-000000000003" // TLP:RED: dropped
		renamed = "malware--00000000-0000-4000-8000-000000000005"   // loses a granular-marked name: renamed
	)
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[
{"type":"indicator","spec_version":"2.1","id":"` + red + `","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]},
{"type":"malware","spec_version":"2.1","id":"` + renamed + `","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","description":"d","is_family":false,"granular_markings":[{"marking_ref":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","selectors":["description"]}]},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000004","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","content":"see ` + red + `","object_refs":["` + renamed + `"],
 "x_related":["` + red + `","` + renamed + `"],"x_single":"` + red + `","x_scores":{"` + red + `":5,"` + renamed + `":7,"other":1},
 "x_escaped":"\u0069ndicator--00000000-0000-4000-8000-000000000003","x_note":"after \u0069ndicator--00000000-0000-4000-8000-000000000003 came"},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000006","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","content":"only escaped","object_refs":["note--00000000-0000-4000-8000-000000000004"],
 "x_only":"\u0069ndicator--00000000-0000-4000-8000-000000000003"}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := decoded(t, out)
	if strings.Contains(s, red) || strings.Contains(s, renamed) {
		t.Errorf("an id of an object left out or renamed is in the output:\n%s", s)
	}
	if n := strings.Count(s, withheld); n != 6 {
		t.Errorf("%d ids withheld, want 6 (content, x_related, x_single, x_escaped, x_note, x_only):\n%s", n, s)
	}
	newID := newIDOf(rep.Decisions, renamed)
	if newID == "" || strings.Count(s, newID) != 4 { // its own id, object_refs, x_related, x_scores's key
		t.Errorf("the renamed malware's new id %q is not where its old one was:\n%s", newID, s)
	}
	if !strings.Contains(s, `"x_scores":{"`+newID+`":7,"other":1}`) {
		t.Errorf("the dictionary keyed by ids: the dropped object's entry must go, the renamed one's key follow:\n%s", s)
	}
}

// newIDOf returns the new id the decisions give object id.
func newIDOf(ds []Decision, id string) string {
	for _, d := range ds {
		if d.Object == id && d.Action == ActionRename && d.Path == "" {
			return d.NewID
		}
	}
	return ""
}

func TestMayHideID(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want bool
	}{
		{`"plain indicator--x"`, false},
		{`"it\u2019s"`, false},     // a quote cannot spell an id
		{`"\u0069ndicator"`, true}, // i
		{`"a\u002db"`, true},       // -
		{`"\u0041"`, true},         // A, a UUID's hex
		{`"\u0047"`, true},         // G, of a type written in upper case
		{`"\u005f"`, false},        // _
		{`"\u00e9t\u00E9"`, false}, // é
		{`"end \u00"`, false},
		{`"\u003c\u0039"`, true}, // the second one, 9
	} {
		if got := mayHideID([]byte(c.raw)); got != c.want {
			t.Errorf("mayHideID(%s) = %v, want %v", c.raw, got, c.want)
		}
	}
}

// TestRenamedKeyTaken: a dictionary key that is the id of a renamed object
// follows the rename, unless the dictionary has the new id as a key
// already; then the member goes, and the report says it was removed.
func TestRenamedKeyTaken(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const renamed = "malware--00000000-0000-4000-8000-000000000005"
	newID := rd.keys.derivedID(rd.name, renamed, false)
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[
{"type":"malware","spec_version":"2.1","id":"` + renamed + `","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","description":"d","is_family":false,"granular_markings":[{"marking_ref":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","selectors":["description"]}]},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000004","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","content":"c","object_refs":["` + renamed + `"],
 "x_scores":{"` + renamed + `":7,"` + newID + `":1}}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := newIDOf(rep.Decisions, renamed); got != newID {
		t.Fatalf("the malware's new id is %q, want %q", got, newID)
	}
	if !strings.Contains(string(out), `"x_scores":{"`+newID+`":1}`) {
		t.Errorf("the renamed key's member must go, the key already there stay:\n%s", out)
	}
	path := "x_scores." + renamed
	found := false
	for _, d := range rep.Decisions {
		if d.Path != path {
			continue
		}
		found = true
		if d.Action != ActionRemove || d.NewID != "" {
			t.Errorf("decision at %s: action %q, new id %q; want %q and none", path, d.Action, d.NewID, ActionRemove)
		}
	}
	if !found {
		t.Errorf("no decision at %s: %+v", path, rep.Decisions)
	}
}

// TestMentionsInAnyCase: an id written in text in another case than its
// object's (an upper-case type or UUID, an escaped capital, two ids run
// together) still refers to it: STIX types are lower case and UUIDs are
// read in either case (RFC 4122 section 3). Withheld when the object is
// left out, renamed when it is renamed, also when the object's own id is
// written in upper case; a withheld id in a URL is percent-encoded, as a
// placeholder for personal data is.
func TestMentionsInAnyCase(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const (
		red     = "indicator--00000000-0000-4000-8000-00000000000a" // TLP:RED: dropped
		redUp   = "indicator--0000000B-0000-4000-8000-00000000000B" // its id in upper case
		renamed = "malware--00000000-0000-4000-8000-00000000000c"   // loses a granular-marked description: renamed
	)
	ind := func(id string) string {
		return `{"type":"indicator","spec_version":"2.1","id":"` + id + `","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]}`
	}
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[` + ind(red) + `,` + ind(redUp) + `,
{"type":"malware","spec_version":"2.1","id":"` + renamed + `","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","description":"d","is_family":false,"granular_markings":[{"marking_ref":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","selectors":["description"]}]},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000004","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","content":"see INDICATOR--00000000-0000-4000-8000-00000000000A, Indicator--00000000-0000-4000-8000-00000000000a, indicator--0000000b-0000-4000-8000-00000000000b, MALWARE--00000000-0000-4000-8000-00000000000C","object_refs":["` + renamed + `"],
 "x_escaped":"\u0049NDICATOR--00000000-0000-4000-8000-00000000000a","x_run":"indicator--00000000-0000-4000-8000-00000000000aindicator--00000000-0000-4000-8000-00000000000a",
 "x_url":"https://cti.example/indicators/INDICATOR--00000000-0000-4000-8000-00000000000A?x=1"}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	plain := decoded(t, out)
	s := strings.ToLower(plain)
	for _, id := range []string{red, redUp, renamed} {
		if strings.Contains(s, strings.ToLower(id)) {
			t.Errorf("%s is in the output, in some case:\n%s", id, plain)
		}
	}
	newID := newIDOf(rep.Decisions, renamed)
	if newID == "" || strings.Count(s, newID) != 3 { // its own id, object_refs, the content
		t.Errorf("the renamed malware's new id %q is not where its old one was:\n%s", newID, plain)
	}
	if !strings.Contains(plain, `"x_url":"https://cti.example/indicators/%5Bwithheld%5D?x=1"`) {
		t.Errorf("the withheld id in a URL is not percent-encoded:\n%s", plain)
	}
	if n := strings.Count(plain, withheld); n != 6 { // content 3, x_escaped, x_run 2
		t.Errorf("%d ids withheld in text, want 6:\n%s", n, plain)
	}
	again, _, err := rd.RedactBytes(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(out) {
		t.Errorf("redacting the output again changed it:\n%s\n%s", out, again)
	}
}

// TestMentionAndPersonalData: one string holding personal data and the id
// of an object that is left out gets both edits. Before, the two edits of
// the same string made the whole run fail ("overlapping edits").
func TestMentionAndPersonalData(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	const red = "indicator--00000000-0000-4000-8000-000000000002"
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000ab","objects":[
{"type":"indicator","spec_version":"2.1","id":"` + red + `","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"red","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Call +44 20 7946 0958 about ` + red + ` today","object_refs":["` + red + `","report--00000000-0000-4000-8000-000000000004"]}
]}`
	for _, workers := range []int{1, 2} {
		rd.workers = workers
		out, _, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatalf("workers %d: %v", workers, err)
		}
		if strings.Contains(string(out), "7946") || strings.Contains(string(out), red) || !strings.Contains(string(out), "about [withheld] today") {
			t.Errorf("workers %d: the phone number and the id must both go:\n%s", workers, out)
		}
		again, _, err := rd.RedactBytes(context.Background(), out)
		if err != nil || string(again) != string(out) {
			t.Errorf("workers %d: redacting the output again: %v\n%s", workers, err, again)
		}
	}
}

// decoded returns JSON as a consumer reads it: escapes decoded (and
// written again where JSON needs them).
func decoded(t *testing.T, out []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	plain, _ := json.Marshal(v)
	return string(plain)
}

// TestMentionInSelector: a dictionary key that is a dropped object's id,
// selected by a granular marking that stays with another selector: the
// member goes, and so does its selector. The mention in the selector used
// to be rewritten as text too, and the two edits of the granular markings
// stopped the run ("overlapping edits").
func TestMentionInSelector(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const red = "indicator--00000000-0000-4000-8000-000000000002"
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","spec_version":"2.1","id":"` + red + `","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]},
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"M","is_family":true,"x_links":{"` + red + `":"x","k":"v"},"granular_markings":[{"marking_ref":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","selectors":["x_links.` + red + `","x_links.k"]}]}
]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, red) || !strings.Contains(s, `"x_links":{"k":"v"},"granular_markings":[{"marking_ref":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","selectors":["x_links.k"]}]`) {
		t.Errorf("output:\n%s", s)
	}
}
