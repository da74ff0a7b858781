package redact

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"sync"

	"github.com/airlock-cti/airlock/stix"
)

// Redact reads STIX content from src (a bundle, TAXII envelope, JSON list,
// NDJSON stream or single object), applies the policy, and writes the
// result to dst in the input's shape. Decisions go to rep (which may be
// nil) in output order, as they are made. An input with no JSON value at
// all (empty, or white space) is an NDJSON stream of no objects, as the
// output is when every object of a stream or a single object is dropped.
//
// It reads src once, validating all of it and spooling it to a private
// temporary file, before it writes anything: an input error leaves dst
// untouched. Then it reads the spool again and writes. The spool is
// created 0600 with O_EXCL and unlinked at once, so no unredacted copy
// outlives the call, even if the process dies.
func (rd *Redactor) Redact(ctx context.Context, dst io.Writer, src io.Reader, rep Reporter) (*Summary, error) {
	sp, err := newSpool(rd.tempDir)
	if err != nil {
		return nil, err
	}
	defer sp.Close()
	ru := rd.newRun()
	if err := ru.pass1(ctx, stix.NewReader(io.TeeReader(src, sp), rd.limits)); err != nil {
		return nil, err
	}
	if err := sp.Flush(); err != nil {
		return nil, err
	}
	objectAt := func(i int32) (*stix.Object, error) {
		return readSpan(sp.f, ru.spans[i])
	}
	if err := ru.resolve(objectAt); err != nil {
		return nil, err
	}
	return ru.pass2(ctx, dst, stix.NewReplay(sp.f, ru.spans), rep)
}

// RedactBytes is Redact on a byte slice, returning the output and the
// whole report. src must not change during the call.
func (rd *Redactor) RedactBytes(ctx context.Context, src []byte) ([]byte, *Report, error) {
	rep := &Report{}
	out, sum, err := rd.redactBytes(ctx, src, ReporterFunc(func(d Decision) error {
		rep.Decisions = append(rep.Decisions, d)
		return nil
	}))
	if err != nil {
		return nil, nil, err
	}
	rep.Summary = *sum
	return out, rep, nil
}

// redactBytes is RedactBytes with the report's decisions going to rep
// (which may be nil).
func (rd *Redactor) redactBytes(ctx context.Context, src []byte, rep Reporter) ([]byte, *Summary, error) {
	ru := rd.newRun()
	ru.presize(len(src))
	if err := ru.pass1(ctx, stix.NewBytesReader(src, rd.limits)); err != nil {
		return nil, nil, err
	}
	objectAt := func(i int32) (*stix.Object, error) {
		s := ru.spans[i]
		return stix.ParseObject(src[s.Offset:s.Offset+int64(s.Len)], rd.limits)
	}
	if err := ru.resolve(objectAt); err != nil {
		return nil, nil, err
	}
	var out bytes.Buffer
	out.Grow(len(src) + 4096)
	sum, err := ru.pass2(ctx, &out, stix.NewBytesReplay(src, ru.spans), rep)
	if err != nil {
		return nil, nil, err
	}
	return out.Bytes(), sum, nil
}

func readSpan(f io.ReaderAt, s stix.ObjectSpan) (*stix.Object, error) {
	b := make([]byte, s.Len)
	if _, err := f.ReadAt(b, s.Offset); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return stix.ParseObject(b, nil)
}

// result is one object's outcome in pass 2.
type result struct {
	obj       stix.Object
	out       []byte
	dropped   bool
	decisions []Decision
}

// batch is a run of consecutive objects handed to one worker.
type batch struct {
	seq     int
	lo, hi  int // its objects' indexes, when a worker reads them
	arena   []byte
	results []result
	outBuf  []byte
	err     error
}

const batchObjects = 256
const batchBytes = 1 << 20

// pass2 transforms and writes every surviving object in input order. With
// several workers, batches of objects are transformed concurrently and
// written in order, so the output is the same whatever the number.
func (ru *run) pass2(ctx context.Context, dst io.Writer, rp *stix.Replay, rep Reporter) (*Summary, error) {
	rd := ru.rd
	sum := &Summary{Policy: rd.name, Version: rd.pol.Version, KeyID: rd.keys.keyID, To: rd.dest, ObjectsIn: int(ru.objs.len())}
	frame, err := ru.stripFrame(sum, rep)
	if err != nil {
		return nil, err
	}
	w := stix.NewWriter(dst, frame)
	done, shown := 0, 0
	emit := func(b *batch) error {
		done += len(b.results)
		if done-shown >= progressEvery {
			ru.progress(2, done)
			shown = done
		}
		for k := range b.results {
			r := &b.results[k]
			for _, d := range r.decisions {
				sum.count(&d)
				if rep != nil {
					if err := rep.Report(d); err != nil {
						return err
					}
				}
			}
			if r.dropped {
				sum.Dropped++
				continue
			}
			if r.out != nil {
				sum.Changed++
			}
			if err := w.Write(&r.obj, r.out); err != nil {
				return err
			}
			sum.ObjectsOut++
		}
		return nil
	}
	if err := ru.transformAll(ctx, rp, emit); err != nil {
		return nil, err
	}
	ru.progress(2, done)
	if err := ru.addObjects(w, sum, rep); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return sum, nil
}

// transformAll reads the replay in batches, transforms them on the
// workers and hands them to emit in order.
func (ru *run) transformAll(ctx context.Context, rp *stix.Replay, emit func(*batch) error) error {
	workers := ru.rd.workers
	// next reads a batch: the next objects of rp up to the batch limits,
	// or, with all, every object rp has left.
	next := func(b *batch, rp *stix.Replay, all bool) (bool, error) {
		b.arena = b.arena[:0]
		b.results = b.results[:0]
		for all || len(b.results) < batchObjects && len(b.arena) < batchBytes {
			// An object that is dropped, or copied as it is, is read
			// without listing its members.
			var o *stix.Object
			var err error
			if i := rp.Index(); i < len(ru.spans) && shallow(ru.objs.at(int32(i))) {
				o, err = rp.NextBytes()
			} else {
				o, err = rp.Next()
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return false, err
			}
			if len(b.results) < cap(b.results) {
				b.results = b.results[:len(b.results)+1]
			} else {
				b.results = append(b.results, result{})
			}
			r := &b.results[len(b.results)-1]
			r.dropped, r.out = false, nil
			b.arena = o.CopyTo(&r.obj, b.arena)
		}
		return len(b.results) > 0, nil
	}
	if workers <= 1 {
		t := ru.newTransformer()
		var b batch
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			ok, err := next(&b, rp, false)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			t.batch(&b)
			if b.err != nil {
				return b.err
			}
			if err := emit(&b); err != nil {
				return err
			}
		}
	}

	// The producer cuts the objects into batches by index; each worker
	// reads its batch's objects itself (a range of the replay, so the
	// reading runs in parallel too) and transforms them, and the writer
	// puts the batches back in order. At most 2*workers batches are in
	// flight.
	todo := make(chan *batch)
	done := make(chan *batch, workers)
	free := make(chan *batch, 2*workers)
	for i := 0; i < 2*workers; i++ {
		free <- &batch{}
	}
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := ru.newTransformer()
			for b := range todo {
				if _, err := next(b, rp.Range(b.lo, b.hi), true); err != nil {
					b.err = err
				} else {
					t.batch(b)
				}
				done <- b
			}
		}()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	readErr := make(chan error, 1)
	go func() {
		defer close(todo)
		lo, n := 0, rp.Len()
		for seq := 0; lo < n; seq++ {
			var b *batch
			select {
			case b = <-free:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
			hi, size := lo, 0
			for hi < n && hi-lo < batchObjects && size < batchBytes {
				size += ru.spans[hi].Len
				hi++
			}
			b.seq, b.err, b.lo, b.hi = seq, nil, lo, hi
			lo = hi
			select {
			case todo <- b:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
		}
		readErr <- nil
	}()
	go func() { wg.Wait(); close(done) }()

	var firstErr error
	inSequence(done, func(nb *batch) int { return nb.seq }, func(nb *batch) {
		if firstErr == nil {
			if nb.err != nil {
				firstErr = nb.err
			} else if err := emit(nb); err != nil {
				firstErr = err
			}
			if firstErr != nil {
				cancel()
			}
		}
		free <- nb
	})
	if err := <-readErr; firstErr == nil && err != nil {
		firstErr = err
	}
	return firstErr
}

// onWorkers calls do(state, k) for every k from 0 to n-1, on up to
// workers goroutines, each with its own state from newState; with one
// worker, on the caller's goroutine. Calls for different k must not
// depend on one another.
func onWorkers[S any](workers, n int, newState func() S, do func(S, int)) {
	if workers <= 1 || n <= 1 {
		st := newState()
		for k := range n {
			do(st, k)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := newState()
			for k := range next {
				do(st, k)
			}
		}()
	}
	for k := range n {
		next <- k
	}
	close(next)
	wg.Wait()
}

// batch transforms every object of b.
func (t *transformer) batch(b *batch) {
	t.record = true
	b.outBuf = b.outBuf[:0]
	type span struct{ start, end int }
	spans := make([]span, len(b.results))
	for k := range b.results {
		r := &b.results[k]
		i := int32(r.obj.Index())
		info := t.ru.objs.at(i)
		t.decisions = t.decisions[:0]
		if info.flags&fDropped != 0 {
			r.dropped = true
			t.dropDecision(&r.obj, i)
		} else {
			start := len(b.outBuf)
			out, changed, err := t.transform(&r.obj, i, b.outBuf)
			if err != nil {
				b.err = err
				return
			}
			if changed {
				b.outBuf = out
				spans[k] = span{start, len(out)}
			} else {
				spans[k] = span{-1, -1}
			}
		}
		r.decisions = append(r.decisions[:0], t.decisions...)
	}
	for k := range b.results {
		if !b.results[k].dropped && spans[k].start >= 0 {
			b.results[k].out = b.outBuf[spans[k].start:spans[k].end:spans[k].end]
		}
	}
}

// shallow reports whether pass 2 reads an object without its members:
// it is dropped or unchanged.
func shallow(info *objInfo) bool { return info.flags&fDropped != 0 || unchanged(info) }

// dropDecision records why object i is dropped. The object may have been
// read without its members (shallow).
func (t *transformer) dropDecision(o *stix.Object, i int32) {
	info := t.ru.objs.at(i)
	d := Decision{Object: t.objectName(memberString(o.Raw(), "id"), info.flags), Type: t.ru.types[info.typ], Action: ActionDrop}
	if info.reason >= 0 {
		r := t.ru.reasons[info.reason]
		d.Rule, d.Kind, d.Path = r.rule, r.kind, r.path
	}
	t.decide(d)
}

// addedObject is an object airlock adds to the output.
type addedObject struct {
	id, typ, kind, rule string
	raw                 []byte
}

// added lists the objects airlock adds: the redacting identity when some
// object now names it, and stamped statement definitions in use; none
// already in the input under its id (redacting output again adds
// nothing), unless what had the identity's id there was dropped or
// renamed. The
// identity is added in each form some object names: STIX 2.1 objects
// name its 2.1 form and STIX 2.0 objects its 2.0 form, whose id must be a
// UUIDv4 (STIX 2.0 Part 1 section 2.9), so a bundle that mixes both gets
// both, and no created_by_ref airlock writes dangles.
func (ru *run) added() []addedObject {
	var out []addedObject
	ident := &ru.rd.identity
	for _, f := range [...]struct {
		named bool
		id    string
		raw   []byte
	}{{ru.creator, ident.id, ident.json}, {ru.creator20, ident.id20, ident.json20}} {
		if !f.named {
			continue
		}
		if j, ok := ru.byID.lookup(&ru.objs, ru.key(f.id)); !ok || ru.objs.at(j).flags&(fDropped|fRenamed) != 0 {
			out = append(out, addedObject{f.id, "identity", "redacting-identity", "ids", f.raw})
		}
	}
	for _, s := range ru.rd.stamps {
		if _, there := ru.byID.lookup(&ru.objs, ru.key(s.id)); s.json != nil && !there && ru.stampUsed(s.id) {
			out = append(out, addedObject{s.id, "marking-definition", "statement", "markings.stamp", s.json})
		}
	}
	return out
}

// addObjects writes the objects airlock adds. A single-object input has
// no room for more objects: there the reference to the identity is left
// dangling (STIX allows it).
func (ru *run) addObjects(w *stix.Writer, sum *Summary, rep Reporter) error {
	if ru.frame.Kind() == stix.KindObject || sum.ObjectsOut == 0 {
		return nil
	}
	for _, a := range ru.added() {
		if ru.sent != nil {
			if ru.sent[a.id] {
				continue
			}
			ru.sent[a.id] = true
		}
		d := Decision{Object: a.id, Type: a.typ, Rule: a.rule, Action: ActionAdd, Kind: a.kind}
		sum.count(&d)
		if rep != nil {
			if err := rep.Report(d); err != nil {
				return err
			}
		}
		sum.Added++
		sum.ObjectsOut++
		if err := w.Add(a.raw); err != nil {
			return err
		}
	}
	return nil
}

// stampUsed reports whether some output object was stamped with id.
func (ru *run) stampUsed(id string) bool {
	for i := range ru.objs.len() {
		if ru.objs.at(i).flags&(fStamp|fDropped) == fStamp && !ru.hasMark(i, id) {
			return true
		}
	}
	return false
}

// spool is a private temporary copy of a streamed input, for pass 2.
type spool struct {
	f *os.File
	w *bufio.Writer
}

func newSpool(dir string) (*spool, error) {
	f, err := os.CreateTemp(dir, ".airlock-spool-*")
	if err != nil {
		return nil, err
	}
	// CreateTemp opens with O_EXCL and mode 0600; unlink at once so the
	// unredacted copy disappears with the descriptor, whatever happens.
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		return nil, err
	}
	return &spool{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

func (s *spool) Write(p []byte) (int, error) { return s.w.Write(p) }
func (s *spool) Flush() error                { return s.w.Flush() }
func (s *spool) Close() error                { return s.f.Close() }

// inSequence calls fn with the batches arriving on done in the order of
// their sequence numbers, however the workers finished them.
func inSequence[B any](done <-chan B, seq func(B) int, fn func(B)) {
	pending := map[int]B{}
	want := 0
	for b := range done {
		pending[seq(b)] = b
		for {
			nb, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			fn(nb)
		}
	}
}
