package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// mixedVersions is a bundle holding a STIX 2.0 indicator (no spec_version)
// and a STIX 2.1 one, each with an email the community policy
// pseudonymises, so that both change and name the redacting identity.
const mixedVersions = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","labels":["malicious-activity"],"pattern":"[ipv4-addr:value = '198.51.100.7']","valid_from":"2026-01-01T00:00:00Z","description":"victim jane.doe@example.org"},
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.8']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","description":"victim jane.doe@example.org"}
]}`

// creatorsResolve checks that every created_by_ref among objs names an
// identity among them, and that both forms of the redacting identity
// were named (the input mixes versions).
func creatorsResolve(t *testing.T, objs []json.RawMessage) {
	t.Helper()
	ids := map[string]bool{}
	var refs []string
	for _, raw := range objs {
		var o struct {
			Type, ID string
			Creator  string `json:"created_by_ref"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		ids[o.ID] = true
		if o.Creator != "" {
			refs = append(refs, o.Creator)
		}
	}
	if len(refs) != 2 || refs[0] == refs[1] {
		t.Fatalf("created_by_ref %q: want two, the 2.0 and the 2.1 form", refs)
	}
	for _, r := range refs {
		if !ids[r] {
			t.Errorf("created_by_ref %s names no object in the output", r)
		}
	}
}

// TestMixedVersionsCreator: in a bundle that mixes STIX 2.0 and 2.1
// objects, a changed 2.0 object names the redacting identity by its 2.0
// id (a UUIDv4, STIX 2.0 Part 1 section 2.9) and a 2.1 object by its 2.1
// id; both identities are added, so no created_by_ref dangles, in a whole
// run, in windows and in a Session; the output redacts to itself.
func TestMixedVersionsCreator(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	ctx := context.Background()

	out, _, err := rd.RedactBytes(ctx, []byte(mixedVersions))
	if err != nil {
		t.Fatal(err)
	}
	var b struct{ Objects []json.RawMessage }
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatal(err)
	}
	creatorsResolve(t, b.Objects)
	again, _, err := rd.RedactBytes(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("redacting the output again changed it:\n%s\n%s", out, again)
	}

	var nd []string
	var in struct{ Objects []json.RawMessage }
	if err := json.Unmarshal([]byte(mixedVersions), &in); err != nil {
		t.Fatal(err)
	}
	for _, o := range in.Objects {
		nd = append(nd, string(o))
	}
	for _, size := range []int{1, 10} {
		var w bytes.Buffer
		if _, err := rd.RedactStream(ctx, &w, strings.NewReader(strings.Join(nd, "\n")+"\n"), &WindowOptions{Objects: size}, nil); err != nil {
			t.Fatal(err)
		}
		var objs []json.RawMessage
		for _, line := range strings.Split(strings.TrimSpace(w.String()), "\n") {
			objs = append(objs, json.RawMessage(line))
		}
		t.Run(fmt.Sprintf("window-%d", size), func(t *testing.T) { creatorsResolve(t, objs) })
	}

	s := rd.NewSession()
	var objs []json.RawMessage
	for _, o := range nd {
		res, err := s.Redact(ctx, []byte(o))
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range res.Add {
			objs = append(objs, a)
		}
		objs = append(objs, res.Output)
	}
	creatorsResolve(t, objs)
}

// TestMarkedCreatorReplaced: an object whose created_by_ref is
// granular-marked above the ceiling loses it, changes, and so names the
// redacting identity as its creator. The new creator used to be written
// into the removed member and lost with it, while the report said it was
// set.
func TestMarkedCreatorReplaced(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/tlp-green.yaml")
	in := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"m","is_family":true,` +
		`"created_by_ref":"identity--00000000-0000-4000-8000-000000000009","granular_markings":[{"marking_ref":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","selectors":["created_by_ref"]}]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "identity--00000000-0000-4000-8000-000000000009") {
		t.Errorf("the marked creator left:\n%s", s)
	}
	if !strings.Contains(s, `"created_by_ref":"`+rd.identity.id+`"`) {
		t.Errorf("the redacting identity is not the creator:\n%s", s)
	}
	checkClean(t, rd, out)
}

// TestIdentityImpostor: an input object under the redacting identity's id
// that is not that identity as airlock writes it (a forgery, or an
// earlier run's identity written under another policy), changed by the
// redaction or not, takes a new id, the identity is added under its own,
// and every created_by_ref resolves to it; verify flags the impostor
// (found by a bug hunt: it was renamed and the identity left out, so the
// changed objects named an identity that was not there).
func TestIdentityImpostor(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	malware := `{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"m","is_family":true,"created_by_ref":"` + rd.identity.id + `","description":"seen by jane.doe@example.org"}`
	for name, impostor := range map[string]string{
		"changed":   `{"type":"identity","spec_version":"2.1","id":"` + rd.identity.id + `","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Jane Doe","identity_class":"individual","contact_information":"jane.doe@example.org"}`,
		"unchanged": `{"type":"identity","spec_version":"2.1","id":"` + rd.identity.id + `","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Example CERT","identity_class":"organization"}`,
	} {
		in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[` + impostor + ",\n" + malware + `]}`
		out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		var b struct{ Objects []json.RawMessage }
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatal(err)
		}
		ids := map[string]json.RawMessage{}
		for _, raw := range b.Objects {
			var o struct{ ID string }
			json.Unmarshal(raw, &o)
			ids[o.ID] = raw
		}
		if got := ids[rd.identity.id]; !bytes.Equal(got, rd.identity.json) {
			t.Errorf("%s: the object under the identity's id is %s", name, got)
		}
		if len(b.Objects) != 3 {
			t.Errorf("%s: want the impostor, renamed, the malware and the identity:\n%s", name, out)
		}
		for _, raw := range b.Objects {
			var o struct {
				Creator string `json:"created_by_ref"`
			}
			json.Unmarshal(raw, &o)
			if o.Creator != "" && ids[o.Creator] == nil {
				t.Errorf("%s: created_by_ref %s names no object in the output:\n%s", name, o.Creator, out)
			}
		}
		if !hasDecision(rep.Decisions, rd.identity.id+"  ids rename redacting-identity-id") {
			t.Errorf("%s: no rename of the impostor in\n%s", name, decisionLines(rep.Decisions))
		}
		found, err := rd.Verify(context.Background(), strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		flagged := false
		for _, d := range found {
			flagged = flagged || d.Object == rd.identity.id && d.Kind == "redacting-identity-id"
		}
		if !flagged {
			t.Errorf("%s: verify does not flag the impostor:\n%s", name, decisionLines(found))
		}
		checkClean(t, rd, out)

		// The impostor alone, in a Session: renamed, and the identity
		// added.
		res, err := rd.NewSession().Redact(context.Background(), []byte(impostor))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(res.Output, []byte(rd.identity.id+`","created":"2026`)) || len(res.Add) != 1 || !bytes.Equal(res.Add[0], rd.identity.json) {
			t.Errorf("%s: Session: output %s, added %q", name, res.Output, res.Add)
		}
	}
}
