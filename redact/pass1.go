package redact

import (
	"context"
	"errors"
	"io"
	"sync"

	"github.com/airlock-cti/airlock/stix"
)

// pass1 reads and validates everything, indexing each object. With
// several workers, reading runs beside indexing, and personal-data
// detection (the costly part) on the workers, while the index is built in
// input order.
func (ru *run) pass1(ctx context.Context, r *stix.Reader) error {
	var err error
	if ru.rd.workers > 1 && !ru.single {
		err = ru.pass1Parallel(ctx, r)
	} else {
		err = ru.pass1Serial(ctx, r)
	}
	if errors.Is(err, stix.ErrEmpty) {
		// No JSON value at all (nothing, or white space only) is an
		// NDJSON stream of no objects: the output airlock itself writes
		// when every object of a stream or a single object is dropped,
		// so that it reads back. The Summary says no object came in.
		ru.frame = stix.NewFrame(stix.KindNDJSON, "")
		return nil
	}
	if err != nil {
		return err
	}
	ru.frame = r.Frame()
	if ru.frame.SpecVersion() == "2.0" && !ru.v20 {
		// The bundle's spec_version came after its objects.
		ru.v20 = true
		for i := range ru.objs.len() {
			if o := ru.objs.at(i); o.flags&fOwnVersion == 0 {
				o.flags |= fV20
			}
		}
	}
	return nil
}

func (ru *run) pass1Serial(ctx context.Context, r *stix.Reader) error {
	for n := 0; ; n++ {
		if n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if n%progressEvery == 0 {
				ru.progress(1, n)
			}
		}
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			ru.progress(1, n)
			return nil
		}
		if err != nil {
			return err
		}
		if n == 0 {
			ru.v20 = r.Frame().SpecVersion() == "2.0"
		}
		ru.add(o, nil)
	}
}

// p1batch is a run of consecutive objects read in pass 1, with their
// detections.
type p1batch struct {
	seq   int
	arena []byte
	objs  []stix.Object
	found []detected
	v20   bool // the frame said 2.0 when the batch was read
}

// pass1Parallel reads on one goroutine, detects on the workers, and
// indexes in input order on the caller's goroutine. At most 2*workers
// batches are in flight, so memory stays bounded.
func (ru *run) pass1Parallel(ctx context.Context, r *stix.Reader) error {
	workers := ru.rd.workers
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	free := make(chan *p1batch, 2*workers)
	for i := 0; i < 2*workers; i++ {
		free <- &p1batch{}
	}
	todo := make(chan *p1batch)
	done := make(chan *p1batch, 2*workers)
	readErr := make(chan error, 1)
	go func() {
		defer close(todo)
		for seq := 0; ; seq++ {
			var b *p1batch
			select {
			case b = <-free:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
			b.seq, b.arena, b.objs = seq, b.arena[:0], b.objs[:0]
			var err error
			for len(b.objs) < batchObjects && len(b.arena) < batchBytes {
				var o *stix.Object
				if o, err = r.Next(); err != nil {
					break
				}
				b.objs = append(b.objs, stix.Object{})
				b.arena = o.CopyTo(&b.objs[len(b.objs)-1], b.arena)
			}
			b.v20 = r.Frame().SpecVersion() == "2.0"
			if len(b.objs) > 0 {
				select {
				case todo <- b:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				readErr <- err
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := newDetectScratch()
			var rs stix.RefScanner
			for b := range todo {
				for len(b.found) < len(b.objs) {
					b.found = append(b.found, detected{})
				}
				for k := range b.objs {
					o := &b.objs[k]
					d := &b.found[k]
					d.reset()
					d.keepRefs(rs.Refs(o))
					d.mentions = ru.mentionKeys(d.mentions, o, d.refs)
					if typ := typeOf(o); ru.pii != nil && typ != "marking-definition" && !ru.rd.isPublic(o) {
						ru.pii.detectObject(sc, o, typ, d, nil)
					}
				}
				done <- b
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Index in input order.
	n := 0
	var firstErr error
	inSequence(done, func(b *p1batch) int { return b.seq }, func(nb *p1batch) {
		if firstErr == nil {
			if err := ctx.Err(); err != nil {
				firstErr = err
				cancel()
			}
		}
		if firstErr == nil {
			if n == 0 {
				ru.v20 = nb.v20
			}
			for k := range nb.objs {
				ru.add(&nb.objs[k], &nb.found[k])
			}
			if (n+len(nb.objs))/progressEvery != n/progressEvery {
				ru.progress(1, n+len(nb.objs))
			}
			n += len(nb.objs)
		}
		free <- nb
	})
	if err := <-readErr; firstErr == nil && err != nil {
		firstErr = err
	}
	if firstErr == nil {
		ru.progress(1, n)
	}
	return firstErr
}
