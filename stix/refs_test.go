package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/google/go-cmp/cmp"
)

// refLine is a Ref as a test states it: path, id, kind, rule property
// ("-" for none) and required flag.
type refLine struct {
	Path, ID, Kind, Rule string
	Required             bool
}

func refLines(refs []Ref) []refLine {
	var out []refLine
	for _, r := range refs {
		l := refLine{Path: r.Path.String(), ID: r.ID, Kind: r.Kind.String(), Rule: "-", Required: r.Required}
		if r.Rule != nil {
			l.Rule = r.Rule.Property
		}
		out = append(out, l)
	}
	return out
}

func TestRefs(t *testing.T) {
	cases := []struct {
		name string
		raw  string
		want []refLine
	}{
		{"relationship, common references in document order",
			`{"type":"relationship","spec_version":"2.1","id":"relationship--1929eb7e-ca6a-4f20-8027-b1908e76e6b4","created_by_ref":"` + tIdentity + `","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z","relationship_type":"indicates","source_ref":"` + tIndicator + `","target_ref":"` + tMalware + `","object_marking_refs":["` + tTLPWhite + `","` + tMarking + `"],"granular_markings":[{"lang":"en","selectors":["relationship_type"]},{"marking_ref":"` + tTLPRed + `","selectors":["source_ref"]}]}`,
			[]refLine{
				{"created_by_ref", tIdentity, "property", "created_by_ref", false},
				{"source_ref", tIndicator, "property", "source_ref", true},
				{"target_ref", tMalware, "property", "target_ref", true},
				{"object_marking_refs.[0]", tTLPWhite, "marking", "object_marking_refs", false},
				{"object_marking_refs.[1]", tMarking, "marking", "object_marking_refs", false},
				{"granular_markings.[1].marking_ref", tTLPRed, "marking", "granular_markings.marking_ref", false},
			}},
		{"sighting", validObjects["sighting"], []refLine{
			{"sighting_of_ref", tIndicator, "property", "sighting_of_ref", true},
			{"observed_data_refs.[0]", tObserved, "property", "observed_data_refs", false},
			{"where_sighted_refs.[0]", tIdentity, "property", "where_sighted_refs", false},
			{"where_sighted_refs.[1]", tLocation, "property", "where_sighted_refs", false},
		}},
		{"report", validObjects["report"], []refLine{
			{"object_refs.[0]", tIndicator, "property", "object_refs", true},
			{"object_refs.[1]", tCampaign, "property", "object_refs", true},
		}},
		{"email message with MIME parts", validObjects["email-message"], []refLine{
			{"from_ref", tEmailAddr, "property", "from_ref", false},
			{"to_refs.[0]", tEmailAddr2, "property", "to_refs", false},
			{"body_multipart.[1].body_raw_ref", tArtifact, "property", "body_multipart.body_raw_ref", false},
			{"raw_email_ref", tArtifact, "property", "raw_email_ref", false},
		}},
		{"network traffic with http-request-ext", validObjects["network-traffic"], []refLine{
			{"dst_ref", tIPv4, "property", "dst_ref", false},
			{"extensions.http-request-ext.message_body_data_ref", tArtifact, "property", "extensions.http-request-ext.message_body_data_ref", false},
		}},
		{"file with archive-ext", validObjects["file"], []refLine{
			{"parent_directory_ref", tDirectory, "property", "parent_directory_ref", false},
			{"extensions.archive-ext.contains_refs.[0]", tFile2, "property", "extensions.archive-ext.contains_refs", true},
			{"extensions.archive-ext.contains_refs.[1]", tDirectory, "property", "extensions.archive-ext.contains_refs", true},
		}},
		{"process with windows-service-ext", validObjects["process"], []refLine{
			{"image_ref", tFile, "property", "image_ref", false},
			{"extensions.windows-service-ext.service_dll_refs.[0]", tFile2, "property", "extensions.windows-service-ext.service_dll_refs", false},
		}},
		{"observed data with deprecated objects: local keys are not references",
			`{"type":"observed-data","spec_version":"2.1","id":"` + tObserved + `","created_by_ref":"` + tIdentity + `","created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,"objects":{"0":{"type":"ipv4-addr","value":"198.51.100.2"},"1":{"type":"network-traffic","src_ref":"0","dst_ref":"` + tIPv4 + `","protocols":["tcp"]},"2":{"type":"email-message","is_multipart":false,"to_refs":["0"]}}}`,
			[]refLine{{"created_by_ref", tIdentity, "property", "created_by_ref", false}}},
		{"language content: object_ref, but no references in contents",
			`{"type":"language-content","spec_version":"2.1","id":"language-content--1929eb7e-ca6a-4f20-8027-b1908e76e6bc","created":"2017-02-08T21:31:22.007Z","modified":"2017-02-08T21:31:22.007Z","object_ref":"` + tCampaign + `","contents":{"de":{"name":"Bank Angriff","x_note_ref":"` + tIdentity + `"}}}`,
			[]refLine{{"object_ref", tCampaign, "language", "object_ref", true}}},
		{"extension keys and custom references inside extensions",
			`{"type":"indicator","spec_version":"2.1","id":"` + tIndicator + `","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","owner_ref":"` + tIdentity + `"},"x-acme-ext":{"x_ref":""}}}`,
			[]refLine{
				{"extensions." + tExtDef, tExtDef, "extension", "-", false},
				{"extensions." + tExtDef + ".owner_ref", tIdentity, "property", "-", false},
			}},
		{"custom references: identifiers only",
			`{"type":"campaign","id":"` + tCampaign + `","x_acme_ref":"` + tIdentity + `","x_empty_ref":"","x_acme_refs":["","not an id","` + tIndicator + `"],"x_contents":[{"object_ref":"` + tMalware + `","object_modified":"2016-01-01T00:00:00Z"}],"x_nested":{"x_n_ref":5}}`,
			[]refLine{
				{"x_acme_ref", tIdentity, "property", "-", false},
				{"x_acme_refs.[2]", tIndicator, "property", "-", false},
				{"x_contents.[0].object_ref", tMalware, "property", "-", false},
			}},
		{"custom object type",
			`{"type":"x-mitre-matrix","spec_version":"2.1","id":"x-mitre-matrix--1929eb7e-ca6a-4f20-8027-b1908e76e6b0","created_by_ref":"` + tIdentity + `","tactic_refs":["x-mitre-tactic--b14251c6-34f3-4cb6-9cb6-b0e5cc283a19"]}`,
			[]refLine{
				{"created_by_ref", tIdentity, "property", "created_by_ref", false},
				{"tactic_refs.[0]", "x-mitre-tactic--b14251c6-34f3-4cb6-9cb6-b0e5cc283a19", "property", "-", false},
			}},
		{"values of defined properties are reported whatever they hold",
			`{"type":"report","id":"` + tReport + `","created_by_ref":"ACME","object_refs":[""]}`,
			[]refLine{
				{"created_by_ref", "ACME", "property", "created_by_ref", false},
				{"object_refs.[0]", "", "property", "object_refs", true},
			}},
		{"escaped identifiers are decoded",
			`{"type":"note","id":"note--3efacfc8-d748-46b4-9e5d-7b721c90789e","created_by_ref":"identity\u002d\u002d1929eb7e-ca6a-4f20-8027-b1908e76e6b0","obj\u0065ct_refs":["` + tCampaign + `"]}`,
			[]refLine{
				{"created_by_ref", tIdentity, "property", "created_by_ref", false},
				{"object_refs.[0]", tCampaign, "property", "object_refs", true},
			}},
		{"escaped extension key",
			`{"type":"indicator","id":"` + tIndicator + `","extensions":{"extension\u002ddefinition--155ceb2a-629b-4e80-b4b6-787db0d18e3a":{"extension_type":"new-sdo"}}}`,
			[]refLine{{"extensions." + tExtDef, tExtDef, "extension", "-", false}}},
		{"no references", validObjects["mutex"], nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := mustObject(t, c.raw)
			refs := Refs(o)
			if diff := cmp.Diff(c.want, refLines(refs)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			checkSpans(t, o, refs)
		})
	}
}

// checkSpans checks that each Ref's Span holds its id as a JSON string
// and, but for extension keys, is the value at its Path.
func checkSpans(t *testing.T, o *Object, refs []Ref) {
	t.Helper()
	// Lookup walks lists from their start: keep the check linear on
	// objects with thousands of references (ATT&CK's collections).
	lookup := len(refs) <= 100
	raw := o.Raw()
	for _, r := range refs {
		if r.Span.Start < 0 || r.Span.End > len(raw) || r.Span.Len() < 2 {
			t.Fatalf("%s: span %v out of the object", r.Path, r.Span)
		}
		q := raw[r.Span.Start:r.Span.End]
		if q[0] != '"' || q[len(q)-1] != '"' || unquote(q) != r.ID {
			t.Errorf("%s: span holds %s, not the id", r.Path, q)
		}
		if r.Kind == RefExtension || !lookup {
			continue
		}
		if s, ok := o.Lookup(r.Path); !ok || s != r.Span {
			t.Errorf("%s: Lookup gives %v %v, span is %v", r.Path, s, ok, r.Span)
		}
	}
}

func TestRefsPathsAreIndependent(t *testing.T) {
	refs := Refs(mustObject(t, validObjects["report"]))
	p := refs[0].Path.Append(Key("x"))
	_ = append(refs[0].Path, Key("y"))
	if got := refs[1].Path.String(); got != "object_refs.[1]" {
		t.Errorf("appending to one Ref's path changed another's: %s", got)
	}
	if p.String() != "object_refs.[0].x" {
		t.Errorf("Append: %s", p)
	}
}

func TestRefRules(t *testing.T) {
	find := func(rs []RefRule, prop string) *RefRule {
		for i := range rs {
			if rs[i].Property == prop {
				return &rs[i]
			}
		}
		return nil
	}
	// Every type the specification defines has a rule set with the common
	// rules, once each.
	for typ := range typeClasses {
		rs := RefRules(typ)
		for _, prop := range []string{"created_by_ref", "object_marking_refs", "granular_markings.marking_ref"} {
			n := 0
			for _, r := range rs {
				if r.Property == prop {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: %d rules for %s", typ, n, prop)
			}
		}
	}
	if r := find(RefRules("extension-definition"), "created_by_ref"); r == nil || !r.Required {
		t.Errorf("extension-definition created_by_ref: %+v, want required", r)
	}
	if r := find(RefRules("indicator"), "created_by_ref"); r == nil || r.Required || r.Targets[0] != "identity" {
		t.Errorf("indicator created_by_ref: %+v", r)
	}
	nt := RefRules("network-traffic")
	for _, p := range []string{"src_ref", "dst_ref"} {
		if r := find(nt, p); r == nil || r.OneOf != "src_ref|dst_ref" {
			t.Errorf("network-traffic %s: %+v", p, r)
		}
	}
	if r := find(RefRules("report"), "object_refs"); r == nil || !r.List || !r.Required || r.Targets != nil {
		t.Errorf("report object_refs: %+v", r)
	}
	if r := find(RefRules("relationship"), "target_ref"); r == nil || !contains(r.Excludes, "marking-definition") || contains(r.Excludes, "indicator") {
		t.Errorf("relationship target_ref: %+v", r)
	}
	if got := len(RefRules("x-acme-widget")); got != len(commonRefRules) {
		t.Errorf("custom type: %d rules, want the %d common ones", got, len(commonRefRules))
	}
	// The slice is the caller's.
	rs := RefRules("report")
	rs[0].Property = "changed"
	if find(RefRules("report"), "object_refs") == nil {
		t.Error("changing RefRules' result changed the table")
	}
}

func TestSplitIdentifier(t *testing.T) {
	cases := []struct {
		id, typ string
		version byte
		ok      bool
	}{
		{tIndicator, "indicator", 4, true},
		{"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", "ipv4-addr", 5, true},
		{"x-mitre-tactic--B14251C6-34F3-4CB6-9CB6-B0E5CC283A19", "x-mitre-tactic", 4, true},
		{"indicator--7095a22e-f5c4-4f76-c971-304715e80deb", "", 0, false}, // variant 110x
		{"indicator--7095a22e-f5c4-4f76-7971-304715e80deb", "", 0, false}, // variant 0xxx
		{"indicator--00000000-0000-0000-0000-000000000000", "", 0, false}, // nil UUID
		{"indicator--7095a22ef5c44f769971304715e80deb", "", 0, false},     // no hyphens
		{"indicator--7095a22e-f5c4-4f76-9971-304715e80dex", "", 0, false}, // not hex
		{"indicator-7095a22e-f5c4-4f76-9971-304715e80deb", "", 0, false},  // one hyphen
		{"Indicator--7095a22e-f5c4-4f76-9971-304715e80deb", "", 0, false}, // uppercase type
		{"x--7095a22e-f5c4-4f76-9971-304715e80deb", "", 0, false},         // type too short
		{"x--y--7095a22e-f5c4-4f76-9971-304715e80deb", "", 0, false},      // "--" in the type
		{"1x-a--7095a22e-f5c4-4f76-9971-304715e80deb", "", 0, false},      // type starts with a digit
		{"--7095a22e-f5c4-4f76-9971-304715e80deb", "", 0, false},          // no type
		{"", "", 0, false},
	}
	for _, c := range cases {
		typ, version, ok := splitIdentifier(c.id)
		if ok != c.ok || (ok && (typ != c.typ || version != c.version)) {
			t.Errorf("%q: %q %d %v, want %q %d %v", c.id, typ, version, ok, c.typ, c.version, c.ok)
		}
		if isIdentifier([]byte(c.id)) != c.ok {
			t.Errorf("%q: the []byte form disagrees", c.id)
		}
	}
}

func TestRewriteRefs(t *testing.T) {
	newID := "identity--77b20fee-e643-4ecc-9187-ec812f426bdc"
	cases := []struct {
		name string
		raw  string
		// decide: ids mapped to "" are removed, to another id replaced.
		decide  map[string]string
		want    string
		emptied []string
		broken  []string
		deleted []string
	}{
		{name: "replace a scalar and a list item",
			raw:    `{"type":"report","id":"` + tReport + `","created_by_ref":"` + tIdentity + `","object_refs":["` + tIndicator + `","` + tIdentity + `"]}`,
			decide: map[string]string{tIdentity: newID},
			want:   `{"type":"report","id":"` + tReport + `","created_by_ref":"` + newID + `","object_refs":["` + tIndicator + `","` + newID + `"]}`},
		{name: "remove a list item",
			raw:     validObjects["report"],
			decide:  map[string]string{tIndicator: ""},
			want:    strings.Replace(validObjects["report"], `"`+tIndicator+`",`, "", 1),
			deleted: []string{"object_refs.[0]"}},
		{name: "remove an optional scalar",
			raw:     `{"type":"malware-analysis","id":"malware-analysis--d3c4be37-3c94-44f0-8bf9-05efd365d36e","product":"x","host_vm_ref":"` + tSoftware + `","result":"malicious"}`,
			decide:  map[string]string{tSoftware: ""},
			want:    `{"type":"malware-analysis","id":"malware-analysis--d3c4be37-3c94-44f0-8bf9-05efd365d36e","product":"x","result":"malicious"}`,
			deleted: []string{"host_vm_ref"}},
		{name: "remove all items of an optional list",
			raw:     `{"type":"email-message","id":"email-message--1929eb7e-ca6a-4f20-8027-b1908e76e6b6","is_multipart":false,"to_refs":["` + tEmailAddr + `","` + tEmailAddr2 + `"],"subject":"hi"}`,
			decide:  map[string]string{tEmailAddr: "", tEmailAddr2: ""},
			want:    `{"type":"email-message","id":"email-message--1929eb7e-ca6a-4f20-8027-b1908e76e6b6","is_multipart":false,"subject":"hi"}`,
			emptied: []string{"to_refs"},
			deleted: []string{"to_refs.[0]", "to_refs.[1]"}},
		{name: "remove all items of a required list: the object is broken",
			raw:     validObjects["report"],
			decide:  map[string]string{tIndicator: "", tCampaign: ""},
			want:    edit(t, validObjects["report"], nil, "object_refs"),
			emptied: []string{"object_refs"},
			broken:  []string{"object_refs.[0]", "object_refs.[1]"},
			deleted: []string{"object_refs.[0]", "object_refs.[1]"}},
		{name: "remove a required scalar: the object is broken",
			raw:     validObjects["relationship"],
			decide:  map[string]string{tMalware: ""},
			want:    edit(t, validObjects["relationship"], nil, "target_ref"),
			broken:  []string{"target_ref"},
			deleted: []string{"target_ref"}},
		{name: "remove one end of network traffic",
			raw:     `{"type":"network-traffic","id":"` + tNetTraffic + `","src_ref":"` + tIPv4b + `","dst_ref":"` + tIPv4 + `","protocols":["tcp"]}`,
			decide:  map[string]string{tIPv4: ""},
			want:    `{"type":"network-traffic","id":"` + tNetTraffic + `","src_ref":"` + tIPv4b + `","protocols":["tcp"]}`,
			deleted: []string{"dst_ref"}},
		{name: "remove both ends of network traffic",
			raw:     `{"type":"network-traffic","id":"` + tNetTraffic + `","src_ref":"` + tIPv4b + `","dst_ref":"` + tIPv4 + `","protocols":["tcp"]}`,
			decide:  map[string]string{tIPv4: "", tIPv4b: ""},
			want:    `{"type":"network-traffic","id":"` + tNetTraffic + `","protocols":["tcp"]}`,
			broken:  []string{"src_ref", "dst_ref"},
			deleted: []string{"src_ref", "dst_ref"}},
		{name: "remove observed data's last object_ref",
			raw:     validObjects["observed-data"],
			decide:  map[string]string{tIPv4: ""},
			want:    edit(t, validObjects["observed-data"], nil, "object_refs"),
			emptied: []string{"object_refs"},
			broken:  []string{"object_refs.[0]"},
			deleted: []string{"object_refs.[0]"}},
		{name: "remove a granular marking's marking_ref: the marking goes",
			raw:     validObjects["indicator"],
			decide:  map[string]string{tMarking: ""},
			want:    strings.Replace(validObjects["indicator"], `{"marking_ref":"`+tMarking+`","selectors":["description","labels.[1]"]},`, "", 1),
			deleted: []string{"granular_markings.[0]"}},
		{name: "remove an extension definition: the extension goes",
			raw:     `{"type":"indicator","id":"` + tIndicator + `","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","rank":5}}}`,
			decide:  map[string]string{tExtDef: ""},
			want:    `{"type":"indicator","id":"` + tIndicator + `"}`,
			emptied: []string{"extensions"},
			deleted: []string{"extensions." + tExtDef}},
		{name: "extension keys are never re-identified",
			raw:    `{"type":"indicator","id":"` + tIndicator + `","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","rank":5}}}`,
			decide: map[string]string{tExtDef: "extension-definition--77b20fee-e643-4ecc-9187-ec812f426bdc"},
			want:   `{"type":"indicator","id":"` + tIndicator + `","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","rank":5}}}`},
		{name: "remove a MIME part's only body: the part goes",
			raw:     validObjects["email-message"],
			decide:  map[string]string{tArtifact: ""},
			want:    edit(t, validObjects["email-message"], map[string]any{"body_multipart": []any{map[string]any{"content_type": "text/plain", "body": "Hi"}}}, "raw_email_ref"),
			deleted: []string{"body_multipart.[1].body_raw_ref", "raw_email_ref", "body_multipart.[1]"}},
		{name: "remove archive-ext's last file: the extension goes",
			raw:     `{"type":"file","id":"` + tFile + `","name":"foo.zip","extensions":{"archive-ext":{"contains_refs":["` + tFile2 + `"],"comment":"c"},"x-acme-ext":{"a":1}}}`,
			decide:  map[string]string{tFile2: ""},
			want:    `{"type":"file","id":"` + tFile + `","name":"foo.zip","extensions":{"x-acme-ext":{"a":1}}}`,
			deleted: []string{"extensions.archive-ext.contains_refs.[0]", "extensions.archive-ext"}},
		{name: "language content without its object is broken",
			raw:     validObjects["language-content"],
			decide:  map[string]string{tCampaign: ""},
			want:    edit(t, validObjects["language-content"], nil, "object_ref"),
			broken:  []string{"object_ref"},
			deleted: []string{"object_ref"}},
		{name: "remove a custom reference",
			raw:     `{"type":"campaign","id":"` + tCampaign + `","name":"c","x_acme_refs":["` + tIdentity + `","` + tIndicator + `"],"x_owner_ref":"` + tIdentity + `"}`,
			decide:  map[string]string{tIdentity: ""},
			want:    `{"type":"campaign","id":"` + tCampaign + `","name":"c","x_acme_refs":["` + tIndicator + `"]}`,
			deleted: []string{"x_acme_refs.[0]", "x_owner_ref"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := mustObject(t, c.raw)
			e := NewEditor(o)
			res := RewriteRefs(o, e, func(r Ref) (string, bool) {
				to, ok := c.decide[r.ID]
				return to, ok && to == ""
			})
			got, emptied, err := e.Apply(nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decodeJSON(t, c.want), decodeJSON(t, string(got))); diff != "" {
				t.Errorf("output (-want +got):\n%s\n%s", diff, got)
			}
			if diff := cmp.Diff(c.emptied, pathStrings(emptied)); diff != "" {
				t.Errorf("emptied (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.deleted, pathStrings(res.Deleted)); diff != "" {
				t.Errorf("Deleted (-want +got):\n%s", diff)
			}
			var broken []string
			for _, r := range res.Broken {
				broken = append(broken, r.Path.String())
			}
			if diff := cmp.Diff(c.broken, broken); diff != "" {
				t.Errorf("Broken (-want +got):\n%s", diff)
			}
			if _, err := ParseObject(got, nil); err != nil {
				t.Errorf("output is not an object: %v", err)
			}
		})
	}
}

// decodeJSON decodes a JSON text for comparisons that ignore member
// order (the expected outputs above are partly built with edit).
func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	return v
}

func pathStrings(ps []Path) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestRewriteRefsCounts(t *testing.T) {
	o := mustObject(t, validObjects["sighting"])
	e := NewEditor(o)
	res := RewriteRefs(o, e, func(r Ref) (string, bool) {
		switch r.ID {
		case tIdentity:
			return "", true
		case tLocation:
			return "location--77b20fee-e643-4ecc-9187-ec812f426bdc", false
		}
		return "", false
	})
	if res.Replaced != 1 || res.Removed != 1 || len(res.Broken) != 0 {
		t.Errorf("got %+v", res)
	}
}

// TestRefsCorpus checks that no reference in the corpus is malformed and
// that every span holds its id.
func TestRefsCorpus(t *testing.T) {
	n := 0
	for _, file := range corpusFiles(t) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := NewBytesReader(data, nil)
		for {
			o, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			refs := Refs(o)
			n += len(refs)
			for _, ref := range refs {
				if ref.Kind == RefExtension {
					if typ, _, ok := splitIdentifier(ref.ID); !ok || typ != "extension-definition" {
						t.Errorf("%s: object %d: %s: malformed extension key", filepath.Base(file), o.Index(), ref.Path)
					}
				} else if !isIdentifier(ref.ID) {
					t.Errorf("%s: object %d: %s: malformed id", filepath.Base(file), o.Index(), ref.Path)
				}
			}
			checkSpans(t, o, refs)
		}
	}
	if n < 10000 {
		t.Errorf("found %d references in the corpus; ATT&CK alone has more", n)
	}
}

// FuzzRefs: Refs never panics; every Ref's Span is a JSON string decoding
// to its ID, at its Path; rewriting every reference gives an object.
func FuzzRefs(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := ParseObject(data, nil)
		if err != nil {
			return
		}
		refs := Refs(o)
		checkSpans(t, o, refs)
		ValidateObject(o)
		if len(refs) > 1000 {
			return // the rewrite below is linear, but each input should stay quick
		}
		e := NewEditor(o)
		n := 0
		RewriteRefs(o, e, func(r Ref) (string, bool) {
			n++
			if n%2 == 0 {
				return "", true
			}
			return "identity--77b20fee-e643-4ecc-9187-ec812f426bdc", false
		})
		out, _, err := e.Apply(nil)
		if err != nil {
			t.Fatalf("Apply: %v", err)
		}
		if _, err := ParseObject(out, nil); err != nil {
			t.Fatalf("rewritten object does not parse: %v\n%s", err, out)
		}
	})
}

// BenchmarkRefs finds the references of every object of the corpus
// bundles (objects read beforehand).
func BenchmarkRefs(b *testing.B) {
	for name, data := range benchInputs(b) {
		var objs []*Object
		r := NewBytesReader(data, nil)
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			objs = append(objs, o.Clone())
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, o := range objs {
					Refs(o)
				}
			}
		})
	}
}

// BenchmarkValidate validates the corpus bundles, reading included.
func BenchmarkValidate(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Validate(bytes.NewReader(data), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// oracleRefs finds references the slow, obvious way: decode with
// encoding/json and walk the tree. It returns "path id" lines, sorted
// (map order is lost in decoding).
func oracleRefs(t *testing.T, raw []byte) []string {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(raw, &root); err != nil {
		t.Fatal(err)
	}
	typ, _ := root["type"].(string)
	rules := RefRules(typ)
	defined := func(p Path) bool {
		var names []string
		for _, s := range p {
			if !s.IsIndex() {
				names = append(names, s.Key)
			}
		}
		for _, r := range rules {
			if r.Property == strings.Join(names, ".") {
				return true
			}
		}
		return false
	}
	var out []string
	emit := func(p Path, id string) {
		if defined(p) || isIdentifier(id) {
			out = append(out, p.String()+" "+id)
		}
	}
	var visit func(p Path, v any)
	visit = func(p Path, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				q := p.Append(Key(k))
				switch {
				case len(p) == 0 && typ == "observed-data" && k == "objects",
					len(p) == 0 && typ == "language-content" && k == "contents":
				case len(p) == 0 && k == "extensions":
					if ext, ok := x.(map[string]any); ok {
						for key, val := range ext {
							if strings.HasPrefix(key, "extension-definition--") {
								out = append(out, q.Append(Key(key)).String()+" "+key)
							}
							visit(q.Append(Key(key)), val)
						}
					} else {
						visit(q, x)
					}
				case strings.HasSuffix(k, "_ref"):
					if s, ok := x.(string); ok {
						emit(q, s)
					} else {
						visit(q, x)
					}
				case strings.HasSuffix(k, "_refs"):
					if l, ok := x.([]any); ok {
						for i, it := range l {
							if s, ok := it.(string); ok {
								emit(q.Append(Index(i)), s)
							} else {
								visit(q.Append(Index(i)), it)
							}
						}
					} else {
						visit(q, x)
					}
				default:
					visit(q, x)
				}
			}
		case []any:
			for i, x := range v {
				visit(p.Append(Index(i)), x)
			}
		}
	}
	visit(nil, root)
	sort.Strings(out)
	return out
}

func refsSorted(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.Path.String()+" "+r.ID)
	}
	sort.Strings(out)
	return out
}

// TestRefsOracle compares Refs with oracleRefs on every test object and
// the corpus.
func TestRefsOracle(t *testing.T) {
	var inputs []string
	for _, raw := range validObjects {
		inputs = append(inputs, raw)
	}
	for _, c := range moreValid {
		inputs = append(inputs, c.raw)
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*", "*.json"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := NewBytesReader(data, nil)
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			inputs = append(inputs, string(o.Raw()))
		}
	}
	for _, raw := range inputs {
		o := mustObject(t, raw)
		if diff := cmp.Diff(oracleRefs(t, o.Raw()), refsSorted(Refs(o))); diff != "" {
			t.Errorf("%s: (-oracle +Refs):\n%s", o.ID(), diff)
		}
	}
}

// TestRefsInDocumentOrder: Refs lists references in the order their
// strings lie in the object, which callers that walk the object beside
// the list rely on (redact's mentions).
func TestRefsInDocumentOrder(t *testing.T) {
	inputs := [][]byte{redacttest.Bundle(redacttest.Options{Seed: 3, Objects: 400, UnknownRate: 0.02, Prose: true, Victims: 0.3})}
	refs := 0
	eachObject(inputs, func(o *Object) {
		rs := Refs(o)
		for k := 1; k < len(rs); k++ {
			if rs[k].Span.Start <= rs[k-1].Span.Start {
				t.Fatalf("object %d: reference %d (%s) before reference %d (%s)", o.Index(), k, rs[k].Path, k-1, rs[k-1].Path)
			}
		}
		refs += len(rs)
	})
	if refs < 1000 {
		t.Fatalf("only %d references", refs)
	}
}
