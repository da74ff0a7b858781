package redact

import (
	"context"
	"strings"
	"testing"
)

// TestTranslationsFollowRemovals: what granular markings remove from a
// campaign goes from its language content too, in every language: a
// removed property's translation, and the whole translated list where an
// item is removed (items move); a language left empty goes. The language
// content comes before the campaign, to show the order does not matter.
// The translations used to stay, and verify passed.
func TestTranslationsFollowRemovals(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"language-content","spec_version":"2.1","id":"language-content--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_ref":"campaign--00000000-0000-4000-8000-000000000001","object_modified":"2026-01-10T10:00:00.000Z","contents":{"de":{"name":"Op X de","description":"Geheimer Text","aliases":["a1-de","a2-de-amber"]},"fr":{"description":"Texte secret"}}},
{"type":"campaign","spec_version":"2.1","id":"campaign--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Op X","description":"Secret amber text","aliases":["a1","a2-amber"],"granular_markings":[{"marking_ref":"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421","selectors":["description","aliases.[1]"]}]},
{"type":"language-content","spec_version":"2.1","id":"language-content--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_ref":"indicator--00000000-0000-4000-8000-000000000009","contents":{"de":{"name":"x"}}},
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000009","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"Geheimer Text", "a2-de-amber", "Texte secret", `"fr"`, "language-content--00000000-0000-4000-8000-000000000003"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s is still in the output:\n%s", gone, s)
		}
	}
	if !strings.Contains(s, `"contents":{"de":{"name":"Op X de"}}`) {
		t.Errorf("the translated name did not stay alone:\n%s", s)
	}
	want := map[string]bool{"contents.de.description": false, "contents.de.aliases": false, "contents.fr.description": false}
	for _, d := range rep.Decisions {
		if d.Object != "language-content--00000000-0000-4000-8000-000000000002" || d.Kind != translationKind {
			continue
		}
		if _, ok := want[d.Path]; !ok || d.Rule != "markings.max_tlp" || d.Action != ActionRemove {
			t.Errorf("unexpected decision %+v", d)
		}
		want[d.Path] = true
	}
	for p, seen := range want {
		if !seen {
			t.Errorf("no %s decision for %s: %s", translationKind, p, decisionText(rep))
		}
	}
	checkClean(t, rd, out)
}

// TestTranslationsAllRemoved: a language content all of whose
// translations go cannot stand (contents is required): it goes.
func TestTranslationsAllRemoved(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"campaign","spec_version":"2.1","id":"campaign--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Op X","description":"Amber-only detail","granular_markings":[{"marking_ref":"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421","selectors":["description"]}]},
{"type":"language-content","spec_version":"2.1","id":"language-content--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_ref":"campaign--00000000-0000-4000-8000-000000000001","contents":{"de":{"description":"Nur-Amber-Detail"}}}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "Nur-Amber-Detail") || strings.Contains(string(out), "language-content--") {
		t.Errorf("the language content stayed:\n%s", out)
	}
	dropped := false
	for _, d := range rep.Decisions {
		if d.Object == "language-content--00000000-0000-4000-8000-000000000002" && d.Action == ActionDrop && d.Path == "contents" {
			dropped = true
		}
	}
	if !dropped {
		t.Errorf("no drop decision for the language content: %s", decisionText(rep))
	}
	checkClean(t, rd, out)
}

// TestTranslationsFollowObjectRules: an object rule's removals go from
// the translations, named by the rule; the language content's own lang
// markings follow what stays.
func TestTranslationsFollowObjectRules(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/object-rules.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Poison Ivy","is_family":true,"x_example_triage":"urgent","external_references":[{"source_name":"example-tickets","description":"internal ticket","url":"https://tickets.example.org/1"},{"source_name":"report","description":"report"}]},
{"type":"language-content","spec_version":"2.1","id":"language-content--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_ref":"malware--00000000-0000-4000-8000-000000000001","contents":{"de":{"name":"Giftefeu","x_example_triage":"Dringend","external_references":[{"description":"Ticket intern"},{"description":"Bericht"}]}},"granular_markings":[{"lang":"de","selectors":["contents.de.name","contents.de.external_references.[1].description"]}]}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"Dringend", "Ticket intern"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s is still in the output:\n%s", gone, s)
		}
	}
	if !strings.Contains(s, `"contents":{"de":{"name":"Giftefeu"}},"granular_markings":[{"lang":"de","selectors":["contents.de.name"]}]`) {
		t.Errorf("the translation or its lang marking is not as expected:\n%s", s)
	}
	rules := map[string]string{}
	for _, d := range rep.Decisions {
		if d.Kind == translationKind {
			rules[d.Path] = d.Rule
		}
	}
	if rules["contents.de.x_example_triage"] != "strip-triage" || rules["contents.de.external_references"] != "strip-ticket-links" {
		t.Errorf("translated-content decisions: %v", rules)
	}
	checkClean(t, rd, out)
}

// TestTranslationsFollowPersonalData: a property removed as personal data
// goes from the translations, and so does the translation of a leaf that
// is personal data as a whole (a person's name, pseudonymised): written in
// another script, no detector finds it in the language content.
func TestTranslationsFollowPersonalData(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"location","spec_version":"2.1","id":"location--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Head office","country":"GB","street_address":"221B Baker Street, London","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]},
{"type":"language-content","spec_version":"2.1","id":"language-content--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_ref":"location--00000000-0000-4000-8000-000000000001","contents":{"de":{"name":"Hauptsitz","street_address":"Bäckerstraße 221B, London"}},"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]},
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Jane Doe","identity_class":"individual","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]},
{"type":"language-content","spec_version":"2.1","id":"language-content--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_ref":"identity--00000000-0000-4000-8000-000000000003","contents":{"ru":{"name":"Джейн Доу"},"de":{"name":"Jane Doe","description":"Opfer"}},"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}
]}`
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"Bäckerstraße", "Джейн", "Jane Doe"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s is still in the output:\n%s", gone, s)
		}
	}
	for _, stay := range []string{`"contents":{"de":{"name":"Hauptsitz"}}`, `"contents":{"de":{"description":"Opfer"}}`} {
		if !strings.Contains(s, stay) {
			t.Errorf("%s is not in the output:\n%s", stay, s)
		}
	}
	n := 0
	for _, d := range rep.Decisions {
		if d.Kind == translationKind {
			n++
			if d.Rule != "pii.actions" || d.Action != ActionRemove {
				t.Errorf("unexpected decision %+v", d)
			}
		}
	}
	if n != 3 {
		t.Errorf("%d %s decisions, want 3: %s", n, translationKind, decisionText(rep))
	}
	checkClean(t, rd, out)
}
