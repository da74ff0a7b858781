package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/tidwall/gjson"
)

// The benchmark suite of record. Every input is measured by the floor (a
// validating scan, gjson.Valid), by an encoding/json round-trip, and by
// each policy on one worker, so ratios read off one run:
//
//	go test ./redact -run '^$' -bench 'Floor|EncodingJSON|Redact' -benchtime 3x
//
// Inputs: one indicator (small); an OASIS report, or the repository's
// incident report without the corpus (medium); ATT&CK for Mobile (large,
// a pass-through for every policy: it has no TLP and no victims); a
// generated bundle of 20,000 objects with object and granular markings
// (generated-marked); the same shape with paragraphs of report prose,
// a fifth naming victims (generated-report); and that as NDJSON, four
// times larger (generated-ndjson).

// benchInput is one input of the suite.
type benchInput struct {
	name string
	data []byte
}

// typicalIndicator is one indicator as a SIEM export sees it.
const typicalIndicator = `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","created":"2026-03-14T09:21:07.000Z","modified":"2026-03-14T09:21:07.000Z","name":"Cobalt Strike team server","description":"Beacon C2 seen in the intrusion at a regional utility; first reported by jane.doe@example.org from workstation 10.20.30.40.","indicator_types":["malicious-activity"],"pattern":"[ipv4-addr:value = '203.0.113.66'] OR [domain-name:value = 'update-check.evil.example']","pattern_type":"stix","valid_from":"2026-03-14T09:21:07Z","kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"command-and-control"}],"labels":["c2"],"object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}`

func benchInputs(b *testing.B) []benchInput {
	benchOnce.Do(func() { benchCache = loadBenchInputs(b) })
	return benchCache
}

var (
	benchOnce  sync.Once
	benchCache []benchInput
)

func loadBenchInputs(b *testing.B) []benchInput {
	in := []benchInput{{"small", []byte(typicalIndicator)}}
	const corpus = "../../shared/corpus"
	if data, err := os.ReadFile(filepath.Join(corpus, "oasis/poisonivy.json")); err == nil {
		in = append(in, benchInput{"medium", data})
	} else {
		data, err := os.ReadFile("../testdata/reports/incident.json")
		if err != nil {
			b.Fatal(err)
		}
		in = append(in, benchInput{"medium", data})
	}
	if data, err := os.ReadFile(filepath.Join(corpus, "attack/mobile-attack-17.1.json")); err == nil {
		in = append(in, benchInput{"large", data})
	} else {
		b.Logf("no STIX corpus at %s: no large input", corpus)
	}
	in = append(in,
		benchInput{"generated-marked", redacttest.Bundle(redacttest.Options{Seed: 7, Objects: 20000, UnknownRate: 0.02})},
		benchInput{"generated-report", redacttest.Bundle(redacttest.Options{Seed: 8, Objects: 20000, UnknownRate: 0.02, Prose: true, Victims: 0.2})},
		benchInput{"generated-ndjson", benchNDJSON(b)},
	)
	return in
}

// benchNDJSON is a generated report of 80,000 objects as NDJSON.
func benchNDJSON(b *testing.B) []byte {
	var bundle struct{ Objects []json.RawMessage }
	if err := json.Unmarshal(redacttest.Bundle(redacttest.Options{Seed: 9, Objects: 80000, UnknownRate: 0.02, Prose: true, Victims: 0.2}), &bundle); err != nil {
		b.Fatal(err)
	}
	var out bytes.Buffer
	for _, o := range bundle.Objects {
		out.Write(o)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

var benchPolicies = []struct{ name, file string }{
	{"pass-through", "testdata/bench/pass-through.yaml"},
	{"tlp-green", "../examples/policies/tlp-green.yaml"},
	{"community", "../examples/policies/community.yaml"},
}

func benchRedactor(b *testing.B, file string, workers int) *Redactor {
	p, err := policy.LoadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey, Workers: workers})
	if err != nil {
		b.Fatal(err)
	}
	return rd
}

// BenchmarkFloor is one validating JSON scan (gjson.Valid): the floor the
// redactor's speed is stated against.
func BenchmarkFloor(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if !gjson.ValidBytes(in.data) {
					// NDJSON is several documents: validate line by line.
					for _, l := range bytes.Split(in.data, []byte("\n")) {
						if len(l) > 0 && !gjson.ValidBytes(l) {
							b.Fatal("invalid")
						}
					}
				}
			}
		})
	}
}

// BenchmarkEncodingJSON decodes into any and encodes again: what a redactor
// built on the standard library's tree would pay before doing anything.
func BenchmarkEncodingJSON(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				d := json.NewDecoder(bytes.NewReader(in.data))
				for d.More() {
					var v any
					if err := d.Decode(&v); err != nil {
						b.Fatal(err)
					}
					if _, err := json.Marshal(v); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkRedact runs each policy on each input on one worker: the
// single-threaded figures the targets are stated in. It measures the
// engine: the decisions go nowhere (a report's cost is its writer's).
func BenchmarkRedact(b *testing.B) {
	for _, pol := range benchPolicies {
		rd := benchRedactor(b, pol.file, 1)
		for _, in := range benchInputs(b) {
			b.Run(pol.name+"/"+in.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, _, err := rd.redactBytes(context.Background(), in.data, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRedactStream is the command's path: Redact from a reader,
// spooling to a temporary file, into a discarded writer.
func BenchmarkRedactStream(b *testing.B) {
	rd := benchRedactor(b, "../examples/policies/community.yaml", 1)
	for _, in := range benchInputs(b) {
		if in.name != "generated-report" {
			continue
		}
		b.Run("community/"+in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := rd.Redact(context.Background(), io.Discard, bytes.NewReader(in.data), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWorkers runs the community policy on the NDJSON stream with one
// and two workers: the second pass's scaling across cores.
func BenchmarkWorkers(b *testing.B) {
	var data []byte
	for _, in := range benchInputs(b) {
		if in.name == "generated-ndjson" {
			data = in.data
		}
	}
	for _, w := range []int{1, 2, 4} {
		rd := benchRedactor(b, "../examples/policies/community.yaml", w)
		b.Run(fmt.Sprintf("community/generated-ndjson/workers-%d", w), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, _, err := rd.redactBytes(context.Background(), data, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSession is the per-object path of an embedder (a SIEM export):
// one typical indicator in, one out, with the community policy.
func BenchmarkSession(b *testing.B) {
	rd := benchRedactor(b, "../examples/policies/community.yaml", 1)
	s := rd.NewSession()
	obj := []byte(typicalIndicator)
	b.SetBytes(int64(len(obj)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := s.Redact(context.Background(), obj)
		if err != nil || res.Output == nil {
			b.Fatal(err)
		}
	}
}
