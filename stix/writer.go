package stix

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// A Writer writes objects in the shape of a Frame: inside the bundle or
// envelope they came from (its id, more and next kept), as a JSON list, one
// per line for NDJSON, or alone. Objects written unchanged, with the
// separators they had, come out byte for byte as they were read; when no
// object is written at all, Close writes the frame's empty form (a bundle
// or envelope without objects, an empty list, or nothing).
//
// A Writer is not safe for concurrent use.
type Writer struct {
	w     *bufio.Writer
	f     *Frame
	n     int
	err   error
	close bool
}

// NewWriter returns a Writer that writes to w in the shape of f. f must be
// complete by the time Close is called (a Reader's frame is complete once
// its Next has returned io.EOF).
func NewWriter(w io.Writer, f *Frame) *Writer {
	size := 64 << 10
	if _, ok := w.(*bytes.Buffer); ok {
		// Memory needs no batching: a small buffer gathers the separators,
		// and objects go straight through (a large one would cost more
		// than a small input's whole redaction).
		size = 256
	}
	return &Writer{w: bufio.NewWriterSize(w, size), f: f}
}

// Write writes raw in the place of o, an object read from the frame's
// input: with the separator o had there. A nil raw writes o unchanged.
func (w *Writer) Write(o *Object, raw []byte) error {
	if raw == nil {
		raw = o.raw
	}
	return w.write(raw, o.sep, o.index > 0)
}

// Add writes an object that was not in the input, with the frame's
// default separator.
func (w *Writer) Add(raw []byte) error { return w.write(raw, nil, false) }

func (w *Writer) write(raw, sep []byte, hasSep bool) error {
	if w.err != nil {
		return w.err
	}
	if w.close {
		return errors.New("stix: write after Close")
	}
	if w.n == 0 {
		w.w.Write(w.f.head)
		w.w.Write(w.f.lead)
	} else if hasSep && len(sep) > 0 && sepFits(w.f.kind, sep) {
		w.w.Write(sep)
	} else {
		s := w.f.sep
		if s == nil {
			s = defaultSep(w.f.kind, w.f.lead)
		}
		w.w.Write(s)
	}
	_, w.err = w.w.Write(raw)
	w.n++
	return w.err
}

// sepFits reports whether a separator read from the input can be written
// between two objects of this kind of output: inside a list it must hold
// the comma, between NDJSON lines a newline.
func sepFits(k Kind, sep []byte) bool {
	for _, c := range sep {
		if (k == KindNDJSON || k == KindObject) && c == '\n' {
			return true
		}
		if c == ',' {
			return true
		}
	}
	return false
}

// Count returns how many objects have been written.
func (w *Writer) Count() int { return w.n }

// Close writes what follows the objects and flushes. It does not close the
// underlying io.Writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.close {
		return nil
	}
	w.close = true
	if w.n == 0 {
		w.w.Write(w.f.empty)
	} else {
		w.w.Write(w.f.trail)
		w.w.Write(w.f.tail)
	}
	w.err = w.w.Flush()
	return w.err
}
