package redact

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// TestKey returns the key policy test cases run with: fixed and public
// (SHA-256 of "airlock policy tests"), so that expected outputs in a
// policy's tests are reproducible. Never use it for real data.
func TestKey() []byte {
	k := sha256.Sum256([]byte("airlock policy tests"))
	return k[:]
}

// A TestResult is the outcome of one of a policy's test cases.
type TestResult struct {
	Name     string
	Pos      policy.Pos
	Failures []string // empty when the case passes
}

// Passed reports whether the case passed.
func (r TestResult) Passed() bool { return len(r.Failures) == 0 }

// TestPolicy runs the test cases a policy carries. Inputs and expected
// outputs are files relative to the policy file's directory. opts may be
// nil; its Key defaults to TestKey, and Destination is set per case.
func TestPolicy(p *policy.Policy, opts *Options) []TestResult {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Key == nil {
		o.Key = TestKey()
	}
	dir := filepath.Dir(p.File)
	var results []TestResult
	for _, tc := range p.Tests {
		res := TestResult{Name: tc.Name, Pos: tc.Pos}
		failf := func(format string, args ...any) { res.Failures = append(res.Failures, fmt.Sprintf(format, args...)) }
		co := o
		if tc.To != "" {
			co.Destination = tc.To
		}
		rd, err := Compile(p, &co)
		if err != nil {
			// A refused or uncovered destination fails at compile time.
			if tc.Expect.Error == "" || !strings.Contains(err.Error(), tc.Expect.Error) {
				failf("%v", err)
			}
			results = append(results, res)
			continue
		}
		in, err := os.ReadFile(filepath.Join(dir, tc.Input))
		if err != nil {
			failf("input: %v", err)
			results = append(results, res)
			continue
		}
		out, rep, err := rd.RedactBytes(context.Background(), in)
		if tc.Expect.Error != "" {
			if err == nil || !strings.Contains(err.Error(), tc.Expect.Error) {
				failf("expected an error containing %q, got %v", tc.Expect.Error, err)
			}
			results = append(results, res)
			continue
		}
		if err != nil {
			failf("%v", err)
			results = append(results, res)
			continue
		}
		rd.checkExpect(tc.Expect, dir, out, rep, failf)
		results = append(results, res)
	}
	return results
}

func (rd *Redactor) checkExpect(ex policy.Expect, dir string, out []byte, rep *Report, failf func(string, ...any)) {
	if ex.ObjectsOut != nil && rep.ObjectsOut != *ex.ObjectsOut {
		failf("objects_out: got %d, want %d", rep.ObjectsOut, *ex.ObjectsOut)
	}
	dropped := map[string]bool{}
	renamed := map[string]string{}
	for _, d := range rep.Decisions {
		switch d.Action {
		case ActionDrop:
			dropped[d.Object] = true
		case ActionRename:
			renamed[d.Object] = d.NewID
		}
	}
	// name is how the report names id's object: an SCO by a fingerprint
	// of its id. Whether an object of a custom type is one, its content
	// tells (stix.IsObservable): the report's use of the fingerprint does.
	name := func(id string) string {
		fp := "sco:" + rd.keys.fingerprintOf([]byte(id))
		if isSCO(strings.SplitN(id, "--", 2)[0]) || dropped[fp] || renamed[fp] != "" {
			return fp
		}
		return id
	}
	var ids map[string]bool // of the output's objects, read on first use
	for _, id := range ex.Kept {
		n := name(id)
		if dropped[n] {
			failf("kept: %s was dropped", id)
			continue
		}
		want := id
		if nid, ok := renamed[n]; ok {
			want = nid
		}
		if ids == nil {
			ids = objectIDs(out)
		}
		// An object must have the id: a reference to it, or a mention,
		// does not keep it.
		if !ids[want] {
			failf("kept: %s is not in the output", id)
		}
	}
	for _, id := range ex.Dropped {
		if !dropped[name(id)] {
			failf("dropped: %s was not dropped", id)
		}
		if bytes.Contains(out, []byte(id)) {
			failf("dropped: %s still appears in the output", id)
		}
	}
	// A string the output writes with JSON escapes ("Jane\u0020Doe") is
	// still there for whoever reads it: strings are looked for in the
	// output as written and as read.
	text := decodedStrings(out)
	for _, s := range ex.Absent {
		if bytes.Contains(out, []byte(s)) || bytes.Contains(text, []byte(s)) {
			failf("absent: %q appears in the output", s)
		}
	}
	for _, s := range ex.Present {
		if !bytes.Contains(out, []byte(s)) && !bytes.Contains(text, []byte(s)) {
			failf("present: %q does not appear in the output", s)
		}
	}
	if ex.Output != "" {
		want, err := os.ReadFile(filepath.Join(dir, ex.Output))
		if err != nil {
			failf("output: %v", err)
		} else if !bytes.Equal(out, want) {
			failf("output differs from %s", ex.Output)
		}
	}
}

// decodedStrings returns the JSON text b with the escapes of its strings
// decoded: the text a reader of the output sees. b is valid JSON (the
// redactor wrote it); without an escape it is returned as it is.
func decodedStrings(b []byte) []byte {
	if bytes.IndexByte(b, '\\') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] != '"' {
			out = append(out, b[i])
			i++
			continue
		}
		j, escaped := i+1, false
		for j < len(b) && b[j] != '"' {
			if b[j] == '\\' {
				escaped = true
				j++
			}
			j++
		}
		end := min(j+1, len(b))
		if escaped {
			out = append(append(append(out, '"'), jsonString(b[i:end])...), '"')
		} else {
			out = append(out, b[i:end]...)
		}
		i = end
	}
	return out
}

// objectIDs returns the ids of the objects of out, a redactor's output.
func objectIDs(out []byte) map[string]bool {
	ids := map[string]bool{}
	r := stix.NewBytesReader(out, nil)
	for {
		o, err := r.Next()
		if err != nil {
			return ids // io.EOF, or output that does not read: no ids from it
		}
		ids[o.ID()] = true
	}
}
