package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/airlock-cti/airlock/stix"
)

const (
	demoKey       = "../../testdata/keys/demo.key"
	communityPol  = "../policies/community.yaml"
	greenPol      = "../policies/tlp-green.yaml"
	incidentInput = "../../testdata/reports/incident.json"
)

// runCmd runs the command in process and returns its exit code and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// export runs the command and decodes the documents it wrote.
func export(t *testing.T, stdin string, args ...string) []Document {
	t.Helper()
	code, out, stderr := runCmd(t, stdin, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	return decodeDocs(t, out)
}

func decodeDocs(t *testing.T, out string) []Document {
	t.Helper()
	var docs []Document
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("line %q is not a document: %v", sc.Text(), err)
		}
		docs = append(docs, d)
	}
	return docs
}

// observables lists the observables of docs, as "type field=value", so
// that a test can say in one line what was exported.
func observables(docs []Document) []string {
	var out []string
	for _, d := range docs {
		i := d.Threat.Indicator
		s := i.Type
		switch {
		case i.IP != "":
			s += " ip=" + i.IP
		case i.URL != nil && i.URL.Domain != "":
			s += " url.domain=" + i.URL.Domain
		case i.URL != nil:
			s += " url.full=" + i.URL.Full
		case i.Email != nil:
			s += " email.address=" + i.Email.Address
		case i.File != nil:
			for k, v := range i.File.Hash {
				s += " file.hash." + k + "=" + v
			}
		}
		out = append(out, s)
	}
	return out
}

// TestIncidentCommunity exports the sample incident report under the
// community policy: the C2 address and the attacker's email leave, and
// nothing of the victim does, anywhere in the output.
func TestIncidentCommunity(t *testing.T) {
	code, out, stderr := runCmd(t, "", "-p", communityPol, "--key-file", demoKey, incidentInput)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	docs := decodeDocs(t, out)
	want := []string{"ipv4-addr ip=185.220.101.47", "email-addr email.address=bad.actor@evil-mail.example"}
	if diff := cmp.Diff(want, observables(docs)); diff != "" {
		t.Errorf("exported observables (-want +got):\n%s", diff)
	}
	for _, d := range docs {
		if d.Threat.Indicator.Marking == nil || d.Threat.Indicator.Marking.TLP != "GREEN" {
			t.Errorf("marking %+v, want GREEN", d.Threat.Indicator.Marking)
		}
		if d.Threat.Indicator.Description != "Beacon destination." || d.Threat.Feed.Name != "community" {
			t.Errorf("context: %+v", d.Threat)
		}
	}
	victim := []string{
		"jane.doe@example.org", "Jane Doe", "jane", "10.20.30.40", "+44 20 7946 0958", "7946",
		"jdoe", "AB 12 34 56 C", "GB82 WEST", "4111 1111", "00:1a:2b:3c:4d:5e", "s3cr3t",
		"hunter2", "ws-042", "example.org", "S-1-5-21-1004", "Example Energy",
	}
	for _, v := range victim {
		if strings.Contains(strings.ToLower(out+stderr), strings.ToLower(v)) {
			t.Errorf("victim value %q in the output", v)
		}
	}
	if !strings.Contains(stderr, "1 pseudonymised values") {
		t.Errorf("stderr does not count the pseudonymised address: %s", stderr)
	}

	// The sender's own network, given at run time, makes the C2 address
	// internal: it is pseudonymised and no longer exported.
	docs = export(t, "", "-p", communityPol, "--key-file", demoKey, "--internal-net", "185.220.101.0/24", incidentInput)
	if diff := cmp.Diff([]string{"email-addr email.address=bad.actor@evil-mail.example"}, observables(docs)); diff != "" {
		t.Errorf("with --internal-net (-want +got):\n%s", diff)
	}
}

const (
	tlp2Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
	created   = "2026-03-01T08:00:00.000Z"
)

// indicator returns an indicator object with the given pattern and extra
// members (written as JSON members, with a leading comma).
func indicator(n int, pattern, extra string) string {
	p, _ := json.Marshal(pattern)
	return fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-%012d","created":%q,"modified":%q,"name":"indicator %d","pattern":%s,"pattern_type":"stix","valid_from":"2026-03-01T00:00:00Z"%s}`,
		n, created, created, n, p, extra)
}

// TestObservables exports one indicator per pattern through the
// tlp-green policy and checks the observables each gives.
func TestObservables(t *testing.T) {
	tests := []struct {
		name, pattern string
		want          []string
	}{
		{"ipv4", "[ipv4-addr:value = '198.51.100.7']", []string{"ipv4-addr ip=198.51.100.7"}},
		{"ipv4 host CIDR", "[ipv4-addr:value = '198.51.100.7/32']", []string{"ipv4-addr ip=198.51.100.7"}},
		{"ipv4 network", "[ipv4-addr:value = '198.51.100.0/24']", nil},
		{"ipv4 ISSUBSET", "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", nil},
		{"ipv6", "[ipv6-addr:value = '2001:DB8::7']", []string{"ipv6-addr ip=2001:db8::7"}},
		{"ipv6 in ipv4-addr", "[ipv4-addr:value = '2001:db8::7']", nil},
		{"domain", "[domain-name:value = 'evil.example.net']", []string{"domain-name url.domain=evil.example.net"}},
		{"url", "[url:value = 'https://evil.example.net/a?b=c&d=e']", []string{"url url.full=https://evil.example.net/a?b=c&d=e"}},
		{"email-addr", "[email-addr:value = 'phish@evil.example.net']", []string{"email-addr email.address=phish@evil.example.net"}},
		{"email-message from", "[email-message:from_ref.value = 'phish@evil.example.net']", []string{"email-addr email.address=phish@evil.example.net"}},
		{"email-message sender", "[email-message:sender_ref.value = 'phish@evil.example.net']", []string{"email-addr email.address=phish@evil.example.net"}},
		{"email-message subject", "[email-message:subject = 'Invoice']", nil},
		{"md5", "[file:hashes.MD5 = '44D88612FEA8A8F36DE82E1278ABB02F']", []string{"file file.hash.md5=44d88612fea8a8f36de82e1278abb02f"}},
		{"md5 lower-case name", "[file:hashes.md5 = '44d88612fea8a8f36de82e1278abb02f']", []string{"file file.hash.md5=44d88612fea8a8f36de82e1278abb02f"}},
		{"sha1", "[file:hashes.'SHA-1' = '3395856ce81f2b7382dee72602f798b642f14140']", []string{"file file.hash.sha1=3395856ce81f2b7382dee72602f798b642f14140"}},
		{"sha256", "[file:hashes.'SHA-256' = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']", []string{"file file.hash.sha256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"}},
		{"sha256 too short", "[file:hashes.'SHA-256' = '275a021b']", nil},
		{"file name", "[file:name = 'invoice.exe']", nil},
		{"OR", "[ipv4-addr:value = '198.51.100.7'] OR [domain-name:value = 'evil.example.net']", []string{"ipv4-addr ip=198.51.100.7", "domain-name url.domain=evil.example.net"}},
		{"IN", "[ipv4-addr:value IN ('198.51.100.7', '198.51.100.8')]", []string{"ipv4-addr ip=198.51.100.7", "ipv4-addr ip=198.51.100.8"}},
		{"twice", "[ipv4-addr:value = '198.51.100.7'] AND [ipv4-addr:value = '198.51.100.7']", []string{"ipv4-addr ip=198.51.100.7"}},
		{"negated", "[ipv4-addr:value NOT = '198.51.100.7']", nil},
		{"not equal", "[ipv4-addr:value != '198.51.100.7']", nil},
		{"LIKE", "[domain-name:value LIKE '%.example.net']", nil},
		{"MATCHES", "[url:value MATCHES '^https://evil']", nil},
		{"pseudonym", "[ipv4-addr:value = '240.1.2.3']", nil},
		{"pseudonym email", "[email-addr:value = 'user-3fa2c1d09e11@redacted.invalid']", nil},
		{"pseudonym url", "[url:value = 'http://host-3fa2c1d09e11.redacted.invalid/x']", nil},
		{"invalid pattern", "[ipv4-addr:value = ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := export(t, indicator(1, tt.pattern, ""), "-p", greenPol, "--key-file", demoKey)
			if diff := cmp.Diff(tt.want, observables(docs)); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.pattern, diff)
			}
		})
	}
}

// TestDocument checks a whole document: every field, in the JSON written.
func TestDocument(t *testing.T) {
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"Example CERT","identity_class":"organization"},
` + indicator(2, "[domain-name:value = 'evil.example.net']", `,"description":"C2 <beacon> & loader","confidence":85,"created_by_ref":"identity--00000000-0000-4000-8000-000000000001","object_marking_refs":["`+tlp2Green+`"]`) + `]}`
	code, out, stderr := runCmd(t, in, "-p", greenPol, "--key-file", demoKey, "--feed", "Example ISAC")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := `{"@timestamp":"2026-03-01T08:00:00.000Z","ecs":{"version":"8.11.0"},"event":{"kind":"enrichment","category":["threat"],"type":["indicator"],"id":"indicator--00000000-0000-4000-8000-000000000002:0"},` +
		`"threat":{"feed":{"name":"Example ISAC"},"indicator":{"type":"domain-name","url":{"domain":"evil.example.net"},"description":"C2 <beacon> & loader","confidence":"High","marking":{"tlp":"GREEN"},"provider":"Example CERT","modified_at":"2026-03-01T08:00:00.000Z"}}}` + "\n"
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
}

// TestContext checks the fields taken from the indicator around the
// observable: markings, confidence, description.
func TestContext(t *testing.T) {
	tlp1 := func(l stix.TLP) string { return stix.TLPMarkingID(l, false) }
	tlp2 := func(l stix.TLP) string { return stix.TLPMarkingID(l, true) }
	granular := func(ref, sel string) string {
		return fmt.Sprintf(`,"granular_markings":[{"marking_ref":%q,"selectors":[%q]}]`, ref, sel)
	}
	tests := []struct {
		name, extra string
		exported    bool
		tlp         string
		confidence  string
		description string
	}{
		{"unmarked", ``, true, "", "", "indicator 1"},
		{"TLP 1.0 WHITE", `,"object_marking_refs":["` + tlp1(stix.TLPClear) + `"]`, true, "WHITE", "", "indicator 1"},
		{"TLP 2.0 CLEAR", `,"object_marking_refs":["` + tlp2(stix.TLPClear) + `"]`, true, "CLEAR", "", "indicator 1"},
		{"TLP 1.0 GREEN", `,"object_marking_refs":["` + tlp1(stix.TLPGreen) + `"]`, true, "GREEN", "", "indicator 1"},
		{"two markings: the most restrictive", `,"object_marking_refs":["` + tlp1(stix.TLPClear) + `","` + tlp2(stix.TLPGreen) + `"]`, true, "GREEN", "", "indicator 1"},
		{"AMBER is dropped by the policy", `,"object_marking_refs":["` + tlp2(stix.TLPAmber) + `"]`, false, "", "", ""},
		{"granular GREEN on the pattern", `,"object_marking_refs":["` + tlp2(stix.TLPClear) + `"]` + granular(tlp2(stix.TLPGreen), "pattern"), true, "GREEN", "", "indicator 1"},
		{"granular GREEN elsewhere", `,"labels":["x"],"object_marking_refs":["` + tlp2(stix.TLPClear) + `"]` + granular(tlp2(stix.TLPGreen), "labels"), true, "CLEAR", "", "indicator 1"},
		{"granular AMBER on the pattern drops it", granular(tlp2(stix.TLPAmber), "pattern"), false, "", "", ""},
		{"confidence 0", `,"confidence":0`, true, "", "None", "indicator 1"},
		{"confidence 29", `,"confidence":29`, true, "", "Low", "indicator 1"},
		{"confidence 30", `,"confidence":30`, true, "", "Medium", "indicator 1"},
		{"confidence 70", `,"confidence":70`, true, "", "High", "indicator 1"},
		{"description", `,"description":"Beacon."`, true, "", "", "Beacon."},
		{"revoked", `,"revoked":true`, false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := export(t, indicator(1, "[ipv4-addr:value = '198.51.100.7']", tt.extra), "-p", greenPol, "--key-file", demoKey)
			if !tt.exported {
				if len(docs) != 0 {
					t.Fatalf("exported %v", observables(docs))
				}
				return
			}
			if len(docs) != 1 {
				t.Fatalf("%d documents", len(docs))
			}
			ind := docs[0].Threat.Indicator
			tlp := ""
			if ind.Marking != nil {
				tlp = ind.Marking.TLP
			}
			got := []string{tlp, ind.Confidence, ind.Description}
			if diff := cmp.Diff([]string{tt.tlp, tt.confidence, tt.description}, got); diff != "" {
				t.Errorf("tlp, confidence, description (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNonSTIXPattern: a sigma rule names no observable in STIX terms.
func TestNonSTIXPattern(t *testing.T) {
	in := strings.Replace(indicator(1, "title: x\ndetection:\n  sel:\n    DestinationIp: 198.51.100.7\n  condition: sel", ""), `"pattern_type":"stix"`, `"pattern_type":"sigma"`, 1)
	code, out, stderr := runCmd(t, in, "-p", greenPol, "--key-file", demoKey)
	if code != exitOK || out != "" || !strings.Contains(stderr, "1 indicators with non-STIX patterns") {
		t.Errorf("exit %d, output %q, stderr %q", code, out, stderr)
	}
}

// TestShapes exports the same indicators from every shape airlock reads,
// from a file and from stdin.
func TestShapes(t *testing.T) {
	objs := []string{
		indicator(1, "[ipv4-addr:value = '198.51.100.7']", `,"object_marking_refs":["`+tlp2Green+`"]`),
		`{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000009","created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"ExampleRAT","is_family":true}`,
		indicator(2, "[file:hashes.'SHA-256' = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f'] OR [url:value = 'http://evil.example.net/x']", ""),
	}
	all := []string{"ipv4-addr ip=198.51.100.7", "file file.hash.sha256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f", "url url.full=http://evil.example.net/x"}
	list := "[" + strings.Join(objs, ",\n") + "]"
	shapes := []struct {
		name, in string
		want     []string
	}{
		{"bundle", `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":` + list + `}`, all},
		{"envelope", `{"more":false,"objects":` + list + `}`, all},
		{"list", list, all},
		{"ndjson", strings.Join(objs, "\n") + "\n", all},
		{"object", objs[0], all[:1]},
		{"empty bundle", `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000"}`, nil},
		{"dropped single object", strings.Replace(objs[0], tlp2Green, stix.TLPMarkingID(stix.TLPRed, true), 1), nil},
	}
	dir := t.TempDir()
	for _, s := range shapes {
		t.Run(s.name, func(t *testing.T) {
			if diff := cmp.Diff(s.want, observables(export(t, s.in, "-p", greenPol, "--key-file", demoKey))); diff != "" {
				t.Errorf("stdin (-want +got):\n%s", diff)
			}
			file := filepath.Join(dir, strings.ReplaceAll(s.name, " ", "-")+".json")
			if err := os.WriteFile(file, []byte(s.in), 0o644); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(s.want, observables(export(t, "", "-p", greenPol, "--key-file", demoKey, file))); diff != "" {
				t.Errorf("file (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSplunkHEC checks the HEC event around a document.
func TestSplunkHEC(t *testing.T) {
	in := indicator(1, "[ipv4-addr:value = '198.51.100.7']", "")
	code, out, stderr := runCmd(t, in, "-p", greenPol, "--key-file", demoKey, "--format", "splunk-hec", "--hec-index", "threat")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var ev struct {
		Time       json.Number `json:"time"`
		Source     string      `json:"source"`
		Sourcetype string      `json:"sourcetype"`
		Index      string      `json:"index"`
		Event      Document    `json:"event"`
	}
	if err := json.Unmarshal([]byte(out), &ev); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	got := []string{string(ev.Time), ev.Source, ev.Sourcetype, ev.Index, ev.Event.Threat.Indicator.IP}
	want := []string{"1772352000.000", "airlock", "airlock:threat:indicator", "threat", "198.51.100.7"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("HEC event (-want +got):\n%s", diff)
	}
}

// TestExitCodes checks each class of failure: its code, and that nothing
// is written to the output file.
func TestExitCodes(t *testing.T) {
	t.Setenv("AIRLOCK_KEY", "")
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"x"`), 0o644)
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(indicator(1, "[ipv4-addr:value = '198.51.100.7']", "")), 0o644)
	cases := []struct {
		name string
		code int
		args []string
	}{
		{"no policy", exitUsage, []string{"--key-file", demoKey, good}},
		{"no key", exitUsage, []string{"-p", greenPol, good}},
		{"missing policy", exitUsage, []string{"-p", filepath.Join(dir, "none.yaml"), "--key-file", demoKey, good}},
		{"bad format", exitUsage, []string{"-p", greenPol, "--key-file", demoKey, "--format", "csv", good}},
		{"two inputs", exitUsage, []string{"-p", greenPol, "--key-file", demoKey, good, good}},
		{"internal net without pii", exitUsage, []string{"-p", greenPol, "--key-file", demoKey, "--internal-net", "10.0.0.0/8", good}},
		{"invalid JSON", exitInput, []string{"-p", greenPol, "--key-file", demoKey, bad}},
		{"missing input", exitInput, []string{"-p", greenPol, "--key-file", demoKey, filepath.Join(dir, "none.json")}},
		{"good", exitOK, []string{"-p", greenPol, "--ephemeral-key", good}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".ndjson")
			code, stdout, stderr := runCmd(t, "", append([]string{"-o", out}, c.args...)...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout: %q", stdout)
			}
			_, err := os.Stat(out)
			if exists := err == nil; exists != (c.code == exitOK) {
				t.Errorf("output file exists: %v", exists)
			}
		})
	}
}

// TestKeyFromEnvironment reads the key from AIRLOCK_KEY, as the airlock
// command does: the same key gives the same derived ids.
func TestKeyFromEnvironment(t *testing.T) {
	b, err := os.ReadFile(demoKey)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("AIRLOCK_KEY", strings.TrimSpace(string(b)))
	fromEnv := export(t, "", "-p", communityPol, incidentInput)
	fromFile := export(t, "", "-p", communityPol, "--key-file", demoKey, incidentInput)
	if diff := cmp.Diff(fromFile, fromEnv); diff != "" {
		t.Errorf("AIRLOCK_KEY and --key-file differ (-file +env):\n%s", diff)
	}
}
