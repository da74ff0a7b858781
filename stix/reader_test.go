package stix

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"
)

// corpusDir is the shared corpus beside the repository (see
// ../shared/corpus/README.md). Tests that need it skip without it.
const corpusDir = "../../shared/corpus"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	if len(files) == 0 {
		t.Skipf("no STIX corpus at %s (it sits beside the repository in the development setup); skipping", corpusDir)
	}
	return files
}

// readers returns ways to read the same bytes: zero-copy, buffered, and
// through readers that deliver one byte or half a buffer at a time, so
// that every refill path is taken.
func readers(data []byte, opts *ReaderOptions) map[string]*Reader {
	return map[string]*Reader{
		"bytes":    NewBytesReader(data, opts),
		"stream":   NewReader(bytes.NewReader(data), opts),
		"half":     NewReader(iotest.HalfReader(bytes.NewReader(data)), opts),
		"onebyte":  NewReader(iotest.OneByteReader(bytes.NewReader(data)), opts),
		"dataerr":  NewReader(iotest.DataErrReader(bytes.NewReader(data)), opts),
		"timeout1": NewReader(iotest.HalfReader(iotest.OneByteReader(bytes.NewReader(data))), opts),
	}
}

// copyAll reads everything from r and writes it back unchanged.
func copyAll(r *Reader) ([]byte, int, error) {
	var out bytes.Buffer
	var w *Writer
	n := 0
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, n, err
		}
		if w == nil {
			w = NewWriter(&out, r.Frame())
		}
		if err := w.Write(o, nil); err != nil {
			return nil, n, err
		}
		n++
	}
	if w == nil {
		w = NewWriter(&out, r.Frame())
	}
	if err := w.Close(); err != nil {
		return nil, n, err
	}
	return out.Bytes(), n, nil
}

func TestRoundTripCorpus(t *testing.T) {
	for _, file := range corpusFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for name, r := range readers(data, nil) {
			if name == "onebyte" || name == "timeout1" {
				if len(data) > 200<<10 {
					continue // too slow for megabyte bundles; framing is covered on small files
				}
			}
			got, n, err := copyAll(r)
			if err != nil {
				t.Errorf("%s (%s): %v", filepath.Base(file), name, err)
				continue
			}
			if !bytes.Equal(got, data) {
				t.Errorf("%s (%s): %d objects; output differs from input (len %d vs %d)", filepath.Base(file), name, n, len(got), len(data))
			}
		}
	}
}
