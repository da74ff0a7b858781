package stix

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestParserMatchesParseObject parses, with one Parser, a run of inputs
// that grow and shrink, good and bad: each result must be ParseObject's,
// whatever the Parser read before.
func TestParserMatchesParseObject(t *testing.T) {
	inputs := []string{
		`{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","spec_version":"2.1","name":"x"}`,
		`{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","objects":[]}`,
		`{"type":"x","id":"x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","a":{"b":[1,2,{"c":"d"}]},"e":"f"}`,
		`{"type":"x","id":"x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","a":1,"a":2}`,
		`{"type":"x"} {"type":"y"}`,
		`{"type":"x","id":"x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","deep":[[[[[[[[[[[[1]]]]]]]]]]]]}`,
	}
	bad, _ := filepath.Glob("testdata/bad/*.json")
	for _, f := range bad {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, string(b))
	}
	// Many members, then few: the scanner's memory grows past its room.
	big := `{"type":"x","id":"x--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"`
	for i := 0; i < 100; i++ {
		big += `,"p` + string(rune('a'+i%26)) + string(rune('a'+i/26)) + `":[{"q":"r"}]`
	}
	inputs = append(inputs, big+"}", inputs[0])
	limits := &ReaderOptions{MaxDepth: 8}
	var p Parser
	for round := 0; round < 2; round++ {
		for k, in := range inputs {
			for _, opts := range []*ReaderOptions{nil, limits} {
				want, werr := ParseObject([]byte(in), opts)
				got, gerr := p.Parse([]byte(in), opts)
				if (werr == nil) != (gerr == nil) || (werr != nil && werr.Error() != gerr.Error()) {
					t.Fatalf("input %d: errors differ: ParseObject %v, Parser %v", k, werr, gerr)
				}
				if werr != nil {
					continue
				}
				if string(got.Raw()) != string(want.Raw()) || got.ID() != want.ID() || got.Type() != want.Type() {
					t.Fatalf("input %d: Parser read %q, ParseObject %q", k, got.Raw(), want.Raw())
				}
				var gl, wl []string
				for l := range got.Leaves() {
					gl = append(gl, l.Path.String()+"="+string(l.Text))
				}
				for l := range want.Leaves() {
					wl = append(wl, l.Path.String()+"="+string(l.Text))
				}
				if len(gl) != len(wl) {
					t.Fatalf("input %d: %d leaves, want %d", k, len(gl), len(wl))
				}
				for i := range gl {
					if gl[i] != wl[i] {
						t.Fatalf("input %d: leaf %d is %s, want %s", k, i, gl[i], wl[i])
					}
				}
			}
		}
	}
}

func BenchmarkParser(b *testing.B) {
	raw := []byte(`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-03-14T09:21:07.000Z","modified":"2026-03-14T09:21:07.000Z","name":"Cobalt Strike team server","description":"Beacon C2 seen in the intrusion.","pattern":"[ipv4-addr:value = '203.0.113.66']","pattern_type":"stix","valid_from":"2026-03-14T09:21:07Z"}`)
	b.Run("ParseObject", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := ParseObject(raw, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Parser", func(b *testing.B) {
		var p Parser
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := p.Parse(raw, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestParseObjectEmptyContainer: a bundle, envelope or list that holds no
// object is no single object either, and says so as an input error, not
// as io.EOF (which a caller reading messages could take for the end of
// its input).
func TestParseObjectEmptyContainer(t *testing.T) {
	for _, in := range []string{
		`[]`,
		`{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","objects":[]}`,
		`{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}`,
		`{"more":false}`,
	} {
		var p Parser
		for _, parse := range []func([]byte, *ReaderOptions) (*Object, error){ParseObject, p.Parse} {
			o, err := parse([]byte(in), nil)
			var ie *InputError
			if o != nil || !errors.As(err, &ie) || errors.Is(err, io.EOF) {
				t.Errorf("%s: got %v, %v; want an input error", in, o, err)
			}
		}
	}
}
