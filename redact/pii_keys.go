package redact

import (
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

// hideGoneMembers rewrites the paths of an object's decisions ds that name
// a member removed for its name, or anything inside it (a granular marking
// or an object rule may have removed it too, a reference in it may have
// been pruned): they name it as keyPath does, and nothing under it, since
// a name under it may be personal data no one looked for. Paths are
// compared as their strings, so a path that only reads like one under the
// member is hidden too: more is hidden, never less.
func (t *transformer) hideGoneMembers(ds []Decision) {
	if len(t.goneMembers) == 0 {
		return
	}
	gone := t.goneByPath()
	for k := range ds {
		ds[k].Path = hiddenPath(gone, ds[k].Path)
	}
}

// goneByPath indexes the members removed for their names by their paths'
// strings, for hiddenPath.
func (t *transformer) goneByPath() map[string]stix.Path {
	gone := make(map[string]stix.Path, len(t.goneMembers))
	for _, g := range t.goneMembers {
		if _, ok := gone[g.String()]; !ok {
			gone[g.String()] = g
		}
	}
	return gone
}

// hiddenPath is path p as a decision names it (see hideGoneMembers), gone
// indexing the members removed for their names.
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
