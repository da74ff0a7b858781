package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/redact/redacttest"
)

const (
	collID       = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"
	demoKey      = "../../testdata/keys/demo.key"
	communityPol = "../policies/community.yaml"
	neverID      = "indicator--00000000-0000-4000-8000-00000000dead"
	upUser       = "gateway"
	upPassword   = "s3cret-upstream"
)

// clock is a settable clock for the gateway.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fixture is an upstream TAXII server, a gateway in front of it, and a
// client that keeps every body it received.
type fixture struct {
	t        *testing.T
	up       *fakeUpstream
	gw       *Gateway
	srv      *httptest.Server
	clock    *clock
	logs     *syncBuffer
	incident *redacttest.Incident
	seen     strings.Builder
}

// upstreamObjects is the upstream collection: the sample incident report,
// a generated bundle with object and granular markings (TLP 1.0 and 2.0,
// unknown markings, relationships and reports across them), a generated
// incident with labelled personal data, and later versions of objects: a
// GREEN one that stays and an AMBER one the policy drops.
func upstreamObjects(t *testing.T) ([]json.RawMessage, *redacttest.Incident) {
	t.Helper()
	inc := redacttest.NewIncident(redacttest.IncidentOptions{Seed: 5})
	report, err := os.ReadFile("../../testdata/reports/incident.json")
	if err != nil {
		t.Fatal(err)
	}
	var objs []json.RawMessage
	seen := map[string]bool{}
	for _, b := range [][]byte{report, redacttest.Bundle(redacttest.Options{Seed: 11, Objects: 80, UnknownRate: 0.05}), inc.Bundle} {
		var bundle struct{ Objects []json.RawMessage }
		if err := json.Unmarshal(b, &bundle); err != nil {
			t.Fatal(err)
		}
		for _, o := range bundle.Objects {
			var h struct{ ID, Modified, Created string }
			json.Unmarshal(o, &h)
			if k := h.ID + h.Modified + h.Created; !seen[k] {
				seen[k] = true
				objs = append(objs, o)
			}
		}
	}
	objs = append(objs,
		json.RawMessage(`{"type":"campaign","spec_version":"2.1","id":"campaign--b1b2c3d4-0000-4000-8000-000000000003","created":"2026-02-03T09:00:00.000Z","modified":"2026-02-10T09:00:00.000Z","name":"Operation Lantern","description":"Spear-phishing against energy firms and water utilities.","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}`),
		json.RawMessage(`{"type":"identity","spec_version":"2.1","id":"identity--b1b2c3d4-0000-4000-8000-000000000002","created":"2026-02-03T09:00:00.000Z","modified":"2026-02-11T09:00:00.000Z","name":"Example Energy plc","identity_class":"organization","sectors":["energy"],"description":"amber-only: the plant at the river","object_marking_refs":["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}`),
	)
	return objs, inc
}

func newFixture(t *testing.T, mutate func(*Config)) *fixture {
	t.Helper()
	objs, inc := upstreamObjects(t)
	up := &fakeUpstream{collections: map[string][]json.RawMessage{collID: objs}, pageMax: 7, user: upUser, password: upPassword}
	upSrv := httptest.NewServer(up)
	t.Cleanup(upSrv.Close)
	t.Setenv("TEST_UPSTREAM_USER", upUser)
	t.Setenv("TEST_UPSTREAM_PASSWORD", upPassword)
	cfg := &Config{
		Title:   "test gateway",
		APIRoot: "community",
		Upstream: Upstream{
			URL: upSrv.URL + "/api1/", UserEnv: "TEST_UPSTREAM_USER", PasswordEnv: "TEST_UPSTREAM_PASSWORD",
			PageSize: 10,
		},
		KeyFile:     demoKey,
		Refresh:     "10m",
		MaxPageSize: 50,
		Collections: map[string]CollectionConfig{collID: {
			Title: "Incidents", Policy: communityPol,
			InternalDomains: []string{inc.Domain}, InternalNets: []string{inc.Network},
		}},
	}
	if mutate != nil {
		mutate(cfg)
	}
	f := &fixture{t: t, up: up, clock: &clock{t: time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)}, logs: &syncBuffer{}, incident: inc}
	gw, err := NewGateway(cfg, log.New(f.logs, "", 0), f.clock.now)
	if err != nil {
		t.Fatal(err)
	}
	f.gw = gw
	f.srv = httptest.NewServer(gw)
	t.Cleanup(func() { f.srv.Close(); gw.Close() })
	return f
}

// response is what a client received.
type response struct {
	status int
	header http.Header
	body   []byte
}

// get requests path with query from the gateway, as a TAXII 2.1 client.
func (f *fixture) get(path string, q url.Values) response {
	f.t.Helper()
	return f.getAccept(path, q, mediaTAXII)
}

func (f *fixture) getAccept(path string, q url.Values, accept string) response {
	f.t.Helper()
	u := f.srv.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != mediaTAXII {
		f.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	f.seen.Write(body)
	f.seen.WriteString("\n")
	for k, v := range resp.Header {
		f.seen.WriteString(k + ": " + strings.Join(v, ",") + "\n")
	}
	return response{resp.StatusCode, resp.Header, body}
}

// settle waits for refreshes the last requests started.
func (f *fixture) settle() { f.gw.Close() }

const collPath = "/community/collections/" + collID + "/"

// envelopeJSON is what a client reads of an envelope.
type envelopeJSON struct {
	More    bool              `json:"more"`
	Next    string            `json:"next"`
	Objects []json.RawMessage `json:"objects"`
}

// pageThrough pages through path with limit, checking that every page
// but the last is full, and returns the objects in order.
func (f *fixture) pageThrough(path string, q url.Values, limit int) []json.RawMessage {
	f.t.Helper()
	var all []json.RawMessage
	q2 := url.Values{}
	for k, v := range q {
		q2[k] = v
	}
	q2.Set("limit", strconv.Itoa(limit))
	for pages := 0; ; pages++ {
		if pages > 10000 {
			f.t.Fatal("paging does not end")
		}
		r := f.get(path, q2)
		if r.status != http.StatusOK {
			f.t.Fatalf("GET %s %v: %d %s", path, q2, r.status, r.body)
		}
		var env envelopeJSON
		if err := json.Unmarshal(r.body, &env); err != nil {
			f.t.Fatalf("not an envelope: %v", err)
		}
		all = append(all, env.Objects...)
		if !env.More {
			if env.Next != "" {
				f.t.Errorf("next without more")
			}
			return all
		}
		if len(env.Objects) != limit {
			f.t.Errorf("page %d holds %d objects, want %d: page sizes must not show drops", pages, len(env.Objects), limit)
		}
		if env.Next == "" {
			f.t.Fatal("more without next")
		}
		q2.Set("next", env.Next)
	}
}

// expected is the policy's output on the whole upstream collection, as
// RedactBytes gives it, object by object, with the report.
func (f *fixture) expected() ([]json.RawMessage, *redact.Report) {
	f.t.Helper()
	p, err := policy.LoadFile(communityPol)
	if err != nil {
		f.t.Fatal(err)
	}
	key, err := readKey(demoKey, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	net, _ := policy.ParseNetwork(f.incident.Network)
	rd, err := redact.Compile(p, &redact.Options{Key: key, InternalDomains: []string{f.incident.Domain}, InternalNets: []netip.Prefix{net}})
	if err != nil {
		f.t.Fatal(err)
	}
	f.up.mu.Lock()
	in := []byte("[" + string(bytes.Join(rawBytes(f.up.collections[collID]), []byte(",\n"))) + "]")
	f.up.mu.Unlock()
	out, rep, err := rd.RedactBytes(context.Background(), in)
	if err != nil {
		f.t.Fatal(err)
	}
	var objs []json.RawMessage
	if err := json.Unmarshal(out, &objs); err != nil {
		f.t.Fatal(err)
	}
	return objs, rep
}

func rawBytes(objs []json.RawMessage) [][]byte {
	out := make([][]byte, len(objs))
	for i, o := range objs {
		out[i] = o
	}
	return out
}

// head is an object's id and version.
type head struct{ ID, Modified, Created string }

func headOf(raw json.RawMessage) head {
	var h head
	json.Unmarshal(raw, &h)
	return h
}

func (h head) version() string {
	if h.Modified != "" {
		return h.Modified
	}
	return h.Created
}

// lastVersions keeps the last version of each object, in order.
func lastVersions(objs []json.RawMessage) []json.RawMessage {
	last := map[string]string{}
	for _, o := range objs {
		h := headOf(o)
		if v, ok := last[h.ID]; !ok || h.version() > v {
			last[h.ID] = h.version()
		}
	}
	var out []json.RawMessage
	for _, o := range objs {
		h := headOf(o)
		if last[h.ID] == h.version() {
			out = append(out, o)
		}
	}
	return out
}

func asStrings(objs []json.RawMessage) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i] = string(o)
	}
	return out
}

// TestPagingIsThePolicyOutput pages through the redacted collection with
// several limits: the client sees exactly what RedactBytes gives on the
// whole upstream collection, in its order, every page full.
func TestPagingIsThePolicyOutput(t *testing.T) {
	f := newFixture(t, nil)
	want, rep := f.expected()
	if rep.Dropped == 0 || rep.Changed == 0 {
		t.Fatalf("the fixture should drop and change objects: %+v", rep.Summary)
	}
	all := url.Values{"match[version]": {"all"}}
	for _, limit := range []int{1, 3, 7, 10, 50} {
		got := f.pageThrough(collPath+"objects/", all, limit)
		if diff := cmp.Diff(asStrings(want), asStrings(got)); diff != "" {
			t.Errorf("limit %d, every version (-policy +gateway):\n%s", limit, diff)
		}
	}
	// limit above max_page_size is cut to it.
	r := f.get(collPath+"objects/", url.Values{"limit": {"100000"}})
	var env envelopeJSON
	json.Unmarshal(r.body, &env)
	if len(env.Objects) != 50 || !env.More {
		t.Errorf("limit over the maximum: %d objects, more %v", len(env.Objects), env.More)
	}
	// The default match[version] is last.
	if diff := cmp.Diff(asStrings(lastVersions(want)), asStrings(f.pageThrough(collPath+"objects/", nil, 9))); diff != "" {
		t.Errorf("last versions (-policy +gateway):\n%s", diff)
	}
	// The upstream was read once, page by page.
	if n := len(f.up.collections[collID]); f.up.requests != (n+6)/7 {
		t.Errorf("%d upstream requests for %d objects in pages of 7", f.up.requests, n)
	}
	f.checkNothingForbidden()
}

// checkNothingForbidden checks every body and header the client saw: no
// content above TLP:GREEN (generated markers), no victim value.
func (f *fixture) checkNothingForbidden() {
	f.t.Helper()
	seen := f.seen.String()
	if m := redacttest.MarkersAbove(seen, 2, 1); len(m) > 0 {
		f.t.Errorf("content above TLP:GREEN served: %v", m[:min(len(m), 5)])
	}
	victim := []string{"jane.doe@example.org", "Jane Doe", "10.20.30.40", "+44 20 7946 0958", "jdoe", "AB 12 34 56 C",
		"GB82 WEST 1234 5698 7654 32", "4111 1111 1111 1111", "00:1a:2b:3c:4d:5e", "s3cr3t", "hunter2", "amber-only"}
	for _, l := range f.incident.Remove {
		victim = append(victim, l.Value)
	}
	for _, v := range victim {
		if strings.Contains(seen, v) {
			f.t.Errorf("victim value %q served", v)
		}
	}
}

// sameResponse compares two responses whole: status, body and every
// header but Date.
func sameResponse(a, b response) string {
	ha, hb := a.header.Clone(), b.header.Clone()
	ha.Del("Date")
	hb.Del("Date")
	return cmp.Diff([]any{a.status, string(a.body), ha}, []any{b.status, string(b.body), hb})
}

// TestGoneIDsAreNeverIDs asks for every upstream id the redacted
// collection does not hold (dropped objects, and originals of objects
// served under derived ids), through every endpoint that takes an id: each
// answer is byte for byte the answer for an id that never existed.
func TestGoneIDsAreNeverIDs(t *testing.T) {
	f := newFixture(t, nil)
	want, rep := f.expected()
	served := map[string]bool{}
	for _, o := range want {
		served[headOf(o).ID] = true
	}
	var gone []string
	goneSet := map[string]bool{}
	for _, o := range f.up.collections[collID] {
		if id := headOf(o).ID; !served[id] && !goneSet[id] {
			goneSet[id] = true
			gone = append(gone, id)
		}
	}
	var dropped, renamed int
	for _, d := range rep.Decisions {
		switch {
		case d.Action == redact.ActionDrop && goneSet[d.Object]:
			dropped++
		case d.Action == redact.ActionRename && goneSet[d.Object]:
			renamed++
		}
	}
	if dropped == 0 || renamed == 0 {
		t.Fatalf("the fixture should have dropped (%d) and renamed (%d) ids", dropped, renamed)
	}

	never := map[string]response{
		"object":   f.get(collPath+"objects/"+neverID+"/", nil),
		"all":      f.get(collPath+"objects/"+neverID+"/", url.Values{"match[version]": {"all"}}),
		"versions": f.get(collPath+"objects/"+neverID+"/versions/", nil),
		"match":    f.get(collPath+"objects/", url.Values{"match[id]": {neverID}}),
		"manifest": f.get(collPath+"manifest/", url.Values{"match[id]": {neverID}, "match[version]": {"all"}}),
	}
	if never["object"].status != http.StatusNotFound || never["versions"].status != http.StatusNotFound {
		t.Fatalf("never-existing id: %d, %d", never["object"].status, never["versions"].status)
	}
	if string(never["match"].body) != "{}" || string(never["manifest"].body) != "{}" {
		t.Errorf("filters on a never-existing id: %s %s", never["match"].body, never["manifest"].body)
	}
	for _, id := range gone {
		got := map[string]response{
			"object":   f.get(collPath+"objects/"+id+"/", nil),
			"all":      f.get(collPath+"objects/"+id+"/", url.Values{"match[version]": {"all"}}),
			"versions": f.get(collPath+"objects/"+id+"/versions/", nil),
			"match":    f.get(collPath+"objects/", url.Values{"match[id]": {id}}),
			"manifest": f.get(collPath+"manifest/", url.Values{"match[id]": {id}, "match[version]": {"all"}}),
		}
		for k := range never {
			if diff := sameResponse(never[k], got[k]); diff != "" {
				t.Errorf("%s %s differs from a never-existing id (-never +gone):\n%s", k, id, diff)
			}
		}
	}
	f.checkNothingForbidden()
}

// manifestRecords pages through the manifest.
func (f *fixture) manifestRecords(q url.Values, limit int) []manifestRecord {
	f.t.Helper()
	var all []manifestRecord
	q2 := url.Values{"limit": {strconv.Itoa(limit)}}
	for k, v := range q {
		q2[k] = v
	}
	for {
		r := f.get(collPath+"manifest/", q2)
		var m struct {
			More    bool             `json:"more"`
			Next    string           `json:"next"`
			Objects []manifestRecord `json:"objects"`
		}
		if r.status != http.StatusOK || json.Unmarshal(r.body, &m) != nil {
			f.t.Fatalf("manifest: %d %s", r.status, r.body)
		}
		if m.More && len(m.Objects) != limit {
			f.t.Errorf("manifest page of %d records, want %d", len(m.Objects), limit)
		}
		all = append(all, m.Objects...)
		if !m.More {
			return all
		}
		q2.Set("next", m.Next)
	}
}

// TestManifestAndVersions: the manifest lists the redacted objects, with
// their versions; versions and Get an Object answer by the ids the client
// received, derived ids included, with the redacted versions only.
func TestManifestAndVersions(t *testing.T) {
	f := newFixture(t, nil)
	want, rep := f.expected()
	recs := f.manifestRecords(url.Values{"match[version]": {"all"}}, 8)
	if len(recs) != len(want) {
		t.Fatalf("manifest: %d records, policy output: %d objects", len(recs), len(want))
	}
	added := recs[0].DateAdded
	for i, r := range recs {
		h := headOf(want[i])
		if r.ID != h.ID || (h.version() != "" && r.Version != h.version()) || r.MediaType != "application/stix+json;version=2.1" {
			t.Errorf("record %d: %+v, object %+v", i, r, h)
		}
		if r.DateAdded != added {
			t.Errorf("record %d: date_added %s, the first snapshot's is %s", i, r.DateAdded, added)
		}
	}
	if want := f.clock.now().Format(timeFormat); added != want {
		t.Errorf("date_added %s, want the time of the first read, %s", added, want)
	}

	byID := map[string][]json.RawMessage{}
	for _, o := range want {
		byID[headOf(o).ID] = append(byID[headOf(o).ID], o)
	}
	derived := map[string]bool{}
	for _, d := range rep.Decisions {
		if d.Action == redact.ActionRename {
			derived[d.NewID] = true
		}
	}
	var sawDerived, sawTwoVersions bool
	for id, objs := range byID {
		r := f.get(collPath+"objects/"+id+"/", url.Values{"match[version]": {"all"}})
		var env envelopeJSON
		if r.status != http.StatusOK || json.Unmarshal(r.body, &env) != nil {
			t.Fatalf("GET object %s: %d %s", id, r.status, r.body)
		}
		if diff := cmp.Diff(asStrings(objs), asStrings(env.Objects)); diff != "" {
			t.Errorf("object %s (-policy +gateway):\n%s", id, diff)
		}
		r = f.get(collPath+"objects/"+id+"/versions/", nil)
		var vs struct{ Versions []string }
		json.Unmarshal(r.body, &vs)
		var wantVs []string
		for _, o := range objs {
			if v := headOf(o).version(); v != "" {
				wantVs = append(wantVs, v)
			}
		}
		if len(wantVs) == len(objs) {
			if diff := cmp.Diff(wantVs, vs.Versions); diff != "" {
				t.Errorf("versions of %s (-policy +gateway):\n%s", id, diff)
			}
		}
		sawDerived = sawDerived || derived[id]
		sawTwoVersions = sawTwoVersions || len(objs) > 1
	}
	if !sawDerived || !sawTwoVersions {
		t.Errorf("the fixture should serve derived ids (%v) and an object with two versions (%v)", sawDerived, sawTwoVersions)
	}

	// The organisation's AMBER second version is dropped: one version
	// shows, and nothing of the second.
	org := "identity--b1b2c3d4-0000-4000-8000-000000000002"
	r := f.get(collPath+"objects/"+org+"/versions/", nil)
	if string(r.body) != `{"versions":["2026-02-03T09:00:00.000Z"]}` {
		t.Errorf("versions of %s: %s", org, r.body)
	}
	if recs := f.manifestRecords(url.Values{"match[id]": {org}, "match[version]": {"all"}}, 5); len(recs) != 1 {
		t.Errorf("manifest of %s: %+v", org, recs)
	}
	f.checkNothingForbidden()
}

// TestRefresh changes the upstream collection: after the refresh interval
// the gateway reads it again; new and changed objects get a later
// date_added (so added_after finds them), unchanged ones keep theirs, the
// dropped addition shows nowhere, and next tokens of the previous snapshot
// work for one interval.
func TestRefresh(t *testing.T) {
	f := newFixture(t, nil)
	first := f.manifestRecords(url.Values{"match[version]": {"all"}}, 50)
	t0 := first[0].DateAdded
	r := f.get(collPath+"objects/", url.Values{"limit": {"5"}})
	var oldPage envelopeJSON
	json.Unmarshal(r.body, &oldPage)

	objs := append([]json.RawMessage{}, f.up.collections[collID]...)
	objs = append(objs,
		json.RawMessage(`{"type":"indicator","spec_version":"2.1","id":"indicator--c0ffee00-0000-4000-8000-000000000001","created":"2026-04-01T12:30:00.000Z","modified":"2026-04-01T12:30:00.000Z","name":"New C2","pattern":"[ipv4-addr:value = '198.51.100.99']","pattern_type":"stix","valid_from":"2026-04-01T12:30:00Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}`),
		json.RawMessage(`{"type":"indicator","spec_version":"2.1","id":"indicator--c0ffee00-0000-4000-8000-000000000002","created":"2026-04-01T12:30:00.000Z","modified":"2026-04-01T12:30:00.000Z","name":"amber-only source","pattern":"[ipv4-addr:value = '198.51.100.98']","pattern_type":"stix","valid_from":"2026-04-01T12:30:00Z","object_marking_refs":["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}`),
	)
	f.up.set(collID, objs)

	// Within the interval, the snapshot is served as it is.
	f.clock.advance(5 * time.Minute)
	f.get(collPath+"manifest/", nil)
	f.settle()
	if got := f.manifestRecords(url.Values{"match[version]": {"all"}}, 50); len(got) != len(first) {
		t.Fatalf("refreshed before the interval: %d records, then %d", len(first), len(got))
	}

	// After it, the next request starts a refresh and is served the
	// current snapshot; the following ones see the new one.
	f.clock.advance(6 * time.Minute)
	f.get(collPath+"manifest/", nil)
	f.settle()
	want, _ := f.expected()
	recs := f.manifestRecords(url.Values{"match[version]": {"all"}}, 50)
	if len(recs) != len(want) {
		t.Fatalf("after the refresh: %d records, policy output %d", len(recs), len(want))
	}
	var newer []string
	for _, r := range recs {
		if r.DateAdded != t0 {
			if r.DateAdded <= t0 {
				t.Errorf("%s: date_added %s before the first snapshot's %s", r.ID, r.DateAdded, t0)
			}
			newer = append(newer, r.ID)
		}
	}
	// The new GREEN indicator, and objects whose redaction changed; the
	// AMBER one is not there.
	if len(newer) == 0 || !contains(newer, "indicator--c0ffee00-0000-4000-8000-000000000001") || contains(newer, "indicator--c0ffee00-0000-4000-8000-000000000002") {
		t.Errorf("objects with a new date_added: %v", newer)
	}
	after := f.pageThrough(collPath+"objects/", url.Values{"added_after": {t0}, "match[version]": {"all"}}, 2)
	var afterIDs []string
	for _, o := range after {
		afterIDs = append(afterIDs, headOf(o).ID)
	}
	if diff := cmp.Diff(newer, afterIDs); diff != "" {
		t.Errorf("added_after the first snapshot (-manifest +objects):\n%s", diff)
	}

	// A next token of the previous snapshot still pages through it.
	old := f.get(collPath+"objects/", url.Values{"limit": {"5"}, "next": {oldPage.Next}})
	if old.status != http.StatusOK {
		t.Errorf("next token of the previous snapshot: %d %s", old.status, old.body)
	}
	// Once two intervals have passed, it has expired.
	f.clock.advance(11 * time.Minute)
	f.get(collPath+"manifest/", nil)
	f.settle()
	f.clock.advance(11 * time.Minute)
	f.get(collPath+"manifest/", nil)
	f.settle()
	if r := f.get(collPath+"objects/", url.Values{"limit": {"5"}, "next": {oldPage.Next}}); r.status != http.StatusBadRequest {
		t.Errorf("expired next token: %d %s", r.status, r.body)
	}
	f.checkNothingForbidden()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestUpstreamAddedAfterPaging: an upstream that pages with more but no
// next is read with added_after and X-TAXII-Date-Added-Last.
func TestUpstreamAddedAfterPaging(t *testing.T) {
	f := newFixture(t, nil)
	f.up.addedAfterMode = true
	want, _ := f.expected()
	got := f.pageThrough(collPath+"objects/", url.Values{"match[version]": {"all"}}, 50)
	if diff := cmp.Diff(asStrings(want), asStrings(got)); diff != "" {
		t.Errorf("(-policy +gateway):\n%s", diff)
	}
}

// TestUpstreamFailure: with the upstream failing, the first request gets a
// 503 and nothing else; once it answers (after the retry interval), the
// collection is served; a later failure leaves the snapshot in service.
// Logs name the failure, not content.
func TestUpstreamFailure(t *testing.T) {
	f := newFixture(t, nil)
	f.up.failing = true
	r := f.get(collPath+"objects/", nil)
	if r.status != http.StatusServiceUnavailable || !strings.Contains(string(r.body), `"http_status":"503"`) {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if !strings.Contains(f.logs.String(), "HTTP status 500") {
		t.Errorf("logs: %s", f.logs.String())
	}
	if r := f.get(collPath+"objects/", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("before the retry interval: %d", r.status)
	}
	f.up.mu.Lock()
	f.up.failing = false
	f.up.mu.Unlock()
	f.clock.advance(31 * time.Second)
	if r := f.get(collPath+"objects/", nil); r.status != http.StatusOK {
		t.Fatalf("after the retry interval: %d %s", r.status, r.body)
	}
	f.up.mu.Lock()
	f.up.failing = true
	f.up.mu.Unlock()
	f.clock.advance(11 * time.Minute)
	f.get(collPath+"objects/", nil)
	f.settle()
	if r := f.get(collPath+"objects/", nil); r.status != http.StatusOK {
		t.Errorf("stale snapshot: %d", r.status)
	}
}

// TestUpstreamBadContent: an upstream object that is not valid STIX input
// (a duplicate member name) fails the read closed: nothing is served.
func TestUpstreamBadContent(t *testing.T) {
	f := newFixture(t, nil)
	objs := append([]json.RawMessage{}, f.up.collections[collID]...)
	objs = append(objs, json.RawMessage(`{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","content":"a","content":"b","object_refs":["campaign--b1b2c3d4-0000-4000-8000-000000000003"]}`))
	f.up.set(collID, objs)
	if r := f.get(collPath+"objects/", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("%d %s", r.status, r.body)
	}
	if !strings.Contains(f.logs.String(), "duplicate member name") {
		t.Errorf("logs: %s", f.logs.String())
	}
}

// TestResources checks discovery, API root, collections and collection,
// and the errors: Accept, methods, unknown paths, bad parameters.
func TestResources(t *testing.T) {
	f := newFixture(t, nil)
	checks := []struct {
		path   string
		q      url.Values
		accept string
		status int
		body   string
	}{
		{"/taxii2/", nil, mediaTAXII, 200, `{"title":"test gateway","default":"` + f.srv.URL + `/community/","api_roots":["` + f.srv.URL + `/community/"]}`},
		{"/community/", nil, mediaTAXII, 200, `{"title":"test gateway","versions":["application/taxii+json;version=2.1"],"max_content_length":0}`},
		{"/community/collections/", nil, "application/taxii+json", 200, `{"collections":[{"id":"` + collID + `","title":"Incidents","can_read":true,"can_write":false,"media_types":["application/stix+json;version=2.1"]}]}`},
		{collPath, nil, "application/json, application/taxii+json; version=2.1", 200, `{"id":"` + collID + `","title":"Incidents","can_read":true,"can_write":false,"media_types":["application/stix+json;version=2.1"]}`},
		{"/taxii2/", nil, "", 406, `{"title":"Not Acceptable","description":"The Accept header must name application/taxii+json;version=2.1.","http_status":"406"}`},
		{"/taxii2/", nil, "application/json", 406, ""},
		{"/taxii2/", nil, "application/taxii+json;version=2.0", 406, ""},
		{"/taxii2/", nil, "application/taxii+json;version=2.1;q=0", 406, ""},
		{"/taxii2", nil, mediaTAXII, 404, `{"title":"Not Found","description":"The requested resource does not exist.","http_status":"404"}`},
		{"/other/collections/", nil, mediaTAXII, 404, ""},
		{"/community/collections/52892447-4d7e-4f70-b94d-d7f22742ff63/", nil, mediaTAXII, 404, ""},
		{"/community/collections/52892447-4d7e-4f70-b94d-d7f22742ff63/objects/", nil, mediaTAXII, 404, ""},
		{"/community/status/2d086da7-4bdc-4f91-900e-d77486753710/", nil, mediaTAXII, 404, ""},
		{collPath + "objects/x/y/z/", nil, mediaTAXII, 404, ""},
		{collPath + "objects/", url.Values{"limit": {"0"}}, mediaTAXII, 400, `{"title":"Bad Request","description":"limit: want a positive integer","http_status":"400"}`},
		{collPath + "objects/", url.Values{"next": {"nonsense"}}, mediaTAXII, 400, ""},
		{collPath + "objects/", url.Values{"added_after": {"yesterday"}}, mediaTAXII, 400, ""},
		{collPath + "manifest/", url.Values{"match[version]": {"latest"}}, mediaTAXII, 400, ""},
		{collPath + "objects/", url.Values{"match[type]": {"no-such-type"}}, mediaTAXII, 200, `{}`},
	}
	var notFoundBody string
	for _, c := range checks {
		r := f.getAccept(c.path, c.q, c.accept)
		if r.status != c.status {
			t.Errorf("GET %s %v (Accept %q): %d, want %d: %s", c.path, c.q, c.accept, r.status, c.status, r.body)
			continue
		}
		if c.body != "" && string(r.body) != c.body {
			t.Errorf("GET %s: body\n%s\nwant\n%s", c.path, r.body, c.body)
		}
		if r.status == 404 {
			if notFoundBody == "" {
				notFoundBody = string(r.body)
			} else if string(r.body) != notFoundBody {
				t.Errorf("GET %s: a different 404: %s", c.path, r.body)
			}
		}
	}
	for _, m := range []string{http.MethodPost, http.MethodDelete, http.MethodPut} {
		req, _ := http.NewRequest(m, f.srv.URL+collPath+"objects/", strings.NewReader(`{"objects":[]}`))
		req.Header.Set("Accept", mediaTAXII)
		resp, err := f.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s: %d, Allow %q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	// Pages carry X-TAXII-Date-Added-First and -Last.
	r := f.get(collPath+"objects/", url.Values{"limit": {"3"}})
	if r.header.Get("X-TAXII-Date-Added-First") == "" || r.header.Get("X-TAXII-Date-Added-Last") == "" {
		t.Errorf("headers: %v", r.header)
	}
}

// TestFilters checks match[type], match[id] with several ids,
// match[version] first and match[spec_version].
func TestFilters(t *testing.T) {
	f := newFixture(t, nil)
	want, _ := f.expected()
	var wantIndicators []string
	for _, o := range lastVersions(want) {
		var h struct{ Type string }
		json.Unmarshal(o, &h)
		if h.Type == "indicator" {
			wantIndicators = append(wantIndicators, string(o))
		}
	}
	got := f.pageThrough(collPath+"objects/", url.Values{"match[type]": {"indicator"}}, 4)
	if diff := cmp.Diff(wantIndicators, asStrings(got)); diff != "" {
		t.Errorf("match[type]=indicator (-policy +gateway):\n%s", diff)
	}
	campaign := "campaign--b1b2c3d4-0000-4000-8000-000000000003"
	r := f.get(collPath+"objects/"+campaign+"/", url.Values{"match[version]": {"first"}})
	var env envelopeJSON
	json.Unmarshal(r.body, &env)
	if len(env.Objects) != 1 || headOf(env.Objects[0]).Modified != "2026-02-03T09:00:00.000Z" {
		t.Errorf("first version: %s", r.body)
	}
	for _, v := range []string{"2026-02-10T09:00:00.000Z", "2026-02-10T10:00:00+01:00"} {
		r = f.get(collPath+"objects/"+campaign+"/", url.Values{"match[version]": {v}})
		env = envelopeJSON{}
		json.Unmarshal(r.body, &env)
		if len(env.Objects) != 1 || headOf(env.Objects[0]).Modified != "2026-02-10T09:00:00.000Z" {
			t.Errorf("version %s: %s", v, r.body)
		}
	}
	ids := headOf(want[0]).ID + "," + campaign
	got = f.pageThrough(collPath+"objects/", url.Values{"match[id]": {ids}, "match[version]": {"all"}}, 50)
	if len(got) != 3 {
		t.Errorf("match[id] of two ids, every version: %d objects", len(got))
	}
	if r := f.get(collPath+"objects/", url.Values{"match[spec_version]": {"2.0"}}); string(r.body) != "{}" {
		t.Errorf("match[spec_version]=2.0: %s", r.body)
	}
}

// TestConfigFile loads the example configuration, and checks that
// mistakes are all reported.
func TestConfigFile(t *testing.T) {
	t.Setenv("AIRLOCK_KEY", "")
	cfg, err := LoadConfig("gateway.example.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.compile(nil); err != nil {
		t.Errorf("the example configuration: %v", err)
	}
	var stderr bytes.Buffer
	if code := run([]string{"-config", "gateway.example.json", "-check"}, &stderr); code != 0 {
		t.Errorf("-check: exit %d: %s", code, stderr.String())
	}

	dir := t.TempDir()
	bad := dir + "/bad.json"
	os.WriteFile(bad, []byte(`{"upstream":{"url":"ftp://x"},"refresh":"soon","collections":{"a":{"policy":"missing.yaml"},"b":{}},"tls_cert":"c.pem"}`), 0o644)
	cfg, err = LoadConfig(bad)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cfg.compile(nil)
	for _, want := range []string{"upstream.url", "refresh", "collections.a.policy", "collections.b.policy", "tls_cert", "key_file"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %s: %v", want, err)
		}
	}
	typo := dir + "/typo.json"
	os.WriteFile(typo, []byte(`{"refrsh":"5m"}`), 0o644)
	if _, err := LoadConfig(typo); err == nil || !strings.Contains(err.Error(), "refrsh") {
		t.Errorf("unknown key: %v", err)
	}
	if code := run([]string{"-config", typo}, io.Discard); code != 2 {
		t.Errorf("bad configuration: exit %d", code)
	}
}
