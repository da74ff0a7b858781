package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInput is one case of the command's bad-input catalogue: the input,
// extra flags, and what the error must say (the stix reader's message,
// which names object index, byte offset and JSON path).
type badInput struct {
	name  string
	input []byte
	flags []string
	want  string
}

// badInputs are the reader's catalogue (stix/testdata/bad, each file with
// its expected error) and the cases too large to keep as files.
func badInputs(t *testing.T) []badInput {
	var cases []badInput
	files, _ := filepath.Glob("../../stix/testdata/bad/*")
	for _, f := range files {
		if strings.HasSuffix(f, ".err") {
			continue
		}
		in, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(f + ".err")
		if err != nil {
			t.Fatalf("%s has no .err file", f)
		}
		c := badInput{name: filepath.Base(f), input: in, want: strings.TrimSpace(string(want))}
		if c.name == "empty.json" || c.name == "whitespace-only.json" {
			// No JSON value is an error to the stix reader, but redact
			// reads it as a stream of no objects (TestEmptyInput).
			continue
		}
		if c.name == "deep-nesting.json" {
			c.flags = []string{"--max-depth", "32"} // as the reader's test reads it
		}
		cases = append(cases, c)
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases in the reader's catalogue", len(cases))
	}
	obj := func(extra string) []byte {
		return []byte(`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"` + extra + "}\n")
	}
	cases = append(cases,
		// The first value's kind (bundle or object) is not known yet when
		// it proves too large: the error names the byte only.
		badInput{"huge string", obj(`,"description":"` + strings.Repeat("a", 70000) + `"`), []string{"--max-object-size", "65536"},
			"input: byte 0: object larger than 65536 bytes (ReaderOptions.MaxObjectSize)"},
		badInput{"huge string, second line", append(obj(""), obj(`,"description":"`+strings.Repeat("a", 70000)+`"`)...), []string{"--max-object-size", "65536"},
			"input: object 1, byte 268: object larger than 65536 bytes (ReaderOptions.MaxObjectSize)"},
		badInput{"huge array", obj(`,"labels":[` + strings.Repeat(`"x",`, 20000) + `"x"]`), []string{"--max-object-size", "65536"},
			"input: byte 0: object larger than 65536 bytes (ReaderOptions.MaxObjectSize)"},
		badInput{"huge array in a bundle", []byte(`{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3e","objects":[` + strings.TrimSpace(string(obj(`,"labels":[`+strings.Repeat(`"x",`, 20000)+`"x"]`))) + `]}`), []string{"--max-object-size", "65536"},
			"input: object 0, byte 80, at /objects/0: object larger than 65536 bytes (ReaderOptions.MaxObjectSize)"},
		badInput{"deep nesting past the flag", obj(`,"x_deep":` + strings.Repeat("[", 10) + strings.Repeat("]", 10)), []string{"--max-depth", "8"},
			"nesting deeper than 8"},
		badInput{"too many objects", bytes.Repeat(obj(""), 3), []string{"--max-objects", "2"},
			"more than 2 objects"},
		badInput{"type not a string", []byte(`{"type":7,"id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}`), nil, "at /type"},
		// Not judged by one type and read as another, nor dropped with an
		// id no one finds in text (redact.TestIdentifiersRefused).
		badInput{"id of another type", bytes.Replace(obj(""), []byte(`"indicator--`), []byte(`"note--`), 1), nil,
			"input: object 0, byte 46, at /id: id is not an identifier of the object's own type"},
		badInput{"id without a UUID", bytes.Replace(obj(""), []byte(`8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f`), []byte(`acme-bank`), 1), nil,
			"input: object 0, byte 46, at /id: id is not an identifier of the object's own type"},
		badInput{"type not a type name", bytes.Replace(obj(""), []byte(`"indicator"`), []byte(`"Indicator"`), 1), nil,
			"input: object 0, byte 8, at /type: type is not a STIX type name"},
	)
	return cases
}

// TestBadInputCatalogue runs every bad input through the command, from a
// file and from stdin: exit code 3, the reader's error naming where, no
// output file (nor a temporary one), nothing on stdout, and no input
// content in the message.
func TestBadInputCatalogue(t *testing.T) {
	dir := t.TempDir()
	for _, c := range badInputs(t) {
		in := filepath.Join(dir, "input")
		if err := os.WriteFile(in, c.input, 0o600); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out.json")
		args := append([]string{"redact", "-p", "../policies/community.yaml", "--key-file", demoKey, "-o", out}, c.flags...)
		for _, from := range []string{"file", "stdin"} {
			var stdin string
			a := args
			if from == "file" {
				a = append(a, in)
			} else {
				stdin = string(c.input)
				a = append(a[:len(a)-2:len(a)-2], c.flags...) // no -o: stdout must stay empty
			}
			code, stdout, stderr := runCmd(t, stdin, a...)
			if code != exitInput {
				t.Errorf("%s (%s): exit %d, want %d; stderr %q", c.name, from, code, exitInput, stderr)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("%s (%s): stderr %q, want it to hold %q", c.name, from, stderr, c.want)
			}
			if stdout != "" {
				t.Errorf("%s (%s): %d bytes on stdout", c.name, from, len(stdout))
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s (%s): output file written", c.name, from)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("%s (%s): files left: %v", c.name, from, entries)
			}
			if len(stderr) > 600 {
				t.Errorf("%s (%s): a %d-byte error message (does it quote the input?)", c.name, from, len(stderr))
			}
		}
	}
}

// TestNotBadInput: STIX 2.0, and numbers beyond what a float64 holds, are
// not errors, and an untouched object's numbers come out as written.
func TestNotBadInput(t *testing.T) {
	code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey, "../../testdata/golden/stix20/input.json")
	if code != exitOK {
		t.Errorf("STIX 2.0: exit %d: %s", code, stderr)
	}
	big := `{"type":"x-metrics","spec_version":"2.1","id":"x-metrics--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","x_count":123456789012345678901234567890,"x_id":9007199254740993,"x_tiny":1e-400,"x_huge":1.5e308,"x_neg_zero":-0.0,"x_exp":6.02214076E+23}`
	for _, in := range []string{big + "\n", `{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3e","objects":[` + big + `]}`} {
		code, stdout, stderr := runCmd(t, in, "redact", "-p", "../policies/tlp-green.yaml", "--key-file", demoKey)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, n := range []string{"123456789012345678901234567890", "9007199254740993", "1e-400", "1.5e308", "-0.0", "6.02214076E+23"} {
			if !strings.Contains(stdout, ":"+n) {
				t.Errorf("%s did not come out as written:\n%s", n, stdout)
			}
		}
	}
}
