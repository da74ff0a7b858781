package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tidwall/gjson"
)

// benchInputs are the corpus bundles the suite measures: small, medium and
// large real STIX.
func benchInputs(b *testing.B) map[string][]byte {
	in := map[string][]byte{}
	for _, f := range []string{"oasis/indicator-for-c2-ip-address.json", "oasis/poisonivy.json", "attack/ics-attack-18.1.json", "attack/mobile-attack-17.1.json"} {
		data, err := os.ReadFile(filepath.Join(corpusDir, f))
		if err != nil {
			b.Skipf("no STIX corpus at %s; skipping", corpusDir)
		}
		in[filepath.Base(f)] = data
	}
	return in
}

// BenchmarkFloorGJSONValid is the floor: one validating scan with gjson.
func BenchmarkFloorGJSONValid(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if !gjson.ValidBytes(data) {
					b.Fatal("invalid")
				}
			}
		})
	}
}

// BenchmarkBaselineEncodingJSON is the stdlib round trip: decode into any
// and encode again.
func BenchmarkBaselineEncodingJSON(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var v any
				if err := json.Unmarshal(data, &v); err != nil {
					b.Fatal(err)
				}
				if _, err := json.Marshal(v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadWrite reads every object and writes it back unchanged.
func BenchmarkReadWrite(b *testing.B) {
	for name, data := range benchInputs(b) {
		for _, mode := range []string{"bytes", "stream"} {
			b.Run(name+"/"+mode, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					var r *Reader
					if mode == "bytes" {
						r = NewBytesReader(data, nil)
					} else {
						r = NewReader(bytes.NewReader(data), nil)
					}
					w := NewWriter(io.Discard, r.Frame())
					for {
						o, err := r.Next()
						if errors.Is(err, io.EOF) {
							break
						}
						if err != nil {
							b.Fatal(err)
						}
						w.Write(o, nil)
					}
					if err := w.Close(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
