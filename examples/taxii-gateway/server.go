package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"log"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A Gateway serves redacted collections over the TAXII 2.1 read endpoints.
// It is an http.Handler.
type Gateway struct {
	s           *settings
	collections map[string]*collection
	logger      *log.Logger
	wg          sync.WaitGroup
}

// NewGateway checks the configuration and returns a gateway for it. now is
// the clock (nil: time.Now); logger gets one line per refresh and per
// failure, never content.
func NewGateway(cfg *Config, logger *log.Logger, now func() time.Time) (*Gateway, error) {
	if logger == nil {
		logger = log.Default()
	}
	if now == nil {
		now = time.Now
	}
	s, err := cfg.compile(logger)
	if err != nil {
		return nil, err
	}
	g := &Gateway{s: s, collections: map[string]*collection{}, logger: logger}
	up := &upstreamClient{
		base: s.upstream, user: s.user, password: s.password,
		pageSize: s.upPageSize, maxBytes: s.upMaxBytes,
		http: &http.Client{Timeout: s.upTimeout},
	}
	for id, cs := range s.collections {
		g.collections[id] = &collection{
			cfg: cs, up: up, ttl: s.refresh, timeout: s.upTimeout,
			now: now, logger: logger, wg: &g.wg,
		}
	}
	return g, nil
}

// Close waits for refreshes in progress to finish.
func (g *Gateway) Close() { g.wg.Wait() }

// Media types of the gateway's responses and of the objects it serves.
const (
	mediaSTIX = "application/stix+json;version=2.1"
)

// ServeHTTP routes a request to its endpoint. Every endpoint is GET, needs
// a TAXII 2.1 Accept header, and answers application/taxii+json;
// version=2.1, errors included.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		writeError(w, http.StatusMethodNotAllowed, "Method Not Allowed", "This gateway is read-only: only GET is supported.")
		return
	}
	if !acceptsTAXII(r.Header.Values("Accept")) {
		writeError(w, http.StatusNotAcceptable, "Not Acceptable", "The Accept header must name "+mediaTAXII+".")
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || !strings.HasSuffix(p, "/") {
		notFound(w)
		return
	}
	seg := strings.Split(strings.Trim(p, "/"), "/")
	if len(seg) == 1 && seg[0] == "taxii2" {
		g.discovery(w, r)
		return
	}
	if seg[0] != g.s.apiRoot {
		notFound(w)
		return
	}
	switch {
	case len(seg) == 1:
		g.apiRoot(w)
	case len(seg) == 2 && seg[1] == "collections":
		g.collectionList(w)
	case len(seg) >= 3 && seg[1] == "collections":
		c := g.collections[seg[2]]
		if c == nil {
			notFound(w)
			return
		}
		switch {
		case len(seg) == 3:
			writeJSON(w, http.StatusOK, nil, collectionResource(c.cfg))
		case len(seg) == 4 && seg[3] == "objects":
			g.getObjects(w, r, c, "")
		case len(seg) == 4 && seg[3] == "manifest":
			g.getManifest(w, r, c)
		case len(seg) == 5 && seg[3] == "objects":
			g.getObjects(w, r, c, seg[4])
		case len(seg) == 6 && seg[3] == "objects" && seg[5] == "versions":
			g.getVersions(w, r, c, seg[4])
		default:
			notFound(w)
		}
	default:
		notFound(w) // status resources too: nothing is ever added here
	}
}

// acceptsTAXII reports whether an Accept header names the TAXII 2.1 media
// type, with version 2.1 or no version (TAXII 2.1, media types).
func acceptsTAXII(values []string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			mt, params, err := mime.ParseMediaType(part)
			if err != nil || mt != "application/taxii+json" {
				continue
			}
			if ver, ok := params["version"]; ok && ver != "2.1" {
				continue
			}
			if q, ok := params["q"]; ok {
				if f, err := strconv.ParseFloat(q, 64); err == nil && f == 0 {
					continue
				}
			}
			return true
		}
	}
	return false
}

// discovery is the Discovery resource (TAXII 2.1, "Server Discovery").
func (g *Gateway) discovery(w http.ResponseWriter, r *http.Request) {
	base := g.s.publicURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	root := strings.TrimSuffix(base, "/") + "/" + g.s.apiRoot + "/"
	writeJSON(w, http.StatusOK, nil, struct {
		Title       string   `json:"title"`
		Description string   `json:"description,omitempty"`
		Default     string   `json:"default"`
		APIRoots    []string `json:"api_roots"`
	}{g.s.title, g.s.description, root, []string{root}})
}

// apiRoot is the API Root resource (TAXII 2.1, "Get API Root
// Information"). Nothing can be posted, so max_content_length is 0.
func (g *Gateway) apiRoot(w http.ResponseWriter) {
	writeJSON(w, http.StatusOK, nil, struct {
		Title            string   `json:"title"`
		Description      string   `json:"description,omitempty"`
		Versions         []string `json:"versions"`
		MaxContentLength int      `json:"max_content_length"`
	}{g.s.title, g.s.description, []string{mediaTAXII}, 0})
}

// collectionJSON is a Collection resource (TAXII 2.1, "Get a Collection").
type collectionJSON struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description,omitempty"`
	CanRead     bool     `json:"can_read"`
	CanWrite    bool     `json:"can_write"`
	MediaTypes  []string `json:"media_types"`
}

func collectionResource(cs *collectionSettings) collectionJSON {
	return collectionJSON{cs.id, cs.title, cs.description, true, false, []string{mediaSTIX}}
}

// collectionList is the Collections resource (TAXII 2.1, "Get Collections").
func (g *Gateway) collectionList(w http.ResponseWriter) {
	var list []collectionJSON
	for _, c := range g.collections {
		list = append(list, collectionResource(c.cfg))
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	writeJSON(w, http.StatusOK, nil, struct {
		Collections []collectionJSON `json:"collections,omitempty"`
	}{list})
}

// load parses the query and finds the snapshot it reads: the one its next
// token names, else the current one. It writes the error response itself
// and returns nil on failure.
func (g *Gateway) load(w http.ResponseWriter, r *http.Request, c *collection, allow []string) (*snapshot, *query) {
	q, err := parseQuery(r.URL.Query(), allow, g.s.maxPageSize)
	if err != nil {
		writeError(w, http.StatusBadRequest, "Bad Request", err.Error())
		return nil, nil
	}
	if q.nonce != "" {
		s := c.byNonce(q.nonce)
		if s == nil {
			writeError(w, http.StatusBadRequest, "Bad Request", "next: the token has expired (the collection was refreshed); start again without next.")
			return nil, nil
		}
		return s, q
	}
	s, err := c.current(r.Context())
	if err != nil {
		if !errors.Is(err, errUnavailable) {
			g.logger.Printf("collection %s: %v", c.cfg.id, err)
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(c.retryAfter().Seconds())))
		writeError(w, http.StatusServiceUnavailable, "Service Unavailable", "The collection cannot be read from its source now; try again later.")
		return nil, nil
	}
	return s, q
}

// getObjects serves Get Objects and, for one id, Get an Object (TAXII
// 2.1): an envelope of redacted objects. An id the
// redacted collection does not hold, because it never existed, because the
// policy dropped it, or because it is the original of an object served
// under a new id, gets the same 404.
func (g *Gateway) getObjects(w http.ResponseWriter, r *http.Request, c *collection, id string) {
	allow := []string{"id", "type", "version", "spec_version"}
	if id != "" {
		allow = []string{"version", "spec_version"}
	}
	s, q := g.load(w, r, c, allow)
	if s == nil {
		return
	}
	if id != "" && len(s.byID[id]) == 0 {
		notFound(w)
		return
	}
	sel := s.objects(q, id)
	start, end, more, next := page(len(sel), q, s.nonce)
	var b bytes.Buffer
	b.WriteByte('{')
	if more {
		b.WriteString(`"more":true,"next":`)
		writeString(&b, next)
	}
	if end > start {
		if more {
			b.WriteByte(',')
		}
		b.WriteString(`"objects":[`)
		for k, i := range sel[start:end] {
			if k > 0 {
				b.WriteByte(',')
			}
			b.Write(s.entries[i].raw)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	write(w, http.StatusOK, dateHeaders(s, sel[start:end]), b.Bytes())
}

// manifestRecord is one entry of a Manifest resource (TAXII 2.1).
type manifestRecord struct {
	ID        string `json:"id"`
	DateAdded string `json:"date_added"`
	Version   string `json:"version"`
	MediaType string `json:"media_type"`
}

// getManifest serves Get Object Manifests (TAXII 2.1), built from the
// redacted objects: the versions are theirs, and date_added is
// the gateway's (see buildSnapshot).
func (g *Gateway) getManifest(w http.ResponseWriter, r *http.Request, c *collection) {
	s, q := g.load(w, r, c, []string{"id", "type", "version", "spec_version"})
	if s == nil {
		return
	}
	sel := s.objects(q, "")
	start, end, more, next := page(len(sel), q, s.nonce)
	var recs []manifestRecord
	for _, i := range sel[start:end] {
		e := &s.entries[i]
		recs = append(recs, manifestRecord{e.id, e.dateAdded.Format(timeFormat), e.version, e.mediaType()})
	}
	writeJSON(w, http.StatusOK, dateHeaders(s, sel[start:end]), struct {
		More    bool             `json:"more,omitempty"`
		Next    string           `json:"next,omitempty"`
		Objects []manifestRecord `json:"objects,omitempty"`
	}{more, next, recs})
}

// getVersions serves Get Object Versions (TAXII 2.1): the versions of a
// redacted object, oldest first.
func (g *Gateway) getVersions(w http.ResponseWriter, r *http.Request, c *collection, id string) {
	s, q := g.load(w, r, c, []string{"spec_version"})
	if s == nil {
		return
	}
	if len(s.byID[id]) == 0 {
		notFound(w)
		return
	}
	sel := s.versions(q, id)
	start, end, more, next := page(len(sel), q, s.nonce)
	var vs []string
	for _, i := range sel[start:end] {
		vs = append(vs, s.entries[i].version)
	}
	writeJSON(w, http.StatusOK, dateHeaders(s, sel[start:end]), struct {
		More     bool     `json:"more,omitempty"`
		Next     string   `json:"next,omitempty"`
		Versions []string `json:"versions,omitempty"`
	}{more, next, vs})
}

// dateHeaders are X-TAXII-Date-Added-First and -Last of a page (TAXII
// 2.1), from the gateway's date_added.
func dateHeaders(s *snapshot, sel []int) http.Header {
	if len(sel) == 0 {
		return nil
	}
	first, last := s.entries[sel[0]].dateAdded, s.entries[sel[0]].dateAdded
	for _, i := range sel {
		t := s.entries[i].dateAdded
		if t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	return http.Header{
		"X-Taxii-Date-Added-First": {first.Format(timeFormat)},
		"X-Taxii-Date-Added-Last":  {last.Format(timeFormat)},
	}
}

// errorJSON is an error message (TAXII 2.1), whose http_status is a
// string.
type errorJSON struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	HTTPStatus  string `json:"http_status"`
}

func writeError(w http.ResponseWriter, status int, title, desc string) {
	writeJSON(w, status, nil, errorJSON{title, desc, strconv.Itoa(status)})
}

// notFound is the one 404 of the gateway: the same status, body and
// headers whatever was asked for, so that no answer tells an id dropped by
// the policy from one that never existed.
func notFound(w http.ResponseWriter) {
	writeError(w, http.StatusNotFound, "Not Found", "The requested resource does not exist.")
}

func writeJSON(w http.ResponseWriter, status int, h http.Header, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"title":"Internal Server Error","http_status":"500"}`)
	}
	write(w, status, h, b)
}

// write sends a response with the TAXII content type and an exact
// Content-Length.
func write(w http.ResponseWriter, status int, h http.Header, body []byte) {
	for k, v := range h {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", mediaTAXII)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// writeString writes s as a JSON string.
func writeString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}
