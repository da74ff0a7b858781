package redact

import (
	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
)

// A statement marking's text (and its definition's name) can name a
// person: "questions to jane.doe@example.org". The text cannot be
// redacted in place, since a marking definition that changes is another
// marking, so a statement holding personal data the policy covers is not
// passed on: it is removed from the objects it marks, which stay, and its
// definition is dropped. Its content never leaves with it.

// statementKind is the decision kind of a statement marking removed for
// the personal data it holds.
const statementKind = "personal-data-in-statement"

// personalStatements finds the statement markings that hold personal data
// the policy covers, once the roles are known (see piiRun.personal), and
// removes them from the objects that carry them.
func (ru *run) personalStatements() {
	pr := ru.pii
	found := false
	for k := range ru.mtab {
		e := &ru.mtab[k]
		if e.m.Kind != stix.MarkingStatement || e.remove || ru.rd.isStamp(e.id) {
			continue
		}
		obj := int32(-1)
		if e.defined && e.obj >= 0 && e.obj < ru.objs.len() {
			obj = e.obj
		}
		for _, text := range []string{e.m.Statement, e.m.Name} {
			if text != "" && !e.personal && pr.holdsPersonal(ru.detectScratch(), text, obj) {
				e.personal, e.remove, found = true, true, true
			}
		}
	}
	if !found {
		return
	}
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&(fDropped|fMarkingDef) != 0 {
			if o.flags&(fDropped|fMarkingDef) == fMarkingDef && ru.selfMark(i).personal {
				ru.drop(i, "pii", statementKind, "")
			}
			continue
		}
		for _, m := range ru.marksOf(i) {
			if ru.mtab[m].personal {
				o.flags |= fMarkEdit
			}
		}
		for _, g := range ru.gransOf(i) {
			if g.mark >= 0 && ru.mtab[g.mark].personal {
				o.flags |= fMarkEdit
			}
		}
		if o.flags&(fPublic|fMarkEdit) == fPublic|fMarkEdit {
			ru.drop(i, "public_sources", "public-source-edit", "")
		}
	}
}

// holdsPersonal reports whether text, read in object i (-1 for none),
// holds personal data the policy covers.
func (pr *piiRun) holdsPersonal(sc *detectScratch, text string, i int32) bool {
	s := &site{place: placeText, text: []byte(text), str: text}
	personal := false
	pr.detectSite(sc, pr.cfg.detectors, s, func(m detect.Match, _ uint8) {
		personal = personal || pr.personal(pr.matchOf(s, m), i)
	})
	return personal
}
