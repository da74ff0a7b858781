package redact_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
)

const examplePolicy = `
format: airlock/v1
name: example
markings:
  max_tlp: green
  unmarked: clear
pii:
  internal: {domains: [example.org]}
ids: derive
identity: {name: Example CERT}
`

// A bundle with a TLP:AMBER indicator, a relationship to it, and a note
// that names a member of staff.
const exampleBundle = `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]},
{"type":"malware","spec_version":"2.1","id":"malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"ExampleRAT","is_family":true},
{"type":"relationship","spec_version":"2.1","id":"relationship--29dcdf68-1b0c-4e16-94ed-bcc7a9572f69","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","relationship_type":"indicates","source_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","target_ref":"malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111"},
{"type":"note","spec_version":"2.1","id":"note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Reported by jane.doe@example.org.","object_refs":["malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111"]}
]}`

// exampleKey stands for a secret key of 32 bytes or more.
var exampleKey = bytes.Repeat([]byte("k"), 32)

func Example() {
	p, err := policy.Load("example.yaml", []byte(examplePolicy))
	if err != nil {
		fmt.Println(err)
		return
	}
	rd, err := redact.Compile(p, &redact.Options{Key: exampleKey})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, report, err := rd.RedactBytes(context.Background(), []byte(exampleBundle))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range report.Decisions {
		fmt.Println(strings.Join(strings.Fields(strings.Join([]string{d.Action, d.Type, d.Path, d.Rule, d.Kind}, " ")), " "))
	}
	fmt.Println(report.ObjectsIn, "in,", report.ObjectsOut, "out")
	fmt.Println(strings.Contains(string(out), "jane.doe@example.org"))
	// Output:
	// drop indicator markings.max_tlp tlp:amber
	// drop relationship references required-reference
	// pseudonymise note content pii.actions email
	// set-creator note ids
	// rename note ids
	// add identity ids redacting-identity
	// 4 in, 3 out
	// false
}

// A SIEM export sees one object at a time: a session carries what earlier
// objects taught (here, that the indicator was dropped) to later ones.
func ExampleSession() {
	p, _ := policy.Load("example.yaml", []byte(examplePolicy))
	rd, _ := redact.Compile(p, &redact.Options{Key: exampleKey})
	s := rd.NewSession()
	for _, obj := range []string{
		`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]}`,
		`{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8428623c75","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","sighting_of_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}`,
		`{"type":"malware","spec_version":"2.1","id":"malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"ExampleRAT","is_family":true}`,
	} {
		res, err := s.Redact(context.Background(), []byte(obj))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(res.Output != nil, len(res.Decisions))
	}
	// Output:
	// false 1
	// false 1
	// true 0
}

// A report streams as JSON while the redaction runs: decisions as they
// are made, then the summary.
func ExampleJSONReporter() {
	p, _ := policy.Load("example.yaml", []byte(examplePolicy))
	rd, _ := redact.Compile(p, &redact.Options{Key: exampleKey})
	var report bytes.Buffer
	jr := redact.NewJSONReporter(&report)
	sum, err := rd.Redact(context.Background(), os.Stdout, strings.NewReader(`{"type":"malware","spec_version":"2.1","id":"malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"ExampleRAT","is_family":true,"object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]}`), jr)
	if err != nil {
		fmt.Println(err)
		return
	}
	jr.Finish(sum)
	fmt.Println(strings.Contains(report.String(), `"rule":"markings.max_tlp"`), sum.Dropped)
	// Output:
	// true 1
}

// Verify lists what the policy still forbids in content about to leave.
func ExampleRedactor_Verify() {
	p, _ := policy.Load("example.yaml", []byte(examplePolicy))
	rd, _ := redact.Compile(p, &redact.Options{Key: exampleKey})
	found, err := rd.Verify(context.Background(), strings.NewReader(exampleBundle))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range found {
		fmt.Println(d.Object, d.Path, d.Kind)
	}
	// Output:
	// indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f  tlp:amber
	// relationship--29dcdf68-1b0c-4e16-94ed-bcc7a9572f69  required-reference
	// note--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061 content email
}

// An endless stream (NDJSON from a queue, say) is redacted in windows:
// each window is written when both passes have run on it, and what it
// decided carries to the next (here, that the indicator was dropped, so
// the relationship to it in a later window goes too).
func ExampleRedactor_RedactStream() {
	p, _ := policy.Load("example.yaml", []byte(examplePolicy))
	rd, _ := redact.Compile(p, &redact.Options{Key: exampleKey})
	var bundle struct{ Objects []json.RawMessage }
	json.Unmarshal([]byte(exampleBundle), &bundle)
	var stream bytes.Buffer
	for _, o := range bundle.Objects {
		json.Compact(&stream, o)
		stream.WriteByte('\n')
	}
	var out bytes.Buffer
	sum, err := rd.RedactStream(context.Background(), &out, &stream, &redact.WindowOptions{Objects: 2}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sum.ObjectsIn, "in,", sum.ObjectsOut, "out,", sum.Dropped, "dropped")
	fmt.Println(strings.Count(out.String(), "\n"), "lines")
	// Output:
	// 4 in, 3 out, 2 dropped
	// 3 lines
}

// A stream processor that gathers messages into batches redacts each
// batch as one window of a session: the objects of a batch are judged
// together, and what one batch dropped (here, the indicator) carries to
// the next (the relationship to it goes).
func ExampleSession_RedactWindow() {
	p, _ := policy.Load("example.yaml", []byte(examplePolicy))
	rd, _ := redact.Compile(p, &redact.Options{Key: exampleKey})
	var bundle struct{ Objects []json.RawMessage }
	json.Unmarshal([]byte(exampleBundle), &bundle)
	s := rd.NewSession()
	for _, batch := range [][]json.RawMessage{bundle.Objects[:2], bundle.Objects[2:]} {
		var nd, out bytes.Buffer
		for _, o := range batch {
			json.Compact(&nd, o)
			nd.WriteByte('\n')
		}
		sum, err := s.RedactWindow(context.Background(), &out, nd.Bytes(), nil)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(sum.ObjectsIn, "in,", sum.ObjectsOut, "out,", sum.Dropped, "dropped,", sum.Added, "added")
	}
	// Output:
	// 2 in, 1 out, 1 dropped, 0 added
	// 2 in, 2 out, 1 dropped, 1 added
}

// Keys are kept as hex text (or raw bytes) in a file only the sender can
// read, or given as hex in AIRLOCK_KEY.
func ExampleParseKey() {
	key, err := redact.ParseKey([]byte("a452e5759874b7e1cc2e6a7a3dd9e869\n5d672d468c3e5cc0ddcb55b15822a9ab\n"))
	fmt.Println(len(key), err)
	_, err = redact.ParseKey([]byte("too short"))
	fmt.Println(err)
	// Output:
	// 32 <nil>
	// redact: the key holds 9 bytes; at least 32 are needed
}
