package redact

import (
	"fmt"
	"github.com/airlock-cti/airlock/redact/detect"
	"sort"

	"github.com/airlock-cti/airlock/stix"
)

// A transformer rewrites objects in pass 2 (and tries rewrites in resolve).
// Each worker has its own; it reuses its buffers from object to object.
type transformer struct {
	ru        *run
	e         *stix.Editor
	scratch   []byte
	deleted   []stix.Path
	causes    []string // the rule of each deletion in deleted
	decisions []Decision
	record    bool // keep decisions (off while only trying)
	refScan   stix.RefScanner
	// ids caches derived ids: a renamed object is usually referred to
	// several times.
	ids map[string]string
	// trial is set while resolve tries the transform: repairs are found by
	// validating, and kept in repaired for pass 2.
	trial    bool
	repaired []stix.Path
	detect   *detectScratch
	// goneMembers are the members of the object being rewritten whose
	// names held personal data: removed, and never named in a decision.
	goneMembers []stix.Path
	// emptied are the lists and dictionaries of the object being
	// rewritten that its removals left empty, removed too.
	emptied []stix.Path
	// goneSet and deletedSet answer inGoneMember and inDeleted.
	goneSet, deletedSet pathSet
	reps                []textEdit // piiEdits's, reused from site to site
	vals                []byte     // the JSON of one object's new values (see quoted)
	spliced             []byte     // a site's text with its replacements (piiEdits)
	// recall are pass 1's matches in the object piiEdits edits, and
	// recallAt where recallCode looks next.
	recall   []matchInfo
	recallAt int
	ds       []detect.Detector // detectorsFor's
	parser   stix.Parser       // repair's, for the previews it validates
	// wholes, when not nil, collects the paths of the leaves replaced
	// because they are personal data as a whole (see run.removalsOf).
	wholes *[]stix.Path
}

func (t *transformer) detectScratch() *detectScratch {
	if t.detect == nil {
		t.detect = newDetectScratch()
	}
	return t.detect
}

func (ru *run) newTransformer() *transformer {
	return &transformer{ru: ru, e: stix.NewEditor(nil)}
}

// reset readies t for another object of a new run (a Session's next
// message), keeping its buffers. The decisions start afresh: the last
// ones belong to the caller now.
func (t *transformer) reset() {
	clear(t.ids)
	t.deleted, t.causes, t.repaired = t.deleted[:0], t.causes[:0], t.repaired[:0]
	t.goneSet.reset()
	t.deletedSet.reset()
	clear(t.decisions) // their strings are the last message's
	t.decisions = t.decisions[:0]
	t.record, t.trial = false, false
}

// errLateDrop says a transform would leave a required property empty, or
// the object otherwise unable to stand. Rule and kind name the cause: rule
// the part of the policy whose removal did it, kind (required-property
// when empty) what broke.
type errLateDrop struct{ path, rule, kind string }

// cause returns the rule and kind of the drop.
func (e *errLateDrop) cause() (rule, kind string) {
	rule, kind = e.rule, e.kind
	if rule == "" {
		rule = "markings"
	}
	if kind == "" {
		kind = "required-property"
	}
	return rule, kind
}

func (e *errLateDrop) Error() string { return "required property emptied: " + e.path }

// lateChecks tries the transform of every object whose late check must
// run (again), on the workers: an object whose transform would leave a
// required property empty is dropped, and the parts its removals leave
// incomplete are kept for pass 2. One object's trial does not depend on
// another's outcome in the same round (drops reach other objects through
// the next cascade), so the order they run in does not matter.
func (ru *run) lateChecks(objectAt func(int32) (*stix.Object, error)) error {
	if ru.single {
		return nil // checked by the one transform (Session)
	}
	var dirty []int32
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&fDirty != 0 && o.flags&fDropped == 0 {
			o.flags &^= fDirty
			dirty = append(dirty, i)
		}
	}
	if len(dirty) == 0 {
		return nil
	}
	type outcome struct {
		late     *errLateDrop
		repaired []stix.Path
		err      error
	}
	results := make([]outcome, len(dirty))
	try := func(t *transformer, k int) {
		i := dirty[k]
		o, err := objectAt(i)
		if err != nil {
			results[k].err = err
			return
		}
		t.repaired = nil
		_, _, err = t.transform(o, i, nil)
		if ld, ok := err.(*errLateDrop); ok {
			results[k].late = ld
		} else if err != nil {
			results[k].err = err
		} else {
			results[k].repaired = t.repaired
		}
	}
	trialer := func() *transformer {
		t := ru.newTransformer()
		t.trial = true
		return t
	}
	onWorkers(min(ru.rd.workers, (len(dirty)+31)/32), len(dirty), trialer, try)
	if ru.repairs == nil {
		ru.repairs = map[int32][]stix.Path{}
	}
	for k, i := range dirty {
		r := &results[k]
		switch {
		case r.err != nil:
			return r.err
		case r.late != nil:
			rule, kind := r.late.cause()
			ru.drop(i, rule, kind, r.late.path)
		case len(r.repaired) > 0:
			ru.repairs[i] = r.repaired
		default:
			delete(ru.repairs, i)
		}
	}
	return nil
}

// objectName is how decisions name an object: its id, or for an SCO a
// fingerprint of its id (an SCO id is a hash of its value).
func (t *transformer) objectName(id string, flags uint32) string {
	if flags&fSCO != 0 {
		return "sco:" + t.ru.rd.keys.fingerprintOf([]byte(id))
	}
	return id
}

// fingerprint is fingerprintOf for a decision: made only when decisions
// are kept (a trial in resolve keeps none).
func (t *transformer) fingerprint(value []byte) string {
	if !t.record {
		return ""
	}
	return t.ru.rd.keys.fingerprintOf(value)
}

// fingerprintJSON is fingerprint of a removed JSON value: of a string, its
// text (escapes decoded, as the other decisions fingerprint the values
// they name), so that one value has one fingerprint however it was
// written; of anything else, its JSON as written.
func (t *transformer) fingerprintJSON(raw []byte) string {
	if !t.record {
		return ""
	}
	if len(raw) > 0 && raw[0] == '"' {
		if body, ok := stringBody(raw); ok {
			return t.fingerprint(body)
		}
		return t.fingerprint([]byte(jsonString(raw)))
	}
	return t.fingerprint(raw)
}

func (t *transformer) decide(d Decision) {
	if t.record {
		if t.decisions == nil {
			t.decisions = make([]Decision, 0, 8) // an object's usual few, without regrowing
		}
		t.decisions = append(t.decisions, d)
	}
}

// transform appends the output form of object i to dst, and reports
// whether it differs from the input (when not, nothing is appended: the
// input bytes are the output). The object must not be dropped.
func (t *transformer) transform(o *stix.Object, i int32, dst []byte) ([]byte, bool, error) {
	out, err := t.rewrite(o, i, dst)
	if err != nil || out == nil {
		return dst, false, err
	}
	return out, true, nil
}

// refsChange reports whether one of an object's references (refs, from
// the index) is pruned or renamed in the output.
func (t *transformer) refsChange(refs []refInfo) bool {
	for k := range refs {
		ri := &refs[k]
		if ri.is(refMention) {
			continue
		}
		if ri.is(refGone) || ri.is(refExtRenamed) || ri.to >= 0 && t.ru.objs.at(ri.to).flags&fRenamed != 0 {
			return true
		}
	}
	return false
}

// quoted returns s as a JSON string, in memory the transformer reuses
// from one object to the next: valid until the next object's rewrite.
func (t *transformer) quoted(s string) []byte {
	start := len(t.vals)
	t.vals = stix.AppendString(t.vals, s)
	return t.vals[start:len(t.vals):len(t.vals)]
}

// quotedBytes is quoted of text held in bytes.
func (t *transformer) quotedBytes(b []byte) []byte {
	start := len(t.vals)
	t.vals = stix.AppendString(t.vals, b)
	return t.vals[start:len(t.vals):len(t.vals)]
}

// unchanged reports whether an object's output is its input: nothing in it
// changes and it keeps its id. Such an object is written as it was read.
func unchanged(info *objInfo) bool {
	return info.flags&contentChange == 0 && info.flags&(fRenamed|fCreator|fDropped) == 0
}

// rewrite does transform's work; it returns nil for an unchanged object.
func (t *transformer) rewrite(o *stix.Object, i int32, dst []byte) ([]byte, error) {
	ru, rd := t.ru, t.ru.rd
	info := ru.objs.at(i)
	if unchanged(info) {
		return nil, nil
	}
	t.vals = t.vals[:0] // the last object's edits are applied
	id, typ := ru.idOf(o, i), ru.types[info.typ]
	name := t.objectName(id, info.flags)
	base := Decision{Object: name, Type: typ}

	if info.flags&fCanonical != 0 {
		e := ru.selfMark(i)
		var canon []byte
		if info.flags&fV20 != 0 {
			canon = stix.BuiltinMarkingJSON20(e.outID)
		}
		if canon == nil {
			canon = stix.BuiltinMarkingJSON(e.outID)
		}
		if canon == nil {
			return nil, fmt.Errorf("redact: no canonical form for marking definition %s", e.outID)
		}
		d := base
		d.Rule, d.Action, d.Kind = "markings", ActionCanonicalise, e.m.Variant
		if e.outID != e.id {
			d.NewID = e.outID
		}
		t.decide(d)
		return append(dst, canon...), nil
	}

	e := t.e
	e.Reset(o)
	t.deleted, t.causes = t.deleted[:0], t.causes[:0]
	t.goneMembers = t.goneMembers[:0]
	t.goneSet.reset()
	t.deletedSet.reset()
	t.emptied = t.emptied[:0]
	if first := len(t.decisions); t.record {
		defer func() { t.hideRemovedKeys(t.decisions[first:]) }()
	}
	del := func(p stix.Path, d Decision) {
		if t.inDeleted(p) {
			// Removed already, and decided (a property a dropped
			// extension added that is also a reference to a dropped
			// object, a pruned reference in granular-marked content):
			// one removal, one decision.
			return
		}
		e.Delete(p)
		t.noteDeleted(p, d.Rule)
		if t.record {
			d.Path = p.String()
			t.decide(d)
		}
	}

	// Object rules that remove properties.
	if info.flags&fRuleRemove != 0 {
		for ri := range rd.rules {
			r := &rd.rules[ri]
			if r.drop || !r.matches(o, typ) {
				continue
			}
			for _, p := range r.remove {
				if s, ok := o.Lookup(p); ok {
					d := base
					d.Rule, d.Action, d.Kind = r.name, ActionRemove, "object-rule"
					d.Fingerprint = t.fingerprintJSON(o.Raw()[s.Start:s.End])
					del(p, d)
				}
			}
		}
	}

	// Granular markings above the ceiling take their content with them.
	var gms []stix.GranularMarking
	if len(ru.gransOf(i)) > 0 {
		gms = o.GranularMarkings()
	}
	removedEntry := make([]bool, len(gms))
	var res *stix.Resolver // each list indexed once, however many selectors
	for k, gm := range gms {
		if gm.MarkingRef == "" {
			continue
		}
		me := ru.markLookup(gm.MarkingRef)
		if !t.ru.above(me) {
			continue
		}
		removedEntry[k] = true
		for _, s := range gm.Selectors {
			sel, err := stix.ParseSelector(s)
			if err != nil {
				return nil, fmt.Errorf("redact: object %d: invalid selector in a granular marking judged in pass 1", i)
			}
			p := stix.Path(sel)
			if res == nil {
				res = stix.NewResolver(o.Raw())
			}
			span, _ := res.Resolve(p)
			d := base
			d.Rule, d.Kind = ru.granularCause(me)
			d.Action = ActionRemove
			d.Fingerprint = t.fingerprintJSON(o.Raw()[span.Start:span.End])
			del(p, d)
		}
	}

	// What its translated object loses, a language content loses too.
	if info.flags&fTranslated != 0 {
		t.translationEdits(o, i, base, del)
	}

	// Personal data.
	if info.flags&fPII != 0 {
		if err := t.piiEdits(o, i, base, del); err != nil {
			return nil, err
		}
	}

	// References: prune those to dropped objects, rename those to renamed
	// ones, and name the redacting identity as creator.
	refs := ru.refsOf(i)
	k := 0
	var seen map[string]string
	found := ru.singleRefs
	if !ru.single && t.refsChange(refs) {
		found = t.refScan.Refs(o)
	} else if !ru.single {
		found = nil // none to prune or rename: the object's are not read again
	}
	for _, r := range found {
		if !indexedRef(&r, info.flags) {
			continue
		}
		ri := &refs[k]
		for ri.is(refMention) {
			k++
			ri = &refs[k]
		}
		k++
		if info.flags&fCreator != 0 && len(r.Path) == 1 && r.Path[0].Key == "created_by_ref" {
			continue // replaced below
		}
		// After renames, two items of one list can name the same object
		// (SCOs merged): keep the first. Duplicates the input had are
		// left as they were.
		out := r.ID
		switch {
		case ri.to >= 0 && ru.objs.at(ri.to).flags&fRenamed != 0:
			out = t.newID(r.ID, ri.to)
		case ri.to < 0 && ri.is(refExtRenamed):
			// Renamed in an earlier message of a Session.
			if out = ru.sess.renamed(r.ID); out == "" {
				out = ru.rd.keys.derivedID(ru.rd.name, r.ID, info.flags&fV20 != 0)
			}
		}
		if !ri.is(refGone) && len(r.Path) == 2 && r.Path[1].IsIndex() {
			key := r.Path[0].Key + "\x00" + out
			if first, dup := seen[key]; dup && first != r.ID {
				d := base
				d.Rule, d.Action, d.Kind = "references", ActionRemove, "duplicate-ref"
				del(r.Path, d)
				continue
			} else if !dup {
				if seen == nil {
					seen = map[string]string{}
				}
				seen[key] = r.ID
			}
		}
		switch {
		case ri.is(refGone):
			d := base
			d.Rule, d.Action, d.Kind = "references", ActionRemove, "dropped-ref"
			switch {
			case ri.is(refExtension):
				// The extension's properties go with its entry, and
				// those it added at the top level too.
				d.Kind = "dropped-extension"
				if err := t.dropExtensionProperties(o, r.Path, ri, typ, info.flags&fV20 != 0, base, del); err != nil {
					return nil, err
				}
			case ri.to < 0:
				d.Kind = "dangling-ref"
			}
			d.Fingerprint = t.fingerprint([]byte(r.ID))
			del(r.Path, d)
		case out != r.ID:
			e.Replace(r.Span, t.quoted(out))
		}
	}
	if info.flags&fRefEdit != 0 {
		if found == nil && !ru.single {
			found = t.refScan.Refs(o) // not read above: none changes
		}
		t.mentionEdits(o, i, base, found)
	}
	if info.flags&fCreator != 0 {
		ident := rd.identity.id
		if info.flags&fV20 != 0 {
			ident = rd.identity.id20
		}
		if creator := (stix.Path{stix.Key("created_by_ref")}); t.inDeleted(creator) {
			// Removed (granular-marked above the ceiling, an object
			// rule's): the redacting identity's is another value.
			e.Add("created_by_ref", t.quoted(ident))
		} else {
			e.Set("created_by_ref", t.quoted(ident))
		}
		d := base
		d.Rule, d.Action = "ids", ActionSetCreator
		t.decide(d)
	}

	// Object markings: canonical ids, removed statements or extensions,
	// stamps.
	if info.flags&(fMarkEdit|fStamp) != 0 {
		t.objectMarkings(o, i, base)
	}

	// Deletions can leave a part of the object that cannot stand alone (an
	// external reference without its source_name): remove that part too,
	// or the object.
	if t.trial && len(t.deleted) > 0 {
		if err := t.repair(o, base); err != nil {
			return nil, err
		}
	} else {
		for _, p := range ru.repairs[i] {
			d := base
			d.Rule, d.Action, d.Kind = "stix", ActionRemove, "incomplete-part"
			del(p, d)
		}
	}

	// Deletions may have emptied lists (removed too) and moved list items:
	// fix the selectors of the granular markings that stay.
	emptied, err := e.Emptied()
	if err != nil {
		return nil, err
	}
	t.emptied = append(t.emptied, emptied...)
	all := append(t.deleted, emptied...)
	if len(gms) > 0 && (len(all) > 0 || info.flags&(fGranRemove|fMarkEdit) != 0) {
		t.granularMarkings(o, gms, removedEntry, all, base)
	}

	if info.flags&fRenamed != 0 {
		s, _ := o.ValueSpan("id")
		newID := t.newID(id, i)
		e.Replace(s, t.quoted(newID))
		d := base
		d.Rule, d.Action, d.NewID = "ids", ActionRename, newID
		switch {
		case info.flags&fImpostor != 0:
			d.Kind = kindIdentityImpostor
		case info.flags&fStaleID != 0:
			d.Kind = kindStaleSCOID
		}
		t.decide(d)
	}

	out, emptied, err := e.Apply(dst)
	if err != nil {
		return nil, fmt.Errorf("redact: object %d: %w", i, err)
	}
	t.emptied = append(t.emptied, emptied...)
	for _, p := range emptied {
		if wholeRequired(typ, p, info.flags&fV20 != 0) {
			return nil, &errLateDrop{path: p.String(), rule: t.causeOf(p)}
		}
		d := base
		d.Rule, d.Action, d.Kind, d.Path = "stix", ActionRemove, "emptied-list", p.String()
		t.decide(d)
	}
	return out, nil
}

// deletePath records the deletion of p, decided already by rule.
func (t *transformer) deletePath(p stix.Path, rule string) {
	p = append(stix.Path(nil), p...) // a leaf's path is reused by the walk
	t.e.Delete(p)
	t.noteDeleted(p, rule)
}

// noteDeleted records that p is deleted, by rule.
func (t *transformer) noteDeleted(p stix.Path, rule string) {
	t.deleted = append(t.deleted, p)
	t.causes = append(t.causes, rule)
}

// causeOf names the rule whose deletion broke the object at p: the first
// deletion at or under p, or else the first deletion of all (a problem of
// the object as a whole, such as a network traffic left without both its
// ends). A late drop is always caused by some deletion.
func (t *transformer) causeOf(p stix.Path) string {
	for k, q := range t.deleted {
		if q.HasPrefix(p) {
			return t.causes[k]
		}
	}
	if len(t.causes) > 0 {
		return t.causes[0]
	}
	return "stix"
}

// repair validates the object as the recorded edits would leave it and,
// while it breaks rules it did not break before, removes the smallest list
// item holding each new problem (STIX 2.1 defines parts, such as an
// external reference or a kill chain phase, that need certain properties):
// a problem in a part something was removed from is ours. A new problem
// of the object as a whole means it cannot stand: errLateDrop. Repairs are
// found once, in resolve, and replayed in pass 2 without validating.
func (t *transformer) repair(o *stix.Object, base Decision) error {
	var before map[string]bool // the input's problems, validated only when needed
	for round := 0; round < 16; round++ {
		preview, emptied, err := t.e.Apply(t.scratch[:0])
		if err != nil {
			return err
		}
		t.scratch = preview
		po, err := t.parser.Parse(preview, nil)
		if err != nil {
			return err
		}
		gone := append(append([]stix.Path(nil), t.deleted...), emptied...)
		var fixes []stix.Path
		for _, p := range stix.ValidateObject(po) {
			if len(p.Path) > 0 && !p.Path[0].IsIndex() && (p.Path[0].Key == "granular_markings" || p.Path[0].Key == "object_marking_refs") {
				continue // rebuilt after this
			}
			item := enclosingItem(p.Path)
			if item != nil {
				item = unshift(item, gone)
				if touched(item, t.deleted) {
					fixes = append(fixes, item)
				}
				continue
			}
			// A problem of the object as a whole (or of a part no list
			// holds, such as an object embedded in observed-data's
			// objects): ours only if the input did not have it. An input
			// invalid in one way does not excuse another.
			if before == nil {
				before = map[string]bool{}
				for _, q := range stix.ValidateObject(o) {
					before[problemKey(q)] = true
				}
			}
			if !before[problemKey(p)] {
				return &errLateDrop{path: p.Path.String(), rule: t.causeOf(p.Path)}
			}
		}
		if len(fixes) == 0 {
			return nil
		}
		for _, p := range fixes {
			t.e.Delete(p)
			t.noteDeleted(p, "stix")
			t.repaired = append(t.repaired, p)
			d := base
			d.Rule, d.Action, d.Kind, d.Path = "stix", ActionRemove, "incomplete-part", p.String()
			t.decide(d)
		}
	}
	return &errLateDrop{path: "(repair did not converge)", rule: t.causeOf(nil)}
}

// problemKey is what tells two problems of an object apart: the place and
// the rule, without the object's index or id.
func problemKey(p stix.Problem) string { return p.Path.String() + "\x00" + p.Msg }

// touched reports whether something was deleted inside the part at p: a
// problem in a part nothing was removed from was there before.
func touched(p stix.Path, deleted []stix.Path) bool {
	for _, d := range deleted {
		if len(d) > len(p) && d.HasPrefix(p) {
			return true
		}
	}
	return false
}

// enclosingItem returns the path of the innermost list item holding p, or
// nil when p is in no list item.
func enclosingItem(p stix.Path) stix.Path {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i].IsIndex() {
			return append(stix.Path(nil), p[:i+1]...)
		}
	}
	return nil
}

// unshift maps a path in the edited object back to the original object,
// given the paths deleted from it (in the original's coordinates): each
// list index moves up past the deleted items before it.
func unshift(p stix.Path, deleted []stix.Path) stix.Path {
	out := make(stix.Path, 0, len(p))
	for _, step := range p {
		if step.IsIndex() {
			var gone []int
			for _, d := range deleted {
				if len(d) == len(out)+1 && d[len(out)].IsIndex() && d[:len(out)].Equal(out) {
					gone = append(gone, d[len(out)].Index)
				}
			}
			sort.Ints(gone)
			idx := step.Index
			for _, g := range gone {
				if g <= idx {
					idx++
				}
			}
			step = stix.Index(idx)
		}
		out = append(out, step)
	}
	return out
}

// removalCause names the policy rule, and the kind, of removing the
// marking e from the objects it marks (e.remove).
func removalCause(e *markEntry) (rule, kind string) {
	if e.personal {
		return "pii", statementKind
	}
	return "markings", e.m.Kind.String()
}

// granularCause names the policy rule, and the kind, of removing content
// marked with e.
func (ru *run) granularCause(e *markEntry) (rule, kind string) {
	rd := ru.rd
	switch {
	case e.unknown:
		return "markings.unknown", "unknown-marking"
	case e.drop:
		return "markings.extensions", "extension-marking"
	case e.tlp > rd.maxTLP:
		return "markings.max_tlp", tlpKind(e.tlp)
	case rd.maxPAP != stix.PAPNone && e.pap > rd.maxPAP:
		return "markings.max_pap", e.pap.String()
	case e.withheld:
		return "markings", "marked-marking-definition"
	}
	return "markings.max_tlp", tlpKind(e.tlp)
}

// newID is run.newID, cached.
func (t *transformer) newID(id string, to int32) string {
	if n, ok := t.ids[id]; ok {
		return n
	}
	n := t.ru.newID(id, to)
	if t.ids == nil {
		t.ids = map[string]string{}
	}
	if len(t.ids) > 1<<12 {
		clear(t.ids) // a bound, for long runs
	}
	t.ids[id] = n
	return n
}

// newID returns the output id of object to, whose input id is id: an
// SCO's follows its values, others are derived.
func (ru *run) newID(id string, to int32) string {
	if ru.objs.at(to).flags&fSCO != 0 {
		if n := ru.scoIDs[to]; n != "" {
			return n
		}
		return id
	}
	return ru.rd.keys.derivedID(ru.rd.name, id, ru.objs.at(to).flags&fV20 != 0)
}

// objectMarkings rewrites object_marking_refs.
func (t *transformer) objectMarkings(o *stix.Object, i int32, base Decision) {
	ru := t.ru
	info := ru.objs.at(i)
	var ids []string
	has := func(id string) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
	level := stix.TLPNone
	for _, m := range ru.marksOf(i) {
		e := &ru.mtab[m]
		if e.remove {
			d := base
			d.Rule, d.Kind = removalCause(e)
			d.Action, d.Path = ActionRemove, "object_marking_refs"
			t.decide(d)
			continue
		}
		if e.outID != e.id {
			d := base
			d.Rule, d.Action, d.Kind, d.NewID = "markings", ActionCanonicalise, e.m.Variant, e.outID
			d.Path = "object_marking_refs"
			t.decide(d)
		}
		level = max(level, e.tlp)
		if !has(e.outID) {
			ids = append(ids, e.outID)
		}
	}
	if info.flags&fStamp != 0 {
		for _, s := range ru.rd.stamps {
			id := s.id
			if info.flags&fV20 != 0 {
				id = s.id20
			}
			if has(id) || (s.tlp != stix.TLPNone && level >= s.tlp) {
				continue
			}
			ids = append(ids, id)
			d := base
			d.Rule, d.Action, d.Path = "markings.stamp", ActionStamp, "object_marking_refs"
			if s.tlp != stix.TLPNone {
				d.Kind = tlpKind(s.tlp)
			} else {
				d.Kind = "statement"
			}
			t.decide(d)
		}
	}
	if len(ids) == 0 {
		t.e.Delete(stix.Path{stix.Key("object_marking_refs")})
		return
	}
	b := []byte{'['}
	for k, id := range ids {
		if k > 0 {
			b = append(b, ',')
		}
		b = stix.AppendString(b, id)
	}
	t.e.Set("object_marking_refs", append(b, ']'))
}

// granularMarkings rewrites granular_markings after removals: entries for
// removed content go, the selectors of the others follow the content they
// select (STIX 2.1 section 7.2.3), and canonical ids replace variants.
func (t *transformer) granularMarkings(o *stix.Object, gms []stix.GranularMarking, removedEntry []bool, deleted []stix.Path, base Decision) {
	ru := t.ru
	changed := false
	var b []byte
	n := 0
	var rems *stix.Removals // deleted, prepared for the first selector
	for k, gm := range gms {
		if removedEntry[k] {
			changed = true
			continue
		}
		var sels []string
		for _, s := range gm.Selectors {
			sel, err := stix.ParseSelector(s)
			if err != nil {
				// A selector that does not parse selects nothing, before
				// the removals as after (had its marking been above the
				// ceiling, pass 1 would have dropped the object). It goes:
				// it may spell a member removed for its name, personal
				// data ("x_cards.+44 20 7946 0958").
				d := base
				d.Rule, d.Action, d.Kind, d.Path = "markings", ActionRemove, "invalid-selector", fmt.Sprintf("granular_markings.[%d]", k)
				t.decide(d)
				changed = true
				continue
			}
			if rems == nil {
				rems = stix.NewRemovals(deleted)
			}
			ns, ok := rems.Apply(sel)
			if !ok {
				changed = true
				continue
			}
			if ns.String() != s {
				changed = true
			}
			sels = append(sels, ns.String())
		}
		if len(sels) == 0 {
			d := base
			d.Rule, d.Action, d.Kind, d.Path = "markings", ActionRemove, "granular-marking-without-content", fmt.Sprintf("granular_markings.[%d]", k)
			t.decide(d)
			changed = true
			continue
		}
		ref := gm.MarkingRef
		if ref != "" && ru.markLookup(ref).remove {
			// A statement the policy removes, or one holding personal
			// data: its granular marking goes, the content stays.
			d := base
			d.Rule, d.Kind = removalCause(ru.markLookup(ref))
			d.Action, d.Path = ActionRemove, fmt.Sprintf("granular_markings.[%d]", k)
			t.decide(d)
			changed = true
			continue
		}
		if ref != "" {
			if out := ru.markLookup(ref).outID; out != ref && out != "" {
				ref = out
				changed = true
			}
		}
		if n == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
		n++
		b = append(b, '{')
		if ref != "" {
			b = append(b, `"marking_ref":`...)
			b = stix.AppendString(b, ref)
		} else {
			b = append(b, `"lang":`...)
			b = stix.AppendString(b, gm.Lang)
		}
		b = append(b, `,"selectors":[`...)
		for j, s := range sels {
			if j > 0 {
				b = append(b, ',')
			}
			b = stix.AppendString(b, s)
		}
		b = append(b, "]}"...)
	}
	if !changed {
		return
	}
	if n == 0 {
		t.e.Delete(stix.Path{stix.Key("granular_markings")})
		return
	}
	t.e.Set("granular_markings", append(b, ']'))
}
