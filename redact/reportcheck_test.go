package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// reportCheckInputs are the repository's inputs the report checker runs
// on: the sample reports, the golden inputs and the example policies'
// test inputs (and the OASIS corpus when not short).
func reportCheckInputs(t *testing.T) []string {
	var files []string
	for _, g := range []string{"../testdata/reports/*.json", "../testdata/golden/*/input.json", "../examples/policies/tests/*.json"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	if !testing.Short() {
		fs, _ := filepath.Glob("../../shared/corpus/oasis/*.json")
		files = append(files, fs...)
	}
	return files
}

// rawObjects reads the objects of a STIX input, in order.
func rawObjects(t *testing.T, b []byte) [][]byte {
	t.Helper()
	var out [][]byte
	if len(bytes.TrimSpace(b)) == 0 {
		return out // a single object dropped leaves nothing
	}
	r := stix.NewBytesReader(b, nil)
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, bytes.Clone(o.Raw()))
	}
}

// TestReportAgreesWithOutput checks, for every example policy on the
// repository's inputs, that every number and decision in the report is
// what the output holds: objects in and out, dropped objects absent
// (their ids nowhere in the output when no version of them stays),
// renamed objects present under their new id and their old one gone,
// changed objects exactly those whose bytes differ, objects added, and
// the counts by rule, action and kind those of the decisions.
func TestReportAgreesWithOutput(t *testing.T) {
	policies, _ := filepath.Glob("../examples/policies/*.yaml")
	inputs := reportCheckInputs(t)
	if len(policies) == 0 || len(inputs) == 0 {
		t.Fatal("no example policies or inputs")
	}
	for _, pf := range policies {
		p, err := policy.LoadFile(pf)
		if err != nil {
			t.Fatal(err)
		}
		dests := []string{""}
		if p.Jurisdictions != nil {
			for _, r := range p.Jurisdictions.Rules {
				dests = append(dests, r.Destinations.In...)
			}
		}
		for _, dest := range dests {
			rd, err := Compile(p, &Options{Key: goldenKey, Destination: dest})
			if err != nil {
				continue // a destination the policy refuses (a group): its tests say so
			}
			for _, in := range inputs {
				src, err := os.ReadFile(in)
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Base(pf) + " to " + dest + " on " + strings.TrimPrefix(in, "../")
				out, rep, err := rd.RedactBytes(context.Background(), src)
				if err != nil {
					continue // a policy that refuses an input says so elsewhere
				}
				checkReport(t, name, rd, src, out, rep, false)
				checkExplanation(t, name, rd, src, rep)

				// In windows of three objects: NDJSON, compacted, the
				// objects airlock adds after the first window needing them.
				var w bytes.Buffer
				rep = &Report{}
				sum, err := rd.RedactStream(context.Background(), &w, bytes.NewReader(src), &WindowOptions{Objects: 3}, ReporterFunc(func(d Decision) error {
					rep.Decisions = append(rep.Decisions, d)
					return nil
				}))
				if err != nil {
					t.Errorf("%s: in windows: %v", name, err)
					continue
				}
				rep.Summary = *sum
				checkReport(t, name+", in windows", rd, src, w.Bytes(), rep, true)
			}
		}
	}
}

// checkReport compares rep with what out holds, src being the input.
// Windowed output is compacted, and holds the objects airlock adds where
// a window first needed them.
func checkReport(t *testing.T, name string, rd *Redactor, src, out []byte, rep *Report, windowed bool) {
	t.Helper()
	ins, outs := rawObjects(t, src), rawObjects(t, out)
	if rep.ObjectsIn != len(ins) || rep.ObjectsOut != len(outs) {
		t.Errorf("%s: report says %d objects in and %d out; input holds %d, output %d", name, rep.ObjectsIn, rep.ObjectsOut, len(ins), len(outs))
		return
	}

	// The counts are the decisions'.
	byRule, byAction, byKind := map[string]int{}, map[string]int{}, map[string]int{}
	for _, d := range rep.Decisions {
		byRule[d.Rule]++
		byAction[d.Action]++
		if d.Kind != "" {
			byKind[d.Kind]++
		}
	}
	for _, c := range []struct {
		what      string
		got, want map[string]int
	}{{"by_rule", rep.ByRule, byRule}, {"by_action", rep.ByAction, byAction}, {"by_kind", rep.ByKind, byKind}} {
		if !maps.Equal(c.got, c.want) && (len(c.got) > 0 || len(c.want) > 0) {
			t.Errorf("%s: %s is %v; the decisions count %v", name, c.what, c.got, c.want)
		}
	}

	// Each input object's decisions, by the name decisions give it.
	nameOf := func(raw []byte) string {
		id, typ := memberString(raw, "id"), memberString(raw, "type")
		if isSCO(typ) {
			return "sco:" + rd.keys.fingerprintOf([]byte(id))
		}
		return id
	}
	type fate struct {
		drops, renames int
		newID          string
		decided        bool
	}
	fates := map[string]*fate{}
	added := map[string]bool{}
	for _, d := range rep.Decisions {
		if d.Action == ActionAdd {
			added[d.Object] = true
			continue
		}
		f := fates[d.Object]
		if f == nil {
			f = &fate{}
			fates[d.Object] = f
		}
		f.decided = true
		switch {
		case d.Action == ActionDrop:
			f.drops++
		case d.Action == ActionRename && d.Path == "":
			f.renames++
			f.newID = d.NewID
		}
	}

	// Input objects not dropped come out in input order, then the
	// objects airlock adds.
	dropped, changed := 0, 0
	kept := map[string]bool{} // ids some version of which leaves under that id
	// gone are the ids some version of which was dropped or renamed, each
	// with the index of the first output object after it: in windows an
	// object written before one it refers to was judged cannot name it
	// rightly (a Session's guarantee), so only those after are checked.
	gone := map[string]int{}
	k := 0
	seen := map[string]int{} // how many versions of a name were met
	for _, raw := range ins {
		n := nameOf(raw)
		id := memberString(raw, "id")
		seen[n]++
		f := fates[n]
		if f == nil {
			f = &fate{}
		}
		// Versions share an id: the drops are spent on the first met.
		if f.drops > 0 {
			f.drops--
			dropped++
			gone[id] = k
			continue
		}
		if k >= len(outs) {
			t.Errorf("%s: %s is not dropped, and the output has no object for it", name, n)
			return
		}
		for windowed && k < len(outs) && added[memberString(outs[k], "id")] {
			k++
		}
		if k >= len(outs) {
			t.Errorf("%s: %s is not dropped, and the output has no object for it", name, n)
			return
		}
		o := outs[k]
		k++
		outID := memberString(o, "id")
		switch {
		case f.newID != "" && !isSCO(memberString(raw, "type")):
			if outID != f.newID {
				t.Errorf("%s: %s renamed to %s, but the output object in its place is %s", name, n, f.newID, outID)
			}
			gone[id] = k
		case isSCO(memberString(raw, "type")):
			// An SCO's id follows its value.
			if outID != id {
				gone[id] = k
			} else {
				kept[id] = true
			}
		default:
			if outID != id {
				t.Errorf("%s: %s has no rename decision, but the output object in its place is %s", name, n, outID)
			}
			kept[id] = true
		}
		if windowed && bytes.ContainsAny(raw, "\r\n") {
			var c bytes.Buffer
			if err := json.Compact(&c, raw); err != nil {
				t.Fatal(err)
			}
			raw = c.Bytes()
		}
		if !bytes.Equal(o, raw) {
			changed++
			if !f.decided {
				t.Errorf("%s: %s changed without a decision", name, n)
			}
		}
	}
	for n, f := range fates {
		if f.drops > 0 {
			t.Errorf("%s: %d drop decisions for %s name no input object", name, f.drops, n)
		}
	}
	if rep.Dropped != dropped {
		t.Errorf("%s: report says %d dropped; the decisions drop %d", name, rep.Dropped, dropped)
	}
	if rep.Changed != changed {
		t.Errorf("%s: report says %d changed; %d objects leave with other bytes", name, rep.Changed, changed)
	}
	addedOut := 0
	for _, o := range outs {
		if added[memberString(o, "id")] {
			addedOut++
		}
	}
	if rep.Added != len(added) || addedOut != len(added) {
		t.Errorf("%s: report says %d added, in %d add decisions; the output holds %d of them", name, rep.Added, len(added), addedOut)
	}
	if rep.ObjectsOut != rep.ObjectsIn-rep.Dropped+rep.Added {
		t.Errorf("%s: report says %d in, %d dropped, %d added, but %d out", name, rep.ObjectsIn, rep.Dropped, rep.Added, rep.ObjectsOut)
	}
	for _, o := range outs[k:] {
		if id := memberString(o, "id"); !added[id] {
			t.Errorf("%s: output object %s is neither an input object nor reported added", name, id)
		}
	}
	for id, after := range gone {
		if !windowed {
			after = 0
		}
		if kept[id] {
			continue
		}
		for _, o := range outs[after:] {
			if bytes.Contains(o, []byte(id)) {
				t.Errorf("%s: %s was dropped or renamed, and %s still names it", name, id, memberString(o, "id"))
			}
		}
	}
}

// checkExplanation checks that Explain shows every decision of the run
// its summary counts, no more and no fewer: those about the wrapper, each
// object's, and the objects added.
func checkExplanation(t *testing.T, name string, rd *Redactor, src []byte, rep *Report) {
	t.Helper()
	ex, err := rd.Explain(context.Background(), src)
	if err != nil {
		t.Errorf("%s: explain: %v", name, err)
		return
	}
	shown := append([]Decision(nil), ex.Wrapper...)
	for _, o := range ex.Objects {
		shown = append(shown, o.Decisions...)
	}
	count := func(ds []Decision) map[Decision]int {
		m := map[Decision]int{}
		for _, d := range ds {
			if d.Action != ActionAdd { // shown as the objects in Added
				m[d]++
			}
		}
		return m
	}
	if got, want := count(shown), count(rep.Decisions); !maps.Equal(got, want) {
		t.Errorf("%s: explain shows decisions %v;\nthe run made %v", name, got, want)
	}
	if len(ex.Added) != ex.Summary.Added || ex.Summary.Added != rep.Added {
		t.Errorf("%s: explain shows %d objects added, counts %d; the run added %d", name, len(ex.Added), ex.Summary.Added, rep.Added)
	}
	n := 0
	for _, c := range ex.Summary.ByRule {
		n += c
	}
	if n != len(shown)+len(ex.Added) {
		t.Errorf("%s: explain counts %d decisions by rule and shows %d", name, n, len(shown)+len(ex.Added))
	}
}

// TestExplainShowsWrapperDecisions: a member of a bundle STIX does not
// define does not leave, and the explanation, whose summary counts that
// decision, shows it too.
func TestExplainShowsWrapperDecisions(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	src := []byte(`{"type":"bundle","id":"bundle--66666666-0000-4000-8000-000000000000","x_acme_source":"internal feed","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--66666666-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}
]}`)
	out, rep, err := rd.RedactBytes(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ByKind["wrapper-property"] != 1 {
		t.Fatalf("the bundle's member is not reported: %+v", rep.Decisions)
	}
	checkReport(t, "wrapper", rd, src, out, rep, false)
	checkExplanation(t, "wrapper", rd, src, rep)
}
