package stix_test

import (
	"errors"
	"fmt"

	"github.com/airlock-cti/airlock/stix"
)

// The object of the selector examples in STIX 2.1 section 7.2.3.
var vulnerability = []byte(`{
  "type": "vulnerability",
  "id": "vulnerability--ee916c28-c7a4-4d0d-ad56-a8d357f89fef",
  "description": "The (1) TLS and (2) DTLS implementations in OpenSSL ...",
  "external_references": [{"source_name": "cve", "external_id": "CVE-2014-0160"}],
  "labels": ["heartbleed", "has-logo"]
}`)

func ExampleParseSelector() {
	sel, err := stix.ParseSelector("external_references.[0].source_name")
	fmt.Println(sel, len(sel), err)

	_, err = stix.ParseSelector("labels[0]")
	var se *stix.SelectorError
	if errors.As(err, &se) {
		fmt.Println(se.Offset, se.Problem)
	}
	// Output:
	// external_references.[0].source_name 3 <nil>
	// 6 list index is not a component of its own
}

func ExampleParsePath() {
	p, err := stix.ParsePath("hashes.SHA-256")
	fmt.Println(p.Pointer(), err)
	// Output:
	// /hashes/SHA-256 <nil>
}

func ExampleSelector_Covers() {
	sel, _ := stix.ParseSelector("labels")
	for _, s := range []string{"labels", "labels.[1]", "labels_extra", "description"} {
		p, _ := stix.ParsePath(s)
		fmt.Println(s, sel.Covers(p))
	}
	// Output:
	// labels true
	// labels.[1] true
	// labels_extra false
	// description false
}

func ExampleSelector_Resolve() {
	for _, s := range []string{"labels.[1]", "external_references.[0]", "labels.[2]", "description.[0]", "labels.name"} {
		sel, _ := stix.ParseSelector(s)
		if span, ok := sel.Resolve(vulnerability); ok {
			fmt.Printf("%s: %s\n", s, vulnerability[span.Start:span.End])
		} else {
			fmt.Printf("%s: not present\n", s)
		}
	}
	// Output:
	// labels.[1]: "has-logo"
	// external_references.[0]: {"source_name": "cve", "external_id": "CVE-2014-0160"}
	// labels.[2]: not present
	// description.[0]: not present
	// labels.name: not present
}

func ExampleSelector_AfterRemoval() {
	// labels.[0] is marked TLP:RED and removed; the other granular markings
	// of the object are corrected or go with it.
	removed := []stix.Path{{stix.Key("labels"), stix.Index(0)}}
	for _, s := range []string{"labels.[1]", "labels.[0]", "labels", "description"} {
		sel, _ := stix.ParseSelector(s)
		if moved, ok := sel.AfterRemoval(removed); ok {
			fmt.Printf("%s -> %s\n", s, moved)
		} else {
			fmt.Printf("%s -> gone\n", s)
		}
	}
	// Output:
	// labels.[1] -> labels.[0]
	// labels.[0] -> gone
	// labels -> labels
	// description -> description
}
