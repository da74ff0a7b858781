package redact

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/airlock-cti/airlock/stix"
	"github.com/tidwall/gjson"
)

// An SCO's id is a hash of its ID Contributing Properties (STIX 2.1
// section 2.9 and each SCO's table in section 6), at any depth: a
// windows-registry-key's values, a network-traffic's extensions, and the
// references an email message's from_ref or a file's parent_directory_ref
// hold. When airlock changes any of them, the old id, a hash of what was
// removed, must not leave: the SCO gets the id of its new values, and so,
// in turn, do the SCOs whose contributing references point to it. An SCO
// whose contributing properties stay as they were keeps its id byte for
// byte, however its producer made it, but for one whose contributing
// values are airlock's output already (pseudonymised by an earlier run or
// by hand, the id left as it was: maybe the hash of the original value,
// which a guess can confirm): it gets the id of its values when it has
// another (fStaleID, see valuesID).

// scoChange are the flags of an SCO whose contributing properties may
// change: its content is edited, or some reference in it is pruned or
// renamed. Markings alone (fMarkEdit, fStamp) never contribute.
const scoChange = fPII | fGranRemove | fRuleRemove | fRefEdit | fStaleID

// kindStaleSCOID is the kind of the re-identification of an SCO whose
// contributing values were airlock's output but whose id was not theirs.
const kindStaleSCOID = "stale-sco-id"

// pseudonymContributes reports whether an ID Contributing Property of an
// SCO of type typ holds airlock's output (a pseudonym, a placeholder, a
// mask: see isPseudonym), at any depth. A network is not counted: the
// value of many an observable is one.
func pseudonymContributes(typ string, raw []byte) bool {
	found := false
	var walk func(v gjson.Result)
	walk = func(v gjson.Result) {
		switch {
		case found:
		case v.Type == gjson.String:
			// A network is a generalisation only if airlock made it, and
			// an observable's value often is one (an attacker's range).
			_, err := netip.ParsePrefix(strings.TrimSpace(v.Str))
			found = err != nil && isPseudonym("", v.Str)
		case v.IsObject() || v.IsArray():
			v.ForEach(func(_, w gjson.Result) bool {
				walk(w)
				return !found
			})
		}
	}
	for _, p := range stix.IDContributingProperties(typ) {
		if walk(gjson.GetBytes(raw, gjson.Escape(p))); found {
			return true
		}
	}
	return false
}

// valuesID returns the id of the values of an SCO of type typ, read as
// raw, and whether it differs from id, the id the SCO has. It is "" (and
// false) when the values have no id, and when a reference contributes to
// it: such an id follows its referents' (renameSCOs), and an SCO in a
// cycle of contributing references has a keyed id by design, never its
// values'.
func valuesID(typ string, raw []byte, id string) (string, bool) {
	refs := false
	var walk func(k, v gjson.Result) bool
	walk = func(k, v gjson.Result) bool {
		if k.Type == gjson.String && (strings.HasSuffix(k.Str, "_ref") || strings.HasSuffix(k.Str, "_refs")) {
			refs = true
		} else if v.IsObject() || v.IsArray() {
			v.ForEach(walk)
		}
		return !refs
	}
	for _, p := range stix.IDContributingProperties(typ) {
		if v := gjson.GetBytes(raw, gjson.Escape(p)); v.Exists() {
			walk(gjson.Result{Type: gjson.String, Str: p}, v)
		}
		if refs {
			return "", false // an archive's contains_refs, in its extensions
		}
	}
	vid, ok, err := stix.SCOID(raw)
	if err != nil || !ok {
		return "", false
	}
	return vid, vid != id
}

// renameSCOs gives new ids to the SCOs whose id-contributing properties
// change, in dependency order (an SCO after those its contributing
// references point to), and merges SCOs that become equal.
//
// The SCOs that may change are those whose content is edited and those
// that refer to them, transitively. Their contributing references form a
// graph whose strongly connected components are taken referents first, so
// that each SCO's new id is computed once, from its referents' final ids.
// An SCO in a cycle of contributing references (a file archive that
// contains itself) has no id that is the hash of its values: when one in
// the cycle changes, each gets a keyed derived id instead (see
// keys.derivedID), which says nothing of the values it had.
func (ru *run) renameSCOs(objectAt func(int32) (*stix.Object, error)) error {
	aff := ru.scoAffected()
	if len(aff) == 0 {
		return nil
	}
	pos := make(map[int32]int32, len(aff)) // object index -> place in aff
	for k, i := range aff {
		pos[i] = int32(k)
	}
	// The contributing references between them: edges[start[k]:start[k+1]]
	// are the places in aff that aff[k] refers to.
	start := make([]int32, len(aff)+1)
	var edges []int32
	if !ru.single { // a Session's one object refers to no other in its run
		var scan stix.RefScanner
		for k, i := range aff {
			start[k] = int32(len(edges))
			o, err := objectAt(i)
			if err != nil {
				return err
			}
			typ := ru.types[ru.objs.at(i).typ]
			props := stix.IDContributingProperties(typ)
			for _, r := range scan.Refs(o) {
				if len(r.Path) == 0 || isSCO(typ) && !slices.Contains(props, r.Path[0].Key) {
					continue // a custom SCO's references may all contribute
				}
				if j, ok := ru.byID.lookup(&ru.objs, ru.key(r.ID)); ok {
					if p, ok := pos[j]; ok {
						edges = append(edges, p)
					}
				}
			}
		}
	}
	start[len(aff)] = int32(len(edges))

	t := ru.newTransformer()
	t.trial = true
	var buf []byte
	// try tries the transform of SCO i and says whether its contributing
	// properties change, and the id of its new values ("" when that cannot
	// be computed); old is the id it has.
	try := func(i int32) (old, id string, changed bool, err error) {
		o, err := objectAt(i)
		if err != nil {
			return "", "", false, err
		}
		old = o.ID()
		info := ru.objs.at(i)
		for _, r := range ru.refsOf(i) {
			if r.to >= 0 && ru.objs.at(r.to).flags&fRenamed != 0 {
				info.flags |= fRefEdit // rename would say so too, later
				break
			}
		}
		out, changedBytes, err := t.transform(o, i, buf[:0])
		if err != nil {
			if ld, ok := err.(*errLateDrop); ok {
				ru.drop(i, ld.rule, "required-property", "")
				return old, "", false, nil
			}
			return "", "", false, err
		}
		typ := ru.types[info.typ]
		if !changedBytes {
			if info.flags&fStaleID != 0 {
				id, changed = valuesID(typ, o.Raw(), old)
			}
			return old, id, changed, nil
		}
		buf = out
		id, changed = scoNewID(typ, o.Raw(), out)
		if !changed && info.flags&fStaleID != 0 {
			id, changed = valuesID(typ, out, old)
		}
		return old, id, changed, nil
	}
	setID := func(i int32, old, id string) {
		if id == old {
			// The new values hash to the id it has (it was made from
			// them): nothing to rename.
			delete(ru.scoIDs, i)
			ru.objs.at(i).flags &^= fRenamed
			return
		}
		setKey(&ru.scoIDs, i, id)
		ru.objs.at(i).flags |= fRenamed
		clear(t.ids) // the transformer's cache of new ids
	}
	var olds []string // of a cycle's SCOs
	// process gives new ids to one strongly connected component.
	process := func(scc []int32) error {
		cyclic := len(scc) > 1 || slices.Contains(edges[start[scc[0]]:start[scc[0]+1]], scc[0])
		anyChanged := false
		olds = olds[:0]
		for _, k := range scc {
			i := aff[k]
			if ru.objs.at(i).flags&fDropped != 0 {
				olds = append(olds, "")
				continue
			}
			old, id, changed, err := try(i)
			if err != nil {
				return err
			}
			olds = append(olds, old)
			if !changed {
				continue
			}
			anyChanged = true
			if cyclic {
				continue
			}
			if id == "" {
				// Its values have no id (none contributes, or they cannot
				// be canonicalised): the old one must go all the same.
				id = ru.rd.keys.derivedID(ru.rd.name, old, false)
			}
			setID(i, old, id)
		}
		if cyclic && anyChanged {
			for n, k := range scc {
				i := aff[k]
				if ru.objs.at(i).flags&fDropped != 0 {
					continue
				}
				ru.objs.at(i).flags |= fRefEdit // its references to the others follow
				setID(i, olds[n], ru.rd.keys.derivedID(ru.rd.name, olds[n], false))
			}
		}
		return nil
	}
	if err := sccsReferentsFirst(start, edges, process); err != nil {
		return err
	}
	ru.mergeSCOs()
	return nil
}

// scoAffected returns, in input order, the SCOs whose id-contributing
// properties may change: those whose content is edited or references
// pruned or renamed, and the SCOs that refer to one of them (through any
// reference: which ones contribute is read later, from the objects).
func (ru *run) scoAffected() []int32 {
	var work, aff []int32
	var in map[int32]bool
	add := func(i int32) {
		if in == nil {
			in = map[int32]bool{}
		}
		in[i] = true
		work = append(work, i)
		aff = append(aff, i)
	}
	for i := range ru.objs.len() {
		if f := ru.objs.at(i).flags; f&(fSCO|fDropped) == fSCO && f&scoChange != 0 {
			add(i)
		}
	}
	for len(work) > 0 {
		t := work[len(work)-1]
		work = work[:len(work)-1]
		first := ru.firstOf(ru.objs.at(t).key)
		for _, ri := range ru.rev[ru.revStart[first]:ru.revStart[first+1]] {
			fi := ru.refFrom(int(ri))
			if f := ru.objs.at(fi).flags; f&(fSCO|fDropped) == fSCO && !in[fi] && !ru.refs[ri].is(refGone) {
				add(fi)
			}
		}
	}
	slices.Sort(aff)
	return aff
}

// sccsReferentsFirst calls fn with each strongly connected component of
// the graph whose node k has the edges edges[start[k]:start[k+1]], each
// after those its nodes have edges to (Tarjan's algorithm, which finds
// them in that order), starting from the nodes in order. It keeps its own
// stack: a chain of references can be long.
func sccsReferentsFirst(start, edges []int32, fn func(scc []int32) error) error {
	n := len(start) - 1
	index := make([]int32, n) // order of discovery, from 1; 0: not yet
	low := make([]int32, n)
	onStack := make([]bool, n)
	var stack []int32
	type frame struct{ v, e int32 } // a node and its next edge
	var calls []frame
	next := int32(0)
	visit := func(v int32) {
		next++
		index[v], low[v] = next, next
		stack = append(stack, v)
		onStack[v] = true
		calls = append(calls, frame{v, start[v]})
	}
	for s := range int32(n) {
		if index[s] != 0 {
			continue
		}
		visit(s)
		for len(calls) > 0 {
			f := &calls[len(calls)-1]
			v := f.v
			if f.e < start[v+1] {
				w := edges[f.e]
				f.e++
				if index[w] == 0 {
					visit(w)
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			calls = calls[:len(calls)-1]
			if len(calls) > 0 {
				u := calls[len(calls)-1].v
				low[u] = min(low[u], low[v])
			}
			if low[v] != index[v] {
				continue
			}
			k := len(stack) - 1
			for stack[k] != v {
				k--
			}
			scc := stack[k:]
			for _, w := range scc {
				onStack[w] = false
			}
			if err := fn(scc); err != nil {
				return err
			}
			stack = stack[:k]
		}
	}
	return nil
}

// scoNewID reports whether an SCO of type typ, read as in and written as
// out, has changed in its ID Contributing Properties, and if so returns
// the id of its new values ("" when they have none: all that contributed
// is removed, or a value cannot be canonicalised). Any change counts, even
// one the spec's id would not see (a hash other than the one it takes):
// the producer may have made the id another way, from what was removed.
//
// A custom SCO's contributing properties are its extension definition's
// to say, unknown here: any change but of its markings counts, and its
// new id is not computed ("").
func scoNewID(typ string, in, out []byte) (string, bool) {
	if !isSCO(typ) {
		return "", !sameBesideMarkings(in, out)
	}
	same := true
	for _, p := range stix.IDContributingProperties(typ) {
		a, b := gjson.GetBytes(in, p), gjson.GetBytes(out, p)
		if a.Exists() != b.Exists() || a.Raw != b.Raw {
			same = false
			break
		}
	}
	if same {
		return "", false
	}
	id, ok, err := stix.SCOID(out)
	if err != nil || !ok {
		return "", true
	}
	return id, true
}

// sameBesideMarkings reports whether two forms of an object have the same
// top-level members, byte for byte, but for their markings.
func sameBesideMarkings(in, out []byte) bool {
	a, b := gjson.ParseBytes(in), gjson.ParseBytes(out)
	same := true
	count := 0
	a.ForEach(func(k, v gjson.Result) bool {
		switch k.Str {
		case "object_marking_refs", "granular_markings":
			return true
		}
		count++
		if w := b.Get(gjson.Escape(k.Str)); !w.Exists() || w.Raw != v.Raw {
			same = false
		}
		return same
	})
	if !same {
		return false
	}
	b.ForEach(func(k, _ gjson.Result) bool {
		switch k.Str {
		case "object_marking_refs", "granular_markings":
			return true
		}
		count--
		return true
	})
	return count == 0
}

// mergeSCOs merges SCOs that now have the same id as another into the
// first: an unchanged SCO of that id, or the first renamed one. References
// to the merged ones follow (run.newID).
func (ru *run) mergeSCOs() {
	first := map[string]int32{}
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&fSCO == 0 || o.flags&fDropped != 0 {
			continue
		}
		id := ru.scoIDs[i]
		if id == "" {
			continue
		}
		_, dup := first[id]
		if j, ok := ru.byID.lookup(&ru.objs, ru.key(id)); ok && j != i && ru.objs.at(j).flags&fDropped == 0 && ru.scoIDs[j] == "" {
			dup = true
		}
		if dup {
			o.flags |= fDropped | fMerged
			o.reason = ru.reason("pii", "merged", "")
			continue
		}
		first[id] = i
	}
}
