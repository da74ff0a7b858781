package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Identifiers used by the test objects. The referenced objects need not
// exist: dangling references are legal (STIX 2.1 section 3.3).
const (
	tIdentity   = "identity--1929eb7e-ca6a-4f20-8027-b1908e76e6b0"
	tIdentity2  = "identity--b14251c6-34f3-4cb6-9cb6-b0e5cc283a19"
	tMarking    = "marking-definition--5da20767-7bc2-4509-9fd8-d154586f7d65"
	tIndicator  = "indicator--7095a22e-f5c4-4f76-9971-304715e80deb"
	tMalware    = "malware--50acb6d8-56a6-4ca9-b80f-7d7387c83b6e"
	tCampaign   = "campaign--3bb12d12-9beb-4783-bb78-d642ba7d9cc6"
	tObserved   = "observed-data--6a37667d-48c8-44c8-8def-0c491e3758a9"
	tLocation   = "location--222bf66d-a5c2-4d0e-a3c0-f0b5b1d47380"
	tIPv4       = "ipv4-addr--7138cc8e-8f6c-4955-a8b5-0f2902a9a6ce"
	tIPv4b      = "ipv4-addr--20a87ba4-0893-46c1-ab49-b45000c9c13f"
	tEmailAddr  = "email-addr--f6628413-b627-4ab7-89e2-23091bec4d65"
	tEmailAddr2 = "email-addr--4164d325-bab4-49bb-936d-95c5d2cc3533"
	tArtifact   = "artifact--dac4aa0a-25cb-41c5-945b-1a3d3c9bf799"
	tFile       = "file--f8abb6e8-680c-44a2-b1cb-6cbfefa9ae8f"
	tFile2      = "file--173cd206-c51f-48d9-b74b-10dd9700ed7d"
	tDirectory  = "directory--936b3691-4442-4541-985c-e39b02f9bd6f"
	tSoftware   = "software--907a9620-a2ea-4a64-b428-1f18799d8ca2"
	tUser       = "user-account--cd4cbe7a-aeac-4431-b484-35e0f6ca64ed"
	tNetTraffic = "network-traffic--2555de70-3869-4321-ae33-f9f18d989eb2"
	tProcess    = "process--e28151b6-c822-4be5-994e-45addf7c0de0"
	tExtDef     = "extension-definition--155ceb2a-629b-4e80-b4b6-787db0d18e3a"
	tMAC        = "mac-addr--dcee8bc0-1073-447c-a557-17fc5ab09c8d"
	tAS         = "autonomous-system--707deafa-2450-4fe3-9631-8e6011a28a35"
	tDomain     = "domain-name--8d57e4d2-ad6c-44a5-ba66-490edfbbedfb"
	tReport     = "report--b7509cd8-6e7d-4caa-ac5b-3fd25ac4c5d0"
	tTLPWhite   = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"
	tTLPRed     = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
)

// sdoHead is the common start of the STIX 2.1 SDOs and SROs below.
func sdoHead(typ, uuid string) string {
	return `"type":"` + typ + `","spec_version":"2.1","id":"` + typ + `--` + uuid + `","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z"`
}

// validObjects holds one valid STIX 2.1 object of every type the
// specification defines, each using its reference properties.
var validObjects = map[string]string{
	"attack-pattern":   `{` + sdoHead("attack-pattern", "927f5add-a95d-41ec-a80a-e2b499d7a522") + `,"name":"Spear Phishing","created_by_ref":"` + tIdentity + `","kill_chain_phases":[{"kill_chain_name":"lockheed-martin-cyber-kill-chain","phase_name":"delivery"}],"external_references":[{"source_name":"capec","external_id":"CAPEC-163"}]}`,
	"campaign":         `{` + sdoHead("campaign", "9d51641f-4358-4bc2-9708-2ad146bc59e2") + `,"name":"Green Group","first_seen":"2016-01-01T00:00:00Z","last_seen":"2016-02-01T00:00:00Z"}`,
	"course-of-action": `{` + sdoHead("course-of-action", "f6576037-fb67-4a08-bb2e-5296298138b8") + `,"name":"Block port 80"}`,
	"grouping":         `{` + sdoHead("grouping", "b9bc4c6a-6ff9-401f-b505-f35d4f986b92") + `,"context":"suspicious-activity","object_refs":["` + tIndicator + `","` + tIPv4 + `"]}`,
	"identity":         `{` + sdoHead("identity", "52b31651-1479-456e-9244-43acea379667") + `,"name":"ACME","identity_class":"organization","object_marking_refs":["` + tTLPWhite + `"]}`,
	"incident":         `{` + sdoHead("incident", "54a06509-9b14-4b87-b84a-430c65476372") + `,"name":"Incident 43"}`,
	"indicator":        `{` + sdoHead("indicator", "aa1e6ec1-45b1-4679-ad6b-59a14dd17274") + `,"name":"Poison Ivy","description":"A file hash","pattern":"[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","valid_until":"2017-01-01T00:00:00Z","labels":["a","b"],"granular_markings":[{"marking_ref":"` + tMarking + `","selectors":["description","labels.[1]"]},{"lang":"de","selectors":["name"]}]}`,
	"infrastructure":   `{` + sdoHead("infrastructure", "a964ee13-9b88-4cc5-9b7f-c38e69af09a7") + `,"name":"C2"}`,
	"intrusion-set":    `{` + sdoHead("intrusion-set", "a21d7172-2ef1-482e-a9c9-fc53e238c6ac") + `,"name":"Bobcat"}`,
	"location":         `{` + sdoHead("location", "6a7dba70-e801-44b7-ae9e-b30b2860f770") + `,"region":"northern-america","latitude":48.8566,"longitude":2.3522,"precision":100}`,
	"malware":          `{` + sdoHead("malware", "00152ec2-54c2-46e1-8b03-a7d0b3223e7f") + `,"name":"Cryptolocker","is_family":true,"sample_refs":["` + tFile + `"],"operating_system_refs":["` + tSoftware + `"]}`,
	"malware-analysis": `{` + sdoHead("malware-analysis", "d3c4be37-3c94-44f0-8bf9-05efd365d36e") + `,"product":"microsoft","result":"malicious","host_vm_ref":"` + tSoftware + `","sample_ref":"` + tFile + `","analysis_sco_refs":["` + tFile + `"]}`,
	"note":             `{` + sdoHead("note", "3efacfc8-d748-46b4-9e5d-7b721c90789e") + `,"content":"Seen on a forum","object_refs":["` + tCampaign + `"]}`,
	"observed-data":    `{` + sdoHead("observed-data", "fc72c9da-e4a0-42ab-b3a9-30cb94077643") + `,"first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":50,"object_refs":["` + tIPv4 + `"]}`,
	"opinion":          `{` + sdoHead("opinion", "77b20fee-e643-4ecc-9187-ec812f426bdc") + `,"opinion":"agree","object_refs":["` + tReport + `"]}`,
	"report":           `{` + sdoHead("report", "b7509cd8-6e7d-4caa-ac5b-3fd25ac4c5d0") + `,"name":"Report","published":"2016-01-20T17:00:00.000Z","object_refs":["` + tIndicator + `","` + tCampaign + `"]}`,
	"threat-actor":     `{` + sdoHead("threat-actor", "1929eb7e-ca6a-4f20-8027-b1908e76e6b1") + `,"name":"Evil Org"}`,
	"tool":             `{` + sdoHead("tool", "1929eb7e-ca6a-4f20-8027-b1908e76e6b2") + `,"name":"VNC"}`,
	"vulnerability":    `{` + sdoHead("vulnerability", "1929eb7e-ca6a-4f20-8027-b1908e76e6b3") + `,"name":"CVE-2016-1234"}`,
	"relationship":     `{` + sdoHead("relationship", "1929eb7e-ca6a-4f20-8027-b1908e76e6b4") + `,"relationship_type":"indicates","source_ref":"` + tIndicator + `","target_ref":"` + tMalware + `","start_time":"2016-01-01T00:00:00Z","stop_time":"2016-01-02T00:00:00Z"}`,
	"sighting":         `{` + sdoHead("sighting", "1929eb7e-ca6a-4f20-8027-b1908e76e6b5") + `,"sighting_of_ref":"` + tIndicator + `","observed_data_refs":["` + tObserved + `"],"where_sighted_refs":["` + tIdentity + `","` + tLocation + `"],"count":0}`,

	"artifact":             `{"type":"artifact","spec_version":"2.1","id":"` + tArtifact + `","mime_type":"image/jpeg","payload_bin":"VBORw0KGgoAAAANSUhEUgAAADI=="}`,
	"autonomous-system":    `{"type":"autonomous-system","spec_version":"2.1","id":"` + tAS + `","number":15139}`,
	"directory":            `{"type":"directory","spec_version":"2.1","id":"` + tDirectory + `","path":"C:\\Windows","contains_refs":["` + tFile + `"]}`,
	"domain-name":          `{"type":"domain-name","spec_version":"2.1","id":"` + tDomain + `","value":"example.com","resolves_to_refs":["` + tIPv4 + `"]}`,
	"email-addr":           `{"type":"email-addr","spec_version":"2.1","id":"` + tEmailAddr + `","value":"jdoe@example.com","belongs_to_ref":"` + tUser + `"}`,
	"email-message":        `{"type":"email-message","spec_version":"2.1","id":"email-message--1929eb7e-ca6a-4f20-8027-b1908e76e6b6","is_multipart":true,"from_ref":"` + tEmailAddr + `","to_refs":["` + tEmailAddr2 + `"],"body_multipart":[{"content_type":"text/plain","body":"Hi"},{"content_type":"image/png","body_raw_ref":"` + tArtifact + `"}],"raw_email_ref":"` + tArtifact + `"}`,
	"file":                 `{"type":"file","spec_version":"2.1","id":"` + tFile + `","name":"foo.zip","parent_directory_ref":"` + tDirectory + `","extensions":{"archive-ext":{"contains_refs":["` + tFile2 + `","` + tDirectory + `"]}}}`,
	"ipv4-addr":            `{"type":"ipv4-addr","spec_version":"2.1","id":"` + tIPv4 + `","value":"198.51.100.3","resolves_to_refs":["` + tMAC + `"],"belongs_to_refs":["` + tAS + `"]}`,
	"ipv6-addr":            `{"type":"ipv6-addr","id":"ipv6-addr--1929eb7e-ca6a-4f20-8027-b1908e76e6b7","value":"2001:db8::/96"}`,
	"mac-addr":             `{"type":"mac-addr","id":"` + tMAC + `","value":"d2:fb:49:24:37:18"}`,
	"mutex":                `{"type":"mutex","id":"mutex--1929eb7e-ca6a-4f20-8027-b1908e76e6b8","name":"__CLEANSWEEP__"}`,
	"network-traffic":      `{"type":"network-traffic","spec_version":"2.1","id":"` + tNetTraffic + `","dst_ref":"` + tIPv4 + `","protocols":["tcp","http"],"dst_port":80,"extensions":{"http-request-ext":{"request_method":"get","request_value":"/download.html","message_body_data_ref":"` + tArtifact + `"}}}`,
	"process":              `{"type":"process","spec_version":"2.1","id":"` + tProcess + `","pid":2217,"image_ref":"` + tFile + `","extensions":{"windows-service-ext":{"service_name":"sirvizio","service_dll_refs":["` + tFile2 + `"]}}}`,
	"software":             `{"type":"software","id":"` + tSoftware + `","name":"Word"}`,
	"url":                  `{"type":"url","id":"url--1929eb7e-ca6a-4f20-8027-b1908e76e6b9","value":"https://example.com/"}`,
	"user-account":         `{"type":"user-account","id":"` + tUser + `","user_id":"1001"}`,
	"windows-registry-key": `{"type":"windows-registry-key","id":"windows-registry-key--1929eb7e-ca6a-4f20-8027-b1908e76e6ba","key":"HKEY_LOCAL_MACHINE\\System\\Foo","creator_user_ref":"` + tUser + `"}`,
	"x509-certificate":     `{"type":"x509-certificate","id":"x509-certificate--1929eb7e-ca6a-4f20-8027-b1908e76e6bb","serial_number":"36:f7:d4"}`,

	"language-content":     `{` + sdoHead("language-content", "1929eb7e-ca6a-4f20-8027-b1908e76e6bc") + `,"object_ref":"` + tCampaign + `","object_modified":"2017-02-08T21:31:22.007Z","contents":{"de":{"name":"Bank Angriff","goals":["Geld",""]}}}`,
	"marking-definition":   `{"type":"marking-definition","spec_version":"2.1","id":"` + tMarking + `","created":"2016-08-01T00:00:00.000Z","created_by_ref":"` + tIdentity + `","definition_type":"statement","definition":{"statement":"Copyright 2019, Example Corp"}}`,
	"extension-definition": `{` + sdoHead("extension-definition", "155ceb2a-629b-4e80-b4b6-787db0d18e3a") + `,"created_by_ref":"` + tIdentity + `","name":"Foo","schema":"https://example.com/schema","version":"1.0.0","extension_types":["property-extension"]}`,
}

func TestValidateValidObjects(t *testing.T) {
	types := append(append(append(append([]string(nil), sdoTypes...), sroTypes...), scoTypes...), metaTypes...)
	for _, typ := range types {
		raw, ok := validObjects[typ]
		if !ok {
			t.Errorf("no valid %s in validObjects", typ)
			continue
		}
		o := mustObject(t, raw)
		if o.Type() != typ {
			t.Errorf("validObjects[%s] has type %s", typ, o.Type())
		}
		for _, p := range ValidateObject(o) {
			t.Errorf("%s: %s", typ, p)
		}
	}
}

// More valid objects: what the specification allows and a careless
// validator might reject.
var moreValid = []struct{ name, raw string }{
	{"STIX 2.0 TLP marking definition", `{"created":"2017-01-20T00:00:00.000Z","definition":{"tlp":"white"},"definition_type":"tlp","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","type":"marking-definition"}`},
	{"STIX 2.1 TLP marking definition", `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:RED","definition":{"tlp":"red"}}`},
	{"TLP 2.0 marking definition (an extension)", `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","created":"2022-10-01T00:00:00.000Z","name":"TLP:CLEAR","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"clear"}}}`},
	{"STIX 2.0 indicator with labels", `{"type":"indicator","id":"indicator--7095a22e-f5c4-4f76-9971-304715e80deb","created":"2016-04-06T20:03:48Z","modified":"2016-04-06T20:03:48Z","labels":["malicious-activity"],"pattern":"[file:name = 'x']","valid_from":"2016-01-01T00:00:00Z"}`},
	{"STIX 2.0 observed data with local references", `{"type":"observed-data","id":"observed-data--6a37667d-48c8-44c8-8def-0c491e3758a9","created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,"objects":{"0":{"type":"ipv4-addr","value":"198.51.100.2"},"1":{"type":"network-traffic","dst_ref":"0","protocols":["tcp"]}}}`},
	{"STIX 2.1 observed data with deprecated objects", `{` + sdoHead("observed-data", "6a37667d-48c8-44c8-8def-0c491e3758a9") + `,"first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,"objects":{"0":{"type":"email-addr","value":"a@example.com"},"1":{"type":"email-message","is_multipart":false,"to_refs":["0"]}}}`},
	{"uppercase UUID", `{"type":"ipv4-addr","id":"ipv4-addr--7138CC8E-8F6C-4955-A8B5-0F2902A9A6CE","value":"198.51.100.3"}`},
	{"UUID of any version", `{"type":"ipv4-addr","id":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","value":"198.51.100.3"}`},
	{"custom object type", `{"type":"x-acme-widget","spec_version":"2.1","id":"x-acme-widget--1929eb7e-ca6a-4f20-8027-b1908e76e6b0","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","tactic_refs":["` + tIndicator + `"]}`},
	{"custom properties, empty list under x_", `{` + sdoHead("attack-pattern", "927f5add-a95d-41ec-a80a-e2b499d7a522") + `,"name":"T","x_mitre_related":[{"sectors":[]}],"x_acme_ref":"","acme_score":5}`},
	{"nanosecond timestamps and beyond", `{` + sdoHead("campaign", "9d51641f-4358-4bc2-9708-2ad146bc59e2") + `,"name":"G","first_seen":"2016-01-01T00:00:00.123456789123Z","last_seen":"2016-01-01T00:00:00.123456789124Z"}`},
	{"leap day", `{` + sdoHead("campaign", "9d51641f-4358-4bc2-9708-2ad146bc59e2") + `,"name":"G","first_seen":"2016-02-29T00:00:00Z"}`},
	{"extension definition extension", `{` + sdoHead("indicator", "aa1e6ec1-45b1-4679-ad6b-59a14dd17274") + `,"pattern":"[x:y = 'z']","pattern_type":"stix","valid_from":"2016-01-01T00:00:00Z","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","rank":5}}}`},
	{"selector of a dictionary key and of id", `{"type":"file","spec_version":"2.1","id":"` + tFile + `","hashes":{"SHA-256":"ab"},"granular_markings":[{"marking_ref":"` + tMarking + `","selectors":["hashes.SHA-256","id"]}]}`},
	{"marking definition marked by another", `{"type":"marking-definition","spec_version":"2.1","id":"` + tMarking + `","created":"2016-08-01T00:00:00.000Z","definition_type":"statement","definition":{"statement":"x"},"object_marking_refs":["` + tTLPRed + `"]}`},
	{"marking definition by extension only", `{"type":"marking-definition","spec_version":"2.1","id":"` + tMarking + `","created":"2016-08-01T00:00:00.000Z","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","level":"x"}}}`},
	{"grouping without name", validObjects["grouping"]},
	{"network traffic with src_ref only", `{"type":"network-traffic","id":"` + tNetTraffic + `","src_ref":"` + tIPv4 + `","protocols":["ipv4"]}`},
	{"malware instance without name", `{` + sdoHead("malware", "00152ec2-54c2-46e1-8b03-a7d0b3223e7f") + `,"is_family":false}`},
	{"location by country", `{` + sdoHead("location", "6a7dba70-e801-44b7-ae9e-b30b2860f770") + `,"country":"th"}`},
	{"artifact by url", `{"type":"artifact","id":"` + tArtifact + `","url":"https://example.com/a","hashes":{"SHA-256":"ab"}}`},
	{"STIX 2.0 embedded certificate with type only", observed20(`"0":{"type":"x509-certificate"}`)},
	{"STIX 2.0 embedded custom observable", observed20(`"0":{"type":"x-acme-thing"}`)},
	{"embedded user account without user_id in STIX 2.1", `{` + sdoHead("observed-data", "6a37667d-48c8-44c8-8def-0c491e3758a9") + `,"first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,"objects":{"0":{"type":"user-account","account_login":"x"}}}`},
}

func TestValidateMoreValid(t *testing.T) {
	for _, c := range moreValid {
		t.Run(c.name, func(t *testing.T) {
			for _, p := range ValidateObject(mustObject(t, c.raw)) {
				t.Error(p)
			}
		})
	}
}

// edit changes a JSON object for a test case: set holds "path": value
// (paths in selector syntax, see splitSelector), del the paths to remove.
func edit(t *testing.T, raw string, set map[string]any, del ...string) string {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(raw))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		t.Fatalf("edit: %v", err)
	}
	at := func(p Path) (parent any, last PathStep) {
		cur := root
		for _, s := range p[:len(p)-1] {
			if s.IsIndex() {
				cur = cur.([]any)[s.Index]
			} else {
				cur = cur.(map[string]any)[s.Key]
			}
		}
		return cur, p[len(p)-1]
	}
	for _, k := range del {
		parent, last := at(splitSelector(k))
		if last.IsIndex() {
			t.Fatalf("edit: cannot delete list item %s", k)
		}
		delete(parent.(map[string]any), last.Key)
	}
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parent, last := at(splitSelector(k))
		if last.IsIndex() {
			parent.([]any)[last.Index] = set[k]
		} else {
			parent.(map[string]any)[last.Key] = set[k]
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(root); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

// invalidCases each break one rule once: ValidateObject must report
// exactly one problem, at path, whose message contains msg.
var invalidCases = []struct {
	name string
	base string
	set  map[string]any
	del  []string
	path string
	msg  string
}{
	// Required properties, spec_version, ids, types (sections 2.9, 3.1, 3.2).
	{name: "missing required property", base: "indicator", del: []string{"pattern"}, path: "pattern", msg: "required property is missing (STIX 2.1 section 4.7)"},
	{name: "missing created", base: "relationship", del: []string{"created"}, path: "created", msg: "required property is missing"},
	{name: "STIX 2.1 object without spec_version", base: "indicator", del: []string{"spec_version"}, path: "spec_version", msg: "required property is missing"},
	{name: "2.1-only type without spec_version", base: "grouping", del: []string{"spec_version"}, path: "spec_version", msg: "required property is missing"},
	{name: "wrong spec_version", base: "indicator", set: map[string]any{"spec_version": "2.0"}, path: "spec_version", msg: `must be "2.1"`},
	{name: "id of another type", base: "indicator", set: map[string]any{"id": tMalware}, path: "id", msg: "own type"},
	{name: "id without UUID", base: "indicator", set: map[string]any{"id": "indicator--1234"}, path: "id", msg: "RFC 4122"},
	{name: "id with non-RFC 4122 variant", base: "indicator", set: map[string]any{"id": "indicator--aa1e6ec1-45b1-4679-cd6b-59a14dd17274"}, path: "id", msg: "RFC 4122"},
	{name: "id with a single hyphen", base: "indicator", set: map[string]any{"id": "indicator-aa1e6ec1-45b1-4679-ad6b-59a14dd17274"}, path: "id", msg: "RFC 4122"},
	{name: "type not lowercase", base: "x509-certificate", set: map[string]any{"type": "X509-certificate"}, path: "type", msg: "a-z"},
	{name: "SCO with no property of its own", base: "process", del: []string{"pid", "image_ref", "extensions"}, path: "", msg: "at least one of its own properties"},

	// Timestamps (sections 2.16, 3.2) and their order.
	{name: "created without milliseconds", base: "indicator", set: map[string]any{"created": "2016-04-06T20:03:00Z", "modified": "2016-04-06T20:03:00.000Z"}, path: "created", msg: "millisecond precision"},
	{name: "timestamp with offset", base: "indicator", set: map[string]any{"valid_from": "2016-01-01T00:00:00+00:00"}, path: "valid_from", msg: "RFC 3339"},
	{name: "timestamp with lowercase z", base: "indicator", set: map[string]any{"valid_from": "2016-01-01T00:00:00z"}, path: "valid_from", msg: "RFC 3339"},
	{name: "timestamp with a dot and no digits", base: "indicator", set: map[string]any{"valid_from": "2016-01-01T00:00:00.Z"}, path: "valid_from", msg: "RFC 3339"},
	{name: "timestamp on a day that does not exist", base: "indicator", set: map[string]any{"valid_from": "2015-02-29T00:00:00Z"}, path: "valid_from", msg: "RFC 3339"},
	{name: "timestamp not a string", base: "indicator", set: map[string]any{"valid_from": 5}, path: "valid_from", msg: "timestamp string"},
	{name: "modified before created", base: "indicator", set: map[string]any{"modified": "2016-04-06T20:02:59.999Z"}, path: "modified", msg: "not be earlier than created"},
	{name: "valid_until not after valid_from", base: "indicator", set: map[string]any{"valid_until": "2016-01-01T00:00:00Z"}, path: "valid_until", msg: "later than valid_from"},
	{name: "last_seen before first_seen", base: "campaign", set: map[string]any{"last_seen": "2015-01-01T00:00:00Z"}, path: "last_seen", msg: "not be earlier than first_seen"},
	{name: "stop_time equal to start_time", base: "relationship", set: map[string]any{"stop_time": "2016-01-01T00:00:00Z"}, path: "stop_time", msg: "later than start_time"},
	{name: "nested timestamp", base: "x509-certificate", set: map[string]any{"x509_v3_extensions": map[string]any{"private_key_usage_period_not_before": "yesterday"}}, path: "x509_v3_extensions.private_key_usage_period_not_before", msg: "RFC 3339"},

	// Empty lists and dictionaries (sections 2.3, 2.12).
	{name: "empty list", base: "campaign", set: map[string]any{"aliases": []any{}}, path: "aliases", msg: "empty list"},
	{name: "empty required list", base: "report", set: map[string]any{"object_refs": []any{}}, path: "object_refs", msg: "empty list"},
	{name: "empty nested dictionary", base: "attack-pattern", set: map[string]any{"external_references.[0].hashes": map[string]any{}}, path: "external_references.[0].hashes", msg: "empty dictionary"},
	{name: "empty extension", base: "network-traffic", set: map[string]any{"extensions.tcp-ext": map[string]any{}}, path: "extensions.tcp-ext", msg: "empty dictionary"},
	{name: "empty list in a custom property without x_", base: "campaign", set: map[string]any{"acme_tags": []any{}}, path: "acme_tags", msg: "empty list"},

	// References (sections 2.9, 3.1, 3.3 and each type's).
	{name: "created_by_ref to a non-identity", base: "indicator", set: map[string]any{"created_by_ref": tMalware}, path: "created_by_ref", msg: "of type identity"},
	{name: "created_by_ref not an identifier", base: "indicator", set: map[string]any{"created_by_ref": "ACME Inc."}, path: "created_by_ref", msg: "RFC 4122"},
	{name: "object_marking_refs item not an identifier", base: "identity", set: map[string]any{"object_marking_refs": []any{"marking-definition--x"}}, path: "object_marking_refs.[0]", msg: "RFC 4122"},
	{name: "object_marking_refs item to an identity", base: "identity", set: map[string]any{"object_marking_refs": []any{tIdentity}}, path: "object_marking_refs.[0]", msg: "of type marking-definition"},
	{name: "relationship without source_ref", base: "relationship", del: []string{"source_ref"}, path: "source_ref", msg: "required property is missing (STIX 2.1 section 5.1)"},
	{name: "relationship to a marking definition", base: "relationship", set: map[string]any{"target_ref": tMarking}, path: "target_ref", msg: "must not refer"},
	{name: "relationship from a relationship", base: "relationship", set: map[string]any{"source_ref": "relationship--1929eb7e-ca6a-4f20-8027-b1908e76e6b4"}, path: "source_ref", msg: "must not refer"},
	{name: "sighting without sighting_of_ref", base: "sighting", del: []string{"sighting_of_ref"}, path: "sighting_of_ref", msg: "required property is missing"},
	{name: "sighting of an SCO", base: "sighting", set: map[string]any{"sighting_of_ref": tIPv4}, path: "sighting_of_ref", msg: "must not refer"},
	{name: "sighting where_sighted_refs to malware", base: "sighting", set: map[string]any{"where_sighted_refs": []any{tIdentity, tMalware}}, path: "where_sighted_refs.[1]", msg: "of type identity or location"},
	{name: "sighting count out of range", base: "sighting", set: map[string]any{"count": 1000000000}, path: "count", msg: "integer from 0 to 999999999"},
	{name: "email from_ref to an IP address", base: "email-message", set: map[string]any{"from_ref": tIPv4}, path: "from_ref", msg: "of type email-addr"},
	{name: "MIME part body_raw_ref to an URL", base: "email-message", set: map[string]any{"body_multipart.[1].body_raw_ref": "url--1929eb7e-ca6a-4f20-8027-b1908e76e6b9"}, path: "body_multipart.[1].body_raw_ref", msg: "of type artifact or file"},
	{name: "MIME part body_raw_ref not a string", base: "email-message", set: map[string]any{"body_multipart.[1].body_raw_ref": 5}, path: "body_multipart.[1].body_raw_ref", msg: "must be an identifier"},
	{name: "archive-ext contains_refs not a list", base: "file", set: map[string]any{"extensions.archive-ext.contains_refs": tFile2}, path: "extensions.archive-ext.contains_refs", msg: "list of identifiers"},
	{name: "archive-ext contains_refs to an artifact", base: "file", set: map[string]any{"extensions.archive-ext.contains_refs": []any{tArtifact}}, path: "extensions.archive-ext.contains_refs.[0]", msg: "of type file or directory"},
	{name: "http-request-ext body to a file", base: "network-traffic", set: map[string]any{"extensions.http-request-ext.message_body_data_ref": tFile}, path: "extensions.http-request-ext.message_body_data_ref", msg: "of type artifact"},
	{name: "windows-service-ext DLL not a file", base: "process", set: map[string]any{"extensions.windows-service-ext.service_dll_refs": []any{tArtifact}}, path: "extensions.windows-service-ext.service_dll_refs.[0]", msg: "of type file"},
	{name: "network traffic src_ref to an URL", base: "network-traffic", set: map[string]any{"src_ref": "url--1929eb7e-ca6a-4f20-8027-b1908e76e6b9"}, path: "src_ref", msg: "of type ipv4-addr or ipv6-addr or mac-addr or domain-name"},
	{name: "language content object_ref not an identifier", base: "language-content", set: map[string]any{"object_ref": "campaign--12"}, path: "object_ref", msg: "RFC 4122"},
	{name: "extension definition without created_by_ref", base: "extension-definition", del: []string{"created_by_ref"}, path: "created_by_ref", msg: "required property is missing (STIX 2.1 section 7.3)"},
	{name: "marking definition marking itself", base: "marking-definition", set: map[string]any{"object_marking_refs": []any{tMarking}}, path: "object_marking_refs.[0]", msg: "must not mark itself"},

	// Granular markings (section 7.2.3).
	{name: "granular marking with marking_ref and lang", base: "indicator", set: map[string]any{"granular_markings.[1].marking_ref": tMarking}, path: "granular_markings.[1]", msg: "exactly one of marking_ref and lang"},
	{name: "granular marking with neither", base: "indicator", del: []string{"granular_markings.[1].lang"}, path: "granular_markings.[1]", msg: "exactly one of marking_ref and lang"},
	{name: "granular marking without selectors", base: "indicator", del: []string{"granular_markings.[0].selectors"}, path: "granular_markings.[0].selectors", msg: "required property is missing"},
	{name: "granular marking with no selector", base: "indicator", set: map[string]any{"granular_markings.[0].selectors": []any{}}, path: "granular_markings.[0].selectors", msg: "empty list"},
	{name: "selector with an empty component", base: "indicator", set: map[string]any{"granular_markings.[0].selectors": []any{"labels..[1]"}}, path: "granular_markings.[0].selectors.[0]", msg: "not a valid selector"},
	{name: "selector with an index not in brackets", base: "indicator", set: map[string]any{"granular_markings.[0].selectors": []any{"labels.[x]"}}, path: "granular_markings.[0].selectors.[0]", msg: "not a valid selector"},
	{name: "selector of absent content", base: "indicator", set: map[string]any{"granular_markings.[0].selectors": []any{"labels.[2]"}}, path: "granular_markings.[0].selectors.[0]", msg: "not present"},
	{name: "selector into a string", base: "indicator", set: map[string]any{"granular_markings.[0].selectors": []any{"description.[0]"}}, path: "granular_markings.[0].selectors.[0]", msg: "not present"},
	{name: "granular marking_ref to an identity", base: "indicator", set: map[string]any{"granular_markings.[0].marking_ref": tIdentity}, path: "granular_markings.[0].marking_ref", msg: "of type marking-definition"},

	// Rules the types state in prose.
	{name: "network traffic without src_ref and dst_ref", base: "network-traffic", del: []string{"dst_ref"}, path: "", msg: "needs src_ref or dst_ref"},
	{name: "network traffic port out of range", base: "network-traffic", set: map[string]any{"dst_port": 65536}, path: "dst_port", msg: "integer from 0 to 65535"},
	{name: "network traffic active with an end", base: "network-traffic", set: map[string]any{"is_active": true, "end": "2016-01-01T00:00:00Z"}, path: "end", msg: "is_active is true"},
	{name: "location with no place", base: "location", del: []string{"region", "latitude", "longitude", "precision"}, path: "", msg: "needs region, country, or latitude and longitude"},
	{name: "location latitude without longitude", base: "location", del: []string{"longitude", "precision"}, path: "longitude", msg: "required when latitude is present"},
	{name: "location latitude out of range", base: "location", set: map[string]any{"latitude": 91}, path: "latitude", msg: "number from -90 to 90"},
	{name: "malware family without name", base: "malware", del: []string{"name"}, path: "name", msg: "malware family"},
	{name: "malware is_family not a boolean", base: "malware", set: map[string]any{"is_family": "yes"}, path: "is_family", msg: "true or false"},
	{name: "malware analysis without result", base: "malware-analysis", del: []string{"result", "analysis_sco_refs"}, path: "", msg: "needs result or analysis_sco_refs"},
	{name: "observed data with objects and object_refs", base: "observed-data", set: map[string]any{"objects": map[string]any{"0": map[string]any{"type": "ipv4-addr", "value": "1.2.3.4"}}}, path: "object_refs", msg: "must not be present with objects"},
	{name: "observed data with neither", base: "observed-data", del: []string{"object_refs"}, path: "", msg: "needs objects or object_refs"},
	{name: "observed data number_observed zero", base: "observed-data", set: map[string]any{"number_observed": 0}, path: "number_observed", msg: "integer from 1 to 999999999"},
	{name: "observed data local reference to nothing", base: "observed-data", del: []string{"object_refs"}, set: map[string]any{"objects": map[string]any{"0": map[string]any{"type": "network-traffic", "dst_ref": "1", "protocols": []any{"tcp"}}}}, path: "objects.0.dst_ref", msg: "key of an object in the same container"},
	{name: "embedded file with neither hashes nor name", base: "observed-data", del: []string{"object_refs"}, set: map[string]any{"objects": map[string]any{"0": map[string]any{"type": "file", "size": 25536}}}, path: "objects.0", msg: "needs hashes or name"},
	{name: "embedded network traffic without protocols", base: "observed-data", del: []string{"object_refs"}, set: map[string]any{"objects": map[string]any{"0": map[string]any{"type": "ipv4-addr", "value": "198.51.100.3"}, "1": map[string]any{"type": "network-traffic", "dst_ref": "0"}}}, path: "objects.1.protocols", msg: "required property is missing (STIX 2.1 section 6.12)"},
	{name: "embedded artifact with url and no hashes", base: "observed-data", del: []string{"object_refs"}, set: map[string]any{"objects": map[string]any{"0": map[string]any{"type": "artifact", "url": "https://example.com/a"}}}, path: "objects.0.hashes", msg: "required when url is present"},
	{name: "embedded process with no property", base: "observed-data", del: []string{"object_refs"}, set: map[string]any{"objects": map[string]any{"0": map[string]any{"type": "process"}}}, path: "objects.0", msg: "at least one of its own properties"},
	{name: "opinion outside the enumeration", base: "opinion", set: map[string]any{"opinion": "maybe"}, path: "opinion", msg: "enumeration of STIX 2.1 section 10.18"},
	{name: "artifact with url and no hashes", base: "artifact", del: []string{"payload_bin"}, set: map[string]any{"url": "https://example.com/a"}, path: "hashes", msg: "required when url is present"},
	{name: "artifact with neither payload_bin nor url", base: "artifact", del: []string{"payload_bin"}, path: "", msg: "needs payload_bin or url"},
	{name: "file with neither hashes nor name", base: "file", del: []string{"name"}, path: "", msg: "needs hashes or name"},
	{name: "email body with is_multipart true", base: "email-message", set: map[string]any{"body": "Hi"}, path: "body", msg: "is_multipart is true"},
	{name: "MIME part without body", base: "email-message", del: []string{"body_multipart.[1].body_raw_ref"}, path: "body_multipart.[1]", msg: "needs body or body_raw_ref"},
	{name: "archive-ext without contains_refs", base: "file", set: map[string]any{"extensions.archive-ext": map[string]any{"comment": "x"}}, path: "extensions.archive-ext.contains_refs", msg: "required property is missing (STIX 2.1 section 6.7.2)"},
	{name: "pebinary-ext with only pe_type", base: "file", set: map[string]any{"extensions.windows-pebinary-ext": map[string]any{"pe_type": "exe"}}, path: "extensions.windows-pebinary-ext", msg: "needs a property besides pe_type"},
	{name: "pebinary-ext section without name", base: "file", set: map[string]any{"extensions.windows-pebinary-ext": map[string]any{"pe_type": "exe", "sections": []any{map[string]any{"size": 4}}}}, path: "extensions.windows-pebinary-ext.sections.[0].name", msg: "required property is missing"},
	{name: "extension key that is not an identifier", base: "indicator", set: map[string]any{"extensions": map[string]any{"extension-definition--x": map[string]any{"extension_type": "property-extension"}}}, path: "extensions.extension-definition--x", msg: "not an extension definition identifier"},
	{name: "extension without extension_type", base: "indicator", set: map[string]any{"extensions": map[string]any{tExtDef: map[string]any{"rank": 5}}}, path: "extensions." + tExtDef + ".extension_type", msg: "required"},
	{name: "extension_type outside the enumeration", base: "indicator", set: map[string]any{"extensions": map[string]any{tExtDef: map[string]any{"extension_type": "new-thing"}}}, path: "extensions." + tExtDef + ".extension_type", msg: "extension-type-enum"},
	{name: "extension not an object", base: "network-traffic", set: map[string]any{"extensions.tcp-ext": "x"}, path: "extensions.tcp-ext", msg: "must be an object"},
	{name: "extension_types outside the enumeration", base: "extension-definition", set: map[string]any{"extension_types": []any{"new-sdo", "sdo"}}, path: "extension_types.[1]", msg: "section 10.5"},
	{name: "external reference with source_name only", base: "attack-pattern", del: []string{"external_references.[0].external_id"}, path: "external_references.[0]", msg: "needs description, url or external_id"},
	{name: "kill chain phase without phase_name", base: "attack-pattern", del: []string{"kill_chain_phases.[0].phase_name"}, path: "kill_chain_phases.[0].phase_name", msg: "required property is missing (STIX 2.1 section 2.11)"},
	{name: "defanged on an SDO", base: "indicator", set: map[string]any{"defanged": true}, path: "defanged", msg: "other than SCOs"},
	{name: "reserved property name", base: "indicator", set: map[string]any{"severity": "high"}, path: "severity", msg: "reserved"},
	{name: "confidence out of range", base: "indicator", set: map[string]any{"confidence": 101}, path: "confidence", msg: "integer from 0 to 100"},
	{name: "statement marking without statement", base: "marking-definition", set: map[string]any{"definition": map[string]any{"text": "x"}}, path: "definition.statement", msg: "required property is missing (STIX 2.1 section 7.2.1.3)"},
	{name: "marking definition without definition", base: "marking-definition", del: []string{"definition"}, path: "definition", msg: "required when extensions is absent"},

	// TLP marking definitions (section 7.2.1.4).
	{name: "TLP definition with its own id", base: "marking-definition", set: map[string]any{"definition_type": "tlp", "definition": map[string]any{"tlp": "white"}}, path: "id", msg: "must be one of the fixed instances"},
	{name: "TLP:CLEAR written on the TLP:WHITE id", base: "marking-definition", set: map[string]any{"id": tTLPWhite, "definition_type": "tlp", "definition": map[string]any{"tlp": "clear"}}, path: "", msg: "non-canonical form (tlp-clear-on-white-id"},
	{name: "statement on a fixed TLP id", base: "marking-definition", set: map[string]any{"id": tTLPRed}, path: "", msg: "does not match the fixed marking definition"},
}

func TestValidateInvalidObjects(t *testing.T) {
	for _, c := range invalidCases {
		t.Run(c.name, func(t *testing.T) {
			raw := edit(t, validObjects[c.base], c.set, c.del...)
			o, err := ParseObject([]byte(raw), nil)
			if err != nil {
				t.Fatalf("ParseObject: %v", err)
			}
			probs := ValidateObject(o)
			if len(probs) != 1 {
				t.Fatalf("got %d problems, want 1:\n%s", len(probs), problemList(probs))
			}
			p := probs[0]
			if got := p.Path.String(); got != c.path {
				t.Errorf("path %q, want %q (%s)", got, c.path, p)
			}
			if !strings.Contains(p.Msg, c.msg) {
				t.Errorf("message %q does not say %q", p.Msg, c.msg)
			}
			if p.Object != 0 {
				t.Errorf("Object = %d, want 0", p.Object)
			}
		})
	}
}

func problemList(probs []Problem) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestValidateVersions checks how an object without spec_version is
// judged: by STIX 2.0 when that fits better, by STIX 2.1 on a tie.
func TestValidateVersions(t *testing.T) {
	indicator20 := `{"type":"indicator","id":"indicator--7095a22e-f5c4-4f76-9971-304715e80deb","created":"2016-04-06T20:03:48Z","modified":"2016-04-06T20:03:48Z","labels":["malicious-activity"],"pattern":"[file:name = 'x']","valid_from":"2016-01-01T00:00:00Z"}`
	cases := []struct {
		name, raw, want string
	}{
		{"STIX 2.0 indicator without labels", edit(t, indicator20, nil, "labels"), "object 0 (" + tIndicator + "): labels: required property is missing (STIX 2.0)"},
		{"STIX 2.0 id that is not UUIDv4", edit(t, indicator20, map[string]any{"id": "indicator--28bb3599-77cd-5a82-a950-b5bc3caf07c4"}), "object 0 (indicator--28bb3599-77cd-5a82-a950-b5bc3caf07c4): id: must hold a version 4 UUID in STIX 2.0"},
		{"STIX 2.0 granular marking with lang only", edit(t, indicator20, map[string]any{"granular_markings": []any{map[string]any{"lang": "de", "selectors": []any{"pattern"}}}}), "object 0 (" + tIndicator + "): granular_markings.[0].marking_ref: required property is missing (STIX 2.0)"},
		{"STIX 2.0 embedded file without hashes or name", observed20(`"0":{"type":"file","size":25536}`), "object 0 (observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf): objects.0: needs hashes or name (STIX 2.1 section 6.7)"},
		{"STIX 2.1 indicator without spec_version", edit(t, validObjects["indicator"], nil, "spec_version"), "object 0 (indicator--aa1e6ec1-45b1-4679-ad6b-59a14dd17274): spec_version: required property is missing (STIX 2.1 section 4.7)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := problemList(ValidateObject(mustObject(t, c.raw)))
			if diff := cmp.Diff(c.want+"\n", got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateEmbedded20 checks the rules of STIX 2.0 Part 4 that differ
// from STIX 2.1's for cyber-observable objects embedded in a STIX 2.0
// observed-data (in a STIX 2.0 bundle).
func TestValidateEmbedded20(t *testing.T) {
	cases := []struct {
		name, members, want string
	}{
		{"user account without user_id", `"0":{"type":"user-account","account_login":"x"}`, "objects.0.user_id: required property is missing (STIX 2.0)"},
		{"registry key without key", `"0":{"type":"windows-registry-key","number_of_subkeys":2}`, "objects.0.key: required property is missing (STIX 2.0)"},
		{"certificate with type only", `"0":{"type":"x509-certificate"}`, ""},
		{"network traffic without ends", `"0":{"type":"network-traffic","protocols":["tcp"]}`, "objects.0: needs src_ref or dst_ref (STIX 2.1 section 6.12)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range validateObject(mustObject(t, observed20(c.members)), hint20) {
				got = append(got, p.Path.String()+": "+p.Msg)
			}
			if diff := cmp.Diff(c.want, strings.Join(got, "\n")); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// observed20 is a STIX 2.0 observed-data whose objects hold members.
func observed20(members string) string {
	return `{"type":"observed-data","id":"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf","created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,"objects":{` + members + `}}`
}

// TestValidateInput covers what Validate adds to ValidateObject: the
// version a bundle gives, (id, modified) uniqueness, the bundle's id.
func TestValidateInput(t *testing.T) {
	ind20 := `{"type":"indicator","id":"indicator--7095a22e-f5c4-4f76-9971-304715e80deb","created":"2016-04-06T20:03:48Z","modified":"2016-04-06T20:03:48Z","labels":["malicious-activity"],"pattern":"[file:name = 'x']","valid_from":"2016-01-01T00:00:00Z"}`
	ind21 := validObjects["indicator"]
	reordered := `{"modified":"2016-04-06T20:03:00.000Z","created":"2016-04-06T20:03:00.000Z","id":"indicator--aa1e6ec1-45b1-4679-ad6b-59a14dd17274","spec_version":"2.1","type":"indicator",
		"valid_until":"2017-01-01T00:00:00Z","valid_from":"2016-01-01T00:00:00Z","pattern_type":"stix","pattern":"[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
		"description":"A file hash","name":"Poison Ivy","labels":["a","b"],"granular_markings":[{"selectors":["description","labels.[1]"],"marking_ref":"` + tMarking + `"},{"lang":"de","selectors":["name"]}]}`
	changed := edit(t, ind21, map[string]any{"name": "Poison Ivy 2"})
	bundle := func(id string, objs ...string) string {
		return `{"type":"bundle","id":"` + id + `","objects":[` + strings.Join(objs, ",") + `]}`
	}
	const bundleID = "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d"
	cases := []struct {
		name, in string
		want     []string
	}{
		{"STIX 2.0 bundle", `{"type":"bundle","id":"` + bundleID + `","spec_version":"2.0","objects":[` + ind20 + `]}`, nil},
		{"STIX 2.0 bundle, spec_version after objects", `{"type":"bundle","id":"` + bundleID + `","objects":[` + ind20 + `],"spec_version":"2.0"}`, nil},
		{"version-less object in a STIX 2.1 bundle", bundle(bundleID, ind20), []string{
			"object 0 (" + tIndicator + "): spec_version: required property is missing (STIX 2.1 section 4.7)",
			"object 0 (" + tIndicator + "): pattern_type: required property is missing (STIX 2.1 section 4.7)",
			"object 0 (" + tIndicator + "): created: must have at least millisecond precision (STIX 2.1 section 3.2)",
			"object 0 (" + tIndicator + "): modified: must have at least millisecond precision (STIX 2.1 section 3.2)",
		}},
		{"version-less object in a TAXII 2.1 envelope", `{"more":false,"objects":[` + edit(t, ind21, nil, "spec_version") + `]}`, []string{
			"object 0 (indicator--aa1e6ec1-45b1-4679-ad6b-59a14dd17274): spec_version: required property is missing (STIX 2.1 section 4.7)",
		}},
		{"the same version twice", bundle(bundleID, ind21, ind21), nil},
		{"the same version, reordered and respaced", bundle(bundleID, ind21, reordered), nil},
		{"two versions with one id and modified", bundle(bundleID, ind21, validObjects["campaign"], changed), []string{
			"object 2 (indicator--aa1e6ec1-45b1-4679-ad6b-59a14dd17274): has the same id and modified as object 0 but other content: a version must always have the same properties and values (STIX 2.1 section 3.6)",
		}},
		{"two marking definitions with one id", bundle(bundleID, validObjects["marking-definition"], edit(t, validObjects["marking-definition"], map[string]any{"definition.statement": "other"})), []string{
			"object 1 (" + tMarking + "): has the same id and modified as object 0 but other content: a version must always have the same properties and values (STIX 2.1 section 3.6)",
		}},
		{"SCOs are not versioned", bundle(bundleID, validObjects["ipv4-addr"], edit(t, validObjects["ipv4-addr"], nil, "resolves_to_refs")), nil},
		{"bundle id of another type", bundle("report--5d0092c5-5f74-4287-9642-33f4c354e56d", ind21), []string{
			"input: id: must be an identifier bundle--<UUID> with an RFC 4122 UUID (STIX 2.1 section 8.1)",
		}},
		{"bundle without id", `{"type":"bundle","objects":[` + ind21 + `]}`, []string{"input: id: the bundle has no id (STIX 2.1 section 8.1)"}},
		{"empty bundle with a bad id", `{"type":"bundle","id":"bundle--1"}`, []string{
			"input: id: must be an identifier bundle--<UUID> with an RFC 4122 UUID (STIX 2.1 section 8.1)",
		}},
		{"NDJSON, problems in input order", validObjects["campaign"] + "\n" + edit(t, ind21, nil, "pattern") + "\n" + edit(t, validObjects["tool"], nil, "name") + "\n", []string{
			"object 1 (indicator--aa1e6ec1-45b1-4679-ad6b-59a14dd17274): pattern: required property is missing (STIX 2.1 section 4.7)",
			"object 2 (tool--1929eb7e-ca6a-4f20-8027-b1908e76e6b2): name: required property is missing (STIX 2.1 section 4.18)",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs, err := Validate(strings.NewReader(c.in), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range probs {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateInputErrors: what the Reader rejects is an error, with the
// problems found before it.
func TestValidateInputErrors(t *testing.T) {
	in := edit(t, validObjects["tool"], nil, "name") + "\n" + `{"type":"report","id":"` + tReport + `","object_refs":["` + tIndicator + `",5]}` + "\n"
	probs, err := Validate(strings.NewReader(in), nil)
	var ie *InputError
	if err == nil || !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *InputError", err)
	}
	if ie.Object != 1 {
		t.Errorf("error at object %d, want 1", ie.Object)
	}
	if len(probs) != 1 || probs[0].Object != 0 {
		t.Errorf("problems before the error: %v", probs)
	}
}

// TestValidateNoValues checks that no message repeats a value of the
// input: every case above planted distinctive values.
func TestValidateNoValues(t *testing.T) {
	secret := "jane.doe@victim.example"
	cases := []map[string]any{
		{"created_by_ref": secret},
		{"id": "indicator--" + secret},
		{"valid_from": secret},
		{"granular_markings.[0].selectors": []any{secret}},
		{"spec_version": secret},
		{"type": secret},
		{"extensions": map[string]any{"extension-definition--" + secret: map[string]any{"extension_type": secret}}},
	}
	for _, set := range cases {
		raw := edit(t, validObjects["indicator"], set)
		for _, p := range ValidateObject(mustObject(t, raw)) {
			if strings.Contains(p.Msg, "victim") || strings.Contains(p.ID, "victim") {
				t.Errorf("problem repeats a value: %s", p)
			}
		}
	}
}

// TestValidateTestdata runs the files under testdata/validate: every
// object of valid/ must be valid; each file of invalid/ must give the
// problems of its .want file (run with -update to rewrite them).
func TestValidateTestdata(t *testing.T) {
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "validate", dir, "*.json*"))
		for _, file := range files {
			if strings.HasSuffix(file, ".want") {
				continue
			}
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			probs, err := Validate(bytes.NewReader(data), nil)
			if err != nil {
				t.Errorf("%s: %v", file, err)
				continue
			}
			if dir == "valid" {
				for _, p := range probs {
					t.Errorf("%s: %s", file, p)
				}
				continue
			}
			if len(probs) == 0 {
				t.Errorf("%s: no problems", file)
			}
			golden(t, file+".want", []byte(problemList(probs)))
		}
	}
}

func TestValidateCorpus(t *testing.T) {
	for _, file := range corpusFiles(t) {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		probs, err := Validate(f, nil)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(file), err)
		}
		for i, p := range probs {
			if i == 10 {
				t.Errorf("%s: ... %d problems in all", filepath.Base(file), len(probs))
				break
			}
			t.Errorf("%s: %s", filepath.Base(file), p)
		}
	}
}

func TestProblemString(t *testing.T) {
	cases := []struct {
		p    Problem
		want string
	}{
		{Problem{Object: 3, ID: tIndicator, Path: Path{Key("pattern")}, Msg: "m"}, "object 3 (" + tIndicator + "): pattern: m"},
		{Problem{Object: 0, Msg: "m"}, "object 0: m"},
		{Problem{Object: -1, Path: Path{Key("id")}, Msg: "m"}, "input: id: m"},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// TestRemovalMayBreak removes, from every valid example object, each
// top-level property in turn: whenever the object becomes invalid while
// the property is not a required one, RemovalMayBreak must have said so,
// so that a redactor knows to try such a removal first. Selectors left
// pointing at the removed content do not count: a redactor rewrites the
// granular markings after any removal.
func TestRemovalMayBreak(t *testing.T) {
	checked := 0
	for typ, raw := range validObjects {
		var top map[string]json.RawMessage
		if err := json.Unmarshal([]byte(raw), &top); err != nil {
			t.Fatal(err)
		}
		for name := range top {
			if IsRequired(typ, name, "2.1") {
				continue
			}
			o, err := ParseObject([]byte(edit(t, raw, nil, name)), nil)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			for _, p := range ValidateObject(o) {
				if len(p.Path) > 0 && p.Path[0].Key == "granular_markings" {
					continue
				}
				if !RemovalMayBreak(typ, name) {
					t.Errorf("%s without %s is invalid (%v), but RemovalMayBreak says removing it cannot break one", typ, name, p)
				}
				break
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d removals tried", checked)
	}
	if !RemovalMayBreak("malware", "name") || RemovalMayBreak("malware", "description") || !RemovalMayBreak("process", "pid") || RemovalMayBreak("x-custom", "name") {
		t.Error("RemovalMayBreak misjudges malware, process or a custom type")
	}
}
