package stix

import (
	"errors"
	"io"
)

// Kind is the shape of an input: how its objects are framed.
type Kind uint8

const (
	// KindBundle is a STIX bundle: {"type": "bundle", "id": ..., "objects": [...]}.
	KindBundle Kind = iota + 1
	// KindEnvelope is a TAXII 2.1 envelope: {"more": ..., "next": ..., "objects": [...]}.
	KindEnvelope
	// KindArray is a JSON list of STIX objects.
	KindArray
	// KindNDJSON is newline-delimited JSON: one STIX object per line.
	KindNDJSON
	// KindObject is a single STIX object.
	KindObject
)

func (k Kind) String() string {
	switch k {
	case KindBundle:
		return "bundle"
	case KindEnvelope:
		return "envelope"
	case KindArray:
		return "array"
	case KindNDJSON:
		return "ndjson"
	case KindObject:
		return "object"
	}
	return "unknown"
}

// A Frame is everything of an input but its objects: the bundle's or
// envelope's own members, the whitespace and commas between objects. A
// [Writer] uses it to write objects back in the input's shape, byte for
// byte where nothing changed. A Reader's frame is complete once Next has
// returned io.EOF.
type Frame struct {
	kind Kind
	// specVersion is the bundle's spec_version member ("2.0" for STIX 2.0
	// bundles; STIX 2.1 bundles have none).
	specVersion string
	// id is the bundle's id.
	id string
	// others are the names of the wrapper's members that STIX and TAXII
	// do not define for it (see Strip), decoded, in input order.
	others []string
	// head is everything before the first object's lead: for a bundle or
	// envelope up to and including the '[' of its objects list.
	head []byte
	// lead is the whitespace between head and the first object.
	lead []byte
	// sep is written between objects when an object has no separator of
	// its own (it is new, or its predecessor was not written).
	sep []byte
	// trail is the whitespace between the last object and what closes the
	// list (or the end of input).
	trail []byte
	// tail is everything after trail.
	tail []byte
	// empty is written instead of all the above when no object is written:
	// a bundle or envelope without its objects member, "[]", or nothing.
	empty []byte
}

// Kind returns the input's shape.
func (f *Frame) Kind() Kind { return f.kind }

// SpecVersion returns the bundle's spec_version ("2.0" for a STIX 2.0
// bundle), or "" where the input has none.
func (f *Frame) SpecVersion() string { return f.specVersion }

// NewFrame returns a frame for writing objects in a new document of the
// given kind. For KindBundle, id is the bundle's id; it is ignored for the
// other kinds. Objects are written compactly, one per line for NDJSON.
func NewFrame(kind Kind, id string) *Frame {
	f := &Frame{kind: kind}
	switch kind {
	case KindBundle:
		f.id = id
		f.head = []byte(`{"type":"bundle","id":` + string(AppendString(nil, id)) + `,"objects":[`)
		f.tail = []byte("]}\n")
		f.sep = []byte(",")
		f.empty = []byte(`{"type":"bundle","id":` + string(AppendString(nil, id)) + "}\n")
	case KindEnvelope:
		f.head = []byte(`{"objects":[`)
		f.tail = []byte("]}\n")
		f.sep = []byte(",")
		f.empty = []byte("{}\n")
	case KindArray:
		f.head = []byte("[")
		f.tail = []byte("]\n")
		f.sep = []byte(",")
		f.empty = []byte("[]\n")
	default:
		f.sep = []byte("\n")
		f.trail = []byte("\n")
	}
	return f
}

// defaultSep picks the separator for objects that have none of their own:
// a comma followed by the first object's lead, so that a pretty-printed
// list stays pretty.
func defaultSep(k Kind, lead []byte) []byte {
	switch k {
	case KindNDJSON, KindObject:
		return []byte("\n")
	}
	return append([]byte(","), lead...)
}

// DetectKind returns the shape of data: KindObject when it holds exactly
// one object (a one-line NDJSON stream is one object), or else the kind of
// its bundle, envelope, list or stream. It reads, validating, only as far
// as it must: the first object, and the start of a second. An error is an
// *InputError (or wraps ErrLimit).
func DetectKind(data []byte) (Kind, error) {
	r := NewBytesReader(data, nil)
	if _, err := r.Next(); err != nil {
		if errors.Is(err, io.EOF) {
			return r.Frame().Kind(), nil // a bundle, envelope or list with no objects
		}
		return 0, err
	}
	if k := r.Frame().Kind(); k != KindObject {
		return k, nil
	}
	if _, err := r.Next(); err != nil {
		if errors.Is(err, io.EOF) {
			return KindObject, nil
		}
		return 0, err
	}
	return r.Frame().Kind(), nil
}
