package stix

import (
	"bytes"
	"errors"
	"io"
	"iter"
)

// An Object is one STIX object as raw JSON, with accessors for what
// handling decisions need. It never re-serialises: Raw returns exactly the
// input bytes.
type Object struct {
	raw     []byte
	members []member
	index   int
	offset  int64
	sep     []byte // what separated it from the previous object in the input
	// known[k] is 1 + the index in members of the well-known member k
	// (see knownMember), 0 when the object has none; valid when indexed.
	// Finding them as the members are read makes the accessors every
	// step asks (Type, ID, the markings) a lookup, not a search.
	known   [nKnown]int32
	indexed bool
}

// The well-known members: those asked for of every object.
const (
	knownType = iota
	knownID
	knownSpecVersion
	knownCreatedByRef
	knownObjectMarkingRefs
	knownGranularMarkings
	nKnown
)

// knownMember returns the well-known member a decoded name is, or -1.
func knownMember[S string | []byte](name S) int {
	switch string(name) {
	case "type":
		return knownType
	case "id":
		return knownID
	case "spec_version":
		return knownSpecVersion
	case "created_by_ref":
		return knownCreatedByRef
	case "object_marking_refs":
		return knownObjectMarkingRefs
	case "granular_markings":
		return knownGranularMarkings
	}
	return -1
}

// indexKnown fills o.known from o.members, for objects whose members were
// not read by check.
func (o *Object) indexKnown() {
	o.known = [nKnown]int32{}
	var scratch [32]byte
	for k := range o.members {
		m := &o.members[k]
		q := o.raw[m.name.Start+1 : m.name.End-1]
		if m.esc {
			q = appendUnescaped(scratch[:0], q)
		}
		if i := knownMember(q); i >= 0 && o.known[i] == 0 {
			o.known[i] = int32(k + 1)
		}
	}
	o.indexed = true
}

// ParseObject validates raw as one STIX object (as a Reader would) and
// returns it. The object owns its memory: raw may change afterwards (a
// Parser avoids the copy).
func ParseObject(raw []byte, opts *ReaderOptions) (*Object, error) {
	o, err := parseOne(NewBytesReader(raw, opts), raw)
	if err != nil {
		return nil, err
	}
	return o.Clone(), nil
}

// parseOne reads the one object of raw with r, a reader over it.
func parseOne(r *Reader, raw []byte) (*Object, error) {
	o, err := r.Next()
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	// A bundle, envelope or list with no objects ends at once: it is as
	// much not one object as a full one, and io.EOF would say neither
	// where nor what.
	if r.Frame().Kind() != KindObject {
		what := "an " + r.Frame().Kind().String() // array, envelope
		switch r.Frame().Kind() {
		case KindBundle:
			what = "a bundle"
		case KindNDJSON:
			what = "an NDJSON stream"
		}
		return nil, &InputError{Object: -1, Kind: ErrNotSTIX, Msg: what + ", not a single STIX object"}
	}
	if err != nil {
		return nil, err
	}
	if _, err := r.Next(); err == nil {
		return nil, &InputError{Offset: int64(len(raw)), Object: 1, Kind: ErrNotSTIX, Msg: "more than one object"}
	} else if !errors.Is(err, io.EOF) {
		return nil, err
	}
	return o, nil
}

// Clone returns a copy of o that owns its memory.
func (o *Object) Clone() *Object {
	// Two allocations: the object with its members (up to 24 of them, as
	// most STIX objects have), and its separator and bytes.
	var c *Object
	switch n := len(o.members); {
	case n <= 12:
		r := &objectRoom12{}
		r.o.members = append(r.room[:0:n], o.members...)
		c = &r.o
	case n <= 24:
		r := &objectRoom24{}
		r.o.members = append(r.room[:0:n], o.members...)
		c = &r.o
	default:
		c = &Object{members: append([]member(nil), o.members...)}
	}
	c.index, c.offset, c.known, c.indexed = o.index, o.offset, o.known, o.indexed
	b := make([]byte, len(o.sep)+len(o.raw))
	copy(b, o.sep)
	copy(b[len(o.sep):], o.raw)
	if len(o.sep) > 0 { // as clone does, an empty separator or object stays nil
		c.sep = b[:len(o.sep):len(o.sep)]
	}
	if len(o.raw) > 0 {
		c.raw = b[len(o.sep):len(b):len(b)]
	}
	return c
}

// objectRoom12 and objectRoom24 hold a cloned object and its members in
// one allocation.
type (
	objectRoom12 struct {
		o    Object
		room [12]member
	}
	objectRoom24 struct {
		o    Object
		room [24]member
	}
)

// CopyTo makes dst a copy of o whose bytes are appended to arena, and
// returns the extended arena. It lets a caller keep many objects in one
// buffer (a batch handed to a worker) without an allocation per object.
func (o *Object) CopyTo(dst *Object, arena []byte) []byte {
	start := len(arena)
	arena = append(arena, o.sep...)
	arena = append(arena, o.raw...)
	members := append(dst.members[:0], o.members...)
	*dst = *o
	dst.members = members
	dst.sep = arena[start : start+len(o.sep) : start+len(o.sep)]
	dst.raw = arena[start+len(o.sep) : len(arena) : len(arena)]
	return arena
}

// Raw returns the object's JSON, exactly as read. Do not modify it.
func (o *Object) Raw() []byte { return o.raw }

// Index returns the zero-based position of the object in its input.
func (o *Object) Index() int { return o.index }

// Offset returns the byte offset of the object in its input.
func (o *Object) Offset() int64 { return o.offset }

// Get returns the raw JSON value of the top-level member name.
func (o *Object) Get(name string) ([]byte, bool) {
	s, ok := o.ValueSpan(name)
	if !ok {
		return nil, false
	}
	return o.raw[s.Start:s.End], true
}

// ValueSpan returns where the value of the top-level member name lies in
// Raw.
func (o *Object) ValueSpan(name string) (Span, bool) {
	if o.indexed {
		if k := knownMember(name); k >= 0 {
			if j := o.known[k]; j > 0 {
				return o.members[j-1].value, true
			}
			return Span{}, false
		}
	}
	for _, m := range o.members {
		if m.name.Len() == len(name)+2 || m.esc {
			if nameIs(o.raw[m.name.Start:m.name.End], name) {
				return m.value, true
			}
		}
	}
	return Span{}, false
}

// GetString returns the decoded value of the top-level member name when it
// is a JSON string.
func (o *Object) GetString(name string) (string, bool) {
	v, ok := o.Get(name)
	if !ok || len(v) == 0 || v[0] != '"' {
		return "", false
	}
	return unquote(v), true
}

// Has reports whether the object has a top-level member called name.
func (o *Object) Has(name string) bool {
	_, ok := o.ValueSpan(name)
	return ok
}

// Names returns the names of the object's top-level members, in order.
func (o *Object) Names() []string {
	names := make([]string, len(o.members))
	for i, m := range o.members {
		names[i] = unquote(o.raw[m.name.Start:m.name.End])
	}
	return names
}

// Type returns the object's type.
func (o *Object) Type() string {
	v, ok := o.Get("type")
	if !ok || len(v) == 0 || v[0] != '"' {
		return ""
	}
	return typeName(v) // without allocating for the types STIX defines
}

// ID returns the object's id.
func (o *Object) ID() string { s, _ := o.GetString("id"); return s }

// SpecVersion returns the object's spec_version, or "" when it has none
// (STIX 2.0 objects, and STIX 2.1 SCOs may omit it).
func (o *Object) SpecVersion() string { s, _ := o.GetString("spec_version"); return s }

// CreatedByRef returns the object's created_by_ref, or "".
func (o *Object) CreatedByRef() string { s, _ := o.GetString("created_by_ref"); return s }

// ObjectMarkingRefs returns the ids in the object's object_marking_refs
// (STIX 2.1 section 7.2.2).
func (o *Object) ObjectMarkingRefs() []string {
	v, ok := o.Get("object_marking_refs")
	if !ok || v[0] != '[' {
		return nil
	}
	var refs []string
	forEachItem(v, 0, func(_ int, it Span) bool {
		if v[it.Start] == '"' {
			refs = append(refs, unquote(v[it.Start:it.End]))
		}
		return true
	})
	return refs
}

// Items yields the raw JSON of each item of the top-level member name,
// when it is an array; nothing otherwise. A string item keeps its quotes
// and escapes. The slices share the object's memory: they are valid while
// the object is, and must not be modified. Unlike the accessors that
// decode (ObjectMarkingRefs), it allocates nothing.
func (o *Object) Items(name string) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		v, ok := o.Get(name)
		if !ok || v[0] != '[' {
			return
		}
		forEachItem(v, 0, func(_ int, it Span) bool { return yield(v[it.Start:it.End]) })
	}
}

// A GranularMarking is one entry of an object's granular_markings (STIX 2.1
// section 7.2.3): a marking definition or a language, and the selectors of
// the content it applies to.
type GranularMarking struct {
	// Index is the entry's position in granular_markings.
	Index int
	// MarkingRef is the marking definition's id ("" for a lang marking).
	MarkingRef string
	// Lang is the RFC 5646 language tag ("" for a marking_ref marking).
	Lang string
	// Selectors are the selectors as written.
	Selectors []string
}

// GranularMarkings returns the object's granular markings in order.
func (o *Object) GranularMarkings() []GranularMarking {
	v, ok := o.Get("granular_markings")
	if !ok || v[0] != '[' {
		return nil
	}
	var gms []GranularMarking
	forEachItem(v, 0, func(n int, it Span) bool {
		if v[it.Start] != '{' {
			return true
		}
		gm := GranularMarking{Index: n}
		forEachMember(v, it.Start, func(name, value Span) bool {
			q := v[name.Start:name.End]
			val := v[value.Start:value.End]
			switch {
			case nameIs(q, "marking_ref") && val[0] == '"':
				gm.MarkingRef = unquote(val)
			case nameIs(q, "lang") && val[0] == '"':
				gm.Lang = unquote(val)
			case nameIs(q, "selectors") && val[0] == '[':
				forEachItem(val, 0, func(_ int, s Span) bool {
					if val[s.Start] == '"' {
						gm.Selectors = append(gm.Selectors, unquote(val[s.Start:s.End]))
					}
					return true
				})
			}
			return true
		})
		gms = append(gms, gm)
		return true
	})
	return gms
}

// checkError is a structural problem of an object, positioned in it.
type checkError struct {
	off int
	ptr string
	msg string
}

func (e *checkError) Error() string { return e.msg }

// check verifies what every later step relies on: a string type and id,
// and well-typed marking and reference members at the top level. Deeper
// rules are Validate's. It makes one pass over the members, looking at a
// name's last byte before comparing it, and reports problems in the order
// of the checks: type, then id, then the members in order.
func (o *Object) check() error {
	raw := o.raw
	if raw[0] != '{' {
		return &checkError{msg: "not a JSON object"}
	}
	var problem *checkError
	var scratch [32]byte
	o.known = [nKnown]int32{}
	for k := range o.members {
		m := &o.members[k]
		q := raw[m.name.Start+1 : m.name.End-1]
		if m.esc {
			q = appendUnescaped(scratch[:0], q)
		}
		if i := knownMember(q); i >= 0 && o.known[i] == 0 {
			o.known[i] = int32(k + 1)
		}
		switch {
		case len(q) < 4 || string(q) == "type": // checked below, or none of the names checkMember knows
			continue
		case problem != nil || (q[0] == 'x' && q[1] == '_'):
			continue // custom properties hold what their producer wants (ATT&CK writes "" into x_mitre_data_source_ref)
		}
		problem = checkMember(raw, m, q)
	}
	for _, need := range [...]struct {
		name string
		k    int32
	}{{"type", o.known[knownType] - 1}, {"id", o.known[knownID] - 1}} {
		if need.k < 0 {
			return &checkError{msg: "object has no " + need.name + " member"}
		}
		if s := o.members[need.k].value; raw[s.Start] != '"' {
			return badMember(s, need.name, need.name+" is a JSON "+jsonKind(raw[s.Start])+", not a string")
		}
	}
	if problem != nil {
		return problem
	}
	o.indexed = true
	return nil
}

// badMember is a problem with the value at s of the top-level member name.
func badMember(s Span, name, msg string) *checkError {
	return &checkError{off: s.Start, ptr: errorPointer(Path{Key(name)}), msg: msg}
}

// checkMember checks one top-level member whose decoded name q is at least
// 4 bytes long and neither type nor custom: _ref properties and spec_version are
// strings, _refs properties lists of strings, granular_markings well
// formed.
func checkMember(raw []byte, m *member, q []byte) *checkError {
	v := raw[m.value.Start:m.value.End]
	switch q[len(q)-1] {
	case 'f': // _ref
		if bytes.HasSuffix(q, []byte("_ref")) && v[0] != '"' {
			return badMember(m.value, string(q), errorName(string(q))+" is a JSON "+jsonKind(v[0])+", not a string")
		}
	case 'n': // spec_version
		if string(q) == "spec_version" && v[0] != '"' {
			return badMember(m.value, string(q), errorName(string(q))+" is a JSON "+jsonKind(v[0])+", not a string")
		}
	case 's': // _refs, granular_markings
		switch {
		case bytes.HasSuffix(q, []byte("_refs")):
			if err := listOf(v, '"', "string"); err != nil {
				err.off += m.value.Start
				err.ptr = errorPointer(Path{Key(string(q))}) + err.ptr
				err.msg = errorName(string(q)) + ": " + err.msg
				return err
			}
		case string(q) == "granular_markings":
			return checkGranular(raw, m.value)
		}
	}
	return nil
}

// listOf checks that v is a list whose items all start with c.
func listOf(v []byte, c byte, what string) *checkError {
	if v[0] != '[' {
		return &checkError{msg: "a JSON " + jsonKind(v[0]) + ", not a list"}
	}
	for items := itemsAt(v, 0); ; {
		it, ok := items.next()
		if !ok {
			return nil
		}
		if v[it.Start] != c {
			return &checkError{off: it.Start, ptr: Path{Index(items.n)}.Pointer(), msg: "item is a JSON " + jsonKind(v[it.Start]) + ", not a " + what}
		}
	}
}

// checkGranular checks the granular_markings at s: a list of objects whose
// marking_ref and lang are strings and whose selectors are lists of
// strings.
func checkGranular(raw []byte, s Span) *checkError {
	v := raw[s.Start:s.End]
	if err := listOf(v, '{', "granular marking object"); err != nil {
		err.off += s.Start
		err.ptr = "/granular_markings" + err.ptr
		err.msg = "granular_markings: " + err.msg
		return err
	}
	for items := itemsAt(v, 0); ; {
		it, ok := items.next()
		if !ok {
			return nil
		}
		for ms := membersAt(v, it.Start); ; {
			name, value, ok := ms.next()
			if !ok {
				break
			}
			q := v[name.Start:name.End]
			val := v[value.Start:value.End]
			switch {
			case (nameIs(q, "marking_ref") || nameIs(q, "lang")) && val[0] != '"':
				nm := unquote(q)
				at := Path{Key("granular_markings"), Index(items.n), Key(nm)}
				return &checkError{off: s.Start + value.Start, ptr: at.Pointer(), msg: nm + " is a JSON " + jsonKind(val[0]) + ", not a string"}
			case nameIs(q, "selectors"):
				if e := listOf(val, '"', "string"); e != nil {
					at := Path{Key("granular_markings"), Index(items.n), Key("selectors")}
					e.off += s.Start + value.Start
					e.ptr = at.Pointer() + e.ptr
					e.msg = "selectors: " + e.msg
					return e
				}
			}
		}
	}
}

// checkIdentity checks that the object's type, and its id, both strings
// (check has seen to it), are a STIX type name and an identifier of that
// type (STIX 2.1 sections 3.1 and 2.9), the UUID's hex digits in either
// case (RFC 9562 section 4). A redactor needs both: rules choose objects
// by type and references find them by id, so an object whose id names
// another type ("type": "indicator" on a note's id) would be judged as
// one thing and read as another; and a dropped object's id is withheld
// from free text where it has an identifier's shape, so an id without one
// ("identity--acme-bank") would stay behind.
func (o *Object) checkIdentity() *checkError {
	ts, is := o.members[o.known[knownType]-1].value, o.members[o.known[knownID]-1].value
	typ, id := o.raw[ts.Start+1:ts.End-1], o.raw[is.Start+1:is.End-1]
	if bytes.IndexByte(typ, '\\') >= 0 {
		typ = appendUnescaped(nil, typ)
	}
	if bytes.IndexByte(id, '\\') >= 0 {
		id = appendUnescaped(nil, id)
	}
	if !typeNameOK(typ) {
		return badMember(ts, "type", "type is not a STIX type name: 3 to 250 characters from a-z, 0-9 and '-', starting with a letter, without \"--\" (STIX 2.1 section 3.1)")
	}
	n := len(id) - idUUIDLen
	if n != len(typ)+2 || !bytes.HasPrefix(id, typ) || id[n-2] != '-' || id[n-1] != '-' || !uuidShape(id[n:]) {
		return badMember(is, "id", "id is not an identifier of the object's own type: the type, \"--\" and a UUID (STIX 2.1 section 2.9)")
	}
	return nil
}

// uuidShape reports whether u is a UUID in its 8-4-4-4-12 form, hex
// digits in either case.
func uuidShape(u []byte) bool {
	if len(u) != idUUIDLen {
		return false
	}
	for i, c := range u {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if hexVal(c) < 0 {
				return false
			}
		}
	}
	return true
}
