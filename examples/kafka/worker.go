package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/airlock-cti/airlock/redact"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// keyMode says what key an output record carries.
type keyMode string

const (
	// keyByID keys each output record by its STIX id (the object's id
	// after redaction, or the bundle's): the key says nothing the value
	// does not, and versions of one object land in one partition.
	keyByID keyMode = "id"
	// keyFromInput copies the input record's key. Use it only when input
	// keys carry nothing that must not cross the boundary (an input keyed
	// by object id leaks the original id of a renamed object).
	keyFromInput keyMode = "input"
	// keyNone produces records without a key.
	keyNone keyMode = "none"
)

// Headers the worker writes.
const (
	// headerAdded marks a record holding an object airlock made (the
	// redacting identity, a stamped statement definition), not the
	// redaction of an input message.
	headerAdded = "airlock-added"
	// headerError carries, on a dead-letter record, why the message was
	// rejected; airlock's errors say where, never quote the content.
	headerError = "airlock-error"
)

// A workerConfig says where a worker reads and writes.
type workerConfig struct {
	Brokers []string
	Group   string
	In, Out string
	// DeadLetter, if set, is the topic where messages that cannot be
	// redacted (not JSON, not STIX) go, unredacted, with their error in a
	// header. It must stay inside the boundary. Without it they are logged
	// and skipped.
	DeadLetter string
	KeyMode    keyMode
	// MaxPoll bounds the records handled, produced and committed as one
	// batch.
	MaxPoll int
	// Drain bounds how long a batch already polled may take to finish
	// once the worker is asked to stop. Until then, producing waits for
	// the brokers as long as the client's own retry limits allow.
	Drain time.Duration
	// Opts are added to the client's options (TLS, SASL, timeouts).
	Opts []kgo.Opt
}

// A worker is one member of the consumer group: it redacts what it reads
// from the input topic and produces the result to the output topic, with
// at-least-once delivery. Run more workers, on as many machines as there
// are partitions, to scale out.
type worker struct {
	cl   *kgo.Client
	rd   *redact.Redactor
	sess *redact.Session
	cfg  workerConfig
	log  *slog.Logger

	// done holds, per partition, the offset after the last record whose
	// output has been acknowledged and whose offset is not yet committed.
	mu   sync.Mutex
	done map[string]map[int32]kgo.EpochOffset

	// processed counts input records handled (for tests and logs).
	processed atomic.Int64
}

// newWorker connects a worker to the cluster.
func newWorker(rd *redact.Redactor, cfg workerConfig, log *slog.Logger) (*worker, error) {
	if cfg.MaxPoll <= 0 {
		cfg.MaxPoll = 500
	}
	if cfg.Drain <= 0 {
		cfg.Drain = 10 * time.Second
	}
	if cfg.KeyMode == "" {
		cfg.KeyMode = keyByID
	}
	w := &worker{rd: rd, sess: rd.NewSession(), cfg: cfg, log: log, done: map[string]map[int32]kgo.EpochOffset{}}
	opts := []kgo.Opt{
		kgo.SeedBrokers(cfg.Brokers...),
		kgo.ConsumerGroup(cfg.Group),
		kgo.ConsumeTopics(cfg.In),
		// A new group starts at the beginning: nothing already in the
		// topic is skipped.
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		// Offsets are committed by hand, only for records whose output
		// the brokers have acknowledged.
		kgo.DisableAutoCommit(),
		// No rebalance while a polled batch is in hand: the batch is
		// produced and committed by the member that owns its partitions.
		kgo.BlockRebalanceOnPoll(),
		kgo.OnPartitionsRevoked(w.revoked),
		kgo.OnPartitionsLost(w.lost),
		kgo.RequiredAcks(kgo.AllISRAcks()),
	}
	cl, err := kgo.NewClient(append(opts, cfg.Opts...)...)
	if err != nil {
		return nil, err
	}
	w.cl = cl
	return w, nil
}

// Run polls, redacts, produces and commits until ctx is cancelled or the
// client is closed; then it returns nil. It returns an error when a batch
// cannot be produced: its offsets are not committed, so the group
// delivers those records again, to this worker's successor.
//
// A batch already polled when ctx is cancelled is finished (within the
// drain time) rather than dropped, so a worker asked to stop leaves no
// work behind for others to repeat.
func (w *worker) Run(ctx context.Context) error {
	for {
		fs := w.cl.PollRecords(ctx, w.cfg.MaxPoll)
		if fs.IsClientClosed() {
			return nil
		}
		fs.EachError(func(topic string, p int32, err error) {
			if !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
				w.log.Warn("fetch", "topic", topic, "partition", p, "err", err)
			}
		})
		recs := fs.Records()
		err := w.batch(ctx, recs)
		w.cl.AllowRebalance()
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// batch handles one polled batch: redact, produce, commit.
func (w *worker) batch(ctx context.Context, recs []*kgo.Record) error {
	if len(recs) == 0 {
		return nil
	}
	// Finish the batch even if ctx is cancelled meanwhile, but give up
	// Drain after that.
	bctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() {
		t := time.AfterFunc(w.cfg.Drain, cancel)
		context.AfterFunc(bctx, func() { t.Stop() })
	})
	defer stop()
	ctx = bctx
	added, out, err := w.redact(ctx, recs)
	if err != nil {
		return err
	}
	// Objects airlock made are acknowledged before any object that names
	// them is produced, whichever partitions they land in.
	if len(added) > 0 {
		if err := w.cl.ProduceSync(ctx, added...).FirstErr(); err != nil {
			return fmt.Errorf("produce: %w", err)
		}
	}
	if len(out) > 0 {
		if err := w.cl.ProduceSync(ctx, out...).FirstErr(); err != nil {
			return fmt.Errorf("produce: %w", err)
		}
	}
	w.markDone(recs)
	w.processed.Add(int64(len(recs)))
	// A failed commit loses nothing: the offsets stay in done and go with
	// the next commit, or the records are redelivered (duplicates).
	if err := w.commit(ctx, nil); err != nil {
		w.log.Warn("commit", "err", err)
	}
	return nil
}

// redact turns a batch of input records into the records to produce: the
// added objects, then the outputs in input order (so per partition,
// output order follows input order).
func (w *worker) redact(ctx context.Context, recs []*kgo.Record) (added, out []*kgo.Record, err error) {
	for _, r := range recs {
		res, err := redactMessage(ctx, w.rd, w.sess, r.Value)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			// The message cannot be redacted: it does not leave. airlock's
			// errors give positions, never content, so they can be logged.
			w.log.Error("rejected", "topic", r.Topic, "partition", r.Partition, "offset", r.Offset, "err", err)
			if w.cfg.DeadLetter != "" {
				dl := &kgo.Record{Topic: w.cfg.DeadLetter, Key: r.Key, Value: r.Value}
				dl.Headers = append(append(dl.Headers, r.Headers...), kgo.RecordHeader{Key: headerError, Value: []byte(err.Error())})
				out = append(out, dl)
			}
			continue
		}
		if res.LateMarking {
			// Messages before this one that carried the marking were
			// dropped (it was unknown then): say so, by position only.
			w.log.Warn("marking definition after messages that used it", "topic", r.Topic, "partition", r.Partition, "offset", r.Offset)
		}
		if res.LateReferenced {
			// Messages before this one referred to its object, and were
			// produced with its original id, which has now left.
			w.log.Warn("object dropped or renamed after messages that referred to it", "topic", r.Topic, "partition", r.Partition, "offset", r.Offset)
		}
		for _, a := range res.Added {
			added = append(added, &kgo.Record{
				Topic:   w.cfg.Out,
				Key:     w.key(r, []byte(outputID(redacted{Output: a}))),
				Value:   a,
				Headers: []kgo.RecordHeader{{Key: headerAdded, Value: []byte("true")}},
			})
		}
		if res.Output != nil {
			out = append(out, &kgo.Record{Topic: w.cfg.Out, Key: w.key(r, []byte(outputID(res))), Value: res.Output})
		}
	}
	return added, out, nil
}

// key returns the key of an output record for input record r, whose
// output has the STIX id id.
func (w *worker) key(r *kgo.Record, id []byte) []byte {
	switch w.cfg.KeyMode {
	case keyFromInput:
		return r.Key
	case keyNone:
		return nil
	}
	if len(id) == 0 {
		return nil
	}
	return id
}

// markDone records that recs have been redacted and their output
// acknowledged, so their offsets may be committed.
func (w *worker) markDone(recs []*kgo.Record) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range recs {
		ps := w.done[r.Topic]
		if ps == nil {
			ps = map[int32]kgo.EpochOffset{}
			w.done[r.Topic] = ps
		}
		next := kgo.EpochOffset{Epoch: r.LeaderEpoch, Offset: r.Offset + 1}
		if cur, ok := ps[r.Partition]; !ok || cur.Less(next) {
			ps[r.Partition] = next
		}
	}
}

// commit commits the done offsets of the given partitions (all when only
// is nil) and forgets those it committed.
func (w *worker) commit(ctx context.Context, only map[string][]int32) error {
	w.mu.Lock()
	todo := map[string]map[int32]kgo.EpochOffset{}
	for t, ps := range w.done {
		for p, eo := range ps {
			if only != nil && !contains(only[t], p) {
				continue
			}
			if todo[t] == nil {
				todo[t] = map[int32]kgo.EpochOffset{}
			}
			todo[t][p] = eo
		}
	}
	w.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	var cerr error
	w.cl.CommitOffsetsSync(ctx, todo, func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
		if err != nil {
			cerr = err
			return
		}
		for _, t := range resp.Topics {
			for _, p := range t.Partitions {
				if err := kerr.ErrorForCode(p.ErrorCode); err != nil && cerr == nil {
					cerr = fmt.Errorf("commit %s/%d: %w", t.Topic, p.Partition, err)
				}
			}
		}
	})
	if cerr != nil {
		return cerr
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for t, ps := range todo {
		for p, eo := range ps {
			if w.done[t][p] == eo { // nothing newer was marked meanwhile
				delete(w.done[t], p)
			}
		}
	}
	return nil
}

// revoked commits what was processed in partitions this member loses,
// so that their next owner starts after it. With BlockRebalanceOnPoll it
// runs only between batches, and batches commit as they finish, so
// usually nothing is left; it matters when a batch's commit failed, and
// when the worker leaves the group on Close.
func (w *worker) revoked(ctx context.Context, _ *kgo.Client, revoked map[string][]int32) {
	if err := w.commit(ctx, revoked); err != nil {
		w.log.Warn("commit on revoke", "err", err)
	}
	w.forget(revoked)
}

// lost forgets partitions taken from this member without a chance to
// commit (its session expired): their records will be redelivered.
func (w *worker) lost(_ context.Context, _ *kgo.Client, lost map[string][]int32) {
	w.forget(lost)
}

func (w *worker) forget(parts map[string][]int32) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for t, ps := range parts {
		for _, p := range ps {
			delete(w.done[t], p)
		}
	}
}

// Close leaves the group, committing what was processed (through the
// revoke callback), and closes the client. Call it after Run returns.
func (w *worker) Close() { w.cl.Close() }

func contains(ps []int32, p int32) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
