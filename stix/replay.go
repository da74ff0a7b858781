package stix

import (
	"errors"
	"io"
	"strconv"
)

// An ObjectSpan is where an object lies in its input: Offset and Len as
// Object.Offset and len(Object.Raw) give them.
type ObjectSpan struct {
	Offset int64
	Len    int
}

// A Replay reads again objects that a Reader has already read and
// validated, from src, which must hold the same bytes: typically a
// private copy the caller made while the Reader read (a spool file), or
// the byte slice itself. It does not validate again; it checks only that
// each span still frames a JSON object, and never panics on bytes that
// changed. It yields objects with the separators they had, so a Writer on
// the Reader's frame writes them back byte for byte.
//
// This is what lets a redactor make a second pass over a large input at
// the cost of reading it, not of parsing it.
type Replay struct {
	src   io.ReaderAt
	data  []byte // when replaying a byte slice: no copies
	spans []ObjectSpan
	first int // the first object it yields (see Range)
	next  int
	end   int // one past the last
	buf   []byte
	obj   Object
	ms    []member
}

// NewReplay returns a Replay of the objects at spans, in order.
func NewReplay(src io.ReaderAt, spans []ObjectSpan) *Replay {
	return &Replay{src: src, spans: spans, end: len(spans)}
}

// NewBytesReplay returns a Replay of the objects at spans of data. The
// objects share data's memory.
func NewBytesReplay(data []byte, spans []ObjectSpan) *Replay {
	return &Replay{data: data, spans: spans, end: len(spans)}
}

// Range returns a Replay of objects lo to hi-1 of r's spans, each with the
// separator it had. It reads the same source with its own buffers, so
// several ranges may be read at once, each on its own goroutine: workers
// can each read a batch of objects instead of waiting for one reader. It
// panics if lo and hi are not a range of r's spans.
func (r *Replay) Range(lo, hi int) *Replay {
	if lo < 0 || hi < lo || hi > len(r.spans) {
		panic("stix: Replay.Range out of bounds")
	}
	return &Replay{src: r.src, data: r.data, spans: r.spans, first: lo, next: lo, end: hi}
}

// Len returns the number of objects the replay yields in all.
func (r *Replay) Len() int { return r.end - r.first }

// Index returns the index in the input of the object the next call to
// Next or NextBytes returns; at the end, one past the last.
func (r *Replay) Index() int { return r.next }

// Next returns the next object, or io.EOF. The object is valid until the
// next call.
func (r *Replay) Next() (*Object, error) {
	raw, err := r.frame()
	if err != nil {
		return nil, err
	}
	ms, ok := scanMembers(r.ms[:0], raw)
	r.ms = ms
	if !ok {
		return nil, r.changed(r.obj.index, r.obj.offset)
	}
	r.obj.members = ms
	r.obj.indexKnown()
	r.next++
	return &r.obj, nil
}

// NextBytes is Next for an object the caller passes on as it is (to a
// Writer, say): the object has its bytes, separator, index and offset,
// but no members, so Get and the like find nothing in it. Listing the
// members is most of Next's cost. It checks only that the bytes still
// start and end like an object.
func (r *Replay) NextBytes() (*Object, error) {
	raw, err := r.frame()
	if err != nil {
		return nil, err
	}
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return nil, r.changed(r.obj.index, r.obj.offset)
	}
	r.obj.indexed = true // no members: none known
	r.next++
	return &r.obj, nil
}

// frame reads the next object's bytes and its separator into r.obj,
// without members, and returns the bytes.
func (r *Replay) frame() ([]byte, error) {
	if r.next >= r.end {
		return nil, io.EOF
	}
	i := r.next
	s := r.spans[i]
	start := s.Offset
	if i > 0 {
		prev := r.spans[i-1]
		start = prev.Offset + int64(prev.Len)
	}
	n := int(s.Offset-start) + s.Len
	if n < s.Len || s.Len <= 0 {
		return nil, r.changed(i, s.Offset)
	}
	var buf []byte
	if r.data != nil {
		if start < 0 || start+int64(n) > int64(len(r.data)) {
			return nil, r.changed(i, s.Offset)
		}
		buf = r.data[start : start+int64(n)]
	} else {
		if cap(r.buf) < n {
			r.buf = make([]byte, n)
		}
		buf = r.buf[:n]
		if m, err := r.src.ReadAt(buf, start); m < n {
			if err == nil || errors.Is(err, io.EOF) {
				return nil, r.changed(i, s.Offset)
			}
			return nil, err
		}
	}
	sepLen := n - s.Len
	raw := buf[sepLen:]
	r.obj = Object{raw: raw[:len(raw):len(raw)], index: i, offset: s.Offset}
	if i > 0 {
		r.obj.sep = buf[:sepLen]
	}
	return raw, nil
}

func (r *Replay) changed(i int, off int64) error {
	return &InputError{Offset: off, Object: i, Kind: ErrSyntax, Msg: "the input changed between passes (object " + strconv.Itoa(i) + " no longer frames a JSON object)"}
}

// scanMembers lists the top-level members of raw, which should be a JSON
// object that was validated before. It checks every offset it uses, so
// that bytes that changed since give false, not a panic.
func scanMembers(ms []member, raw []byte) ([]member, bool) {
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return ms, false
	}
	i := skipSpace(raw, 1)
	for i < len(raw)-1 {
		if raw[i] != '"' {
			return ms, false
		}
		ne, ok := stringEnd(raw, i)
		if !ok {
			return ms, false
		}
		c := skipSpace(raw, ne)
		if c >= len(raw) || raw[c] != ':' {
			return ms, false
		}
		vs := skipSpace(raw, c+1)
		if vs >= len(raw)-1 {
			return ms, false
		}
		ve, ok := valueEnd(raw, vs)
		if !ok || ve > len(raw)-1 {
			return ms, false
		}
		esc := false
		for _, b := range raw[i+1 : ne-1] {
			if b == '\\' {
				esc = true
				break
			}
		}
		ms = append(ms, member{name: Span{i, ne}, value: Span{vs, ve}, esc: esc})
		i = skipSpace(raw, ve)
		if i < len(raw)-1 {
			if raw[i] != ',' {
				return ms, false
			}
			i = skipSpace(raw, i+1)
		}
	}
	return ms, true
}
