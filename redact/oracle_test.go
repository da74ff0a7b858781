package redact

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	gen "github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/airlock-cti/airlock/stix"
	"github.com/google/go-cmp/cmp"
)

// The oracle is a deliberately simple implementation of the markings
// semantics on encoding/json trees: no index, no splicing, fixpoints by
// brute force. The engine must agree with it on generated bundles.

type obj = map[string]any

var oracleRequired = map[string][]string{
	"indicator":    {"pattern", "pattern_type", "valid_from"},
	"malware":      {"is_family"},
	"relationship": {"relationship_type", "source_ref", "target_ref"},
	"sighting":     {"sighting_of_ref"},
	"report":       {"name", "published", "object_refs"},
}

// oracle returns the objects that survive, by id, with their content
// (granular_markings left out: they are checked separately).
func oracle(bundle []byte, ceiling, unmarkedAs int) map[string]obj {
	var b struct{ Objects []obj }
	if err := json.Unmarshal(bundle, &b); err != nil {
		panic(err)
	}
	levelOf := func(id string) (int, bool) {
		if l := gen.LevelOf(id); l >= 0 {
			return l, true
		}
		if id == gen.Statement {
			return 0, true
		}
		return 0, false
	}
	alive := map[string]obj{}
	var order []string
	for _, o := range b.Objects {
		id := o["id"].(string)
		if o["type"] == "marking-definition" {
			continue
		}
		level, unknown := 0, false
		for _, r := range list(o["object_marking_refs"]) {
			l, ok := levelOf(r.(string))
			if !ok {
				unknown = true
			}
			level = max(level, l)
		}
		if level == 0 {
			if unmarkedAs < 0 {
				continue
			}
			level = unmarkedAs
		}
		if unknown || level > ceiling {
			continue
		}
		// Granular content above the ceiling goes.
		var dels [][]any
		drop := false
		for _, g := range list(o["granular_markings"]) {
			gm := g.(obj)
			l, ok := levelOf(gm["marking_ref"].(string))
			if ok && l <= ceiling {
				continue
			}
			for _, s := range list(gm["selectors"]) {
				p := parseSel(s.(string))
				if _, found := get(o, p); !found || (len(p) == 1 && isRequired(o, p[0])) {
					drop = true
				}
				dels = append(dels, p)
			}
		}
		if drop {
			continue
		}
		c := deepCopy(o).(obj)
		delete(c, "granular_markings")
		for _, p := range outermostPaths(dels) {
			del(c, p)
		}
		if len(dels) > 0 && repairParts(c) {
			continue
		}
		if prune(c, o["type"].(string)) {
			continue
		}
		alive[id] = c
		order = append(order, id)
	}
	// Cascade along references until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, id := range order {
			o, ok := alive[id]
			if !ok {
				continue
			}
			gone := func(ref any) bool { _, ok := alive[ref.(string)]; return !ok }
			switch o["type"] {
			case "relationship":
				if gone(o["source_ref"]) || gone(o["target_ref"]) {
					delete(alive, id)
					changed = true
					continue
				}
			case "sighting":
				if gone(o["sighting_of_ref"]) {
					delete(alive, id)
					changed = true
					continue
				}
			}
			if refs, ok := o["object_refs"].([]any); ok {
				var kept []any
				for _, r := range refs {
					if !gone(r) {
						kept = append(kept, r)
					}
				}
				if len(kept) == 0 {
					delete(alive, id)
					changed = true
					continue
				}
				if len(kept) != len(refs) {
					o["object_refs"] = kept
				}
			}
		}
	}
	return alive
}

// repairParts removes the parts removals left incomplete (STIX 2.1
// sections 2.5 and 2.11: an external reference needs source_name and one of
// description, url, external_id; a kill chain phase needs both its
// properties) and reports whether the object itself is left incomplete
// (section 4.11: a malware family needs a name).
func repairParts(o obj) bool {
	keep := func(key string, ok func(obj) bool) {
		items, present := o[key].([]any)
		if !present {
			return
		}
		var kept []any
		for _, it := range items {
			if m, isObj := it.(obj); isObj && ok(m) {
				kept = append(kept, it)
			}
		}
		o[key] = kept
		if len(kept) == 0 {
			o[key] = []any{}
		}
	}
	has := func(m obj, k string) bool { _, ok := m[k]; return ok }
	keep("external_references", func(m obj) bool {
		return has(m, "source_name") && (has(m, "description") || has(m, "url") || has(m, "external_id"))
	})
	keep("kill_chain_phases", func(m obj) bool { return has(m, "kill_chain_name") && has(m, "phase_name") })
	return o["type"] == "malware" && o["is_family"] == true && !has(o, "name")
}

func isRequired(o obj, step any) bool {
	k, ok := step.(string)
	if !ok {
		return false
	}
	for _, r := range oracleRequired[o["type"].(string)] {
		if r == k {
			return true
		}
	}
	return k == "id" || k == "type"
}

func list(v any) []any { l, _ := v.([]any); return l }

func parseSel(s string) []any {
	var p []any
	for _, c := range strings.Split(s, ".") {
		if strings.HasPrefix(c, "[") {
			n, _ := strconv.Atoi(c[1 : len(c)-1])
			p = append(p, n)
		} else {
			p = append(p, c)
		}
	}
	return p
}

func get(v any, p []any) (any, bool) {
	for _, s := range p {
		switch x := v.(type) {
		case obj:
			k, ok := s.(string)
			if !ok {
				return nil, false
			}
			if v, ok = x[k]; !ok {
				return nil, false
			}
		case []any:
			i, ok := s.(int)
			if !ok || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// outermostPaths drops paths under others and sorts the rest so that
// later list items are deleted before earlier ones.
func outermostPaths(ps [][]any) [][]any {
	var out [][]any
	for i, p := range ps {
		under := false
		for j, q := range ps {
			if i != j && len(q) <= len(p) && fmt.Sprint(p[:len(q)]) == fmt.Sprint(q) && (len(q) < len(p) || j < i) {
				under = true
			}
		}
		if !under {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return lessPath(out[j], out[i]) })
	return out
}

func lessPath(a, b []any) bool {
	for k := 0; k < len(a) && k < len(b); k++ {
		if fmt.Sprint(a[k]) == fmt.Sprint(b[k]) {
			continue
		}
		ai, aok := a[k].(int)
		bi, bok := b[k].(int)
		if aok && bok {
			return ai < bi
		}
		return fmt.Sprint(a[k]) < fmt.Sprint(b[k])
	}
	return len(a) < len(b)
}

func del(root obj, p []any) {
	parent, ok := get(root, p[:len(p)-1])
	if !ok {
		return
	}
	switch x := parent.(type) {
	case obj:
		delete(x, p[len(p)-1].(string))
	case []any:
		i := p[len(p)-1].(int)
		nl := append(x[:i:i], x[i+1:]...)
		if len(p) == 1 {
			return
		}
		gp, _ := get(root, p[:len(p)-2])
		switch y := gp.(type) {
		case obj:
			y[p[len(p)-2].(string)] = nl
		case []any:
			y[p[len(p)-2].(int)] = nl
		}
	}
}

// prune removes empty lists and objects below the top level and reports
// whether a required property went with them.
func prune(o obj, typ string) bool {
	var walk func(v any) (any, bool) // returns the value and whether it is empty
	walk = func(v any) (any, bool) {
		switch x := v.(type) {
		case obj:
			for k, e := range x {
				ne, empty := walk(e)
				if empty {
					delete(x, k)
				} else {
					x[k] = ne
				}
			}
			return x, len(x) == 0
		case []any:
			var out []any
			for _, e := range x {
				if ne, empty := walk(e); !empty {
					out = append(out, ne)
				}
			}
			return out, len(out) == 0
		}
		return v, false
	}
	for k, v := range o {
		nv, empty := walk(v)
		if empty {
			delete(o, k)
			if isRequired(o, k) {
				return true
			}
		} else {
			o[k] = nv
		}
	}
	for _, r := range oracleRequired[typ] {
		if _, ok := o[r]; !ok {
			return true
		}
	}
	return false
}

func deepCopy(v any) any {
	b, _ := json.Marshal(v)
	var c any
	json.Unmarshal(b, &c)
	return c
}

// markersUnder lists the level markers found in v.
func markersUnder(v any) map[string]bool {
	out := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			if strings.HasPrefix(x, "lvl-") {
				out[x] = true
			}
		case obj:
			for _, e := range x {
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// coverage maps each marking_ref to the markers its selectors select.
func coverage(o obj) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, g := range list(o["granular_markings"]) {
		gm := g.(obj)
		ref, _ := gm["marking_ref"].(string)
		if out[ref] == nil {
			out[ref] = map[string]bool{}
		}
		for _, s := range list(gm["selectors"]) {
			v, _ := get(o, parseSel(s.(string)))
			for m := range markersUnder(v) {
				out[ref][m] = true
			}
		}
	}
	return out
}

func TestOracle(t *testing.T) {
	seeds := 60
	if testing.Short() {
		seeds = 10
	}
	for seed := 1; seed <= seeds; seed++ {
		in := gen.Bundle(gen.Options{Seed: uint64(seed), Objects: 60, UnknownRate: 0.05, GranularRate: 1, Uniform: true, Indent: seed%2 == 0})
		for ceiling := 1; ceiling <= 5; ceiling++ {
			for _, unmarked := range []int{-1, 1, 3} {
				name := fmt.Sprintf("seed=%d/ceiling=%s/unmarked=%d", seed, gen.Levels[ceiling], unmarked)
				p := &policy.Policy{Name: "oracle", IDs: policy.IDsKeep, Markings: policy.Markings{MaxTLP: stix.TLP(ceiling)}}
				if unmarked < 0 {
					p.Markings.Unmarked.Drop = true
				} else {
					p.Markings.Unmarked.As = stix.TLP(unmarked)
				}
				rd, err := Compile(p, &Options{Key: goldenKey, Workers: 1 + seed%3})
				if err != nil {
					t.Fatal(err)
				}
				out, _, err := rd.RedactBytes(context.Background(), in)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				compareWithOracle(t, name, in, out, ceiling, unmarked)
			}
		}
	}
}

func compareWithOracle(t *testing.T, name string, in, out []byte, ceiling, unmarked int) {
	t.Helper()
	want := oracle(in, ceiling, unmarked)
	var got struct{ Objects []obj }
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s: output is not JSON: %v", name, err)
	}
	var input struct{ Objects []obj }
	json.Unmarshal(in, &input)
	inByID := map[string]obj{}
	for _, o := range input.Objects {
		inByID[o["id"].(string)] = o
	}
	seen := map[string]bool{}
	for _, o := range got.Objects {
		id := o["id"].(string)
		if o["type"] == "marking-definition" {
			continue
		}
		seen[id] = true
		w, ok := want[id]
		if !ok {
			t.Errorf("%s: %s is in the output; the oracle drops it", name, id)
			continue
		}
		c := deepCopy(o).(obj)
		delete(c, "granular_markings")
		if diff := cmp.Diff(w, c); diff != "" {
			t.Errorf("%s: %s differs from the oracle (-oracle +engine):\n%s", name, id, diff)
		}
		// Granular markings: every marker a surviving marking selects was
		// selected by the same marking in the input, and every marker the
		// input marked that survives is still marked.
		before, after := coverage(inByID[id]), coverage(o)
		present := markersUnder(o)
		for ref, ms := range after {
			for m := range ms {
				if !before[ref][m] {
					t.Errorf("%s: %s: %s now marks %s, which it did not mark before", name, id, ref, m)
				}
			}
		}
		for ref, ms := range before {
			for m := range ms {
				if present[m] && !after[ref][m] {
					t.Errorf("%s: %s: %s no longer marks %s", name, id, ref, m)
				}
			}
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("%s: %s is missing from the output; the oracle keeps it", name, id)
		}
	}
	if problems, err := stix.Validate(strings.NewReader(string(out)), nil); err != nil {
		t.Errorf("%s: output does not read back: %v", name, err)
	} else {
		for _, p := range problems {
			t.Errorf("%s: output is not valid STIX: %v", name, p)
		}
	}
	if above := gen.MarkersAbove(string(out), ceiling, max(unmarked, 0)); len(above) > 0 {
		t.Errorf("%s: content above the ceiling survives: %v", name, above[:min(5, len(above))])
	}
}
