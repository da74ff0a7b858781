package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func inputFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.json", "*.ndjson"} {
		m, _ := filepath.Glob(filepath.Join("testdata", dir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no files in testdata/%s", dir)
	}
	return files
}

var wantKind = map[string]Kind{
	"array-empty.json":              KindArray,
	"array.json":                    KindArray,
	"bundle-compact-type-last.json": KindBundle,
	"bundle-empty-list.json":        KindBundle,
	"bundle-no-objects.json":        KindBundle,
	"bundle-pretty.json":            KindBundle,
	"bundle-stix20.json":            KindBundle,
	"envelope-no-objects.json":      KindEnvelope,
	"envelope.json":                 KindEnvelope,
	"object.json":                   KindObject,
	"stream-crlf.ndjson":            KindNDJSON,
	"stream.ndjson":                 KindNDJSON,
}

// TestFraming reads each shape of input in every reading mode and checks
// that writing all objects back gives the input byte for byte, and that
// writing none, or all but the first, gives the golden output.
func TestFraming(t *testing.T) {
	for _, file := range inputFiles(t, "framing") {
		name := filepath.Base(file)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for mode, r := range readers(data, nil) {
			got, _, err := copyAll(r)
			if err != nil {
				t.Errorf("%s (%s): %v", name, mode, err)
				continue
			}
			want := data
			if name == "bundle-empty-list.json" {
				// An empty objects list is not written back: STIX
				// forbids empty lists, and a bundle may omit objects.
				want = []byte(`{"type":"bundle","id":"bundle--1d1b2d9e-6c5b-4e7e-8b43-1b2e3b0e7f11"}`)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s (%s): round trip differs:\n got %q\nwant %q", name, mode, got, want)
			}
			if k := r.Frame().Kind(); k != wantKind[name] {
				t.Errorf("%s (%s): kind %v, want %v", name, mode, k, wantKind[name])
			}
		}
		golden(t, file+".none", writeSome(t, data, func(int) bool { return false }))
		golden(t, file+".but-first", writeSome(t, data, func(i int) bool { return i > 0 }))
	}
}

// writeSome reads data and writes back the objects keep accepts.
func writeSome(t *testing.T, data []byte, keep func(int) bool) []byte {
	t.Helper()
	r := NewBytesReader(data, nil)
	var out bytes.Buffer
	w := NewWriter(&out, r.Frame())
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if keep(o.Index()) {
			w.Write(o, nil)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Whatever is written must still be valid JSON in the input's shape.
	if r.Frame().Kind() != KindNDJSON && r.Frame().Kind() != KindObject && !json.Valid(out.Bytes()) {
		t.Errorf("output is not valid JSON: %q", out.Bytes())
	}
	if strings.Contains(out.String(), `"objects":[]`) || strings.Contains(out.String(), `"objects": []`) {
		t.Errorf("output has an empty objects list: %q", out.Bytes())
	}
	return out.Bytes()
}

func TestFrameSpecVersion(t *testing.T) {
	data, err := os.ReadFile("testdata/framing/bundle-stix20.json")
	if err != nil {
		t.Fatal(err)
	}
	r := NewBytesReader(data, nil)
	for {
		if _, err := r.Next(); err != nil {
			break
		}
	}
	if v := r.Frame().SpecVersion(); v != "2.0" {
		t.Errorf("SpecVersion() = %q, want 2.0", v)
	}
}

// TestBadInput reads each file of the bad-input catalogue in every reading
// mode. Each must fail with the same error (golden, in <file>.err) however
// the input arrives, an *InputError that never quotes the input's values.
func TestBadInput(t *testing.T) {
	opts := &ReaderOptions{MaxDepth: 32}
	for _, file := range inputFiles(t, "bad") {
		name := filepath.Base(file)
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var msg string
		for mode, r := range readers(data, opts) {
			_, _, err := copyAll(r)
			if err == nil {
				t.Errorf("%s (%s): no error", name, mode)
				continue
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("%s (%s): %T is not an *InputError: %v", name, mode, err, err)
				continue
			}
			if strings.Contains(err.Error(), "planted") || strings.Contains(err.Error(), "secret") {
				t.Errorf("%s (%s): the error quotes the input: %v", name, mode, err)
			}
			if msg == "" {
				msg = err.Error()
			} else if err.Error() != msg {
				t.Errorf("%s: %s gives a different error:\n%s\nthan\n%s", name, mode, err, msg)
			}
		}
		golden(t, file+".err", []byte(msg+"\n"))
	}
}

// TestLimits: each limit holds whether the input is a stream read in
// pieces or bytes already in memory, at the limit and one past it.
func TestLimits(t *testing.T) {
	obj := `{"type":"identity","spec_version":"2.1","id":"identity--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","name":"a"}`
	two := obj + "\n" + strings.Replace(obj, "0f1d6a1e", "1f1d6a1e", 1) + "\n"
	deep := `{"type":"x-deep","id":"x-deep--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","a":{"b":{"c":[1]}}}`
	for _, c := range []struct {
		name, in string
		opts     ReaderOptions
		ok       bool
	}{
		{"size at limit", obj, ReaderOptions{MaxObjectSize: len(obj)}, true},
		{"size past limit", obj, ReaderOptions{MaxObjectSize: len(obj) - 1}, false},
		{"objects at limit", two, ReaderOptions{MaxObjects: 2}, true},
		{"objects past limit", two, ReaderOptions{MaxObjects: 1}, false},
		{"depth at limit", deep, ReaderOptions{MaxDepth: 4}, true}, // the object itself is a level
		{"depth past limit", deep, ReaderOptions{MaxDepth: 3}, false},
	} {
		for _, r := range []*Reader{NewReader(strings.NewReader(c.in), &c.opts), NewBytesReader([]byte(c.in), &c.opts)} {
			var err error
			for err == nil {
				_, err = r.Next()
			}
			if ok := err == io.EOF; ok != c.ok {
				t.Errorf("%s: err = %v", c.name, err)
			}
			if !c.ok && !errors.Is(err, ErrLimit) {
				t.Errorf("%s: err = %v, want ErrLimit", c.name, err)
			}
		}
	}
}

// TestIdentifiers: with ReaderOptions.Identifiers, an object whose type
// is no type name, or whose id is no identifier of its type, is an error
// at the member, in a bundle and on its own; without it, it is read (for
// Validate to report).
func TestIdentifiers(t *testing.T) {
	const id = "note--a1b2c3d4-0003-4000-8000-000000000002"
	obj := func(typ, id string) string {
		return `{"type":"` + typ + `","spec_version":"2.1","id":"` + id + `","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","content":"c","object_refs":["malware--a1b2c3d4-0003-4000-8000-000000000001"]}`
	}
	for _, c := range []struct {
		name, obj, at string // at: the pointer of the error, "" for none
	}{
		{"identifier", obj("note", id), ""},
		{"upper-case UUID", obj("note", "note--A1B2C3D4-0003-4000-8000-00000000000A"), ""},
		{"escaped", obj(`n\u006fte`, `n\u006fte--a1b2c3d4-0003-4000-8000-000000000002`), ""},
		{"id of another type", obj("indicator", id), "/id"},
		{"upper-case type in the id", obj("note", "NOTE--a1b2c3d4-0003-4000-8000-000000000002"), "/id"},
		{"no UUID", obj("identity", "identity--acme-bank"), "/id"},
		{"no type in the id", obj("note", "a1b2c3d4-0003-4000-8000-000000000002"), "/id"},
		{"short UUID", obj("note", "note--a1b2c3d4-0003-4000-8000-00000000002"), "/id"},
		{"type not a type name", obj("Note", "Note--a1b2c3d4-0003-4000-8000-000000000002"), "/type"},
		{"empty type", obj("", "--a1b2c3d4-0003-4000-8000-000000000002"), "/type"},
	} {
		for _, in := range []struct{ doc, ptr string }{
			{c.obj, c.at},
			{`{"type":"bundle","id":"bundle--a1b2c3d4-0003-4000-8000-0000000000ff","objects":[` + c.obj + `]}`, "/objects/0" + c.at},
		} {
			for mode, r := range readers([]byte(in.doc), &ReaderOptions{Identifiers: true}) {
				_, _, err := copyAll(r)
				var ie *InputError
				switch {
				case c.at == "" && err != nil:
					t.Errorf("%s (%s): %v", c.name, mode, err)
				case c.at == "":
				case !errors.As(err, &ie) || !errors.Is(err, ErrNotSTIX) || ie.Pointer != in.ptr || ie.Object != 0:
					t.Errorf("%s (%s): err %v, want ErrNotSTIX at object 0, %s", c.name, mode, err, in.ptr)
				}
			}
			if _, _, err := copyAll(NewBytesReader([]byte(in.doc), nil)); err != nil {
				t.Errorf("%s, without Identifiers: %v", c.name, err)
			}
		}
	}
}

func TestDetectKind(t *testing.T) {
	obj := `{"type":"identity","spec_version":"2.1","id":"identity--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","name":"a"}`
	for _, c := range []struct {
		in   string
		want Kind
	}{
		{obj, KindObject},
		{obj + "\n", KindObject},
		{obj + "\n" + obj + "\n", KindNDJSON},
		{`{"type":"bundle","id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","objects":[` + obj + `]}`, KindBundle},
		{`{"type":"bundle","id":"bundle--0f1d6a1e-8f31-4a5d-9c52-1b3c4d5e6f70","objects":[]}`, KindBundle},
		{`{"objects":[` + obj + `],"more":false}`, KindEnvelope},
		{`[` + obj + `]`, KindArray},
	} {
		if got, err := DetectKind([]byte(c.in)); err != nil || got != c.want {
			t.Errorf("%.40s: %v, %v; want %v", c.in, got, err, c.want)
		}
	}
	var ie *InputError
	if _, err := DetectKind([]byte(obj + "\n{")); !errors.As(err, &ie) {
		t.Errorf("a broken second line: %v", err)
	}
}

// TestErrorsHideNames: an input error names a member by its name only
// when that is a property name in form at an object's top level, or a
// name STIX defines below it; any other name (an email address or a
// person's name as a dictionary key, one with a line break and a terminal
// escape that would forge a line of a log) is written as "[REDACTED KEY]",
// in the pointer and in the message (found by bug hunts: errors quoted
// them).
func TestErrorsHideNames(t *testing.T) {
	const head = `{"type":"note","spec_version":"2.1","id":"note--a1b2c3d4-0003-4000-8000-000000000002","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","content":"c","object_refs":["malware--a1b2c3d4-0003-4000-8000-000000000001"]`
	const forged = `a\u000aairlock: verify: nothing policy p forbids\u001b[2K`
	for _, c := range []struct {
		name, obj, ptr string
		kind           error
	}{
		{"duplicate key", head + `,"x_c":{"jane.doe@example.org":1,"jane.doe@example.org":2}}`, "/x_c/[REDACTED KEY]", ErrDuplicateName},
		{"forged log line", head + `,"x_c":{"` + forged + `":1,"` + forged + `":2}}`, "/x_c/[REDACTED KEY]", ErrDuplicateName},
		{"NaN", head + `,"x_c":{"jane.doe@example.org":{"value":NaN}}}`, "/x_c/[REDACTED KEY]/value", ErrSyntax},
		{"name as a key", head + `,"x_c":{"jane_doe":1,"jane_doe":2}}`, "/x_c/[REDACTED KEY]", ErrDuplicateName},
		{"name as a key, NaN", head + `,"x_c":{"jane":{"janedoe":NaN}}}`, "/x_c/[REDACTED KEY]/[REDACTED KEY]", ErrSyntax},
		{"top-level NaN", head + `,"x_c":NaN}`, "/x_c", ErrSyntax},
		{"invalid UTF-8", head + `,"x_c":{"jane.doe@example.org":["` + "\xff" + `"]}}`, "/x_c/[REDACTED KEY]/0", ErrEncoding},
		{"top-level duplicate", head + `,"x_jane.doe@example.org":1,"x_jane.doe@example.org":2}`, "/[REDACTED KEY]", ErrDuplicateName},
		{"reference not a string", head + `,"jane.doe@example.org_ref":5}`, "/[REDACTED KEY]", ErrNotSTIX},
		{"defined names shown", head + `,"external_references":[{"source_name":"a","source_name":"b"}]}`, "/external_references/0/source_name", ErrDuplicateName},
	} {
		for _, in := range []struct{ doc, ptr string }{
			{c.obj, c.ptr},
			{`{"type":"bundle","id":"bundle--a1b2c3d4-0003-4000-8000-0000000000ff","objects":[` + c.obj + `]}`, "/objects/0" + c.ptr},
		} {
			for mode, r := range readers([]byte(in.doc), nil) {
				_, _, err := copyAll(r)
				var ie *InputError
				if !errors.As(err, &ie) || !errors.Is(err, c.kind) || ie.Pointer != in.ptr {
					t.Errorf("%s (%s): err %v, want %v at %s", c.name, mode, err, c.kind, in.ptr)
					continue
				}
				if msg := err.Error(); strings.Contains(msg, "jane") || strings.ContainsAny(msg, "\n\x1b") {
					t.Errorf("%s (%s): the error quotes a name: %q", c.name, mode, msg)
				}
			}
		}
	}
	// The bundle's own members, the same.
	doc := `{"type":"bundle","id":"bundle--a1b2c3d4-0003-4000-8000-0000000000ff","jane.doe@example.org":1,"jane.doe@example.org":2,"objects":[]}`
	for mode, r := range readers([]byte(doc), nil) {
		_, _, err := copyAll(r)
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrDuplicateName) || ie.Pointer != "/[REDACTED KEY]" {
			t.Errorf("bundle member (%s): err %v", mode, err)
		}
	}
	// Below a bundle's own member, a key is hidden as below an object's.
	doc = `{"type":"bundle","id":"bundle--a1b2c3d4-0003-4000-8000-0000000000ff","x_meta":{"jane_doe":NaN},"objects":[]}`
	for mode, r := range readers([]byte(doc), nil) {
		_, _, err := copyAll(r)
		var ie *InputError
		if !errors.As(err, &ie) || !errors.Is(err, ErrSyntax) || ie.Pointer != "/x_meta/[REDACTED KEY]" {
			t.Errorf("below a bundle member (%s): err %v", mode, err)
		}
	}
}
