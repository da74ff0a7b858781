package stix

import "math"

// Which wrappers define a member: a bundle (STIX 2.1 section 8: type, id,
// objects; STIX 2.0 bundles also carry spec_version "2.0"), a TAXII 2.1
// envelope (TAXII 2.1 section 3.7: more, next, objects).
const (
	bundleMember uint8 = 1 << iota
	envelopeMember
)

// standardIn says which wrappers define the member name (decoded) with the
// raw value v (nil for the objects list), with a value of the kind they
// define: a member that only bears a standard name is no standard member.
func standardIn(name, v []byte) uint8 {
	switch string(name) {
	case "objects":
		return bundleMember | envelopeMember
	case "type":
		return bundleMember // the reader requires "bundle"
	case "id":
		if len(v) > 0 && v[0] == '"' {
			return bundleMember
		}
	case "spec_version":
		if len(v) > 0 && v[0] == '"' && string(appendUnescaped(nil, trimQuotes(v))) == "2.0" {
			return bundleMember
		}
	case "more":
		if string(v) == "true" || string(v) == "false" {
			return envelopeMember
		}
	case "next":
		if len(v) > 0 && v[0] == '"' {
			return envelopeMember
		}
	}
	return 0
}

// wrapperBit is the standardIn bit of a wrapper of kind k.
func wrapperBit(k Kind) uint8 {
	if k == KindBundle {
		return bundleMember
	}
	return envelopeMember
}

// ID returns the bundle's id, or "" when the input is not a bundle.
func (f *Frame) ID() string { return f.id }

// Strip returns a frame that writes f's bundle or envelope with only the
// members STIX and TAXII define for it, and the names of the members it
// leaves out, in input order. A bundle keeps type, id and objects (and
// spec_version "2.0", which STIX 2.0 bundles carry); an envelope keeps
// objects, more and next (TAXII 2.1 section 3.7). Anything else on the
// wrapper is not a STIX object, so no policy judges it: a redactor, which
// must fail closed, writes the stripped frame. When there is nothing to
// leave out, Strip returns f itself, so output stays byte for byte.
func (f *Frame) Strip() (*Frame, []string) {
	if len(f.others) == 0 {
		return f, nil
	}
	others := append([]string(nil), f.others...)
	// The frame's head and tail make a wrapper with an empty objects
	// list, which the reader has validated: read its members again and
	// write it without the others, keeping what lies between the rest.
	doc := append(append(make([]byte, 0, len(f.head)+len(f.tail)), f.head...), f.tail...)
	sc := scanner{maxDepth: math.MaxInt}
	if _, err := sc.scanValue(doc, 0, true); err != nil || len(sc.members) == 0 {
		// Not a frame a Reader made: fall back to the bare wrapper.
		nf := NewFrame(f.kind, f.id)
		nf.specVersion = f.specVersion
		return nf, others
	}
	ms := sc.members
	names := make([]string, len(ms))
	for k, m := range ms {
		names[k] = string(appendUnescaped(nil, doc[m.name.Start+1:m.name.End-1]))
	}
	gone := func(name string) bool {
		for _, o := range others {
			if o == name {
				return true
			}
		}
		return false
	}
	// build writes the wrapper without the others (and without its
	// objects list unless withObjects), and where the list's '[' is.
	build := func(withObjects bool) ([]byte, int) {
		out := append(make([]byte, 0, len(doc)), doc[:ms[0].name.Start]...)
		list, first := -1, true
		for k, m := range ms {
			if gone(names[k]) || (!withObjects && names[k] == "objects") {
				continue
			}
			if !first {
				out = append(out, doc[ms[k-1].value.End:m.name.Start]...)
			}
			first = false
			if names[k] == "objects" {
				list = len(out) + m.value.Start - m.name.Start
			}
			out = append(out, doc[m.name.Start:m.value.End]...)
		}
		return append(out, doc[ms[len(ms)-1].value.End:]...), list
	}
	nf := *f
	nf.others = nil
	full, list := build(true)
	if list < 0 {
		return NewFrame(f.kind, f.id), others // no objects list: not a Reader's frame
	}
	nf.head, nf.tail = full[:list+1:list+1], full[list+1:]
	nf.empty, _ = build(false)
	return &nf, others
}
