package stix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// Default limits of a Reader.
const (
	DefaultMaxObjectSize = 32 << 20
	DefaultMaxDepth      = 64
	DefaultMaxObjects    = 10_000_000
)

// ReaderOptions bound what a Reader accepts. A nil *ReaderOptions, and any
// zero field, means the default.
type ReaderOptions struct {
	// MaxObjectSize is the largest STIX object, in bytes, the reader holds
	// in memory (default 32 MiB). It also bounds a bundle's or envelope's
	// own members.
	MaxObjectSize int
	// MaxDepth is the deepest nesting of objects and lists allowed inside
	// one STIX object (default 64).
	MaxDepth int
	// MaxObjects is the most objects one bundle, envelope, list or stream
	// may hold (default 10 million).
	MaxObjects int
	// Identifiers, when set, makes an object whose type is not a STIX type
	// name, or whose id is not an identifier of its own type (the type,
	// "--" and a UUID; STIX 2.1 sections 3.1 and 2.9), an error. Without
	// it such objects are read, and Validate reports them. A redactor sets
	// it: it chooses objects by type and finds them by id, and withholds
	// a dropped object's id from free text where it has an identifier's
	// shape.
	Identifiers bool
}

func (o *ReaderOptions) withDefaults() ReaderOptions {
	var r ReaderOptions
	if o != nil {
		r = *o
	}
	if r.MaxObjectSize <= 0 {
		r.MaxObjectSize = DefaultMaxObjectSize
	}
	if r.MaxDepth <= 0 {
		r.MaxDepth = DefaultMaxDepth
	}
	if r.MaxObjects <= 0 {
		r.MaxObjects = DefaultMaxObjects
	}
	return r
}

type readerState uint8

const (
	stStart readerState = iota
	stList              // in the objects list of a bundle, envelope or array
	stLines             // after a single object or an NDJSON line
	stDone
)

// A Reader reads STIX objects one at a time from a bundle, a TAXII 2.1
// envelope, a JSON list of objects, an NDJSON stream or a single object,
// STIX 2.0 or 2.1; it detects which. It validates everything it reads
// (JSON syntax, UTF-8, duplicate member names at any depth, nesting and
// size limits) and holds in memory no more than the largest object, not
// the input. Errors are *InputError values.
//
// A Reader is not safe for concurrent use.
type Reader struct {
	input
	sc scanner
}

// input is a Reader's state for the input it reads: all of it starts
// afresh with a new input (resetBytes), while the scanner keeps its
// memory.
type input struct {
	src   io.Reader // nil when reading a byte slice
	buf   []byte
	pos   int   // next byte to read in buf
	base  int64 // input offset of buf[0]
	eof   bool  // buf holds the rest of the input
	opts  ReaderOptions
	state readerState
	err   error
	frame Frame
	count int // objects returned
	obj   Object

	prevEnd int // end of the previous object (or of the list's '[') in buf

	// Bookkeeping for bundles and envelopes.
	wrapNames [][]byte // member names of the top-level object, decoded
	wrapStd   []uint8  // for each, the wrappers that define it (standardIn)
	wrapType  []byte   // raw value of its type member
	openAt    int      // offset of its '{' in head
	cutStart  int      // where, in head, the objects member starts (for frame.empty)
	objFirst  bool     // objects is its first member
}

// NewReader returns a Reader that reads from r.
func NewReader(r io.Reader, opts *ReaderOptions) *Reader {
	o := opts.withDefaults()
	rd := &Reader{input: input{src: r, opts: o, buf: make([]byte, 0, 64<<10)}, sc: scanner{maxDepth: o.MaxDepth}}
	rd.sc.useRoom()
	return rd
}

// NewBytesReader returns a Reader over b. Objects it returns share b's
// memory instead of copying it, and stay valid as long as b does.
func NewBytesReader(b []byte, opts *ReaderOptions) *Reader {
	o := opts.withDefaults()
	rd := &Reader{input: input{buf: b, eof: true, opts: o}, sc: scanner{maxDepth: o.MaxDepth}}
	rd.sc.useRoom()
	return rd
}

// resetBytes makes r a reader over b, as NewBytesReader does, keeping the
// memory its scanner has grown.
func (r *Reader) resetBytes(b []byte, opts *ReaderOptions) {
	o := opts.withDefaults()
	r.input = input{buf: b, eof: true, opts: o, wrapNames: r.wrapNames[:0], wrapStd: r.wrapStd[:0]}
	sc := &r.sc
	sc.maxDepth, sc.stopAtObjects, sc.stopped = o.MaxDepth, false, false
	if sc.stack == nil {
		sc.useRoom()
		return
	}
	sc.stack, sc.keys, sc.arena, sc.members = sc.stack[:0], sc.keys[:0], sc.arena[:0], sc.members[:0]
}

// Frame returns the input's frame. It is complete once Next has returned
// io.EOF; before that, only its Kind may be known.
func (r *Reader) Frame() *Frame { return &r.frame }

// InputOffset returns how many bytes of input the reader has consumed.
func (r *Reader) InputOffset() int64 { return r.base + int64(r.pos) }

// Next returns the next object, or io.EOF after the last one. The object
// and its bytes are valid until the next call to Next (for a reader made
// by NewBytesReader, for as long as the input); use Object.Clone to keep
// one. After an error, Next returns the same error again.
func (r *Reader) Next() (*Object, error) {
	if r.err != nil {
		return nil, r.err
	}
	o, err := r.next()
	if err != nil {
		r.err = err
		if !errors.Is(err, io.EOF) {
			r.state = stDone
		}
		return nil, err
	}
	return o, nil
}

func (r *Reader) next() (*Object, error) {
	switch r.state {
	case stStart:
		return r.start()
	case stList:
		return r.nextItem()
	case stLines:
		return r.nextLine()
	}
	return nil, io.EOF
}

// fill reads more input, keeping buf[keep:] (moved to the front), until
// at least min bytes from keep are buffered or the input ends.
func (r *Reader) fill(keep, min int) error {
	if r.eof {
		return nil
	}
	if keep > 0 {
		n := copy(r.buf, r.buf[keep:])
		r.buf = r.buf[:n]
		r.pos -= keep
		r.prevEnd -= keep
		r.base += int64(keep)
	}
	limit := r.opts.MaxObjectSize + 64<<10
	for {
		if len(r.buf) == cap(r.buf) {
			if cap(r.buf) >= limit {
				return nil // scanRetry reports the size limit
			}
			nb := make([]byte, len(r.buf), min2(2*cap(r.buf)+4096, limit))
			copy(nb, r.buf)
			r.buf = nb
		}
		n, err := r.src.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+n]
		if err == io.EOF {
			r.eof = true
			return nil
		}
		if err != nil {
			// Not the input's fault, but where the reading stopped helps
			// to find why (a dropped connection, a truncated pipe).
			return fmt.Errorf("reading input after byte %d: %w", r.base+int64(len(r.buf)), err)
		}
		if n > 0 && len(r.buf) >= min {
			return nil
		}
	}
}

func min2(a, b int) int {
	if a < b {
		return a
	}
	return b
}

// scanRetry runs f on the buffer from at; when f runs out of buffered
// input (errNeedMore), it reads more, keeping buf[keep:], and runs f
// again from the start. keep and at are updated when the buffer moves.
// Errors are positioned in object (-1 for none), at the JSON pointer of
// that object in its list when inList (see itemPtr), or at the root.
// The first retries read just what is available, so a stream that
// delivers one line at a time is served at once; later ones double the
// buffered amount, so a large value is scanned a bounded number of times.
func (r *Reader) scanRetry(keep, at *int, object int, inList bool, f func(buf []byte, at int, eof bool) (int, error)) (int, error) {
	for try := 0; ; try++ {
		end, err := f(r.buf, *at, r.eof)
		if err != errNeedMore {
			if err != nil {
				return 0, r.scanErr(object, r.itemPtr(object, inList), err)
			}
			if end-*at > r.opts.MaxObjectSize {
				return 0, r.errAt(*at, object, r.itemPtr(object, inList), ErrLimit, "object larger than "+strconv.Itoa(r.opts.MaxObjectSize)+" bytes (ReaderOptions.MaxObjectSize)")
			}
			return end, nil
		}
		if len(r.buf)-*at > r.opts.MaxObjectSize {
			return 0, r.errAt(*at, object, r.itemPtr(object, inList), ErrLimit, "object larger than "+strconv.Itoa(r.opts.MaxObjectSize)+" bytes (ReaderOptions.MaxObjectSize)")
		}
		want := len(r.buf) - *keep + 1
		if try >= 2 {
			want = 2*(len(r.buf)-*keep) + 4096
		}
		shift := *keep
		if err := r.fill(*keep, want); err != nil {
			return 0, err
		}
		*at -= shift
		*keep = 0
	}
}

// itemPtr is the JSON pointer of object in the objects list when inList,
// and of the root otherwise. It is built only for errors, so that reading
// allocates nothing for it.
func (r *Reader) itemPtr(object int, inList bool) string {
	if !inList {
		return ""
	}
	return r.listPtr() + "/" + strconv.Itoa(object)
}

func (r *Reader) scanErr(object int, ptr string, err error) error {
	var se *scanError
	if errors.As(err, &se) {
		return &InputError{Offset: r.base + int64(se.off), Object: object, Pointer: ptr + se.ptr, Kind: se.kind, Msg: se.msg}
	}
	return err
}

func (r *Reader) errAt(at, object int, ptr string, kind error, msg string) error {
	return &InputError{Offset: r.base + int64(at), Object: object, Pointer: ptr, Kind: kind, Msg: msg}
}

// nextNonSpace returns the offset of the next non-whitespace byte from
// r.pos, reading more as needed (len(buf) at the end of input).
func (r *Reader) nextNonSpace(keep *int) (int, error) {
	at := r.pos
	return r.scanRetry(keep, &at, -1, false, func(buf []byte, at int, eof bool) (int, error) {
		i := skipSpace(buf, at)
		if i == len(buf) && !eof {
			return 0, errNeedMore
		}
		return i, nil
	})
}

// start detects the input's shape and returns its first object.
func (r *Reader) start() (*Object, error) {
	keep := 0
	at, err := r.nextNonSpace(&keep)
	if err != nil {
		return nil, err
	}
	// Four bytes tell a byte order mark, and UTF-16 or UTF-32 text.
	for at < len(r.buf) && len(r.buf)-at < 4 && !r.eof {
		if err := r.fill(0, at+4); err != nil {
			return nil, err
		}
	}
	if bytes.HasPrefix(r.buf[at:], []byte{0xEF, 0xBB, 0xBF}) {
		return nil, r.errAt(at, -1, "", ErrEncoding, "byte order mark at the start of the input (RFC 8259 section 8.1: JSON text must not begin with one)")
	}
	if at >= len(r.buf) {
		return nil, r.errAt(at, -1, "", ErrEmpty, "no JSON value in the input")
	}
	if enc := wideEncoding(r.buf[at:]); enc != "" {
		return nil, r.errAt(at, -1, "", ErrEncoding, "the input looks "+enc+" (RFC 8259 section 8.1: JSON exchanged between systems must be UTF-8)")
	}
	switch c := r.buf[at]; c {
	case '[':
		r.frame.kind = KindArray
		r.frame.head = clone(r.buf[:at+1])
		r.pos, r.prevEnd = at+1, at+1
		r.state = stList
		return r.nextItem()
	case '{':
		return r.startObject(at)
	default:
		if _, err := r.scanRetry(&keep, &at, -1, false, r.sc.scanValue); err != nil {
			return nil, err
		}
		return nil, r.errAt(at, -1, "", ErrNotSTIX, "the input is a JSON "+jsonKind(c)+", not a STIX object, bundle, envelope or list of objects")
	}
}

// startObject reads a top-level JSON object: a bundle or envelope whose
// objects list is then streamed, or a single object (perhaps the first
// line of an NDJSON stream).
func (r *Reader) startObject(at int) (*Object, error) {
	keep := 0
	r.sc.stopAtObjects = true
	end, err := r.scanRetry(&keep, &at, -1, false, r.sc.scanValue)
	r.sc.stopAtObjects = false
	if err != nil {
		return nil, err
	}
	v := r.buf[at:end]
	ms := r.sc.members
	if r.sc.stopped {
		// A bundle or envelope: end is just after the '[' of its objects.
		for k, m := range ms {
			var value []byte // the objects list itself is not kept
			if k < len(ms)-1 {
				value = v[m.value.Start:m.value.End]
			}
			r.noteWrapperMember(appendUnescaped(nil, v[m.name.Start+1:m.name.End-1]), value)
		}
		last := ms[len(ms)-1]
		if len(ms) == 1 {
			r.objFirst = true
			r.cutStart = at + last.name.Start
		} else {
			r.cutStart = at + ms[len(ms)-2].value.End
		}
		r.openAt = at
		r.frame.kind = r.wrapperKind()
		r.frame.head = clone(r.buf[:end])
		r.pos, r.prevEnd = end, end
		r.state = stList
		return r.nextItem()
	}
	typ, hasType := memberRaw(v, ms, "type")
	if (hasType && isBundleType(typ)) || (!hasType && isEnvelope(v, ms)) {
		return nil, r.emptyWrapper(at, end, hasType)
	}
	// A single object, or the first line of an NDJSON stream.
	r.frame.kind = KindObject
	r.frame.lead = clone(r.buf[:at])
	r.frame.sep = []byte("\n")
	return r.yield(at, end, nil, false)
}

// emptyWrapper finishes a bundle or envelope that has no objects list.
func (r *Reader) emptyWrapper(at, end int, bundle bool) error {
	v := r.buf[at:end]
	ms := r.sc.members
	if ov, ok := memberRaw(v, ms, "objects"); ok {
		for _, m := range ms {
			if string(v[m.value.Start:m.value.End]) == string(ov) {
				return r.errAt(at+m.value.Start, -1, "/objects", ErrNotSTIX, "objects is a JSON "+jsonKind(ov[0])+", not a list")
			}
		}
	}
	r.frame.kind = KindEnvelope
	if bundle {
		r.frame.kind = KindBundle
	}
	if sv, ok := memberRaw(v, ms, "spec_version"); ok {
		r.frame.specVersion = string(appendUnescaped(nil, trimQuotes(sv)))
	}
	if id, ok := memberRaw(v, ms, "id"); ok && bundle {
		r.frame.id = string(appendUnescaped(nil, trimQuotes(id)))
	}
	bit := wrapperBit(r.frame.kind)
	for _, m := range ms {
		name := appendUnescaped(nil, v[m.name.Start+1:m.name.End-1])
		if standardIn(name, v[m.value.Start:m.value.End])&bit == 0 {
			r.frame.others = append(r.frame.others, string(name))
		}
	}
	closeAt := end - 1
	sep := `,"objects":[`
	if len(ms) == 0 {
		sep = `"objects":[`
	}
	r.frame.head = append(clone(r.buf[:closeAt]), sep...)
	r.frame.sep = []byte(",")
	r.pos = end
	keep := 0
	docEnd, err := r.finishDocument(&keep)
	if err != nil {
		return err
	}
	r.frame.tail = append([]byte("]"), r.buf[closeAt:docEnd]...)
	r.frame.empty = clone(r.buf[:docEnd])
	r.state = stDone
	return io.EOF
}

// finishDocument checks that only whitespace follows r.pos and returns the
// offset of the end of input. keep is the first byte the caller needs.
func (r *Reader) finishDocument(keep *int) (int, error) {
	at := r.pos
	return r.scanRetry(keep, &at, -1, false, func(buf []byte, at int, eof bool) (int, error) {
		i := skipSpace(buf, at)
		if i < len(buf) {
			return 0, &scanError{off: i, kind: ErrSyntax, msg: r.dataAfterEnd(buf[i])}
		}
		if !eof {
			return 0, errNeedMore
		}
		return i, nil
	})
}

// dataAfterEnd says what is wrong with data, starting with c, after the
// end of a bundle, envelope or list: another object there is most likely
// an NDJSON stream of bundles, which is read as neither.
func (r *Reader) dataAfterEnd(c byte) string {
	msg := "data after the end of the JSON document"
	if c == '{' {
		msg += " (another object after the " + r.frame.kind.String() + ": an NDJSON stream holds one STIX object per line, never bundles; split nested bundles into their objects first)"
	}
	return msg
}

// noteWrapperMember remembers the wrapper members the frame needs.
func (r *Reader) noteWrapperMember(name, value []byte) {
	r.wrapNames = append(r.wrapNames, name)
	r.wrapStd = append(r.wrapStd, standardIn(name, value))
	switch string(name) {
	case "type":
		r.wrapType = clone(value)
	case "id":
		r.frame.id = string(appendUnescaped(nil, trimQuotes(value)))
	case "spec_version":
		r.frame.specVersion = string(appendUnescaped(nil, trimQuotes(value)))
	}
}

// wrapperKind classifies a top-level object with an objects list by the
// members seen so far.
func (r *Reader) wrapperKind() Kind {
	if r.wrapType != nil {
		return KindBundle
	}
	return KindEnvelope
}

func isEnvelope(v []byte, ms []member) bool {
	for _, m := range ms {
		switch string(appendUnescaped(nil, v[m.name.Start+1:m.name.End-1])) {
		case "objects", "more", "next":
		default:
			return false
		}
	}
	return true
}

// listPtr is the JSON pointer of the objects list.
func (r *Reader) listPtr() string {
	if r.frame.kind == KindArray {
		return ""
	}
	return "/objects"
}

// nextItem returns the next object of an objects list, or finishes the
// list and the document.
func (r *Reader) nextItem() (*Object, error) {
	keep := r.prevEnd
	i, err := r.nextNonSpace(&keep)
	if err != nil {
		return nil, err
	}
	lp := r.listPtr()
	if i >= len(r.buf) {
		return nil, r.errAt(i, -1, lp, ErrSyntax, "unexpected end of input in the objects list")
	}
	if r.count > 0 {
		switch r.buf[i] {
		case ']':
			return nil, r.endList(i)
		case ',':
			r.pos = i + 1
			if i, err = r.nextNonSpace(&keep); err != nil {
				return nil, err
			}
			if i >= len(r.buf) {
				return nil, r.errAt(i, -1, lp, ErrSyntax, "unexpected end of input in the objects list")
			}
		default:
			return nil, r.errAt(i, -1, lp, ErrSyntax, "invalid character "+quoteChar(r.buf[i])+" after object "+strconv.Itoa(r.count-1)+", expected ',' or ']'")
		}
	} else if r.buf[i] == ']' {
		return nil, r.endList(i)
	}
	if c := r.buf[i]; c != '{' {
		if _, err := r.scanRetry(&keep, &i, r.count, true, r.sc.scanValue); err != nil {
			return nil, err
		}
		return nil, r.errAt(i, r.count, r.itemPtr(r.count, true), ErrNotSTIX, "list item is a JSON "+jsonKind(c)+", not a STIX object")
	}
	if r.count >= r.opts.MaxObjects {
		return nil, r.errAt(i, r.count, r.itemPtr(r.count, true), ErrLimit, "more than "+strconv.Itoa(r.opts.MaxObjects)+" objects (ReaderOptions.MaxObjects)")
	}
	end, err := r.scanRetry(&keep, &i, r.count, true, r.sc.scanValue)
	if err != nil {
		return nil, err
	}
	return r.yield(i, end, r.buf[r.prevEnd:i], true)
}

// yield checks and returns the object at buf[at:end]; sep is what lies
// between it and the previous object (or the list's '['); inList says it
// is an item of an objects list.
func (r *Reader) yield(at, end int, sep []byte, inList bool) (*Object, error) {
	o := &r.obj
	// The members are the scanner's: both are overwritten by the next
	// call to Next, which ends the object's life.
	*o = Object{raw: r.buf[at:end:end], index: r.count, offset: r.base + int64(at), members: r.sc.members}
	err := o.check()
	if err == nil && r.opts.Identifiers {
		if ce := o.checkIdentity(); ce != nil {
			err = ce
		}
	}
	if o.known[knownType] > 0 {
		if err := r.notBundle(o, at, inList); err != nil {
			return nil, err // what it is says more than what it lacks
		}
	}
	if err != nil {
		var ce *checkError
		if errors.As(err, &ce) {
			return nil, r.errAt(at+ce.off, r.count, r.itemPtr(r.count, inList)+ce.ptr, ErrNotSTIX, ce.msg)
		}
		return nil, err
	}
	switch r.count {
	case 0:
		if r.frame.kind != KindObject {
			r.frame.lead = clone(sep)
		}
	case 1:
		r.frame.sep = clone(sep)
	}
	if r.count > 0 {
		o.sep = sep
	}
	r.count++
	r.pos, r.prevEnd = end, end
	if r.state == stStart {
		r.state = stLines
	}
	return o, nil
}

// notBundle fails when o, read at buf[at:] in object position, is a
// bundle. A bundle is not a STIX object (STIX 2.1 section 8: a bundle
// holds STIX objects, never bundles), and nothing judges what a nested
// one holds: passed on as one object, its objects would leave unjudged.
// o has been checked, and has a type member.
func (r *Reader) notBundle(o *Object, at int, inList bool) error {
	t := o.members[o.known[knownType]-1].value
	if !isBundleType(o.raw[t.Start:t.End]) {
		return nil
	}
	where := "an NDJSON stream"
	switch {
	case !inList && r.count == 0:
		where = "the input" // not reached: a top-level bundle is framed as one
	case r.frame.kind == KindBundle:
		where = "a bundle"
	case r.frame.kind == KindEnvelope:
		where = "a TAXII envelope"
	case r.frame.kind == KindArray:
		where = "a list of objects"
	}
	return r.errAt(at+t.Start, r.count, r.itemPtr(r.count, inList)+"/type", ErrNotSTIX,
		"a bundle inside "+where+" (STIX 2.1 section 8: a bundle holds STIX objects, never bundles): STIX objects only; split nested bundles into their objects first")
}

// isBundleType reports whether v, the raw value of a type member, is the
// string "bundle", however escaped.
func isBundleType(v []byte) bool {
	switch {
	case string(v) == `"bundle"`:
		return true
	case len(v) < 8 || v[0] != '"': // no shorter string spells it
		return false
	}
	return bytes.IndexByte(v, '\\') >= 0 && string(appendUnescaped(nil, v[1:len(v)-1])) == "bundle"
}

// nextLine returns the next object after a single object: there is none
// (the end of input), or the input is NDJSON and there is another line.
func (r *Reader) nextLine() (*Object, error) {
	keep := r.prevEnd
	i, err := r.nextNonSpace(&keep)
	if err != nil {
		return nil, err
	}
	if i >= len(r.buf) {
		r.frame.trail = clone(r.buf[r.prevEnd:i])
		r.state = stDone
		return nil, io.EOF
	}
	gap := r.buf[r.prevEnd:i]
	if bytes.IndexByte(gap, '\n') < 0 {
		return nil, r.errAt(i, -1, "", ErrSyntax, "data after the end of the JSON document (NDJSON needs one object per line)")
	}
	if c := r.buf[i]; c != '{' {
		// A JSON value that is not an object is named; anything else is
		// the syntax error the scan reports.
		at := i
		if _, err := r.scanRetry(&keep, &at, r.count, false, r.sc.scanValue); err != nil {
			return nil, err
		}
		return nil, r.errAt(at, r.count, "", ErrNotSTIX, "the line is a JSON "+jsonKind(c)+", not a STIX object (NDJSON needs one object per line)")
	}
	r.frame.kind = KindNDJSON
	if r.count >= r.opts.MaxObjects {
		return nil, r.errAt(i, r.count, "", ErrLimit, "more than "+strconv.Itoa(r.opts.MaxObjects)+" objects (ReaderOptions.MaxObjects)")
	}
	end, err := r.scanRetry(&keep, &i, r.count, false, r.sc.scanValue)
	if err != nil {
		return nil, err
	}
	return r.yield(i, end, r.buf[r.prevEnd:i], false)
}

// endList finishes an objects list whose ']' is at buf[at], then the
// document.
func (r *Reader) endList(at int) error {
	r.frame.trail = clone(r.buf[r.prevEnd:at])
	if r.frame.sep == nil {
		r.frame.sep = defaultSep(r.frame.kind, r.frame.lead)
	}
	r.state = stDone
	keep := at
	if r.frame.kind == KindArray {
		r.pos = at + 1
		end, err := r.finishDocument(&keep)
		if err != nil {
			return err
		}
		r.frame.tail = clone(r.buf[keep:end])
		r.frame.empty = append(append(clone(r.frame.head), r.frame.trail...), r.frame.tail...)
		return io.EOF
	}
	var rest wrapperRest
	end, err := r.scanRetry(&keep, &at, -1, false, func(buf []byte, at int, eof bool) (int, error) {
		return r.scanWrapperRest(buf, at, eof, &rest)
	})
	if err != nil {
		return err
	}
	for _, n := range rest.names {
		r.noteWrapperMember(n.name, n.value)
	}
	r.frame.tail = clone(r.buf[at:end])
	r.frame.kind = r.wrapperKind()
	if r.frame.kind == KindEnvelope {
		for _, n := range r.wrapNames {
			switch string(n) {
			case "objects", "more", "next":
			default:
				return r.errAt(end, -1, "", ErrNotSTIX, "the top-level object has an objects list but is neither a bundle (it has no type) nor a TAXII envelope (it has members other than objects, more and next)")
			}
		}
	} else if !isBundleType(r.wrapType) {
		return r.errAt(end, -1, "/type", ErrNotSTIX, "the top-level object has an objects list but its type is not \"bundle\"")
	}
	bit := wrapperBit(r.frame.kind)
	for k, n := range r.wrapNames {
		if r.wrapStd[k]&bit == 0 {
			r.frame.others = append(r.frame.others, string(n))
		}
	}
	cutStart, cutEnd := r.cutStart, rest.cutEnd
	if r.objFirst && cutEnd == 1 {
		cutStart = r.openAt + 1 // objects was the only member
	}
	r.frame.empty = append(clone(r.frame.head[:cutStart]), r.frame.tail[cutEnd:]...)
	return io.EOF
}

// wrapperRest is what scanWrapperRest learns about the members of a
// bundle or envelope that follow its objects list.
type wrapperRest struct {
	names  []wrapperMember
	cutEnd int // where, in the tail, the cut-out objects member ends
}

type wrapperMember struct{ name, value []byte }

// scanWrapperRest validates what follows the objects list (whose ']' is at
// buf[at]) to the end of the input: more members, '}', whitespace.
func (r *Reader) scanWrapperRest(buf []byte, at int, eof bool, rest *wrapperRest) (int, error) {
	*rest = wrapperRest{cutEnd: 1}
	i := skipSpace(buf, at+1)
	fail := func(i int, msg string) (int, error) {
		if i >= len(buf) && !eof {
			return 0, errNeedMore
		}
		return 0, &scanError{off: i, kind: ErrSyntax, msg: msg}
	}
	if i >= len(buf) {
		return fail(i, "unexpected end of input after the objects list")
	}
	if buf[i] == ',' {
		for {
			i = skipSpace(buf, i+1)
			if i >= len(buf) {
				return fail(i, "unexpected end of input, expected a member name")
			}
			if buf[i] != '"' {
				return fail(i, "invalid character "+quoteChar(buf[i])+", expected a member name in quotes")
			}
			if r.objFirst && rest.cutEnd == 1 && len(rest.names) == 0 {
				rest.cutEnd = i - at
			}
			end, _, err := r.sc.scanString(buf, i, eof)
			if err != nil {
				return 0, err
			}
			name := appendUnescaped(nil, buf[i+1:end-1])
			for _, n := range r.wrapNames {
				if bytes.Equal(n, name) {
					return 0, &scanError{off: i, kind: ErrDuplicateName, msg: "duplicate member name in the top-level object", ptr: errorPointer(Path{Key(string(name))})}
				}
			}
			for _, n := range rest.names {
				if bytes.Equal(n.name, name) {
					return 0, &scanError{off: i, kind: ErrDuplicateName, msg: "duplicate member name in the top-level object", ptr: errorPointer(Path{Key(string(name))})}
				}
			}
			i = skipSpace(buf, end)
			if i >= len(buf) || buf[i] != ':' {
				return fail(i, "expected ':' after member name")
			}
			i = skipSpace(buf, i+1)
			vs := i
			if i >= len(buf) {
				return fail(i, "unexpected end of input, expected a value")
			}
			ve, err := r.sc.scanValue(buf, i, eof)
			if err != nil {
				var se *scanError
				if errors.As(err, &se) {
					// The value scanned lies below the top level.
					se.ptr = errorPointer(Path{Key(string(name))}) + errorPointerBelow(se.path)
				}
				return 0, err
			}
			rest.names = append(rest.names, wrapperMember{name, buf[vs:ve]})
			i = skipSpace(buf, ve)
			if i >= len(buf) {
				return fail(i, "unexpected end of input in the top-level object")
			}
			if buf[i] == '}' {
				break
			}
			if buf[i] != ',' {
				return fail(i, "invalid character "+quoteChar(buf[i])+" after member, expected ',' or '}'")
			}
		}
	} else if buf[i] != '}' {
		return fail(i, "invalid character "+quoteChar(buf[i])+" after the objects list, expected ',' or '}'")
	}
	i = skipSpace(buf, i+1)
	if i < len(buf) {
		return 0, &scanError{off: i, kind: ErrSyntax, msg: r.dataAfterEnd(buf[i])}
	}
	if !eof {
		return 0, errNeedMore
	}
	return i, nil
}

func memberRaw(v []byte, ms []member, name string) ([]byte, bool) {
	for _, m := range ms {
		n := v[m.name.Start+1 : m.name.End-1]
		if m.esc {
			n = appendUnescaped(nil, n)
		}
		if string(n) == name {
			return v[m.value.Start:m.value.End], true
		}
	}
	return nil, false
}

func trimQuotes(v []byte) []byte {
	if len(v) >= 2 && v[0] == '"' {
		return v[1 : len(v)-1]
	}
	return nil
}

func jsonKind(c byte) string {
	switch {
	case c == '{':
		return "object"
	case c == '[':
		return "list"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "boolean"
	case c == 'n':
		return "null"
	}
	return "number"
}

// wideEncoding names the encoding of b, the start of an input, when it is
// UTF-16 or UTF-32, by their byte order marks or the zero bytes around
// an ASCII first character; "" otherwise. Such input would fail on its
// first byte with an error that does not say why.
func wideEncoding(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}), len(b) >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] != 0:
		return "UTF-32"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}), len(b) >= 4 && b[0] != 0 && b[1] == 0 && b[2] == 0 && b[3] == 0:
		return "UTF-32"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}), len(b) >= 2 && b[0] == 0 && b[1] != 0:
		return "UTF-16"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), len(b) >= 2 && b[0] != 0 && b[1] == 0:
		return "UTF-16"
	}
	return ""
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }
