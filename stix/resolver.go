package stix

// A Resolver finds the values of many paths in the raw JSON of one object.
// Selector.Resolve walks every list and object on the path from its start,
// so that resolving one path for each item of a long list, or one key for
// each member of a large dictionary, takes time quadratic in the object's
// size. Past its first few paths, a Resolver indexes each list and object
// the first time a path steps into it, and answers later steps there from
// that index: resolving all the paths of an object costs about the
// object's size plus the paths' lengths.
//
// It gives the answers Selector.Resolve gives, on the raw JSON it was made
// with; that JSON must not change while it is in use. A Resolver is not safe
// for concurrent use.
type Resolver struct {
	raw     []byte
	root    int
	queries int                  // how many Resolve has answered
	lists   map[int][]Span       // list start -> spans of its items
	objs    map[int]*memberIndex // object start -> its members
}

// fewResolves is how many paths a Resolver resolves by walking, as
// Selector.Resolve does, before it indexes: most objects ask for a few,
// and an index would cost more than it saves.
const fewResolves = 16

// memberIndex indexes the members of one object by name.
type memberIndex struct {
	plain   map[string]Span // names written without escapes: first member
	escaped []escapedMember // members whose names hold escapes, in order
}

// An escapedMember is a member whose name is written with escapes; it is
// compared as memberValue compares it.
type escapedMember struct {
	name  []byte // the name as written, without quotes
	value Span
}

// NewResolver returns a Resolver for raw, the raw JSON of one object.
func NewResolver(raw []byte) *Resolver {
	return &Resolver{raw: raw, root: skipSpace(raw, 0)}
}

// Resolve returns the span of the value at p, as Selector(p).Resolve does
// on the Resolver's JSON, and false when there is none.
func (r *Resolver) Resolve(p Path) (Span, bool) {
	if r.queries++; r.queries <= fewResolves {
		return Selector(p).Resolve(r.raw)
	}
	if len(p) == 0 {
		end, ok := valueEnd(r.raw, r.root)
		if !ok {
			return Span{}, false
		}
		return Span{Start: r.root, End: end}, true
	}
	at := r.root
	var s Span
	for _, step := range p {
		var ok bool
		if step.IsIndex() {
			s, ok = r.item(at, step.Index)
		} else {
			s, ok = r.member(at, step.Key)
		}
		if !ok {
			return Span{}, false
		}
		at = s.Start
	}
	return s, true
}

// item returns the span of item n of the list that starts at raw[i].
func (r *Resolver) item(i, n int) (Span, bool) {
	items, ok := r.lists[i]
	if !ok {
		items = r.indexList(i)
		if r.lists == nil {
			r.lists = make(map[int][]Span)
		}
		r.lists[i] = items
	}
	if n < 0 || n >= len(items) {
		return Span{}, false
	}
	return items[n], true
}

// indexList returns the spans of the items of the list that starts at
// raw[i], up to the first that cannot be read, as listElement reads them.
func (r *Resolver) indexList(i int) []Span {
	b := r.raw
	if i >= len(b) || b[i] != '[' {
		return nil
	}
	i = skipSpace(b, i+1)
	if i >= len(b) || b[i] == ']' {
		return nil
	}
	var items []Span
	for {
		end, ok := valueEnd(b, i)
		if !ok {
			return items
		}
		items = append(items, Span{Start: i, End: end})
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ',' {
			return items
		}
		i = skipSpace(b, i+1)
	}
}

// member returns the span of the value of the member named name in the
// object that starts at raw[i]; with duplicate names, the first.
func (r *Resolver) member(i int, name string) (Span, bool) {
	m, ok := r.objs[i]
	if !ok {
		m = r.indexObject(i)
		if r.objs == nil {
			r.objs = make(map[int]*memberIndex)
		}
		r.objs[i] = m
	}
	s, found := m.plain[name]
	for _, e := range m.escaped {
		if found && e.value.Start > s.Start {
			break
		}
		if keyEqual(e.name, name) {
			return e.value, true
		}
	}
	return s, found
}

// indexObject indexes the members of the object that starts at raw[i], up
// to the first that cannot be read, as memberValue reads them.
func (r *Resolver) indexObject(i int) *memberIndex {
	b := r.raw
	m := &memberIndex{}
	if i >= len(b) || b[i] != '{' {
		return m
	}
	m.plain = make(map[string]Span)
	i = skipSpace(b, i+1)
	for i < len(b) && b[i] == '"' {
		end, ok := stringEnd(b, i)
		if !ok {
			return m
		}
		key := b[i+1 : end-1]
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return m
		}
		i = skipSpace(b, i+1)
		vend, ok := valueEnd(b, i)
		if !ok {
			// memberValue finds this member, without an end to give.
			return m
		}
		v := Span{Start: i, End: vend}
		if hasEscape(key) {
			m.escaped = append(m.escaped, escapedMember{name: key, value: v})
		} else if _, dup := m.plain[string(key)]; !dup {
			m.plain[string(key)] = v
		}
		i = skipSpace(b, vend)
		if i >= len(b) || b[i] != ',' {
			return m
		}
		i = skipSpace(b, i+1)
	}
	return m
}

// hasEscape reports whether a JSON string body holds a backslash.
func hasEscape(body []byte) bool {
	for _, c := range body {
		if c == '\\' {
			return true
		}
	}
	return false
}
