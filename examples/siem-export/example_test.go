package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// An indicator marked TLP:GREEN, exported under the tlp-green policy: one
// ECS document per observable in its pattern.
func Example() {
	in := `{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
		`"created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"C2",` +
		`"pattern":"[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'c2.example.net']",` +
		`"pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","confidence":80,` +
		`"object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"]}`
	code := run([]string{"-p", "../policies/tlp-green.yaml", "--key-file", "../../testdata/keys/demo.key"},
		strings.NewReader(in), os.Stdout, io.Discard)
	fmt.Println("exit", code)
	// Output:
	// {"@timestamp":"2026-01-10T10:00:00.000Z","ecs":{"version":"8.11.0"},"event":{"kind":"enrichment","category":["threat"],"type":["indicator"],"id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f:0"},"threat":{"feed":{"name":"tlp-green"},"indicator":{"type":"ipv4-addr","ip":"198.51.100.7","description":"C2","confidence":"High","marking":{"tlp":"GREEN"},"modified_at":"2026-01-10T10:00:00.000Z"}}}
	// {"@timestamp":"2026-01-10T10:00:00.000Z","ecs":{"version":"8.11.0"},"event":{"kind":"enrichment","category":["threat"],"type":["indicator"],"id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f:1"},"threat":{"feed":{"name":"tlp-green"},"indicator":{"type":"domain-name","url":{"domain":"c2.example.net"},"description":"C2","confidence":"High","marking":{"tlp":"GREEN"},"modified_at":"2026-01-10T10:00:00.000Z"}}}
	// exit 0
}
