package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/stix"
)

// redIndicator is TLP:RED, with personal data.
const redIndicator = `{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"TLP:RED only","pattern":"[ipv4-addr:value = '10.1.2.3']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","description":"victim jane.doe@example.org","object_marking_refs":["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"]}`

const greenMalware = `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"M","is_family":true,"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}`

// TestNestedBundleRejected: a bundle where a STIX object must be is an
// input error, in every API, and nothing is written: passed on as one
// object, the TLP:RED object it holds would leave unjudged.
func TestNestedBundleRejected(t *testing.T) {
	inner := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + redIndicator + `]}`
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	ctx := context.Background()
	for name, in := range map[string]string{
		"in a list":                  `[` + inner + `]`,
		"in a bundle":                `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000bb","objects":[` + greenMalware + `,` + inner + `]}`,
		"in an envelope":             `{"more":false,"objects":[` + inner + `]}`,
		"an NDJSON line":             greenMalware + "\n" + inner + "\n",
		"NDJSON of bundles":          inner + "\n" + inner + "\n",
		"type escaped, in a list":    `[` + strings.Replace(inner, `"bundle"`, `"bun\u0064le"`, 1) + `]`,
		"type escaped, in a bundle":  `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000bb","objects":[` + strings.Replace(inner, `"bundle"`, `"\u0062undle"`, 1) + `]}`,
		"without an id, in a bundle": `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000bb","objects":[{"type":"bundle","objects":[` + redIndicator + `]}]}`,
	} {
		out, _, err := rd.RedactBytes(ctx, []byte(in))
		var ie *stix.InputError
		if !errors.As(err, &ie) || out != nil {
			t.Errorf("%s: RedactBytes: %d bytes out, err %v; want an input error", name, len(out), err)
		}
		var buf bytes.Buffer
		if _, err := rd.Redact(ctx, &buf, strings.NewReader(in), nil); !errors.As(err, &ie) || buf.Len() > 0 {
			t.Errorf("%s: Redact: %d bytes out, err %v; want an input error", name, buf.Len(), err)
		}
		if _, err := rd.Verify(ctx, strings.NewReader(in)); !errors.As(err, &ie) {
			t.Errorf("%s: Verify: err %v; want an input error", name, err)
		}
		buf.Reset()
		rd.RedactStream(ctx, &buf, strings.NewReader(in), nil, nil)
		if strings.Contains(buf.String(), "TLP:RED") || strings.Contains(buf.String(), "jane.doe") {
			t.Errorf("%s: RedactStream let the nested bundle out: %s", name, buf.Bytes())
		}
	}
	// A bundle whose type is escaped is a bundle: its objects are judged.
	out, _, err := rd.RedactBytes(ctx, []byte(strings.Replace(inner, `"bundle"`, `"bun\u0064le"`, 1)))
	if err != nil || strings.Contains(string(out), "TLP:RED") {
		t.Errorf("a top-level bundle with an escaped type: %s, %v", out, err)
	}
}

// TestWrapperPropertiesRemoved: the bundle's own members other than type,
// id and objects never leave, each reported without its value; a bundle
// with only those comes out byte for byte.
func TestWrapperPropertiesRemoved(t *testing.T) {
	const id = `"id":"bundle--00000000-0000-4000-8000-0000000000aa"`
	in := `{"type":"bundle",` + id + `,"x_note":"contact jane.doe@example.org","objects":[` + greenMalware + `,` + redIndicator + `],"x_more":{"who":["jane.doe@example.org"]},"jane.doe@example.org":1}`
	want := `{"type":"bundle",` + id + `,"objects":[` + greenMalware + `]}`
	ctx := context.Background()
	for _, pol := range []string{"tlp-green", "community"} {
		rd := testRedactor(t, "../examples/policies/"+pol+".yaml")
		out, rep, err := rd.RedactBytes(ctx, []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != want || strings.Contains(string(out), "jane.doe") || strings.Contains(string(out), "x_") || !json.Valid(out) {
			t.Errorf("%s: output %s", pol, out)
		}
		var wrapper []Decision
		for _, d := range rep.Decisions {
			if d.Kind == "wrapper-property" {
				wrapper = append(wrapper, d)
			}
		}
		if len(wrapper) != 3 || wrapper[0].Path != "x_note" || wrapper[1].Path != "x_more" || wrapper[2].Path != "" || wrapper[2].Fingerprint == "" {
			t.Fatalf("%s: decisions %+v", pol, wrapper)
		}
		for _, d := range wrapper {
			if d.Object != "bundle--00000000-0000-4000-8000-0000000000aa" || d.Type != "bundle" || d.Rule != "stix" || d.Action != ActionRemove {
				t.Errorf("%s: decision %+v", pol, d)
			}
			if b, _ := json.Marshal(d); strings.Contains(string(b), "jane") {
				t.Errorf("%s: decision quotes the value: %s", pol, b)
			}
		}
		if rep.ByKind["wrapper-property"] != 3 {
			t.Errorf("%s: summary %+v", pol, rep.Summary)
		}
		if found, err := rd.Verify(ctx, strings.NewReader(in)); err != nil || len(found) < 3 {
			t.Errorf("%s: Verify on the input: %v, %v", pol, found, err)
		}
		if found, err := rd.Verify(ctx, bytes.NewReader(out)); err != nil || len(found) > 0 {
			t.Errorf("%s: Verify on the output: %v, %v", pol, found, err)
		}
		if again, _, err := rd.RedactBytes(ctx, out); err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: redacting the output again: %s, %v", pol, again, err)
		}
		// Streamed, and with every object dropped, the same.
		var buf bytes.Buffer
		if _, err := rd.Redact(ctx, &buf, strings.NewReader(in), nil); err != nil || !bytes.Equal(buf.Bytes(), out) {
			t.Errorf("%s: Redact: %s, %v", pol, buf.Bytes(), err)
		}
		red := `{"type":"bundle",` + id + `,"x_note":"jane.doe@example.org","objects":[` + redIndicator + `]}`
		if out, _, err := rd.RedactBytes(ctx, []byte(red)); err != nil || string(out) != `{"type":"bundle",`+id+`}` {
			t.Errorf("%s: all dropped: %s, %v", pol, out, err)
		}
	}
}

// TestWrapperPropertyNamedByData: a wrapper member whose name reads as a
// property name but is personal data (a card number, an IBAN) is reported
// by a fingerprint of its name, as one that is no property name is (found
// by a bug hunt: the report quoted it as the decision's path).
func TestWrapperPropertyNamedByData(t *testing.T) {
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + greenMalware + `],"4111111111111111":1,"GB82WEST12345698765432":2,"x_note":3}`
	rd := testRedactor(t, "../examples/policies/community.yaml")
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + greenMalware + `]}`; string(out) != want {
		t.Errorf("output %s", out)
	}
	var paths []string
	for _, d := range rep.Decisions {
		if d.Kind == "wrapper-property" {
			paths = append(paths, d.Path)
			if d.Path == "" && d.Fingerprint == "" {
				t.Errorf("decision %+v names nothing", d)
			}
		}
	}
	if strings.Join(paths, ",") != ",,x_note" {
		t.Errorf("wrapper decisions' paths %q, want the data's hidden and x_note's shown", paths)
	}
}
