package redact

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/google/go-cmp/cmp"
)

// TestRedactStreamMatchesWholeRun redacts inputs whose references all
// point backwards in windows of every size: the objects written must be
// the whole run's, the marking definitions and added objects aside (a
// window keeps definitions within the ceiling, and adds once).
func TestRedactStreamMatchesWholeRun(t *testing.T) {
	cases := []struct{ policy, input string }{
		{"testdata/window/policy.yaml", "testdata/window/input.ndjson"},
		{"../testdata/golden/derived-ids/policy.yaml", "../testdata/golden/derived-ids/input.json"},
		{"../testdata/golden/tlp-mix/policy.yaml", "../testdata/golden/tlp-mix/input.json"},
		{"../testdata/golden/statements-stamps/policy.yaml", "../testdata/golden/statements-stamps/input.json"},
		{"../testdata/golden/ids-in-text/policy.yaml", "../testdata/golden/ids-in-text/input.json"},
	}
	for _, c := range cases {
		p, err := policy.LoadFile(c.policy)
		if err != nil {
			t.Fatal(err)
		}
		in, err := os.ReadFile(c.input)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := Compile(p, &Options{Key: goldenKey})
		if err != nil {
			t.Fatal(err)
		}
		whole, _, err := rd.RedactBytes(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		want := contentObjects(t, whole)
		if len(want) == 0 {
			t.Fatalf("%s: the whole run wrote no content objects", c.input)
		}
		for size := 1; size <= 8; size++ {
			t.Run(fmt.Sprintf("%s/window-%d", strings.TrimPrefix(c.input, "../"), size), func(t *testing.T) {
				var out bytes.Buffer
				sum, err := rd.RedactStream(context.Background(), &out, bytes.NewReader(in), &WindowOptions{Objects: size}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, contentObjects(t, out.Bytes())); diff != "" {
					t.Errorf("windowed output differs from the whole run (-whole +windows):\n%s", diff)
				}
				if got := bytes.Count(out.Bytes(), []byte("\n")); got != sum.ObjectsOut {
					t.Errorf("wrote %d lines, summary says %d objects out", got, sum.ObjectsOut)
				}
				if ids := addedIDs(t, out.Bytes()); len(ids) > 0 {
					for id, n := range ids {
						if n > 1 {
							t.Errorf("added object %s written %d times", id, n)
						}
					}
				}
				ds, err := rd.Verify(context.Background(), bytes.NewReader(out.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range ds {
					// A window cannot know that no later window uses a
					// definition: it keeps those within the ceiling.
					if d.Kind != "unused-marking-definition" {
						t.Errorf("windowed output fails verification: %+v", d)
					}
				}
			})
		}
	}
}

// contentObjects lists the objects of a redacted output, in any shape,
// without marking definitions and the redacting identity, compacted.
func contentObjects(t *testing.T, data []byte) []string {
	t.Helper()
	var raws []json.RawMessage
	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("{\"type\":\"bundle\"")) || bytes.Contains(data[:min(len(data), 64)], []byte(`"bundle"`)) {
		var b struct{ Objects []json.RawMessage }
		if err := json.Unmarshal(data, &b); err != nil {
			t.Fatal(err)
		}
		raws = b.Objects
	} else {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) > 0 {
				raws = append(raws, append(json.RawMessage(nil), sc.Bytes()...))
			}
		}
	}
	var out []string
	for _, o := range raws {
		var x struct{ Type, Identity_class string }
		if err := json.Unmarshal(o, &x); err != nil {
			t.Fatal(err)
		}
		if x.Type == "marking-definition" || (x.Type == "identity" && x.Identity_class == "organization" && bytes.Contains(o, []byte("CERT"))) {
			continue
		}
		out = append(out, compact(o))
	}
	return out
}

// addedIDs counts, by id, the identities and definitions in NDJSON output.
func addedIDs(t *testing.T, data []byte) map[string]int {
	n := map[string]int{}
	for _, line := range bytes.Split(data, []byte("\n")) {
		var x struct{ Type, ID string }
		if json.Unmarshal(line, &x) == nil && (x.Type == "identity" || x.Type == "marking-definition") {
			n[x.ID]++
		}
	}
	return n
}

// TestRedactStreamCrossWindow checks what one window teaches the next:
// a relationship to an object dropped earlier goes, a reference to an SCO
// renamed earlier follows it.
func TestRedactStreamCrossWindow(t *testing.T) {
	p, err := policy.LoadFile("testdata/window/policy.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in, _ := os.ReadFile("testdata/window/input.ndjson")
	rd, err := Compile(p, &Options{Key: goldenKey})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := rd.RedactStream(context.Background(), &out, bytes.NewReader(in), &WindowOptions{Objects: 1}, nil); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, gone := range []string{"jane.doe", "relationship--", "indicator--0f1d6a1e", "email-addr--6ed4c9f9"} {
		if strings.Contains(s, gone) {
			t.Errorf("output holds %q:\n%s", gone, s)
		}
	}
	var email, observed string
	for _, line := range strings.Split(s, "\n") {
		var x struct {
			Type, ID string
			Refs     []string `json:"object_refs"`
		}
		json.Unmarshal([]byte(line), &x)
		switch x.Type {
		case "email-addr":
			email = x.ID
		case "observed-data":
			if len(x.Refs) == 1 {
				observed = x.Refs[0]
			}
		}
	}
	if email == "" || observed != email {
		t.Errorf("observed-data refers to %q, the renamed email-addr is %q", observed, email)
	}
}

// TestRedactStreamLateMarkings: a marking definition that comes after a
// window that used it is counted, once, and the object that window judged
// stays dropped (fail closed); with the definition first, nothing is late.
func TestRedactStreamLateMarkings(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const md = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11","created":"2026-01-01T00:00:00.000Z","name":"Example statement","definition_type":"statement","definition":{"statement":"Copyright Example"}}`
	ind := func(n int) string {
		return fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd%02d","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.%d']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11"]}`, n, n)
	}
	for _, c := range []struct {
		name          string
		lines         []string
		late, dropped int
	}{
		{"definition last", []string{ind(1), ind(2), md, ind(3), md}, 1, 2},
		{"definition first", []string{md, ind(1), ind(2), ind(3)}, 0, 0},
		{"never defined", []string{ind(1), ind(2)}, 0, 2},
	} {
		var out bytes.Buffer
		sum, err := rd.RedactStream(context.Background(), &out, strings.NewReader(strings.Join(c.lines, "\n")+"\n"), &WindowOptions{Objects: 1}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.LateMarkings != c.late || sum.Dropped != c.dropped {
			t.Errorf("%s: %d late, %d dropped; want %d late, %d dropped", c.name, sum.LateMarkings, sum.Dropped, c.late, c.dropped)
		}
	}
}

// TestJSONReporterLateMarkings: the summary a JSONReporter writes is the
// run's, late marking definitions included, so that a stream's report
// says what its summary says.
func TestJSONReporterLateMarkings(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const md = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11","created":"2026-01-01T00:00:00.000Z","name":"Example statement","definition_type":"statement","definition":{"statement":"Copyright Example"}}`
	const ind = `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd01","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11"]}`
	for _, late := range []bool{true, false} {
		lines := []string{md, ind}
		if late {
			lines = []string{ind, md}
		}
		var out, report bytes.Buffer
		jr := NewJSONReporter(&report)
		sum, err := rd.RedactStream(context.Background(), &out, strings.NewReader(strings.Join(lines, "\n")+"\n"), &WindowOptions{Objects: 1}, jr)
		if err != nil {
			t.Fatal(err)
		}
		if err := jr.Finish(sum); err != nil {
			t.Fatal(err)
		}
		var got Report
		if err := json.Unmarshal(report.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(*sum, got.Summary); diff != "" {
			t.Errorf("late %v: the report's summary differs from the run's (-run +report):\n%s", late, diff)
		}
		if has := strings.Contains(report.String(), "late_marking_definitions"); has != late {
			t.Errorf("late %v: report names late_marking_definitions: %v", late, has)
		}
	}
}

// TestSessionLateMarking: a Session says so when a marking definition
// comes after a message that used it, once.
func TestSessionLateMarking(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	s := rd.NewSession()
	const md = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11","created":"2026-01-01T00:00:00.000Z","name":"Example statement","definition_type":"statement","definition":{"statement":"Copyright Example"}}`
	const ind = `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11"]}`
	for k, c := range []struct {
		obj          string
		late, output bool
	}{{ind, false, false}, {md, true, true}, {md, false, true}, {ind, false, true}} {
		res, err := s.Redact(context.Background(), []byte(c.obj))
		if err != nil {
			t.Fatal(err)
		}
		if res.LateMarking != c.late || (res.Output != nil) != c.output {
			t.Errorf("message %d: late %v, output %v; want %v, %v", k, res.LateMarking, res.Output != nil, c.late, c.output)
		}
	}
}

func TestRedactStreamRejectsBadInput(t *testing.T) {
	p, _ := policy.LoadFile("testdata/window/policy.yaml")
	rd, _ := Compile(p, &Options{Key: goldenKey})
	var out bytes.Buffer
	in := `{"type":"identity","id":"identity--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","name":"a"}` + "\n" + `{"type":"identity","id":"x","id":"y"}` + "\n"
	_, err := rd.RedactStream(context.Background(), &out, strings.NewReader(in), &WindowOptions{Objects: 10}, nil)
	if err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Fatalf("err = %v, want a duplicate-key error", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q before failing in the same window", out.String())
	}
}

// TestRedactStreamErrorAfterWindows: bad input after some windows were
// written is an error that comes with the summary of those windows (what
// has left: as many objects out as lines written), and with none when
// nothing was written.
func TestRedactStreamErrorAfterWindows(t *testing.T) {
	p, _ := policy.LoadFile("testdata/window/policy.yaml")
	rd, _ := Compile(p, &Options{Key: goldenKey})
	good := `{"type":"identity","id":"identity--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","name":"a"}` + "\n"
	bad := `{"type":"identity","id":"x","id":"y"}` + "\n"
	for _, c := range []struct {
		in      string
		written int // objects in the windows written
	}{
		{good + good + good + bad, 2},
		{good + bad, 0},
	} {
		var out bytes.Buffer
		sum, err := rd.RedactStream(context.Background(), &out, strings.NewReader(c.in), &WindowOptions{Objects: 2}, nil)
		if err == nil || !strings.Contains(err.Error(), "duplicate") {
			t.Fatalf("err = %v, want a duplicate-key error", err)
		}
		lines := bytes.Count(out.Bytes(), []byte("\n"))
		switch {
		case c.written == 0 && sum != nil:
			t.Errorf("nothing written, yet a summary: %+v", sum)
		case c.written > 0 && sum == nil:
			t.Errorf("%d lines written, and no summary of them", lines)
		case c.written > 0 && (sum.ObjectsIn != c.written || sum.ObjectsOut != lines):
			t.Errorf("summary says %d in, %d out; written: %d in, %d lines", sum.ObjectsIn, sum.ObjectsOut, c.written, lines)
		}
	}
}

// TestRedactStreamErrorMidWindow: a window that fails while it is being
// written (its reporter fails, or ctx is cancelled from there) leaves
// nothing of itself in the output, and the summary returned counts what
// was written, window for window. A window used to be written as it was
// transformed, so a failure after the writer's buffer filled left part of
// it out, uncounted.
func TestRedactStreamErrorMidWindow(t *testing.T) {
	rd := testRedactor(t, "testdata/window/policy.yaml")
	var in strings.Builder
	for k := range 600 {
		fmt.Fprintf(&in, `{"type":"indicator",`+streamHead+`,"id":"indicator--00000000-0000-4000-8000-%012d","name":"Phishing sender","description":"Mail from jane.doe@victim.example was forwarded to the help desk, which opened ticket %d and kept the original message for the investigators; %s","pattern":"[domain-name:value = 'evil.example']","pattern_type":"stix","valid_from":"2026-01-02T03:04:05Z"}`+"\n",
			k, k, strings.Repeat("padding ", 20))
	}
	boom := errors.New("reporter failed")
	for _, cancelled := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		decisions := 0
		rep := ReporterFunc(func(d Decision) error {
			decisions++
			if decisions == 1200 { // well into the second window
				if cancelled {
					cancel()
					return nil
				}
				return boom
			}
			return nil
		})
		var out bytes.Buffer
		sum, err := rd.RedactStream(ctx, &out, strings.NewReader(in.String()), &WindowOptions{Objects: 300}, rep)
		cancel()
		want := error(boom)
		if cancelled {
			want = context.Canceled
		}
		if !errors.Is(err, want) {
			t.Fatalf("cancelled %v: err = %v, want %v", cancelled, err, want)
		}
		lines := bytes.Count(out.Bytes(), []byte("\n"))
		if sum == nil || lines != sum.ObjectsOut || lines%300 > 1 {
			t.Errorf("cancelled %v: %d lines written (summary: %+v); want whole windows, as counted", cancelled, lines, sum)
		}
	}
}

// TestSessionRedactWindowFails: a window that fails teaches the session
// nothing, and leaves nothing in dst or the reporter: the AMBER indicator
// of a window whose last object is bad is not remembered as dropped, so a
// later window's relationship to it dangles as it would have without
// that window (and the identity that window would have added comes with
// the next).
func TestSessionRedactWindowFails(t *testing.T) {
	rd := testRedactor(t, "testdata/window/policy.yaml")
	lines := windowInputLines(t)
	s := rd.NewSession()
	var out bytes.Buffer
	reported := 0
	rep := ReporterFunc(func(Decision) error { reported++; return nil })
	bad := strings.Join(lines[:3], "\n") + "\n" + `{"type":"identity","id":"x","id":"y"}` + "\n"
	if _, err := s.RedactWindow(context.Background(), &out, []byte(bad), rep); err == nil {
		t.Fatal("a bad window: no error")
	}
	if out.Len() != 0 || reported != 0 {
		t.Fatalf("a failed window wrote %d bytes and reported %d decisions", out.Len(), reported)
	}
	if s.mem.ids.len() != 0 || s.mem.ahead.len() != 0 || len(s.sent) != 0 {
		t.Fatalf("a failed window was remembered: %d ids, %d ahead, %d sent", s.mem.ids.len(), s.mem.ahead.len(), len(s.sent))
	}
	// Now the good part of it, then the relationship to its indicators.
	sum, err := s.RedactWindow(context.Background(), &out, []byte(strings.Join(lines[:3], "\n")), rep)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Dropped != 1 || sum.Added != 1 {
		t.Errorf("first window: %+v; want the AMBER indicator dropped and the identity added", sum)
	}
	out.Reset()
	sum, err = s.RedactWindow(context.Background(), &out, []byte(lines[4]), rep)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Dropped != 1 || out.Len() != 0 {
		t.Errorf("the relationship to the dropped indicator came out: %q", out.String())
	}
}

// TestRedactStreamWorkers checks that windows, whose first pass runs on the
// workers, write the same bytes and report the same decisions whatever
// their number.
func TestRedactStreamWorkers(t *testing.T) {
	in := redacttest.Bundle(redacttest.Options{Seed: 11, Objects: 3000, UnknownRate: 0.05, Prose: true, Victims: 0.3})
	p, err := policy.LoadFile("../examples/policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var outs [2]string
	var reps [2][]Decision
	for k, workers := range []int{1, 3} {
		rd, err := Compile(p, &Options{Key: goldenKey, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if _, err := rd.RedactStream(context.Background(), &out, bytes.NewReader(in), &WindowOptions{Objects: 700}, ReporterFunc(func(d Decision) error {
			reps[k] = append(reps[k], d)
			return nil
		})); err != nil {
			t.Fatal(err)
		}
		outs[k] = out.String()
	}
	if outs[0] != outs[1] {
		t.Error("windowed output differs between 1 and 3 workers")
	}
	if diff := cmp.Diff(reps[0], reps[1]); diff != "" {
		t.Errorf("decisions differ between 1 and 3 workers (-1 +3):\n%s", diff)
	}
	if len(reps[0]) == 0 {
		t.Error("no decisions: the input exercises nothing")
	}
}

// TestRedactStreamLateReferenced: a window cannot judge a reference to an
// object a later window drops or renames, and writes the original id; the
// stream counts such objects, once each, so that the command can say so.
// With objects before what refers to them, nothing is late.
func TestRedactStreamLateReferenced(t *testing.T) {
	rd := testRedactor(t, "testdata/window/policy.yaml")
	lines := windowInputLines(t)
	reversed := make([]string, len(lines))
	for k, l := range lines {
		reversed[len(lines)-1-k] = l
	}
	// The email address and the indicator it names are renamed, the
	// AMBER indicator dropped; a note mentions the renamed one in text.
	const note = `{"type":"note",` + streamHead + `,"id":"note--00000000-0000-4000-8000-000000000001","content":"see indicator--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","object_refs":["malware--00000000-0000-4000-8000-000000000002"]}`
	for _, c := range []struct {
		name  string
		lines []string
		size  int
		late  int
	}{
		{"objects first", lines, 1, 0},
		{"objects first, one window", lines, 10, 0},
		{"objects last", reversed, 1, 3},
		{"objects last, one window", reversed, 10, 0},
		{"mention first", []string{note, lines[2]}, 1, 1},
	} {
		var out bytes.Buffer
		sum, err := rd.RedactStream(context.Background(), &out, strings.NewReader(strings.Join(c.lines, "\n")+"\n"), &WindowOptions{Objects: c.size}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.LateReferenced != c.late {
			t.Errorf("%s: %d late referenced, want %d", c.name, sum.LateReferenced, c.late)
		}
		leaked := strings.Contains(out.String(), "indicator--1a2b3c4d") || strings.Contains(out.String(), "indicator--0f1d6a1e")
		if leaked != (c.late > 0) {
			t.Errorf("%s: original ids written %v, counted %d late", c.name, leaked, sum.LateReferenced)
		}
	}
}

// TestSessionLateReferenced: a Session says so when an object an earlier
// message referred to is renamed or dropped, once.
func TestSessionLateReferenced(t *testing.T) {
	rd := testRedactor(t, "testdata/window/policy.yaml")
	lines := windowInputLines(t)
	s := rd.NewSession()
	// The relationship refers to both indicators, which come after it: the
	// one renamed, the other dropped. The email address nothing refers to.
	for k, c := range []struct {
		obj  string
		late bool
	}{{lines[4], false}, {lines[2], true}, {lines[2], false}, {lines[1], true}, {lines[0], false}} {
		res, err := s.Redact(context.Background(), []byte(c.obj))
		if err != nil {
			t.Fatal(err)
		}
		if res.LateReferenced != c.late {
			t.Errorf("message %d: late referenced %v, want %v", k, res.LateReferenced, c.late)
		}
	}
}

// TestRedactStreamMentions: in windows, an object that writes an id in
// its text is read like any other (the mention once made a window fail),
// and the references of the objects after it in its window are still
// judged against what earlier windows dropped.
func TestRedactStreamMentions(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const head = `"spec_version":"2.1","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z"`
	lines := []string{
		`{"type":"indicator",` + head + `,"id":"indicator--00000000-0000-4000-8000-000000000001","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]}`,
		`{"type":"malware",` + head + `,"id":"malware--00000000-0000-4000-8000-000000000002","name":"M","is_family":true}`,
		`{"type":"malware",` + head + `,"id":"malware--00000000-0000-4000-8000-000000000003","name":"N","is_family":true,"description":"like malware--00000000-0000-4000-8000-000000000002"}`,
		`{"type":"relationship",` + head + `,"id":"relationship--00000000-0000-4000-8000-000000000004","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000001","target_ref":"malware--00000000-0000-4000-8000-000000000003"}`,
	}
	for _, size := range []int{1, 2} {
		var out bytes.Buffer
		sum, err := rd.RedactStream(context.Background(), &out, strings.NewReader(strings.Join(lines, "\n")+"\n"), &WindowOptions{Objects: size}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Dropped != 2 || strings.Contains(out.String(), "indicator--") {
			t.Errorf("windows of %d: %d dropped, want the indicator and the relationship to it:\n%s", size, sum.Dropped, out.String())
		}
	}
}

// streamHead is the common properties of the objects the stream tests
// write.
const streamHead = `"spec_version":"2.1","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z"`

// redactEveryWay redacts NDJSON lines whole, in windows of one and two
// objects, and one object at a time through a Session, and returns what
// each wrote (NDJSON) and decided, by name.
func redactEveryWay(t *testing.T, rd *Redactor, lines []string) (outs map[string]string, decisions map[string][]Decision) {
	t.Helper()
	in := strings.Join(lines, "\n") + "\n"
	outs, decisions = map[string]string{}, map[string][]Decision{}
	whole, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	outs["whole"], decisions["whole"] = string(whole), rep.Decisions
	for _, size := range []int{1, 2} {
		name := fmt.Sprintf("window-%d", size)
		var out bytes.Buffer
		if _, err := rd.RedactStream(context.Background(), &out, strings.NewReader(in), &WindowOptions{Objects: size}, ReporterFunc(func(d Decision) error {
			decisions[name] = append(decisions[name], d)
			return nil
		})); err != nil {
			t.Fatal(err)
		}
		outs[name] = out.String()
	}
	s := rd.NewSession()
	var out strings.Builder
	for _, l := range lines {
		res, err := s.Redact(context.Background(), []byte(l))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range append(res.Add, res.Output) {
			if a != nil {
				out.Write(a)
				out.WriteByte('\n')
			}
		}
		decisions["session"] = append(decisions["session"], res.Decisions...)
	}
	outs["session"] = out.String()
	return outs, decisions
}

// TestStreamMentionsOfEarlierDrops: an id an earlier window or message
// dropped is withheld where a later one writes it in text, in any case,
// as in a whole run. It used to leave: mentions were not looked up in
// the session's memory.
func TestStreamMentionsOfEarlierDrops(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
	lines := []string{
		`{"type":"indicator",` + streamHead + `,"id":"indicator--00000000-0000-4000-8000-000000000001","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["` + red + `"]}`,
		`{"type":"malware",` + streamHead + `,"id":"malware--00000000-0000-4000-8000-000000000002","name":"M","is_family":true}`,
		`{"type":"note",` + streamHead + `,"id":"note--00000000-0000-4000-8000-000000000003","content":"see indicator--00000000-0000-4000-8000-000000000001, INDICATOR--00000000-0000-4000-8000-000000000001 and malware--00000000-0000-4000-8000-000000000002","x_seen":"indicator--00000000-0000-4000-8000-000000000001","object_refs":["malware--00000000-0000-4000-8000-000000000002"]}`,
	}
	outs, decisions := redactEveryWay(t, rd, lines)
	for name, out := range outs {
		if strings.Contains(strings.ToLower(out), "indicator--") {
			t.Errorf("%s: the dropped indicator's id is in the output:\n%s", name, out)
		}
		if !strings.Contains(out, `"content":"see [withheld], [withheld] and malware--00000000-0000-4000-8000-000000000002"`) {
			t.Errorf("%s: the note's content is not as in a whole run:\n%s", name, out)
		}
		n := 0
		for _, d := range decisions[name] {
			if d.Kind == "id-in-text" && d.Action == ActionRemove {
				n++
			}
		}
		if n != 3 {
			t.Errorf("%s: %d id-in-text removals, want 3", name, n)
		}
		ds, err := rd.Verify(context.Background(), strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Kind != "unused-marking-definition" {
				t.Errorf("%s: verify: %+v", name, d)
			}
		}
	}
}

// TestStreamMentionsOfEarlierRenames: an id an earlier window or message
// renamed (a malware whose marked description went, under ids: derive)
// becomes its new id where a later one writes it in text, as in a whole
// run; an id written in upper case too. The original id used to leave.
func TestStreamMentionsOfEarlierRenames(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	const red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
	lines := []string{
		`{"type":"malware",` + streamHead + `,"id":"malware--0000000A-0000-4000-8000-000000000011","name":"M","is_family":true,"description":"secret detail","granular_markings":[{"marking_ref":"` + red + `","selectors":["description"]}]}`,
		`{"type":"identity",` + streamHead + `,"id":"identity--00000000-0000-4000-8000-000000000012","name":"X","identity_class":"organization"}`,
		`{"type":"note",` + streamHead + `,"id":"note--00000000-0000-4000-8000-000000000013","content":"see malware--0000000a-0000-4000-8000-000000000011","object_refs":["identity--00000000-0000-4000-8000-000000000012"]}`,
	}
	newID := rd.keys.derivedID(rd.name, "malware--0000000A-0000-4000-8000-000000000011", false)
	outs, _ := redactEveryWay(t, rd, lines)
	for name, out := range outs {
		if strings.Contains(strings.ToLower(out), "malware--0000000a") || strings.Contains(out, "secret detail") {
			t.Errorf("%s: the renamed malware's original id or marked content is in the output:\n%s", name, out)
		}
		if !strings.Contains(out, `"content":"see `+newID+`"`) || !strings.Contains(out, `"id":"`+newID+`"`) {
			t.Errorf("%s: the note does not name the malware by its new id %s:\n%s", name, newID, out)
		}
	}
}

// TestStreamTranslationsOfEarlierChanges: a language content that comes
// after the object it translates, in a later window or message, is
// dropped when that object lost content (whose translations the memory
// cannot tell), under ids: derive and ids: keep; within one window, or
// for an object that did not change, it is trimmed or kept as in a whole
// run. The translation of removed content used to leave.
func TestStreamTranslationsOfEarlierChanges(t *testing.T) {
	const amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
	lines := []string{
		`{"type":"campaign",` + streamHead + `,"id":"campaign--00000000-0000-4000-8000-000000000021","name":"Op X","description":"Secret amber text","granular_markings":[{"marking_ref":"` + amber + `","selectors":["description"]}]}`,
		`{"type":"language-content",` + streamHead + `,"id":"language-content--00000000-0000-4000-8000-000000000023","object_ref":"campaign--00000000-0000-4000-8000-000000000021","contents":{"de":{"name":"Op X de","description":"Geheimer Text"}}}`,
		`{"type":"campaign",` + streamHead + `,"id":"campaign--00000000-0000-4000-8000-000000000024","name":"Op Y","description":"Open text"}`,
		`{"type":"language-content",` + streamHead + `,"id":"language-content--00000000-0000-4000-8000-000000000025","object_ref":"campaign--00000000-0000-4000-8000-000000000024","contents":{"de":{"name":"Op Y de","description":"Offener Text"}}}`,
	}
	for _, pol := range []string{"../examples/policies/tlp-green.yaml", "../testdata/golden/dangling-refs/policy.yaml"} {
		rd := testRedactor(t, pol)
		outs, decisions := redactEveryWay(t, rd, lines)
		for name, out := range outs {
			if strings.Contains(out, "Geheimer Text") {
				t.Errorf("%s, %s: the translation of removed content is in the output:\n%s", pol, name, out)
			}
			if !strings.Contains(out, `"contents":{"de":{"name":"Op Y de","description":"Offener Text"}}`) {
				t.Errorf("%s, %s: the translation of an unchanged object did not stay:\n%s", pol, name, out)
			}
			dropped := false
			for _, d := range decisions[name] {
				if d.Object == "language-content--00000000-0000-4000-8000-000000000023" && d.Action == ActionDrop && d.Kind == earlierChangeKind {
					dropped = true
				}
			}
			// Whole, and in windows of two (the campaign and its
			// translation fall in different windows only in windows of
			// one, or messages of a Session), it is trimmed instead.
			if want := name == "window-1" || name == "session"; dropped != want {
				t.Errorf("%s, %s: dropped as %s: %v, want %v:\n%s", pol, name, earlierChangeKind, dropped, want, out)
			}
		}
	}
}

// TestStreamPublicSourceAfterRename: an object of a public source that
// refers to, or mentions, an object an earlier window or message renamed
// is dropped, as in a whole run: it cannot be edited to follow, and the
// old id cannot stay. It used to be edited, keeping its id.
func TestStreamPublicSourceAfterRename(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	const red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
	const mitre = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"
	lines := []string{
		`{"type":"malware",` + streamHead + `,"id":"malware--00000000-0000-4000-8000-000000000031","name":"M","is_family":true,"description":"secret detail","granular_markings":[{"marking_ref":"` + red + `","selectors":["description"]}]}`,
		`{"type":"attack-pattern",` + streamHead + `,"id":"attack-pattern--00000000-0000-4000-8000-000000000032","name":"T","created_by_ref":"` + mitre + `","description":"used by malware--00000000-0000-4000-8000-000000000031"}`,
		`{"type":"relationship",` + streamHead + `,"id":"relationship--00000000-0000-4000-8000-000000000033","relationship_type":"uses","source_ref":"malware--00000000-0000-4000-8000-000000000031","target_ref":"attack-pattern--00000000-0000-4000-8000-000000000034","created_by_ref":"` + mitre + `"}`,
	}
	outs, decisions := redactEveryWay(t, rd, lines)
	for name, out := range outs {
		if strings.Contains(out, mitre) || strings.Contains(out, "malware--00000000") {
			t.Errorf("%s: a public source's object was edited, or the original id left:\n%s", name, out)
		}
		n := 0
		for _, d := range decisions[name] {
			if d.Action == ActionDrop && d.Kind == "public-source-edit" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%s: %d public-source-edit drops, want 2", name, n)
		}
	}
}

// windowInputLines returns the lines of testdata/window/input.ndjson, one
// object each.
func windowInputLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("testdata/window/input.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
}
