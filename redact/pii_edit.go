package redact

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
)

// piiEdits finds the personal data in object i again and records the edits
// that remove it: in free text a pseudonym, placeholder, mask or network
// replaces the value; an SCO value or a pattern literal gets a pseudonym
// or a network (re-escaped for the pattern's quoting, and for MATCHES and
// LIKE); a leaf that is only the value goes when the method is remove.
// The error is an edited pattern that no longer parses (a bug, reported
// rather than let out), or a LIKE replacement holding a wildcard. Where a
// pattern cannot be edited (rigidMatch), its indicator was dropped.
func (t *transformer) piiEdits(o *stix.Object, i int32, base Decision, del func(stix.Path, Decision)) error {
	ru := t.ru
	pr := ru.pii
	info := ru.objs.at(i)
	ds := t.detectorsFor(i)
	t.recall, t.recallAt = ru.matchesOf(i), 0
	personalWhole := pr.personalObj[i]
	// likeErr is a replacement a LIKE cannot hold (a '%' or '_'): it would
	// vanish from the literal, so the run fails instead.
	var likeErr error
	var pattern struct {
		span  stix.Span
		text  string
		edits []stix.PatternEdit
	}
	// visit edits one site; ms are its matches, when known already.
	visit := func(s *site, ms []detect.Match, known bool) {
		each := func(fn func(m detect.Match, det uint8)) {
			if known {
				for _, m := range ms {
					fn(m, 0)
				}
			} else {
				pr.detectSite(t.detectScratch(), ds, s, fn)
			}
		}
		if t.inDeleted(s.path) {
			// Removed already, with its member or by a rule. A member
			// name in it is not edited, but the removal's decision names
			// a path through it (a granular marking's selector): a name
			// that is personal data is hidden there as a member removed
			// for its name is (see hideRemovedKeys).
			if s.place == placeKey && !t.inGoneMember(s.path) {
				personal := false
				each(func(m detect.Match, _ uint8) {
					personal = personal || pr.personal(pr.matchAt(s, m), i)
				})
				if personal {
					t.goneMembers = append(t.goneMembers, append(stix.Path(nil), s.path...))
				}
			}
			return
		}
		reps := t.reps[:0]
		defer func() { t.reps = reps[:0] }()
		var whole *detect.Match
		keyGone := false
		removedBy := "" // the rule of a removal of the whole leaf
		found := func(m detect.Match, _ uint8) {
			kind := string(m.Kind)
			mi := pr.matchAt(s, m)
			if s.place != placeKey {
				t.recallCode(&mi)
			}
			if !pr.personal(mi, i) {
				return
			}
			value := s.place == placeValue || s.place == placeLiteral || s.place == placeRigid
			method, rule := ru.rd.method(kind, value, pr.subject(mi, ru.source()))
			if s.place == placeKey {
				// Whatever the method, the member goes: its name cannot be
				// replaced in place (see placeKey). The report names the
				// member without its name.
				d := base
				d.Path, d.Rule, d.Action, d.Kind = keyPath(s.path), rule, ActionRemove, kind
				d.Fingerprint = t.fingerprint([]byte(m.Value))
				t.decide(d)
				keyGone, removedBy = true, rule
				return
			}
			if pr.collided[mi.hash] && method == policy.MethodPseudonymise {
				method = policy.MethodReplace
			}
			d := base
			d.Path, d.Rule, d.Action, d.Kind = s.path.String(), rule, string(method), kind
			d.Fingerprint = t.fingerprint([]byte(m.Value))
			if s.place == placeForeignPattern {
				return // kept as it is (the policy keeps such patterns)
			}
			if rigidMatch(s, m) {
				return // its indicator was dropped in resolve
			}
			if t.wholes != nil && s.whole != "" && m.Start == 0 && m.End == len(s.text) {
				// Personal as a whole, its translation is too, in a form
				// no detector knows (a name in another script).
				*t.wholes = append(*t.wholes, append(stix.Path(nil), s.path...))
			}
			if method == policy.MethodRemove && s.place == placeText && m.Start == 0 && m.End == len(s.text) {
				mm := m
				whole, removedBy = &mm, rule
				t.decide(d)
				return
			}
			if s.place == placeComment && method == policy.MethodMask {
				// A mask's '*' before a '/' of the comment would end it.
				method = policy.MethodReplace
				d.Action = string(method)
			}
			text := t.replacementText(kind, m, s, method, mi)
			end := m.End
			if kind == string(detect.URLCredential) && method != policy.MethodPseudonymise {
				// A URL's user information goes with its '@': a placeholder
				// there would not be a URL any more.
				text = ""
				if end < len(s.text) && s.text[end] == '@' {
					end++
				}
			}
			if s.place == placeLiteral && s.lit.Op == "=" && method == policy.MethodGeneralise && m.Start == 0 && m.End == len(s.text) {
				// An address becomes its network: [ipv4-addr:value ISSUBSET '10.1.2.0/24'].
				pattern.edits = append(pattern.edits, stix.PatternEdit{Span: s.lit.OpSpan, Text: "ISSUBSET"})
			}
			t.decide(d)
			reps = append(reps, textEdit{start: m.Start, end: end, text: text})
		}
		each(found)
		if keyGone {
			p := append(stix.Path(nil), s.path...) // a leaf's path is reused by the walk
			t.e.Delete(p)
			t.noteDeleted(p, removedBy)
			t.goneMembers = append(t.goneMembers, p)
			return
		}
		if whole != nil {
			if wholeRequired(ru.types[info.typ], s.path, info.flags&fV20 != 0) {
				t.e.Replace(s.span, t.quoted(placeholder(string(whole.Kind))))
			} else {
				t.deletePath(s.path, removedBy)
			}
			return
		}
		if len(reps) == 0 {
			return
		}
		if s.place == placeText && isURL(s.text) {
			for k := range reps {
				reps[k].text = urlSafe(reps[k].text)
			}
		}
		if s.place != placeLiteral && s.place != placeComment {
			t.spliced = appendSplice(t.spliced[:0], s.text, reps)
			t.e.Replace(s.span, t.quotedBytes(t.spliced))
			return
		}
		if pattern.text == "" {
			pattern.span = s.span
			pattern.text = jsonString(o.Raw()[s.span.Start:s.span.End])
		}
		if s.place == placeComment {
			pattern.edits = append(pattern.edits, stix.PatternEdit{Span: s.comment, Text: string(appendSplice(t.spliced[:0], s.text, reps))})
			return
		}
		var lit string
		switch s.lit.Op {
		case "MATCHES":
			// Back in the regular expression's offsets, escaped.
			for k := range reps {
				r := &reps[k]
				r.start, r.end = s.toRegex[r.start], s.toRegex[r.end]
				r.text = stix.EscapeMatches(r.text)
				// Inside \Q...\E escapes are text: the quote is closed
				// around the replacement.
				if quotedAt(s.lit.Value, r.start) {
					r.text = `\E` + r.text
				}
				if quotedAt(s.lit.Value, r.end) {
					r.text += `\Q`
				}
			}
			lit = escapeReplacements([]byte(s.lit.Value), reps, func(x string) string { return x })
		case "LIKE":
			lit = escapeReplacements(s.text, reps, func(x string) string {
				e, err := stix.EscapeLike(x)
				if err != nil && likeErr == nil {
					likeErr = err
				}
				return e
			})
		default:
			lit = string(appendSplice(t.spliced[:0], s.text, reps))
		}
		pattern.edits = append(pattern.edits, stix.PatternEdit{Span: s.lit.Span, Text: stix.QuotePatternLiteral(lit)})
	}
	// A Session's one object was scanned in pass 1 already: with no names
	// learned since, the same detectors find the same matches in the same
	// sites.
	if ru.single && ru.sites != nil && ru.sites.filled && !personalWhole && len(pr.names) == 0 {
		ru.sites.each(func(s *site, ms []detect.Match) { visit(s, ms, true) })
	} else {
		visitSites(o, ru.types[info.typ], personalWhole, &t.detectScratch().sites, func(s *site) { visit(s, nil, false) })
	}
	if likeErr != nil {
		return fmt.Errorf("redact: object %d: rewriting a LIKE in its pattern: %w", i, likeErr)
	}
	if len(pattern.edits) > 0 {
		// An edit that does not apply, or a pattern that no longer parses
		// after it, would be a bug here: fail the run rather than let the
		// pattern out as it was, or broken.
		np, err := stix.EditPattern(pattern.text, pattern.edits)
		if err == nil {
			_, err = stix.PatternLiterals(np)
		}
		if err != nil {
			return fmt.Errorf("redact: object %d: rewriting its pattern: %w", i, err)
		}
		t.e.Replace(pattern.span, t.quoted(np))
	}
	return nil
}

// detectorsFor returns the detectors that find again, in pass 2, the
// personal data pass 1 found in object i. They are the policy's detectors
// whose candidates pass 1 kept in the object, when the names pass found
// no learned name in it; all of them, and the learned names, otherwise.
//
// The matches are the same: a candidate that loses an overlap blocks
// nothing (resolveOverlaps), so a detector none of whose candidates was
// kept only ever lost to candidates that are found again. A learned name,
// which pass 1 did not look for, could have beaten a kept candidate and
// let a lost one through: then every detector runs.
func (t *transformer) detectorsFor(i int32) []detect.Detector {
	pr := t.ru.pii
	all := pr.cfg.detectors
	if len(pr.nameMatchesOf(i)) > 0 || pr.cfg.everyDetector {
		return append(all[:len(all):len(all)], pr.names...)
	}
	var mask [4]uint64
	for _, m := range t.ru.matchesOf(i) {
		if m.det == detAny {
			return all
		}
		mask[m.det/64] |= 1 << (m.det % 64)
	}
	ds := t.ds[:0]
	for k, d := range all {
		if det := k + 1; mask[det/64]&(1<<(det%64)) != 0 {
			ds = append(ds, d)
		}
	}
	t.ds = ds
	return ds
}

// textEdit replaces text[start:end].
type textEdit struct {
	start, end int
	text       string
}

// placementFlags are the match flags pass 1 recorded for a detection at s.
func placementFlags(s *site, m detect.Match) uint8 {
	var f uint8
	if m.Internal {
		f |= mInternal
	}
	switch s.place {
	case placeLiteral, placeRigid:
		f |= mLiteral
		if m.Start > 0 || m.End < len(s.text) {
			f |= mPart
		}
		if rigidMatch(s, m) {
			f |= mRigid
		}
	case placeValue:
		f |= mValue
	case placeForeignPattern:
		f |= mForeign
	case placeKey:
		f |= mKey
	}
	if s.whole != "" {
		f |= mWhole
	}
	return f
}

// recallLookahead is how far recallCode looks past where it last found a
// match: far enough to step over the few matches pass 2 does not see again
// in order (a learned name's), near enough that looking costs little.
const recallLookahead = 8

// recallCode gives mi, found in pass 2, the pseudonym code pass 1 computed
// for the same value in the same object, if any. Pass 2 finds an object's
// values in the order pass 1 did, so the code is looked for just past the
// last one found (t.recallAt): a value costs a few comparisons, not a
// search of the object's matches.
func (t *transformer) recallCode(mi *matchInfo) {
	ms := t.recall
	for k := t.recallAt; k < len(ms) && k < t.recallAt+recallLookahead; k++ {
		if ms[k].hash == mi.hash {
			t.recallAt = k + 1
			if ms[k].flags&mCoded != 0 {
				mi.code, mi.flags = ms[k].code, mi.flags|mCoded
			}
			return
		}
	}
}

// replacementText is what replaces a detected value, mi's.
func (t *transformer) replacementText(kind string, m detect.Match, s *site, method policy.Method, mi matchInfo) string {
	switch method {
	case policy.MethodPseudonymise:
		if mi.flags&mCoded != 0 {
			return pseudonymFromCode(kind, mi.code)
		}
		p, _ := t.ru.rd.keys.pseudonymOf(kind, m.Value)
		return p
	case policy.MethodGeneralise:
		if g, ok := generalise(m.Value); ok {
			return g
		}
		return placeholder(kind)
	case policy.MethodMask:
		return mask(string(s.text[m.Start:m.End]))
	}
	return placeholder(kind)
}

// isURL reports whether a site's text is one URL: a scheme's "://" and
// no space. What replaces a value in it must leave it one.
func isURL(text []byte) bool {
	return bytes.Contains(text, []byte("://")) && !bytes.ContainsAny(text, " \t\r\n")
}

// urlSafe percent-encodes the bytes of s a URL may not hold as they are
// (RFC 3986 section 2.2 and 2.3): of a placeholder, its brackets and
// space ("%5BREDACTED%20EMAIL%5D"). Pseudonyms, networks and masks hold
// none. Redacting again reads the placeholder through the encoding, as
// detectors read every URL.
func urlSafe(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !urlByte[s[i]] {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; urlByte[c] {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// urlByte marks the bytes a URL holds as they are: unreserved characters,
// sub-delimiters, ':', '@', '/' and '?'. Never written after init.
var urlByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!$&'()*+,;=:@/?", byte(c)) >= 0
	}
	return t
}()

// appendSplice appends text with the replacements (in text order, not
// overlapping) applied to dst.
func appendSplice(dst, text []byte, reps []textEdit) []byte {
	pos := 0
	for _, r := range reps {
		dst = append(append(dst, text[pos:r.start]...), r.text...)
		pos = r.end
	}
	return append(dst, text[pos:]...)
}

// escapeReplacements splices replacements into a regex or LIKE literal,
// escaping the replacement text (the rest of the literal is syntax).
func escapeReplacements(text []byte, reps []textEdit, esc func(string) string) string {
	var b strings.Builder
	pos := 0
	for _, r := range reps {
		b.Write(text[pos:r.start])
		b.WriteString(esc(r.text))
		pos = r.end
	}
	b.Write(text[pos:])
	return b.String()
}

// quotedAt reports whether offset at of the regular expression re lies in
// the text of a \Q...\E quote (its closing \E included), where a
// backslash is no escape.
func quotedAt(re string, at int) bool {
	for i := 0; i < len(re) && i < at; i++ {
		if re[i] != '\\' || i+1 == len(re) {
			continue
		}
		if re[i+1] != 'Q' {
			i++ // an escape
			continue
		}
		end := strings.Index(re[i+2:], `\E`)
		if end < 0 {
			return true // quoted to the end
		}
		end += i + 2
		if at >= i+2 && at <= end {
			return true
		}
		i = end + 1
	}
	return false
}
