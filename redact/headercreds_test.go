package redact

import (
	"context"
	"strings"
	"testing"
)

// c2Bundle is a beacon's captured requests (Basic and Bearer
// credentials, a Cookie holding its metadata, an API key header), an
// email's Authorization header among fields that hold none, a pattern on
// a request's Authorization, and a C2 URL and a link with tokens in their
// queries.
const c2Bundle = `{"type":"bundle","id":"bundle--7b2f8d3e-4c5e-4f60-9bac-1d2e3f4a5b6c","objects":[
{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53","value":"198.51.100.23"},
{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","value":"203.0.113.66"},
{"type":"network-traffic","spec_version":"2.1","id":"network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d","src_ref":"ipv4-addr--4d22aae0-2bf9-5427-8819-e4f6abf20a53","dst_ref":"ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd","protocols":["tcp","http"],"extensions":{"http-request-ext":{"request_method":"get","request_value":"/submit.php?id=4471","request_header":{"Host":"cdn.evil.example","User-Agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","Cookie":"SESSIONID=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==","Authorization":"Basic cHJhbWFuYTpzM2NyM3RQYXNz","proxy-authorization":"Basic amRvZTpodW50ZXIy","X-Api-Key":"9f8e7d6c5b4a3f2e1d0c"}}}},
{"type":"email-message","spec_version":"2.1","id":"email-message--72b7698f-10c2-565a-a2a6-b4996a2f2267","is_multipart":false,"subject":"sync","additional_header_fields":{"X-Mailer":["EvilMailer 2.1"],"Authentication-Results":["mx.example.net; spf=fail smtp.mailfrom=invoice-secure.example"],"Authorization":["Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqZG9lIn0.c2lnbmF0dXJl"]}},
{"type":"url","spec_version":"2.1","id":"url--c1477287-23ac-5971-a010-5c287877fa60","value":"https://cdn.evil.example/gate.php?id=7&access_token=EAAGm0PX4ZCpsBA1x2y3z"},
{"type":"indicator","spec_version":"2.1","id":"indicator--b932fcc6-e032-476c-826f-cb970a5a1ade","created":"2026-03-15T00:00:00.000Z","modified":"2026-03-15T00:00:00.000Z","pattern":"[network-traffic:extensions.'http-request-ext'.request_header.'Authorization' = 'Basic cHJhbWFuYTpzM2NyM3RQYXNz']","pattern_type":"stix","valid_from":"2026-03-15T00:00:00Z"},
{"type":"note","spec_version":"2.1","id":"note--1c7b5aa1-5c1e-4c5b-9f4c-6b1d4f6c8a3e","created":"2026-03-15T00:00:00.000Z","modified":"2026-03-15T00:00:00.000Z","content":"Beacon to 203.0.113.66; the victim's mailbox was read through https://graph.example.net/v1/me?apikey=9f8e7d6c5b4a3f2e1d0c&Token=abc123def456 and https://cdn.evil.example/drop/payload.bin","object_refs":["network-traffic--2568d22a-8998-58eb-99ec-3c8ca74f527d"]}
]}`

// TestHeaderCredentials: credentials in header fields (an HTTP request's
// Authorization, Proxy-Authorization, Cookie and API key, an email's
// Authorization, a pattern on one) and in URL queries (tokens, API keys)
// are credentials, removed under the community policy as a user-account's
// credential is, and reported as such; the attacker's indicators around
// them (addresses, Host, User-Agent, X-Mailer, Authentication-Results,
// URLs without secrets) stay.
func TestHeaderCredentials(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	out, rep, err := rd.RedactBytes(context.Background(), []byte(c2Bundle))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, gone := range []string{"cHJhbWFuYTpzM2NyM3RQYXNz", "amRvZTpodW50ZXIy", "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA", "9f8e7d6c5b4a3f2e1d0c", "eyJhbGciOiJIUzI1NiJ9", "EAAGm0PX4ZCpsBA1x2y3z", "abc123def456", "indicator--b932fcc6"} {
		if strings.Contains(s, gone) {
			t.Errorf("%s left in\n%s", gone, s)
		}
	}
	for _, kept := range []string{`"value":"203.0.113.66"`, `"Host":"cdn.evil.example"`, `"User-Agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)"`, `"X-Mailer":["EvilMailer 2.1"]`, "spf=fail smtp.mailfrom=invoice-secure.example", "https://cdn.evil.example/drop/payload.bin", "https://graph.example.net/v1/me?apikey="} {
		if !strings.Contains(s, kept) {
			t.Errorf("indicator lost: want %s in\n%s", kept, s)
		}
	}
	kinds := map[string]int{}
	for _, d := range rep.Decisions {
		kinds[d.Kind]++
	}
	// Five header values and the pattern's literal (its indicator goes);
	// the C2 URL (its SCO goes) and two query values in the note.
	if kinds["credential"] != 6 || kinds["url-credential"] != 3 {
		t.Errorf("credentials reported: %v, want 6 credential and 3 url-credential", kinds)
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
