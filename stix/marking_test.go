package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseTLP(t *testing.T) {
	tests := []struct {
		in   string
		want TLP
		ok   bool
	}{
		{"clear", TLPClear, true},
		{"white", TLPClear, true},
		{"WHITE", TLPClear, true},
		{"green", TLPGreen, true},
		{"amber", TLPAmber, true},
		{"amber+strict", TLPAmberStrict, true},
		{"AMBER+STRICT", TLPAmberStrict, true},
		{"red", TLPRed, true},
		{"TLP:CLEAR", TLPClear, true},
		{"tlp:white", TLPClear, true},
		{"Tlp:Amber+Strict", TLPAmberStrict, true},
		{"TLP:RED", TLPRed, true},
		{"", TLPNone, false},
		{"none", TLPNone, false},
		{"TLP:", TLPNone, false},
		{"TLP:TLP:RED", TLPNone, false},
		{" red", TLPNone, false},
		{"red ", TLPNone, false},
		{"TLP: RED", TLPNone, false},
		{"TLP-RED", TLPNone, false},
		{"amber strict", TLPNone, false},
		{"amber_strict", TLPNone, false},
		{"amber+", TLPNone, false},
		{"ambre", TLPNone, false},
		{"amber+\u017ftrict", TLPNone, false}, // long s folds to 's' under strings.EqualFold
		{"gre\u0435n", TLPNone, false},        // Cyrillic e
		{"ＲＥＤ", TLPNone, false},               // full width
		{"black", TLPNone, false},
		{"TLP:EX:CHR", TLPNone, false},
		{"unclear", TLPNone, false},
	}
	for _, tt := range tests {
		got, err := ParseTLP(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseTLP(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil {
			if !errors.Is(err, ErrNotTLP) {
				t.Errorf("ParseTLP(%q) error %v is not ErrNotTLP", tt.in, err)
			}
			if tt.in != "" && strings.Contains(err.Error(), tt.in) {
				t.Errorf("ParseTLP(%q) error repeats the input: %v", tt.in, err)
			}
		}
	}
}

func TestTLPString(t *testing.T) {
	tests := []struct {
		t    TLP
		want string
	}{
		{TLPNone, "none"},
		{TLPClear, "TLP:CLEAR"},
		{TLPGreen, "TLP:GREEN"},
		{TLPAmber, "TLP:AMBER"},
		{TLPAmberStrict, "TLP:AMBER+STRICT"},
		{TLPRed, "TLP:RED"},
		{TLP(9), "TLP(9)"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.want {
			t.Errorf("TLP(%d).String() = %q, want %q", tt.t, got, tt.want)
		}
		if tt.t > TLPNone && tt.t <= TLPRed {
			back, err := ParseTLP(tt.want)
			if err != nil || back != tt.t {
				t.Errorf("ParseTLP(%q) = %v, %v; want %v", tt.want, back, err, tt.t)
			}
		}
	}
}

func TestTLPOrder(t *testing.T) {
	order := []TLP{TLPNone, TLPClear, TLPGreen, TLPAmber, TLPAmberStrict, TLPRed}
	for i := 1; i < len(order); i++ {
		if !(order[i-1] < order[i]) {
			t.Errorf("%v is not less restrictive than %v", order[i-1], order[i])
		}
	}
	white, _ := ParseTLP("white")
	clear, _ := ParseTLP("clear")
	if white != clear {
		t.Errorf("white = %v, clear = %v; want the same level", white, clear)
	}
	if got := max(TLPAmber, TLPGreen, TLPAmberStrict); got != TLPAmberStrict {
		t.Errorf("most restrictive of AMBER, GREEN, AMBER+STRICT = %v", got)
	}
}

func TestParsePAP(t *testing.T) {
	tests := []struct {
		in   string
		want PAP
		ok   bool
	}{
		{"clear", PAPClear, true},
		{"white", PAPClear, true},
		{"PAP:WHITE", PAPClear, true},
		{"pap:Green", PAPGreen, true},
		{"amber", PAPAmber, true},
		{"RED", PAPRed, true},
		{"amber+strict", PAPNone, false}, // PAP has no AMBER+STRICT
		{"TLP:RED", PAPNone, false},
		{"grey", PAPNone, false},
		{"", PAPNone, false},
		{"PAP:", PAPNone, false},
		{" PAP:RED", PAPNone, false},
	}
	for _, tt := range tests {
		got, err := ParsePAP(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParsePAP(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrNotPAP) {
			t.Errorf("ParsePAP(%q) error %v is not ErrNotPAP", tt.in, err)
		}
	}
	names := map[PAP]string{PAPNone: "none", PAPClear: "PAP:CLEAR", PAPGreen: "PAP:GREEN", PAPAmber: "PAP:AMBER", PAPRed: "PAP:RED", PAP(7): "PAP(7)"}
	for p, want := range names {
		if got := p.String(); got != want {
			t.Errorf("PAP(%d).String() = %q, want %q", p, got, want)
		}
	}
	if !(PAPNone < PAPClear && PAPClear < PAPGreen && PAPGreen < PAPAmber && PAPAmber < PAPRed) {
		t.Error("PAP levels are out of order")
	}
}

func TestMarkingKindString(t *testing.T) {
	seen := map[string]bool{}
	for k := MarkingUnknown; k <= MarkingCustom; k++ {
		s := k.String()
		if seen[s] || strings.HasPrefix(s, "MarkingKind(") {
			t.Errorf("MarkingKind(%d).String() = %q: not a distinct name", k, s)
		}
		seen[s] = true
	}
	if got := MarkingKind(42).String(); got != "MarkingKind(42)" {
		t.Errorf("MarkingKind(42).String() = %q", got)
	}
}

// builtinWant is what BuiltinMarking must return for every fixed id; it is
// written out here, separately from marking_defs.go, so that a slip in
// either shows.
var builtinWant = []Marking{
	{ID: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Kind: MarkingTLP, TLP: TLPClear, Name: "TLP:WHITE", Builtin: true, CanonicalID: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"},
	{ID: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Kind: MarkingTLP, TLP: TLPGreen, Name: "TLP:GREEN", Builtin: true, CanonicalID: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"},
	{ID: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Kind: MarkingTLP, TLP: TLPAmber, Name: "TLP:AMBER", Builtin: true, CanonicalID: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"},
	{ID: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Kind: MarkingTLP, TLP: TLPRed, Name: "TLP:RED", Builtin: true, CanonicalID: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"},
	{ID: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", Kind: MarkingTLP, TLP: TLPClear, Extension: TLP2ExtensionID, Name: "TLP:CLEAR", Builtin: true, CanonicalID: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"},
	{ID: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", Kind: MarkingTLP, TLP: TLPGreen, Extension: TLP2ExtensionID, Name: "TLP:GREEN", Builtin: true, CanonicalID: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"},
	{ID: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", Kind: MarkingTLP, TLP: TLPAmber, Extension: TLP2ExtensionID, Name: "TLP:AMBER", Builtin: true, CanonicalID: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"},
	{ID: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", Kind: MarkingTLP, TLP: TLPAmberStrict, Extension: TLP2ExtensionID, Name: "TLP:AMBER+STRICT", Builtin: true, CanonicalID: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"},
	{ID: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", Kind: MarkingTLP, TLP: TLPRed, Extension: TLP2ExtensionID, Name: "TLP:RED", Builtin: true, CanonicalID: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"},
	{ID: "marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730", Kind: MarkingPAP, PAP: PAPClear, Extension: PAPExtensionID, Name: "PAP:WHITE", Builtin: true, CanonicalID: "marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730"},
	{ID: "marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9", Kind: MarkingPAP, PAP: PAPGreen, Extension: PAPExtensionID, Name: "PAP:GREEN", Builtin: true, CanonicalID: "marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9"},
	{ID: "marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab", Kind: MarkingPAP, PAP: PAPAmber, Extension: PAPExtensionID, Name: "PAP:AMBER", Builtin: true, CanonicalID: "marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab"},
	{ID: "marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e", Kind: MarkingPAP, PAP: PAPRed, Extension: PAPExtensionID, Name: "PAP:RED", Builtin: true, CanonicalID: "marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e"},
	{ID: "marking-definition--ad15a0cd-55b6-4588-a14c-a66105329b92", Kind: MarkingPAP, PAP: PAPClear, Extension: PAPExtensionID, Name: "PAP:CLEAR", Builtin: true, Variant: VariantPAPClearExampleID, CanonicalID: "marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730"},
}

// builtinFile names the testdata file holding each fixed definition as
// published (TLP copied from the reference, PAP from cti-stix-common-objects).
var builtinFile = map[string]string{
	"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "builtin-tlp1-white",
	"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "builtin-tlp1-green",
	"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "builtin-tlp1-amber",
	"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "builtin-tlp1-red",
	"marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487": "builtin-tlp2-clear",
	"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb": "builtin-tlp2-green",
	"marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421": "builtin-tlp2-amber",
	"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003": "builtin-tlp2-amber-strict",
	"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1": "builtin-tlp2-red",
	"marking-definition--a3bea94c-b469-41dc-9cfe-d6e7daba7730": "builtin-pap-white",
	"marking-definition--c43594d1-4b11-4c59-93ab-1c9b14d53ce9": "builtin-pap-green",
	"marking-definition--60f8932b-e51e-4458-b265-a2e8be9a80ab": "builtin-pap-amber",
	"marking-definition--740d36e5-7714-4c30-961a-3ae632ceee0e": "builtin-pap-red",
	"marking-definition--ad15a0cd-55b6-4588-a14c-a66105329b92": "builtin-pap-clear-example",
}

func TestBuiltinMarking(t *testing.T) {
	if len(builtinWant) != len(builtinDefs) {
		t.Errorf("%d built-in definitions, want %d", len(builtinDefs), len(builtinWant))
	}
	for _, want := range builtinWant {
		got, ok := BuiltinMarking(want.ID)
		if !ok {
			t.Errorf("BuiltinMarking(%s): not found", want.ID)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("BuiltinMarking(%s) (-want +got):\n%s", want.ID, diff)
		}
	}
	for _, id := range []string{
		"",
		"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd",
		"marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
		"MARKING-DEFINITION--613f2e26-407d-48c7-9eca-b8e91df99dc9",
		"marking-definition--613F2E26-407D-48C7-9ECA-B8E91DF99DC9",
		"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9 ",
	} {
		if m, ok := BuiltinMarking(id); ok {
			t.Errorf("BuiltinMarking(%q) = %+v, want none", id, m)
		}
		if BuiltinMarkingJSON(id) != nil || BuiltinMarkingJSON20(id) != nil {
			t.Errorf("BuiltinMarkingJSON(%q) is not nil", id)
		}
	}
}

func TestBuiltinMarkingJSON(t *testing.T) {
	for _, want := range builtinWant {
		raw := BuiltinMarkingJSON(want.ID)
		if raw == nil {
			t.Errorf("BuiltinMarkingJSON(%s) = nil", want.ID)
			continue
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			t.Errorf("BuiltinMarkingJSON(%s): %v", want.ID, err)
			continue
		}
		if !bytes.Equal(compact.Bytes(), raw) || bytes.ContainsRune(raw, '\n') {
			t.Errorf("BuiltinMarkingJSON(%s) is not compact one-line JSON", want.ID)
		}

		// The same content as published, property order included.
		file := readMarkingFile(t, builtinFile[want.ID]+".json")
		compact.Reset()
		if err := json.Compact(&compact, file); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(compact.String(), string(raw)); diff != "" {
			t.Errorf("BuiltinMarkingJSON(%s) differs from %s (-file +code):\n%s", want.ID, builtinFile[want.ID], diff)
		}

		// It parses back to itself.
		got, err := ParseMarkingDefinition(raw)
		if err != nil {
			t.Errorf("ParseMarkingDefinition(BuiltinMarkingJSON(%s)): %v", want.ID, err)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("ParseMarkingDefinition(BuiltinMarkingJSON(%s)) (-want +got):\n%s", want.ID, diff)
		}

		// The caller owns the slice.
		raw[0] = 'X'
		if again := BuiltinMarkingJSON(want.ID); again[0] != '{' {
			t.Errorf("BuiltinMarkingJSON(%s) shares its bytes between calls", want.ID)
		}
	}
}

func TestBuiltinMarkingJSON20(t *testing.T) {
	for _, want := range builtinWant {
		raw := BuiltinMarkingJSON20(want.ID)
		isTLP1 := want.Kind == MarkingTLP && want.Extension == ""
		if !isTLP1 {
			if raw != nil {
				t.Errorf("BuiltinMarkingJSON20(%s) = %s, want nil (needs STIX 2.1)", want.ID, raw)
			}
			continue
		}
		if raw == nil {
			t.Errorf("BuiltinMarkingJSON20(%s) = nil", want.ID)
			continue
		}
		var obj map[string]any
		if err := json.Unmarshal(raw, &obj); err != nil {
			t.Fatal(err)
		}
		for _, absent := range []string{"spec_version", "name", "extensions"} {
			if _, ok := obj[absent]; ok {
				t.Errorf("BuiltinMarkingJSON20(%s) has %s", want.ID, absent)
			}
		}
		file := readMarkingFile(t, builtinFile[want.ID]+"-stix20.json")
		var compact bytes.Buffer
		if err := json.Compact(&compact, file); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(compact.String(), string(raw)); diff != "" {
			t.Errorf("BuiltinMarkingJSON20(%s) (-file +code):\n%s", want.ID, diff)
		}
		got, err := ParseMarkingDefinition(raw)
		if err != nil {
			t.Errorf("ParseMarkingDefinition(BuiltinMarkingJSON20(%s)): %v", want.ID, err)
			continue
		}
		want20 := want
		want20.Name = "" // STIX 2.0 marking definitions have no name
		if diff := cmp.Diff(want20, got); diff != "" {
			t.Errorf("ParseMarkingDefinition(BuiltinMarkingJSON20(%s)) (-want +got):\n%s", want.ID, diff)
		}
	}
}

func TestTLPMarkingID(t *testing.T) {
	tests := []struct {
		t        TLP
		version2 bool
		want     string
	}{
		{TLPNone, false, ""},
		{TLPNone, true, ""},
		{TLPClear, false, "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"},
		{TLPGreen, false, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"},
		{TLPAmber, false, "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"},
		{TLPAmberStrict, false, ""},
		{TLPRed, false, "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"},
		{TLPClear, true, "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"},
		{TLPGreen, true, "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"},
		{TLPAmber, true, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"},
		{TLPAmberStrict, true, "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"},
		{TLPRed, true, "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"},
		{TLP(-1), true, ""},
		{TLP(6), false, ""},
	}
	for _, tt := range tests {
		got := TLPMarkingID(tt.t, tt.version2)
		if got != tt.want {
			t.Errorf("TLPMarkingID(%v, %v) = %q, want %q", tt.t, tt.version2, got, tt.want)
		}
		if got == "" {
			continue
		}
		m, ok := BuiltinMarking(got)
		if !ok || m.Kind != MarkingTLP || m.TLP != tt.t || (m.Extension == TLP2ExtensionID) != tt.version2 {
			t.Errorf("TLPMarkingID(%v, %v) = %s, which is %+v", tt.t, tt.version2, got, m)
		}
	}
}

func TestPAPMarkingID(t *testing.T) {
	for p := PAPNone; p <= PAPRed+1; p++ {
		id := PAPMarkingID(p)
		if p == PAPNone || p > PAPRed {
			if id != "" {
				t.Errorf("PAPMarkingID(%v) = %q, want \"\"", p, id)
			}
			continue
		}
		m, ok := BuiltinMarking(id)
		if !ok || m.Kind != MarkingPAP || m.PAP != p || m.Variant != "" || m.CanonicalID != id {
			t.Errorf("PAPMarkingID(%v) = %s, which is %+v", p, id, m)
		}
	}
}

const (
	octiAmberStrictID = "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"
	cuiExtensionID    = "extension-definition--dff17fb3-edcb-4f99-ad1b-4b751c95738a"
)

// markingCase is the expected outcome for one file in testdata/markings:
// a Marking, or an error at a property whose value at the error's offset
// starts with at.
type markingCase struct {
	want      Marking
	errProp   string
	errWhy    string // a word of the reason
	at        string // the input at the error's offset starts with this
	isErrCase bool
}

func parses(m Marking) markingCase { return markingCase{want: m} }

func fails(prop, why, at string) markingCase {
	return markingCase{errProp: prop, errWhy: why, at: at, isErrCase: true}
}

var markingCases = map[string]markingCase{
	// Variants from the reference (section 1.3) and OpenCTI's forms.
	"variant-tlp-clear-on-white-id.json": parses(Marking{ID: tlp1WhiteID, Kind: MarkingTLP, TLP: TLPClear, Name: "TLP:CLEAR", Builtin: true,
		Variant: VariantTLPClearOnWhiteID, CanonicalID: tlp1WhiteID}),
	"variant-escaped-clear-on-white-id.json": parses(Marking{ID: tlp1WhiteID, Kind: MarkingTLP, TLP: TLPClear, Name: "TLP:CLEAR", Builtin: true,
		Variant: VariantTLPClearOnWhiteID, CanonicalID: tlp1WhiteID}),
	"variant-opencti-amber-strict.json": parses(Marking{ID: octiAmberStrictID, Kind: MarkingTLP, TLP: TLPAmberStrict,
		Variant: VariantOpenCTIAmberStrict, CanonicalID: tlp2AmberStrictID}),
	"variant-opencti-clear-statement.json": parses(Marking{ID: tlp1WhiteID, Kind: MarkingTLP, TLP: TLPClear, Builtin: true,
		Variant: VariantTLPClearOnWhiteID, CanonicalID: tlp1WhiteID}),
	"variant-opencti-red-statement-other-id.json": parses(Marking{ID: "marking-definition--1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b", Kind: MarkingTLP, TLP: TLPRed,
		Variant: VariantOpenCTITLP, CanonicalID: tlp2RedID}),
	"variant-opencti-platform-amber-strict.json": parses(Marking{ID: octiAmberStrictID, Kind: MarkingTLP, TLP: TLPAmberStrict, Name: "TLP:AMBER+STRICT",
		Variant: VariantOpenCTIAmberStrict, CanonicalID: tlp2AmberStrictID}),
	"variant-opencti-platform-green.json": parses(Marking{ID: tlp1GreenID, Kind: MarkingTLP, TLP: TLPGreen, Name: "TLP:GREEN", Builtin: true,
		Variant: VariantOpenCTITLP, CanonicalID: tlp1GreenID}),
	"variant-opencti-connector-tlp-key.json": parses(Marking{ID: octiAmberStrictID, Kind: MarkingTLP, TLP: TLPAmberStrict,
		Variant: VariantOpenCTIAmberStrict, CanonicalID: tlp2AmberStrictID}),
	"variant-opencti-pap-statement.json": parses(Marking{ID: "marking-definition--2c3d4e5f-6071-4829-9bac-1d2e3f4a5b6c", Kind: MarkingPAP, PAP: PAPRed,
		Variant: VariantOpenCTIPAP, CanonicalID: papRedID}),
	"variant-opencti-platform-pap.json": parses(Marking{ID: "marking-definition--3d4e5f60-7182-493a-8cbd-2e3f4a5b6c7d", Kind: MarkingPAP, PAP: PAPAmber, Name: "PAP:AMBER",
		Variant: VariantOpenCTIPAP, CanonicalID: papAmberID}),
	"variant-tlp-non-canonical-id.json": parses(Marking{ID: "marking-definition--4e5f6071-8293-4a4b-9cde-3f4a5b6c7d8e", Kind: MarkingTLP, TLP: TLPGreen, Name: "TLP:GREEN",
		Variant: VariantTLPNonCanonicalID, CanonicalID: tlp1GreenID}),
	"variant-tlp-non-canonical-id-amber-strict.json": parses(Marking{ID: octiAmberStrictID, Kind: MarkingTLP, TLP: TLPAmberStrict, Name: "TLP:AMBER+STRICT",
		Variant: VariantTLPNonCanonicalID, CanonicalID: tlp2AmberStrictID}),
	"variant-tlp1-form-on-tlp2-id.json": parses(Marking{ID: tlp2AmberStrictID, Kind: MarkingTLP, TLP: TLPAmberStrict, Name: "TLP:AMBER+STRICT", Builtin: true,
		Variant: VariantTLP1FormOnTLP2ID, CanonicalID: tlp2AmberStrictID}),
	"variant-tlp2-non-canonical-id.json": parses(Marking{ID: "marking-definition--5f607182-93a4-4b5c-8def-4a5b6c7d8e9f", Kind: MarkingTLP, TLP: TLPRed, Name: "TLP:RED",
		Extension: TLP2ExtensionID, Variant: VariantTLP2NonCanonicalID, CanonicalID: tlp2RedID}),
	"variant-tlp2-form-on-tlp1-id.json": parses(Marking{ID: tlp1AmberID, Kind: MarkingTLP, TLP: TLPAmber, Name: "TLP:AMBER", Builtin: true,
		Extension: TLP2ExtensionID, Variant: VariantTLP2FormOnTLP1ID, CanonicalID: tlp1AmberID}),
	"variant-tlp2-with-definition-type.json": parses(Marking{ID: tlp2ClearID, Kind: MarkingTLP, TLP: TLPClear, Name: "TLP:CLEAR", Builtin: true,
		Extension: TLP2ExtensionID, Variant: VariantTLP2WithDefinitionType, CanonicalID: tlp2ClearID}),
	"variant-statement-tlp.json": parses(Marking{ID: "marking-definition--6071829a-a4b5-4c6d-9ef0-5b6c7d8e9fa0", Kind: MarkingTLP, TLP: TLPRed,
		Variant: VariantStatementTLP, CanonicalID: tlp2RedID}),

	// Statements, IEP, ACS, other extensions, custom types.
	"statement.json": parses(Marking{ID: "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd", Kind: MarkingStatement,
		Statement: "Copyright 2019, Example Corp"}),
	"statement-stix20.json": parses(Marking{ID: "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd", Kind: MarkingStatement,
		Statement: "Copyright 2016, Example Corp"}),
	"iep-amber.json": parses(Marking{ID: "marking-definition--da05d443-ad8d-46fc-abf5-31d3d00290f1", Kind: MarkingIEP, TLP: TLPAmber,
		Extension: IEPExtensionID, Name: "IEP data marking"}),
	"iep-white.json": parses(Marking{ID: "marking-definition--7182930a-b5c6-4d7e-8f01-6c7d8e9fa0b1", Kind: MarkingIEP, TLP: TLPClear,
		Extension: IEPExtensionID, Name: "IEP public"}),
	"acs-ais.json": parses(Marking{ID: "marking-definition--8293a4b5-c6d7-4e8f-9012-7d8e9fa0b1c2", Kind: MarkingACS, TLP: TLPNone,
		Extension: ACSExtensionID}),
	"extension-cui.json": parses(Marking{ID: "marking-definition--93a4b5c6-d7e8-4f90-a123-8e9fa0b1c2d3", Kind: MarkingExtension,
		Extension: cuiExtensionID, Name: "CUI basic"}),
	"custom-ais.json":                    parses(Marking{ID: "marking-definition--a4b5c6d7-e8f9-4a01-b234-9fa0b1c2d3e4", Kind: MarkingCustom}),
	"custom-opencti-type-statement.json": parses(Marking{ID: "marking-definition--b5c6d7e8-f90a-4b12-8345-a0b1c2d3e4f5", Kind: MarkingCustom}),

	// Conflicts: a definition that means two things is an error.
	"conflict-white-id-says-red.json":                fails("id", "another level", `"marking-definition--613f2e26`),
	"conflict-tlp2-red-id-says-green.json":           fails("id", "another level", `"marking-definition--e828b379`),
	"conflict-name-vs-definition.json":               fails("name", "TLP level", `"TLP:RED"`),
	"conflict-opencti-amber-strict-on-amber-id.json": fails("id", "another level", `"marking-definition--f88d31f6`),
	"conflict-statement-on-builtin-id.json":          fails("id", "another kind", `"marking-definition--5e57c739`),
	"conflict-iep-on-tlp-id.json":                    fails("id", "another kind", `"marking-definition--5e57c739`),
	"conflict-pap-id-with-tlp.json":                  fails("id", "another kind", `"marking-definition--740d36e5`),
	"conflict-two-handling-extensions.json":          fails("extensions", "more than one", `{`),
	"conflict-tlp2-definition-type-other-level.json": fails("definition.tlp", "different TLP level", `"red"`),
	"conflict-statement-named-tlp.json":              fails("name", "TLP level", `"TLP:AMBER+STRICT"`),
	"conflict-iep-name-other-level.json":             fails("name", "TLP level", `"TLP:GREEN"`),
	"conflict-acs-named-tlp.json":                    fails("name", "TLP level", `"TLP:AMBER"`),

	// Levels that are not levels, and malformed input.
	"error-opencti-tlp-black.json":         fails("x_opencti_definition", "not a TLP level", `"TLP:BLACK"`),
	"error-tlp-misspelled.json":            fails("definition.tlp", "not a TLP level", `"amber strict"`),
	"error-lookalike-level.json":           fails("extensions."+TLP2ExtensionID+".tlp_2_0", "not a TLP level", `"amber+\u017f`),
	"error-tlp2-missing-level.json":        fails("extensions."+TLP2ExtensionID+".tlp_2_0", "missing", `{`),
	"error-iep-missing-tlp.json":           fails("extensions."+IEPExtensionID+".tlp", "missing", `{`),
	"error-pap-level.json":                 fails("extensions."+PAPExtensionID+".pap", "not a PAP level", `"grey"`),
	"error-tlp2-wrong-extension-type.json": fails("extensions."+TLP2ExtensionID+".extension_type", "property-extension", `"toplevel-property-extension"`),
	"error-no-definition.json":             fails("definition_type", "missing", `{`),
	"error-two-unknown-extensions.json":    fails("extensions", "more than one extension", `{`),
	"error-duplicate-tlp.json":             fails("definition.tlp", "more than once", `"tlp": "red"`),
	"error-duplicate-tlp-case.json":        fails("definition.tlp", "more than once", `"TLP"`),
	"error-duplicate-id.json":              fails("id", "more than once", `"id": "marking-definition--5e57c739`),
	"error-duplicate-extension.json":       fails("extensions."+TLP2ExtensionID, "more than once", `"extension-definition--60a3c5c5`),
	"error-not-object.json":                fails("", "not a JSON object", `[`),
	"error-invalid-json.json":              fails("", "not valid JSON", ""),
	"error-missing-id.json":                fails("id", "missing", `{`),
	"error-id-not-string.json":             fails("id", "not a string", `613`),
	"error-id-other-type.json":             fails("id", "identifier", `"identity--`),
	"error-wrong-type.json":                fails("type", "marking-definition", `"indicator"`),
	"error-definition-not-object.json":     fails("definition", "not an object", `"white"`),
	"error-extensions-not-object.json":     fails("extensions", "not an object", `[`),
	"error-statement-not-string.json":      fails("definition.statement", "not a string", `[`),
}

// allMarkingCases is markingCases plus the fixed definitions as published,
// each of which parses to BuiltinMarking, less the name in the STIX 2.0 form.
func allMarkingCases() map[string]markingCase {
	all := make(map[string]markingCase, len(markingCases)+2*len(builtinWant))
	for name, tc := range markingCases {
		all[name] = tc
	}
	for _, b := range builtinWant {
		all[builtinFile[b.ID]+".json"] = parses(b)
		if b.Kind == MarkingTLP && b.Extension == "" {
			b.Name = ""
			all[builtinFile[b.ID]+"-stix20.json"] = parses(b)
		}
	}
	return all
}

func readMarkingFile(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "markings", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestParseMarkingDefinitionFiles(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "markings", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	onDisk := map[string]bool{}
	for _, f := range files {
		onDisk[filepath.Base(f)] = true
	}
	cases := allMarkingCases()
	var names []string
	for name := range cases {
		names = append(names, name)
		if !onDisk[name] {
			t.Errorf("case %s has no file", name)
		}
	}
	for name := range onDisk {
		if _, ok := cases[name]; !ok {
			t.Errorf("file %s has no case", name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		tc := cases[name]
		t.Run(strings.TrimSuffix(name, ".json"), func(t *testing.T) {
			raw := readMarkingFile(t, name)
			got, err := ParseMarkingDefinition(raw)
			if !tc.isErrCase {
				if err != nil {
					t.Fatalf("ParseMarkingDefinition: %v", err)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("ParseMarkingDefinition (-want +got):\n%s", diff)
				}
				return
			}
			if err == nil {
				t.Fatalf("ParseMarkingDefinition = %+v, want an error at %q", got, tc.errProp)
			}
			if diff := cmp.Diff(Marking{}, got); diff != "" {
				t.Errorf("ParseMarkingDefinition returned a marking with its error:\n%s", diff)
			}
			var me *MarkingError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is %T, want *MarkingError", err, err)
			}
			if me.Property != tc.errProp || !strings.Contains(me.Reason, tc.errWhy) {
				t.Errorf("error = %v; want property %q, reason containing %q", err, tc.errProp, tc.errWhy)
			}
			if tc.at == "" {
				if me.Offset != -1 {
					t.Errorf("error offset = %d, want -1", me.Offset)
				}
			} else if me.Offset < 0 || me.Offset >= len(raw) || !bytes.HasPrefix(raw[me.Offset:], []byte(tc.at)) {
				t.Errorf("error offset %d does not point at %q", me.Offset, tc.at)
			}
			checkNoInputValue(t, raw, err)
		})
	}
}

func TestParseMarkingDefinitionMalformed(t *testing.T) {
	tests := []struct {
		in   string
		prop string
		why  string
	}{
		{``, "", "not valid JSON"},
		{`null`, "", "not a JSON object"},
		{`"marking-definition"`, "", "not a JSON object"},
		{`42`, "", "not a JSON object"},
		{`{}`, "type", "missing"},
		{`{"type":"marking-definition"}`, "id", "missing"},
		{`{"type":["marking-definition"],"id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"}`, "type", "marking-definition"},
		{`{"type":"marking-definition","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc"}`, "id", "identifier"},
		{`{"type":"marking-definition","id":"marking-definition--613f2e26x407d-48c7-9eca-b8e91df99dc9"}`, "id", "identifier"},
		{`{"type":"marking-definition","id":"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dcg"}`, "id", "identifier"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","name":7,"definition_type":"statement","definition":{"statement":"x"}}`, "name", "not a string"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","spec_version":2.1,"definition_type":"statement","definition":{"statement":"x"}}`, "spec_version", "not a string"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":null}`, "definition_type", "not a string"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"statement"}`, "definition", "missing"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"statement","definition":{}}`, "definition.statement", "missing"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"tlp","definition":{"tlp":1}}`, "definition.tlp", "not a string"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"tlp"}`, "definition", "missing"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"statement","definition":{"statement":"x"},"x_opencti_definition_type":"TLP"}`, "x_opencti_definition", "missing"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"statement","definition":{"statement":"x"},"x_opencti_definition_type":"TLP","x_opencti_definition":false}`, "x_opencti_definition", "not a string"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"PAP"}`, "definition", "missing"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"x-acme":"tlp:red"}}`, "extensions", "not an object"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{}}`, "definition_type", "missing"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + PAPExtensionID + `":{"pap":"red"}},"definition_type":"statement","definition":{"statement":"x"}}`, "definition_type", "does not agree"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + TLP2ExtensionID + `":{"tlp_2_0":"red"}},"definition_type":"statement","definition":{"statement":"x"}}`, "definition_type", "does not agree"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + IEPExtensionID + `":{"tlp":"red"}},"definition_type":"tlp","definition":{"tlp":"red"}}`, "definition_type", "does not agree"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + ACSExtensionID + `":{}},"definition_type":"tlp","definition":{"tlp":"red"}}`, "definition_type", "does not agree"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + ACSExtensionID + `":[]}}`, "extensions." + ACSExtensionID, "not an object"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + IEPExtensionID + `":{"tlp":"amber"}},"name":"PAP:RED"}`, "name", "PAP level"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","extensions":{"` + PAPExtensionID + `":{"pap":"amber"}},"name":"PAP:RED"}`, "name", "PAP level"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"PAP","definition":{"pap":"PAP:RED"},"name":"PAP:GREEN"}`, "name", "PAP level"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"statement","definition":{"statement":"x"},"x_opencti_definition_type":"PAP","x_opencti_definition":"PAP:RED","name":"TLP:RED"}`, "name", "TLP level"},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"TLP","definition":{"tlp":"red"},"x_opencti_definition_type":"TLP","x_opencti_definition":"TLP:GREEN"}`, "x_opencti_definition", "different TLP level"},
		{`{"type":"marking-definition","id":"` + papRedID + `","definition_type":"statement","definition":{"statement":"x"},"x_opencti_definition_type":"PAP","x_opencti_definition":"PAP:AMBER"}`, "id", "another level"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","definition_type":"statement","definition":{"statement":"x"},"x_opencti_definition_type":"PAP","x_opencti_definition":"PAP:RED"}`, "id", "another kind"},
		{`{"type":"marking-definition","id":"` + papRedID + `","definition_type":"tlp","definition":{"tlp":"red"}}`, "id", "another kind"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","extensions":{"` + PAPExtensionID + `":{"pap":"red"}}}`, "id", "another kind"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","extensions":{"` + ACSExtensionID + `":{}}}`, "id", "another kind"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","extensions":{"` + cuiExtensionID + `":{}}}`, "id", "another kind"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","definition_type":"ais","definition":{"tlp":"red"}}`, "id", "another kind"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","definition_type":"tlp","definition":{"tlp":"red"},"definition":{"tlp":"white"}}`, "definition", "more than once"},
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","definition_type":"tlp","definition":{"tlp":"red"},"extensions":{"` + ACSExtensionID + `":{},"` + ACSExtensionID + `":{}}}`, "extensions." + ACSExtensionID, "more than once"},
	}
	for _, tt := range tests {
		m, err := ParseMarkingDefinition([]byte(tt.in))
		var me *MarkingError
		if !errors.As(err, &me) {
			t.Errorf("ParseMarkingDefinition(%s) = %+v, %v; want a *MarkingError", tt.in, m, err)
			continue
		}
		if me.Property != tt.prop || !strings.Contains(me.Reason, tt.why) {
			t.Errorf("ParseMarkingDefinition(%s): %v; want property %q, reason containing %q", tt.in, err, tt.prop, tt.why)
		}
		if me.Offset >= len(tt.in) {
			t.Errorf("ParseMarkingDefinition(%s): offset %d past the input", tt.in, me.Offset)
		}
		checkNoInputValue(t, []byte(tt.in), err)
	}
}

func TestParseMarkingDefinitionIgnoresOtherExtensions(t *testing.T) {
	// OpenCTI adds its own metadata extension to the markings it exports;
	// beside a definition_type or a known extension it changes nothing.
	tests := []struct {
		in   string
		want Marking
	}{
		{`{"type":"marking-definition","id":"` + tlp1RedID + `","definition_type":"tlp","definition":{"tlp":"red"},"extensions":{"extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba":{"extension_type":"property-extension","order":4}}}`,
			Marking{ID: tlp1RedID, Kind: MarkingTLP, TLP: TLPRed, Builtin: true, CanonicalID: tlp1RedID}},
		{`{"type":"marking-definition","id":"` + tlp2RedID + `","extensions":{"extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba":{},"` + TLP2ExtensionID + `":{"tlp_2_0":"red"},"x-acme-ext":{}}}`,
			Marking{ID: tlp2RedID, Kind: MarkingTLP, TLP: TLPRed, Extension: TLP2ExtensionID, Builtin: true, CanonicalID: tlp2RedID}},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","definition_type":"statement","definition":{"statement":"Copyright"},"extensions":{"a":{},"b":{}}}`,
			Marking{ID: "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd", Kind: MarkingStatement, Statement: "Copyright"}},
		// A name that is not a level label says nothing; "TLP:BLACK" is no level.
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","name":"TLP:BLACK","definition_type":"x-acme","definition":{}}`,
			Marking{ID: "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd", Kind: MarkingCustom, Name: "TLP:BLACK"}},
		{`{"type":"marking-definition","id":"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd","name":"red","definition_type":"statement","definition":{"statement":"red"}}`,
			Marking{ID: "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd", Kind: MarkingStatement, Name: "red", Statement: "red"}},
	}
	for _, tt := range tests {
		got, err := ParseMarkingDefinition([]byte(tt.in))
		if err != nil {
			t.Errorf("ParseMarkingDefinition(%s): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseMarkingDefinition(%s) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// markingVocabulary is what an error message may contain: the fixed words
// of the messages and the property names and extension ids airlock itself
// knows. Anything else found in both the input and the message is a leak.
var markingVocabulary = []string{
	"marking-definition", "definition_type", "definition", "statement", "extensions",
	"x_opencti_definition_type", "x_opencti_definition", "spec_version", "extension_type",
	"property-extension", "tlp_2_0", "type", "name", "tlp", "pap", "id", "TLP", "PAP",
	TLP2ExtensionID, PAPExtensionID, IEPExtensionID, ACSExtensionID,
}

// checkNoInputValue fails if the error message repeats a string value of
// the input, other than airlock's own vocabulary.
func checkNoInputValue(t *testing.T, raw []byte, err error) {
	t.Helper()
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return
	}
	msg := err.Error()
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if len(v) < 3 {
				return
			}
			for _, w := range markingVocabulary {
				if v == w {
					return
				}
			}
			if strings.Contains(msg, v) {
				t.Errorf("error %q repeats an input value %q", msg, v)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
}

// markingErrorForm is the shape of every MarkingError message: fixed words,
// a property path made of known names, an offset.
var markingErrorForm = regexp.MustCompile(`^stix: marking-definition(: [a-z0-9_.-]+)?( \(offset [0-9]+\))?: [a-zA-Z0-9 ",._-]+$`)

func FuzzParseMarkingDefinition(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "markings", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := ParseMarkingDefinition(raw)
		if err != nil {
			var me *MarkingError
			if !errors.As(err, &me) {
				t.Fatalf("error %v is %T", err, err)
			}
			if !markingErrorForm.MatchString(err.Error()) {
				t.Fatalf("error message %q is not of the fixed form", err.Error())
			}
			if me.Offset >= len(raw) {
				t.Fatalf("offset %d past the input (%d bytes)", me.Offset, len(raw))
			}
			if m != (Marking{}) {
				t.Fatalf("marking %+v returned with an error", m)
			}
			return
		}
		if !validMarkingID(m.ID) || m.Kind == MarkingUnknown || m.Kind > MarkingCustom {
			t.Fatalf("bad marking %+v", m)
		}
		switch m.Kind {
		case MarkingTLP, MarkingIEP:
			if m.TLP <= TLPNone || m.TLP > TLPRed || m.PAP != PAPNone {
				t.Fatalf("%v marking with levels %v, %v", m.Kind, m.TLP, m.PAP)
			}
		case MarkingPAP:
			if m.PAP <= PAPNone || m.PAP > PAPRed || m.TLP != TLPNone {
				t.Fatalf("PAP marking with levels %v, %v", m.TLP, m.PAP)
			}
		default:
			if m.TLP != TLPNone || m.PAP != PAPNone {
				t.Fatalf("%v marking with levels %v, %v", m.Kind, m.TLP, m.PAP)
			}
		}
		if m.Builtin {
			b, ok := BuiltinMarking(m.ID)
			if !ok || b.Kind != m.Kind || b.TLP != m.TLP || b.PAP != m.PAP {
				t.Fatalf("built-in %+v disagrees with %+v", m, b)
			}
		} else if _, ok := BuiltinMarking(m.ID); ok {
			t.Fatalf("%+v uses a fixed id but is not built-in", m)
		}
		if (m.Kind == MarkingTLP || m.Kind == MarkingPAP) != (m.CanonicalID != "") {
			t.Fatalf("%v marking with canonical id %q", m.Kind, m.CanonicalID)
		}
		if m.CanonicalID != "" {
			c, ok := BuiltinMarking(m.CanonicalID)
			if !ok || c.Kind != m.Kind || c.TLP != m.TLP || c.PAP != m.PAP || c.CanonicalID != m.CanonicalID {
				t.Fatalf("canonical %s of %+v is %+v", m.CanonicalID, m, c)
			}
		}
	})
}

// FuzzMarkingDefinitionLevels builds marking definitions from fields, so
// that the fuzzer explores combinations of the properties that state a
// level, and checks that a definition is accepted only when every level it
// states agrees, with each other and with the fixed id it uses.
func FuzzMarkingDefinitionLevels(f *testing.F) {
	f.Add(uint8(0), "tlp", "tlp", "clear", "TLP:CLEAR", "", "", uint8(0), "")
	f.Add(uint8(10), "statement", "statement", "custom", "", "TLP", "TLP:AMBER+STRICT", uint8(0), "")
	f.Add(uint8(5), "", "", "", "TLP:GREEN", "", "", uint8(1), "green")
	f.Add(uint8(6), "TLP:AMBER", "", "", "TLP:AMBER", "", "", uint8(1), "amber")
	f.Add(uint8(3), "", "", "", "IEP", "", "", uint8(3), "red")
	f.Add(uint8(9), "PAP", "pap", "PAP:RED", "PAP:RED", "PAP", "PAP:RED", uint8(0), "")
	f.Add(uint8(11), "", "", "", "", "", "", uint8(2), "white")
	f.Add(uint8(12), "", "", "", "TLP:RED", "", "", uint8(4), "")
	f.Add(uint8(13), "x-acme", "tlp", "red", "", "", "", uint8(5), "")
	ids := []string{
		tlp1WhiteID, tlp1GreenID, tlp1AmberID, tlp1RedID,
		tlp2ClearID, tlp2GreenID, tlp2AmberID, tlp2AmberStrictID, tlp2RedID,
		papWhiteID, octiAmberStrictID, papRedID, papClearExampleID,
		"marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd",
	}
	exts := []string{"", TLP2ExtensionID, PAPExtensionID, IEPExtensionID, ACSExtensionID, cuiExtensionID}
	f.Fuzz(func(t *testing.T, idIdx uint8, dt, defKey, defVal, name, octiType, octiDef string, extIdx uint8, extVal string) {
		obj := map[string]any{"type": "marking-definition", "spec_version": "2.1", "id": ids[int(idIdx)%len(ids)]}
		for k, v := range map[string]string{"definition_type": dt, "name": name, "x_opencti_definition_type": octiType, "x_opencti_definition": octiDef} {
			if v != "" {
				obj[k] = v
			}
		}
		if defKey != "" {
			obj["definition"] = map[string]any{defKey: defVal}
		}
		ext := exts[int(extIdx)%len(exts)]
		if ext != "" {
			body := map[string]any{"extension_type": "property-extension"}
			switch ext {
			case TLP2ExtensionID:
				body["tlp_2_0"] = extVal
			case PAPExtensionID:
				body["pap"] = extVal
			case IEPExtensionID:
				body["tlp"] = extVal
			}
			obj["extensions"] = map[string]any{ext: body}
		}
		raw, err := json.Marshal(obj)
		if err != nil {
			t.Skip()
		}
		m, err := ParseMarkingDefinition(raw)
		if err != nil {
			if !markingErrorForm.MatchString(err.Error()) {
				t.Fatalf("error message %q is not of the fixed form", err.Error())
			}
			return
		}

		// Every TLP level the definition states.
		var claims []TLP
		claim := func(s string, prefixed bool) {
			if prefixed && !hasPrefixASCIIFold(s, "tlp:") {
				return
			}
			if lv, err := ParseTLP(s); err == nil {
				claims = append(claims, lv)
			}
		}
		if equalASCIIFold(dt, "tlp") && equalASCIIFold(defKey, "tlp") {
			claim(defVal, false)
		}
		claim(name, true)
		if equalASCIIFold(octiType, "tlp") {
			claim(octiDef, false)
		}
		if ext == TLP2ExtensionID || ext == IEPExtensionID {
			claim(extVal, false)
			claim(dt, true)
		}
		if equalASCIIFold(dt, "statement") && defKey == "statement" && !equalASCIIFold(octiType, "tlp") {
			claim(defVal, true)
		}
		if m.Kind == MarkingTLP || m.Kind == MarkingIEP {
			if len(claims) == 0 {
				t.Fatalf("%s: read %v from no stated level", raw, m.TLP)
			}
			for _, c := range claims {
				if c != m.TLP {
					t.Fatalf("%s: read %v though it also states %v", raw, m.TLP, c)
				}
			}
		} else if _, ok := nameTLP(name); ok {
			t.Fatalf("%s: name states a TLP level, read as %v", raw, m.Kind)
		}
		if b, ok := BuiltinMarking(m.ID); ok && (b.Kind != m.Kind || b.TLP != m.TLP || b.PAP != m.PAP) {
			t.Fatalf("%s: read %+v on the id of %+v", raw, m, b)
		}
	})
}
