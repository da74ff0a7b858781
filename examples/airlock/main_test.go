package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gen "github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/airlock-cti/airlock/stix"
)

const demoKey = "../../testdata/keys/demo.key"

// runCmd runs the command in process and returns its exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestRedactToFileWithReport(t *testing.T) {
	dir := t.TempDir()
	out, rep := filepath.Join(dir, "out.json"), filepath.Join(dir, "report.json")
	code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey,
		"-o", out, "--report", rep, "../policies/tests/mixed-markings.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := stix.Validate(bytes.NewReader(data), nil); err != nil || len(problems) > 0 {
		t.Errorf("output not valid STIX: %v %v", err, problems)
	}
	var r struct {
		ObjectsIn  int `json:"objects_in"`
		ObjectsOut int `json:"objects_out"`
		Decisions  []struct {
			Object, Path, Rule, Action string
		} `json:"decisions"`
	}
	b, _ := os.ReadFile(rep)
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	if r.ObjectsIn != 11 || r.ObjectsOut == 0 || len(r.Decisions) == 0 {
		t.Errorf("report: %+v", r)
	}
	for _, d := range r.Decisions {
		if d.Object == "" || d.Rule == "" || d.Action == "" {
			t.Errorf("incomplete decision %+v", d)
		}
	}
	if st, _ := os.Stat(rep); st.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", st.Mode().Perm())
	}
}

// TestExitCodes checks each class of failure: its code, and that nothing
// is written to the output file.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"x"`), 0o644)
	dup := filepath.Join(dir, "dup.json")
	os.WriteFile(dup, []byte(`{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","name":"a","name":"b"}`), 0o644)
	shortKey := filepath.Join(dir, "short.key")
	os.WriteFile(shortKey, []byte("too short"), 0o600)
	cases := []struct {
		name string
		code int
		args []string
	}{
		{"no command", exitUsage, nil},
		{"unknown command", exitUsage, []string{"frobnicate"}},
		{"no policy", exitUsage, []string{"redact", "--key-file", demoKey, "in.json"}},
		{"broken policy", exitUsage, []string{"redact", "-p", "../../policy/testdata/broken/misspelled-level.yaml", "--key-file", demoKey, "../policies/tests/mixed-markings.json"}},
		{"no key", exitUsage, []string{"redact", "-p", "../policies/tlp-green.yaml", "../policies/tests/mixed-markings.json"}},
		{"short key", exitUsage, []string{"redact", "-p", "../policies/tlp-green.yaml", "--key-file", shortKey, "../policies/tests/mixed-markings.json"}},
		{"truncated input", exitInput, []string{"redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, bad}},
		{"duplicate names", exitInput, []string{"redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, dup}},
		{"missing input", exitInput, []string{"redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, filepath.Join(dir, "nope.json")}},
		{"two inputs", exitUsage, []string{"redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "a", "b"}},
	}
	for _, c := range cases {
		out := filepath.Join(dir, c.name+".out")
		args := c.args
		if len(args) > 0 && args[0] == "redact" {
			args = append([]string{"redact", "-o", out}, args[1:]...)
		}
		code, stdout, stderr := runCmd(t, "", args...)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (%s)", c.name, code, c.code, stderr)
		}
		if stdout != "" {
			t.Errorf("%s: wrote to stdout: %q", c.name, stdout)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: output file written", c.name)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("%s: temporary file left: %s", c.name, e.Name())
			}
		}
		if strings.Contains(stderr, "planted") {
			t.Errorf("%s: error quotes the input", c.name)
		}
	}
}

func TestCheck(t *testing.T) {
	code, stdout, _ := runCmd(t, "", "check", "../policies/tlp-green.yaml", "../policies/tlp-amber-org.yaml", "../policies/object-rules.yaml")
	if code != exitOK || strings.Count(stdout, ": ok") != 3 {
		t.Errorf("check on the example policies: exit %d\n%s", code, stdout)
	}
	code, _, stderr := runCmd(t, "", "check", "../../policy/testdata/broken/unknown-keys.yaml")
	if code != exitUsage || !strings.Contains(stderr, "unknown-keys.yaml:5:3: markings: unknown key \"unmarkd\" (did you mean \"unmarked\"?)") {
		t.Errorf("check on a broken policy: exit %d\n%s", code, stderr)
	}
}

func TestPolicyTests(t *testing.T) {
	files, _ := filepath.Glob("../policies/*.yaml")
	code, stdout, stderr := runCmd(t, "", append([]string{"test"}, files...)...)
	if code != exitOK || strings.Contains(stdout, "FAIL") {
		t.Errorf("airlock test on the example policies: exit %d\n%s%s", code, stdout, stderr)
	}
}

func TestExplain(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "explain", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "../policies/tests/mixed-markings.json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"markings.max_tlp", "drop", "indicator--a1b2c3d4-0001-4000-8000-000000000002", "objects in"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("explain output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestGreenOnGeneratedBundles is the acceptance check: tlp-green on
// generated bundles mixing TLP 1.0/2.0 object and granular markings,
// statements and unknown markings leaves no content above GREEN, no
// dangling reference, and valid STIX.
func TestGreenOnGeneratedBundles(t *testing.T) {
	dir := t.TempDir()
	for seed := uint64(1); seed <= 5; seed++ {
		in := filepath.Join(dir, "in.json")
		os.WriteFile(in, gen.Bundle(gen.Options{Seed: seed, Objects: 200, UnknownRate: 0.05, Indent: true}), 0o644)
		out := filepath.Join(dir, "out.json")
		code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "-o", out, in)
		if code != exitOK {
			t.Fatalf("seed %d: exit %d: %s", seed, code, stderr)
		}
		data, _ := os.ReadFile(out)
		if above := gen.MarkersAbove(string(data), 2, 1); len(above) > 0 {
			t.Errorf("seed %d: content above GREEN: %v", seed, above)
		}
		problems, err := stix.Validate(bytes.NewReader(data), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("seed %d: %v", seed, p)
		}
		// No reference to an object that is not in the output, unless the
		// input did not hold it either.
		ids := map[string]bool{}
		inIDs := map[string]bool{}
		var ob, ib struct{ Objects []map[string]any }
		json.Unmarshal(data, &ob)
		raw, _ := os.ReadFile(in)
		json.Unmarshal(raw, &ib)
		for _, o := range ob.Objects {
			ids[o["id"].(string)] = true
		}
		for _, o := range ib.Objects {
			inIDs[o["id"].(string)] = true
		}
		for _, o := range ob.Objects {
			for _, k := range []string{"source_ref", "target_ref", "sighting_of_ref", "created_by_ref"} {
				if r, ok := o[k].(string); ok && !ids[r] && inIDs[r] {
					t.Errorf("seed %d: %s %s refers to dropped %s", seed, o["id"], k, r)
				}
			}
			refs, _ := o["object_refs"].([]any)
			for _, r := range refs {
				if !ids[r.(string)] && inIDs[r.(string)] {
					t.Errorf("seed %d: %s object_refs has dropped %s", seed, o["id"], r)
				}
			}
		}
	}
}

// TestCorpusGreen runs tlp-green on every corpus file: the output is valid
// STIX, and the ATT&CK bundles (no TLP markings) come out unchanged.
func TestCorpusGreen(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/*/*.json")
	if len(files) == 0 {
		t.Skip("no STIX corpus at ../shared/corpus beside the repository; skipping")
	}
	dir := t.TempDir()
	for _, f := range files {
		out := filepath.Join(dir, "out.json")
		code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "-o", out, f)
		if code != exitOK {
			t.Errorf("%s: exit %d: %s", f, code, stderr)
			continue
		}
		data, _ := os.ReadFile(out)
		in, _ := os.ReadFile(f)
		if strings.Contains(f, "attack") && !bytes.Equal(data, in) {
			t.Errorf("%s: ATT&CK carries no TLP, so it must pass through unchanged", f)
		}
		if len(data) == 0 {
			continue // a single object marked above GREEN
		}
		problems, err := stix.Validate(bytes.NewReader(data), nil)
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %v", f, p)
		}
	}
}

// TestStdoutAndDevices writes to stdout, and to /dev/stderr through -o,
// which must be written directly, never renamed over.
func TestStdoutAndDevices(t *testing.T) {
	code, stdout, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "../policies/tests/unknown-marking.json")
	if code != exitOK || !strings.Contains(stdout, `"type": "bundle"`) {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	if _, err := os.Stat("/dev/null"); err == nil {
		code, _, stderr = runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "-o", "/dev/null", "../policies/tests/unknown-marking.json")
		if code != exitOK {
			t.Fatalf("-o /dev/null: exit %d: %s", code, stderr)
		}
		if st, err := os.Lstat("/dev/null"); err != nil || st.Mode().IsRegular() {
			t.Fatalf("/dev/null was replaced by a regular file")
		}
	}
}

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	args := []string{"-p", "../policies/community.yaml", "--key-file", demoKey}
	code, stdout, stderr := runCmd(t, "", append(append([]string{"verify"}, args...), "../../testdata/reports/incident.json")...)
	if code != exitViolations || !strings.Contains(stdout, "person-name") {
		t.Fatalf("verify on the raw report: exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout, "Jane Doe") || strings.Contains(stdout, "jane.doe@") {
		t.Errorf("verify printed a value:\n%s", stdout)
	}
	if code, _, stderr := runCmd(t, "", append(append([]string{"redact", "-o", out}, args...), "../../testdata/reports/incident.json")...); code != exitOK {
		t.Fatalf("redact: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := runCmd(t, "", append(append([]string{"verify"}, args...), out)...); code != exitOK {
		t.Errorf("verify on the redacted report: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestVerifyEverythingDropped: an input whose every object is dropped
// redacts to nothing (a single object's shape has no empty form), and
// that verifies clean, so `redact | verify` holds whatever the input.
func TestVerifyEverythingDropped(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	red := `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]}`
	args := []string{"-p", "../policies/tlp-green.yaml", "--key-file", demoKey}
	if code, _, stderr := runCmd(t, red, append([]string{"redact", "-o", out}, args...)...); code != exitOK {
		t.Fatalf("redact: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); len(b) != 0 {
		t.Fatalf("output %q, want nothing", b)
	}
	if code, stdout, stderr := runCmd(t, "", append(append([]string{"verify"}, args...), out)...); code != exitOK {
		t.Errorf("verify on the empty output: exit %d\n%s%s", code, stdout, stderr)
	}
	// The empty output reads back as a stream of no objects, and
	// redacting it again gives it again.
	code, stdout, stderr := runCmd(t, "", append(append([]string{"redact"}, args...), out)...)
	if code != exitOK || stdout != "" || !strings.Contains(stderr, "0 objects in, 0 out") {
		t.Errorf("redact on the empty output: exit %d, output %q\n%s", code, stdout, stderr)
	}
}

// TestOutputsDistinct: an output named like the input, or like another
// output, is refused (exit 2) before anything is written: renamed into
// place, it would have replaced the input, or the report the output.
func TestOutputsDistinct(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../policies/tests/mixed-markings.json")
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.json")
	link := filepath.Join(dir, "link.json")
	os.Symlink(in, link)
	out := filepath.Join(dir, "out.json")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"output is input", []string{"redact", "-o", in, in}},
		{"output links to input", []string{"redact", "-o", link, in}},
		{"output is input, spelled otherwise", []string{"redact", "-o", filepath.Join(dir, ".", "in.json"), in}},
		{"report is input", []string{"redact", "-o", out, "--report", in, in}},
		{"report is output", []string{"redact", "-o", out, "--report", out, in}},
		{"review page is input", []string{"explain", "--html", in, in}},
	} {
		if err := os.WriteFile(in, src, 0o644); err != nil {
			t.Fatal(err)
		}
		args := append(c.args[:1:1], append([]string{"-p", "../policies/tlp-green.yaml", "--key-file", demoKey}, c.args[1:]...)...)
		code, stdout, stderr := runCmd(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "name the same file") {
			t.Errorf("%s: exit %d, want %d (%s)", c.name, code, exitUsage, stderr)
		}
		if stdout != "" {
			t.Errorf("%s: wrote to stdout", c.name)
		}
		if got, _ := os.ReadFile(in); !bytes.Equal(got, src) {
			t.Errorf("%s: the input was overwritten", c.name)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: output written", c.name)
		}
	}
	// Devices are not files one overwrites.
	code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "-o", os.DevNull, "--report", os.DevNull, in)
	if code != exitOK {
		t.Errorf("-o and --report %s: exit %d (%s)", os.DevNull, code, stderr)
	}
}

// TestOutputFlagsOnce: -o, --report and explain's --html given twice stop
// the command before it writes anything, where the last one silently won.
func TestOutputFlagsOnce(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, args := range [][]string{
		{"redact", "-o", a, "-o", b},
		{"redact", "--report", a, "--report", b},
		{"explain", "--html", a, "--html", b},
	} {
		args = append(args, "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "../policies/tests/mixed-markings.json")
		code, _, stderr := runCmd(t, "", args...)
		if code != exitUsage || !strings.Contains(stderr, "given twice") {
			t.Errorf("%v: exit %d, %s", args[:5], code, stderr)
		}
		for _, f := range []string{a, b} {
			if _, err := os.Stat(f); err == nil {
				t.Errorf("%v: %s written", args[:5], f)
			}
		}
	}
}

// TestUnwritableOutputNamed: an output or report that cannot be created
// exits 3 with an error naming the file asked for, not the temporary file
// airlock writes first.
func TestUnwritableOutputNamed(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no-such-dir", "out.json")
	for _, flag := range []string{"-o", "--report"} {
		code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, flag, missing, "../policies/tests/mixed-markings.json")
		if code != exitInput || !strings.Contains(stderr, "cannot write "+missing+":") || strings.Contains(stderr, ".tmp-") {
			t.Errorf("%s in a missing directory: exit %d, %q", flag, code, stderr)
		}
	}
}

// TestEmptyInput: no JSON value at all (nothing, or white space) is an
// NDJSON stream of no objects, as airlock writes it when every object is
// dropped: nothing out, exit 0, and the summary says no object came in.
func TestEmptyInput(t *testing.T) {
	for _, in := range []string{"", " \n\t\r\n"} {
		for _, cmd := range []string{"redact", "verify"} {
			code, stdout, stderr := runCmd(t, in, cmd, "-p", "../policies/community.yaml", "--key-file", demoKey)
			if code != exitOK || stdout != "" {
				t.Errorf("%s on %q: exit %d, output %q\n%s", cmd, in, code, stdout, stderr)
			}
			if cmd == "redact" && !strings.Contains(stderr, "airlock: 0 objects in, 0 out") {
				t.Errorf("redact on %q: stderr %q, want the summary", in, stderr)
			}
		}
	}
}
