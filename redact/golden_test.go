package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenKey is the key golden outputs are made with.
var goldenKey = bytes.Repeat([]byte("golden-key:"), 4)

// testRedactor compiles the policy in file with the golden key.
func testRedactor(t testing.TB, file string) *Redactor {
	t.Helper()
	return testCompile(t)(policy.LoadFile(file))
}

// testCompile returns a function that compiles a policy, as a loader
// returns it, with the golden key:
// testCompile(t)(policy.Load("p.yaml", data)).
func testCompile(t testing.TB) func(*policy.Policy, error) *Redactor {
	return func(p *policy.Policy, err error) *Redactor {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		rd, err := Compile(p, &Options{Key: goldenKey})
		if err != nil {
			t.Fatal(err)
		}
		return rd
	}
}

// TestGolden runs every case in ../testdata/golden: <case>/policy.yaml
// applied to <case>/input.json must give <case>/want.json byte for byte and
// the decisions in <case>/decisions.txt; the output must be valid STIX and
// the same whatever the number of workers.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/golden/*")
	if len(dirs) == 0 {
		t.Fatal("no golden cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			p, err := policy.LoadFile(filepath.Join(dir, "policy.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			in, err := os.ReadFile(filepath.Join(dir, "input.json"))
			if err != nil {
				t.Fatal(err)
			}
			var outs [][]byte
			var rep *Report
			for _, workers := range []int{1, 3} {
				rd, err := Compile(p, &Options{Key: goldenKey, Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				out, r, err := rd.RedactBytes(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				outs, rep = append(outs, out), r
				// The streaming path must agree with the byte-slice path.
				var buf bytes.Buffer
				if _, err := rd.Redact(context.Background(), &buf, bytes.NewReader(in), nil); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(buf.Bytes(), out) {
					t.Errorf("Redact and RedactBytes differ (workers %d)", workers)
				}
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Errorf("output depends on the number of workers")
			}
			out := outs[0]
			if len(out) == 0 {
				// An empty NDJSON stream: nothing to validate.
			} else if problems, err := stix.Validate(bytes.NewReader(out), nil); err != nil {
				t.Errorf("output does not read back: %v", err)
			} else if len(problems) > 0 && !strings.Contains(dir, "empty") {
				for _, pr := range problems {
					t.Errorf("output is not valid STIX: %v", pr)
				}
			}
			checkGolden(t, filepath.Join(dir, "want.json"), out)
			checkGolden(t, filepath.Join(dir, "decisions.txt"), []byte(decisionText(rep)))
			// Redacting the output again changes nothing (with ids: derive,
			// nothing is left to change once the forbidden content is gone).
			rd, _ := Compile(p, &Options{Key: goldenKey})
			again, _, err := rd.RedactBytes(context.Background(), out)
			if err == nil && len(out) > 0 && !bytes.Equal(again, out) {
				t.Errorf("redacting the output again changes it:\n%s", again)
			}
		})
	}
}

func decisionText(rep *Report) string {
	var b strings.Builder
	for _, d := range rep.Decisions {
		fmt.Fprintf(&b, "%s %s %s", d.Action, d.Object, d.Rule)
		if d.Kind != "" {
			fmt.Fprintf(&b, " kind=%s", d.Kind)
		}
		if d.Path != "" {
			fmt.Fprintf(&b, " path=%s", d.Path)
		}
		if d.NewID != "" {
			fmt.Fprintf(&b, " new=%s", d.NewID)
		}
		b.WriteByte('\n')
	}
	s, _ := json.Marshal(rep.Summary)
	b.Write(s)
	b.WriteByte('\n')
	return b.String()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}
