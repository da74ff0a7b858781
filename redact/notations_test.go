package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// notationCases are personal data written in notations a bug hunt found
// kept verbatim in a note's content under community.yaml: each secret is
// the part of its text that must not leave.
var notationCases = []struct {
	name, text, secret string
}{
	{"email in a redirect link, encoded twice", "see https://x.example/?u=maria.lopez%2540example.org now", "maria.lopez"},
	{"phone in Arabic-Indic digits", "call +٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨ today", "٧٩٤٦"},
	{"card in Arabic-Indic digits", "card ٤١١١ ١١١١ ١١١١ ١١١١ used", "١١١١"},
	{"phone in Devanagari digits", "फ़ोन +४४ २० ७९४६ ०९५८", "७९४६"},
	{"email with an ideographic full stop", "联系 maria.lopez@example。org 了解详情。", "maria.lopez"},
	{"IPv4 with ideographic full stops", "主机10。20。30。40被入侵。", "30。40"},
	{"IPv4 with halfwidth ideographic full stops", "主机 10｡20｡30｡40 被入侵", "30｡40"},
	{"internal host with ideographic full stops", "服务器 fileserver。example。org 被入侵", "fileserver"},
	{"phone with its country code in brackets", "call (+44) 20 7946 0958 today", "(+44)"},
	{"NANP phone with its country code in brackets", "call (+1) 202 555 0143 today", "(+1)"},
	{"card with dots between its groups", "card 4111.1111.1111.1111 used", "4111.1111"},
	{"name joined by a dot", "logon by maria.schneider at 09:12", "schneider"},
	{"name joined by an underscore", "logon by maria_schneider at 09:12", "schneider"},
	{"initial and surname joined by a dot", "logon by m.schneider at 09:12", "schneider"},
	{"phone in Extended Arabic-Indic digits", "تلفن: +۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸", "۷۹۴۶"},
}

// TestPersonalDataInNotations: each of notationCases leaves the note's
// content, verify finds nothing in the output, and the output redacts to
// itself.
func TestPersonalDataInNotations(t *testing.T) {
	p, err := policy.LoadFile("../examples/policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tc := range notationCases {
		t.Run(tc.name, func(t *testing.T) {
			content, _ := json.Marshal(tc.text)
			in := `{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","object_refs":["note--00000000-0000-4000-8000-000000000003"],"content":` + string(content) + `}`
			out, _, err := rd.RedactBytes(ctx, []byte(in))
			if err != nil {
				t.Fatal(err)
			}
			var got struct{ Content string }
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			if strings.Contains(got.Content, tc.secret) {
				t.Errorf("%q left in the content %q", tc.secret, got.Content)
			}
			found, err := rd.Verify(ctx, bytes.NewReader(out))
			if err != nil || len(found) > 0 {
				t.Errorf("verify: %v, %v", err, found)
			}
			again, _, err := rd.RedactBytes(ctx, out)
			if err != nil || !bytes.Equal(again, out) {
				t.Errorf("redacting the output again: %v\n%s\nwant\n%s", err, again, out)
			}
		})
	}
}
