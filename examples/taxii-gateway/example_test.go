package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
)

// A gateway in front of an upstream collection holding a TLP:GREEN
// indicator, a TLP:AMBER one and a relationship from the AMBER one: a
// client of the gateway gets the GREEN indicator only.
func Example() {
	up := &fakeUpstream{pageMax: 2, user: "u", password: "p", collections: map[string][]json.RawMessage{
		"c1": {
			json.RawMessage(`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}`),
			json.RawMessage(`{"type":"indicator","spec_version":"2.1","id":"indicator--5b1d7d6e-6b0a-4b8e-9e0c-5d1f2b0a7c11","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.8']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}`),
			json.RawMessage(`{"type":"relationship","spec_version":"2.1","id":"relationship--29dcdf68-1b0c-4e16-94ed-bcc7a9572f69","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","relationship_type":"related-to","source_ref":"indicator--5b1d7d6e-6b0a-4b8e-9e0c-5d1f2b0a7c11","target_ref":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}`),
		},
	}}
	upstream := httptest.NewServer(up)
	defer upstream.Close()
	os.Setenv("EXAMPLE_USER", "u")
	os.Setenv("EXAMPLE_PASSWORD", "p")
	defer os.Unsetenv("EXAMPLE_USER")
	defer os.Unsetenv("EXAMPLE_PASSWORD")

	g, err := NewGateway(&Config{
		APIRoot:     "shared",
		Upstream:    Upstream{URL: upstream.URL + "/api1/", UserEnv: "EXAMPLE_USER", PasswordEnv: "EXAMPLE_PASSWORD"},
		KeyFile:     "../../testdata/keys/demo.key",
		Collections: map[string]CollectionConfig{"c1": {Title: "Indicators", Policy: "../policies/tlp-green.yaml"}},
	}, log.New(io.Discard, "", 0), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer g.Close()
	srv := httptest.NewServer(g)
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/shared/collections/c1/objects/", nil)
	req.Header.Set("Accept", "application/taxii+json;version=2.1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"))
	fmt.Println(string(body))
	// Output:
	// 200 OK application/taxii+json;version=2.1
	// {"objects":[{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}]}
}
