package redact

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// TestIdentifiersRefused: an object whose type is no type name, or whose
// id is no identifier of its own type, is an input error in every API,
// whatever limits the caller gives, and nothing is written. Judged, a
// note calling itself an indicator passed a rule that drops notes, and a
// TLP:RED identity with the id "identity--acme-bank-ltd" was dropped but
// its id stayed in a report's description and custom property, where
// only ids with a UUID are looked for.
func TestIdentifiersRefused(t *testing.T) {
	const green = `"object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]`
	const ts = `"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"`
	note := `{"type":"indicator","spec_version":"2.1","id":"note--a1b2c3d4-0003-4000-8000-000000000002",` + ts + `,"content":"analyst opinion: the same crew as last spring","object_refs":["malware--a1b2c3d4-0003-4000-8000-000000000001"],` + green + `}`
	victim := `{"type":"bundle","id":"bundle--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3e","objects":[` +
		`{"type":"identity","spec_version":"2.1","id":"identity--acme-bank-ltd",` + ts + `,"name":"V","identity_class":"organization","object_marking_refs":["marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"]},` +
		`{"type":"report","spec_version":"2.1","id":"report--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` + ts + `,"name":"r","published":"2026-01-01T00:00:00Z","description":"victim is identity--acme-bank-ltd","object_refs":["identity--acme-bank-ltd","indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"],"x_victim":"identity--acme-bank-ltd",` + green + `}]}`
	ctx := context.Background()
	for _, c := range []struct {
		name, policy, in, at string
	}{
		{"a note's id on an indicator", "object-rules", note, "/id"},
		{"an upper-case type", "object-rules", strings.Replace(strings.Replace(note, `"indicator"`, `"Note"`, 1), `"note--`, `"Note--`, 1), "/type"},
		{"an id without a UUID", "tlp-green", victim, "/objects/0/id"},
	} {
		p, err := policy.LoadFile("../examples/policies/" + c.policy + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		for _, lim := range []*stix.ReaderOptions{nil, {MaxDepth: 40}} {
			rd, err := Compile(p, &Options{Key: goldenKey, Limits: lim})
			if err != nil {
				t.Fatal(err)
			}
			want := func(api string, err error, out []byte) {
				t.Helper()
				var ie *stix.InputError
				if !errors.As(err, &ie) || ie.Pointer != c.at || len(out) > 0 {
					t.Errorf("%s: %s: %d bytes out, err %v; want an input error at %s", c.name, api, len(out), err, c.at)
				}
			}
			out, _, err := rd.RedactBytes(ctx, []byte(c.in))
			want("RedactBytes", err, out)
			var buf bytes.Buffer
			_, err = rd.Redact(ctx, &buf, strings.NewReader(c.in), nil)
			want("Redact", err, buf.Bytes())
			_, err = rd.Verify(ctx, strings.NewReader(c.in))
			want("Verify", err, nil)
			if !strings.HasPrefix(c.in, `{"type":"bundle"`) {
				_, err = rd.NewSession().Redact(ctx, []byte(c.in))
				want("Session", err, nil)
				buf.Reset()
				_, err = rd.RedactStream(ctx, &buf, strings.NewReader(c.in+"\n"), nil, nil)
				want("RedactStream", err, buf.Bytes())
			}
		}
	}
}
