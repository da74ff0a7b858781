package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// mediaTAXII is the TAXII 2.1 media type (IANA; medallion and
// taxii2-client spell it this way).
const mediaTAXII = "application/taxii+json;version=2.1"

// upstreamClient reads whole collections from the upstream TAXII 2.1 API
// root.
type upstreamClient struct {
	base           *url.URL
	user, password string
	pageSize       int
	maxBytes       int64
	http           *http.Client
}

// maxPages bounds the pages of one read, against an upstream that never
// says it is done.
const maxPages = 1 << 20

// envelope is what the gateway reads of an upstream envelope: the objects
// as raw bytes, untouched, and the paging members.
type envelope struct {
	More    bool              `json:"more"`
	Next    json.RawMessage   `json:"next"`
	Objects []json.RawMessage `json:"objects"`
}

// fetch reads every version of every object of the collection id,
// following more and next (TAXII 2.1 pagination), and returns them as one
// JSON list, objects byte for byte as the upstream sent them, with repeated
// (id, version) pairs left out. Errors name the collection and the page,
// never content.
func (u *upstreamClient) fetch(ctx context.Context, id string) ([]byte, error) {
	ep := u.base.JoinPath("collections", id, "objects")
	ep.Path += "/"
	var list bytes.Buffer
	list.WriteByte('[')
	n := 0
	seen := map[string]bool{}
	var total int64
	next, addedAfter := "", ""
	for page := 0; ; page++ {
		if page == maxPages {
			return nil, fmt.Errorf("upstream collection %s: more than %d pages", id, maxPages)
		}
		q := url.Values{}
		q.Set("limit", strconv.Itoa(u.pageSize))
		// Every version, so that the gateway can serve versions and
		// judge each one (TAXII's default is the last only).
		q.Set("match[version]", "all")
		if next != "" {
			q.Set("next", next)
		}
		if addedAfter != "" {
			q.Set("added_after", addedAfter)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, ep.String()+"?"+q.Encode(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", mediaTAXII)
		if u.user != "" {
			req.SetBasicAuth(u.user, u.password)
		}
		resp, err := u.http.Do(req)
		if err != nil {
			return nil, fmt.Errorf("upstream collection %s, page %d: %w", id, page+1, err)
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, u.maxBytes-total+1))
		resp.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("upstream collection %s, page %d: %w", id, page+1, err)
		}
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusPartialContent {
			return nil, fmt.Errorf("upstream collection %s, page %d: HTTP status %d", id, page+1, resp.StatusCode)
		}
		if total += int64(len(body)); total > u.maxBytes {
			return nil, fmt.Errorf("upstream collection %s: larger than upstream.max_bytes (%d)", id, u.maxBytes)
		}
		var env envelope
		if err := json.Unmarshal(body, &env); err != nil {
			return nil, fmt.Errorf("upstream collection %s, page %d: not a TAXII envelope: %w", id, page+1, jsonErrorWithoutValue(err))
		}
		for _, raw := range env.Objects {
			var head struct {
				ID       string `json:"id"`
				Modified string `json:"modified"`
				Created  string `json:"created"`
			}
			if err := json.Unmarshal(raw, &head); err != nil {
				return nil, fmt.Errorf("upstream collection %s, page %d: an object is not a JSON object", id, page+1)
			}
			key := head.ID + "|" + head.Modified
			if head.Modified == "" {
				key += "|" + head.Created
			}
			if seen[key] {
				continue // the same version again, on a page boundary
			}
			seen[key] = true
			if n > 0 {
				list.WriteString(",\n")
			}
			list.Write(raw)
			n++
		}
		if !env.More {
			break
		}
		prevNext, prevAfter := next, addedAfter
		next, addedAfter = "", ""
		if len(env.Next) > 0 && string(env.Next) != "null" {
			var s string
			if json.Unmarshal(env.Next, &s) == nil {
				next = s
			} else {
				next = strings.TrimSpace(string(env.Next)) // a number, from servers that page by offset
			}
		}
		if next == "" {
			// "If the more property is set to true and the next property
			// is empty then the client may paginate ... by using the
			// added_after URL parameter with the date/time value from the
			// X-TAXII-Date-Added-Last header" (TAXII 2.1, pagination).
			addedAfter = resp.Header.Get("X-TAXII-Date-Added-Last")
		}
		if next == "" && addedAfter == "" {
			return nil, fmt.Errorf("upstream collection %s, page %d: more is true with neither next nor X-TAXII-Date-Added-Last", id, page+1)
		}
		if next == prevNext && addedAfter == prevAfter {
			return nil, fmt.Errorf("upstream collection %s, page %d: the upstream gives the same page again", id, page+1)
		}
	}
	list.WriteString("]")
	return list.Bytes(), nil
}

// jsonErrorWithoutValue keeps the position of a JSON error and drops any
// quoted input (encoding/json's type errors name the value's kind only,
// but its syntax errors may quote a character).
func jsonErrorWithoutValue(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d", se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("%s is a JSON %s at byte %d", te.Field, te.Value, te.Offset)
	}
	return errors.New("invalid JSON")
}
