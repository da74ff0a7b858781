package redact

import (
	"context"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/airlock-cti/airlock/stix"
)

// evalCases is the size of the evaluation corpus: plain and harder cases.
const evalCases = 24

// TestPIIEvaluation runs the community policy on the labelled evaluation
// corpus in ../testdata/pii-eval (incident reports written for this
// project; -update regenerates them), with the victim organisation's
// namespace given as --internal-domain and --internal-net would, and
// reports per kind the removal recall, the indicator keep rate and the
// survival of hard negatives. All must be 1.00, and the output valid STIX.
func TestPIIEvaluation(t *testing.T) {
	dir := "../testdata/pii-eval"
	if *update {
		for i := 0; i < evalCases; i++ {
			in := redacttest.NewIncident(redacttest.IncidentOptions{Seed: uint64(i + 1), Hard: i >= evalCases/2})
			base := filepath.Join(dir, fmt.Sprintf("incident-%02d", i+1))
			os.WriteFile(base+".json", append(in.Bundle, '\n'), 0o644)
			labels, _ := json.MarshalIndent(in, "", "  ")
			os.WriteFile(base+".labels.json", append(labels, '\n'), 0o644)
		}
	}
	p, err := policy.LoadFile("../examples/policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type tally struct{ hit, total int }
	removal, keep := map[string]*tally{}, map[string]*tally{}
	neg := &tally{}
	count := func(m map[string]*tally, kind string, ok bool) {
		if m[kind] == nil {
			m[kind] = &tally{}
		}
		m[kind].total++
		if ok {
			m[kind].hit++
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "incident-*.labels.json"))
	if len(files) == 0 {
		t.Fatal("no evaluation corpus (run go test -run PIIEvaluation -update)")
	}
	for _, lf := range files {
		var in redacttest.Incident
		b, _ := os.ReadFile(lf)
		if err := json.Unmarshal(b, &in); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(strings.TrimSuffix(lf, ".labels.json") + ".json")
		rd, err := Compile(p, &Options{Key: goldenKey, InternalDomains: []string{in.Domain}, InternalNets: []netip.Prefix{netip.MustParsePrefix(in.Network)}})
		if err != nil {
			t.Fatal(err)
		}
		out, rep, err := rd.RedactBytes(context.Background(), data)
		if err != nil {
			t.Fatalf("%s: %v", lf, err)
		}
		text := string(out)
		for _, l := range in.Remove {
			gone := !strings.Contains(text, l.Value) && !strings.Contains(text, jsonEscape(l.Value))
			if !gone {
				t.Errorf("%s: %s %q (in %s) was not removed", filepath.Base(lf), l.Kind, l.Value, l.Where)
			}
			count(removal, l.Kind, gone)
		}
		for _, l := range in.Keep {
			kept := strings.Contains(text, l.Value)
			if !kept {
				t.Errorf("%s: indicator %s %q (in %s) was lost", filepath.Base(lf), l.Kind, l.Value, l.Where)
			}
			count(keep, l.Kind, kept)
		}
		for _, v := range in.Negative {
			neg.total++
			if strings.Contains(text, v) || strings.Contains(text, jsonEscape(v)) {
				neg.hit++
			} else {
				t.Errorf("%s: hard negative %q did not survive", filepath.Base(lf), v)
			}
		}
		// Verify finds the raw report wanting and the redacted one clean, and
		// redacting twice gives the same bytes as once.
		if v, err := rd.Verify(context.Background(), strings.NewReader(string(data))); err != nil || len(v) == 0 {
			t.Errorf("%s: verify on the raw report: %d violations, %v", filepath.Base(lf), len(v), err)
		}
		if v, err := rd.Verify(context.Background(), strings.NewReader(text)); err != nil || len(v) > 0 {
			t.Errorf("%s: verify on the redacted report: %v %v", filepath.Base(lf), v, err)
		}
		if again, _, err := rd.RedactBytes(context.Background(), out); err != nil || string(again) != text {
			t.Errorf("%s: redacting twice differs from once (%v)", filepath.Base(lf), err)
		}
		if problems, err := stix.Validate(strings.NewReader(text), nil); err != nil || len(problems) > 0 {
			t.Errorf("%s: output not valid STIX: %v %v", filepath.Base(lf), err, problems)
		}
		// The report names what it removed by fingerprint, never by value.
		rb, _ := json.Marshal(rep)
		for _, l := range in.Remove {
			if len(l.Value) > 4 && strings.Contains(string(rb), l.Value) {
				t.Errorf("%s: the report holds the removed value %q", filepath.Base(lf), l.Value)
			}
		}
	}
	var lines []string
	for k, v := range removal {
		lines = append(lines, fmt.Sprintf("  remove %-16s %3d/%-3d recall %.2f", k, v.hit, v.total, float64(v.hit)/float64(v.total)))
	}
	for k, v := range keep {
		lines = append(lines, fmt.Sprintf("  keep   %-16s %3d/%-3d kept   %.2f", k, v.hit, v.total, float64(v.hit)/float64(v.total)))
	}
	sort.Strings(lines)
	t.Logf("evaluation on %d incident reports (half with obfuscated forms):\n%s\n  hard negatives survive %d/%d", len(files), strings.Join(lines, "\n"), neg.hit, neg.total)
}

// jsonEscape is how a value appears inside a JSON string.
func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}
