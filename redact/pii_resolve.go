package redact

import (
	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
)

// resolvePII decides, once everything has been read, which detections are
// personal data, and so which objects change or drop: roles from the
// graph, then the learned names (one more read of the input when there
// are any), then each detection.
func (ru *run) resolvePII(objectAt func(int32) (*stix.Object, error)) error {
	pr := ru.pii
	ru.resolveRoles()
	ru.personalStatements()
	if len(pr.names) > 0 {
		if err := ru.namesPass(objectAt); err != nil {
			return err
		}
	}
	codes := map[uint64]uint64{} // pseudonym code -> value hash
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		if o.flags&(fDropped|fPublic|fMarkingDef) != 0 {
			continue
		}
		idx := i
		// change says personal data in it is edited; removes, that some
		// edit removes a leaf (a whole value whose method is remove, a field
		// of an object personal as a whole, an SCO's value), which may leave
		// the object incomplete: only then is its transform tried first.
		change, removes := false, pr.personalObj[idx]
		if pr.personalObj[idx] {
			// Personal as a whole: it changes unless its fields are already
			// pseudonyms or placeholders (output redacted before).
			obj, err := objectAt(i)
			if err != nil {
				return err
			}
			visitSites(obj, ru.types[o.typ], true, nil, func(s *site) {
				if s.whole != "" {
					pr.detectSite(ru.detectScratch(), nil, s, func(detect.Match, uint8) { change = true })
				}
			})
		}
		ms := ru.matchesOf(idx)
		ms = append(ms[:len(ms):len(ms)], pr.nameMatchesOf(idx)...)
		for _, m := range ms {
			if !pr.personal(m, idx) {
				continue
			}
			change = true
			if m.flags&mKey != 0 {
				// Its member goes: that may empty a required part, and an
				// SCO's id may follow from it (a file's hashes).
				removes = true
				continue
			}
			value := m.flags&(mValue|mLiteral) != 0
			method, rule := ru.rd.method(m.kind.String(), value, pr.subject(m, ru.source()))
			if method == policy.MethodRemove || m.flags&(mValue|mWhole) != 0 {
				removes = true
			}
			if method == policy.MethodPseudonymise {
				if h, ok := codes[m.code]; ok && h != m.hash {
					pr.collided[m.hash] = true
				} else {
					codes[m.code] = m.hash
				}
			}
			switch {
			case m.flags&mRigid == mRigid:
				ru.drop(idx, rule, m.kind.String(), "pattern")
			case m.flags&mForeign != 0:
				if pr.cfg.nonSTIX != policy.TreatKeep {
					ru.drop(idx, "pii.non_stix_patterns", m.kind.String(), "pattern")
				}
			case m.flags&mLiteral != 0 && (method == policy.MethodRemove || pr.collided[m.hash]):
				ru.drop(idx, rule, m.kind.String(), "pattern")
			case m.flags&mValue != 0 && (method == policy.MethodRemove || pr.collided[m.hash]):
				ru.drop(idx, rule, m.kind.String(), "")
			}
		}
		if change && o.flags&fDropped == 0 {
			o.flags |= fPII
			if removes {
				o.flags |= fLateCheck | fDirty
			}
		}
	}
	return nil
}

// namesPass reads every object again to find the names learned from the
// whole input (victims', staff's). Objects are read in chunks on the
// workers, and their matches joined in input order.
func (ru *run) namesPass(objectAt func(int32) (*stix.Object, error)) error {
	pr := ru.pii
	n := ru.objs.len()
	const chunk = 512
	type part struct {
		ms     []matchInfo
		counts []uint32 // matches of each of the chunk's objects
		err    error
	}
	parts := make([]part, (int(n)+chunk-1)/chunk)
	scan := func(sc *detectScratch, c int) {
		p := &parts[c]
		lo, hi := int32(c*chunk), min(int32((c+1)*chunk), n)
		p.counts = make([]uint32, hi-lo)
		for i := lo; i < hi; i++ {
			o := ru.objs.at(i)
			if o.flags&(fPublic|fMarkingDef) != 0 {
				continue
			}
			obj, err := objectAt(i)
			if err != nil {
				p.err = err
				return
			}
			before := len(p.ms)
			visitSites(obj, ru.types[o.typ], false, &sc.sites, func(s *site) {
				if s.whole != "" {
					return
				}
				pr.detectSite(sc, pr.names, s, func(m detect.Match, _ uint8) {
					p.ms = append(p.ms, pr.matchOf(s, m))
				})
			})
			p.counts[i-lo] = uint32(len(p.ms) - before)
		}
	}
	workers := min(ru.rd.workers, len(parts))
	onWorkers(workers, len(parts), func() *detectScratch {
		if workers <= 1 {
			return ru.detectScratch() // the run's own, on the caller's goroutine
		}
		return newDetectScratch()
	}, scan)
	pr.nameStart = make([]uint32, n+1) // nil until this pass: see nameMatchesOf
	pr.nameMatches = pr.nameMatches[:0]
	for c := range parts {
		p := &parts[c]
		if p.err != nil {
			return p.err
		}
		start := uint32(len(pr.nameMatches))
		for k, cnt := range p.counts {
			pr.nameStart[c*chunk+k] = start
			start += cnt
		}
		pr.nameMatches = append(pr.nameMatches, p.ms...)
	}
	pr.nameStart[n] = uint32(len(pr.nameMatches))
	return nil
}

// nameMatchesOf returns the learned names the names pass found in object
// i.
func (pr *piiRun) nameMatchesOf(i int32) []matchInfo {
	if pr.nameStart == nil {
		return nil
	}
	return pr.nameMatches[pr.nameStart[i]:pr.nameStart[i+1]]
}
