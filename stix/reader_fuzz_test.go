package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader, whole and in pieces.
// It must never panic; every reader must agree (the same objects, or an
// error at the same object); each object it yields must be valid JSON with
// no duplicate member; and writing what it read back must give the input
// byte for byte (when it holds an object).
func FuzzReader(f *testing.F) {
	for _, dir := range []string{"testdata/framing", "testdata/bad", "testdata/validate"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	opts := &ReaderOptions{MaxDepth: 16, MaxObjectSize: 64 << 10, MaxObjects: 1000}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, bytesErr := copyAll(NewBytesReader(data, opts))
		for name, r := range readers(data, opts) {
			if (name == "onebyte" || name == "timeout1") && len(data) > 4096 {
				continue
			}
			got, n, err := copyAll(r)
			if (err == nil) != (bytesErr == nil) {
				t.Fatalf("%s reader: err %v; bytes reader: err %v", name, err, bytesErr)
			}
			// An empty list is written in the shape's empty form (no
			// "objects": [] in a bundle): byte-identical needs an object.
			if err == nil && n > 0 && !bytes.Equal(got, data) {
				t.Fatalf("%s reader wrote back %q, read %q", name, got, data)
			}
		}
		// Each object is valid JSON, and ParseObject reads it alone.
		r := NewBytesReader(data, opts)
		for {
			o, err := r.Next()
			if err != nil {
				var ie *InputError
				if !errors.Is(err, io.EOF) && !errors.As(err, &ie) && !errors.Is(err, ErrLimit) {
					t.Fatalf("error of an unexpected kind: %T %v", err, err)
				}
				break
			}
			if !json.Valid(o.Raw()) {
				t.Fatalf("object %q is not valid JSON", o.Raw())
			}
			if _, err := ParseObject(o.Raw(), opts); err != nil {
				t.Fatalf("ParseObject refuses what the reader yielded: %v", err)
			}
			// The well-known members found while reading are the ones a
			// search finds.
			c := *o
			c.indexed = false
			for _, name := range []string{"type", "id", "spec_version", "created_by_ref", "object_marking_refs", "granular_markings"} {
				gs, gok := o.ValueSpan(name)
				ws, wok := c.ValueSpan(name)
				if gs != ws || gok != wok {
					t.Fatalf("%s: %v %v, a search finds %v %v", name, gs, gok, ws, wok)
				}
			}
		}
	})
}
