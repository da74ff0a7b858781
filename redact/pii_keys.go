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
	for _, g := range t.goneMembers {
		if p.HasPrefix(g) {
			return true
		}
	}
	return false
}

// hideGoneMembers rewrites the paths of an object's decisions ds that name
// a member removed for its name, or anything inside it (a granular marking
// or an object rule may have removed it too, a reference in it may have
// been pruned): they name it as keyPath does, and nothing under it, since
// a name under it may be personal data no one looked for. Paths are
// compared as their strings, so a path that only reads like one under the
// member is hidden too: more is hidden, never less.
func (t *transformer) hideGoneMembers(ds []Decision) {
	for _, g := range t.goneMembers {
		gs := g.String()
		for k := range ds {
			if p := ds[k].Path; strings.HasPrefix(p, gs) && (len(p) == len(gs) || p[len(gs)] == '.') {
				ds[k].Path = keyPath(g)
			}
		}
	}
}
