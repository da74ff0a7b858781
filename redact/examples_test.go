package redact

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// TestExamplePoliciesIdempotent redacts the repository's reports with
// every example policy, to each destination its jurisdiction rules name,
// to a few others and to none, and redacts the output again: nothing may change. Two
// placeholders once broke this (a victim's "[REDACTED PERSON NAME]" learned
// as a name, a placeholder cut at its space in a URL's query).
func TestExamplePoliciesIdempotent(t *testing.T) {
	policies, _ := filepath.Glob("../examples/policies/*.yaml")
	reports, _ := filepath.Glob("../testdata/reports/*.json")
	if len(policies) == 0 || len(reports) == 0 {
		t.Fatal("no example policies or reports")
	}
	ran := 0
	for _, pf := range policies {
		p, err := policy.LoadFile(pf)
		if err != nil {
			t.Fatal(err)
		}
		dests := []string{"", "GB", "US", "DE", "JP"}
		if p.Jurisdictions != nil {
			for _, r := range p.Jurisdictions.Rules {
				dests = append(dests, r.Destinations.In...) // countries, or groups Compile refuses
			}
		}
		for _, dest := range dests {
			rd, err := Compile(p, &Options{Key: goldenKey, Destination: dest})
			if err != nil {
				continue // a destination the policy refuses: its tests say so
			}
			for _, rf := range reports {
				in, err := os.ReadFile(rf)
				if err != nil {
					t.Fatal(err)
				}
				out, _, err := rd.RedactBytes(context.Background(), in)
				if err != nil {
					continue
				}
				ran++
				again, rep, err := rd.RedactBytes(context.Background(), out)
				if err != nil || !bytes.Equal(again, out) {
					t.Errorf("%s to %q, %s: redacting the output again changes it (err %v): %+v",
						filepath.Base(pf), dest, filepath.Base(rf), err, rep.Decisions)
				}
			}
		}
	}
	// Each policy redacts each report to one destination at least.
	if ran < len(policies)*len(reports) {
		t.Errorf("only %d redactions ran, want %d or more", ran, len(policies)*len(reports))
	}
}
