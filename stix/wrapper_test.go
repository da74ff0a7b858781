package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// stripCopy reads data and writes the objects keep accepts back with the
// frame stripped of the wrapper's other members, which it returns too.
func stripCopy(t *testing.T, r *Reader, keep func(int) bool) ([]byte, []string) {
	t.Helper()
	var objs []*Object
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o.Clone())
	}
	f, others := r.Frame().Strip()
	var out bytes.Buffer
	w := NewWriter(&out, f)
	for _, o := range objs {
		if keep(o.Index()) {
			w.Write(o, nil)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), others
}

// TestFrameStrip: the wrapper's members that STIX and TAXII do not define
// for it are left out, wherever they stand, whatever their value, however
// their names are written; what stays keeps its bytes, and the objects
// theirs.
func TestFrameStrip(t *testing.T) {
	const obj = `{"type":"identity","spec_version":"2.1","id":"identity--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","name":"a"}`
	const id = `"id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70"`
	for _, c := range []struct {
		name, in, want, empty string
		others                []string
	}{
		{"before objects", `{"type":"bundle",` + id + `,"x_note":"planted secret","objects":[` + obj + `]}`,
			`{"type":"bundle",` + id + `,"objects":[` + obj + `]}`, `{"type":"bundle",` + id + `}`, []string{"x_note"}},
		{"after objects", `{"type":"bundle",` + id + `,"objects":[` + obj + `],"x_note":{"a":["planted"]}}`,
			`{"type":"bundle",` + id + `,"objects":[` + obj + `]}`, `{"type":"bundle",` + id + `}`, []string{"x_note"}},
		{"first, escaped", `{"x_n\u006fte":"planted","type":"bundle",` + id + `,"objects":[` + obj + `]}`,
			`{"type":"bundle",` + id + `,"objects":[` + obj + `]}`, `{"type":"bundle",` + id + `}`, []string{"x_note"}},
		{"around objects", "{\n  \"type\": \"bundle\",\n  " + id + ",\n  \"x_a\": 1,\n  \"objects\": [\n    " + obj + "\n  ],\n  \"x_b\": [2],\n  \"created\": \"planted\"\n}\n",
			"{\n  \"type\": \"bundle\",\n  " + id + ",\n  \"objects\": [\n    " + obj + "\n  ]\n}\n", "{\n  \"type\": \"bundle\",\n  " + id + "\n}\n", []string{"x_a", "x_b", "created"}},
		{"objects first", `{"objects":[` + obj + `],"x_a":true,"type":"bundle",` + id + `}`,
			`{"objects":[` + obj + `],"type":"bundle",` + id + `}`, `{"type":"bundle",` + id + `}`, []string{"x_a"}},
		{"spec_version 2.1", `{"type":"bundle",` + id + `,"spec_version":"2.1","objects":[` + obj + `]}`,
			`{"type":"bundle",` + id + `,"objects":[` + obj + `]}`, `{"type":"bundle",` + id + `}`, []string{"spec_version"}},
		{"spec_version 2.0", `{"type":"bundle",` + id + `,"spec_version":"2.0","objects":[` + obj + `]}`,
			`{"type":"bundle",` + id + `,"spec_version":"2.0","objects":[` + obj + `]}`, `{"type":"bundle",` + id + `,"spec_version":"2.0"}`, nil},
		{"no objects", `{"type":"bundle",` + id + ` ,"x_note":"planted" }`,
			``, `{"type":"bundle",` + id + `}`, []string{"x_note"}},
		{"envelope", `{"more":"planted","next":"p2","objects":[` + obj + `]}`,
			`{"next":"p2","objects":[` + obj + `]}`, `{"next":"p2"}`, []string{"more"}},
		{"envelope kept", `{"more":true,"next":"p2","objects":[` + obj + `]}`,
			`{"more":true,"next":"p2","objects":[` + obj + `]}`, `{"more":true,"next":"p2"}`, nil},
	} {
		for mode, r := range readers([]byte(c.in), nil) {
			got, others := stripCopy(t, r, func(int) bool { return true })
			if c.want == "" {
				c.want = c.empty
			}
			if string(got) != c.want || !slices.Equal(others, c.others) {
				t.Errorf("%s (%s): got %s, %q\nwant %s, %q", c.name, mode, got, others, c.want, c.others)
			}
			if !json.Valid(got) || strings.Contains(string(got), "planted") {
				t.Errorf("%s (%s): output %s", c.name, mode, got)
			}
		}
		empty, _ := stripCopy(t, NewBytesReader([]byte(c.in), nil), func(int) bool { return false })
		if string(empty) != c.empty {
			t.Errorf("%s: with no objects, got %s, want %s", c.name, empty, c.empty)
		}
	}
}

// TestFrameStripStandard: a wrapper with only the members STIX and TAXII
// define is not touched; Strip returns the frame itself.
func TestFrameStripStandard(t *testing.T) {
	files := inputFiles(t, "framing")
	more, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	for _, file := range append(files, more...) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := NewBytesReader(data, nil)
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
		if f, others := r.Frame().Strip(); f != r.Frame() || others != nil {
			t.Errorf("%s: Strip left out %q", filepath.Base(file), others)
		}
	}
	if f := NewFrame(KindBundle, "bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70"); f.ID() != "bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70" {
		t.Errorf("NewFrame: ID() = %q", f.ID())
	}
}
