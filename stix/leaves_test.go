package stix

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/redact/redacttest"
)

// walkLeaves lists leaves the general way, with walk: the reference that
// Leaves' single-pass walker must agree with.
func walkLeaves(o *Object) []string {
	var out []string
	walk(o.raw, 0, nil, func(p Path, s Span) walkStep {
		if o.raw[s.Start] == '"' {
			out = append(out, p.Pointer()+" "+string(o.raw[s.Start:s.End])+" "+unquote(o.raw[s.Start:s.End]))
		}
		return walkInto
	})
	return out
}

// TestLeavesAgreesWithWalk compares Leaves with walk on the generated
// marked bundle, the corpus when present, and objects nested deeper than
// the walker's preallocated path, and checks that stopping early stops.
func TestLeavesAgreesWithWalk(t *testing.T) {
	inputs := [][]byte{
		redacttest.Bundle(redacttest.Options{Seed: 7, Objects: 300, UnknownRate: 0.02, Prose: true, Victims: 0.2}),
		[]byte(`{"type":"x-t","id":"x-t--1","a":` + strings.Repeat(`{"k\u00e9":[`, 20) + `"deep \"\\\\"` + strings.Repeat(`]}`, 20) + ` , "b" : [ 1 , "x" , { } , [ ] , null ] }`),
	}
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
			want := walkLeaves(o)
			var got []string
			for l := range o.Leaves() {
				s := o.raw[l.Span.Start:l.Span.End]
				got = append(got, l.Path.Pointer()+" "+string(s)+" "+string(l.Text))
				if l.Escaped != strings.Contains(string(s), `\`) {
					t.Fatalf("object %d: %s: Escaped %v", o.Index(), l.Path, l.Escaped)
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("object %d: Leaves\n%s\nwalk\n%s", o.Index(), strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(want) > 2 {
				k := 0
				for range o.Leaves() {
					if k++; k == 2 {
						break
					}
				}
			}
			n++
		}
	}
	if n < 300 {
		t.Fatalf("only %d objects read", n)
	}
}
