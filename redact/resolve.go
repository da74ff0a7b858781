package redact

import (
	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// resolve decides, from the index, the fate of every object: which are
// dropped and why, which change, which get new ids. It runs between the
// passes, once everything has been read, because one object's fate
// depends on others (a marking defined later in the bundle, a relationship
// whose endpoint goes, a report whose refs are renamed).
//
// objectAt returns an object's bytes again, for the few objects whose
// deletions must be tried before the decision is final.
func (ru *run) resolve(objectAt func(i int32) (*stix.Object, error)) error {
	ru.resolveMarkings()
	ru.resolveRefs()
	for i := range ru.objs.len() {
		ru.judge(i)
	}
	ru.earlierTranslated()
	ru.dropLocations()
	if ru.pii != nil {
		if err := ru.resolvePII(objectAt); err != nil {
			return err
		}
	}
	// Drops cascade along references, and deletions can empty a required
	// list (a report whose object_refs are partly marked above the ceiling
	// and partly point to dropped objects, say): repeat until nothing more
	// drops.
	for {
		before := ru.countDropped()
		ru.cascade()
		if err := ru.lateChecks(objectAt); err != nil {
			return err
		}
		// What leaves translated objects leaves their translations; the
		// language contents that lose some are checked in turn.
		if err := ru.translations(objectAt); err != nil {
			return err
		}
		if err := ru.lateChecks(objectAt); err != nil {
			return err
		}
		ru.useMarkings()
		if err := ru.renameIDs(objectAt); err != nil {
			return err
		}
		if ru.countDropped() == before {
			if ru.pii == nil || !ru.lostKeeper() {
				return nil
			}
			// Values were kept on the word of an object that does not
			// leave (an indicator whose pattern held a victim's address,
			// an email message dropped for its subject): decide again
			// without it, so that the output says why what it keeps
			// stays.
			if err := ru.resolvePII(objectAt); err != nil {
				return err
			}
		}
	}
}

// dropLocations drops location objects whose country a jurisdiction rule
// excludes, and, when the rule says so, the identities located at them. A
// location whose country is not known (no country property, only
// coordinates or a region, a code that is not read) might be in any
// country, so a rule that names countries fails closed on it: it is
// dropped, with the kind "unknown-country".
func (ru *run) dropLocations() {
	if ru.rd.jur == nil || len(ru.rd.jur.locations) == 0 {
		return
	}
	for _, lr := range ru.rd.jur.locations {
		dropped := map[int32]bool{}
		for i, c := range ru.locCountry {
			switch {
			case c == "" && len(lr.where.In) > 0:
				ru.drop(i, lr.name, "unknown-country", "")
			case lr.where.Holds(ru.rd.jur.j, c):
				ru.drop(i, lr.name, "location", "")
			default:
				continue
			}
			dropped[i] = true
		}
		if !lr.identities || len(dropped) == 0 {
			continue
		}
		// Identities located at a dropped location (located-at relationships
		// are found among the references: their source and target).
		for i := range ru.locatedAt {

			var src, dst int32 = -1, -1
			for _, r := range ru.refsOf(i) {
				if r.is(refMention) || r.to < 0 {
					continue
				}
				switch {
				case ru.types[ru.objs.at(r.to).typ] == "identity":
					src = r.to
				case dropped[r.to]:
					dst = r.to
				}
			}
			if src >= 0 && dst >= 0 {
				ru.drop(src, lr.name, "located-at", "")
			}
		}
	}
}

func (ru *run) countDropped() int {
	n := 0
	for i := range ru.objs.len() {
		if ru.objs.at(i).flags&fDropped != 0 {
			n++
		}
	}
	return n
}

// resolveMarkings judges every marking definition seen, by the policy.
func (ru *run) resolveMarkings() {
	rd := ru.rd
	for i := range ru.mtab {
		e := &ru.mtab[i]
		e.outID = e.id
		if rd.allow[e.id] {
			continue
		}
		if e.defined && ru.sess != nil && !e.err && ru.sess.differs(e.id, e.m) {
			e.err = true // defined otherwise before
		}
		if !e.defined && ru.sess != nil {
			if m, ok := ru.sess.marks.get(e.id); ok {
				e.m, e.defined = m, true
			}
		}
		m := e.m
		if !e.defined || e.err {
			b, ok := stix.BuiltinMarking(e.id)
			if !ok || e.err {
				e.unknown = true
				continue
			}
			m = b
			e.m = b
		}
		if m.CanonicalID != "" {
			e.outID = m.CanonicalID
		}
		switch m.Kind {
		case stix.MarkingTLP:
			e.tlp = m.TLP
		case stix.MarkingPAP:
			e.pap = m.PAP
		case stix.MarkingStatement:
			// The policy's own stamped statements stay, so that redacting
			// output again changes nothing.
			e.remove = rd.statements == policy.StatementsRemove && !rd.isStamp(e.id)
		case stix.MarkingIEP, stix.MarkingACS, stix.MarkingExtension:
			a, ok := rd.extensions[m.Extension]
			if !ok && m.Kind == stix.MarkingIEP {
				a = policy.ExtensionTLP
			}
			switch a {
			case policy.ExtensionTLP:
				e.tlp = m.TLP
				if m.TLP == stix.TLPNone {
					e.unknown = true // it carries no TLP to count with
				}
			case policy.ExtensionDrop:
				e.drop = true
			case policy.ExtensionRemove:
				// Not passed on, but the level it carries still counts:
				// removing a marking must never let more out.
				e.remove = true
				e.tlp = m.TLP
			case policy.ExtensionKeep:
			default:
				// ACS and other extensions airlock cannot interpret fail
				// closed unless the policy says how to treat them.
				e.unknown = true
			}
		default:
			e.unknown = true
		}
	}
	ru.withholdMarkedDefinitions()
}

// withholdMarkedDefinitions finds the marking definitions that are
// themselves marked above the ceiling, as a whole or in part (a statement
// marked TLP:RED, say):
// such a definition cannot leave, so neither can the content it marks. A
// definition marked by a withheld one is withheld too.
func (ru *run) withholdMarkedDefinitions() {
	for changed := true; changed; {
		changed = false
		for i := range ru.mtab {
			e := &ru.mtab[i]
			if e.withheld || !e.defined || e.obj < 0 || int(e.obj) >= int(ru.objs.len()) {
				continue
			}
			for _, m := range ru.marksOf(e.obj) {
				if ru.above(&ru.mtab[m]) {
					e.withheld, changed = true, true
					break
				}
			}
			// Content of the definition marked above the ceiling (its
			// statement, granular-marked TLP:RED) cannot be removed from
			// it: a changed definition is another marking.
			for _, g := range ru.gransOf(e.obj) {
				if !e.withheld && g.mark >= 0 && ru.above(&ru.mtab[g.mark]) {
					e.withheld, changed = true, true
				}
			}
		}
	}
}

// above reports whether content marked with e cannot leave: its TLP or
// PAP is above the ceiling, it fails closed, or its definition is
// withheld.
func (ru *run) above(e *markEntry) bool {
	rd := ru.rd
	return e.tlp > rd.maxTLP || (rd.maxPAP != stix.PAPNone && e.pap > rd.maxPAP) || e.drop || (e.unknown && rd.unknown == policy.UnknownDrop) || e.withheld
}

func (rd *Redactor) isStamp(id string) bool {
	for _, s := range rd.stamps {
		if s.id == id || s.id20 == id {
			return true
		}
	}
	return false
}

// resolveRefs finds each reference's target and builds the reverse index.
//
// In a Session, a reference or mention whose target is not in this run
// but was renamed by an earlier message is marked refExtRenamed. refIDs
// holds the ids of references, not of mentions (whose keys pass 1 hashes
// without making strings): a mention is looked up by its key, which is
// the memory's (see run.useSession).
func (ru *run) resolveRefs() {
	counts := resized(ru.revStart, int(ru.objs.len())+1)
	for i := range ru.refs {
		r := &ru.refs[i]
		if r.is(refMention) && ru.foldedIDs != nil {
			// A mention's key is of its lower-case form; an object whose id
			// is written in upper case is found by that form.
			if id, ok := ru.foldedIDs[r.target]; ok {
				if _, exact := ru.byID.lookup(&ru.objs, r.target); !exact {
					r.target = ru.key(id)
				}
			}
		}
		if t, ok := ru.byID.lookup(&ru.objs, r.target); ok {
			r.to = t
			counts[t+1]++
		} else if ru.sess != nil && ru.extRenamed(i) {
			r.gf |= refExtRenamed
			fi := ru.refFrom(i)
			ru.objs.at(fi).flags |= fRefEdit
			if ru.objs.at(fi).flags&fPublic != 0 {
				// As in rename: a public object cannot be edited to
				// follow, and the old id cannot stay.
				ru.drop(fi, "public_sources", "public-source-edit", "")
			}
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	ru.revStart = counts
	ru.rev = resized(ru.rev, int(counts[len(counts)-1]))
	ru.revFill = append(ru.revFill[:0], counts[:len(counts)-1]...)
	fill := ru.revFill
	for i := range ru.refs {
		if t := ru.refs[i].to; t >= 0 {
			ru.rev[fill[t]] = int32(i)
			fill[t]++
		}
	}
}

// extRenamed reports whether reference (or mention) i of a Session's run
// names an object that an earlier message renamed, and that is not in
// this run. A mention of an id the memory also says is dropped is
// withheld instead (see cascade).
func (ru *run) extRenamed(i int) bool {
	r := &ru.refs[i]
	if r.is(refMention) {
		v := ru.sess.getKey(r.target)
		return v&(memRenamed|memDropped) == memRenamed && (ru.rd.derive || ru.sess.renamedKey(r.target) != "")
	}
	id := ru.refIDs[i]
	return ru.sess.get(id)&memRenamed != 0 && (ru.rd.derive || ru.sess.renamed(id) != "")
}

// judge applies the markings policy to one object.
func (ru *run) judge(i int32) {
	rd := ru.rd
	o := ru.objs.at(i)
	if o.flags&fDropped != 0 {
		return
	}
	if o.flags&fMarkingDef != 0 {
		e := ru.selfMark(i)
		if e.withheld {
			ru.drop(i, "markings", "marked-marking-definition", "")
			return
		}
		if e.outID != e.id || (e.m.Variant != "" && !e.err) {
			o.flags |= fCanonical
		}
		return // definitions are kept while some output object uses them
	}
	level, pap := stix.TLPNone, stix.PAPNone
	for _, m := range ru.marksOf(i) {
		e := &ru.mtab[m]
		switch {
		case e.unknown:
			if rd.unknown == policy.UnknownDrop {
				ru.drop(i, "markings.unknown", "unknown-marking", "")
				return
			}
		case e.drop:
			ru.drop(i, "markings.extensions", "extension-marking", "")
			return
		case e.withheld:
			ru.drop(i, "markings", "marked-marking-definition", "")
			return
		}
		level = max(level, e.tlp)
		pap = max(pap, e.pap)
		if e.remove || e.outID != e.id {
			o.flags |= fMarkEdit
		}
	}
	if level == stix.TLPNone {
		if rd.unmarked.Drop {
			ru.drop(i, "markings.unmarked", "unmarked", "")
			return
		}
		level = rd.unmarked.As
	}
	if level > rd.maxTLP {
		rule := "markings.max_tlp"
		if rd.jur != nil && rd.jur.ceilingRule != "" && level <= rd.pol.Markings.MaxTLP {
			rule = rd.jur.ceilingRule // the destination lowered the ceiling
		}
		ru.drop(i, rule, tlpKind(level), "")
		return
	}
	if rd.maxPAP != stix.PAPNone && pap > rd.maxPAP {
		ru.drop(i, "markings.max_pap", pap.String(), "")
		return
	}
	for _, g := range ru.gransOf(i) {
		if g.mark < 0 {
			continue
		}
		e := &ru.mtab[g.mark]
		if !ru.above(e) {
			if e.outID != e.id {
				o.flags |= fMarkEdit
			}
			continue
		}
		if g.flags&gUnresolved != 0 {
			// Fail closed: marked content that cannot be found cannot be
			// removed.
			ru.drop(i, "markings.granular", "unresolved-selector", "")
			return
		}
		if g.flags&gWhole != 0 {
			ru.drop(i, "markings.granular", "required-property", "")
			return
		}
		if g.flags&gMarkings != 0 {
			// Removing an object's markings would lower what they say
			// of the content that stays (and the granular markings are
			// rewritten after removals): fail closed.
			ru.drop(i, "markings.granular", "marked-markings", "")
			return
		}
		o.flags |= fGranRemove
		if g.flags&gCheck != 0 {
			o.flags |= fLateCheck | fDirty
		}
	}
	if ru.needsStamp(i, level) {
		o.flags |= fStamp
	}
	if o.flags&fPublic != 0 && o.flags&(fGranRemove|fRuleRemove|fMarkEdit) != 0 {
		ru.drop(i, "public_sources", "public-source-edit", "")
	}
}

func tlpKind(t stix.TLP) string {
	switch t {
	case stix.TLPClear:
		return "tlp:clear"
	case stix.TLPGreen:
		return "tlp:green"
	case stix.TLPAmber:
		return "tlp:amber"
	case stix.TLPAmberStrict:
		return "tlp:amber+strict"
	case stix.TLPRed:
		return "tlp:red"
	}
	return "tlp:none"
}

// needsStamp reports whether stamping adds a marking to object i, whose
// governing level is level. A TLP stamp is added only where it raises the
// level: stamping never lowers, and a second, lower TLP would only confuse.
func (ru *run) needsStamp(i int32, level stix.TLP) bool {
	o := ru.objs.at(i)
	if o.flags&(fPublic|fMarkingDef) != 0 {
		return false
	}
	for _, s := range ru.rd.stamps {
		if s.tlp != stix.TLPNone {
			if level < s.tlp || !ru.hasTLP(i) {
				return true
			}
			continue
		}
		if !ru.hasMark(i, s.id) {
			return true
		}
	}
	return false
}

func (ru *run) hasTLP(i int32) bool {
	for _, m := range ru.marksOf(i) {
		if ru.mtab[m].tlp != stix.TLPNone {
			return true
		}
	}
	return false
}

func (ru *run) hasMark(i int32, id string) bool {
	for _, m := range ru.marksOf(i) {
		if ru.mtab[m].id == id {
			return true
		}
	}
	return false
}

// drop marks object i dropped, for the first reason given.
func (ru *run) drop(i int32, rule, kind, path string) {
	o := ru.objs.at(i)
	if o.flags&fDropped != 0 {
		return
	}
	o.flags |= fDropped
	o.reason = ru.reason(rule, kind, path)
}

// idGone reports whether no version of the object at i survives.
func (ru *run) idGone(i int32) bool {
	for j := ru.firstOf(ru.objs.at(i).key); j >= 0; j = ru.objs.at(j).next {
		if ru.objs.at(j).flags&fDropped == 0 {
			return false
		}
	}
	return true
}

// cascade propagates drops along references: a relationship or sighting
// whose required end is gone goes too, a required list that loses all its
// items takes its object, and optional references to dropped objects are
// pruned. Dangling references are pruned too when the policy says so.
func (ru *run) cascade() {
	var work []int32
	lose := func(ri int) {
		r := &ru.refs[ri]
		if r.is(refGone) {
			return
		}
		r.gf |= refGone
		fi := ru.refFrom(ri)
		from := ru.objs.at(fi)
		if from.flags&fDropped != 0 {
			return
		}
		if from.flags&fPublic != 0 {
			ru.drop(fi, "public_sources", "public-source-edit", "")
			work = append(work, fi)
			return
		}
		from.flags |= fRefEdit
		if r.is(refMention) {
			return
		}
		if r.is(refNested) || from.flags&fLateCheck != 0 {
			// Pruning inside a part can leave the part incomplete, and
			// pruning adds to other removals: check the object again.
			from.flags |= fLateCheck | fDirty
		}
		if r.group() >= 0 {
			g := &ru.groups[r.group()]
			g.alive--
			if g.alive == 0 {
				ru.drop(fi, "references", "required-reference", "")
				work = append(work, fi)
			}
		}
	}
	for ri := range ru.refs {
		if ru.refs[ri].to >= 0 {
			continue
		}
		if ru.refs[ri].is(refMention) {
			// An id an earlier message dropped is withheld where text
			// mentions it, as where this run drops it.
			if ru.sess != nil && ru.sess.getKey(ru.refs[ri].target)&memDropped != 0 {
				lose(ri)
			}
			continue
		}
		// An extension definition absent from the input is not dangling:
		// definitions are published once and used everywhere.
		dangling := ru.rd.dangling == policy.DanglingRemove && !ru.refs[ri].is(refExtension)
		if dangling || (ru.sess != nil && ru.sess.get(ru.refIDs[ri])&memDropped != 0) {
			lose(ri)
		}
	}
	for i := range ru.objs.len() {
		if ru.objs.at(i).flags&(fDropped|fMerged) == fDropped {
			work = append(work, i)
		}
	}
	for len(work) > 0 {
		t := work[len(work)-1]
		work = work[:len(work)-1]
		first := ru.firstOf(ru.objs.at(t).key)
		if !ru.idGone(first) {
			continue // another version of it survives
		}
		for _, ri := range ru.rev[ru.revStart[first]:ru.revStart[first+1]] {
			lose(int(ri))
		}
	}
}

// useMarkings finds the marking definitions that surviving objects use;
// the others are dropped with the content they marked.
func (ru *run) useMarkings() {
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&(fDropped|fMarkingDef) != 0 {
			continue
		}
		for _, m := range ru.marksOf(i) {
			if !ru.mtab[m].remove {
				ru.mtab[m].used = true
			}
		}
		for _, g := range ru.gransOf(i) {
			if g.mark < 0 {
				continue
			}
			e := &ru.mtab[g.mark]
			if !ru.above(e) && !e.remove {
				e.used = true
			}
		}
	}
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&(fDropped|fMarkingDef) != fMarkingDef {
			continue
		}
		e := ru.selfMark(i)
		if ru.sess != nil {
			// A session cannot know whether a later message uses it; it
			// goes only if it marks content above the ceiling.
			if e.tlp > ru.rd.maxTLP || e.unknown || e.drop || e.withheld {
				ru.drop(i, "markings", "marking-above-ceiling", "")
			}
			continue
		}
		if !e.used {
			ru.drop(i, "markings", "unused-marking-definition", "")
		} else if e.err {
			// In use but unreadable: the objects using it counted it
			// unknown; it cannot be written out as it is.
			ru.drop(i, "markings.unknown", "unknown-marking", "")
		}
	}
	// A canonical definition written once: a variant whose canonical id is
	// also defined in the input is dropped in favour of it.
	seen := map[string]bool{}
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&(fDropped|fMarkingDef) != fMarkingDef {
			continue
		}
		out := ru.selfMark(i).outID
		if seen[out] {
			ru.drop(i, "markings", "duplicate-marking-definition", "")
		}
		seen[out] = true
	}
}

// renameIDs gives new ids to SCOs whose values change (renameSCOs) and to
// changed objects (rename). The two feed each other: an object that refers
// to a renamed SCO changes, and an SCO whose contributing properties refer
// to a renamed object (a file whose extensions name an extension
// definition) changes its id in turn. Each round that renames an object an
// SCO refers to adds to a finite set, so the rounds end.
func (ru *run) renameIDs(objectAt func(i int32) (*stix.Object, error)) error {
	for {
		before := ru.scoRefsToRenamed()
		if err := ru.renameSCOs(objectAt); err != nil {
			return err
		}
		ru.rename()
		if ru.scoRefsToRenamed() == before {
			return nil
		}
	}
}

// scoRefsToRenamed counts the references from SCOs to renamed objects
// that are not SCOs.
func (ru *run) scoRefsToRenamed() int {
	n := 0
	for i := range ru.objs.len() {
		if ru.objs.at(i).flags&fSCO == 0 {
			continue
		}
		for _, r := range ru.refsOf(i) {
			if r.to >= 0 && ru.objs.at(r.to).flags&(fSCO|fRenamed) == fRenamed {
				n++
			}
		}
	}
	return n
}

// rename gives new ids to changed objects (STIX 2.1 section 3.5) and
// closes the change over references: an object that refers to a renamed
// one has its reference rewritten, which changes it, which renames it in
// turn. Marking definitions are never re-identified (they cannot be
// versioned, section 7.2.1), nor SCOs (their ids come from their values).
// An object under the redacting identity's id that is not that identity
// (fImpostor) is renamed, changed or not: the identity is added under its
// id (see added).
func (ru *run) rename() {
	work := ru.renameWork[:0]
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&(fSCO|fRenamed) == fSCO|fRenamed {
			work = append(work, i) // an SCO whose value changed: its id follows
			continue
		}
		if ru.rd.derive && o.flags&(fDropped|fRenamed) == 0 && (o.flags&contentChange != 0 || o.flags&fImpostor != 0) && ru.renameable(i) {
			work = ru.renameVersions(i, work)
		}
	}
	for len(work) > 0 {
		t := work[len(work)-1]
		work = work[:len(work)-1]
		first := ru.firstOf(ru.objs.at(t).key)
		for _, ri := range ru.rev[ru.revStart[first]:ru.revStart[first+1]] {
			r := &ru.refs[ri]
			fi := ru.refFrom(int(ri))
			from := ru.objs.at(fi)
			if r.is(refGone) || from.flags&fDropped != 0 {
				continue
			}
			from.flags |= fRefEdit
			if ru.rd.derive && from.flags&fRenamed == 0 && ru.renameable(fi) {
				work = ru.renameVersions(fi, work)
			}
			if from.flags&fPublic != 0 {
				// A public object cannot be edited to follow the rename;
				// keeping the old reference would leak the original id.
				ru.drop(fi, "public_sources", "public-source-edit", "")
			}
		}
	}
	for i := range ru.objs.len() {
		if f := ru.objs.at(i).flags; f&(fCreator|fDropped) == fCreator {
			if f&fV20 != 0 {
				ru.creator20 = true
			} else {
				ru.creator = true
			}
		}
	}
	ru.renameWork = work[:0]
}

// renameVersions renames object i and every other version of its id,
// dropped ones included, and adds them to work: the versions of one object
// stay versions of one object under its new id, and a reference to the id
// (which the index resolves to its first version) follows them, even when
// that first version is dropped.
func (ru *run) renameVersions(i int32, work []int32) []int32 {
	for j := ru.firstOf(ru.objs.at(i).key); j >= 0; j = ru.objs.at(j).next {
		o := ru.objs.at(j)
		if o.flags&fRenamed != 0 || !ru.renameable(j) {
			continue
		}
		o.flags |= fRenamed
		if o.flags&fDropped == 0 {
			o.flags |= fCreator
		}
		work = append(work, j)
	}
	return work
}

func (ru *run) renameable(i int32) bool {
	return ru.objs.at(i).flags&(fSCO|fMarkingDef|fPublic) == 0
}
