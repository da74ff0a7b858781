package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
	"github.com/tidwall/gjson"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

const (
	topicIn   = "stix-internal"
	topicOut  = "stix-shared"
	topicDead = "stix-rejected"
	group     = "airlock"
	parts     = 4
)

// testRedactor compiles the community policy with the public demo key.
func testRedactor(t testing.TB) *redact.Redactor {
	t.Helper()
	p, err := policy.LoadFile("../policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	key, err := readKey("../../testdata/keys/demo.key", func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := redact.Compile(p, &redact.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// expectation is what one input message must become.
type expectation struct {
	key, value string // the output record; value "" when nothing is produced
	dead       bool   // the message goes to the dead-letter topic
}

// expect redacts each message on its own: a single object with a fresh
// session, anything else with RedactBytes, as the airlock command would.
// Since no single object refers to another message's object, a worker's
// long-lived session must give the same bytes. added collects the objects
// the fresh sessions add (the redacting identity).
func expect(t *testing.T, rd *redact.Redactor, ms []message) (exp map[string]expectation, added map[string]bool) {
	t.Helper()
	ctx := context.Background()
	exp, added = map[string]expectation{}, map[string]bool{}
	for _, m := range ms {
		single, err := isSingleObject(m.value)
		if err != nil {
			exp[m.key] = expectation{key: m.key, value: string(m.value), dead: true}
			continue
		}
		var r redacted
		if single {
			res, err := rd.NewSession().Redact(ctx, m.value)
			if err != nil {
				t.Fatal(err)
			}
			r = redacted{Output: res.Output}
			for _, a := range res.Add {
				added[string(a)] = true
			}
		} else {
			out, rep, err := rd.RedactBytes(ctx, m.value)
			if err != nil {
				t.Fatal(err)
			}
			r = redacted{Whole: true}
			if rep.ObjectsOut > 0 {
				r.Output = out
			}
		}
		exp[m.key] = expectation{key: outputID(r), value: string(r.Output)}
	}
	return exp, added
}

// TestWorkersAtLeastOnce runs a consumer group against an in-process
// Kafka (kfake, on loopback) with 4 partitions: a worker that crashes
// after producing a batch but before committing it, a worker whose
// produce fails, then 3 workers, one
// of which leaves mid-stream, before the rest of the input arrives. Every message must
// come out redacted exactly as on its own, none lost; duplicates only for
// the crashed batch, which at-least-once delivery permits.
func TestWorkersAtLeastOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a fake Kafka cluster")
	}
	start := time.Now()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(parts, topicIn, topicOut, topicDead))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	brokers := c.ListenAddrs()
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()

	rd := testRedactor(t)
	ms := testMessages(200)
	exp, added := expect(t, rd, ms)
	firstHalf, secondHalf := ms[:len(ms)/2], ms[len(ms)/2:]

	producer, err := kgo.NewClient(kgo.SeedBrokers(brokers...))
	if err != nil {
		t.Fatal(err)
	}
	defer producer.Close()
	produce := func(ms []message) {
		t.Helper()
		var recs []*kgo.Record
		for _, m := range ms {
			recs = append(recs, &kgo.Record{Topic: topicIn, Key: []byte(m.key), Value: m.value})
		}
		if err := producer.ProduceSync(ctx, recs...).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	produce(firstHalf)

	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg := workerConfig{
		Brokers: brokers, Group: group, In: topicIn, Out: topicOut, DeadLetter: topicDead,
		MaxPoll: 10,
		Opts:    []kgo.Opt{kgo.FetchMaxWait(100 * time.Millisecond), kgo.HeartbeatInterval(100 * time.Millisecond)},
	}
	newW := func() *worker {
		w, err := newWorker(rd, cfg, log)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}

	// The crash: alone in the group, a worker polls a batch, produces its
	// output and leaves without committing, as a process killed between
	// produce and commit would (its session would expire instead).
	crashed := map[string]bool{}
	{
		w := newW()
		var recs []*kgo.Record
		for len(recs) == 0 {
			recs = w.cl.PollRecords(ctx, cfg.MaxPoll).Records()
			if ctx.Err() != nil {
				t.Fatal("no records for the crashing worker")
			}
		}
		add, out, err := w.redact(ctx, recs)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.cl.ProduceSync(ctx, append(add, out...)...).FirstErr(); err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			crashed[string(r.Key)] = true
		}
		w.cl.AllowRebalance()
		w.Close()
	}

	// A worker whose produce fails (its output topic does not exist) must
	// commit nothing: its batch goes to the next owner of the partitions.
	{
		bad := cfg
		bad.Out, bad.DeadLetter = "stix-missing", "stix-missing"
		bad.Opts = append(bad.Opts[:len(bad.Opts):len(bad.Opts)], kgo.UnknownTopicRetries(1))
		w, err := newWorker(rd, bad, log)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Run(ctx); err == nil {
			t.Fatal("a worker that cannot produce stopped without an error")
		}
		w.Close()
	}

	// Three workers; the first to handle a batch leaves.
	type running struct {
		w      *worker
		cancel context.CancelFunc
		done   chan error
	}
	var workers []running
	for range 3 {
		w := newW()
		wctx, wcancel := context.WithCancel(ctx)
		r := running{w, wcancel, make(chan error, 1)}
		go func() { r.done <- w.Run(wctx) }()
		workers = append(workers, r)
	}
	stop := func(r running) {
		t.Helper()
		r.cancel()
		if err := <-r.done; err != nil {
			t.Errorf("worker: %v", err)
		}
		r.w.Close()
	}
	// The first worker to have handled a batch leaves; the rest of the
	// input arrives after it has gone, so its partitions must move.
	leaver := -1
	for leaver < 0 {
		for i, r := range workers {
			if r.w.processed.Load() > 0 {
				leaver = i
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatal("no worker processed anything")
		}
		time.Sleep(5 * time.Millisecond)
	}
	stop(workers[leaver])
	left := workers[leaver].w.processed.Load()
	produce(secondHalf)

	// Read the output until every expected record is there.
	reader, err := kgo.NewClient(kgo.SeedBrokers(brokers...), kgo.ConsumeTopics(topicOut, topicDead),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()), kgo.FetchMaxWait(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var got []*kgo.Record
	missing := func() int {
		seen := map[string]bool{}
		for _, r := range got {
			seen[r.Topic+"\x00"+string(r.Key)+"\x00"+string(r.Value)] = true
		}
		n := 0
		for _, e := range exp {
			topic := topicOut
			if e.dead {
				topic = topicDead
			}
			if e.value != "" && !seen[topic+"\x00"+e.key+"\x00"+e.value] {
				n++
			}
		}
		return n
	}
	for missing() > 0 {
		fs := reader.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatalf("%d expected records never came", missing())
		}
		got = append(got, fs.Records()...)
	}
	for i, r := range workers {
		if i != leaver {
			stop(r)
		}
	}
	// Whatever came late (there should be nothing) is read too: up to the
	// end offsets, now that no worker runs.
	adm := kadm.NewClient(producer)
	ends, err := adm.ListEndOffsets(ctx, topicOut, topicDead)
	if err != nil {
		t.Fatal(err)
	}
	readUpTo(ctx, t, reader, ends, &got)

	// Every input's offset is committed: a new member would start at the end.
	inEnds, err := adm.ListEndOffsets(ctx, topicIn)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := adm.FetchOffsets(ctx, group)
	if err != nil {
		t.Fatal(err)
	}
	inEnds.Each(func(o kadm.ListedOffset) {
		c, ok := committed.Lookup(o.Topic, o.Partition)
		if !ok || c.At != o.Offset {
			t.Errorf("partition %d: committed %d (%v), end %d", o.Partition, c.At, ok, o.Offset)
		}
	})

	// Dedupe by key: count each (key, value); a key never carries two
	// values, and only records of the crashed batch come twice.
	count := map[string]int{}
	var identityAt, firstNamingAt time.Time
	for _, r := range got {
		if hasHeader(r, headerAdded) {
			if !added[string(r.Value)] || string(r.Key) != gjson.GetBytes(r.Value, "id").String() {
				t.Errorf("unexpected added object, key %q", r.Key)
			}
			if identityAt.IsZero() || r.Timestamp.Before(identityAt) {
				identityAt = r.Timestamp
			}
			count["added"]++
			continue
		}
		if gjson.GetBytes(r.Value, "created_by_ref").Exists() && (firstNamingAt.IsZero() || r.Timestamp.Before(firstNamingAt)) {
			firstNamingAt = r.Timestamp
		}
		count[r.Topic+"\x00"+string(r.Key)+"\x00"+string(r.Value)]++
	}
	matched := 0
	for _, m := range ms {
		e := exp[m.key]
		topic := topicOut
		if e.dead {
			topic = topicDead
			if e.value != string(m.value) {
				t.Errorf("%s: dead letter is not the input", m.key)
			}
			for _, r := range got {
				if r.Topic == topicDead && !hasHeader(r, headerError) {
					t.Errorf("%s: dead letter without %s header", m.key, headerError)
				}
			}
		}
		want := 1
		if crashed[m.key] {
			want = 2
		}
		if e.value == "" {
			continue // dropped: nothing to find (strays are caught below)
		}
		id := topic + "\x00" + e.key + "\x00" + e.value
		if count[id] != want {
			t.Errorf("%s: came out %d times, want %d (crashed batch: %v)", m.key, count[id], want, crashed[m.key])
		}
		matched += count[id]
	}
	if stray := len(got) - count["added"] - matched; stray != 0 {
		t.Errorf("%d output records match no input's redaction", stray)
	}
	if n := count["added"]; n < 1 || n > 5 {
		t.Errorf("the redacting identity came %d times; want once per session that needed it (1 to 5)", n)
	}
	if firstNamingAt.Before(identityAt) {
		t.Errorf("an object naming the redacting identity was produced before the identity")
	}
	// Scale-out: the work was shared. (Which workers got partitions
	// depends on join timing; at least the leaver and a successor did.)
	busy := 0
	var counts []int64
	for _, r := range workers {
		counts = append(counts, r.w.processed.Load())
		if counts[len(counts)-1] > 0 {
			busy++
		}
	}
	if busy < 2 {
		t.Errorf("records per worker %v: want at least two workers busy", counts)
	}
	t.Logf("%d messages, %d output records, crashed batch %d, worker %d left after %d records, per worker %v; %v", len(ms), len(got), len(crashed), leaver, left, counts, time.Since(start).Round(time.Millisecond))
}

// readUpTo polls until the reader has passed the given end offsets.
func readUpTo(ctx context.Context, t *testing.T, cl *kgo.Client, ends kadm.ListedOffsets, got *[]*kgo.Record) {
	t.Helper()
	next := map[string]map[int32]int64{}
	for _, r := range *got {
		if next[r.Topic] == nil {
			next[r.Topic] = map[int32]int64{}
		}
		next[r.Topic][r.Partition] = max(next[r.Topic][r.Partition], r.Offset+1)
	}
	behind := func() bool {
		b := false
		ends.Each(func(o kadm.ListedOffset) {
			if next[o.Topic][o.Partition] < o.Offset {
				b = true
			}
		})
		return b
	}
	for behind() {
		fs := cl.PollFetches(ctx)
		if ctx.Err() != nil {
			t.Fatal("output not read to its end")
		}
		for _, r := range fs.Records() {
			*got = append(*got, r)
			if next[r.Topic] == nil {
				next[r.Topic] = map[int32]int64{}
			}
			next[r.Topic][r.Partition] = max(next[r.Topic][r.Partition], r.Offset+1)
		}
	}
}

func hasHeader(r *kgo.Record, key string) bool {
	for _, h := range r.Headers {
		if h.Key == key {
			return true
		}
	}
	return false
}

// testWriter sends log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}
