package stix_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/stix"
)

func ExampleParseTLP() {
	for _, s := range []string{"TLP:WHITE", "amber+strict", "Red", "amber strict"} {
		t, err := stix.ParseTLP(s)
		fmt.Println(t, err)
	}
	// Output:
	// TLP:CLEAR <nil>
	// TLP:AMBER+STRICT <nil>
	// TLP:RED <nil>
	// none stix: not a TLP level
}

func ExampleTLP() {
	// Levels are ordered, so the most restrictive of several is their max.
	levels := []stix.TLP{stix.TLPGreen, stix.TLPAmberStrict, stix.TLPAmber}
	governing := stix.TLPNone
	for _, t := range levels {
		governing = max(governing, t)
	}
	fmt.Println(governing)
	fmt.Println(stix.TLPAmber < stix.TLPAmberStrict, stix.TLPAmberStrict < stix.TLPRed)
	// Output:
	// TLP:AMBER+STRICT
	// true true
}

func ExampleParsePAP() {
	p, err := stix.ParsePAP("PAP:WHITE")
	fmt.Println(p, err)
	// Output: PAP:CLEAR <nil>
}

func ExampleParseMarkingDefinition() {
	// OpenCTI's TLP:AMBER+STRICT, a statement marking with OpenCTI's own
	// properties, is read as TLP and replaced by the TLP 2.0 definition.
	raw := []byte(`{
	  "type": "marking-definition",
	  "spec_version": "2.1",
	  "id": "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
	  "created": "2024-03-01T10:00:00.000Z",
	  "definition_type": "statement",
	  "definition": {"statement": "custom"},
	  "x_opencti_definition_type": "TLP",
	  "x_opencti_definition": "TLP:AMBER+STRICT"
	}`)
	m, err := stix.ParseMarkingDefinition(raw)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Kind, m.TLP, m.Variant)
	fmt.Println(m.CanonicalID)
	// Output:
	// tlp TLP:AMBER+STRICT opencti-amber-strict
	// marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003
}

func ExampleParseMarkingDefinition_clearOnWhiteID() {
	// TLP:CLEAR written on the TLP 1.0 TLP:WHITE id is the same level.
	raw := []byte(`{"type": "marking-definition", "spec_version": "2.1",
	  "id": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	  "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp", "name": "TLP:CLEAR",
	  "definition": {"tlp": "clear"}}`)
	m, err := stix.ParseMarkingDefinition(raw)
	fmt.Println(m.TLP, m.Builtin, m.Variant, err)
	// Output: TLP:CLEAR true tlp-clear-on-white-id <nil>
}

func ExampleParseMarkingDefinition_conflict() {
	// A definition on the TLP:WHITE id that says red is not guessed at.
	raw := []byte(`{"type": "marking-definition", "spec_version": "2.1",
	  "id": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	  "created": "2017-01-20T00:00:00.000Z", "definition_type": "tlp",
	  "definition": {"tlp": "red"}}`)
	_, err := stix.ParseMarkingDefinition(raw)
	fmt.Println(err)
	// Output: stix: marking-definition: id (offset 63): is the id of a fixed definition of another level
}

func ExampleParseMarkingDefinition_iep() {
	raw := []byte(`{"type": "marking-definition", "spec_version": "2.1",
	  "id": "marking-definition--da05d443-ad8d-46fc-abf5-31d3d00290f1",
	  "created": "2024-01-10T14:52:41.853121Z", "name": "IEP data marking",
	  "extensions": {"extension-definition--762e2e97-ee51-43e5-a9ea-165fbb862c4a": {
	    "extension_type": "property-extension", "tlp": "amber", "iep_version": 2.0}}}`)
	m, err := stix.ParseMarkingDefinition(raw)
	fmt.Println(m.Kind, m.TLP, m.Extension == stix.IEPExtensionID, err)
	// Output: iep TLP:AMBER true <nil>
}

func ExampleBuiltinMarking() {
	m, ok := stix.BuiltinMarking("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003")
	fmt.Println(ok, m.Kind, m.TLP, m.Name)
	_, ok = stix.BuiltinMarking("marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd")
	fmt.Println(ok)
	// Output:
	// true tlp TLP:AMBER+STRICT TLP:AMBER+STRICT
	// false
}

func ExampleBuiltinMarkingJSON() {
	id := stix.TLPMarkingID(stix.TLPGreen, false)
	fmt.Printf("%s\n", stix.BuiltinMarkingJSON(id))
	fmt.Printf("%s\n", stix.BuiltinMarkingJSON20(id))
	// Output:
	// {"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"}}
	// {"type":"marking-definition","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"green"}}
}

func ExampleTLPMarkingID() {
	fmt.Println(stix.TLPMarkingID(stix.TLPClear, false))
	fmt.Println(stix.TLPMarkingID(stix.TLPClear, true))
	fmt.Printf("%q\n", stix.TLPMarkingID(stix.TLPAmberStrict, false))
	// Output:
	// marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9
	// marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487
	// ""
}
