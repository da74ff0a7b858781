package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/stix"
	"github.com/google/go-cmp/cmp"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestParseConfig(t *testing.T) {
	env := map[string]string{
		"AIRLOCK_KAFKA_BROKERS": "k1:9092, k2:9092",
		"AIRLOCK_KAFKA_IN":      "in",
		"AIRLOCK_KAFKA_OUT":     "out",
		"AIRLOCK_POLICY":        "p.yaml",
	}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		name    string
		args    []string
		env     func(string) string
		want    workerConfig
		wantErr string
	}{
		{
			name: "environment",
			env:  getenv,
			want: workerConfig{Brokers: []string{"k1:9092", "k2:9092"}, Group: "airlock", In: "in", Out: "out", KeyMode: keyByID, MaxPoll: 500},
		},
		{
			name: "flags win",
			args: []string{"-brokers", "k3:9092", "-group", "g", "-out", "shared", "-key-mode", "input", "-max-poll", "7"},
			env:  getenv,
			want: workerConfig{Brokers: []string{"k3:9092"}, Group: "g", In: "in", Out: "shared", KeyMode: keyFromInput, MaxPoll: 7},
		},
		{name: "nothing given", env: func(string) string { return "" }, wantErr: "missing -brokers, -in, -out, -p"},
		{name: "bad key mode", args: []string{"-key-mode", "hash"}, env: getenv, wantErr: `-key-mode "hash"`},
		{name: "loop", args: []string{"-out", "in"}, env: getenv, wantErr: "must differ"},
		{name: "argument", args: []string{"extra"}, env: getenv, wantErr: "unexpected argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := parseConfig(tc.args, tc.env, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.worker.Drain = 0
			if d := cmp.Diff(tc.want, c.worker); d != "" {
				t.Errorf("config (-want +got):\n%s", d)
			}
		})
	}
}

func TestReadKey(t *testing.T) {
	hex64 := strings.Repeat("ab", 32)
	tests := []struct {
		name, file, env, wantErr string
		wantLen                  int
	}{
		{name: "demo key file", file: "../../testdata/keys/demo.key", wantLen: 32},
		{name: "environment", env: hex64, wantLen: 32},
		{name: "file wins", file: "../../testdata/keys/demo.key", env: "zz", wantLen: 32},
		{name: "not hex", env: "zz", wantErr: "not hex"},
		{name: "short", env: "abcd", wantErr: "at least 32"},
		{name: "none", wantErr: "no key"},
		{name: "missing file", file: "no-such.key", wantErr: "key file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			k, err := readKey(tc.file, func(string) string { return tc.env }, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				if err != nil && strings.Contains(err.Error(), hex64) {
					t.Error("the error quotes the key")
				}
				return
			}
			if err != nil || len(k) != tc.wantLen {
				t.Fatalf("key of %d bytes, err %v; want %d bytes", len(k), err, tc.wantLen)
			}
		})
	}
}

// TestRedactMessage checks how each shape of message is handled.
func TestRedactMessage(t *testing.T) {
	rd := testRedactor(t)
	note := singleObject(1).value
	malware := singleObject(2).value
	tests := []struct {
		name      string
		msg       string
		whole     bool
		added     int
		dropped   bool
		wantID    string // "" for none; "same" for the input's own id
		wantInput bool   // the output is the input, byte for byte
		err       error
	}{
		{name: "untouched object", msg: string(malware), wantID: "same", wantInput: true},
		{name: "changed object adds the identity", msg: string(note), added: 1, wantID: "note--"},
		{name: "dropped object", msg: string(singleObject(0).value), dropped: true},
		{name: "bundle", msg: string(bundleMessage(7).value), whole: true, wantID: "same"},
		{name: "bundle all dropped", msg: `{"type":"bundle","id":"bundle--6f1cbc6e-6a8e-4d5e-9d6f-b9f0a3a0f001","objects":[` + string(singleObject(0).value) + `]}`, whole: true, dropped: true},
		{name: "empty bundle", msg: `{"type":"bundle","id":"bundle--6f1cbc6e-6a8e-4d5e-9d6f-b9f0a3a0f001"}`, whole: true, dropped: true},
		{name: "ndjson", msg: string(malware) + "\n" + string(note) + "\n", whole: true},
		{name: "list", msg: "[" + string(malware) + "]", whole: true, wantInput: true},
		{name: "not json", msg: `{"type":`, err: stix.ErrSyntax},
		{name: "not stix", msg: `42`, err: stix.ErrNotSTIX},
		{name: "duplicate member", msg: `{"type":"malware","type":"x"}`, err: stix.ErrDuplicateName},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := redactMessage(context.Background(), rd, rd.NewSession(), []byte(tc.msg))
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Whole != tc.whole || len(r.Added) != tc.added || (r.Output == nil) != tc.dropped {
				t.Errorf("whole %v, added %d, dropped %v; want %v, %d, %v", r.Whole, len(r.Added), r.Output == nil, tc.whole, tc.added, tc.dropped)
			}
			if tc.wantInput && string(r.Output) != tc.msg {
				t.Errorf("output differs from the input:\n%s", r.Output)
			}
			id := outputID(r)
			switch {
			case tc.wantID == "same":
				if !strings.Contains(tc.msg, `"id":"`+id+`"`) || id == "" {
					t.Errorf("id %q is not the input's", id)
				}
			case tc.wantID == "":
				if id != "" {
					t.Errorf("id %q, want none", id)
				}
			case !strings.HasPrefix(id, tc.wantID) || strings.Contains(tc.msg, id):
				t.Errorf("id %q, want a new id starting %q", id, tc.wantID)
			}
		})
	}
}

func TestKeyMode(t *testing.T) {
	in := &kgo.Record{Key: []byte("input-key")}
	tests := []struct {
		mode keyMode
		id   string
		want string
	}{
		{keyByID, "note--1", "note--1"},
		{keyByID, "", ""},
		{keyFromInput, "note--1", "input-key"},
		{keyNone, "note--1", ""},
	}
	for _, tc := range tests {
		w := &worker{cfg: workerConfig{KeyMode: tc.mode}}
		if got := string(w.key(in, []byte(tc.id))); got != tc.want {
			t.Errorf("%s, id %q: key %q, want %q", tc.mode, tc.id, got, tc.want)
		}
	}
}

// TestRedactMessageLateReferenced: an object dropped after a message that
// referred to it is flagged, for the worker to log.
func TestRedactMessageLateReferenced(t *testing.T) {
	rd := testRedactor(t)
	s := rd.NewSession()
	const rel = `{"type":"relationship","spec_version":"2.1","id":"relationship--3c4d5e6f-7081-4b9c-8d0e-1f2a3b4c5d6e","created":"2026-01-02T03:04:05.000Z","modified":"2026-01-02T03:04:05.000Z","relationship_type":"indicates","source_ref":"indicator--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","target_ref":"malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd30"}`
	const amber = `{"type":"indicator","spec_version":"2.1","id":"indicator--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","created":"2026-01-02T03:04:05.000Z","modified":"2026-01-02T03:04:05.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-02T03:04:05Z","object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]}`
	for k, c := range []struct {
		msg  string
		late bool
	}{{rel, false}, {amber, true}, {amber, false}} {
		r, err := redactMessage(context.Background(), rd, s, []byte(c.msg))
		if err != nil {
			t.Fatal(err)
		}
		if r.LateReferenced != c.late || (k > 0 && r.Output != nil) {
			t.Errorf("message %d: late %v, output %v; want late %v and the indicator dropped", k, r.LateReferenced, r.Output != nil, c.late)
		}
	}
}

// TestRedactMessageLateMarking: a marking definition that comes after a
// message that used it is flagged, for the worker to log.
func TestRedactMessageLateMarking(t *testing.T) {
	rd := testRedactor(t)
	s := rd.NewSession()
	const md = `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11","created":"2026-01-01T00:00:00.000Z","name":"Example statement","definition_type":"statement","definition":{"statement":"Copyright Example"}}`
	const ind = `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","pattern":"[ipv4-addr:value = '203.0.113.1']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","object_marking_refs":["marking-definition--7f7a8f0e-1d0b-4a3c-9f5e-2b6c8d9e0a11"]}`
	for k, c := range []struct {
		msg  string
		late bool
	}{{ind, false}, {md, true}} {
		r, err := redactMessage(context.Background(), rd, s, []byte(c.msg))
		if err != nil {
			t.Fatal(err)
		}
		if r.LateMarking != c.late {
			t.Errorf("message %d: late %v, want %v", k, r.LateMarking, c.late)
		}
	}
}
