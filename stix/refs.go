package stix

import (
	"bytes"
	"strings"
)

// A RefRule describes one reference property of a STIX object type (STIX
// 2.1 sections 3.2 and 4 to 7).
//
// Property names the property. A top-level property is its name
// ("source_ref"). A property nested in an object-valued property, a list of
// objects or an extension is written as the member names from the top
// down, joined by '.', with list levels left out: "body_multipart.body_raw_ref"
// is the body_raw_ref of every item of body_multipart,
// "extensions.archive-ext.contains_refs" the contains_refs of the
// archive-ext extension, "granular_markings.marking_ref" the marking_ref of
// every granular marking. Names never contain '.', so the notation is
// unambiguous.
type RefRule struct {
	// Property is where the reference lies, in the notation above.
	Property string
	// List says the property is a list of identifiers (a _refs property).
	List bool
	// Required says the specification requires the property in the object
	// (or, for a nested property, in its enclosing object: archive-ext
	// requires contains_refs). A required list must keep at least one item.
	Required bool
	// Targets are the types the referenced object must have; nil allows
	// any type.
	Targets []string
	// Excludes are types the referenced object must not have, where the
	// specification names exclusions instead of targets: a relationship
	// cannot point to an SRO, bundle, language content or marking
	// definition (section 5.1.2), a sighting only to an SDO (5.2.1).
	Excludes []string
	// OneOf, when not empty, names a group of properties at least one of
	// which must be present in the enclosing object, as their names joined
	// by '|': "src_ref|dst_ref" (network-traffic, section 6.12),
	// "result|analysis_sco_refs" (malware-analysis, 4.12), "objects|object_refs"
	// (observed-data, 4.14), "body|body_raw_ref" (an email MIME part,
	// 6.6.2). A group may name properties that are not references.
	OneOf string
}

// RefRules returns the reference rules of objects of type typ, the type's
// own followed by the common ones (created_by_ref to an identity,
// object_marking_refs and granular marking_ref to marking definitions).
// Custom and unknown types get the common rules. The slice is the
// caller's; the Targets and Excludes slices are shared and must not be
// modified.
func RefRules(typ string) []RefRule {
	return append([]RefRule(nil), refRulesOf(typ)...)
}

// A RefKind says what a reference is for.
type RefKind uint8

const (
	// RefProperty is an identifier in a _ref or _refs property at any depth
	// (STIX 2.1 section 3.1), custom properties included, other than the
	// kinds below.
	RefProperty RefKind = iota + 1
	// RefMarking is a marking definition applied to the object: an item of
	// object_marking_refs (section 7.2.2) or the marking_ref of a granular
	// marking (section 7.2.3).
	RefMarking
	// RefExtension is an extension definition's id used as a key of the
	// object's extensions dictionary (section 3.2 "extensions", 7.3). Its
	// Span is the member name, quotes included.
	RefExtension
	// RefLanguage is the object_ref of a language-content object: the
	// object it translates (section 7.1).
	RefLanguage
)

// String returns the kind's name.
func (k RefKind) String() string {
	switch k {
	case RefProperty:
		return "property"
	case RefMarking:
		return "marking"
	case RefExtension:
		return "extension"
	case RefLanguage:
		return "language"
	}
	return "unknown"
}

// A Ref is one reference inside an object.
type Ref struct {
	// Path locates the reference: "object_refs.[3]",
	// "granular_markings.[0].marking_ref", "extensions.<id>" (the key of an
	// extension). Each Ref owns its Path's memory (appending to it copies).
	Path Path
	// Span is where the JSON string holding the id lies in the object's
	// Raw bytes, quotes included; for RefExtension, the member name.
	Span Span
	// ID is the referenced identifier, decoded.
	ID string
	// Kind says what the reference is for.
	Kind RefKind
	// Rule is the table entry for the property, nil for custom properties,
	// custom object types and extension keys. It is shared: do not modify it.
	Rule *RefRule
	// Required says the property is required by the specification
	// (Rule.Required). For a list this is about the list, not the item:
	// removing one item breaks the object only if it is the last one, which
	// the caller counts (RewriteRefs does).
	Required bool
}

// Refs returns every reference in o, in document order: the *_ref and
// *_refs properties at any depth (created_by_ref, object_refs, nested ones
// such as email-message body_multipart[].body_raw_ref and extension
// properties such as http-request-ext message_body_data_ref), granular
// marking_ref, extension-definition ids used as keys of extensions, and
// language-content object_ref.
//
// Values of properties the specification defines are reported whatever
// they hold, so that Validate can judge them. A custom property is a
// reference only if its value is an identifier: section 3.1 requires
// reference properties to end in _ref, not every property so named to
// hold one (ATT&CK, for one, writes "" into x_mitre_data_source_ref).
//
// Two subtrees hold no references and are skipped: observed-data's
// deprecated objects container, whose _ref properties hold keys local to
// the container such as "0" (sections 2.9 and 2.13), and language-content
// contents, which mirrors its object's properties with translated text
// (section 7.1). Items of _refs lists that are not strings, and _ref
// properties that are not strings, are not references.
//
// The references come in the order their strings lie in the object.
func Refs(o *Object) []Ref {
	c := refCollector{raw: o.raw, typ: o.Type()}
	c.collect(o)
	return c.finish()
}

// A RefScanner finds references as Refs does, reusing its memory from one
// call to the next: for a redactor that reads millions of objects. The
// Refs it returns and their Paths are valid until its next call. A
// RefScanner is not safe for concurrent use; the zero value is ready.
type RefScanner struct {
	c    refCollector
	room refRoom
}

// refRoom is where a RefScanner's buffers start, so that one used for a
// single object (a redaction session's) does not grow them step by step.
type refRoom struct {
	refs   [8]Ref
	idEnd  [8]int
	ids    [256]byte
	steps  [16]PathStep
	frames [8]refFrame
}

// Refs returns the references of o, as the package function does.
func (s *RefScanner) Refs(o *Object) []Ref {
	c := &s.c
	if cap(c.refs) == 0 {
		r := &s.room
		c.refs, c.idEnd, c.ids, c.steps, c.frames = r.refs[:0], r.idEnd[:0], r.ids[:0], r.steps[:0], r.frames[:0]
	}
	typ, _ := o.Get("type")
	*c = refCollector{
		raw:     o.raw,
		typ:     typeName(typ),
		refs:    c.refs[:0],
		idEnd:   c.idEnd[:0],
		ids:     c.ids[:0],
		steps:   c.steps[:0],
		frames:  c.frames[:0],
		scratch: c.scratch[:0],
	}
	c.collect(o)
	return c.finish()
}

// refCollector walks an object for Refs. The path is kept as name spans
// and indexes and turned into a Path only for the references found, so
// that the walk allocates nothing for members that hold none.
type refCollector struct {
	raw    []byte
	typ    string
	rules  []RefRule
	frames []refFrame
	refs   []Ref
	idEnd  []int // end of each ref's id in ids
	ids    []byte
	steps  []PathStep // backing store of the refs' paths
	// bad, when set, is told of each value in a rule-defined reference
	// position that is not a string (or, for a list, not a list).
	bad func(p Path, r *RefRule)
	// scratch holds decoded member names.
	scratch []byte
}

// A refFrame is one step of the current path: a member (its quoted name)
// or a list index.
type refFrame struct {
	name  Span // zero for an index
	index int
}

func (c *refCollector) collect(o *Object) {
	c.rules = refRulesOf(c.typ)
	for _, m := range o.members {
		q := c.raw[m.name.Start:m.name.End]
		switch {
		case c.typ == "observed-data" && nameIs(q, "objects"),
			c.typ == "language-content" && nameIs(q, "contents"):
			continue
		case nameIs(q, "extensions") && c.raw[m.value.Start] == '{':
			c.extensions(m.name, m.value)
			continue
		}
		if !c.mayHoldRefs(m) {
			continue
		}
		c.member(m.name, m.value)
	}
}

// mayHoldRefs reports whether a top-level member can hold a reference: its
// name is a reference property's, or its value is a container whose bytes
// mention "_ref" or hold an escape (a name written with escapes could
// spell _ref). Most of an object's bytes are strings and lists that hold
// none, and are skipped without walking them.
func (c *refCollector) mayHoldRefs(m member) bool {
	if m.esc || c.bad != nil {
		return true
	}
	name := c.raw[m.name.Start+1 : m.name.End-1]
	if bytes.HasSuffix(name, []byte("_ref")) || bytes.HasSuffix(name, []byte("_refs")) {
		return true
	}
	v := c.raw[m.value.Start:m.value.End]
	if v[0] != '{' && v[0] != '[' {
		return false
	}
	return bytes.Contains(v, []byte("_ref")) || bytes.IndexByte(v, '\\') >= 0
}

// typeName decodes the quoted type of an object without allocating for
// the types the reference table knows.
func typeName(q []byte) string {
	if len(q) >= 2 {
		if t, ok := refTypeNames[string(q[1:len(q)-1])]; ok {
			return t
		}
	}
	return memberName(q)
}

// refTypeNames maps each type the reference table has rules for to
// itself, for typeName. Never written.
var refTypeNames = func() map[string]string {
	m := make(map[string]string, len(refRuleSets))
	for t := range refRuleSets {
		m[t] = t
	}
	return m
}()

// extensions walks the top-level extensions dictionary, whose keys may be
// extension definition ids.
func (c *refCollector) extensions(name, value Span) {
	c.frames = append(c.frames, refFrame{name: name})
	for ms := membersAt(c.raw, value.Start); ; {
		kn, kv, ok := ms.next()
		if !ok {
			break
		}
		c.frames = append(c.frames, refFrame{name: kn})
		if bytes.HasPrefix(c.nameBody(kn), []byte("extension-definition--")) {
			c.ids = appendUnescaped(c.ids, c.raw[kn.Start+1:kn.End-1])
			c.add(kn, RefExtension, nil)
		}
		c.value(kv)
		c.frames = c.frames[:len(c.frames)-1]
	}
	c.frames = c.frames[:len(c.frames)-1]
}

// member visits the member whose quoted name is at name.
func (c *refCollector) member(name, value Span) {
	c.frames = append(c.frames, refFrame{name: name})
	body := c.nameBody(name)
	v := c.raw[value.Start]
	switch {
	case bytes.HasSuffix(body, []byte("_ref")):
		if v == '"' {
			c.candidate(value)
		} else {
			c.misplaced()
			c.value(value)
		}
	case bytes.HasSuffix(body, []byte("_refs")):
		if v != '[' {
			c.misplaced()
			c.value(value)
			break
		}
		// Every item of the list has the same rule and kind: the path
		// differs only in the index, which neither reads.
		var rule *RefRule
		var kind RefKind
		for items := itemsAt(c.raw, value.Start); ; {
			it, ok := items.next()
			if !ok {
				break
			}
			c.frames = append(c.frames, refFrame{index: items.n})
			if kind == 0 {
				rule, kind = c.match(), c.kind()
			}
			if c.raw[it.Start] == '"' {
				c.candidateOf(it, rule, kind)
			} else {
				c.misplaced()
				c.value(it)
			}
			c.frames = c.frames[:len(c.frames)-1]
		}
	default:
		c.value(value)
	}
	c.frames = c.frames[:len(c.frames)-1]
}

// value visits what is inside an object or list.
func (c *refCollector) value(v Span) {
	switch c.raw[v.Start] {
	case '{':
		for ms := membersAt(c.raw, v.Start); ; {
			name, value, ok := ms.next()
			if !ok {
				break
			}
			c.member(name, value)
		}
	case '[':
		for items := itemsAt(c.raw, v.Start); ; {
			it, ok := items.next()
			if !ok {
				break
			}
			c.frames = append(c.frames, refFrame{index: items.n})
			c.value(it)
			c.frames = c.frames[:len(c.frames)-1]
		}
	}
}

// nameBody returns the decoded name of a member, without quotes. The
// result may be scratch memory, valid until the next call.
func (c *refCollector) nameBody(q Span) []byte {
	body := c.raw[q.Start+1 : q.End-1]
	if bytes.IndexByte(body, '\\') < 0 {
		return body
	}
	c.scratch = appendUnescaped(c.scratch[:0], body)
	return c.scratch
}

// candidate considers the JSON string at s, in a reference position.
func (c *refCollector) candidate(s Span) {
	c.candidateOf(s, c.match(), c.kind())
}

// candidateOf is candidate at a path whose rule (or nil) and kind are
// known.
func (c *refCollector) candidateOf(s Span, rule *RefRule, kind RefKind) {
	start := len(c.ids)
	c.ids = appendUnescaped(c.ids, c.raw[s.Start+1:s.End-1])
	if rule == nil && !isIdentifier(c.ids[start:]) {
		c.ids = c.ids[:start]
		return
	}
	c.add(s, kind, rule)
}

// misplaced reports a non-string value in a rule-defined reference
// position.
func (c *refCollector) misplaced() {
	if c.bad == nil {
		return
	}
	if r := c.match(); r != nil {
		c.bad(c.path(), r)
	}
}

// match returns the rule whose property is the current path, or nil.
func (c *refCollector) match() *RefRule {
	for i := range c.rules {
		if c.pathIs(c.rules[i].Property) {
			return &c.rules[i]
		}
	}
	return nil
}

// pathIs reports whether the member names on the current path, list
// indexes left out, are prop's '.'-separated names.
func (c *refCollector) pathIs(prop string) bool {
	rest := prop
	for _, f := range c.frames {
		if f.name.End == 0 {
			continue
		}
		if rest == "" {
			return false
		}
		seg := rest
		if i := strings.IndexByte(rest, '.'); i >= 0 {
			seg, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if !nameIs(c.raw[f.name.Start:f.name.End], seg) {
			return false
		}
	}
	return rest == ""
}

// kind classifies a reference found at the current path.
func (c *refCollector) kind() RefKind {
	switch {
	case c.topIs("object_marking_refs") && len(c.frames) == 2:
		return RefMarking
	case c.topIs("granular_markings") && len(c.frames) == 3 && c.pathIs("granular_markings.marking_ref"):
		return RefMarking
	case c.typ == "language-content" && len(c.frames) == 1 && c.topIs("object_ref"):
		return RefLanguage
	}
	return RefProperty
}

func (c *refCollector) topIs(name string) bool {
	return len(c.frames) > 0 && c.frames[0].name.End > 0 && nameIs(c.raw[c.frames[0].name.Start:c.frames[0].name.End], name)
}

// path returns the current path as a new Path.
func (c *refCollector) path() Path { return framesPath(c.raw, c.frames) }

// add records a reference whose id is the end of ids, after the previous
// reference's.
func (c *refCollector) add(s Span, k RefKind, rule *RefRule) {
	at := len(c.steps)
	for _, f := range c.frames {
		if f.name.End == 0 {
			c.steps = append(c.steps, Index(f.index))
		} else {
			c.steps = append(c.steps, Key(memberName(c.raw[f.name.Start:f.name.End])))
		}
	}
	r := Ref{Path: c.steps[at:len(c.steps):len(c.steps)], Span: s, Kind: k, Rule: rule}
	if rule != nil {
		r.Required = rule.Required
	}
	c.refs = append(c.refs, r)
	c.idEnd = append(c.idEnd, len(c.ids))
}

// finish fills in the ids, all slices of one string.
func (c *refCollector) finish() []Ref {
	all := string(c.ids)
	start := 0
	for i := range c.refs {
		c.refs[i].ID = all[start:c.idEnd[i]]
		start = c.idEnd[i]
	}
	return c.refs
}

// idUUIDLen is the length of the UUID part of an identifier.
const idUUIDLen = 36

// splitIdentifier splits an identifier "<type>--<UUID>" (STIX 2.1
// section 2.9) into its type and UUID and checks both: the type as
// checkTypeName does, the UUID as an RFC 4122 UUID of any version, in
// lowercase or uppercase hexadecimal (RFC 4122 section 3: "case
// insensitive on input"), with the RFC 4122 variant bits. It returns the
// UUID's version nibble.
func splitIdentifier[S ~string | ~[]byte](id S) (typ S, version byte, ok bool) {
	n := len(id) - idUUIDLen
	if n < 3+2 || id[n-1] != '-' || id[n-2] != '-' {
		return typ, 0, false
	}
	typ, u := id[:n-2], id[n:]
	if !typeNameOK(typ) {
		return typ, 0, false
	}
	for i := 0; i < idUUIDLen; i++ {
		c := u[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return typ, 0, false
			}
			continue
		}
		if hexVal(c) < 0 {
			return typ, 0, false
		}
	}
	// The variant is the top bits of the 17th hex digit: 10xx for RFC 4122.
	if v := hexVal(u[19]); v < 8 || v > 11 {
		return typ, 0, false
	}
	return typ, byte(hexVal(u[14])), true
}

// isIdentifier reports whether id is a well-formed identifier.
func isIdentifier[S ~string | ~[]byte](id S) bool {
	_, _, ok := splitIdentifier(id)
	return ok
}

// typeNameOK checks a type name: 3 to 250 characters from a-z, 0-9 and
// '-', starting with a letter (STIX 2.1 section 3.1), with no "--" (section
// 7.3.2.2; it would make identifiers ambiguous).
func typeNameOK[S ~string | ~[]byte](t S) bool {
	if len(t) < 3 || len(t) > 250 || t[0] < 'a' || t[0] > 'z' {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if i > 0 && t[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// A RefRewrite is what RewriteRefs recorded.
type RefRewrite struct {
	// Replaced counts references given a new id.
	Replaced int
	// Removed counts references removed.
	Removed int
	// Deleted are the paths recorded with Editor.Delete, in the order
	// recorded. Granular markings whose selectors point into them need
	// correcting; the Editor does not do that.
	Deleted []Path
	// Broken are the removed references the object cannot survive: a
	// required top-level property (relationship source_ref,
	// language-content object_ref) or the last items of a required list
	// (report object_refs), or the last members of a OneOf group at the top
	// level (network-traffic src_ref and dst_ref). When it is not empty the
	// caller must drop the object instead of writing the edited one.
	Broken []Ref
}

// RewriteRefs asks decide about every reference of o (as Refs returns
// them) and records the answers on e: a non-empty newID replaces the id
// (the JSON string is rewritten), remove removes the reference. e must be
// an editor for o.
//
// Removing a reference deletes the smallest enclosing part that leaves
// valid STIX behind:
//   - an item of a _refs list: the item (a list left empty goes too, as
//     the Editor removes emptied containers);
//   - an optional _ref property: the member;
//   - a granular marking's marking_ref: the whole granular marking;
//   - an extension definition id used as an extensions key: the extension;
//   - a reference whose enclosing object is nested and would lose a
//     required property or its last OneOf member (the last contains_refs
//     of archive-ext, the body_raw_ref of a MIME part without body): that
//     enclosing object, the extension or the list item.
//
// Removals the object itself cannot survive are listed in Broken, and
// recorded all the same. Extension keys are never given a new id
// (extension definitions are not re-identified): decide's newID is
// ignored for them, but removal applies.
func RewriteRefs(o *Object, e *Editor, decide func(Ref) (newID string, remove bool)) RefRewrite {
	refs := Refs(o)
	var res RefRewrite
	var removed []int
	for i, r := range refs {
		newID, rm := decide(r)
		switch {
		case rm:
			removed = append(removed, i)
		case newID != "" && newID != r.ID && r.Kind != RefExtension:
			e.Replace(r.Span, AppendString(nil, newID))
			res.Replaced++
		}
	}
	if len(removed) == 0 {
		return res
	}
	res.Removed = len(removed)
	del := func(p Path) {
		e.Delete(p)
		res.Deleted = append(res.Deleted, p)
	}

	// gone holds, by JSON pointer, the properties that the removals take
	// away entirely: scalars, and lists losing all their items.
	gone := map[string]bool{}
	itemsLeft := map[string]int{}
	for _, i := range removed {
		r := refs[i]
		switch {
		case r.Kind == RefExtension:
			del(r.Path)
			gone[r.Path.Pointer()] = true
		case r.Kind == RefMarking && len(r.Path) == 3:
			// granular_markings.[i].marking_ref: the marking goes.
			del(r.Path[:2])
		case r.Path[len(r.Path)-1].IsIndex():
			del(r.Path)
			list := r.Path[:len(r.Path)-1]
			k := list.Pointer()
			n, seen := itemsLeft[k]
			if !seen {
				n = countItems(o, list)
			}
			n--
			itemsLeft[k] = n
			if n == 0 {
				gone[k] = true
			}
		default:
			del(r.Path)
			gone[r.Path.Pointer()] = true
		}
	}

	// Check what the removals break, once per property.
	checked := map[string]bool{}
	for _, i := range removed {
		r := refs[i]
		if r.Rule == nil {
			continue
		}
		prop := r.Path
		if r.Rule.List {
			prop = prop[:len(prop)-1]
		}
		k := prop.Pointer()
		if !gone[k] || checked[k] {
			continue
		}
		checked[k] = true
		container := prop[:len(prop)-1]
		broken := r.Rule.Required
		if !broken && r.Rule.OneOf != "" {
			broken = true
			for _, m := range strings.Split(r.Rule.OneOf, "|") {
				p := container.Append(Key(m))
				if _, ok := o.Lookup(p); ok && !gone[p.Pointer()] {
					broken = false
					break
				}
			}
		}
		if !broken {
			continue
		}
		if len(container) > 0 {
			// A nested object (an extension, a MIME part) that cannot
			// stand without the reference goes instead.
			del(container)
			continue
		}
		for _, j := range removed {
			q := refs[j].Path
			if len(q) >= len(prop) && q.HasPrefix(prop) {
				res.Broken = append(res.Broken, refs[j])
			}
		}
	}
	return res
}

// countItems returns the number of items of the list at p in o.
func countItems(o *Object, p Path) int {
	s, ok := o.Lookup(p)
	if !ok || o.raw[s.Start] != '[' {
		return 0
	}
	n := 0
	forEachItem(o.raw, s.Start, func(int, Span) bool { n++; return true })
	return n
}
