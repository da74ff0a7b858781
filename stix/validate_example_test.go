package stix_test

import (
	"fmt"
	"strings"

	"github.com/airlock-cti/airlock/stix"
)

func ExampleValidateObject() {
	o, err := stix.ParseObject([]byte(`{
  "type": "relationship",
  "spec_version": "2.1",
  "id": "relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad",
  "created": "2016-04-06T20:06:37.000Z",
  "modified": "2016-04-06T20:06:37.000Z",
  "relationship_type": "indicates",
  "created_by_ref": "malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b",
  "source_ref": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
}`), nil)
	if err != nil {
		panic(err)
	}
	for _, p := range stix.ValidateObject(o) {
		fmt.Println(p)
	}
	// Output:
	// object 0 (relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad): target_ref: required property is missing (STIX 2.1 section 5.1)
	// object 0 (relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad): created_by_ref: must refer to an object of type identity (STIX 2.1 section 3.2)
}

func ExampleValidate() {
	bundle := `{
  "type": "bundle",
  "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
  "objects": [
    {"type": "ipv4-addr", "id": "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4", "value": "198.51.100.3"},
    {"type": "network-traffic", "id": "network-traffic--6e0cb830-0305-57d4-8536-7be874d42005", "protocols": ["tcp"]},
    {"type": "location", "spec_version": "2.1", "id": "location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64",
     "created": "2016-04-06T20:03:00.000Z", "modified": "2016-04-06T20:03:00.000Z", "labels": []}
  ]
}`
	problems, err := stix.Validate(strings.NewReader(bundle), nil)
	if err != nil {
		panic(err)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output:
	// object 1 (network-traffic--6e0cb830-0305-57d4-8536-7be874d42005): needs src_ref or dst_ref (STIX 2.1 section 6.12)
	// object 2 (location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64): labels: empty list: lists must have at least one item (STIX 2.1 section 2.12)
	// object 2 (location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64): needs region, country, or latitude and longitude (STIX 2.1 section 4.10)
}
