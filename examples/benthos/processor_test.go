package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/stix"
	"github.com/google/go-cmp/cmp"
	"github.com/redpanda-data/benthos/v4/public/service"
)

const (
	policyFile = "../policies/community.yaml"
	keyFile    = "../../testdata/keys/demo.key"
	tlpGreen   = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
	tlpAmber   = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
	ts         = `"created":"2026-03-01T10:00:00.000Z","modified":"2026-03-01T10:00:00.000Z"`
)

// Objects for the tests. The sighting refers to the AMBER indicator; the
// note names a member of staff (pseudonymised, so the note is renamed and
// names the redacting identity).
var (
	amberIndicator = fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001",%s,"pattern":"[ipv4-addr:value = '198.51.100.1']","pattern_type":"stix","valid_from":"2026-03-01T10:00:00Z","object_marking_refs":[%q]}`, ts, tlpAmber)
	sighting       = fmt.Sprintf(`{"type":"sighting","spec_version":"2.1","id":"sighting--00000000-0000-4000-8000-000000000002",%s,"sighting_of_ref":"indicator--00000000-0000-4000-8000-000000000001"}`, ts)
	note           = fmt.Sprintf(`{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000003",%s,"content":"Reported by jane.doe@example.org.","object_refs":["malware--00000000-0000-4000-8000-000000000004"]}`, ts)
	malware        = fmt.Sprintf(`{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000004",%s,"name":"ExampleRAT","is_family":true,"object_marking_refs":[%q]}`, ts, tlpGreen)
	note2          = fmt.Sprintf(`{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000005",%s,"content":"Also seen by john.roe@example.org.","object_refs":["malware--00000000-0000-4000-8000-000000000004"]}`, ts)
	bundle         = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000009","objects":[` + amberIndicator + `,` + sighting + `,` + malware + `,` + note + `]}`
	notJSON        = `{"type":"indicator",`
)

func testRedactor(t testing.TB) *redact.Redactor {
	t.Helper()
	p, err := policy.LoadFile(policyFile)
	if err != nil {
		t.Fatal(err)
	}
	key, err := readKey(service.MockResources().FS(), keyFile, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	rd, err := redact.Compile(p, &redact.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// testEnv is an isolated environment with the processor registered.
func testEnv(t testing.TB) *service.Environment {
	t.Helper()
	env := service.NewEnvironment()
	if err := registerAirlock(env, func(string) string { return "" }); err != nil {
		t.Fatal(err)
	}
	return env
}

// out is a message as the consumer saw it.
type out struct {
	Body  string
	Meta  map[string]string
	Error string
}

// runStream runs a stream of batches through the processor configured
// by procYAML and returns what comes out, in order. Batches of one message
// go in through AddProducerFunc, others through AddBatchProducerFunc.
func runStream(t *testing.T, procYAML string, batches [][]*service.Message) []out {
	t.Helper()
	sb := testEnv(t).NewStreamBuilder()
	if err := sb.SetLoggerYAML("level: off"); err != nil {
		t.Fatal(err)
	}
	singles := true
	for _, b := range batches {
		singles = singles && len(b) == 1
	}
	var produce func(context.Context, []*service.Message) error
	if singles {
		one, err := sb.AddProducerFunc()
		if err != nil {
			t.Fatal(err)
		}
		produce = func(ctx context.Context, b []*service.Message) error { return one(ctx, b[0]) }
	} else {
		batch, err := sb.AddBatchProducerFunc()
		if err != nil {
			t.Fatal(err)
		}
		produce = func(ctx context.Context, b []*service.Message) error { return batch(ctx, b) }
	}
	if err := sb.AddProcessorYAML(procYAML); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []out
	err := sb.AddConsumerFunc(func(_ context.Context, m *service.Message) error {
		b, err := m.AsBytes()
		if err != nil {
			return err
		}
		o := out{Body: string(b), Meta: map[string]string{}}
		_ = m.MetaWalk(func(k, v string) error { o.Meta[k] = v; return nil })
		if err := m.GetError(); err != nil {
			o.Error = err.Error()
		}
		mu.Lock()
		got = append(got, o)
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := sb.Build()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- st.Run(ctx) }()
	for _, b := range batches {
		if err := produce(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil && err != context.Canceled {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	return got
}

// messages makes one message per body, each with metadata source=test
// and its own seq.
func messages(bodies ...string) []*service.Message {
	var ms []*service.Message
	for i, b := range bodies {
		m := service.NewMessage([]byte(b))
		m.MetaSet("source", "test")
		m.MetaSet("seq", fmt.Sprint(i))
		ms = append(ms, m)
	}
	return ms
}

func config(extra string) string {
	return fmt.Sprintf("airlock:\n  policy: %s\n  key_file: %s\n%s", policyFile, keyFile, extra)
}

// TestObjectMode sends single objects, a bundle and a message that is
// not JSON, one at a time, and compares what comes out with a session
// fed the same objects in the same order and with RedactBytes.
func TestObjectMode(t *testing.T) {
	rd := testRedactor(t)
	ctx := context.Background()
	bodies := []string{amberIndicator, sighting, note, notJSON, malware, note2, bundle}
	var batches [][]*service.Message
	for _, m := range messages(bodies...) {
		batches = append(batches, []*service.Message{m})
	}
	got := runStream(t, config(""), batches)

	// What a session (for single objects) and RedactBytes (for the
	// bundle) make of the same inputs.
	var want []out
	s := rd.NewSession()
	for i, b := range bodies {
		meta := map[string]string{"source": "test", "seq": fmt.Sprint(i)}
		switch b {
		case notJSON:
			want = append(want, out{Body: "", Meta: meta, Error: "airlock: input: byte 20, at /type: unexpected end of input, expected a member name"})
		case bundle:
			res, _, err := rd.RedactBytes(ctx, []byte(b))
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, out{Body: string(res), Meta: meta})
		default:
			res, err := s.Redact(ctx, []byte(b))
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range res.Add {
				want = append(want, out{Body: string(a), Meta: map[string]string{"source": "test", "seq": fmt.Sprint(i), metaAdded: "true"}})
			}
			if res.Output != nil {
				want = append(want, out{Body: string(res.Output), Meta: meta})
			}
		}
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("stream output (-want +got):\n%s", d)
	}

	// And what that means: the AMBER indicator and the sighting of it are
	// gone, the identity comes once, before the first note, and the
	// staff's emails are not in the output.
	var types []string
	for _, o := range got {
		var v struct{ Type string }
		_ = json.Unmarshal([]byte(o.Body), &v)
		types = append(types, v.Type)
	}
	if d := cmp.Diff([]string{"identity", "note", "", "malware", "note", "bundle"}, types); d != "" {
		t.Errorf("types (-want +got):\n%s", d)
	}
	for _, o := range got {
		if strings.Contains(o.Body, "jane.doe") || strings.Contains(o.Body, "john.roe") {
			t.Errorf("personal data left in %.80s", o.Body)
		}
		if _, ok := o.Meta[metaReport]; ok {
			t.Error("a report in the metadata, though report_metadata is off")
		}
	}
}

// TestBatchMode sends one batch whose sighting comes before the AMBER
// indicator it refers to: as one window, the sighting is judged (and
// dropped); one message at a time, it could not be.
func TestBatchMode(t *testing.T) {
	rd := testRedactor(t)
	bodies := []string{sighting, note, notJSON, amberIndicator, malware, bundle}
	got := runStream(t, config("  mode: batch\n"), [][]*service.Message{messages(bodies...)})

	// The window is the single objects, as NDJSON.
	nd := strings.Join([]string{sighting, note, amberIndicator, malware}, "\n") + "\n"
	res, rep, err := rd.RedactBytes(context.Background(), []byte(nd))
	if err != nil {
		t.Fatal(err)
	}
	var objs []string
	r := stix.NewBytesReader(res, nil)
	for {
		o, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, string(o.Raw()))
	}
	if rep.Added != 1 || len(objs) != 3 {
		t.Fatalf("window: %d objects, %d added; want note, malware and the identity", len(objs), rep.Added)
	}
	common := map[string]string{"source": "test"}
	bundleOut, _, err := rd.RedactBytes(context.Background(), []byte(bundle))
	if err != nil {
		t.Fatal(err)
	}
	want := []out{
		// The window, where its first message was: added objects first.
		{Body: objs[2], Meta: map[string]string{"source": "test", metaAdded: "true"}},
		{Body: objs[0], Meta: common},
		{Body: objs[1], Meta: common},
		// Then the others, in place.
		{Body: "", Meta: map[string]string{"source": "test", "seq": "2"}, Error: "airlock: input: byte 20, at /type: unexpected end of input, expected a member name"},
		{Body: string(bundleOut), Meta: map[string]string{"source": "test", "seq": "5"}},
	}
	// Order: the failed message sits at index 2 of the input, after the
	// window's first message, so the window comes first.
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("stream output (-want +got):\n%s", d)
	}
	for _, o := range got {
		if strings.Contains(o.Body, `"type":"sighting"`) {
			t.Error("the sighting of a dropped indicator came out")
		}
	}
}

// TestBatchModeCarries: in batch mode, what one window drops or renames
// is remembered for the next, as in object mode: a sighting of an
// indicator an earlier batch dropped goes too, and the redacting identity
// comes once. Each window used to be redacted on its own, so the sighting
// went out naming the dropped indicator.
func TestBatchModeCarries(t *testing.T) {
	got := runStream(t, config("  mode: batch\n"), [][]*service.Message{messages(amberIndicator, note), messages(sighting, note2)})
	identities := 0
	for _, o := range got {
		if strings.Contains(o.Body, "indicator--00000000-0000-4000-8000-000000000001") {
			t.Errorf("the dropped indicator's id came out: %s", o.Body)
		}
		if o.Meta[metaAdded] == "true" {
			identities++
		}
	}
	if len(got) != 3 || identities != 1 {
		t.Errorf("%d messages out, %d added; want the identity once and the two notes:\n%+v", len(got), identities, got)
	}
}

// TestBatchModeAllDropped checks that a window whose objects all go
// leaves nothing, and no error, behind.
func TestBatchModeAllDropped(t *testing.T) {
	got := runStream(t, config("  mode: batch\n"), [][]*service.Message{messages(sighting, amberIndicator), messages(malware, malware)})
	want := []out{{Body: malware, Meta: map[string]string{"source": "test"}}, {Body: malware, Meta: map[string]string{"source": "test"}}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("stream output (-want +got):\n%s", d)
	}
}

// TestReportMetadata checks the summary put in metadata when asked: counts
// only, never a removed value.
func TestReportMetadata(t *testing.T) {
	got := runStream(t, config("  report_metadata: true\n"), [][]*service.Message{messages(note), messages(malware), messages(amberIndicator)})
	if len(got) != 3 { // identity, note, malware; the indicator is dropped
		t.Fatalf("%d messages out, want 3", len(got))
	}
	var sum redact.Summary
	if err := json.Unmarshal([]byte(got[1].Meta[metaReport]), &sum); err != nil {
		t.Fatalf("report of the note: %v", err)
	}
	want := redact.Summary{
		Policy: "community", Version: "1", KeyID: sum.KeyID,
		ObjectsIn: 1, ObjectsOut: 2, Changed: 1, Added: 1,
		ByRule:   map[string]int{"ids": 2, "pii.actions": 1},
		ByAction: map[string]int{"pseudonymise": 1, "rename": 1, "set-creator": 1},
		ByKind:   map[string]int{"email": 1},
	}
	if d := cmp.Diff(want, sum); d != "" {
		t.Errorf("report (-want +got):\n%s", d)
	}
	if sum.KeyID == "" {
		t.Error("no key id in the report")
	}
	if strings.Contains(got[1].Meta[metaReport], "jane") {
		t.Error("the report holds the removed value")
	}
	var untouched redact.Summary
	if err := json.Unmarshal([]byte(got[2].Meta[metaReport]), &untouched); err != nil {
		t.Fatal(err)
	}
	if untouched.ObjectsOut != 1 || untouched.Changed != 0 || len(untouched.ByAction) != 0 {
		t.Errorf("report of an untouched object: %+v", untouched)
	}
}

// TestFailedMessages checks that a message that cannot be redacted is
// flagged and, by default, emptied, and that the stream goes on.
func TestFailedMessages(t *testing.T) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprint("keep_failed_content=", keep), func(t *testing.T) {
			got := runStream(t, config(fmt.Sprintf("  keep_failed_content: %v\n", keep)),
				[][]*service.Message{messages(notJSON), messages(`[1]`), messages(`{"type":"x","type":"y"}`), messages(malware)})
			if len(got) != 4 {
				t.Fatalf("%d messages out, want 4", len(got))
			}
			for i, in := range []string{notJSON, `[1]`, `{"type":"x","type":"y"}`} {
				if got[i].Error == "" {
					t.Errorf("message %d not flagged", i)
				}
				want := ""
				if keep {
					want = in
				}
				if got[i].Body != want {
					t.Errorf("message %d: body %q, want %q", i, got[i].Body, want)
				}
			}
			if got[3].Error != "" || got[3].Body != malware {
				t.Errorf("the good message after the bad ones: %+v", got[3])
			}
		})
	}
}

// TestConfig checks the processor's configuration errors, and that it
// is registered only where asked.
func TestConfig(t *testing.T) {
	// GetProcessorConfig consults the global registry whatever the
	// environment (benthos v4.60.0), so walk each environment instead.
	has := func(env *service.Environment) bool {
		found := false
		env.WalkProcessors(func(name string, _ *service.ConfigView) { found = found || name == processorName })
		return found
	}
	if has(service.GlobalEnvironment()) || has(service.NewEnvironment()) {
		t.Error("the processor is in Benthos's global environment")
	}
	if !has(testEnv(t)) {
		t.Error("the processor is not in its environment")
	}
	hexKey := strings.Repeat("ab", 32)
	tests := []struct {
		name, yaml, env, wantErr string
	}{
		{name: "key from the environment", yaml: "policy: " + policyFile, env: hexKey},
		{name: "no key", yaml: "policy: " + policyFile, wantErr: "no key"},
		{name: "short key", yaml: "policy: " + policyFile, env: "abcd", wantErr: "at least 32"},
		{name: "no policy file", yaml: "policy: nope.yaml\nkey_file: " + keyFile, wantErr: "policy:"},
		{name: "bad network", yaml: "policy: " + policyFile + "\nkey_file: " + keyFile + "\ninternal_nets: [not-a-net]", wantErr: "internal_nets"},
		{name: "overrides", yaml: "policy: " + policyFile + "\nkey_file: " + keyFile + "\ndestination: de\nidentity: Other CERT\ninternal_domains: [corp.example]\ninternal_nets: [192.0.2.0/24]"},
		{name: "bad mode", yaml: "policy: " + policyFile + "\nkey_file: " + keyFile + "\nmode: stream", wantErr: "mode"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conf, err := processorSpec().ParseYAML(tc.yaml, testEnv(t))
			if err == nil {
				_, err = newProcessor(conf, service.MockResources(), func(k string) string {
					if k == "AIRLOCK_KEY" {
						return tc.env
					}
					return ""
				})
			}
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
		})
	}
}
