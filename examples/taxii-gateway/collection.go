package main

import (
	"context"
	"errors"
	"log"
	"sync"
	"time"
)

// errUnavailable: the collection has never been read from the upstream
// successfully, so there is nothing to serve yet.
var errUnavailable = errors.New("the collection is not available yet")

// A collection keeps the redacted snapshot of one upstream collection and
// refreshes it when it is older than the refresh interval.
//
// A refresh reads the whole upstream collection and redacts it as one
// input, so that a drop cascades across what were different pages
// upstream and derived ids are the same wherever an object is named. The
// first request waits for the first snapshot; later ones are served the
// current snapshot while a refresh runs in the background. A failed
// refresh leaves the last snapshot in service and is retried after
// retryAfter.
type collection struct {
	cfg     *collectionSettings
	up      *upstreamClient
	ttl     time.Duration
	timeout time.Duration
	now     func() time.Time
	logger  *log.Logger
	wg      *sync.WaitGroup

	mu        sync.Mutex
	snap      *snapshot
	fetchedAt time.Time
	// retired snapshots stay readable for one refresh interval, so that a
	// client paging with next tokens when a refresh lands can finish.
	retired   []retiredSnapshot
	inflight  chan struct{}
	nextTry   time.Time
	seen      map[contentKey]time.Time
	lastAdded time.Time
}

type retiredSnapshot struct {
	s     *snapshot
	until time.Time
}

// maxRetired bounds the retired snapshots kept, whatever the interval.
const maxRetired = 4

// retryAfter is how long after a failed refresh the next is tried.
func (c *collection) retryAfter() time.Duration {
	return min(c.ttl, 30*time.Second)
}

// current returns the snapshot to serve, starting a refresh when it is
// stale, and waiting for the first one.
func (c *collection) current(ctx context.Context) (*snapshot, error) {
	c.mu.Lock()
	now := c.now()
	due := now.Sub(c.fetchedAt) >= c.ttl && !now.Before(c.nextTry)
	if c.snap != nil {
		if due && c.inflight == nil {
			c.startRefresh()
		}
		s := c.snap
		c.mu.Unlock()
		return s, nil
	}
	if c.inflight == nil && !now.Before(c.nextTry) {
		c.startRefresh()
	}
	wait := c.inflight
	c.mu.Unlock()
	if wait == nil {
		return nil, errUnavailable
	}
	select {
	case <-wait:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap == nil {
		return nil, errUnavailable
	}
	return c.snap, nil
}

// byNonce returns the snapshot a next token names, current or retired, or
// nil when it is gone.
func (c *collection) byNonce(nonce string) *snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap != nil && c.snap.nonce == nonce {
		return c.snap
	}
	now := c.now()
	for _, r := range c.retired {
		if r.s.nonce == nonce && now.Before(r.until) {
			return r.s
		}
	}
	return nil
}

// startRefresh runs a refresh in the background. c.mu is held.
func (c *collection) startRefresh() {
	done := make(chan struct{})
	c.inflight = done
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		defer close(done)
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		defer cancel()
		err := c.refresh(ctx)
		c.mu.Lock()
		defer c.mu.Unlock()
		c.inflight = nil
		if err != nil {
			c.nextTry = c.now().Add(c.retryAfter())
			c.logger.Printf("collection %s: refresh failed, serving the previous snapshot if any: %v", c.cfg.id, err)
		}
	}()
}

// refresh reads the upstream collection, redacts it and installs the
// result. Nothing of the upstream content is served unless all of it was
// read and redacted: an upstream or input error leaves the current
// snapshot in place.
func (c *collection) refresh(ctx context.Context) error {
	raw, err := c.up.fetch(ctx, c.cfg.id)
	if err != nil {
		return err
	}
	out, rep, err := c.cfg.rd.RedactBytes(ctx, raw)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// date_added of new objects: now, later than every date_added served
	// so far, so that added_after never misses them.
	now := c.now().UTC().Truncate(time.Microsecond)
	if !now.After(c.lastAdded) {
		now = c.lastAdded.Add(time.Microsecond)
	}
	snap, seen, err := buildSnapshot(out, c.seen, now)
	if err != nil {
		return err
	}
	for _, e := range snap.entries {
		if e.dateAdded.Equal(now) {
			c.lastAdded = now
			break
		}
	}
	if c.snap != nil {
		c.retired = append(c.retired, retiredSnapshot{c.snap, now.Add(c.ttl)})
	}
	kept := c.retired[:0]
	for _, r := range c.retired {
		if now.Before(r.until) {
			kept = append(kept, r)
		}
	}
	if len(kept) > maxRetired {
		kept = kept[len(kept)-maxRetired:]
	}
	c.retired = kept
	c.snap, c.seen, c.fetchedAt = snap, seen, c.now()
	c.logger.Printf("collection %s: %d upstream objects, %d served (%d dropped, %d changed, %d added)",
		c.cfg.id, rep.ObjectsIn, len(snap.entries), rep.Dropped, rep.Changed, rep.Added)
	return nil
}
