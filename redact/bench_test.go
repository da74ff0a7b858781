package redact

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/tidwall/gjson"
)

// benchInput is one input of the benchmark suite.
type benchInput struct {
	name string
	data []byte
}

// benchInputs are: a generated bundle with object and granular markings
// (the ATT&CK bundles carry no TLP, so alone they measure a pass-through),
// one small object, a medium OASIS report and a large ATT&CK bundle.
func benchInputs(b *testing.B) []benchInput {
	benchOnce.Do(func() { benchCache = loadBenchInputs(b) })
	return benchCache
}

var (
	benchOnce  sync.Once
	benchCache []benchInput
)

func loadBenchInputs(b *testing.B) []benchInput {
	in := []benchInput{{"generated-marked", redacttest.Bundle(redacttest.Options{Seed: 7, Objects: 20000, UnknownRate: 0.02})}}
	for _, f := range []string{"oasis/indicator-for-c2-ip-address.json", "oasis/poisonivy.json", "attack/ics-attack-18.1.json"} {
		data, err := os.ReadFile(filepath.Join("../../shared/corpus", f))
		if err != nil {
			b.Logf("no STIX corpus beside the repository: measuring the generated bundle only")
			break
		}
		in = append(in, benchInput{filepath.Base(f), data})
	}
	return in
}

func benchPolicy(b *testing.B, file string) *policy.Policy {
	p, err := policy.LoadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	return p
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
					b.Fatal("invalid")
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
				var v any
				if err := json.Unmarshal(in.data, &v); err != nil {
					b.Fatal(err)
				}
				if _, err := json.Marshal(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRedact runs each policy on each input on one worker (the
// single-threaded figure the targets are stated in).
func BenchmarkRedact(b *testing.B) {
	policies := map[string]string{
		"pass-through": "testdata/bench/pass-through.yaml",
		"tlp-green":    "../examples/policies/tlp-green.yaml",
	}
	for _, pname := range []string{"pass-through", "tlp-green"} {
		rd, err := Compile(benchPolicy(b, policies[pname]), &Options{Key: goldenKey, Workers: 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, in := range benchInputs(b) {
			b.Run(pname+"/"+in.name, func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, _, err := rd.RedactBytes(context.Background(), in.data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
