package redact

import (
	"bytes"
	"strings"

	"github.com/airlock-cti/airlock/stix"
)

// withheld replaces, in free text, the id of an object that is not in the
// output.
const withheld = "[withheld]"

// renamedEarlier stands, in mentionEdits, for the new id of an object an
// earlier message of a Session renamed; it is no id, so no text holds it.
const renamedEarlier = "\x00renamed"

// mentionEdits rewrites the ids that object i writes inside its strings:
// a dropped object's id is withheld, a renamed object's id becomes the new
// one. refs are the object's references (stix.Refs), which are not
// mentions.
func (t *transformer) mentionEdits(o *stix.Object, i int32, base Decision, refs []stix.Ref) {
	ru := t.ru
	var fix map[idKey]string // id -> what replaces it
	put := func(k idKey, rep string) {
		if fix == nil {
			fix = map[idKey]string{}
		}
		fix[k] = rep
	}
	for _, r := range ru.refsOf(i) {
		if !r.is(refMention) {
			continue
		}
		if r.to < 0 {
			// Not in this run: a Session's earlier message dropped or
			// renamed it (see cascade and resolveRefs).
			switch {
			case r.is(refGone):
				put(r.target, withheld)
			case r.is(refExtRenamed):
				put(r.target, renamedEarlier)
			}
			continue
		}
		target := ru.objs.at(r.to)
		switch {
		case r.is(refGone), target.flags&fDropped != 0 && ru.idGone(r.to) && target.flags&fMerged == 0:
			put(r.target, withheld)
		case target.flags&fRenamed != 0:
			put(r.target, "") // computed from the id below
		}
	}
	if fix == nil {
		return
	}
	// The object's id and its references are not mentions (the caller
	// prunes and renames references); every other string may be one, or
	// hold some.
	nm := newNotMentions(o, refs)
	var res *stix.Resolver                                    // o's keys, for renamed keys
	names := stix.LeafScanner{Names: true, CustomNames: true} // ids are the keys of some dictionaries
	for l := range names.Leaves(o) {
		if len(l.Path) == 0 || !bytes.Contains(l.Text, []byte("--")) || nm.at(l.Span.Start) {
			continue
		}
		if t.inGoneMember(l.Path) {
			continue // removed with its member
		}
		if !l.Path[0].IsIndex() && l.Path[0].Key == "granular_markings" {
			// Selectors are paths: one that names a member removed here
			// goes with it (granularMarkings), and the marking refs are
			// references.
			continue
		}
		text := string(l.Text)
		if !l.Name {
			if prev, ok := t.e.Replacement(l.Span); ok {
				// Personal data in the same string was replaced already:
				// the ids are rewritten in that text.
				text = jsonString(prev)
			}
		}
		first := len(t.decisions) // this leaf's decisions start here
		// What replaces a withheld id in a URL is percent-encoded, as a
		// placeholder for personal data is, so that the URL stays one.
		gone := withheld
		if !l.Name && isURL(l.Text) {
			gone = urlSafe(withheld)
		}
		out, changed := rewriteMentions(text, func(written string) (string, bool) {
			id, k := ru.mentionTarget(written)
			rep, ok := fix[k]
			if !ok {
				return "", false
			}
			switch rep {
			case "":
				rep = ru.newID(id, ru.firstOf(k))
			case renamedEarlier:
				// As a reference to it is rewritten (see rewrite).
				if rep = ru.sess.renamedKey(k); rep == "" {
					rep = ru.rd.keys.derivedID(ru.rd.name, id, ru.objs.at(i).flags&fV20 != 0)
				}
			}
			d := base
			d.Path, d.Rule, d.Action, d.Kind = l.Path.String(), "references", ActionRemove, "id-in-text"
			if rep == withheld {
				rep = gone
			} else {
				d.Action, d.NewID = ActionRename, rep
			}
			d.Fingerprint = t.fingerprint([]byte(written))
			t.decide(d)
			return rep, true
		})
		switch {
		case !changed || text == "":
		case !l.Name:
			t.e.Replace(l.Span, t.quoted(out))
		default:
			// A key: withheld, or renamed onto a key the dictionary has,
			// the member goes (two members of one name are not JSON a
			// reader takes); renamed, the key follows.
			p := append(stix.Path(nil), l.Path...)
			if res == nil {
				res = stix.NewResolver(o.Raw()) // each dictionary indexed once
			}
			if _, taken := res.Resolve(append(p[:len(p)-1:len(p)-1], stix.Key(out))); taken || strings.Contains(out, withheld) {
				t.e.Delete(p)
				t.noteDeleted(p, "references")
				// The report says what happened: the member was removed,
				// whatever its ids were to become.
				for k := first; k < len(t.decisions); k++ {
					t.decisions[k].Action, t.decisions[k].NewID = ActionRemove, ""
				}
			} else {
				t.e.Replace(l.Span, t.quoted(out))
			}
		}
	}
}

// rewriteMentions replaces the STIX ids written in text for which f says
// so, the text being all of one id included. Ids are found as pass 1
// finds them (see appendMentionKeys): in any case, the longer start
// tried first.
func rewriteMentions(text string, f func(id string) (string, bool)) (string, bool) {
	var b strings.Builder
	changed := false
	pos := 0
	for at := 0; ; {
		k := strings.Index(text[at:], "--")
		if k < 0 {
			break
		}
		p := at + k
		at = p + 2
		if p+38 > len(text) {
			break
		}
		if _, err := stix.ParseUUID(text[p+2 : p+38]); err != nil {
			continue
		}
		start, upper := mentionStarts(text, pos, p)
		end := p + 38
		rep, ok := "", false
		if upper < start && p-upper >= 3 {
			rep, ok = f(text[upper:end])
			if ok {
				start = upper
			}
		}
		if !ok && p-start >= 3 {
			rep, ok = f(text[start:end])
		}
		if !ok {
			continue
		}
		b.WriteString(text[pos:start])
		b.WriteString(rep)
		pos, at = end, end
		changed = true
	}
	if !changed {
		return text, false
	}
	b.WriteString(text[pos:])
	return b.String(), true
}
