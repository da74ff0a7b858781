package stix

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/tidwall/gjson"
)

// The reader's benchmarks of record: the same bytes read by the Reader
// alone and by the floor, gjson.Valid, so that their ratio reads off one
// run:
//
//	go test ./stix -run '^$' -bench 'ReadOnly|FloorMarked' -cpu 1 -count 3
//
// Inputs: a generated bundle of 20,000 objects with object and granular
// markings (the redactor's generated-marked input, made by redacttest,
// which does not import stix), and ATT&CK for Mobile from the shared
// corpus when it is there.

// markedInputs returns the inputs of the reader and walk benchmarks.
func markedInputs(b *testing.B) []benchFile {
	markedOnce.Do(func() {
		markedCache = []benchFile{{"generated-marked", redacttest.Bundle(redacttest.Options{Seed: 7, Objects: 20000, UnknownRate: 0.02})}}
		if data, err := os.ReadFile(filepath.Join(corpusDir, "attack/mobile-attack-17.1.json")); err == nil {
			markedCache = append(markedCache, benchFile{"mobile-attack-17.1", data})
		}
	})
	if len(markedCache) < 2 {
		b.Logf("no STIX corpus at %s: measuring the generated bundle only", corpusDir)
	}
	return markedCache
}

type benchFile struct {
	name string
	data []byte
}

var (
	markedOnce  sync.Once
	markedCache []benchFile
)

// BenchmarkFloorMarked is gjson.Valid on the reader benchmarks' inputs.
func BenchmarkFloorMarked(b *testing.B) {
	for _, in := range markedInputs(b) {
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

// BenchmarkReadOnly reads every object, validating, and does nothing else.
func BenchmarkReadOnly(b *testing.B) {
	for _, in := range markedInputs(b) {
		for _, mode := range []string{"bytes", "stream"} {
			b.Run(in.name+"/"+mode, func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					var r *Reader
					if mode == "bytes" {
						r = NewBytesReader(in.data, nil)
					} else {
						r = NewReader(bytes.NewReader(in.data), nil)
					}
					for {
						_, err := r.Next()
						if errors.Is(err, io.EOF) {
							break
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		}
	}
}
