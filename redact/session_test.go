package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/google/go-cmp/cmp"
)

// TestSessionMatchesWholeRun feeds golden inputs whose references all
// point backwards to a session, one object at a time: each output must be
// what the whole-input run writes for that object.
func TestSessionMatchesWholeRun(t *testing.T) {
	for _, dir := range []string{"derived-ids", "tlp-mix", "statements-stamps", "granular-shifts", "pii-patterns", "iep-acs", "unknown-markings", "ids-in-text"} {
		t.Run(dir, func(t *testing.T) {
			base := "../testdata/golden/" + dir
			p, err := policy.LoadFile(base + "/policy.yaml")
			if err != nil {
				t.Fatal(err)
			}
			in, _ := os.ReadFile(base + "/input.json")
			rd, err := Compile(p, &Options{Key: goldenKey})
			if err != nil {
				t.Fatal(err)
			}
			whole, _, err := rd.RedactBytes(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			var w, b struct{ Objects []json.RawMessage }
			json.Unmarshal(whole, &w)
			json.Unmarshal(in, &b)
			var want []string
			for _, o := range w.Objects {
				var x struct{ Type, Name string }
				json.Unmarshal(o, &x)
				if x.Type != "marking-definition" && !(x.Type == "identity" && x.Name == "Golden CERT") {
					want = append(want, compact(o))
				}
			}
			s := rd.NewSession()
			added := 0
			var got []string
			for _, o := range b.Objects {
				res, err := s.Redact(context.Background(), o)
				if err != nil {
					t.Fatal(err)
				}
				added += len(res.Add)
				var x struct{ Type string }
				json.Unmarshal(o, &x)
				if x.Type != "marking-definition" && res.Output != nil {
					c := compact(res.Output)
					if slices.Contains(got, c) && !strings.Contains(c, `"created"`) {
						// An SCO that became equal to one an earlier
						// message returned is returned again (documented).
						continue
					}
					got = append(got, c)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("session outputs differ from the whole run (-whole +session):\n%s", diff)
			}
			if bytes.Contains(whole, []byte(`"identity_class"`)) && added == 0 {
				t.Error("the redacting identity was never handed out")
			}
		})
	}
}

func compact(b []byte) string {
	var buf bytes.Buffer
	json.Compact(&buf, b)
	return buf.String()
}

func TestSessionConcurrent(t *testing.T) {
	p, _ := policy.LoadFile("../testdata/golden/tlp-mix/policy.yaml")
	in, _ := os.ReadFile("../testdata/golden/tlp-mix/input.json")
	var b struct{ Objects []json.RawMessage }
	json.Unmarshal(in, &b)
	rd, _ := Compile(p, &Options{Key: goldenKey})
	s := rd.NewSession()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, o := range b.Objects {
				if _, err := s.Redact(context.Background(), o); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestSessionRejectsBadInput(t *testing.T) {
	p, _ := policy.LoadFile("../testdata/golden/tlp-mix/policy.yaml")
	rd, _ := Compile(p, &Options{Key: goldenKey})
	s := rd.NewSession()
	for _, bad := range []string{``, `{`, `[]`, `{"type":"indicator"}`, `{"type":"x","id":"x--1","a":1,"a":2}`, `{"type":"bundle","id":"bundle--1","objects":[]}`} {
		if _, err := s.Redact(context.Background(), []byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestSessionReuseIsStateless runs the same messages through a session as
// it is (its run and transformer reused from message to message) and
// through one made to start every message afresh: every result must be the
// same, so no state of one message leaks into the next through the reused
// memory.
func TestSessionReuseIsStateless(t *testing.T) {
	inputs := [][]byte{redacttest.Bundle(redacttest.Options{Seed: 3, Objects: 400, UnknownRate: 0.05, Prose: true, Victims: 0.4})}
	for _, dir := range []string{"derived-ids", "pii-patterns", "granular-shifts", "unknown-markings"} {
		in, err := os.ReadFile("../testdata/golden/" + dir + "/input.json")
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, in)
	}
	for _, file := range []string{"../examples/policies/community.yaml", "../examples/policies/tlp-green.yaml", "../testdata/golden/derived-ids/policy.yaml"} {
		rd := testRedactor(t, file)
		for k, in := range inputs {
			var b struct{ Objects []json.RawMessage }
			if err := json.Unmarshal(in, &b); err != nil {
				t.Fatal(err)
			}
			reused, fresh := rd.NewSession(), rd.NewSession()
			for n, o := range b.Objects {
				want, werr := fresh.Redact(context.Background(), o)
				fresh.ru, fresh.t = nil, nil // the next message starts afresh
				got, gerr := reused.Redact(context.Background(), o)
				if (werr != nil) != (gerr != nil) {
					t.Fatalf("%s, input %d, object %d: errors differ: %v, %v", file, k, n, werr, gerr)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("%s, input %d, object %d: reused session differs (-fresh +reused):\n%s", file, k, n, diff)
				}
			}
		}
	}
}

// TestSessionResultOwnsItsMemory checks that a result does not share the
// caller's buffer: a SIEM export reuses it for the next event.
func TestSessionResultOwnsItsMemory(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	s := rd.NewSession()
	for _, obj := range []string{typicalIndicator, `{"type":"malware","spec_version":"2.1","id":"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd30","created":"2026-03-14T09:21:07.000Z","modified":"2026-03-14T09:21:07.000Z","name":"x","is_family":true}`} {
		buf := []byte(obj)
		res, err := s.Redact(context.Background(), buf)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(res)
		for i := range buf {
			buf[i] = 'X'
		}
		if got, _ := json.Marshal(res); string(got) != string(want) {
			t.Errorf("the result changed when the input buffer was reused:\n%s\n%s", want, got)
		}
	}
}

// TestSessionAddedAreTheCallers: the objects a Session adds are the
// caller's to keep or change (a producer may encode into them): they used
// to be the Redactor's own copy, so that changing one changed what every
// session and run of that Redactor added.
func TestSessionAddedAreTheCallers(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	first, err := rd.NewSession().Redact(context.Background(), []byte(typicalIndicator))
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Add) != 1 {
		t.Fatalf("%d objects added, want the redacting identity", len(first.Add))
	}
	want := string(first.Add[0])
	for i := range first.Add[0] {
		first.Add[0][i] = 'X'
	}
	again, err := rd.NewSession().Redact(context.Background(), []byte(typicalIndicator))
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Add) != 1 || string(again.Add[0]) != want {
		t.Errorf("another session added %q, want %q", again.Add, want)
	}
	whole, _, err := rd.RedactBytes(context.Background(), []byte("["+typicalIndicator+"]"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(whole), want) {
		t.Errorf("a whole run no longer adds the identity:\n%s", whole)
	}
}

// TestSessionEscapedPattern: a pattern written with JSON escapes, among
// other escaped strings (read through the walk's unescaping buffer, which
// each writes again), comes out of a Session as out of the whole run,
// with the victim's address inside the regular expression pseudonymised.
func TestSessionEscapedPattern(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	long := strings.Repeat(`\"YYYY\" `, 40)
	in := `{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z",` +
		`"name":"` + long + `",` +
		`"pattern":"[url:value MATCHES '^https://portal\\\\.example/login\\\\?u=jane\\\\.doe@victim-bank\\\\.example$']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` +
		`"description":"` + strings.Repeat(`\"ZZZZ\" `, 30) + `"}`
	whole, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	res, err := rd.NewSession().Redact(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var w struct{ Objects []json.RawMessage }
	if err := json.Unmarshal(whole, &w); err != nil {
		t.Fatalf("%v:\n%s", err, whole)
	}
	got := compact(res.Output)
	for _, o := range w.Objects {
		if c := compact(o); strings.Contains(c, `"type":"indicator"`) && c != got {
			t.Errorf("session output differs from the whole run's:\nsession %s\nwhole   %s", got, c)
		}
	}
	if strings.Contains(got, "jane") {
		t.Errorf("the victim's address is out:\n%s", got)
	}
}

// TestSessionForgetsOldMarkings: a Session remembers a bounded number of
// marking definitions; an object marked with one it has forgotten counts
// that marking as unknown and is dropped (fail closed), while one marked
// with a definition it still holds leaves.
func TestSessionForgetsOldMarkings(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	s := rd.NewSession()
	s.mem.marks.limit, s.mem.defs.limit = 4, 4
	const mdID = "marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a%02d"
	md := func(n int) string {
		return fmt.Sprintf(`{"type":"marking-definition","spec_version":"2.1","id":"`+mdID+`","created":"2026-01-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright Example %d"}}`, n, n)
	}
	ind := func(n int) string {
		return fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd%02d","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["`+mdID+`"]}`, n, n)
	}
	redact := func(obj string) *Result {
		t.Helper()
		res, err := s.Redact(context.Background(), []byte(obj))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for n := range 8 {
		redact(md(n))
	}
	if got := s.mem.marks.len() + s.mem.defs.len(); got > 8 {
		t.Errorf("the memory holds %d marking entries, limits 4 and 4", got)
	}
	if res := redact(ind(0)); res.Output != nil {
		t.Errorf("an object marked with a forgotten definition left:\n%s", res.Output)
	}
	if res := redact(ind(7)); res.Output == nil {
		t.Error("an object marked with the latest definition was dropped")
	}
}
