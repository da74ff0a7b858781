package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"sort"
	"time"

	"github.com/airlock-cti/airlock/stix"
)

// A snapshot is one redacted copy of a collection: every object the policy
// let out, and nothing else. Responses are computed from it alone, so
// that what was dropped cannot show through ids, counts, page sizes or
// times. A snapshot never changes once built; a refresh builds a new one.
type snapshot struct {
	// nonce names the snapshot in next tokens.
	nonce string
	// entries are the redacted objects in date_added order, then in the
	// order the redaction wrote them.
	entries []entry
	// byID gives the entries of each id, oldest version first.
	byID map[string][]int
}

// An entry is one version of one redacted object.
type entry struct {
	id, typ, specVersion string
	// version is the TAXII version of the object: its modified, else its
	// created, else its date_added (objects that are not versioned: SCOs,
	// marking definitions).
	version   string
	versionAt time.Time
	dateAdded time.Time
	// raw is the object as the redaction wrote it.
	raw []byte
}

// timeFormat writes TAXII timestamps: RFC 3339 in UTC with microseconds,
// as medallion, the OASIS reference server, writes date_added.
const timeFormat = "2006-01-02T15:04:05.000000Z"

// contentKey identifies a redacted object's exact bytes.
type contentKey [sha256.Size]byte

// buildSnapshot indexes redacted, the redaction of a whole upstream
// collection. date_added is when the gateway first served these exact
// bytes: seen holds that for the objects of the previous snapshot, and an
// object new to the gateway (new upstream, or redacted differently than
// before) gets now. It returns the snapshot and the seen map for the next
// refresh (the objects of this snapshot only).
//
// This is the choice of date_added: the upstream's date_added of a
// surviving object would tell nothing about dropped ones either, but an
// object the redaction changed after it was first served (a name learned
// from a new upstream object, say) would then carry an old date_added, and
// a client polling with added_after would never see the change. A time of
// the gateway's own is also the only one an object airlock adds (the
// redacting identity) can have.
func buildSnapshot(redacted []byte, seen map[contentKey]time.Time, now time.Time) (*snapshot, map[contentKey]time.Time, error) {
	s := &snapshot{nonce: newNonce(), byID: map[string][]int{}}
	next := map[contentKey]time.Time{}
	have := map[string]bool{}
	r := stix.NewBytesReader(redacted, nil)
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		raw := o.Raw() // shares redacted's memory, which the snapshot keeps
		k := contentKey(sha256.Sum256(raw))
		added, ok := seen[k]
		if !ok {
			added = now
		}
		next[k] = added
		e := entry{id: o.ID(), typ: o.Type(), specVersion: o.SpecVersion(), dateAdded: added, raw: raw}
		if v, ok := o.GetString("modified"); ok {
			e.version = v
		} else if v, ok := o.GetString("created"); ok {
			e.version = v
		}
		if t, err := time.Parse(time.RFC3339Nano, e.version); err == nil {
			e.versionAt = t
		} else {
			e.version, e.versionAt = added.Format(timeFormat), added
		}
		if have[e.id+"|"+e.version] {
			continue // one version of an object is served once
		}
		have[e.id+"|"+e.version] = true
		s.entries = append(s.entries, e)
	}
	sort.SliceStable(s.entries, func(i, j int) bool { return s.entries[i].dateAdded.Before(s.entries[j].dateAdded) })
	for i, e := range s.entries {
		s.byID[e.id] = append(s.byID[e.id], i)
	}
	for _, idx := range s.byID {
		sort.SliceStable(idx, func(a, b int) bool { return s.entries[idx[a]].versionAt.Before(s.entries[idx[b]].versionAt) })
	}
	return s, next, nil
}

// newNonce returns a random name for a snapshot.
func newNonce() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// mediaType is the manifest's media_type of an entry.
func (e *entry) mediaType() string {
	if e.specVersion == "2.0" {
		return "application/stix+json;version=2.0"
	}
	return "application/stix+json;version=2.1"
}
