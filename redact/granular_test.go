package redact

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestInvalidSelector: a granular marking whose selector does not parse,
// under the ceiling, while another marking's content is removed, loses
// that selector (it selects nothing, and may spell a member removed for
// its name) and the marking goes with its last selector. It used to stop
// the run with an internal error (FuzzRedact, seed 27ea4a2dd29331cd), then
// stayed as written, a key holding a phone number included.
func TestInvalidSelector(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	in := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000005","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","description":"amber detail","is_family":false,` +
		`"granular_markings":[{"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["x y"]},{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["description"]}]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "amber detail") {
		t.Errorf("the AMBER description is still there:\n%s", s)
	}
	if strings.Contains(s, `x y`) || strings.Contains(s, "granular_markings") {
		t.Errorf("the selector that does not parse, and its marking, must go:\n%s", s)
	}

	rd = testRedactor(t, "../examples/policies/community.yaml")
	in = `{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000003","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","content":"c","object_refs":["note--00000000-0000-4000-8000-000000000003"],` +
		`"x_cards":{"+44 20 7946 0958":"c","desk":"d"},"granular_markings":[{"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["x_cards.+44 20 7946 0958","x_cards.desk"]}]}`
	out, _, err = rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out); strings.Contains(s, "7946") || !strings.Contains(s, `"selectors":["x_cards.desk"]`) {
		t.Errorf("the key's phone number is out, or the valid selector is gone:\n%s", s)
	}
}

// TestMarkedMarkings: a granular marking above the ceiling that selects
// the object's own markings cannot have its content removed: without its
// object_marking_refs a TLP:GREEN object would leave unmarked (read as
// the policy's unmarked level by whoever redacts it next, and handled as
// unmarked by the recipient), and removing a granular marking while the
// markings are rewritten stopped the run (overlapping edits). The object
// goes.
func TestMarkedMarkings(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	for _, sel := range []string{"object_marking_refs", "object_marking_refs.[0]", "granular_markings.[0]", "granular_markings"} {
		in := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000004","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","description":"d","is_family":false,` +
			`"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],` +
			`"granular_markings":[{"marking_ref":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","selectors":["description"]},{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["` + sel + `"]}]}`
		out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Errorf("%s: %v", sel, err)
			continue
		}
		if len(out) != 0 {
			t.Errorf("%s: the object left:\n%s", sel, out)
		}
		if len(rep.Decisions) != 1 || rep.Decisions[0].Kind != "marked-markings" {
			t.Errorf("%s: %s", sel, decisionText(rep))
		}
	}
}

// TestRemovedTextFingerprint: the fingerprint of removed marked text is
// the fingerprint of its text, however it was written, as personal
// data's and ids' are of what they are. It was of the JSON string, quotes
// and escapes included, so one text had several fingerprints and none
// matched the text's.
func TestRemovedTextFingerprint(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	malware := func(n int, desc string) string {
		return fmt.Sprintf(`{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-00000000000%d","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"m","is_family":false,"description":%s,`+
			`"granular_markings":[{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["description"]}]}`, n, desc)
	}
	in := `[` + malware(1, `"amber note"`) + `,` + malware(2, `"amber\u0020note"`) + `]`
	_, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := rd.keys.fingerprintOf([]byte("amber note"))
	n := 0
	for _, d := range rep.Decisions {
		if d.Path == "description" {
			n++
			if d.Fingerprint != want {
				t.Errorf("%s: fingerprint %s, want the text's, %s", d.Object, d.Fingerprint, want)
			}
		}
	}
	if n != 2 {
		t.Errorf("%d decisions remove a description, want 2: %+v", n, rep.Decisions)
	}
}
