package redact

import (
	"strings"

	"github.com/airlock-cti/airlock/stix"
)

// keyStep stands, in a decision's path, for a member name that held
// personal data. It is no dictionary key STIX allows (STIX 2.1 section
// 2.3: a-z, A-Z, 0-9, '-' and '_'), so it cannot be taken for one.
const keyStep = "[REDACTED KEY]"

// keyPath is how a decision names the member at p whose name held personal
// data: its parent's path, and keyStep for the name ("x_owner.[REDACTED
// KEY]").
func keyPath(p stix.Path) string {
	return append(p[:len(p)-1:len(p)-1], stix.Key(keyStep)).String()
}

// inGoneMember reports whether p is a member removed for its name (see
// goneMembers), its value or inside it: nothing there is in the output.
// A string value's path is its member's.
func (t *transformer) inGoneMember(p stix.Path) bool {
	return t.goneSet.covers(t.goneMembers, p)
}

// inDeleted reports whether p is, or is inside, content the transform
// deletes already (an object rule's property, granular-marked content
// above the ceiling): nothing there is edited, or reported as edited.
func (t *transformer) inDeleted(p stix.Path) bool {
	if len(t.deleted) == 0 && len(t.goneMembers) == 0 {
		return false // most objects, most sites
	}
	return t.deletedSet.covers(t.deleted, p) || t.inGoneMember(p)
}

// hideRemovedKeys rewrites the paths of an object's decisions ds that
// name a member removed for its name, or a dictionary entry removed for
// any reason (a granular marking, an object rule, an emptied list or
// dictionary, emptied among them), or anything inside either: they name
// it as keyPath does, and nothing under it, since a name under it may be
// marked content or personal data no one looked for. A removed member
// whose name is not data (see shownName) is named as it is. Paths are
// compared as their strings, so a path that only reads like one under the
// member is hidden too: more is hidden, never less.
func (t *transformer) hideRemovedKeys(ds []Decision) {
	gone := t.hiddenMembers()
	if gone == nil {
		return
	}
	for k := range ds {
		ds[k].Path = hiddenPath(gone, ds[k].Path)
	}
}

// hiddenMembers indexes by their paths' strings the members of the object
// being rewritten whose names its decisions hide (see hideRemovedKeys),
// for hiddenPath; nil when there are none.
func (t *transformer) hiddenMembers() map[string]stix.Path {
	var gone map[string]stix.Path
	add := func(g stix.Path) {
		if gone == nil {
			gone = map[string]stix.Path{}
		}
		if _, ok := gone[g.String()]; !ok {
			gone[g.String()] = g
		}
	}
	for _, g := range t.goneMembers {
		add(g)
	}
	for _, set := range [][]stix.Path{t.deleted, t.emptied} {
		for _, p := range set {
			if len(p) > 0 && !p[len(p)-1].IsIndex() && !shownName(p) {
				add(p)
			}
		}
	}
	return gone
}

// shownName reports whether a decision may name the member at p, which
// the transform removes, by its name: a property name where properties
// are (see propertyPlace and stix.IsPropertyName: names a schema gives),
// a name STIX defines below the top level, an identifier (the report
// names objects by their ids; one that must not appear is withheld from
// the output, not from the report), an extension's name or id (the
// key of an extensions dictionary), a language tag in a language
// content's contents, a hash algorithm's name. Any other name is a
// dictionary's key, which may be the very content the marking or rule
// removed ("x_targets.acme-corp").
func shownName(p stix.Path) bool {
	name := p[len(p)-1].Key
	if propertyPlace(p) {
		return stix.IsPropertyName(name)
	}
	if stix.IsDefinedName(name) || isIdentifier(name) {
		return true
	}
	switch parent := p[len(p)-2]; {
	case parent.IsIndex():
		return false
	case parent.Key == "extensions":
		return true
	case parent.Key == "contents" && len(p) == 2:
		return languageTag(name)
	case parent.Key == "hashes":
		return hashAlgorithms[name]
	}
	return false
}

// isIdentifier reports whether name has the form of a STIX identifier: a
// type, "--" and a UUID.
func isIdentifier(name string) bool {
	k := strings.Index(name, "--")
	if k <= 0 {
		return false
	}
	_, err := stix.ParseUUID(name[k+2:])
	return err == nil
}

// propertyPlace reports whether the member at p is where an object's
// properties are: its top level, an extension's top level, a translation's
// top level in a language content ("contents.de.x_field").
func propertyPlace(p stix.Path) bool {
	n := len(p)
	switch {
	case n == 1:
		return true
	case n >= 3 && !p[n-3].IsIndex() && p[n-3].Key == "extensions":
		return true
	case n == 3 && p[0].Key == "contents":
		return true
	}
	return false
}

// languageTag reports whether name has the form of a language tag (RFC
// 5646: letters and digits in parts of one to eight, joined by hyphens,
// the first of letters), as the keys of a language content's contents.
func languageTag(name string) bool {
	parts := strings.Split(name, "-")
	for k, part := range parts {
		if len(part) == 0 || len(part) > 8 {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i] | 0x20
			if !(c >= 'a' && c <= 'z' || k > 0 && part[i] >= '0' && part[i] <= '9') {
				return false
			}
		}
	}
	return true
}

// hashAlgorithms is hash-algorithm-ov (STIX 2.1 section 10.11).
var hashAlgorithms = map[string]bool{
	"MD5": true, "SHA-1": true, "SHA-256": true, "SHA-512": true, "SHA3-256": true, "SHA3-512": true,
	"SSDEEP": true, "TLSH": true,
}

// hiddenPath is path p as a decision names it (see hideRemovedKeys), gone
// indexing the members whose names are hidden.
func hiddenPath(gone map[string]stix.Path, p string) string {
	// The member's path string ends where p does, or at a dot of it: the
	// shortest that names a gone member wins.
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '.' {
			continue
		}
		if g, ok := gone[p[:i]]; ok {
			return keyPath(g)
		}
	}
	return p
}
