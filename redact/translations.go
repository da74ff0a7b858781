package redact

import (
	"slices"
	"sort"

	"github.com/airlock-cti/airlock/stix"
)

// A language-content object (STIX 2.1 section 7.1) translates another:
// its contents map each language tag to the translated object's
// properties, their values mirrored (a string's translation, a list of
// translations for a list, a dictionary for a dictionary). What is
// removed from the translated object (granular-marked content above the
// ceiling, an object rule's properties, personal data removed whole,
// pruned references) must go from every language's contents too, or the
// translation tells what the original no longer does. So must the
// translation of a leaf that is personal data as a whole (a person's
// name), replaced in the original: no detector knows it in another
// script or language.
//
// Where a removal lies inside a list, the items after it move, and which
// item of the translation mirrors which is no longer sure: the whole
// translated property goes (fail closed), from the top down to the list.

// translatedRemoval is one removal from a translated object, and the
// policy rule that made it.
type translatedRemoval struct {
	path stix.Path
	rule string
}

// translationKind is the decision kind of content removed from a
// language content because it is removed from the translated object.
const translationKind = "translated-content"

// translations finds what is removed from each object that a language
// content translates, by trying its transform, and marks the language
// contents that must lose the same. It runs in resolve after the late
// checks, each round (pruned references and repairs can add removals), so
// that pass 2 knows it whatever the order of the objects and whichever
// worker transforms them.
func (ru *run) translations(objectAt func(int32) (*stix.Object, error)) error {
	if len(ru.langRefs) == 0 || ru.single {
		return nil // a Session's one object translates nothing in its run
	}
	lcs := make([]int32, 0, len(ru.langRefs))
	for lc := range ru.langRefs {
		lcs = append(lcs, lc)
	}
	slices.Sort(lcs)
	found := map[int32][]translatedRemoval{}
	for _, lc := range lcs {
		info := ru.objs.at(lc)
		r := &ru.refs[ru.langRefs[lc]]
		if info.flags&fDropped != 0 || r.to < 0 || r.is(refGone) {
			continue
		}
		first := ru.firstOf(r.target)
		rems, done := found[first]
		if !done {
			var err error
			if rems, err = ru.removalsOf(first, objectAt); err != nil {
				return err
			}
			found[first] = rems
		}
		if len(rems) == 0 {
			continue
		}
		if info.flags&fTranslated != 0 && slices.EqualFunc(rems, ru.translated[first], sameRemoval) {
			continue // checked already
		}
		if info.flags&fPublic != 0 {
			ru.drop(lc, "public_sources", "public-source-edit", "")
			continue
		}
		info.flags |= fTranslated | fLateCheck | fDirty
	}
	ru.translated = found
	return nil
}

// earlierChangeKind is the decision kind of a language content dropped
// because an earlier message of a Session changed the object it
// translates.
const earlierChangeKind = "translation-of-earlier-change"

// earlierTranslated drops, in a Session or a window, the language
// contents that translate an object an earlier message or window wrote
// changed (content removed or replaced, or a new id): what that object
// lost is not remembered, so its translations cannot be trimmed to match,
// and they go whole (fail closed). The memory keeps a few flags an id,
// which keeps it bounded; the removed paths of every changed object, kept
// in case a translation follows, would grow with the objects' content,
// and would cost a trial transform of each (pass 2 transforms on the
// workers and keeps nothing). One the memory says dropped goes anyway: its
// object_ref is required (see cascade).
func (ru *run) earlierTranslated() {
	if ru.sess == nil {
		return
	}
	for lc, ri := range ru.langRefs {
		r := &ru.refs[ri]
		if v := ru.sess.getKey(r.target); v&memDropped == 0 && v&(memChanged|memRenamed) != 0 {
			ru.drop(lc, "references", earlierChangeKind, "object_ref")
		}
	}
}

func sameRemoval(a, b translatedRemoval) bool { return a.rule == b.rule && a.path.Equal(b.path) }

// removalsOf returns what the transform removes from the versions of the
// object whose first version is first, in the order removed.
func (ru *run) removalsOf(first int32, objectAt func(int32) (*stix.Object, error)) ([]translatedRemoval, error) {
	var rems []translatedRemoval
	for j := first; j >= 0; j = ru.objs.at(j).next {
		if ru.objs.at(j).flags&fDropped != 0 || unchanged(ru.objs.at(j)) {
			continue
		}
		o, err := objectAt(j)
		if err != nil {
			return nil, err
		}
		t := ru.newTransformer()
		t.record = true // the decisions name the rule of each removal
		var wholes []stix.Path
		t.wholes = &wholes
		if _, _, err := t.transform(o, j, nil); err != nil {
			if ld, ok := err.(*errLateDrop); ok {
				// Not expected of an object the late checks let through:
				// it cannot stand, so it goes, and its translations with it.
				rule, kind := ld.cause()
				ru.drop(j, rule, kind, ld.path)
				continue
			}
			return nil, err
		}
		rules := map[string]string{}
		for _, d := range t.decisions {
			if d.Path != "" && d.Action != ActionRename {
				if _, ok := rules[d.Path]; !ok {
					rules[d.Path] = d.Rule
				}
			}
		}
		gone := t.hiddenMembers() // as the decisions name these removals
		for _, p := range append(t.deleted, wholes...) {
			rule, ok := rules[hiddenPath(gone, p.String())]
			if !ok {
				rule = "stix"
			}
			rems = append(rems, translatedRemoval{path: append(stix.Path(nil), p...), rule: rule})
		}
	}
	return rems, nil
}

// translationEdits removes from language content i what is removed from
// the object it translates: each removed property from every language,
// and the whole translated property where the removal lies inside a list.
func (t *transformer) translationEdits(o *stix.Object, i int32, base Decision, del func(stix.Path, Decision)) {
	ru := t.ru
	ri, ok := ru.langRefs[i]
	if !ok {
		return
	}
	rems := ru.translated[ru.firstOf(ru.refs[ri].target)]
	if len(rems) == 0 {
		return
	}
	// The translated properties to remove, shortest first, so that one
	// inside another already taken is left out.
	props := make([]translatedRemoval, 0, len(rems))
	for _, r := range rems {
		p := r.path
		for k, st := range p {
			if st.IsIndex() {
				p = p[:k]
				break
			}
		}
		if len(p) > 0 {
			props = append(props, translatedRemoval{path: p, rule: r.rule})
		}
	}
	sort.SliceStable(props, func(a, b int) bool { return len(props[a].path) < len(props[b].path) })
	var taken []stix.Path
	res := stix.NewResolver(o.Raw())
	for _, lang := range languages(o) {
		at := stix.Path{stix.Key("contents"), stix.Key(lang)}
		for _, r := range props {
			p := append(append(stix.Path(nil), at...), r.path...)
			if slices.ContainsFunc(taken, p.HasPrefix) {
				continue
			}
			s, ok := res.Resolve(p)
			if !ok {
				continue
			}
			taken = append(taken, p)
			d := base
			d.Rule, d.Action, d.Kind = r.rule, ActionRemove, translationKind
			d.Fingerprint = t.fingerprintJSON(o.Raw()[s.Start:s.End])
			del(p, d)
		}
	}
}

// languages returns the language tags of a language content's contents,
// in document order.
func languages(o *stix.Object) []string {
	var tags []string
	ls := stix.LeafScanner{Names: true}
	for l := range ls.Leaves(o) {
		if l.Name && len(l.Path) == 2 && !l.Path[0].IsIndex() && l.Path[0].Key == "contents" && !l.Path[1].IsIndex() {
			tags = append(tags, l.Path[1].Key)
		}
	}
	return tags
}
