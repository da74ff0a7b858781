package stix_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/stix"
)

func ExampleRefs() {
	o, err := stix.ParseObject([]byte(`{
  "type": "sighting",
  "spec_version": "2.1",
  "id": "sighting--ee20065d-2555-424f-ad9e-0f8428623c75",
  "created": "2016-04-06T20:08:31.000Z",
  "modified": "2016-04-06T20:08:31.000Z",
  "created_by_ref": "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
  "sighting_of_ref": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
  "where_sighted_refs": ["identity--b67d30ff-02ac-498a-92f9-32f845f448ff"],
  "object_marking_refs": ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]
}`), nil)
	if err != nil {
		panic(err)
	}
	for _, r := range stix.Refs(o) {
		fmt.Printf("%-22s %-9s required=%-5v %s\n", r.Path, r.Kind, r.Required, r.ID)
	}
	// Output:
	// created_by_ref         property  required=false identity--f431f809-377b-45e0-aa1c-6a4751cae5ff
	// sighting_of_ref        property  required=true  indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f
	// where_sighted_refs.[0] property  required=false identity--b67d30ff-02ac-498a-92f9-32f845f448ff
	// object_marking_refs.[0] marking   required=false marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da
}

func ExampleRefRules() {
	for _, r := range stix.RefRules("network-traffic") {
		fmt.Printf("%s list=%v targets=%v one-of=%q\n", r.Property, r.List, r.Targets, r.OneOf)
	}
	// Output:
	// src_ref list=false targets=[ipv4-addr ipv6-addr mac-addr domain-name] one-of="src_ref|dst_ref"
	// dst_ref list=false targets=[ipv4-addr ipv6-addr mac-addr domain-name] one-of="src_ref|dst_ref"
	// src_payload_ref list=false targets=[artifact] one-of=""
	// dst_payload_ref list=false targets=[artifact] one-of=""
	// encapsulates_refs list=true targets=[network-traffic] one-of=""
	// encapsulated_by_ref list=false targets=[network-traffic] one-of=""
	// extensions.http-request-ext.message_body_data_ref list=false targets=[artifact] one-of=""
	// created_by_ref list=false targets=[identity] one-of=""
	// object_marking_refs list=true targets=[marking-definition] one-of=""
	// granular_markings.marking_ref list=false targets=[marking-definition] one-of=""
}

// A redactor drops an indicator and re-identifies an identity: the
// report's references follow.
func ExampleRewriteRefs() {
	o, err := stix.ParseObject([]byte(`{"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3","created_by_ref":"identity--a463ffb3-1bd9-4d94-b02d-74e4f1658283","created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","name":"The Black Vine Cyberespionage Group","published":"2016-01-20T17:00:00.000Z","object_refs":["indicator--26ffb872-1dd9-446e-b6f5-d58527e5b5d2","campaign--83422c77-904c-4dc1-aff5-5c38f3a2c55c"]}`), nil)
	if err != nil {
		panic(err)
	}
	dropped := map[string]bool{"indicator--26ffb872-1dd9-446e-b6f5-d58527e5b5d2": true}
	renamed := map[string]string{"identity--a463ffb3-1bd9-4d94-b02d-74e4f1658283": "identity--9f4ac2b0-4cc5-4c66-8d4c-2c0b2ea7e5c1"}

	e := stix.NewEditor(o)
	res := stix.RewriteRefs(o, e, func(r stix.Ref) (string, bool) {
		return renamed[r.ID], dropped[r.ID]
	})
	out, emptied, err := e.Apply(nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	fmt.Println("replaced:", res.Replaced, "removed:", res.Removed, "broken:", len(res.Broken), "emptied:", emptied)
	// Output:
	// {"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3","created_by_ref":"identity--9f4ac2b0-4cc5-4c66-8d4c-2c0b2ea7e5c1","created":"2015-12-21T19:59:11.000Z","modified":"2015-12-21T19:59:11.000Z","name":"The Black Vine Cyberespionage Group","published":"2016-01-20T17:00:00.000Z","object_refs":["campaign--83422c77-904c-4dc1-aff5-5c38f3a2c55c"]}
	// replaced: 1 removed: 1 broken: 0 emptied: []
}
