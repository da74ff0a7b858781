package stix

import (
	"bytes"
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
	n := eachObject(inputs, func(o *Object) {
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
	})
	if n < 300 {
		t.Fatalf("only %d objects read", n)
	}
}

// TestLeafScanner checks that a LeafScanner, reused from object to object,
// yields what Leaves yields less the members Skip names, at any depth.
func TestLeafScanner(t *testing.T) {
	data := redacttest.Bundle(redacttest.Options{Seed: 7, Objects: 300, UnknownRate: 0.02, Prose: true, Victims: 0.2})
	deep := []byte(`{"type":"x-t","id":"x-t--1","a":` + strings.Repeat(`{"k\u00e9":[`, 20) + `"deep"` + strings.Repeat(`]}`, 20) + `,"b":[{"id":"x"},"y"]}`)
	skipped := map[string]bool{"id": true, "created": true, "kill_chain_phases": true, "description": true, "ké": true}
	leaves := func(seq func(func(*Leaf) bool), skip bool) []string {
		var out []string
		for l := range seq {
			kept := true
			for _, st := range l.Path {
				if skip && !st.IsIndex() && skipped[st.Key] {
					kept = false
				}
			}
			if kept {
				out = append(out, l.Path.Pointer()+" "+string(l.Text))
			}
		}
		return out
	}
	var all, some LeafScanner
	some.Skip = func(name string) bool { return skipped[name] }
	n, cut := 0, 0
	for _, in := range [][]byte{data, deep} {
		r := NewBytesReader(in, nil)
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			want := leaves(o.Leaves(), false)
			if got := leaves(all.Leaves(o), false); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("object %d, no Skip:\n%s\nwant\n%s", o.Index(), strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			wantSome := leaves(o.Leaves(), true)
			if got := leaves(some.Leaves(o), false); strings.Join(got, "\n") != strings.Join(wantSome, "\n") {
				t.Fatalf("object %d, Skip:\n%s\nwant\n%s", o.Index(), strings.Join(got, "\n"), strings.Join(wantSome, "\n"))
			}
			n++
			cut += len(want) - len(wantSome)
		}
	}
	if n < 300 || cut == 0 {
		t.Fatalf("%d objects, %d leaves skipped: the test tests nothing", n, cut)
	}
	// With Names, member names come too, each before its value's strings,
	// the names of skipped members included, and the values are the same.
	names := LeafScanner{Skip: some.Skip, Names: true}
	named, namedSkipped := 0, 0
	eachObject([][]byte{data, deep}, func(o *Object) {
		var values []string
		for l := range names.Leaves(o) {
			if !l.Name {
				values = append(values, l.Path.Pointer()+" "+string(l.Text))
				continue
			}
			step := l.Path[len(l.Path)-1]
			for _, st := range l.Path[:len(l.Path)-1] {
				if !st.IsIndex() && skipped[st.Key] {
					t.Fatalf("object %d: name leaf %s inside a skipped member", o.Index(), l.Path)
				}
			}
			if step.IsIndex() || step.Key != string(l.Text) || unquote(o.raw[l.Span.Start:l.Span.End]) != step.Key {
				t.Fatalf("object %d: name leaf %s at %v: %q", o.Index(), l.Path, l.Span, l.Text)
			}
			named++
			if skipped[step.Key] {
				namedSkipped++
			}
		}
		if want := leaves(o.Leaves(), true); strings.Join(values, "\n") != strings.Join(want, "\n") {
			t.Fatalf("object %d, Names: values\n%s\nwant\n%s", o.Index(), strings.Join(values, "\n"), strings.Join(want, "\n"))
		}
	})
	if named < 1000 || namedSkipped == 0 {
		t.Fatalf("only %d names yielded, %d of skipped members", named, namedSkipped)
	}
	o, err := ParseObject([]byte(`{"type":"indicator","id":"indicator--1","name":"n","labels":["a","b"],"kill_chain_phases":[{"phase_name":"p"}]}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(100, func() {
		for range some.Leaves(o) {
		}
	}); a != 0 {
		t.Errorf("a reused LeafScanner allocates %.0f times a walk", a)
	}
}

// TestLeafScannerNamesOnly checks that inside a member NamesOnly names,
// only member names are yielded, at any depth, and that the walk after it
// is as before.
func TestLeafScannerNamesOnly(t *testing.T) {
	o, err := ParseObject([]byte(`{"type":"file","id":"file--1","hashes":{"MD5":"aa","x@y.example":"bb","n":{"k":["cc"]}},"name":"f","x":{"hashes":{"k2":"dd"}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := LeafScanner{Names: true, NamesOnly: func(name string) bool { return name == "hashes" }}
	var got []string
	for l := range s.Leaves(o) {
		kind := "value"
		if l.Name {
			kind = "name"
		}
		got = append(got, kind+" "+l.Path.Pointer()+" "+string(l.Text))
	}
	want := []string{
		"name /type type", "value /type file", "name /id id", "value /id file--1",
		"name /hashes hashes", "name /hashes/MD5 MD5", "name /hashes/x@y.example x@y.example",
		"name /hashes/n n", "name /hashes/n/k k",
		"name /name name", "value /name f",
		"name /x x", "name /x/hashes hashes", "name /x/hashes/k2 k2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Without Names, the member's inside yields nothing at all.
	s.Names = false
	got = got[:0]
	for l := range s.Leaves(o) {
		got = append(got, l.Path.Pointer())
	}
	if want := "/type /id /name"; strings.Join(got, " ") != want {
		t.Fatalf("got %q, want %q", strings.Join(got, " "), want)
	}
}

// TestLeafScannerUnless: a member Skip names is walked after all when
// Unless says its value breaks the promise of its name, at any depth; the
// others stay skipped, and the walk goes on as before.
func TestLeafScannerUnless(t *testing.T) {
	o, err := ParseObject([]byte(`{"type":"note","id":"note--1","created":"2026-01-01T00:00:00Z","modified":"jane.doe@example.org","x":{"created": ["a",{"b":"c"}] , "modified":"2026-01-01T00:00:00Z"},"content":"c"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	var asked []string
	s := LeafScanner{
		Skip: func(name string) bool { return name == "id" || name == "created" || name == "modified" },
		Unless: func(name string, v []byte) bool {
			asked = append(asked, name+"="+string(v))
			return !bytes.HasPrefix(v, []byte(`"2026-`))
		},
	}
	var got []string
	for l := range s.Leaves(o) {
		got = append(got, l.Path.Pointer()+" "+string(l.Text))
	}
	want := []string{"/type note", "/id note--1", "/modified jane.doe@example.org", "/x/created/0 a", "/x/created/1/b c", "/content c"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantAsked := []string{`id="note--1"`, `created="2026-01-01T00:00:00Z"`, `modified="jane.doe@example.org"`, `created=["a",{"b":"c"}]`, `modified="2026-01-01T00:00:00Z"`}
	if strings.Join(asked, " ") != strings.Join(wantAsked, " ") {
		t.Errorf("Unless asked about\n%s\nwant\n%s", strings.Join(asked, " "), strings.Join(wantAsked, " "))
	}
}

// TestLeafScannerCustomNames: with CustomNames, the names of the
// properties STIX defines are left out, at any depth (a dictionary key
// "name" included); every name a writer chose is yielded, plain letters
// and digits too (a card number, a login fit the characters STIX allows
// in keys), and so is a STIX name written with escapes.
func TestLeafScannerCustomNames(t *testing.T) {
	o, err := ParseObject([]byte(`{"type":"note","id":"note--1","content":"c","x_owner":{"jane.doe@example.org":"o","4111111111111111":"c","jdoe":"l","name":"n"},"hashes":{"SHA-256":"aa"},"extensions":{"x509_v3_extensions":{}},"descr\u0069ption":"d"}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	s := LeafScanner{Names: true, CustomNames: true}
	var got []string
	for l := range s.Leaves(o) {
		if l.Name {
			got = append(got, string(l.Text))
		}
	}
	want := "x_owner jane.doe@example.org 4111111111111111 jdoe SHA-256 description"
	if strings.Join(got, " ") != want {
		t.Fatalf("names yielded: %q, want %q", strings.Join(got, " "), want)
	}
}
