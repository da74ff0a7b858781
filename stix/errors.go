package stix

import (
	"errors"
	"fmt"
)

// Categories of input errors, for errors.Is. Every *InputError wraps one.
var (
	// ErrSyntax: the input is not valid JSON (RFC 8259).
	ErrSyntax = errors.New("invalid JSON")
	// ErrDuplicateName: an object has two members with the same name once
	// escapes are decoded. gjson reads the first copy and encoding/json the
	// last, so such input could show a redactor one value and a consumer
	// another.
	ErrDuplicateName = errors.New("duplicate member name")
	// ErrEncoding: invalid UTF-8, a lone UTF-16 surrogate in a \u escape,
	// or a byte order mark.
	ErrEncoding = errors.New("invalid encoding")
	// ErrLimit: the input exceeds a configured limit (object size, nesting
	// depth, number of objects).
	ErrLimit = errors.New("limit exceeded")
	// ErrNotSTIX: valid JSON that is not STIX content the reader can frame:
	// no type, an objects member that is not a list, a list item that is
	// not an object, a type or id that is not a string.
	ErrNotSTIX = errors.New("not STIX")
	// ErrEmpty: the input holds no JSON value at all.
	ErrEmpty = errors.New("empty input")
)

// An InputError says what is wrong with an input and where: the byte offset
// in the input, the index of the object being read, and a JSON pointer. It
// never quotes the offending value, which may be personal data.
type InputError struct {
	// Offset is the byte offset in the input at which the problem was found.
	Offset int64
	// Object is the zero-based index of the STIX object being read, or -1
	// when the problem lies outside any object (in a bundle's own members,
	// say).
	Object int
	// Pointer is an RFC 6901 JSON pointer to the value being read, from the
	// root of the input document (for NDJSON, from the root of the line).
	// A member name that may be data is written as hiddenName: below an
	// object's top level, any name STIX does not define (see errorName).
	Pointer string
	// Kind is one of ErrSyntax, ErrDuplicateName, ErrEncoding, ErrLimit,
	// ErrNotSTIX, ErrEmpty.
	Kind error
	// Msg says what exactly is wrong.
	Msg string
}

func (e *InputError) Error() string {
	where := fmt.Sprintf("byte %d", e.Offset)
	if e.Object >= 0 {
		where = fmt.Sprintf("object %d, byte %d", e.Object, e.Offset)
	}
	if e.Pointer != "" {
		where += ", at " + e.Pointer
	}
	return fmt.Sprintf("input: %s: %s", where, e.Msg)
}

// Unwrap returns the error's category.
func (e *InputError) Unwrap() error { return e.Kind }

// hiddenName stands, in an error, for a member name that may be data. No
// name errorName shows reads so.
const hiddenName = "[REDACTED KEY]"

// errorName is how an error names a member of an object's top level (a
// STIX object's, or the input's root object's): by its name when that is
// a property name in form (ASCII letters, digits and underscores, with a
// letter, at most 250 of them: STIX 2.1 section 3.1, which constrains the
// names there), and as hiddenName otherwise. Any other name may be data
// (a dictionary key can be an email address or a person's name) and may
// hold control characters that would forge lines of a log; an error never
// quotes data.
func errorName(name string) string {
	if !IsPropertyName(name) {
		return hiddenName
	}
	return name
}

// belowErrorName is how an error names a member below an object's top
// level: by its name only when STIX defines it (knownName), as
// hiddenName otherwise. There members are mostly a dictionary's keys,
// which STIX leaves free, and a key in a property name's form may still
// be data: a person's name as in "x_contacts": {"john_smith": ...}.
func belowErrorName(name string) string {
	if _, ok := knownName([]byte(name)); ok {
		return name
	}
	return hiddenName
}

// errorPointer writes p, a path from an object's top level, as Pointer
// does, with its first member name as errorName writes it and the names
// below as belowErrorName does: the pointer of an error.
func errorPointer(p Path) string {
	return writeErrorPointer(p, true)
}

// errorPointerBelow is errorPointer for a path from a value below an
// object's top level.
func errorPointerBelow(p Path) string {
	return writeErrorPointer(p, false)
}

func writeErrorPointer(p Path, top bool) string {
	q := make(Path, len(p))
	for i, s := range p {
		q[i] = s
		switch {
		case s.IsIndex():
		case i == 0 && top:
			q[i] = Key(errorName(s.Key))
		default:
			q[i] = Key(belowErrorName(s.Key))
		}
	}
	return q.Pointer()
}
