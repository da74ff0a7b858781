package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// fakeUpstream is a small TAXII 2.1 server holding collections of objects
// and serving them in pages of at most pageMax, as an upstream would: it
// checks basic authentication and the Accept header, serves every version
// only when asked match[version]=all (else the last), and pages with next
// (an offset) or, in addedAfterMode, with added_after and the
// X-TAXII-Date-Added-Last header.
type fakeUpstream struct {
	mu             sync.Mutex
	collections    map[string][]json.RawMessage
	pageMax        int
	user, password string
	addedAfterMode bool
	failing        bool
	requests       int
}

// upstreamAddedAt is the date_added of the i-th object of a collection.
func upstreamAddedAt(i int) time.Time {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
}

func (f *fakeUpstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	fail := func(status int) {
		w.Header().Set("Content-Type", mediaTAXII)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"title":"error","http_status":"%d"}`, status)
	}
	if u, p, ok := r.BasicAuth(); !ok || u != f.user || p != f.password {
		fail(http.StatusUnauthorized)
		return
	}
	if f.failing {
		fail(http.StatusInternalServerError)
		return
	}
	if !strings.Contains(r.Header.Get("Accept"), "application/taxii+json") {
		fail(http.StatusNotAcceptable)
		return
	}
	seg := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	if len(seg) != 4 || seg[0] != "api1" || seg[1] != "collections" || seg[3] != "objects" || !strings.HasSuffix(r.URL.Path, "/") {
		fail(http.StatusNotFound)
		return
	}
	all, ok := f.collections[seg[2]]
	if !ok {
		fail(http.StatusNotFound)
		return
	}
	type item struct {
		raw   json.RawMessage
		added time.Time
	}
	var items []item
	if r.URL.Query().Get("match[version]") == "all" {
		for i, raw := range all {
			items = append(items, item{raw, upstreamAddedAt(i)})
		}
	} else {
		last := map[string]int{}
		for i, raw := range all {
			var h struct{ ID, Modified string }
			json.Unmarshal(raw, &h)
			if j, ok := last[h.ID]; !ok || versionOf(all[j]) < h.Modified {
				last[h.ID] = i
			}
		}
		var idx []int
		for _, i := range last {
			idx = append(idx, i)
		}
		sort.Ints(idx)
		for _, i := range idx {
			items = append(items, item{all[i], upstreamAddedAt(i)})
		}
	}
	q := r.URL.Query()
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit <= 0 || limit > f.pageMax {
		limit = f.pageMax
	}
	offset := 0
	if s := q.Get("next"); s != "" {
		offset, _ = strconv.Atoi(s)
	}
	if s := q.Get("added_after"); s != "" {
		t, _ := time.Parse(time.RFC3339Nano, s)
		for offset < len(items) && !items[offset].added.After(t) {
			offset++
		}
	}
	end := min(offset+limit, len(items))
	var b strings.Builder
	b.WriteString("{")
	if end < len(items) {
		b.WriteString(`"more":true,`)
		if !f.addedAfterMode {
			fmt.Fprintf(&b, `"next":"%d",`, end)
		}
	}
	b.WriteString(`"objects":[`)
	for i, it := range items[offset:end] {
		if i > 0 {
			b.WriteString(",")
		}
		b.Write(it.raw)
	}
	b.WriteString("]}")
	w.Header().Set("Content-Type", mediaTAXII)
	if end > offset {
		w.Header().Set("X-TAXII-Date-Added-First", items[offset].added.Format(timeFormat))
		w.Header().Set("X-TAXII-Date-Added-Last", items[end-1].added.Format(timeFormat))
	}
	w.Write([]byte(b.String()))
}

func versionOf(raw json.RawMessage) string {
	var h struct{ Modified string }
	json.Unmarshal(raw, &h)
	return h.Modified
}

// set replaces the objects of a collection.
func (f *fakeUpstream) set(id string, objs []json.RawMessage) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.collections[id] = objs
}
