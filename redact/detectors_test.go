package redact

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/google/go-cmp/cmp"
)

// TestPass2DetectorsAgree holds pass 2's choice of detectors (detectorsFor:
// only those whose matches pass 1 kept in the object) to the output and
// decisions of running every detector on every object, for each policy
// with personal data, on generated reports naming victims and staff, the
// repository's reports and, when present, the OASIS examples.
func TestPass2DetectorsAgree(t *testing.T) {
	inputs := map[string][]byte{}
	for seed := uint64(1); seed <= 4; seed++ {
		inputs["generated-"+string(rune('0'+seed))] = redacttest.Bundle(redacttest.Options{Seed: seed, Objects: 600, UnknownRate: 0.02, Prose: true, Victims: 0.5})
	}
	files, _ := filepath.Glob("../testdata/reports/*.json")
	more, _ := filepath.Glob("../testdata/pii-eval/incident-0?.json")
	oasis, _ := filepath.Glob("../../shared/corpus/oasis/*.json")
	for _, f := range append(append(files, more...), oasis...) {
		if data, err := os.ReadFile(f); err == nil {
			inputs[filepath.Base(f)] = data
		}
	}
	policies, _ := filepath.Glob("../examples/policies/*.yaml")
	compared := 0
	for _, pf := range policies {
		p, err := policy.LoadFile(pf)
		if err != nil {
			t.Fatal(err)
		}
		if p.PII == nil {
			continue
		}
		some, err := Compile(p, &Options{Key: goldenKey})
		if err != nil {
			t.Fatal(err)
		}
		every, _ := Compile(p, &Options{Key: goldenKey})
		every.pii.everyDetector = true
		for name, in := range inputs {
			want, wantRep, err := every.RedactBytes(context.Background(), in)
			if err != nil {
				continue // an input this policy's limits refuse: both do
			}
			got, gotRep, err := some.RedactBytes(context.Background(), in)
			if err != nil {
				t.Fatalf("%s on %s: %v", filepath.Base(pf), name, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s on %s: the output differs from every detector's", filepath.Base(pf), name)
			}
			if diff := cmp.Diff(wantRep.Decisions, gotRep.Decisions); diff != "" {
				t.Errorf("%s on %s: decisions (-every +some):\n%s", filepath.Base(pf), name, diff)
			}
			compared++
		}
	}
	if compared < 8 {
		t.Fatalf("only %d comparisons", compared)
	}
}
