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
