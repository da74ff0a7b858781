package stix

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/airlock-cti/airlock/redact/redacttest"
)

// TestKnownMembersAgreeWithSearch checks that the well-known members found
// as an object is read (by a Reader, a Replay, Clone and CopyTo) are the
// ones a search of the members finds, escaped names included.
func TestKnownMembersAgreeWithSearch(t *testing.T) {
	inputs := [][]byte{
		redacttest.Bundle(redacttest.Options{Seed: 7, Objects: 300, UnknownRate: 0.02, Prose: true, Victims: 0.2}),
		[]byte(`{"\u0074ype":"indicator","i\u0064":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","spec_version":"2.1",` +
			`"created_by_ref":"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff","object_marking_refs":[],"granular_markings":[]}`),
		[]byte(`{"type":"x-t","id":"x-t--1","x_type":"not it","typ":"nor this"}`),
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "oasis", "*.json"))
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, data)
		}
	}
	names := []string{"type", "id", "spec_version", "created_by_ref", "object_marking_refs", "granular_markings"}
	search := func(o *Object, name string) (Span, bool) {
		c := *o
		c.indexed = false
		return c.ValueSpan(name)
	}
	n := 0
	for _, data := range inputs {
		r := NewBytesReader(data, nil)
		var spans []ObjectSpan
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			spans = append(spans, ObjectSpan{Offset: o.Offset(), Len: len(o.Raw())})
			var copied Object
			o.CopyTo(&copied, nil)
			for _, v := range []*Object{o, o.Clone(), &copied} {
				if !v.indexed {
					t.Fatalf("object %d: not indexed", o.Index())
				}
				for _, name := range names {
					gs, gok := v.ValueSpan(name)
					ws, wok := search(v, name)
					if gs != ws || gok != wok {
						t.Fatalf("object %d: %s: %v %v, search finds %v %v", o.Index(), name, gs, gok, ws, wok)
					}
				}
			}
			n++
		}
		rp := NewBytesReplay(data, spans)
		for {
			o, err := rp.Next()
			if err != nil {
				break
			}
			for _, name := range names {
				gs, gok := o.ValueSpan(name)
				ws, wok := search(o, name)
				if !o.indexed || gs != ws || gok != wok {
					t.Fatalf("replayed object %d: %s: %v %v, search finds %v %v", o.Index(), name, gs, gok, ws, wok)
				}
			}
		}
	}
	if n < 300 {
		t.Fatalf("only %d objects", n)
	}
}
