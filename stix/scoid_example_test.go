package stix_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/stix"
)

func ExampleSCOID() {
	// The ipv4-addr example of STIX 2.1 section 2.9. Only "value"
	// contributes to the id; "id" and "spec_version" do not.
	raw := []byte(`{"type": "ipv4-addr", "spec_version": "2.1",
		"id": "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd",
		"value": "198.51.100.3"}`)
	id, ok, err := stix.SCOID(raw)
	fmt.Println(id, ok, err)

	// A process has no ID Contributing Properties: keep its UUIDv4 id.
	id, ok, err = stix.SCOID([]byte(`{"type":"process","pid":1221}`))
	fmt.Printf("%q %v %v\n", id, ok, err)
	// Output:
	// ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4 true <nil>
	// "" false <nil>
}

func ExampleCanonicalJSON() {
	out, err := stix.CanonicalJSON([]byte(`{
		"protocols": ["ipv4", "tcp"],
		"dst_port": 80.0,
		"name": "caf\u00e9",
		"big": 1e21,
		"small": 0.0000001
	}`))
	fmt.Println(string(out), err)
	// Output:
	// {"big":1e+21,"dst_port":80,"name":"café","protocols":["ipv4","tcp"],"small":1e-7} <nil>
}

func ExampleIDContributingProperties() {
	fmt.Println(stix.IDContributingProperties("file"))
	fmt.Println(stix.IDContributingProperties("process") == nil)
	// Output:
	// [hashes name extensions parent_directory_ref]
	// true
}

func ExampleNewUUIDv5() {
	// The id part of the email-addr example of STIX 2.1 section 6.5.
	u := stix.NewUUIDv5(stix.SCONamespace, []byte(`{"value":"john@example.com"}`))
	fmt.Println(u, u.Version())
	// Output:
	// 7165e2a9-671f-585d-b1e1-ca59c671d934 5
}

func ExampleParseUUID() {
	u, err := stix.ParseUUID("00ABEDB4-AA42-466C-9C01-FED23315A9B7")
	fmt.Println(u, u == stix.SCONamespace, err)

	_, err = stix.ParseUUID("{00abedb4-aa42-466c-9c01-fed23315a9b7}")
	fmt.Println(err)
	// Output:
	// 00abedb4-aa42-466c-9c01-fed23315a9b7 true <nil>
	// stix: invalid UUID: length is not 36 at byte offset 36
}

func ExampleAppendString() {
	fmt.Println(string(stix.AppendString(nil, "say \"hi\"\n\ttab \x01 </script>")))
	// Output: "say \"hi\"\n\ttab \u0001 </script>"
}
