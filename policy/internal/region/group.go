package region

import "strings"

// Group is a dated, sourced list of countries that a policy can name instead
// of listing codes, for example "personal data only to EU_ADEQUACY" or "this
// report stays inside FIVE_EYES".
//
// Values returned by Groups and LookupGroup are copies: changing one does not
// change the package's data.
type Group struct {
	Name    string            // "EU", "EEA", "FIVE_EYES", "BUDAPEST", "UK_ADEQUACY", "EU_ADEQUACY"
	Title   string            // human title
	Members []string          // sorted alpha-2 codes
	Partial map[string]string // members whose status is partial -> what the qualification is; nil when none
	AsOf    string            // YYYY-MM-DD the list is known correct at
	Source  string            // where it comes from (document title and URL)
}

// Groups returns every group, sorted by Name. Each call returns fresh copies.
func Groups() []Group {
	out := make([]Group, len(groupTable))
	for i := range groupTable {
		out[i] = groupTable[i].group()
	}
	return out
}

// LookupGroup returns the group called name, compared case-insensitively
// ("five_eyes" finds FIVE_EYES), or false when there is none.
func LookupGroup(name string) (Group, bool) {
	for i := range groupTable {
		if strings.EqualFold(groupTable[i].name, name) {
			return groupTable[i].group(), true
		}
	}
	return Group{}, false
}

// groupData is one row of groupTable. It keeps the data unexported so that
// callers only ever see copies.
type groupData struct {
	name, title, asOf, source string
	members                   []string
	partial                   []qualification
}

// qualification says why a member of a group is only partly in it.
type qualification struct {
	code, scope string
}

func (g *groupData) group() Group {
	out := Group{
		Name:    g.name,
		Title:   g.title,
		Members: append([]string(nil), g.members...),
		AsOf:    g.asOf,
		Source:  g.source,
	}
	if len(g.partial) > 0 {
		out.Partial = make(map[string]string, len(g.partial))
		for _, q := range g.partial {
			out.Partial[q.code] = q.scope
		}
	}
	return out
}
