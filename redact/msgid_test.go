package redact

import (
	"context"
	"strings"
	"testing"
)

// phishingBundle is a phishing mail as a report carries it: the lure's
// Message-ID, In-Reply-To and References (an indicator, on external
// hosts), a reply sent from the victim's own mail server (example.org,
// the community policy's internal domain), a pattern on the lure's
// Message-ID, and prose quoting them.
const phishingBundle = `{"type":"bundle","id":"bundle--6a1f7c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b","objects":[
{"type":"email-addr","spec_version":"2.1","id":"email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3","value":"billing@invoice-secure.example"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--b3b0a6d7-4d0c-5d5e-8a8e-3b3c1b5b3a8e","value":"jane.doe@example.org"},
{"type":"email-message","spec_version":"2.1","id":"email-message--72b7698f-10c2-565a-a2a6-b4996a2f2265","is_multipart":false,"from_ref":"email-addr--2d77a846-6264-5d51-b586-e43822ea1ea3","to_refs":["email-addr--b3b0a6d7-4d0c-5d5e-8a8e-3b3c1b5b3a8e"],"subject":"Invoice 4471 overdue","message_id":"<20260314.abc123@mail.evil.example>","additional_header_fields":{"Message-ID":["<20260314.abc123@mail.evil.example>"],"in-reply-to":["<CAF=xyz.987@mail.evil.example>"],"References":["<CAF=xyz.987@mail.evil.example> <0001.aa@mx.invoice-secure.example>"],"Reply-To":["<helpdesk@invoice-secure.example>"]}},
{"type":"email-message","spec_version":"2.1","id":"email-message--0c8a1f4e-6f3e-5a7b-9c2d-1e2f3a4b5c6d","is_multipart":false,"message_id":"<reply.42@mail01.example.org>","subject":"Re: Invoice 4471 overdue"},
{"type":"indicator","spec_version":"2.1","id":"indicator--a932fcc6-e032-476c-826f-cb970a5a1ade","created":"2026-03-15T00:00:00.000Z","modified":"2026-03-15T00:00:00.000Z","pattern":"[email-message:additional_header_fields.'Message-ID' = '<20260314.abc123@mail.evil.example>'] OR [email-message:message_id = '<reply.42@mail01.example.org>']","pattern_type":"stix","valid_from":"2026-03-15T00:00:00Z"},
{"type":"note","spec_version":"2.1","id":"note--0c7b5aa1-5c1e-4c5b-9f4c-6b1d4f6c8a3e","created":"2026-03-15T00:00:00.000Z","modified":"2026-03-15T00:00:00.000Z","content":"The lure carried Message-ID <20260314.abc123@mail.evil.example>, In-Reply-To: <CAF=xyz.987@mail.evil.example>.\nReferences: <a.1@mx.invoice-secure.example> <b.2@mx.invoice-secure.example>\nOur reply had Message-ID: <reply.42@mail01.example.org>. It went to <helpdesk@invoice-secure.example> and <someone@mailbox.example>.","object_refs":["email-message--72b7698f-10c2-565a-a2a6-b4996a2f2265"]}
]}`

// TestMessageIDsAreIndicators: a message identifier (RFC 5322 section
// 3.6.4) is no mailbox: in an email-message's message_id, in the
// Message-ID, In-Reply-To and References header fields, in a pattern on
// them and in prose after those header names, it stays as written under a
// policy that pseudonymises external email addresses. One whose id-right
// is the sender's own host is caught as an internal host name (whole: its
// id-left is the victim's mailer's), and
// addresses in angle brackets elsewhere (Reply-To, prose without such a
// header name) are still addresses.
func TestMessageIDsAreIndicators(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	out, rep, err := rd.RedactBytes(context.Background(), []byte(phishingBundle))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, kept := range []string{
		`"message_id":"<20260314.abc123@mail.evil.example>"`,
		`"Message-ID":["<20260314.abc123@mail.evil.example>"]`,
		`"in-reply-to":["<CAF=xyz.987@mail.evil.example>"]`,
		`"References":["<CAF=xyz.987@mail.evil.example> <0001.aa@mx.invoice-secure.example>"]`,
		`additional_header_fields.'Message-ID' = '<20260314.abc123@mail.evil.example>'`,
		`Message-ID <20260314.abc123@mail.evil.example>, In-Reply-To: <CAF=xyz.987@mail.evil.example>.`,
		`References: <a.1@mx.invoice-secure.example> <b.2@mx.invoice-secure.example>`,
	} {
		if !strings.Contains(s, kept) {
			t.Errorf("message identifier changed: want %s in\n%s", kept, s)
		}
	}
	for _, gone := range []string{"mail01.example.org", "helpdesk@invoice-secure.example", "someone@mailbox.example"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s left in\n%s", gone, s)
		}
	}
	if strings.Contains(s, "reply.42") || !strings.Contains(s, `"message_id":"<host-`) || !strings.Contains(s, `message_id = '<host-`) || !strings.Contains(s, `Message-ID: <host-`) {
		t.Errorf("the victim's own message identifier: want it pseudonymised as an internal host, in\n%s", s)
	}
	hosts := 0
	for _, d := range rep.Decisions {
		if d.Kind == "hostname" {
			hosts++
		}
	}
	if hosts != 3 {
		t.Errorf("%d internal hosts reported, want 3 (the reply's id-right in its object, the pattern, the note)", hosts)
	}
	again, _, err := rd.RedactBytes(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != s {
		t.Errorf("redacting the output again changes it:\n%s\n%s", s, again)
	}
	found, err := rd.Verify(context.Background(), strings.NewReader(s))
	if err != nil || len(found) > 0 {
		t.Errorf("verify: %v %+v", err, found)
	}
}
