package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/stix"
)

// redactValid redacts in under policyFile and checks what every output
// must be: valid STIX, and redacted again, itself.
func redactValid(t *testing.T, policyFile, in string) ([]byte, *Report) {
	t.Helper()
	rd := testRedactor(t, policyFile)
	out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		return out, rep // all dropped, in the shape of a single object
	}
	if problems, err := stix.Validate(bytes.NewReader(out), nil); err != nil {
		t.Fatalf("output does not read back: %v", err)
	} else {
		for _, p := range problems {
			t.Errorf("output is not valid STIX: %v\n%s", p, out)
		}
	}
	again, _, err := rd.RedactBytes(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("redacting the output again changes it:\n%s\n%s", out, again)
	}
	return out, rep
}

// TestEmbeddedObservableLosesWhatItNeeds: content removed from a
// cyber-observable object embedded in observed-data's objects can leave it
// without what its type requires (a file without hashes or name, a network
// traffic without its ends). Such an object cannot stand, and neither can
// its observation: the observed-data goes. It used to leave as
// {"type":"file"}, which verify did not see. An input already invalid in
// another way (a reserved property) does not excuse the new problem.
func TestEmbeddedObservableLosesWhatItNeeds(t *testing.T) {
	const red = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
	const green = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
	observed := func(head, objects, selector string) string {
		return `{"type":"observed-data",` + head + `,"id":"observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf","created":"2016-04-06T19:58:16.000Z","modified":"2016-04-06T19:58:16.000Z","first_observed":"2015-12-21T19:00:00Z","last_observed":"2015-12-21T19:00:00Z","number_observed":1,` +
			`"objects":{` + objects + `},"object_marking_refs":["` + green + `"],"granular_markings":[{"marking_ref":"` + red + `","selectors":["` + selector + `"]}]}`
	}
	const file = `"0":{"type":"ipv4-addr","value":"198.51.100.3"},"1":{"type":"file","name":"secret.exe"}`
	const traffic = `"0":{"type":"ipv4-addr","value":"198.51.100.3"},"1":{"type":"network-traffic","dst_ref":"0","protocols":["tcp"]}`
	v20 := `"x_acme":1`
	v21 := `"spec_version":"2.1"`
	cases := []struct{ name, in string }{
		{"STIX 2.0 file without its name", `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","spec_version":"2.0","objects":[` + observed(v20, file, "objects.1.name") + `]}`},
		{"STIX 2.1 file without its name", observed(v21, file, "objects.1.name")},
		{"STIX 2.1 network traffic without its end", observed(v21, traffic, "objects.1.dst_ref")},
		{"input invalid in another way", observed(v21+`,"severity":"high"`, file, "objects.1.name")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, rep := redactValid(t, "../examples/policies/tlp-green.yaml", c.in)
			if strings.Contains(string(out), "observed-data") {
				t.Errorf("the observation left:\n%s", out)
			}
			if len(rep.Decisions) != 1 || rep.Decisions[0].Action != ActionDrop {
				t.Errorf("want one drop, got:\n%s", decisionText(rep))
			}
		})
	}
}

// TestOwnSpecVersion: an object's own spec_version says its version (STIX
// 2.1 section 3.2), not its bundle's. A STIX 2.1 indicator in a STIX 2.0
// bundle that loses its pattern_type (required in 2.1, not in 2.0) goes;
// a STIX 2.1 malware that changes gets a STIX 2.1 derived id and a STIX
// 2.1 redacting identity. They used to be handled as STIX 2.0: the
// indicator left without its pattern_type, invalid. The same holds when
// the bundle's spec_version comes after its objects.
func TestOwnSpecVersion(t *testing.T) {
	const green = `"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]`
	red := func(sel string) string {
		return `"granular_markings":[{"marking_ref":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","selectors":["` + sel + `"]}]`
	}
	objects := `"objects":[` +
		`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2022-01-01T00:00:00.000Z","modified":"2022-01-01T00:00:00.000Z","name":"ind","pattern":"[ipv4-addr:value = '203.0.113.9']","pattern_type":"stix","valid_from":"2022-01-01T00:00:00Z",` + green + `,` + red("pattern_type") + `},` +
		`{"type":"malware","spec_version":"2.1","id":"malware--00152ec2-54c2-46e1-8b03-a7d0b3223e7f","created":"2022-01-01T00:00:00.000Z","modified":"2022-01-01T00:00:00.000Z","name":"m","description":"secret","is_family":false,` + green + `,` + red("description") + `}]`
	for name, in := range map[string]string{
		"spec_version first": `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","spec_version":"2.0",` + objects + `}`,
		"spec_version last":  `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",` + objects + `,"spec_version":"2.0"}`,
	} {
		t.Run(name, func(t *testing.T) {
			out, rep := redactValid(t, "../examples/policies/tlp-green.yaml", in)
			if strings.Contains(string(out), `"indicator`) || strings.Contains(string(out), "secret") {
				t.Errorf("the indicator or the marked description left:\n%s", out)
			}
			malware := ""
			r := stix.NewBytesReader(out, nil)
			for {
				o, err := r.Next()
				if err != nil {
					break
				}
				if o.Type() == "identity" && o.SpecVersion() != "2.1" {
					t.Errorf("a STIX 2.0 redacting identity was added:\n%s", o.Raw())
				}
				if o.Type() == "malware" {
					malware = o.ID()
				}
			}
			// The UUID's version digit: 4 for STIX 2.0's derived ids.
			if len(malware) != len("malware--")+36 || malware[len("malware--")+14] == '4' {
				t.Errorf("the malware has no STIX 2.1 derived id: %q\n%s", malware, decisionText(rep))
			}
		})
	}
}
