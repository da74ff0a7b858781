package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/redact"
)

// TestWindowedStream redacts NDJSON from stdin in windows: the output is
// NDJSON, one object a line, and a relationship to an indicator dropped
// in an earlier window goes too.
func TestWindowedStream(t *testing.T) {
	in, err := os.ReadFile("../../redact/testdata/window/input.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, string(in), "redact", "-p", "../../redact/testdata/window/policy.yaml",
		"--key-file", demoKey, "--window", "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 4 {
		t.Fatalf("%d lines out:\n%s", len(lines), out)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "{") || !strings.HasSuffix(l, "}") {
			t.Errorf("not one object a line: %q", l)
		}
	}
	for _, gone := range []string{"jane.doe", "relationship--"} {
		if strings.Contains(out, gone) {
			t.Errorf("output holds %q", gone)
		}
	}
	if code, _, _ := runCmd(t, "", "redact", "-p", "../../redact/testdata/window/policy.yaml", "--key-file", demoKey, "--window", "-1"); code != exitUsage {
		t.Errorf("--window -1: exit %d, want %d", code, exitUsage)
	}
}

// TestWindowedErrorKeepsReport: when a window fails after others were
// written to stdout, those have left: the command says what they did and
// keeps their report (exit 3 all the same). Written to a file, nothing
// leaves, and neither output nor report is kept.
func TestWindowedErrorKeepsReport(t *testing.T) {
	in, err := os.ReadFile("../../redact/testdata/window/input.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	in = append(in, `{"type":"identity","id":"x","id":"y"}`+"\n"...)
	dir := t.TempDir()
	rep := filepath.Join(dir, "report.json")
	code, out, stderr := runCmd(t, string(in), "redact", "-p", "../../redact/testdata/window/policy.yaml",
		"--key-file", demoKey, "--window", "2", "--report", rep)
	if code != exitInput || !strings.Contains(stderr, "duplicate") {
		t.Fatalf("exit %d, want %d: %s", code, exitInput, stderr)
	}
	data, err := os.ReadFile(rep)
	if err != nil {
		t.Fatalf("no report of the windows written: %v", err)
	}
	var report redact.Report
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(out, "\n"); lines == 0 || report.ObjectsOut != lines || len(report.Decisions) == 0 {
		t.Errorf("report says %d out (%d decisions); %d lines written", report.ObjectsOut, len(report.Decisions), lines)
	}
	if !strings.Contains(stderr, fmt.Sprintf("windows written: %d objects in, %d out", report.ObjectsIn, report.ObjectsOut)) {
		t.Errorf("stderr does not say what was written:\n%s", stderr)
	}

	outFile, rep2 := filepath.Join(dir, "out.ndjson"), filepath.Join(dir, "report2.json")
	if code, _, stderr := runCmd(t, string(in), "redact", "-p", "../../redact/testdata/window/policy.yaml",
		"--key-file", demoKey, "--window", "2", "--report", rep2, "-o", outFile); code != exitInput {
		t.Fatalf("-o: exit %d, want %d: %s", code, exitInput, stderr)
	}
	for _, f := range []string{outFile, rep2} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s written though nothing left", f)
		}
	}
}

// TestWindowedLateMarking: the command warns when a marking definition
// comes after a window that used it, and not otherwise.
func TestWindowedLateMarking(t *testing.T) {
	const md = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11","created":"2026-01-01T00:00:00.000Z","name":"Example statement","definition_type":"statement","definition":{"statement":"Copyright Example"}}`
	const ind = `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11"]}`
	for _, c := range []struct {
		in   string
		warn bool
	}{{ind + "\n" + md + "\n", true}, {md + "\n" + ind + "\n", false}} {
		code, _, stderr := runCmd(t, c.in, "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "--window", "1")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if got := strings.Contains(stderr, "1 marking definition came after objects that use it"); got != c.warn {
			t.Errorf("warning %v, want %v:\n%s", got, c.warn, stderr)
		}
	}
}

// TestWindowedLateReferenced: the command warns, and the report counts,
// when a later window drops or renames objects that an earlier window
// referred to (it wrote their original ids), and not otherwise.
func TestWindowedLateReferenced(t *testing.T) {
	in, err := os.ReadFile("../../redact/testdata/window/input.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(in), "\n"), "\n")
	reversed := make([]string, len(lines))
	for k, l := range lines {
		reversed[len(lines)-1-k] = l
	}
	for _, c := range []struct {
		in   []string
		late int
	}{{reversed, 3}, {lines, 0}} {
		rep := filepath.Join(t.TempDir(), "report.json")
		code, _, stderr := runCmd(t, strings.Join(c.in, "\n")+"\n", "redact", "-p", "../../redact/testdata/window/policy.yaml",
			"--key-file", demoKey, "--window", "1", "--report", rep)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		warned := strings.Contains(stderr, fmt.Sprintf("%d objects were dropped or renamed after earlier windows had written references to them", c.late))
		if warned != (c.late > 0) || (c.late == 0 && strings.Contains(stderr, "references to")) {
			t.Errorf("late %d: warning %v:\n%s", c.late, warned, stderr)
		}
		data, err := os.ReadFile(rep)
		if err != nil {
			t.Fatal(err)
		}
		var report redact.Report
		if err := json.Unmarshal(data, &report); err != nil {
			t.Fatal(err)
		}
		if report.LateReferenced != c.late {
			t.Errorf("report: %d late referenced, want %d", report.LateReferenced, c.late)
		}
	}
}

// TestLimitFlags: the reader's limits are the command's to set, and input
// beyond them is an input error.
func TestLimitFlags(t *testing.T) {
	const in = "../../testdata/reports/incident.json"
	for _, c := range []struct {
		flag, value, want string
		code              int
	}{
		{"--max-depth", "2", "nest", exitInput},
		{"--max-object-size", "64", "bytes", exitInput},
		{"--max-objects", "3", "objects", exitInput},
		{"--max-depth", "0", "must be positive", exitUsage},
		{"--max-objects", "-1", "must be positive", exitUsage},
	} {
		code, out, stderr := runCmd(t, "", "redact", "-p", "../policies/community.yaml", "--key-file", demoKey, c.flag, c.value, in)
		if code != c.code || !strings.Contains(stderr, c.want) || out != "" {
			t.Errorf("%s %s: exit %d, stderr %q, %d bytes out; want exit %d and %q", c.flag, c.value, code, stderr, len(out), c.code, c.want)
		}
	}
}
