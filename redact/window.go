package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"math"
	"strings"

	"github.com/airlock-cti/airlock/stix"
)

// WindowOptions size the windows of RedactStream.
type WindowOptions struct {
	// Objects is the most objects in one window (default 10,000).
	Objects int
	// Bytes is the most input bytes in one window (default 64 MiB).
	Bytes int
}

// RedactStream redacts an endless stream of STIX objects (NDJSON from
// stdin, a message queue drained into a pipe) in windows: it reads up to a
// window's worth of objects, runs both passes on them, writes them as
// NDJSON, and goes on, carrying a Session's context from window to window
// (the marking definitions seen, the ids dropped and renamed). So memory
// stays bounded however long the stream, and output follows input with a
// delay of one window.
//
// Inside a window the guarantees are a whole run's; across windows they
// are a Session's: a reference to an object in a later window cannot be
// judged (it is written as it is, with the original id, and
// Summary.LateReferenced counts the objects a later window then drops or
// renames), an object already written is not revisited (an SCO made equal to
// one an earlier window wrote is written again), a language content
// translating an object an earlier window changed is dropped whole,
// marking definitions are kept when within the ceiling, and the objects
// airlock adds are written once, at the end of the first window that
// needs them. Input in any shape is accepted; output is always NDJSON, one
// object to a line (objects that spanned lines are compacted).
//
// Windows are written as they are done, each whole: its decisions go to
// rep once both passes have run on it, then its output to dst in one
// Write. So an error (bad input, a writer or reporter that fails, ctx
// cancelled) can come after some windows were written, never in the
// middle of one's output: the Summary returned with it counts the windows
// written whole, so that a caller can say what has left (nil when none
// was). A reporter that fails may have been given some decisions of the
// window that then was not written; a writer that fails may have written
// part of it.
func (rd *Redactor) RedactStream(ctx context.Context, dst io.Writer, src io.Reader, opts *WindowOptions, rep Reporter) (*Summary, error) {
	maxObjs, maxBytes := 10000, 64<<20
	if opts != nil {
		if opts.Objects > 0 {
			maxObjs = opts.Objects
		}
		if opts.Bytes > 0 {
			maxBytes = opts.Bytes
		}
	}
	if rd.limits != nil && rd.limits.MaxObjects > 0 && maxObjs > rd.limits.MaxObjects {
		maxObjs = rd.limits.MaxObjects
	}
	s := rd.NewSession()
	total := &Summary{Policy: rd.name, Version: rd.pol.Version, KeyID: rd.keys.keyID, To: rd.dest}
	// A stream has no end, so no bound on its objects; each window has.
	lim := stix.ReaderOptions{}
	if rd.limits != nil {
		lim = *rd.limits
	}
	lim.MaxObjects = math.MaxInt
	r := stix.NewReader(src, &lim)
	var window bytes.Buffer
	n := 0
	var read int64
	// What a window writes and decides is held here until it is done (see
	// Session.window), reused from window to window.
	var out bytes.Buffer
	var held []Decision
	flush := func() error {
		if n == 0 {
			return nil
		}
		sum, err := s.window(ctx, window.Bytes(), dst, rep, &out, &held)
		if err != nil {
			return err
		}
		total.merge(sum)
		if rd.progress != nil {
			rd.progress(Progress{Pass: 2, Objects: total.ObjectsIn, Bytes: read})
		}
		window.Reset()
		n = 0
		return nil
	}
	// written is what the windows written whole did, for an error.
	written := func() *Summary {
		if total.ObjectsIn == 0 {
			return nil
		}
		return total
	}
	for {
		if err := ctx.Err(); err != nil {
			return written(), err
		}
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return written(), err
		}
		read = o.Offset() + int64(len(o.Raw()))
		if err := appendLine(&window, o); err != nil {
			return written(), err
		}
		n++
		if n >= maxObjs || window.Len() >= maxBytes {
			if err := flush(); err != nil {
				return written(), err
			}
		}
	}
	if err := flush(); err != nil {
		return written(), err
	}
	return total, nil
}

// merge adds a window's counts to a stream's.
func (s *Summary) merge(w *Summary) {
	s.ObjectsIn += w.ObjectsIn
	s.ObjectsOut += w.ObjectsOut
	s.Dropped += w.Dropped
	s.Changed += w.Changed
	s.Added += w.Added
	s.LateMarkings += w.LateMarkings
	s.LateReferenced += w.LateReferenced
	for _, m := range []struct{ dst, src *map[string]int }{{&s.ByRule, &w.ByRule}, {&s.ByAction, &w.ByAction}, {&s.ByKind, &w.ByKind}} {
		if *m.dst == nil {
			*m.dst = map[string]int{}
		}
		for k, v := range *m.src {
			(*m.dst)[k] += v
		}
	}
}

// appendLine appends o to an NDJSON window, on a line of its own
// (compacted, if it spans lines).
func appendLine(w *bytes.Buffer, o *stix.Object) error {
	if raw := o.Raw(); bytes.IndexByte(raw, '\n') < 0 {
		w.Write(raw)
	} else if err := json.Compact(w, raw); err != nil {
		return err // the reader validated it: cannot happen
	}
	w.WriteByte('\n')
	return nil
}

// RedactWindow redacts src, STIX content in any shape (NDJSON, a bundle,
// a list of objects), as one window of the session's stream, as
// RedactStream redacts each of its windows: both passes run on its
// objects together, with a whole input's guarantees among them, and what
// earlier messages and windows of the session dropped, renamed or defined
// applies, as they learn what this window does. It writes the result to
// dst as NDJSON, one object a line, ending with the objects airlock adds
// that the session has not returned yet, and its decisions to rep (which
// may be nil). It is for callers that gather objects into batches
// themselves (a stream processor's batches of messages).
//
// The window is written whole or not at all: when it fails, neither dst
// nor rep has been given anything of it, and the session has not learned
// from it; when rep or dst fails, the session has not learned from it
// either, but rep may have been given some of its decisions (reported
// before the output is written) and dst part of its output.
func (s *Session) RedactWindow(ctx context.Context, dst io.Writer, src []byte, rep Reporter) (*Summary, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var window bytes.Buffer
	r := stix.NewBytesReader(src, s.rd.limits)
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := appendLine(&window, o); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	var held []Decision
	return s.window(ctx, window.Bytes(), dst, rep, &out, &held)
}

// window runs both passes on one window of NDJSON with the session's
// context and writes it whole or not at all: its output and decisions are
// held (in out and held, which the caller may reuse from window to window)
// until both passes are done, then reported, then written, and only then
// does the session remember what later windows need. Reported first: a
// decision reported for an object that did not leave fails closed; an
// object that left unreported would not.
func (s *Session) window(ctx context.Context, data []byte, dst io.Writer, rep Reporter, out *bytes.Buffer, held *[]Decision) (*Summary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ru := s.rd.newRun()
	ru.useSession(&s.mem)
	if err := ru.pass1(ctx, stix.NewBytesReader(data, s.rd.limits)); err != nil {
		return nil, err
	}
	objectAt := func(i int32) (*stix.Object, error) {
		sp := ru.spans[i]
		return stix.ParseObject(data[sp.Offset:sp.Offset+int64(sp.Len)], s.rd.limits)
	}
	if err := ru.resolve(objectAt); err != nil {
		return nil, err
	}
	// The objects airlock adds count as sent once the window is written.
	ru.sent = maps.Clone(s.sent)
	ru.frame = stix.NewFrame(stix.KindNDJSON, "")
	out.Reset()
	*held = (*held)[:0]
	var collect Reporter
	if rep != nil {
		collect = ReporterFunc(func(d Decision) error {
			*held = append(*held, d)
			return nil
		})
	}
	sum, err := ru.pass2(ctx, out, stix.NewBytesReplay(data, ru.spans), collect)
	if err != nil {
		return nil, err
	}
	for _, d := range *held {
		if err := rep.Report(d); err != nil {
			return nil, err
		}
	}
	if _, err := dst.Write(out.Bytes()); err != nil {
		return nil, err
	}
	s.sent = ru.sent
	sum.LateMarkings, sum.LateReferenced = s.remember(ru)
	return sum, nil
}

// remember records what a run decided that later messages need. It
// returns how many marking definitions the run defines that earlier
// messages had to judge unknown, and how many objects it drops or renames
// that earlier messages referred to (see sessionMemory.ahead).
func (s *Session) remember(ru *run) (lateMarks, lateRefs int) {
	for i := range ru.objs.len() {
		if o := ru.objs.at(i); o.flags&fMarkingDef != 0 {
			if id := ru.objIDs[i]; s.mem.get(id)&(memUnknownMark|memLateMark) == memUnknownMark {
				s.mem.set(id, memLateMark)
				lateMarks++
			}
		}
	}
	for k := range ru.mtab {
		if e := &ru.mtab[k]; e.unknown && !e.defined {
			s.mem.set(e.id, memUnknownMark)
		}
	}
	for i := range ru.objs.len() {
		o := ru.objs.at(i)
		id := ru.objIDs[i]
		var v uint8
		newID := ""
		switch {
		case o.flags&fSCO != 0 && ru.scoIDs[i] != "":
			// Renamed for its new values, or merged into an SCO that
			// has them: references follow.
			v, newID = memRenamed, ru.scoIDs[i]
		case o.flags&fDropped != 0 && ru.idGone(i):
			// A version dropped while another leaves (under its id, or
			// renamed as below) does not take the id with it.
			v = memDropped
		case o.flags&fRenamed != 0:
			v = memRenamed
		}
		if o.flags&fDropped == 0 && ru.lostContent(i) {
			v |= memChanged
		}
		if v&(memDropped|memRenamed) != 0 && s.mem.takeAhead(id) {
			lateRefs++
		}
		if v != 0 {
			s.mem.remember(id, v, newID)
			if hasUpper([]byte(id)) {
				// Mentions are matched in any case (see mentionKey), and
				// looked up by their lower-case form: remember it too,
				// with the new id the original gets, derived from it.
				if v&memRenamed != 0 && newID == "" && ru.rd.derive {
					newID = ru.rd.keys.derivedID(ru.rd.name, id, o.flags&fV20 != 0)
				}
				s.mem.remember(strings.ToLower(id), v, newID)
			}
		}
		if o.flags&fMarkingDef != 0 {
			s.mem.define(id, ru.selfMark(i))
		}
		if o.flags&fMarkingDef != 0 && (o.flags&fDropped == 0 || ru.selfMark(i).personal) && s.mem.defined(id) {
			// A statement dropped for the personal data it holds is
			// remembered, to be removed again from the objects of later
			// messages that carry it (an unknown marking would drop them).
			s.mem.marks.set(id, ru.selfMark(i).m)
		}
	}
	s.noteAhead(ru)
	return lateMarks, lateRefs
}

// noteAhead records the references forward of a run's objects that are
// written: the ids they refer to or write in text that neither the run
// nor the memory knows, whose fate a later run may still decide.
func (s *Session) noteAhead(ru *run) {
	for i := range ru.objs.len() {
		if ru.objs.at(i).flags&fDropped != 0 {
			continue
		}
		for _, r := range ru.refsOf(i) {
			if r.to >= 0 || r.is(refGone) {
				continue
			}
			if _, known := s.mem.ids.get(r.target); !known {
				s.mem.ahead.set(r.target, struct{}{})
			}
		}
	}
}

// lostContent reports whether object i, kept, is written having lost
// some of its content: granular-marked content, an object rule's
// properties, personal data (replaced or removed), its own translations,
// or pruned references. What a later translation of it would have to
// lose too cannot be told from the memory: see run.earlierTranslated.
func (ru *run) lostContent(i int32) bool {
	f := ru.objs.at(i).flags
	if f&(fGranRemove|fRuleRemove|fPII|fTranslated) != 0 || len(ru.repairs[i]) > 0 {
		return true
	}
	if f&fRefEdit != 0 {
		for _, r := range ru.refsOf(i) {
			if r.is(refGone) && !r.is(refMention) {
				return true
			}
		}
	}
	return false
}
