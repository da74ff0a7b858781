package main

import (
	"fmt"
	"os"
)

// A message is one input record: its key and value.
type message struct {
	key   string
	value []byte
}

const (
	tlpGreen = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
	tlpAmber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
	ts       = `"created":"2026-03-01T10:00:00.000Z","modified":"2026-03-01T10:00:00.000Z"`
)

// singleObject returns the i-th single-object message. Kinds cycle: an
// AMBER indicator (dropped), a note naming an internal email (changed,
// renamed, names the redacting identity), a malware (untouched), a GREEN
// indicator on attacker infrastructure (untouched), an internal
// email-addr SCO (pseudonymised, new SCO id). No object refers to another
// message's object, so any session redacts it as a fresh one does.
func singleObject(i int) message {
	id := func(typ string) string { return fmt.Sprintf("%s--00000000-0000-4000-8000-%012d", typ, i) }
	var v string
	switch i % 5 {
	case 0:
		v = fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":%q,%s,"pattern":"[ipv4-addr:value = '198.51.100.%d']","pattern_type":"stix","valid_from":"2026-03-01T10:00:00Z","object_marking_refs":[%q]}`, id("indicator"), ts, i%250, tlpAmber)
	case 1:
		v = fmt.Sprintf(`{"type":"note","spec_version":"2.1","id":%q,%s,"content":"Reported by user%d@example.org from the finance team.","object_refs":["malware--ffffffff-0000-4000-8000-000000000000"]}`, id("note"), ts, i)
	case 2:
		v = fmt.Sprintf(`{"type":"malware","spec_version":"2.1","id":%q,%s,"name":"Family %d","is_family":true,"object_marking_refs":[%q]}`, id("malware"), ts, i, tlpGreen)
	case 3:
		v = fmt.Sprintf(`{"type":"indicator","spec_version":"2.1","id":%q,%s,"pattern":"[ipv4-addr:value = '203.0.113.%d']","pattern_type":"stix","valid_from":"2026-03-01T10:00:00Z","object_marking_refs":[%q]}`, id("indicator"), ts, i%250, tlpGreen)
	case 4:
		v = fmt.Sprintf(`{"type":"email-addr","spec_version":"2.1","id":%q,"value":"staff%d@example.org"}`, id("email-addr"), i)
	}
	return message{key: id("k"), value: []byte(v)}
}

// bundleMessage returns the i-th bundle: references between its objects
// are judged within the bundle (the AMBER indicator goes, and the
// relationship from it with it).
func bundleMessage(i int) message {
	id := func(typ string, n int) string { return fmt.Sprintf("%s--11111111-0000-4000-8000-%08d%04d", typ, i, n) }
	v := fmt.Sprintf(`{"type":"bundle","id":%q,"objects":[
{"type":"indicator","spec_version":"2.1","id":%q,%s,"pattern":"[domain-name:value = 'bad%d.example.net']","pattern_type":"stix","valid_from":"2026-03-01T10:00:00Z","object_marking_refs":[%q]},
{"type":"malware","spec_version":"2.1","id":%q,%s,"name":"Bundle family %d","is_family":true},
{"type":"relationship","spec_version":"2.1","id":%q,%s,"relationship_type":"indicates","source_ref":%q,"target_ref":%q},
{"type":"note","spec_version":"2.1","id":%q,%s,"content":"Seen by ops%d@example.org.","object_refs":[%q]}
]}`, id("bundle", 0),
		id("indicator", 1), ts, i, tlpAmber,
		id("malware", 2), ts, i,
		id("relationship", 3), ts, id("indicator", 1), id("malware", 2),
		id("note", 4), ts, i, id("malware", 2))
	return message{key: id("k", 0), value: []byte(v)}
}

// testMessages returns n single objects, then bundles, an NDJSON batch,
// the incident report and a message that is not JSON.
func testMessages(n int) []message {
	var ms []message
	for i := range n {
		ms = append(ms, singleObject(i))
	}
	for i := range 4 {
		ms = append(ms, bundleMessage(i))
	}
	nd := string(singleObject(1001).value) + "\n" + string(singleObject(1002).value) + "\n"
	ms = append(ms, message{key: "ndjson-0", value: []byte(nd)})
	incident, err := os.ReadFile("../../testdata/reports/incident.json")
	if err != nil {
		panic(err)
	}
	ms = append(ms, message{key: "incident-0", value: incident})
	ms = append(ms, message{key: "broken-0", value: []byte(`{"type":"indicator",`)})
	return ms
}
