package main

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A query is the filtering and paging a request asks for (TAXII 2.1,
// pagination and filtering): match[id], match[type],
// match[version], match[spec_version], added_after, limit and next.
type query struct {
	ids, types, specVersions map[string]bool // nil: any
	versions                 versionMatch
	addedAfter               time.Time // zero: none
	limit                    int
	// nonce and offset come from next: the snapshot the client is paging
	// through and where the page starts.
	nonce  string
	offset int
}

// versionMatch is match[version]: any of first, last, all and exact
// versions. The default is last (TAXII 2.1).
type versionMatch struct {
	all, first, last bool
	at               map[int64]bool // instants, in Unix nanoseconds
}

// A queryError is a request's parameter the gateway cannot use. It names
// the parameter, never repeats its value.
type queryError struct{ param, msg string }

func (e *queryError) Error() string { return e.param + ": " + e.msg }

// parseQuery reads the parameters the endpoint allows (names of the
// match[...] fields, without "match[" and "]"); the others are ignored.
func parseQuery(v url.Values, allow []string, maxLimit int) (*query, error) {
	q := &query{limit: maxLimit, versions: versionMatch{last: true}}
	allowed := map[string]bool{}
	for _, a := range allow {
		allowed[a] = true
	}
	set := func(name string) map[string]bool {
		raw, ok := v["match["+name+"]"]
		if !ok || !allowed[name] {
			return nil
		}
		m := map[string]bool{}
		for _, r := range raw {
			for _, s := range strings.Split(r, ",") {
				m[strings.TrimSpace(s)] = true
			}
		}
		return m
	}
	q.ids, q.types, q.specVersions = set("id"), set("type"), set("spec_version")
	if vs := set("version"); vs != nil {
		q.versions = versionMatch{}
		for s := range vs {
			switch s {
			case "all":
				q.versions.all = true
			case "first":
				q.versions.first = true
			case "last":
				q.versions.last = true
			default:
				t, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					return nil, &queryError{"match[version]", "want first, last, all or timestamps"}
				}
				if q.versions.at == nil {
					q.versions.at = map[int64]bool{}
				}
				q.versions.at[t.UnixNano()] = true
			}
		}
	}
	if s := v.Get("added_after"); s != "" {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return nil, &queryError{"added_after", "not a timestamp"}
		}
		q.addedAfter = t
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return nil, &queryError{"limit", "want a positive integer"}
		}
		q.limit = min(n, maxLimit)
	}
	if s := v.Get("next"); s != "" {
		nonce, offset, ok := parseNext(s)
		if !ok {
			return nil, &queryError{"next", "not a next token of this server"}
		}
		q.nonce, q.offset = nonce, offset
	}
	return q, nil
}

// Next tokens name the snapshot and the offset in the result: offsets
// count redacted objects only, so they say nothing about what was
// dropped.
func nextToken(nonce string, offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf("%s.%d", nonce, offset)))
}

func parseNext(s string) (string, int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", 0, false
	}
	nonce, off, ok := strings.Cut(string(b), ".")
	n, err := strconv.Atoi(off)
	if !ok || err != nil || n < 0 || nonce == "" {
		return "", 0, false
	}
	return nonce, n, true
}

// objects returns the entries the query selects, in date_added order.
// only, when not empty, restricts them to one id (Get an Object).
func (s *snapshot) objects(q *query, only string) []int {
	chosen := map[int]bool{}
	pick := func(id string, idx []int) {
		var cand []int
		for _, i := range idx {
			e := &s.entries[i]
			if (q.types == nil || q.types[e.typ]) && (q.specVersions == nil || q.specVersions[specVersionOf(e)]) {
				cand = append(cand, i)
			}
		}
		if len(cand) == 0 {
			return
		}
		v := q.versions
		for k, i := range cand {
			if v.all || (v.first && k == 0) || (v.last && k == len(cand)-1) || v.at[s.entries[i].versionAt.UnixNano()] {
				chosen[i] = true
			}
		}
	}
	switch {
	case only != "":
		pick(only, s.byID[only])
	case q.ids != nil:
		for id := range q.ids {
			pick(id, s.byID[id])
		}
	default:
		for id, idx := range s.byID {
			pick(id, idx)
		}
	}
	out := make([]int, 0, len(chosen))
	for i := range chosen {
		if q.addedAfter.IsZero() || s.entries[i].dateAdded.After(q.addedAfter) {
			out = append(out, i)
		}
	}
	sort.Ints(out) // entries are in date_added order
	return out
}

// versions returns the versions of the object id the query selects (only
// match[spec_version] and added_after apply), oldest first.
func (s *snapshot) versions(q *query, id string) []int {
	var out []int
	for _, i := range s.byID[id] {
		e := &s.entries[i]
		if (q.specVersions == nil || q.specVersions[specVersionOf(e)]) && (q.addedAfter.IsZero() || e.dateAdded.After(q.addedAfter)) {
			out = append(out, i)
		}
	}
	return out
}

// specVersionOf is the STIX version of an entry for match[spec_version]:
// objects without spec_version are STIX 2.1 SCOs or STIX 2.0 objects; in
// a TAXII 2.1 collection, 2.1.
func specVersionOf(e *entry) string {
	if e.specVersion == "" {
		return "2.1"
	}
	return e.specVersion
}

// page cuts one page out of n results: [start, end), whether more
// follow, and the next token when they do.
func page(n int, q *query, nonce string) (start, end int, more bool, next string) {
	start = min(q.offset, n)
	end = min(start+q.limit, n)
	if end < n {
		return start, end, true, nextToken(nonce, end)
	}
	return start, end, false, ""
}
