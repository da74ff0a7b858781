package redact

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRedact runs the whole redaction on arbitrary bytes under three
// policies (TLP:GREEN, community with personal data, object rules) and
// checks the properties of checkProperties: no panic, an input error or a
// valid, idempotent, verified, worker-independent output that holds no
// id of what it left out and every untouched object byte for byte.
func FuzzRedact(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"../testdata/golden/*/input.*", "../testdata/reports/*.json", "testdata/window/*.ndjson", "../examples/policies/tests/*.json", "../testdata/pii-eval/incident-0[1-3].json"} {
		files, _ := filepath.Glob(pattern)
		seeds = append(seeds, files...)
	}
	for _, file := range seeds {
		if b, err := os.ReadFile(file); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	pols := propertyPolicies(f, 1)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkProperties(t, "fuzz", pols, data)
	})
}
