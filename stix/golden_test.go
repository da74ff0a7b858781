package stix

import (
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusDir is the shared STIX corpus beside the repository (see
// ../shared/corpus/README.md). Tests that need it skip without it: a fresh
// clone does not have it.
const corpusDir = "../../shared/corpus"

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// golden compares got with the golden file at path, or rewrites the file
// when the test runs with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}
