package redact

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/google/go-cmp/cmp"
)

// TestDestinations applies one policy (eu-csirt-network) to one input for
// several destinations. The documented differences: inside the EEA the
// AMBER indicator goes and personal data is pseudonymised; to an adequate
// country (GB) AMBER stays in; to the United States (adequate only for
// recipients certified under the Data Privacy Framework, which this policy
// does not claim), Australia and India, personal data of EEA and UK
// subjects, and of subjects whose country is unknown, is removed, a US
// subject's is pseudonymised, and the location outside the EEA goes.
func TestDestinations(t *testing.T) {
	p, err := policy.LoadFile("../examples/policies/eu-csirt-network.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile("../testdata/reports/eu-incident.json")
	if err != nil {
		t.Fatal(err)
	}
	inside := []string{
		"drop indicator markings.max_tlp",
		"pseudonymise contact_information contact-information", "pseudonymise name person-name",
		"pseudonymise description email", "pseudonymise description email", "pseudonymise description iban",
		"pseudonymise description person-name", "pseudonymise description phone", "pseudonymise description uk-nino",
		"pseudonymise description us-ssn",
	}
	third := []string{
		"drop indicator jurisdictions.third-countries", "drop location jurisdictions.third-countries",
		"pseudonymise description us-ssn",
		"remove contact_information contact-information", "remove description email", "remove description email",
		"remove description iban", "remove description person-name", "remove description phone",
		"remove description uk-nino", "remove name person-name",
	}
	cases := map[string][]string{
		"DE": inside[1:], // AMBER goes inside the EEA
		"FR": inside[1:],
		"GB": append([]string{"drop indicator jurisdictions.adequate-countries"}, inside[1:]...),
		"US": third,
		"AU": third,
		"IN": third,
	}
	for to, want := range cases {
		t.Run(to, func(t *testing.T) {
			rd, err := Compile(p, &Options{Key: goldenKey, Destination: to})
			if err != nil {
				t.Fatal(err)
			}
			_, rep, err := rd.RedactBytes(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range rep.Decisions {
				switch {
				case d.Action == ActionDrop && d.Kind != "required-reference":
					got = append(got, strings.Join([]string{d.Action, d.Type, d.Rule}, " "))
				case d.Rule == "pii.actions" || strings.HasPrefix(d.Rule, "jurisdictions.") && d.Action != ActionDrop:
					got = append(got, strings.Join([]string{d.Action, d.Path, d.Kind}, " "))
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("decisions for %s (-want +got):\n%s", to, diff)
			}
		})
	}
}

func TestDestinationErrors(t *testing.T) {
	cases := []struct{ policy, to, want string }{
		{"us-uk-government.yaml", "FR", "no jurisdiction rule covers destination FR"},
		{"us-uk-government.yaml", "XK", `"XK" is not an ISO 3166-1 alpha-2 country code`},
		{"five-eyes.yaml", "DE", "export to DE refused"},
		{"eu-csirt-network.yaml", "EU", `"EU" is not an ISO 3166-1 alpha-2 country code`},
	}
	for _, c := range cases {
		p, err := policy.LoadFile("../examples/policies/" + c.policy)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Compile(p, &Options{Key: goldenKey, Destination: c.to})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s to %s: got %v, want %q", c.policy, c.to, err, c.want)
		}
	}
	// A qualified partial member counts as adequate.
	p, _ := policy.LoadFile("../examples/policies/eu-csirt-network.yaml")
	p.Jurisdictions.Qualified = []string{"US"}
	rd, err := Compile(p, &Options{Key: goldenKey, Destination: "US"})
	if err != nil {
		t.Fatal(err)
	}
	if rd.jur.ceilingRule != "jurisdictions.adequate-countries" {
		t.Errorf("a qualified US recipient: ceiling rule %q", rd.jur.ceilingRule)
	}
}

// TestLocationCountries checks that a jurisdiction rule that drops
// locations by country reads the country as producers write it (alpha-3,
// numeric, lower case), and fails closed on a location whose country it
// cannot tell (none, only coordinates or a region, a deprecated or
// unassigned code): dropped as "unknown-country", with the identities
// located at it when the rule says so. Under {not: [...]} and under
// [...] alike: a location of unknown country may be in any.
func TestLocationCountries(t *testing.T) {
	loc := func(n int, props string) string {
		return `{"type":"location","spec_version":"2.1","id":"location--00000000-0000-4000-8000-00000000000` + string(rune('0'+n)) +
			`","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z"` + props + `}`
	}
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + strings.Join([]string{
		loc(1, `,"country":"RU"`),
		loc(2, `,"latitude":55.75,"longitude":37.61`),
		loc(3, `,"country":"RUS"`),
		loc(4, `,"country":"ru"`),
		loc(5, `,"country":"643"`),
		loc(6, `,"region":"eastern-europe"`),
		loc(7, `,"country":"SUN"`),
		loc(8, `,"country":"deu"`),
		loc(9, `,"country":"Germany"`),
		`{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000010","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Somewhere Ltd","identity_class":"organization"}`,
		`{"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000011","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","relationship_type":"located-at","source_ref":"identity--00000000-0000-4000-8000-000000000010","target_ref":"location--00000000-0000-4000-8000-000000000002"}`,
	}, ",") + `]}`
	const head = `format: airlock/v1
name: loc
markings: {max_tlp: amber, unmarked: green}
ids: keep
jurisdictions:
  source: DE
  rules:
    - name: out
      destinations: [CN]
`
	id := func(n int) string { return "location--00000000-0000-4000-8000-00000000000" + string(rune('0'+n)) }
	const ident = "identity--00000000-0000-4000-8000-000000000010"
	cases := []struct {
		name, rule string
		want       map[string]string // dropped object: kind
	}{
		{"not", "      locations: {not: [EEA]}\n      identities: true\n", map[string]string{
			id(1): "location", id(3): "location", id(4): "location", id(5): "location",
			id(2): "unknown-country", id(6): "unknown-country", id(7): "unknown-country", id(9): "unknown-country",
			ident: "located-at",
		}},
		{"in", "      locations: [RU]\n", map[string]string{
			id(1): "location", id(3): "location", id(4): "location", id(5): "location",
			id(2): "unknown-country", id(6): "unknown-country", id(7): "unknown-country", id(9): "unknown-country",
		}},
		{"in-DE", "      locations: [DE]\n", map[string]string{
			id(8): "location",
			id(2): "unknown-country", id(6): "unknown-country", id(7): "unknown-country", id(9): "unknown-country",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := policy.Load("loc.yaml", []byte(head+c.rule))
			if err != nil {
				t.Fatal(err)
			}
			rd, err := Compile(p, &Options{Key: goldenKey, Destination: "CN"})
			if err != nil {
				t.Fatal(err)
			}
			out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, d := range rep.Decisions {
				if d.Action == ActionDrop && d.Rule == "jurisdictions.out" {
					got[d.Object] = d.Kind
				}
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
			for o := range c.want {
				if strings.Contains(string(out), o) {
					t.Errorf("%s is in the output", o)
				}
			}
		})
	}
}

// TestSubjectCountries checks that a data subject known by several
// countries gets the strictest of their methods: a person located at two
// offices, one in the EEA, is an EEA subject whichever relationship comes
// first, and the phone number and email address an identity located in
// Germany writes are a German resident's, though the number is a US one
// and the address under .us. Sent to India under eu-csirt-network, all of
// it is removed, not pseudonymised.
func TestSubjectCountries(t *testing.T) {
	p, err := policy.LoadFile("../examples/policies/eu-csirt-network.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey, Destination: "IN"})
	if err != nil {
		t.Fatal(err)
	}
	const ts = `"created":"2026-04-01T08:00:00.000Z","modified":"2026-04-01T08:00:00.000Z"`
	loc := func(n, country string) string {
		return `{"type":"location","spec_version":"2.1","id":"location--a1000000-0000-4000-8000-00000000000` + n + `",` + ts + `,"country":"` + country + `"}`
	}
	located := func(n, to string) string {
		return `{"type":"relationship","spec_version":"2.1","id":"relationship--a1000000-0000-4000-8000-00000000001` + n + `",` + ts +
			`,"relationship_type":"located-at","source_ref":"identity--a1000000-0000-4000-8000-000000000002","target_ref":"location--a1000000-0000-4000-8000-00000000000` + to + `"}`
	}
	person := `{"type":"identity","spec_version":"2.1","id":"identity--a1000000-0000-4000-8000-000000000002",` + ts +
		`,"name":"Maria Schneider","identity_class":"individual","description":"Travelling; reachable on +1 202 555 0143 or maria.schneider@hafen-logistik.us"}`
	note := `{"type":"note","spec_version":"2.1","id":"note--a1000000-0000-4000-8000-000000000004",` + ts +
		`,"content":"Maria Schneider reported the lure from maria.schneider@hafen-logistik.us, phone +1 202 555 0143.","object_refs":["identity--a1000000-0000-4000-8000-000000000002"]}`
	cases := map[string][]string{
		"located in Germany":           {loc("1", "DE"), person, located("1", "1"), note},
		"located in Germany and India": {loc("1", "DE"), loc("3", "IN"), person, located("1", "1"), located("3", "3"), note},
		"located in India and Germany": {loc("1", "DE"), loc("3", "IN"), person, located("3", "3"), located("1", "1"), note},
	}
	for name, objs := range cases {
		t.Run(name, func(t *testing.T) {
			in := `{"type":"bundle","id":"bundle--a1000000-0000-4000-8000-000000000000","objects":[` + strings.Join(objs, ",") + `]}`
			_, rep, err := rd.RedactBytes(context.Background(), []byte(in))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, d := range rep.Decisions {
				switch d.Kind {
				case "person-name", "phone", "email":
					n++
					if d.Action != ActionRemove || d.Rule != "jurisdictions.third-countries" {
						t.Errorf("%s %s %s: %s by %s, want remove by jurisdictions.third-countries", d.Object, d.Path, d.Kind, d.Action, d.Rule)
					}
				}
			}
			if n != 6 {
				t.Errorf("%d decisions on names, phones and emails, want 6", n)
			}
		})
	}
}
