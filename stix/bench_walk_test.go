package stix

import (
	"testing"
)

// The walks' benchmarks of record: what the redactor does to every object
// after reading it, on the objects of the reader benchmarks' inputs (read
// beforehand):
//
//	go test ./stix -run '^$' -bench 'Walk' -cpu 1 -count 3

// walkObjects reads the objects of data, each a clone.
func walkObjects(b *testing.B, data []byte) []*Object {
	var objs []*Object
	r := NewBytesReader(data, nil)
	for {
		o, err := r.Next()
		if err != nil {
			break
		}
		objs = append(objs, o.Clone())
	}
	return objs
}

// BenchmarkWalk measures, per input: the string leaves (Object.Leaves),
// the references (RefScanner.Refs), the markings (ObjectMarkingRefs,
// GranularMarkings), resolving every granular marking's selectors, an
// Editor that replaces every third leaf and deletes the granular markings
// and the first label
// (Reset, Replace, Delete, Apply), ValidateObject, and ParseObject.
func BenchmarkWalk(b *testing.B) {
	for _, in := range markedInputs(b) {
		objs := walkObjects(b, in.data)
		run := func(name string, fn func(o *Object)) {
			b.Run(in.name+"/"+name, func(b *testing.B) {
				b.SetBytes(int64(len(in.data)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					for _, o := range objs {
						fn(o)
					}
				}
			})
		}
		run("leaves", func(o *Object) {
			for l := range o.Leaves() {
				_ = l
			}
		})
		var rs RefScanner
		run("refs", func(o *Object) { rs.Refs(o) })
		run("markings", func(o *Object) {
			o.ObjectMarkingRefs()
			o.GranularMarkings()
		})
		run("resolve", func(o *Object) {
			for _, gm := range o.GranularMarkings() {
				for _, s := range gm.Selectors {
					if sel, err := ParseSelector(s); err == nil {
						sel.Resolve(o.Raw())
					}
				}
			}
		})
		e := NewEditor(nil)
		var out []byte
		redacted := []byte(`"REDACTED"`)
		granular, firstLabel := Path{Key("granular_markings")}, Path{Key("labels"), Index(0)}
		run("edit", func(o *Object) {
			e.Reset(o)
			n := 0
			for l := range o.Leaves() {
				if n%3 == 0 {
					e.Replace(l.Span, redacted)
				}
				n++
			}
			if o.Has("granular_markings") {
				e.Delete(granular)
			}
			if o.Has("labels") {
				e.Delete(firstLabel)
			}
			var err error
			if out, _, err = e.Apply(out[:0]); err != nil {
				b.Fatal(err)
			}
		})
		run("validate", func(o *Object) { ValidateObject(o) })
		run("parse", func(o *Object) {
			if _, err := ParseObject(o.Raw(), nil); err != nil {
				b.Fatal(err)
			}
		})
	}
}
