package stix

import (
	"strconv"

	"github.com/tidwall/gjson"
)

// Extension-definition ids of the handling-marking extensions airlock knows.
// All four are property-extensions on marking-definition objects, published
// in cti-stix-common-objects extension-definition-specifications.
const (
	// TLP2ExtensionID is the OASIS TLP 2.0 extension (property tlp_2_0).
	TLP2ExtensionID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
	// PAPExtensionID is the PAP extension (property pap).
	PAPExtensionID = "extension-definition--f8d78575-edfd-406e-8e84-6162a8450f5b"
	// IEPExtensionID is the FIRST IEP 2.0 extension (property tlp, among
	// others).
	IEPExtensionID = "extension-definition--762e2e97-ee51-43e5-a9ea-165fbb862c4a"
	// ACSExtensionID is the ISA ACS 3.0 extension (isa-acs-3-0), used by
	// CISA AIS. It carries no TLP.
	ACSExtensionID = "extension-definition--3a65884d-005a-4290-8335-cb2d778a83ce"
)

// MarkingKind says what a marking definition is.
type MarkingKind int8

// The kinds of marking definition.
const (
	// MarkingUnknown is the zero value; ParseMarkingDefinition never
	// returns it without an error.
	MarkingUnknown MarkingKind = iota
	// MarkingTLP is a TLP 1.0 or TLP 2.0 marking, or a variant of one.
	MarkingTLP
	// MarkingStatement is a statement marking (STIX 2.1 section 7.2.1.3):
	// text such as a copyright, which the spec gives no machine meaning.
	MarkingStatement
	// MarkingPAP is a PAP marking.
	MarkingPAP
	// MarkingIEP is a FIRST IEP 2.0 marking; it carries a TLP.
	MarkingIEP
	// MarkingACS is an ISA ACS 3.0 marking; it carries no TLP.
	MarkingACS
	// MarkingExtension is a marking defined by an extension airlock does not
	// know; Extension names it.
	MarkingExtension
	// MarkingCustom is a marking whose definition_type is neither tlp nor
	// statement (nor one of the OpenCTI forms recognised as TLP or PAP).
	MarkingCustom
)

// String returns a lower-case name for the kind, for messages.
func (k MarkingKind) String() string {
	switch k {
	case MarkingUnknown:
		return "unknown"
	case MarkingTLP:
		return "tlp"
	case MarkingStatement:
		return "statement"
	case MarkingPAP:
		return "pap"
	case MarkingIEP:
		return "iep"
	case MarkingACS:
		return "acs"
	case MarkingExtension:
		return "extension"
	case MarkingCustom:
		return "custom"
	}
	return "MarkingKind(" + strconv.Itoa(int(k)) + ")"
}

// A Marking is what airlock knows about one marking definition.
type Marking struct {
	// ID is the marking definition's id.
	ID string
	// Kind says what the definition is.
	Kind MarkingKind
	// TLP is the level of a TLP marking, and the TLP carried by an IEP
	// marking; TLPNone for every other kind (ACS 3.0 has no TLP field).
	TLP TLP
	// PAP is the level of a PAP marking; PAPNone otherwise.
	PAP PAP
	// Statement is the text of a statement marking.
	Statement string
	// Extension is the extension-definition id of an extension-based
	// marking: TLP 2.0, PAP, IEP, ACS, or, for MarkingExtension, the
	// unknown extension's key. Empty for TLP 1.0, statement and custom
	// markings and for the OpenCTI forms.
	Extension string
	// Name is the definition's name property, if any.
	Name string
	// Builtin reports that ID is one of the fixed TLP 1.0, TLP 2.0 or PAP
	// definitions (and the definition, when parsed, agrees with it).
	Builtin bool
	// Variant is non-empty when the input wrote a known definition in a
	// non-canonical way; it is one of the Variant constants, each of which
	// documents the form it names.
	Variant string
	// CanonicalID is, for built-in and recognised TLP and PAP markings, the
	// id of the fixed definition to write in place of this one: the same id
	// for a canonical built-in and for TLP:CLEAR written on the TLP:WHITE
	// id, the TLP 2.0 AMBER+STRICT id for OpenCTI's AMBER+STRICT statement.
	// Empty for kinds that are written as they came (statement, IEP, ACS,
	// extension, custom).
	CanonicalID string
}

// The Variant values: ways a known TLP or PAP definition is written in the
// wild other than the canonical one. The level is always read from what
// the definition states; a definition that states two different levels, or
// a level other than that of the fixed definition whose id it uses, is an
// error, never a variant.
const (
	// VariantTLPClearOnWhiteID: TLP:CLEAR written on the TLP 1.0 TLP:WHITE
	// id, for example definition_type tlp, definition {"tlp": "clear"},
	// name "TLP:CLEAR" (Elastic, OpenCTI; cti-python-stix2 #569, MISP
	// #9357). CanonicalID is the same id: WHITE and CLEAR are one level.
	VariantTLPClearOnWhiteID = "tlp-clear-on-white-id"
	// VariantTLPNonCanonicalID: definition_type tlp on an id that is not a
	// fixed one, which STIX 2.1 section 7.2.1.4 forbids ("Other instances
	// of tlp-marking MUST NOT be used or created"); older OpenCTI wrote
	// AMBER+STRICT this way. CanonicalID is the TLP 1.0 id of the level, or
	// the TLP 2.0 id for AMBER+STRICT, which has no TLP 1.0 form.
	VariantTLPNonCanonicalID = "tlp-non-canonical-id"
	// VariantTLP1FormOnTLP2ID: definition_type tlp on a TLP 2.0 id, stating
	// that id's level. CanonicalID is the same id.
	VariantTLP1FormOnTLP2ID = "tlp1-form-on-tlp2-id"
	// VariantTLP2NonCanonicalID: the TLP 2.0 extension on an id that is not
	// one of the five fixed ones. CanonicalID is the fixed TLP 2.0 id.
	VariantTLP2NonCanonicalID = "tlp2-non-canonical-id"
	// VariantTLP2FormOnTLP1ID: the TLP 2.0 extension on a TLP 1.0 id,
	// stating that id's level. CanonicalID is the same id.
	VariantTLP2FormOnTLP1ID = "tlp2-form-on-tlp1-id"
	// VariantTLP2WithDefinitionType: a fixed TLP 2.0 definition that also
	// carries a definition_type stating the same level, "tlp" with a tlp
	// definition or a label such as "TLP:CLEAR" (seen in third-party code).
	// CanonicalID is the same id.
	VariantTLP2WithDefinitionType = "tlp2-with-definition-type"
	// VariantOpenCTIAmberStrict: OpenCTI's TLP:AMBER+STRICT, either a
	// statement marking with x_opencti_definition_type "TLP" and
	// x_opencti_definition "TLP:AMBER+STRICT" (pycti connectors; the id
	// marking-definition--826578e1-40ad-459f-bc73-ede076f81f37 is common,
	// OpenCTI-Platform/opencti #9335), or the platform's export with
	// definition_type "TLP", name "TLP:AMBER+STRICT" and no definition.
	// CanonicalID is the TLP 2.0 AMBER+STRICT id.
	VariantOpenCTIAmberStrict = "opencti-amber-strict"
	// VariantOpenCTITLP: the same OpenCTI forms for the other TLP levels.
	// CanonicalID is the input id when it is the fixed id of that level
	// (OpenCTI puts TLP:CLEAR on the TLP:WHITE id), else the TLP 2.0 id.
	VariantOpenCTITLP = "opencti-tlp"
	// VariantOpenCTIPAP: OpenCTI's PAP markings, a statement with
	// x_opencti_definition_type "PAP" and x_opencti_definition "PAP:RED"
	// and so on, or definition_type "PAP" with the level in the name or a
	// pap definition. CanonicalID is the fixed PAP id of the level.
	VariantOpenCTIPAP = "opencti-pap"
	// VariantPAPNonCanonicalID: the PAP extension on an id that is not one
	// of the fixed ones, which the PAP specification forbids.
	// CanonicalID is the fixed PAP id of the level.
	VariantPAPNonCanonicalID = "pap-non-canonical-id"
	// VariantPAPClearExampleID: PAP:CLEAR on the id of the PAP:CLEAR
	// example (marking-definition--ad15a0cd-55b6-4588-a14c-a66105329b92),
	// which the PAP schema and specification do not list. CanonicalID is
	// the PAP:WHITE id, the same level.
	VariantPAPClearExampleID = "pap-clear-example-id"
	// VariantStatementTLP: a statement marking whose whole statement is a
	// TLP label such as "TLP:RED". CanonicalID is the TLP 2.0 id of the
	// level.
	VariantStatementTLP = "statement-tlp"
)

// A MarkingError says why a marking definition could not be classified.
// It names the property at fault and where its value starts, never the
// value itself, which may be personal data.
type MarkingError struct {
	// Property is the path of the property at fault, for example "id",
	// "definition.tlp" or "extensions.<extension id>.tlp_2_0"; empty when
	// the fault is the object as a whole.
	Property string
	// Offset is the byte offset in the input of the value at fault (of the
	// enclosing object when the property is missing), or -1.
	Offset int
	// Reason says what is wrong.
	Reason string
}

// Error implements error.
func (e *MarkingError) Error() string {
	s := "stix: marking-definition"
	if e.Property != "" {
		s += ": " + e.Property
	}
	if e.Offset >= 0 {
		s += " (offset " + strconv.Itoa(e.Offset) + ")"
	}
	return s + ": " + e.Reason
}

func markingErr(prop string, off int, reason string) *MarkingError {
	return &MarkingError{Property: prop, Offset: off, Reason: reason}
}

// BuiltinMarking returns the fixed definition with the given id: the four
// TLP 1.0 definitions (STIX 2.1 section 7.2.1.4), the five TLP 2.0 ones,
// the four PAP ones, and the PAP:CLEAR example, whose status marking_defs.go
// explains (it comes back with VariantPAPClearExampleID and the PAP:WHITE
// id as CanonicalID). Ids are compared exactly.
func BuiltinMarking(id string) (Marking, bool) {
	i := builtinDefIndex(id)
	if i < 0 {
		return Marking{}, false
	}
	return builtinDefs[i].m, true
}

// BuiltinMarkingJSON returns the published content of a fixed definition in
// its STIX 2.1 form, as compact one-line JSON, or nil if id is not one. The
// caller owns the returned slice.
func BuiltinMarkingJSON(id string) []byte {
	i := builtinDefIndex(id)
	if i < 0 {
		return nil
	}
	return []byte(builtinDefs[i].json21)
}

// BuiltinMarkingJSON20 returns a TLP 1.0 definition in its STIX 2.0 form
// (no spec_version, no name), as compact one-line JSON. It returns nil for
// the TLP 2.0 and PAP definitions, which use extensions and so need STIX
// 2.1, and for ids that are not fixed definitions.
func BuiltinMarkingJSON20(id string) []byte {
	i := builtinDefIndex(id)
	if i < 0 || builtinDefs[i].json20 == "" {
		return nil
	}
	return []byte(builtinDefs[i].json20)
}

// TLPMarkingID returns the id of the fixed TLP 1.0 (version2 false) or TLP
// 2.0 (version2 true) definition of a level: TLPClear is TLP:WHITE in 1.0
// and TLP:CLEAR in 2.0. It returns "" for TLPNone, for AMBER+STRICT in 1.0
// (it has no 1.0 form), and for values that are not levels.
func TLPMarkingID(t TLP, version2 bool) string {
	switch t {
	case TLPClear:
		if version2 {
			return tlp2ClearID
		}
		return tlp1WhiteID
	case TLPGreen:
		if version2 {
			return tlp2GreenID
		}
		return tlp1GreenID
	case TLPAmber:
		if version2 {
			return tlp2AmberID
		}
		return tlp1AmberID
	case TLPAmberStrict:
		if version2 {
			return tlp2AmberStrictID
		}
	case TLPRed:
		if version2 {
			return tlp2RedID
		}
		return tlp1RedID
	}
	return ""
}

// PAPMarkingID returns the id of the fixed PAP definition of a level
// (PAPClear is PAP:WHITE), or "" for PAPNone and values that are not levels.
func PAPMarkingID(p PAP) string {
	switch p {
	case PAPClear:
		return papWhiteID
	case PAPGreen:
		return papGreenID
	case PAPAmber:
		return papAmberID
	case PAPRed:
		return papRedID
	}
	return ""
}

// ParseMarkingDefinition classifies a marking-definition object read from
// input (STIX 2.0 or 2.1).
//
// The level of a TLP or PAP marking is read from what the definition
// states: definition.tlp (STIX 2.1 section 7.2.1.4), the TLP 2.0
// extension's tlp_2_0, the PAP extension's pap, or an OpenCTI form (see the
// Variant constants). Every statement of a level it carries must agree,
// including a name such as "TLP:AMBER" or "PAP:RED", and a definition on
// the id of a fixed definition must state that definition's level: a
// conflicting level is an error, never guessed. The IEP 2.0 extension's tlp
// is its TLP. ACS 3.0 markings have no TLP. A definition with another
// extension is MarkingExtension; with another definition_type,
// MarkingCustom.
//
// Extensions other than the four known ones are ignored on a definition
// that has a definition_type or a known extension (OpenCTI adds its own
// metadata extension to every marking it exports); a definition with no
// definition_type, no known extension and more than one other extension is
// an error, since no single extension can be said to define it.
//
// Errors are *MarkingError: input that is not a JSON object, a missing or
// malformed id, a property of the wrong type, a property given twice, a
// level that is not one, or conflicting levels. They name the property and
// its offset, never its value.
func ParseMarkingDefinition(raw []byte) (Marking, error) {
	if !gjson.ValidBytes(raw) {
		return Marking{}, markingErr("", -1, "not valid JSON")
	}
	root := gjson.ParseBytes(raw)
	if !root.IsObject() {
		return Marking{}, markingErr("", root.Index, "not a JSON object")
	}
	var in mdInput
	if err := in.collect(root); err != nil {
		return Marking{}, err
	}
	m, err := in.classify()
	if err != nil {
		return Marking{}, err
	}
	if err := in.checkName(&m); err != nil {
		return Marking{}, err
	}
	return m, nil
}

// mdInput holds the properties of a marking definition that classification
// reads.
type mdInput struct {
	root gjson.Result

	typ, specVersion, id, name, defType, def, exts gjson.Result
	octiType, octiDef                              gjson.Result // x_opencti_definition_type, x_opencti_definition

	// The known handling extension, if any, and how many there were.
	handlingID string
	handling   gjson.Result
	nHandling  int
	otherExt   string // the key of the first other extension
	nOtherExt  int
}

// collect reads the top-level properties and the extensions, checking
// their types. Each property read is remembered by one bit, so that a
// repeated one is caught without allocating: a repeated key is read
// differently by different JSON parsers, and a marking must mean one thing.
func (in *mdInput) collect(root gjson.Result) error {
	in.root = root
	var seen uint16
	var err error
	root.ForEach(func(k, v gjson.Result) bool {
		var dst *gjson.Result
		var bit uint16
		switch k.Str {
		case "type":
			dst, bit = &in.typ, 1<<0
		case "spec_version":
			dst, bit = &in.specVersion, 1<<1
		case "id":
			dst, bit = &in.id, 1<<2
		case "name":
			dst, bit = &in.name, 1<<3
		case "definition_type":
			dst, bit = &in.defType, 1<<4
		case "definition":
			dst, bit = &in.def, 1<<5
		case "extensions":
			dst, bit = &in.exts, 1<<6
		case "x_opencti_definition_type":
			dst, bit = &in.octiType, 1<<7
		case "x_opencti_definition":
			dst, bit = &in.octiDef, 1<<8
		default:
			return true
		}
		if seen&bit != 0 {
			// k.Str is one of the names above, not input.
			err = markingErr(k.Str, k.Index, "appears more than once")
			return false
		}
		seen |= bit
		*dst = v
		return true
	})
	if err != nil {
		return err
	}

	if !in.typ.Exists() {
		return markingErr("type", root.Index, "missing")
	}
	if in.typ.Type != gjson.String || in.typ.Str != "marking-definition" {
		return markingErr("type", in.typ.Index, `not "marking-definition"`)
	}
	if !in.id.Exists() {
		return markingErr("id", root.Index, "missing")
	}
	if in.id.Type != gjson.String {
		return markingErr("id", in.id.Index, "not a string")
	}
	if !validMarkingID(in.id.Str) {
		return markingErr("id", in.id.Index, "not a marking-definition identifier")
	}
	for _, p := range [...]struct {
		name string
		v    gjson.Result
	}{
		{"spec_version", in.specVersion},
		{"name", in.name},
		{"definition_type", in.defType},
		{"x_opencti_definition_type", in.octiType},
		{"x_opencti_definition", in.octiDef},
	} {
		if p.v.Exists() && p.v.Type != gjson.String {
			return markingErr(p.name, p.v.Index, "not a string")
		}
	}
	if in.def.Exists() && !in.def.IsObject() {
		return markingErr("definition", in.def.Index, "not an object")
	}
	if in.exts.Exists() {
		if !in.exts.IsObject() {
			return markingErr("extensions", in.exts.Index, "not an object")
		}
		if err := in.collectExtensions(); err != nil {
			return err
		}
	}
	return nil
}

func (in *mdInput) collectExtensions() error {
	var seen uint8
	var err error
	in.exts.ForEach(func(k, v gjson.Result) bool {
		bit := uint8(0)
		switch k.Str {
		case TLP2ExtensionID:
			bit = 1
		case PAPExtensionID:
			bit = 2
		case IEPExtensionID:
			bit = 4
		case ACSExtensionID:
			bit = 8
		}
		if bit == 0 {
			// An unknown key is not named in errors: it comes from the input.
			if !v.IsObject() {
				err = markingErr("extensions", v.Index, "an extension is not an object")
				return false
			}
			if in.nOtherExt == 0 {
				in.otherExt = k.Str
			}
			in.nOtherExt++
			return true
		}
		prop := "extensions." + k.Str
		if seen&bit != 0 {
			err = markingErr(prop, k.Index, "appears more than once")
			return false
		}
		seen |= bit
		if !v.IsObject() {
			err = markingErr(prop, v.Index, "not an object")
			return false
		}
		if in.nHandling == 0 {
			in.handlingID, in.handling = k.Str, v
		}
		in.nHandling++
		return true
	})
	return err
}

// markingMember returns the named member of obj, which must be an object, and an
// error if the name appears more than once. With fold, names are matched
// ignoring ASCII case (OpenCTI connectors write {"TLP": "AMBER+STRICT"}),
// and two members that differ only in case are a repeat too.
func markingMember(obj gjson.Result, prop, name string, fold bool) (gjson.Result, error) {
	var found gjson.Result
	var err error
	obj.ForEach(func(k, v gjson.Result) bool {
		if k.Str != name && !(fold && equalASCIIFold(k.Str, name)) {
			return true
		}
		if found.Exists() {
			err = markingErr(prop+"."+name, k.Index, "appears more than once")
			return false
		}
		found = v
		return true
	})
	return found, err
}

// markingString is markingMember for a required string property.
func markingString(obj gjson.Result, prop, name string, fold bool) (gjson.Result, error) {
	v, err := markingMember(obj, prop, name, fold)
	if err != nil {
		return v, err
	}
	if !v.Exists() {
		return v, markingErr(prop+"."+name, obj.Index, "missing")
	}
	if v.Type != gjson.String {
		return v, markingErr(prop+"."+name, v.Index, "not a string")
	}
	return v, nil
}

// classify decides the kind and level.
func (in *mdInput) classify() (Marking, error) {
	m := Marking{ID: in.id.Str, Name: in.name.Str}
	if in.nHandling > 1 {
		return m, markingErr("extensions", in.exts.Index, "more than one handling-marking extension")
	}
	if in.nHandling == 1 {
		return in.classifyExtension(m)
	}
	if in.defType.Exists() {
		dt := in.defType.Str
		switch {
		case equalASCIIFold(dt, "tlp"):
			return in.classifyTLPType(m)
		case equalASCIIFold(dt, "statement"):
			return in.classifyStatement(m)
		case equalASCIIFold(dt, "pap"):
			return in.classifyOpenCTIPAP(m, false)
		}
		m.Kind = MarkingCustom
		return m, in.notBuiltin()
	}
	switch {
	case in.nOtherExt == 1:
		m.Kind = MarkingExtension
		m.Extension = in.otherExt
		return m, in.notBuiltin()
	case in.nOtherExt > 1:
		return m, markingErr("extensions", in.exts.Index, "more than one extension and no definition_type")
	}
	return m, markingErr("definition_type", in.root.Index, "missing, and there are no extensions")
}

// notBuiltin fails a definition of a kind no fixed definition has when it
// uses a fixed definition's id.
func (in *mdInput) notBuiltin() error {
	if builtinDefIndex(in.id.Str) >= 0 {
		return markingErr("id", in.id.Index, "is the id of a fixed definition of another kind")
	}
	return nil
}

// classifyExtension handles a definition carrying one of the four known
// handling extensions.
func (in *mdInput) classifyExtension(m Marking) (Marking, error) {
	prop := "extensions." + in.handlingID
	m.Extension = in.handlingID
	if et, err := markingMember(in.handling, prop, "extension_type", false); err != nil {
		return m, err
	} else if et.Exists() && (et.Type != gjson.String || et.Str != "property-extension") {
		return m, markingErr(prop+".extension_type", et.Index, `not "property-extension"`)
	}
	switch in.handlingID {
	case TLP2ExtensionID:
		var r tlpReading
		v, err := markingString(in.handling, prop, "tlp_2_0", false)
		if err != nil {
			return m, err
		}
		if err := r.add(prop+".tlp_2_0", v); err != nil {
			return m, err
		}
		withType := in.defType.Exists()
		if withType {
			if err := in.addDefinitionTypeTLP(&r); err != nil {
				return m, err
			}
		}
		m.Kind, m.TLP = MarkingTLP, r.level
		return m, in.settleTLP(&m, func(b Marking) string {
			switch {
			case b.Extension == "":
				return VariantTLP2FormOnTLP1ID
			case withType:
				return VariantTLP2WithDefinitionType
			}
			return ""
		}, VariantTLP2NonCanonicalID, TLPMarkingID(r.level, true))

	case PAPExtensionID:
		var r papReading
		v, err := markingString(in.handling, prop, "pap", false)
		if err != nil {
			return m, err
		}
		if err := r.add(prop+".pap", v); err != nil {
			return m, err
		}
		if in.defType.Exists() {
			return m, markingErr("definition_type", in.defType.Index, "does not agree with the extension")
		}
		m.Kind, m.PAP = MarkingPAP, r.level
		return m, in.settlePAP(&m, "", VariantPAPNonCanonicalID)

	case IEPExtensionID:
		// IEP 2.0 requires tlp (red, amber, green or white) in the
		// extension (cti-stix-common-objects iep-marking-definition-762,
		// STIX-2.1-IEP2.0-marking-definition.adoc and its examples; the
		// schema's "tlp_ref" in required is a known defect).
		var r tlpReading
		v, err := markingString(in.handling, prop, "tlp", false)
		if err != nil {
			return m, err
		}
		if err := r.add(prop+".tlp", v); err != nil {
			return m, err
		}
		if in.defType.Exists() {
			return m, markingErr("definition_type", in.defType.Index, "does not agree with the extension")
		}
		m.Kind, m.TLP = MarkingIEP, r.level
		return m, in.notBuiltin()
	}

	// ACS 3.0 has no TLP. The extension's schema (cti-stix-common-objects
	// extension-definition-specifications/acs-data-markings/isa-acs-3-0.json,
	// commit 00865f1, referenced by acs-marking-definition-3a6/
	// extension-definition--3a65884d-....json) sets additionalProperties
	// false and defines no TLP property, at the top or in control_set; the
	// use-case examples in acs-marking-definition-3a6/examples carry none.
	// AIS content that needs a TLP carries a separate TLP marking.
	if in.defType.Exists() {
		return m, markingErr("definition_type", in.defType.Index, "does not agree with the extension")
	}
	m.Kind = MarkingACS
	return m, in.notBuiltin()
}

// addDefinitionTypeTLP adds the level stated by definition_type (and its
// definition) alongside the TLP 2.0 extension; any other definition_type
// there is a conflict.
func (in *mdInput) addDefinitionTypeTLP(r *tlpReading) error {
	dt := in.defType.Str
	if equalASCIIFold(dt, "tlp") {
		if !in.def.Exists() {
			return nil
		}
		v, err := markingString(in.def, "definition", "tlp", true)
		if err != nil {
			return err
		}
		return r.add("definition.tlp", v)
	}
	if hasPrefixASCIIFold(dt, "tlp:") {
		if _, err := ParseTLP(dt); err == nil {
			return r.add("definition_type", in.defType)
		}
	}
	return markingErr("definition_type", in.defType.Index, "does not agree with the extension")
}

// classifyTLPType handles definition_type tlp (in any case).
func (in *mdInput) classifyTLPType(m Marking) (Marking, error) {
	var r tlpReading
	if in.def.Exists() {
		v, err := markingString(in.def, "definition", "tlp", true)
		if err != nil {
			return m, err
		}
		if err := r.add("definition.tlp", v); err != nil {
			return m, err
		}
	}
	if equalASCIIFold(in.octiType.Str, "tlp") && in.octiDef.Exists() {
		if err := r.add("x_opencti_definition", in.octiDef); err != nil {
			return m, err
		}
	}
	// OpenCTI's platform export writes definition_type "TLP" with the
	// level only in the name and no definition.
	opencti := in.defType.Str != "tlp" || !in.def.Exists() || in.octiType.Exists()
	if !in.def.Exists() && r.level == TLPNone {
		if _, ok := nameTLP(in.name.Str); !ok {
			return m, markingErr("definition", in.root.Index, "missing")
		}
		if err := r.add("name", in.name); err != nil {
			return m, err
		}
	}
	if in.nameSaysClear() {
		r.clear = true
	}
	m.Kind, m.TLP = MarkingTLP, r.level
	if opencti {
		return m, in.settleTLP(&m, func(b Marking) string {
			if b.ID == tlp1WhiteID && r.clear {
				return VariantTLPClearOnWhiteID
			}
			return openCTIVariant(r.level)
		}, openCTIVariant(r.level), TLPMarkingID(r.level, true))
	}
	canon := TLPMarkingID(r.level, false)
	if canon == "" {
		canon = TLPMarkingID(r.level, true)
	}
	return m, in.settleTLP(&m, func(b Marking) string {
		switch {
		case b.ID == tlp1WhiteID && r.clear:
			return VariantTLPClearOnWhiteID
		case b.Extension != "":
			return VariantTLP1FormOnTLP2ID
		}
		return ""
	}, VariantTLPNonCanonicalID, canon)
}

func openCTIVariant(t TLP) string {
	if t == TLPAmberStrict {
		return VariantOpenCTIAmberStrict
	}
	return VariantOpenCTITLP
}

// classifyStatement handles definition_type statement (in any case),
// including OpenCTI's TLP and PAP statements.
func (in *mdInput) classifyStatement(m Marking) (Marking, error) {
	switch {
	case equalASCIIFold(in.octiType.Str, "tlp"):
		var r tlpReading
		if !in.octiDef.Exists() {
			return m, markingErr("x_opencti_definition", in.root.Index, "missing")
		}
		if err := r.add("x_opencti_definition", in.octiDef); err != nil {
			return m, err
		}
		if in.nameSaysClear() {
			r.clear = true
		}
		m.Kind, m.TLP = MarkingTLP, r.level
		return m, in.settleTLP(&m, func(b Marking) string {
			if b.ID == tlp1WhiteID && r.clear {
				return VariantTLPClearOnWhiteID
			}
			return openCTIVariant(r.level)
		}, openCTIVariant(r.level), TLPMarkingID(r.level, true))
	case equalASCIIFold(in.octiType.Str, "pap"):
		return in.classifyOpenCTIPAP(m, true)
	case in.octiType.Exists() && !equalASCIIFold(in.octiType.Str, "statement"):
		// Another OpenCTI marking type dressed as a statement: its meaning
		// is in x_opencti_definition, which airlock cannot read.
		m.Kind = MarkingCustom
		return m, in.notBuiltin()
	}
	if !in.def.Exists() {
		return m, markingErr("definition", in.root.Index, "missing")
	}
	v, err := markingString(in.def, "definition", "statement", false)
	if err != nil {
		return m, err
	}
	if hasPrefixASCIIFold(v.Str, "tlp:") {
		if lv, err := ParseTLP(v.Str); err == nil {
			m.Kind, m.TLP = MarkingTLP, lv
			return m, in.settleTLP(&m, func(Marking) string { return VariantStatementTLP },
				VariantStatementTLP, TLPMarkingID(lv, true))
		}
	}
	m.Kind, m.Statement = MarkingStatement, v.Str
	return m, in.notBuiltin()
}

// classifyOpenCTIPAP handles OpenCTI's PAP markings: a statement with
// x_opencti_definition_type PAP (statement true), or definition_type "PAP".
func (in *mdInput) classifyOpenCTIPAP(m Marking, statement bool) (Marking, error) {
	var r papReading
	if !statement && in.def.Exists() {
		v, err := markingString(in.def, "definition", "pap", true)
		if err != nil {
			return m, err
		}
		if err := r.add("definition.pap", v); err != nil {
			return m, err
		}
	}
	if equalASCIIFold(in.octiType.Str, "pap") {
		if !in.octiDef.Exists() {
			return m, markingErr("x_opencti_definition", in.root.Index, "missing")
		}
		if err := r.add("x_opencti_definition", in.octiDef); err != nil {
			return m, err
		}
	}
	if r.level == PAPNone {
		if _, ok := namePAP(in.name.Str); !ok {
			return m, markingErr("definition", in.root.Index, "missing")
		}
		if err := r.add("name", in.name); err != nil {
			return m, err
		}
	}
	m.Kind, m.PAP = MarkingPAP, r.level
	return m, in.settlePAP(&m, VariantOpenCTIPAP, VariantOpenCTIPAP)
}

// settleTLP checks a TLP reading against the fixed definition whose id the
// input uses, if any, and sets Builtin, Variant and CanonicalID: onBuiltin
// gives the variant for a fixed id, elseVariant and elseCanonical are used
// for any other id.
func (in *mdInput) settleTLP(m *Marking, onBuiltin func(b Marking) string, elseVariant, elseCanonical string) error {
	i := builtinDefIndex(m.ID)
	if i < 0 {
		m.Variant, m.CanonicalID = elseVariant, elseCanonical
		return nil
	}
	b := builtinDefs[i].m
	if b.Kind != MarkingTLP {
		return markingErr("id", in.id.Index, "is the id of a fixed definition of another kind")
	}
	if b.TLP != m.TLP {
		return markingErr("id", in.id.Index, "is the id of a fixed definition of another level")
	}
	m.Builtin, m.Variant, m.CanonicalID = true, onBuiltin(b), b.CanonicalID
	return nil
}

// settlePAP is settleTLP for PAP: onBuiltin is the variant for a fixed id
// (the fixed definition's own variant when empty).
func (in *mdInput) settlePAP(m *Marking, onBuiltin, elseVariant string) error {
	i := builtinDefIndex(m.ID)
	if i < 0 {
		m.Variant, m.CanonicalID = elseVariant, PAPMarkingID(m.PAP)
		return nil
	}
	b := builtinDefs[i].m
	if b.Kind != MarkingPAP {
		return markingErr("id", in.id.Index, "is the id of a fixed definition of another kind")
	}
	if b.PAP != m.PAP {
		return markingErr("id", in.id.Index, "is the id of a fixed definition of another level")
	}
	m.Builtin, m.Variant, m.CanonicalID = true, onBuiltin, b.CanonicalID
	if m.Variant == "" {
		m.Variant = b.Variant
	}
	return nil
}

// checkName fails a definition whose name states a TLP or PAP level
// ("TLP:RED", "PAP:AMBER"; the prefix is required) other than the one the
// definition states, including a name stating a level on a definition that
// states none: such a definition means two things, and a conflicting level
// is never guessed.
func (in *mdInput) checkName(m *Marking) error {
	if lv, ok := nameTLP(in.name.Str); ok {
		if (m.Kind != MarkingTLP && m.Kind != MarkingIEP) || m.TLP != lv {
			return markingErr("name", in.name.Index, "states a TLP level the definition does not")
		}
	}
	if lv, ok := namePAP(in.name.Str); ok {
		if m.Kind != MarkingPAP || m.PAP != lv {
			return markingErr("name", in.name.Index, "states a PAP level the definition does not")
		}
	}
	return nil
}

// nameSaysClear reports whether the name is the TLP 2.0 label TLP:CLEAR.
func (in *mdInput) nameSaysClear() bool {
	return equalASCIIFold(in.name.Str, "tlp:clear")
}

// nameTLP reads a TLP level from a name that starts "TLP:".
func nameTLP(name string) (TLP, bool) {
	if !hasPrefixASCIIFold(name, "tlp:") {
		return TLPNone, false
	}
	lv, err := ParseTLP(name)
	return lv, err == nil
}

// namePAP reads a PAP level from a name that starts "PAP:".
func namePAP(name string) (PAP, bool) {
	if !hasPrefixASCIIFold(name, "pap:") {
		return PAPNone, false
	}
	lv, err := ParsePAP(name)
	return lv, err == nil
}

// A tlpReading folds the TLP levels a definition states into one, failing
// when two disagree.
type tlpReading struct {
	level TLP
	prop  string // where level was first read
	clear bool   // some statement spelled CLEAR rather than WHITE
}

func (r *tlpReading) add(prop string, v gjson.Result) error {
	if v.Type != gjson.String {
		return markingErr(prop, v.Index, "not a string")
	}
	lv, err := ParseTLP(v.Str)
	if err != nil {
		return markingErr(prop, v.Index, "not a TLP level")
	}
	if equalASCIIFold(trimPrefixASCIIFold(v.Str, "tlp:"), "clear") {
		r.clear = true
	}
	if r.level == TLPNone {
		r.level, r.prop = lv, prop
		return nil
	}
	if r.level != lv {
		return markingErr(prop, v.Index, "states a different TLP level than "+r.prop)
	}
	return nil
}

// A papReading is tlpReading for PAP.
type papReading struct {
	level PAP
	prop  string
}

func (r *papReading) add(prop string, v gjson.Result) error {
	if v.Type != gjson.String {
		return markingErr(prop, v.Index, "not a string")
	}
	lv, err := ParsePAP(v.Str)
	if err != nil {
		return markingErr(prop, v.Index, "not a PAP level")
	}
	if r.level == PAPNone {
		r.level, r.prop = lv, prop
		return nil
	}
	if r.level != lv {
		return markingErr(prop, v.Index, "states a different PAP level than "+r.prop)
	}
	return nil
}

// hasPrefixASCIIFold reports whether s starts with prefix (ASCII lower
// case) in any ASCII case.
func hasPrefixASCIIFold(s, prefix string) bool {
	return len(s) >= len(prefix) && equalASCIIFold(s[:len(prefix)], prefix)
}

// validMarkingID reports whether id is "marking-definition--" followed by a
// UUID in its 8-4-4-4-12 hex form (STIX 2.1 section 2.9), in either case.
func validMarkingID(id string) bool {
	const prefix = "marking-definition--"
	if len(id) != len(prefix)+36 || id[:len(prefix)] != prefix {
		return false
	}
	u := id[len(prefix):]
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
