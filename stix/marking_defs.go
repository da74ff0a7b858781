package stix

// The fixed marking definitions airlock knows by id, as data. The JSON is
// the published content written compactly on one line, properties in the
// order the publishers wrote them:
//
//   - TLP 1.0: STIX 2.1 section 7.2.1.4 ("Other instances of tlp-marking
//     MUST NOT be used or created"). The STIX 2.0 form has the same id,
//     created and definition but no spec_version and no name
//     (cti-python-stix2 stix2/markings/utils.py check_tlp_marking).
//   - TLP 2.0: cti-stix-common-objects objects/marking-definition and
//     extension-definition-specifications/tlp-2.0/examples (commits 216329a,
//     3433792, 7b78aac). They need STIX 2.1 (they use extensions).
//   - PAP: cti-stix-common-objects extension-definition-specifications,
//     ids from the schema extension-definition--f8d78575-....json (commit
//     134c2b0); content from the examples pap-marking-definition-f8d/
//     examples/pap-white.json and pap-green.json (commit 1df2724) and
//     pap-f8d/examples/pap-amber.json and pap-red.json (commit 5b8b363).
//     The created dates differ per level as published (white 2022-10-01,
//     amber 2022-10-02, red 2022-10-06, green 2022-10-09).
//   - PAP:CLEAR: only an example, pap-marking-definition-f8d/examples/
//     pap-clear.json (commit a3d8ae6). The schema and the PAP specification
//     list WHITE, GREEN, AMBER and RED only and say "Other instances of a
//     PAP marking definition object MUST NOT be used or created", so this
//     id is recognised but its canonical replacement is PAP:WHITE.

// Ids of the fixed marking definitions.
const (
	tlp1WhiteID = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"
	tlp1GreenID = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
	tlp1AmberID = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
	tlp1RedID   = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"

	tlp2ClearID       = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
	tlp2GreenID       = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
	tlp2AmberID       = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
	tlp2AmberStrictID = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
	tlp2RedID         = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"

	papWhiteID        = "marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730"
	papGreenID        = "marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9"
	papAmberID        = "marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab"
	papRedID          = "marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e"
	papClearExampleID = "marking-definition--ad15a0cd-55b6-4588-a14c-a66105329b92"
)

// A builtinDef is one fixed marking definition.
type builtinDef struct {
	m      Marking
	json21 string // the STIX 2.1 form
	json20 string // the STIX 2.0 form; "" where there is none
}

// builtinDefs is never written after initialisation.
var builtinDefs = [...]builtinDef{
	{
		m:      Marking{ID: tlp1WhiteID, Kind: MarkingTLP, TLP: TLPClear, Name: "TLP:WHITE", Builtin: true, CanonicalID: tlp1WhiteID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:WHITE","definition":{"tlp":"white"}}`,
		json20: `{"type":"marking-definition","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"white"}}`,
	},
	{
		m:      Marking{ID: tlp1GreenID, Kind: MarkingTLP, TLP: TLPGreen, Name: "TLP:GREEN", Builtin: true, CanonicalID: tlp1GreenID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:GREEN","definition":{"tlp":"green"}}`,
		json20: `{"type":"marking-definition","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"green"}}`,
	},
	{
		m:      Marking{ID: tlp1AmberID, Kind: MarkingTLP, TLP: TLPAmber, Name: "TLP:AMBER", Builtin: true, CanonicalID: tlp1AmberID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:AMBER","definition":{"tlp":"amber"}}`,
		json20: `{"type":"marking-definition","id":"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"amber"}}`,
	},
	{
		m:      Marking{ID: tlp1RedID, Kind: MarkingTLP, TLP: TLPRed, Name: "TLP:RED", Builtin: true, CanonicalID: tlp1RedID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","name":"TLP:RED","definition":{"tlp":"red"}}`,
		json20: `{"type":"marking-definition","id":"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed","created":"2017-01-20T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"red"}}`,
	},
	{
		m:      Marking{ID: tlp2ClearID, Kind: MarkingTLP, TLP: TLPClear, Extension: TLP2ExtensionID, Name: "TLP:CLEAR", Builtin: true, CanonicalID: tlp2ClearID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487","created":"2022-10-01T00:00:00.000Z","name":"TLP:CLEAR","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"clear"}}}`,
	},
	{
		m:      Marking{ID: tlp2GreenID, Kind: MarkingTLP, TLP: TLPGreen, Extension: TLP2ExtensionID, Name: "TLP:GREEN", Builtin: true, CanonicalID: tlp2GreenID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb","created":"2022-10-01T00:00:00.000Z","name":"TLP:GREEN","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"green"}}}`,
	},
	{
		m:      Marking{ID: tlp2AmberID, Kind: MarkingTLP, TLP: TLPAmber, Extension: TLP2ExtensionID, Name: "TLP:AMBER", Builtin: true, CanonicalID: tlp2AmberID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421","created":"2022-10-01T00:00:00.000Z","name":"TLP:AMBER","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"amber"}}}`,
	},
	{
		m:      Marking{ID: tlp2AmberStrictID, Kind: MarkingTLP, TLP: TLPAmberStrict, Extension: TLP2ExtensionID, Name: "TLP:AMBER+STRICT", Builtin: true, CanonicalID: tlp2AmberStrictID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003","created":"2022-10-01T00:00:00.000Z","name":"TLP:AMBER+STRICT","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"amber+strict"}}}`,
	},
	{
		m:      Marking{ID: tlp2RedID, Kind: MarkingTLP, TLP: TLPRed, Extension: TLP2ExtensionID, Name: "TLP:RED", Builtin: true, CanonicalID: tlp2RedID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1","created":"2022-10-01T00:00:00.000Z","name":"TLP:RED","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"red"}}}`,
	},
	{
		m:      Marking{ID: papWhiteID, Kind: MarkingPAP, PAP: PAPClear, Extension: PAPExtensionID, Name: "PAP:WHITE", Builtin: true, CanonicalID: papWhiteID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730","created":"2022-10-01T00:00:00.000Z","name":"PAP:WHITE","extensions":{"extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b":{"extension_type":"property-extension","pap":"white"}}}`,
	},
	{
		m:      Marking{ID: papGreenID, Kind: MarkingPAP, PAP: PAPGreen, Extension: PAPExtensionID, Name: "PAP:GREEN", Builtin: true, CanonicalID: papGreenID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9","created":"2022-10-09T00:00:00.000Z","name":"PAP:GREEN","extensions":{"extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b":{"extension_type":"property-extension","pap":"green"}}}`,
	},
	{
		m:      Marking{ID: papAmberID, Kind: MarkingPAP, PAP: PAPAmber, Extension: PAPExtensionID, Name: "PAP:AMBER", Builtin: true, CanonicalID: papAmberID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab","created":"2022-10-02T00:00:00.000Z","name":"PAP:AMBER","extensions":{"extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b":{"extension_type":"property-extension","pap":"amber"}}}`,
	},
	{
		m:      Marking{ID: papRedID, Kind: MarkingPAP, PAP: PAPRed, Extension: PAPExtensionID, Name: "PAP:RED", Builtin: true, CanonicalID: papRedID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e","created":"2022-10-06T00:00:00.000Z","name":"PAP:RED","extensions":{"extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b":{"extension_type":"property-extension","pap":"red"}}}`,
	},
	{
		m:      Marking{ID: papClearExampleID, Kind: MarkingPAP, PAP: PAPClear, Extension: PAPExtensionID, Name: "PAP:CLEAR", Builtin: true, Variant: VariantPAPClearExampleID, CanonicalID: papWhiteID},
		json21: `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--ad15a0cd-55b6-4588-a14c-a66105329b92","created":"2022-10-01T00:00:00.000Z","name":"PAP:CLEAR","extensions":{"extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b":{"extension_type":"property-extension","pap":"clear"}}}`,
	},
}

// builtinDefIndex returns the index of id in builtinDefs, or -1.
func builtinDefIndex(id string) int {
	for i := range builtinDefs {
		if builtinDefs[i].m.ID == id {
			return i
		}
	}
	return -1
}
