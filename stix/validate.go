package stix

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// A Problem is one way an object breaks STIX 2.1 (or STIX 2.0). It names
// the object and the place, never the offending value, which may be
// personal data.
type Problem struct {
	// Object is the zero-based index of the object in its input, or -1 for
	// a problem of the input's own members (a bundle's id).
	Object int
	// ID is the object's id when it is a well-formed identifier, else "".
	ID string
	// Path locates the problem in the object; empty for the object as a
	// whole.
	Path Path
	// Msg says what is wrong and cites the rule.
	Msg string
}

// String formats the problem as "object 3 (indicator--...): pattern:
// required property is missing (STIX 2.1 section 4.7.1)".
func (p Problem) String() string {
	var b strings.Builder
	if p.Object >= 0 {
		b.WriteString("object ")
		b.WriteString(strconv.Itoa(p.Object))
	} else {
		b.WriteString("input")
	}
	if p.ID != "" {
		b.WriteString(" (")
		b.WriteString(p.ID)
		b.WriteString(")")
	}
	b.WriteString(": ")
	if len(p.Path) > 0 {
		b.WriteString(p.Path.String())
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// specVersion is the version of STIX an object is judged by.
type specVersion uint8

const (
	v21 specVersion = iota
	v20
)

// versionHint is what an object's input says about its version.
type versionHint uint8

const (
	hintNone versionHint = iota // nothing: judge by the object alone
	hint20                      // a STIX 2.0 bundle (spec_version "2.0")
	hint21                      // a STIX 2.1 bundle or a TAXII 2.1 envelope
)

// ValidateObject checks one object against STIX 2.1 or, for an object
// that STIX 2.0 could have written (no spec_version, a type STIX 2.0
// defines), STIX 2.0: required properties per type, spec_version, the id,
// timestamps, reference properties and their target types, granular
// markings and their selectors, predefined and extension-definition
// extensions, the rules each type states in prose (a location needs a
// region, a country or coordinates; a network-traffic a src_ref or
// dst_ref; ...), and those of the cyber-observable objects embedded in
// observed-data's objects (STIX 2.0 Part 4's in STIX 2.0), no empty lists
// or dictionaries, and the fixed TLP marking definitions.
//
// An object without spec_version is judged by STIX 2.0 first; if it is
// not valid STIX 2.0, the verdict with fewer problems wins, STIX 2.1 on a
// tie (so a STIX 2.1 indicator that lost its spec_version is told that,
// not that it lacks STIX 2.0 labels). Validate, which sees the bundle,
// knows the version instead.
//
// It is not stricter than the specification: custom properties, custom
// object types and custom extensions are allowed, and SHOULD rules (x_
// prefixes, vocabularies) are not enforced. Empty lists and dictionaries
// under x_ properties are not reported: ATT&CK's bundles have them.
func ValidateObject(o *Object) []Problem { return validateObject(o, hintNone) }

func validateObject(o *Object, hint versionHint) []Problem {
	if !versionOpen(o) {
		return validateAs(o, v21)
	}
	switch hint {
	case hint20:
		return validateAs(o, v20)
	case hint21:
		return validateAs(o, v21)
	}
	p20 := validateAs(o, v20)
	if len(p20) == 0 {
		return nil
	}
	if p21 := validateAs(o, v21); len(p21) <= len(p20) {
		return p21
	}
	return p20
}

// versionOpen reports whether the object alone does not say its version:
// it has no spec_version, and STIX 2.0 has its type as a top-level object
// (or the type is custom).
func versionOpen(o *Object) bool {
	if o.Has("spec_version") {
		return false
	}
	typ := o.Type()
	switch classOf(typ) {
	case classSCO:
		return false // STIX 2.1 SCOs may omit spec_version (section 3.2)
	case classCustom:
		return true
	}
	return typeSpecs[typ].required20 != nil
}

// A validator collects the problems of one object.
type validator struct {
	o     *Object
	raw   []byte
	typ   string
	class objectClass
	spec  *typeSpec // nil for custom types
	ver   specVersion
	id    string // the object's id if well-formed, for problems
	probs []Problem
	refs  refRoom // where checkRefs' buffers start
	// at is where the object lies in the object validated, for a cyber-
	// observable object embedded in observed-data's objects; nil for the
	// object itself.
	at Path
}

func validateAs(o *Object, ver specVersion) []Problem {
	v := &validator{o: o, raw: o.raw, typ: o.Type(), ver: ver}
	v.class = classOf(v.typ)
	v.spec = typeSpecs[v.typ]
	if id := o.ID(); isIdentifier(id) {
		v.id = id
	}
	v.checkType()
	v.checkSpecVersion()
	v.checkID()
	v.checkRequired()
	v.checkCommon()
	v.checkTimestamps()
	v.checkRefs()
	v.checkGranular()
	v.checkExtensions()
	v.checkExternalReferences()
	v.checkKillChainPhases()
	v.checkEmpty()
	if v.spec != nil && v.spec.check != nil {
		v.spec.check(v)
	}
	if v.typ == "observed-data" {
		checkObservedData(v)
	}
	if v.typ == "marking-definition" {
		v.probs = append(v.probs, validateTLPInstance(o)...)
	}
	return v.probs
}

func (v *validator) add(p Path, msg string) {
	if v.at != nil {
		p = append(append(Path(nil), v.at...), p...)
	}
	v.probs = append(v.probs, Problem{Object: v.o.Index(), ID: v.id, Path: p, Msg: msg})
}

// cite returns the citation for a rule of the object's type.
func (v *validator) cite(section string) string {
	if v.ver == v20 {
		return "(STIX 2.0)"
	}
	return "(STIX 2.1 section " + section + ")"
}

func (v *validator) typeSection() string {
	if v.spec == nil {
		return "3.2"
	}
	return v.spec.section
}

func (v *validator) checkType() {
	if !typeNameOK(v.typ) {
		v.add(Path{Key("type")}, "must be 3 to 250 characters from a-z, 0-9 and '-', start with a letter and have no \"--\" (STIX 2.1 sections 3.1 and 7.3.2.2)")
	}
}

func (v *validator) checkSpecVersion() {
	sv, ok := v.o.GetString("spec_version")
	if ok && sv != "2.1" {
		v.add(Path{Key("spec_version")}, "must be \"2.1\" (STIX 2.1 section 3.2); STIX 2.0 objects have no spec_version")
	}
}

func (v *validator) checkID() {
	if !typeNameOK(v.typ) {
		return // the type's problem says it all
	}
	t, version, ok := splitIdentifier(v.o.ID())
	switch {
	case !ok:
		v.add(Path{Key("id")}, "must be an identifier <type>--<UUID> with an RFC 4122 UUID (STIX 2.1 section 2.9)")
	case t != v.typ:
		v.add(Path{Key("id")}, "must start with the object's own type (STIX 2.1 section 2.9)")
	case v.ver == v20 && version != 4:
		v.add(Path{Key("id")}, "must hold a version 4 UUID in STIX 2.0")
	}
}

func (v *validator) checkRequired() {
	if v.spec == nil {
		return // a custom type: only type and id are known to be required
	}
	req := v.spec.required21
	if v.ver == v20 {
		req = v.spec.required20
	}
	for _, n := range req {
		if !v.o.Has(n) {
			v.add(Path{Key(n)}, "required property is missing "+v.cite(v.spec.section))
		}
	}
	if v.spec.anyProperty && !v.ownProperty() {
		v.add(nil, "needs at least one of its own properties (STIX 2.1 section "+v.spec.section+")")
	}
}

// ownProperty reports whether the object has a property besides the
// common ones (see typeSpec.anyProperty).
func (v *validator) ownProperty() bool {
	for _, n := range v.o.Names() {
		if !commonContentNames[n] {
			return true
		}
	}
	return false
}

// checkCommon checks common properties of STIX 2.1 section 3.2.
func (v *validator) checkCommon() {
	v.boolean("revoked")
	if _, ok := v.boolean("defanged"); ok && v.class != classSCO && v.class != classCustom {
		v.add(Path{Key("defanged")}, "must not be used on objects other than SCOs (STIX 2.1 section 3.2)")
	}
	if v.ver == v21 {
		v.integerIn("confidence", 0, 100)
		for _, n := range reservedNames {
			if v.o.Has(n) {
				v.add(Path{Key(n)}, "is a reserved property name and must not be used (STIX 2.1 section 3.8)")
			}
		}
	}
}

// checkTimestamps checks the format of every timestamp property and the
// order of pairs that must not decrease.
func (v *validator) checkTimestamps() {
	var order []timestampOrder
	var extra []string
	if v.spec != nil {
		extra, order = v.spec.timestamps, v.spec.order
	}
	var room [8]namedTimestamp
	parsed := room[:0]
	for i := 0; i < 2+len(extra); i++ {
		n := "created"
		switch {
		case i == 1:
			n = "modified"
		case i >= 2:
			n = extra[i-2]
		}
		var s Span
		var ok bool
		if strings.IndexByte(n, '.') < 0 {
			s, ok = v.o.ValueSpan(n) // no scan: the Reader indexed the members
		} else {
			s, ok = v.o.Lookup(propertyPath(n))
		}
		if !ok {
			continue
		}
		if v.raw[s.Start] != '"' {
			v.add(propertyPath(n), "must be a timestamp string (STIX 2.1 section 2.16)")
			continue
		}
		body := v.raw[s.Start+1 : s.End-1]
		if bytes.IndexByte(body, '\\') >= 0 {
			body = appendUnescaped(nil, body)
		}
		ts, ok := parseTimestamp(body)
		if !ok {
			v.add(propertyPath(n), "must be an RFC 3339 timestamp in UTC, YYYY-MM-DDTHH:mm:ss[.s+]Z (STIX 2.1 section 2.16)")
			continue
		}
		if v.ver == v21 && (n == "created" || n == "modified") && ts.digits < 3 {
			v.add(propertyPath(n), "must have at least millisecond precision (STIX 2.1 section 3.2)")
		}
		parsed = setTimestamp(parsed, n, ts)
	}
	v.order(parsed, timestampOrder{early: "created", late: "modified"}, "3.2")
	for _, o := range order {
		v.order(parsed, o, v.spec.section)
	}
}

// A namedTimestamp is a property's parsed timestamp. The few an object
// has are kept in a list, not a map.
type namedTimestamp struct {
	name string
	ts   timestamp
}

// setTimestamp sets name's timestamp in parsed.
func setTimestamp(parsed []namedTimestamp, name string, ts timestamp) []namedTimestamp {
	for i := range parsed {
		if parsed[i].name == name {
			parsed[i].ts = ts
			return parsed
		}
	}
	return append(parsed, namedTimestamp{name, ts})
}

// timestampOf returns name's timestamp in parsed.
func timestampOf(parsed []namedTimestamp, name string) (timestamp, bool) {
	for _, p := range parsed {
		if p.name == name {
			return p.ts, true
		}
	}
	return timestamp{}, false
}

func (v *validator) order(parsed []namedTimestamp, o timestampOrder, section string) {
	early, ok1 := timestampOf(parsed, o.early)
	late, ok2 := timestampOf(parsed, o.late)
	if !ok1 || !ok2 {
		return
	}
	switch c := late.t.Compare(early.t); {
	case o.strict && c <= 0:
		v.add(propertyPath(o.late), "must be later than "+o.early+" "+v.cite(section))
	case c < 0:
		v.add(propertyPath(o.late), "must not be earlier than "+o.early+" "+v.cite(section))
	}
}

// propertyPath turns RefRule.Property notation without lists into a Path.
func propertyPath(prop string) Path {
	var p Path
	for _, s := range strings.Split(prop, ".") {
		p = append(p, Key(s))
	}
	return p
}

// checkRefs checks every reference of the object (see Refs): the
// properties the specification defines must hold identifiers of the
// types it allows.
func (v *validator) checkRefs() {
	rm := &v.refs
	c := refCollector{raw: v.raw, typ: v.typ, bad: func(p Path, r *RefRule) {
		if r.List {
			v.add(p, "must be a list of identifiers (STIX 2.1 sections 2.9 and 3.1)")
		} else {
			v.add(p, "must be an identifier (STIX 2.1 sections 2.9 and 3.1)")
		}
	}, refs: rm.refs[:0], idEnd: rm.idEnd[:0], ids: rm.ids[:0], steps: rm.steps[:0], frames: rm.frames[:0]}
	c.collect(v.o)
	for _, r := range c.finish() {
		if r.Kind == RefExtension {
			if t, _, ok := splitIdentifier(r.ID); !ok || t != "extension-definition" {
				v.add(r.Path, "is not an extension definition identifier (STIX 2.1 sections 2.9 and 7.3)")
			}
			continue
		}
		if r.Rule == nil {
			continue // custom: a reference only if it is an identifier
		}
		section := v.refSection(r.Rule)
		t, version, ok := splitIdentifier(r.ID)
		switch {
		case !ok:
			v.add(r.Path, "must be an identifier <type>--<UUID> with an RFC 4122 UUID (STIX 2.1 section 2.9)")
		case r.Rule.Targets != nil && !contains(r.Rule.Targets, t):
			v.add(r.Path, "must refer to an object of type "+strings.Join(r.Rule.Targets, " or ")+" "+v.cite(section))
		case contains(r.Rule.Excludes, t):
			v.add(r.Path, "must not refer to an object of this type "+v.cite(section))
		case v.ver == v20 && version != 4:
			v.add(r.Path, "must hold a version 4 UUID in STIX 2.0")
		case r.Kind == RefMarking && v.typ == "marking-definition" && r.ID == v.o.ID():
			v.add(r.Path, "a marking definition must not mark itself (STIX 2.1 section 3.2)")
		}
	}
}

// refSection returns the section that defines a rule.
func (v *validator) refSection(r *RefRule) string {
	switch r.Property {
	case "created_by_ref", "object_marking_refs":
		if v.typ != "extension-definition" {
			return "3.2"
		}
	case "granular_markings.marking_ref":
		return "7.2.3.1"
	}
	return v.typeSection()
}

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}

// checkGranular checks granular markings (STIX 2.1 section 7.2.3.1): one
// of marking_ref and lang, selectors that are well formed and select
// content present in the object. The Reader has checked the JSON types.
func (v *validator) checkGranular() {
	s, ok := v.o.ValueSpan("granular_markings")
	if !ok || v.raw[s.Start] != '[' {
		return
	}
	forEachItem(v.raw, s.Start, func(n int, it Span) bool {
		at := Path{Key("granular_markings"), Index(n)}
		var hasRef, hasLang, hasSel bool
		var sel Span
		forEachMember(v.raw, it.Start, func(name, value Span) bool {
			q := v.raw[name.Start:name.End]
			switch {
			case nameIs(q, "marking_ref"):
				hasRef = true
			case nameIs(q, "lang"):
				hasLang = true
			case nameIs(q, "selectors"):
				hasSel, sel = true, value
			}
			return true
		})
		switch {
		case v.ver == v20 && !hasRef:
			v.add(at.Append(Key("marking_ref")), "required property is missing (STIX 2.0)")
		case v.ver == v21 && hasRef == hasLang:
			v.add(at, "must have exactly one of marking_ref and lang (STIX 2.1 section 7.2.3.1)")
		}
		if !hasSel {
			v.add(at.Append(Key("selectors")), "required property is missing (STIX 2.1 section 7.2.3.1)")
			return true
		}
		forEachItem(v.raw, sel.Start, func(j int, item Span) bool {
			p, ok := parseSelector(unquote(v.raw[item.Start:item.End]))
			switch {
			case !ok:
				v.add(at.Append(Key("selectors")).Append(Index(j)), "is not a valid selector (STIX 2.1 section 7.2.3.1)")
			case !v.selects(p):
				v.add(at.Append(Key("selectors")).Append(Index(j)), "selects content that is not present in the object (STIX 2.1 section 7.2.3.1)")
			}
			return true
		})
		return true
	})
}

func (v *validator) selects(p Path) bool {
	_, ok := v.o.Lookup(p)
	return ok
}

// parseSelector parses a granular-marking selector: components separated
// by '.', each a property name or dictionary key or a list index "[n]"
// (STIX 2.1 section 7.2.3.1).
func parseSelector(s string) (Path, bool) {
	if s == "" {
		return nil, false
	}
	var p Path
	for _, c := range strings.Split(s, ".") {
		switch {
		case c == "":
			return nil, false
		case c[0] == '[':
			if len(c) < 3 || c[len(c)-1] != ']' {
				return nil, false
			}
			digits := c[1 : len(c)-1]
			for i := 0; i < len(digits); i++ {
				if digits[i] < '0' || digits[i] > '9' {
					return nil, false
				}
			}
			n, err := strconv.Atoi(digits)
			if err != nil {
				return nil, false
			}
			p = append(p, Index(n))
		case strings.ContainsAny(c, "[]"):
			// Names and dictionary keys have no brackets (sections 3.1
			// and 2.3): "labels[0]" is patterning syntax, not a selector.
			return nil, false
		default:
			p = append(p, Key(c))
		}
	}
	return p, true
}

// checkExtensions checks the extensions dictionary (STIX 2.1 section 3.2):
// extension-definition extensions carry extension_type (section 7.3), the
// predefined ones their required properties (section 6).
func (v *validator) checkExtensions() {
	s, ok := v.o.ValueSpan("extensions")
	if !ok {
		return
	}
	if v.raw[s.Start] != '{' {
		v.add(Path{Key("extensions")}, "must be a dictionary (STIX 2.1 section 3.2)")
		return
	}
	forEachMember(v.raw, s.Start, func(name, value Span) bool {
		key := unquote(v.raw[name.Start:name.End])
		at := Path{Key("extensions"), Key(key)}
		if v.raw[value.Start] != '{' {
			v.add(at, "must be an object holding the extension's properties (STIX 2.1 section 3.2)")
			return true
		}
		if strings.HasPrefix(key, "extension-definition--") {
			et, ok := memberOf(v.raw, value, "extension_type")
			switch {
			case !ok:
				v.add(at.Append(Key("extension_type")), "required for an extension defined by an extension definition (STIX 2.1 section 3.2)")
			case v.raw[et.Start] != '"' || !contains(extensionTypes, unquote(v.raw[et.Start:et.End])):
				v.add(at.Append(Key("extension_type")), "must be a value of extension-type-enum (STIX 2.1 section 10.5)")
			}
			return true
		}
		spec, ok := extensionSpecs[key]
		if !ok {
			return true
		}
		cite := "(STIX 2.1 section " + spec.section + ")"
		for _, n := range spec.required {
			if _, ok := memberOf(v.raw, value, n); !ok {
				v.add(at.Append(Key(n)), "required property is missing "+cite)
			}
		}
		if spec.anyOther {
			other := false
			forEachMember(v.raw, value.Start, func(n, _ Span) bool {
				q := v.raw[n.Start:n.End]
				for _, r := range spec.required {
					if nameIs(q, r) {
						return true
					}
				}
				other = true
				return false
			})
			if !other {
				v.add(at, "needs a property besides "+strings.Join(spec.required, ", ")+" "+cite)
			}
		}
		for list, need := range spec.items {
			ls, ok := memberOf(v.raw, value, list)
			if !ok || v.raw[ls.Start] != '[' {
				continue
			}
			forEachItem(v.raw, ls.Start, func(n int, it Span) bool {
				ip := at.Append(Key(list)).Append(Index(n))
				if v.raw[it.Start] != '{' {
					v.add(ip, "must be an object "+cite)
					return true
				}
				for _, r := range need {
					if _, ok := memberOf(v.raw, it, r); !ok {
						v.add(ip.Append(Key(r)), "required property is missing "+cite)
					}
				}
				return true
			})
		}
		return true
	})
}

// memberOf returns the value of the member name of the JSON object at obj.
func memberOf(raw []byte, obj Span, name string) (Span, bool) {
	var s Span
	found := false
	forEachMember(raw, obj.Start, func(n, value Span) bool {
		if nameIs(raw[n.Start:n.End], name) {
			s, found = value, true
			return false
		}
		return true
	})
	return s, found
}

// checkExternalReferences: STIX 2.1 section 2.5.
func (v *validator) checkExternalReferences() {
	v.eachObjectItem("external_references", "2.5", func(at Path, it Span) {
		if _, ok := memberOf(v.raw, it, "source_name"); !ok {
			v.add(at.Append(Key("source_name")), "required property is missing (STIX 2.1 section 2.5.1)")
		}
		for _, n := range []string{"description", "url", "external_id"} {
			if _, ok := memberOf(v.raw, it, n); ok {
				return
			}
		}
		v.add(at, "needs description, url or external_id besides source_name (STIX 2.1 section 2.5.2)")
	})
}

// checkKillChainPhases: STIX 2.1 section 2.11.
func (v *validator) checkKillChainPhases() {
	v.eachObjectItem("kill_chain_phases", "2.11", func(at Path, it Span) {
		for _, n := range []string{"kill_chain_name", "phase_name"} {
			if _, ok := memberOf(v.raw, it, n); !ok {
				v.add(at.Append(Key(n)), "required property is missing (STIX 2.1 section 2.11)")
			}
		}
	})
}

// eachObjectItem calls fn for each item of the top-level list name,
// reporting items that are not objects.
func (v *validator) eachObjectItem(name, section string, fn func(at Path, it Span)) {
	s, ok := v.o.ValueSpan(name)
	if !ok {
		return
	}
	if v.raw[s.Start] != '[' {
		v.add(Path{Key(name)}, "must be a list (STIX 2.1 section "+section+")")
		return
	}
	forEachItem(v.raw, s.Start, func(n int, it Span) bool {
		at := Path{Key(name), Index(n)}
		if v.raw[it.Start] != '{' {
			v.add(at, "must be an object (STIX 2.1 section "+section+")")
			return true
		}
		fn(at, it)
		return true
	})
}

// checkEmpty reports empty lists (STIX 2.1 section 2.12: "Empty lists are
// prohibited") and empty dictionaries (section 2.3) at any depth, except
// under x_ properties, whose content is custom. The walk keeps name spans
// and makes a Path only for what it reports.
func (v *validator) checkEmpty() {
	var frames []refFrame
	var scratch []byte
	var visit func(at int)
	visit = func(at int) {
		c := v.raw[at]
		if c != '{' && c != '[' {
			return
		}
		if len(frames) > 0 {
			next := v.raw[skipSpace(v.raw, at+1)]
			switch {
			case c == '[' && next == ']':
				v.add(framesPath(v.raw, frames), "empty list: lists must have at least one item (STIX 2.1 section 2.12)")
				return
			case c == '{' && next == '}':
				v.add(framesPath(v.raw, frames), "empty dictionary: dictionaries must have at least one key (STIX 2.1 section 2.3)")
				return
			}
		}
		if c == '[' {
			forEachItem(v.raw, at, func(n int, it Span) bool {
				frames = append(frames, refFrame{index: n})
				visit(it.Start)
				frames = frames[:len(frames)-1]
				return true
			})
			return
		}
		forEachMember(v.raw, at, func(name, value Span) bool {
			body := v.raw[name.Start+1 : name.End-1]
			if bytes.IndexByte(body, '\\') >= 0 {
				scratch = appendUnescaped(scratch[:0], body)
				body = scratch
			}
			if bytes.HasPrefix(body, []byte("x_")) {
				return true
			}
			frames = append(frames, refFrame{name: name})
			visit(value.Start)
			frames = frames[:len(frames)-1]
			return true
		})
	}
	visit(0)
}

// framesPath makes the Path of a walk's frames.
func framesPath(raw []byte, frames []refFrame) Path {
	p := make(Path, len(frames))
	for i, f := range frames {
		if f.name.End == 0 {
			p[i] = Index(f.index)
		} else {
			p[i] = Key(memberName(raw[f.name.Start:f.name.End]))
		}
	}
	return p
}

// observableContainer checks observed-data's deprecated objects (STIX 2.1
// sections 2.13 and 4.14): a dictionary of cyber-observable objects whose
// references are keys of the same dictionary.
func (v *validator) observableContainer() {
	s, ok := v.o.ValueSpan("objects")
	if !ok {
		return
	}
	base := Path{Key("objects")}
	if v.raw[s.Start] != '{' {
		v.add(base, "must be a dictionary of cyber-observable objects (STIX 2.1 section 2.13)")
		return
	}
	keys := map[string]bool{}
	forEachMember(v.raw, s.Start, func(name, _ Span) bool {
		keys[unquote(v.raw[name.Start:name.End])] = true
		return true
	})
	forEachMember(v.raw, s.Start, func(name, value Span) bool {
		at := base.Append(Key(unquote(v.raw[name.Start:name.End])))
		if v.raw[value.Start] != '{' {
			v.add(at, "must be a cyber-observable object (STIX 2.1 section 2.13)")
			return true
		}
		if t, ok := memberOf(v.raw, value, "type"); !ok || v.raw[t.Start] != '"' {
			v.add(at.Append(Key("type")), "required property is missing (STIX 2.1 section 2.13)")
		} else {
			v.embeddedObservable(value, at)
		}
		walk(v.raw, value.Start, at, func(p Path, vs Span) walkStep {
			n := len(p)
			var local bool
			switch {
			case n > len(at) && !p[n-1].IsIndex() && strings.HasSuffix(p[n-1].Key, "_ref"):
				local = true
			case n > len(at)+1 && p[n-1].IsIndex() && !p[n-2].IsIndex() && strings.HasSuffix(p[n-2].Key, "_refs"):
				local = true
			}
			if local && v.raw[vs.Start] == '"' && !keys[unquote(v.raw[vs.Start:vs.End])] {
				v.add(append(Path(nil), p...), "must be the key of an object in the same container (STIX 2.1 section 2.13)")
			}
			return walkInto
		})
		return true
	})
}

// embeddedObservable checks the rules of its type that a cyber-observable
// object embedded in observed-data's objects (at s, its place at) must
// keep, as a top-level one must: its required properties and the rules
// its type states in prose (a file needs hashes or name, a network
// traffic src_ref or dst_ref, ...). Its id, references and common
// properties are the container's to check. In STIX 2.0 the rules are
// those of STIX 2.0 Part 4 (see typeSpec.embedded20).
func (v *validator) embeddedObservable(s Span, at Path) {
	o := &Object{raw: v.raw[s.Start:s.End], index: v.o.index}
	forEachMember(v.raw, s.Start, func(name, value Span) bool {
		o.members = append(o.members, member{
			name:  Span{name.Start - s.Start, name.End - s.Start},
			value: Span{value.Start - s.Start, value.End - s.Start},
			esc:   bytes.IndexByte(v.raw[name.Start:name.End], '\\') >= 0,
		})
		return true
	})
	typ := o.Type()
	spec := typeSpecs[typ]
	if spec == nil || classOf(typ) != classSCO {
		return // a custom observable: its rules are its producer's
	}
	e := &validator{o: o, raw: o.raw, typ: typ, class: classSCO, spec: spec, ver: v.ver, id: v.id, at: at}
	req, any := spec.required21, spec.anyProperty
	if v.ver == v20 && spec.embedded20 != nil {
		req, any = spec.embedded20.required, spec.embedded20.anyProperty
	}
	for _, n := range req {
		if !o.Has(n) {
			e.add(Path{Key(n)}, "required property is missing "+e.cite(spec.section))
		}
	}
	if any && !e.ownProperty() {
		e.add(nil, "needs at least one of its own properties "+e.cite(spec.section))
	}
	if spec.check != nil {
		spec.check(e)
	}
	v.probs = append(v.probs, e.probs...)
}

// boolean returns the value of the top-level boolean name, reporting a
// value that is not a boolean (STIX 2.1 section 2.2).
func (v *validator) boolean(name string) (val, ok bool) {
	s, present := v.o.ValueSpan(name)
	if !present {
		return false, false
	}
	switch string(v.raw[s.Start:s.End]) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	v.add(Path{Key(name)}, "must be true or false (STIX 2.1 section 2.2)")
	return false, false
}

// integerIn reports a top-level property name that is present but not an
// integer from lo to hi.
func (v *validator) integerIn(name string, lo, hi float64) {
	f, ok := v.number(name)
	if ok && (f != math.Trunc(f) || f < lo || f > hi) {
		v.add(Path{Key(name)}, fmt.Sprintf("must be an integer from %.0f to %.0f %s", lo, hi, v.cite(v.typeSection())))
	}
}

// numberIn reports a top-level property name that is present but not a
// number from lo to hi.
func (v *validator) numberIn(name string, lo, hi float64) {
	f, ok := v.number(name)
	if ok && (f < lo || f > hi) {
		v.add(Path{Key(name)}, fmt.Sprintf("must be a number from %g to %g %s", lo, hi, v.cite(v.typeSection())))
	}
}

// number returns the top-level number name, reporting a value that is not
// a number.
func (v *validator) number(name string) (float64, bool) {
	s, ok := v.o.ValueSpan(name)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(v.raw[s.Start:s.End]), 64)
	if c := v.raw[s.Start]; err != nil || c == '"' {
		v.add(Path{Key(name)}, "must be a number "+v.cite(v.typeSection()))
		return 0, false
	}
	return f, true
}

// enum reports a top-level property name whose value is not one of vals.
func (v *validator) enum(name string, vals []string, section string) {
	s, ok := v.o.ValueSpan(name)
	if ok && (v.raw[s.Start] != '"' || !contains(vals, unquote(v.raw[s.Start:s.End]))) {
		v.add(Path{Key(name)}, "must be a value of the enumeration of STIX 2.1 section "+section)
	}
}

// enumList reports items of the top-level list name that are not one of
// vals.
func (v *validator) enumList(name string, vals []string, section string) {
	s, ok := v.o.ValueSpan(name)
	if !ok || v.raw[s.Start] != '[' {
		return
	}
	forEachItem(v.raw, s.Start, func(n int, it Span) bool {
		if v.raw[it.Start] != '"' || !contains(vals, unquote(v.raw[it.Start:it.End])) {
			v.add(Path{Key(name), Index(n)}, "must be a value of the enumeration of STIX 2.1 section "+section)
		}
		return true
	})
}

// oneOf reports an object that has none of the top-level names.
func (v *validator) oneOf(names ...string) {
	for _, n := range names {
		if v.o.Has(n) {
			return
		}
	}
	v.add(nil, "needs "+strings.Join(names, " or ")+" (STIX 2.1 section "+v.typeSection()+")")
}

// oneOf2 reports a nested object at has neither a nor b.
func (v *validator) oneOf2(at Path, obj Span, a, b, section string) {
	if _, ok := memberOf(v.raw, obj, a); ok {
		return
	}
	if _, ok := memberOf(v.raw, obj, b); ok {
		return
	}
	v.add(at, "needs "+a+" or "+b+" (STIX 2.1 section "+section+")")
}

// A timestamp is a parsed STIX timestamp.
type timestamp struct {
	t      time.Time
	digits int // digits after the decimal point
}

// parseTimestamp parses YYYY-MM-DDTHH:mm:ss[.s+]Z (STIX 2.1 section
// 2.16.1): RFC 3339 in UTC with an uppercase T and Z, any number of
// sub-second digits (compared to the nanosecond), no '.' without digits.
func parseTimestamp[S ~string | ~[]byte](s S) (timestamp, bool) {
	if len(s) < 20 || s[len(s)-1] != 'Z' {
		return timestamp{}, false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	if s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return timestamp{}, false
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, min, sec := num(11, 2), num(14, 2), num(17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 60 {
		return timestamp{}, false
	}
	if day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return timestamp{}, false
	}
	ts := timestamp{}
	nanos := 0
	if rest := s[19 : len(s)-1]; len(rest) != 0 {
		if rest[0] != '.' || len(rest) == 1 {
			return timestamp{}, false
		}
		frac := rest[1:]
		ts.digits = len(frac)
		for i := 0; i < len(frac); i++ {
			c := frac[i]
			if c < '0' || c > '9' {
				return timestamp{}, false
			}
			if i < 9 {
				nanos = nanos*10 + int(c-'0')
			}
		}
		for i := len(frac); i < 9; i++ {
			nanos *= 10
		}
	}
	ts.t = time.Date(year, time.Month(month), day, hour, min, sec, nanos, time.UTC)
	return ts, true
}

// Validate reads a whole input (any shape a Reader accepts) and checks
// every object as ValidateObject does, with the version the input tells:
// the objects of a bundle whose spec_version is "2.0" are STIX 2.0, those
// of any other bundle or of a TAXII envelope STIX 2.1. It also checks
// what needs several objects: two objects with the same id and modified
// must be the same (STIX 2.1 section 3.6; for marking definitions, which
// have no modified, the same id), and a bundle's own id (section 8.1).
//
// Problems come in input order. An input that cannot be read (invalid
// JSON, not STIX, a limit exceeded) ends the run: the problems found so
// far are returned with the Reader's *InputError.
func Validate(r io.Reader, opts *ReaderOptions) ([]Problem, error) {
	rd := NewReader(r, opts)
	var out []Problem
	var parts []validationPart
	seen := newVersionSet()
	for {
		o, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return joinParts(parts, out, rd.Frame()), err
		}
		f := rd.Frame()
		hint := hintNone
		switch f.Kind() {
		case KindEnvelope:
			hint = hint21
		case KindBundle:
			switch sv := f.SpecVersion(); {
			case sv == "2.0":
				hint = hint20
			case sv != "":
				hint = hint21
			case versionOpen(o):
				// The bundle's spec_version may follow its objects: keep
				// both verdicts until the end.
				parts = append(parts, validationPart{probs: out, pending: true, p20: validateAs(o, v20), p21: validateAs(o, v21)})
				out = nil
				out = append(out, seen.check(o)...)
				continue
			default:
				hint = hint21
			}
		}
		out = append(out, validateObject(o, hint)...)
		out = append(out, seen.check(o)...)
	}
	probs := joinParts(parts, out, rd.Frame())
	if f := rd.Frame(); f.Kind() == KindBundle {
		probs = append(probs, validateBundle(f)...)
	}
	return probs, nil
}

// A validationPart is the problems of a run of objects, or the two
// possible verdicts on an object whose version the bundle decides.
type validationPart struct {
	probs    []Problem
	pending  bool
	p20, p21 []Problem
}

func joinParts(parts []validationPart, last []Problem, f *Frame) []Problem {
	if len(parts) == 0 {
		return last
	}
	var all []Problem
	for _, p := range parts {
		all = append(all, p.probs...)
		if p.pending {
			if f.SpecVersion() == "2.0" {
				all = append(all, p.p20...)
			} else {
				all = append(all, p.p21...)
			}
		}
	}
	return append(all, last...)
}

// validateBundle checks a bundle's own id (STIX 2.1 section 8.1).
func validateBundle(f *Frame) []Problem {
	doc := f.empty
	at := skipSpace(doc, 0)
	if at >= len(doc) || doc[at] != '{' {
		return nil
	}
	bad := func(msg string) []Problem {
		return []Problem{{Object: -1, Path: Path{Key("id")}, Msg: msg}}
	}
	id, ok := memberOf(doc, Span{at, len(doc)}, "id")
	switch {
	case !ok:
		return bad("the bundle has no id (STIX 2.1 section 8.1)")
	case doc[id.Start] != '"':
		return bad("must be an identifier bundle--<UUID> (STIX 2.1 section 8.1)")
	}
	t, version, ok := splitIdentifier(unquote(doc[id.Start:id.End]))
	switch {
	case !ok || t != "bundle":
		return bad("must be an identifier bundle--<UUID> with an RFC 4122 UUID (STIX 2.1 section 8.1)")
	case f.SpecVersion() == "2.0" && version != 4:
		return bad("must hold a version 4 UUID in STIX 2.0")
	}
	return nil
}

// A versionSet remembers the versions of objects seen, as 128-bit hashes
// of (id, modified) with a hash of their content, so that memory stays
// small per object.
type versionSet struct {
	seed1, seed2, content maphash.Seed
	m                     map[[2]uint64]versionSeen
}

type versionSeen struct {
	object  int
	content uint64
}

func newVersionSet() *versionSet {
	return &versionSet{seed1: maphash.MakeSeed(), seed2: maphash.MakeSeed(), content: maphash.MakeSeed(), m: map[[2]uint64]versionSeen{}}
}

// check records o and reports it if an earlier object has its id and
// modified but other content. Objects without modified are versions only
// when they are marking definitions, which cannot be versioned (STIX 2.1
// section 7.2.1); SCOs are not versioned at all (section 3.6).
func (s *versionSet) check(o *Object) []Problem {
	mod, ok := o.GetString("modified")
	if !ok && o.Type() != "marking-definition" {
		return nil
	}
	key := o.ID() + "\x00" + mod
	k := [2]uint64{maphash.String(s.seed1, key), maphash.String(s.seed2, key)}
	h := contentHash(s.content, o.raw)
	prev, dup := s.m[k]
	if !dup {
		s.m[k] = versionSeen{object: o.Index(), content: h}
		return nil
	}
	if prev.content == h {
		return nil // the same version again
	}
	p := Problem{Object: o.Index(), Msg: fmt.Sprintf("has the same id and modified as object %d but other content: a version must always have the same properties and values (STIX 2.1 section 3.6)", prev.object)}
	if isIdentifier(o.ID()) {
		p.ID = o.ID()
	}
	return []Problem{p}
}

// contentHash hashes a JSON value so that key order, whitespace, escapes
// and number spelling do not matter.
func contentHash(seed maphash.Seed, raw []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var scratch []byte
	hashValue(&h, seed, raw, skipSpace(raw, 0), &scratch)
	return h.Sum64()
}

func hashValue(h *maphash.Hash, seed maphash.Seed, raw []byte, at int, scratch *[]byte) {
	switch c := raw[at]; c {
	case '{':
		// Members are hashed one by one and summed, so that their order
		// does not count.
		var sum uint64
		forEachMember(raw, at, func(name, value Span) bool {
			var m maphash.Hash
			m.SetSeed(seed)
			hashString(&m, raw[name.Start:name.End], scratch)
			hashValue(&m, seed, raw, value.Start, scratch)
			sum += m.Sum64()
			return true
		})
		h.WriteByte('{')
		var b [8]byte
		for i := range b {
			b[i] = byte(sum >> (8 * i))
		}
		h.Write(b[:])
	case '[':
		h.WriteByte('[')
		forEachItem(raw, at, func(_ int, it Span) bool {
			hashValue(h, seed, raw, it.Start, scratch)
			h.WriteByte(',')
			return true
		})
		h.WriteByte(']')
	case '"':
		end, _ := stringEnd(raw, at)
		hashString(h, raw[at:end], scratch)
	default:
		end, _ := valueEnd(raw, at)
		lex := raw[at:end]
		if c == 't' || c == 'f' || c == 'n' {
			h.Write(lex)
			return
		}
		f, _ := strconv.ParseFloat(string(lex), 64)
		bits := math.Float64bits(f)
		h.WriteByte('#')
		var b [8]byte
		for i := range b {
			b[i] = byte(bits >> (8 * i))
		}
		h.Write(b[:])
	}
}

// hashString hashes a quoted JSON string by its decoded content.
func hashString(h *maphash.Hash, q []byte, scratch *[]byte) {
	*scratch = appendUnescaped((*scratch)[:0], q[1:len(q)-1])
	h.WriteByte('"')
	n := len(*scratch)
	h.Write([]byte{byte(n), byte(n >> 8), byte(n >> 16), byte(n >> 24)})
	h.Write(*scratch)
}
