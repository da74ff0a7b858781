package stix

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	if len(files) == 0 {
		t.Skipf("no STIX corpus at %s (it sits beside the repository in the development setup); skipping", corpusDir)
	}
	return files
}

// eachObject calls fn with every object of the inputs and, when the
// corpus is present, of its files: for checks that must hold on every
// object airlock may meet. It returns how many objects it read.
func eachObject(inputs [][]byte, fn func(*Object)) int {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, data)
		}
	}
	n := 0
	for _, data := range inputs {
		r := NewBytesReader(data, nil)
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			fn(o)
			n++
		}
	}
	return n
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

// TestReplay reads the corpus once, recording spans, then replays it and
// writes it back: byte for byte the input.
func TestReplay(t *testing.T) {
	for _, file := range append(corpusFiles(t), inputFiles(t, "framing")...) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := NewReader(bytes.NewReader(data), nil)
		var spans []ObjectSpan
		for {
			o, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			spans = append(spans, ObjectSpan{o.Offset(), len(o.Raw())})
		}
		for _, rp := range []*Replay{NewReplay(bytes.NewReader(data), spans), NewBytesReplay(data, spans)} {
			var out bytes.Buffer
			w := NewWriter(&out, r.Frame())
			// Every third object is read with NextBytes: the bytes and the
			// separator are the same, and no member is listed.
			for {
				i := rp.Index()
				read := rp.Next
				if i%3 == 1 {
					read = rp.NextBytes
				}
				o, err := read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if o.Index() != i {
					t.Fatalf("%s: Index said %d, the object is %d", file, i, o.Index())
				}
				if want := data[o.Offset() : o.Offset()+int64(len(o.Raw()))]; !bytes.Equal(o.Raw(), want) {
					t.Fatalf("%s: object %d replayed wrong", file, o.Index())
				}
				if listed := o.Type() != ""; listed != (i%3 != 1) {
					t.Fatalf("%s: object %d: type read %v, want %v", file, i, listed, i%3 != 1)
				}
				w.Write(o, nil)
			}
			w.Close()
			want := data
			if filepath.Base(file) == "bundle-empty-list.json" {
				want = r.Frame().empty
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Errorf("%s: replay output differs", file)
			}
		}
		// Read in ranges, the objects and their separators are the same.
		for _, size := range []int{1, 3, 64} {
			for _, rp := range []*Replay{NewReplay(bytes.NewReader(data), spans), NewBytesReplay(data, spans)} {
				var out bytes.Buffer
				w := NewWriter(&out, r.Frame())
				n := 0
				for lo := 0; lo < len(spans); lo += size {
					rr := rp.Range(lo, min(lo+size, len(spans)))
					for {
						o, err := rr.Next()
						if errors.Is(err, io.EOF) {
							break
						}
						if err != nil {
							t.Fatal(err)
						}
						if o.Index() != n {
							t.Fatalf("%s: range from %d yields object %d, want %d", file, lo, o.Index(), n)
						}
						n++
						w.Write(o, nil)
					}
				}
				w.Close()
				want := data
				if filepath.Base(file) == "bundle-empty-list.json" {
					want = r.Frame().empty
				}
				if n != len(spans) || !bytes.Equal(out.Bytes(), want) {
					t.Errorf("%s: replay in ranges of %d differs (%d objects)", file, size, n)
				}
			}
		}
		// Bytes that changed since are an error, never a panic.
		if len(spans) > 0 {
			bad := bytes.Repeat([]byte("x"), len(data))
			if _, err := NewBytesReplay(bad, spans).Next(); err == nil {
				t.Errorf("%s: replay of changed bytes: no error", file)
			}
			if _, err := NewBytesReplay(bad, spans).NextBytes(); err == nil {
				t.Errorf("%s: replay of changed bytes by NextBytes: no error", file)
			}
		}
	}
}

// TestNestedBundle: a bundle where a STIX object must be is an input
// error, in every reading mode and whatever the shape around it, and the
// reader never returns it as an object: passed on as one, the objects it
// holds would leave unjudged. An NDJSON stream of bundles fails at its
// second line.
func TestNestedBundle(t *testing.T) {
	for _, name := range []string{
		"nested-bundle-in-array.json",
		"nested-bundle-in-bundle.json",
		"nested-bundle-in-envelope.json",
		"nested-bundle-escaped-type.json",
		"nested-bundle-without-id.json",
		"ndjson-bundle-line.ndjson",
		"ndjson-of-bundles.ndjson",
	} {
		data, err := os.ReadFile(filepath.Join("testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		for mode, r := range readers(data, nil) {
			var err error
			for {
				var o *Object
				if o, err = r.Next(); err != nil {
					break
				}
				if o.Type() == "bundle" {
					t.Errorf("%s (%s): object %d, a bundle, was returned", name, mode, o.Index())
				}
			}
			var ie *InputError
			if !errors.As(err, &ie) || !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrNotSTIX) {
				t.Errorf("%s (%s): err = %v, want an *InputError", name, mode, err)
				continue
			}
			if !strings.Contains(ie.Msg, "split nested bundles") {
				t.Errorf("%s (%s): the error does not say what to do: %v", name, mode, err)
			}
		}
	}
}

// TestTopLevelBundle: a bundle that is the whole input is framed as one,
// its type escaped or not, with or without objects; its objects are read
// one by one.
func TestTopLevelBundle(t *testing.T) {
	const obj = `{"type":"identity","spec_version":"2.1","id":"identity--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","name":"a"}`
	for _, c := range []struct {
		in string
		n  int
	}{
		{`{"type":"bundle","id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","objects":[` + obj + `]}`, 1},
		{`{"type":"bun\u0064le","id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","objects":[` + obj + `,` + obj + `]}`, 2},
		{`{"id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","objects":[` + obj + `],"type":"bun\u0064le"}`, 1},
		{`{"type":"bun\u0064le","id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70"}`, 0},
	} {
		for mode, r := range readers([]byte(c.in), nil) {
			n := 0
			var err error
			for {
				if _, err = r.Next(); err != nil {
					break
				}
				n++
			}
			if !errors.Is(err, io.EOF) || n != c.n || r.Frame().Kind() != KindBundle {
				t.Errorf("%.60s (%s): %d objects, kind %v, err %v; want %d objects of a bundle", c.in, mode, n, r.Frame().Kind(), err, c.n)
			}
		}
	}
}

// TestReaderReadErrorPositioned: an error from the source itself (not the
// input's content) is returned, wrapped, with the byte after which
// reading stopped.
func TestReaderReadErrorPositioned(t *testing.T) {
	boom := errors.New("connection reset")
	src := io.MultiReader(strings.NewReader(`{"type":"bundle","id":"bundle--6e5e4b4e-6f0c-4a8e-9d5f-0d1a2b3c4d5e","objects":[`), iotest.ErrReader(boom))
	r := NewReader(src, nil)
	_, err := r.Next()
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "after byte 80") {
		t.Errorf("err = %v, want the source's error after byte 80", err)
	}
}
