package policy

import (
	"regexp"

	"github.com/airlock-cti/airlock/stix"
)

// Format is the format identifier a policy file must declare
// (format: airlock/v1).
const Format = "airlock/v1"

// A Policy says what may leave: which markings, which objects and
// properties, which personal data, under what identity. It is the decoded,
// validated form of a policy file. Load returns it; redact.Compile turns it
// into a redactor. The library never modifies a Policy, and a loaded Policy
// is safe for concurrent reads; programs that build one in Go should call
// Validate before use.
type Policy struct {
	// File is where the policy was loaded from ("" if built in Go).
	File string
	// Name identifies the policy. It enters derived ids, so two policies
	// with different names give the same object different derived ids.
	Name string
	// Version is the policy's own version, free text (for example a date).
	Version string
	// Description says what the policy is for.
	Description string

	Destination Destination
	Markings    Markings
	// Objects are object rules, applied in order; the first rule that drops
	// an object decides, and every removal that matches applies.
	Objects    []ObjectRule
	References References
	// IDs says whether changed objects get new ids (STIX 2.1 section 3.5).
	IDs IDMode
	// Identity is the redacting identity: the created_by_ref of objects
	// that airlock changes, under IDs == IDsDerive.
	Identity Identity
	// PublicSources name identities whose objects are never edited: only
	// kept whole or dropped whole (MITRE ATT&CK's text names addresses and
	// people on purpose).
	PublicSources []PublicSource
	// PII says what to do with personal data. Nil means the policy does not
	// look for personal data.
	PII *PII
	// Jurisdictions says what may go where. Nil means the destination
	// does not change the policy.
	Jurisdictions *Jurisdictions
	// Tests are the policy's own test cases, run by `airlock test`.
	Tests []TestCase
}

// Audience is who receives the output, in TLP 2.0 terms.
type Audience string

// The audiences, from the narrowest to the widest (TLP 2.0 definitions).
const (
	AudienceNamedRecipients        Audience = "named-recipients"         // TLP:RED
	AudienceOrganisation           Audience = "organisation"             // TLP:AMBER+STRICT
	AudienceOrganisationAndClients Audience = "organisation-and-clients" // TLP:AMBER
	AudienceCommunity              Audience = "community"                // TLP:GREEN
	AudiencePublic                 Audience = "public"                   // TLP:CLEAR
)

// Audiences lists the valid audiences, narrowest first.
func Audiences() []Audience {
	return []Audience{AudienceNamedRecipients, AudienceOrganisation, AudienceOrganisationAndClients, AudienceCommunity, AudiencePublic}
}

// MaxTLP returns the highest TLP level an audience may receive.
func (a Audience) MaxTLP() stix.TLP {
	switch a {
	case AudienceNamedRecipients:
		return stix.TLPRed
	case AudienceOrganisation:
		return stix.TLPAmberStrict
	case AudienceOrganisationAndClients:
		return stix.TLPAmber
	case AudienceCommunity:
		return stix.TLPGreen
	case AudiencePublic:
		return stix.TLPClear
	}
	return stix.TLPNone
}

// Destination is where the output goes.
type Destination struct {
	// Audience is who receives it. When set, it bounds Markings.MaxTLP.
	Audience Audience
	// Jurisdiction is the destination's country (ISO 3166-1 alpha-2), the
	// default when none is given at run time.
	Jurisdiction string
}

// Markings says which marked content may leave.
type Markings struct {
	// MaxTLP is the highest TLP level allowed out. Content marked above it
	// is removed; objects marked above it are dropped.
	MaxTLP stix.TLP
	// MaxPAP is the highest PAP level allowed out (PAPNone: no ceiling).
	MaxPAP stix.PAP
	// Unmarked says how objects with no TLP marking are treated: as a
	// level, or dropped. A policy must say (there is no silent default).
	Unmarked Unmarked
	// Unknown is what happens to content marked with a marking definition
	// airlock cannot resolve: not built in and not defined in the input,
	// or defined with an unknown type or extension.
	Unknown UnknownAction
	// Allow lists marking definition ids (custom ones) that are known and
	// do not restrict sharing; they are kept and never count as unknown.
	Allow []string
	// Statements says whether statement markings (copyright, terms) stay
	// on the output.
	Statements StatementAction
	// Extensions says how to treat handling markings defined by extension
	// definitions, by extension-definition id. FIRST IEP 2.0 and ISA ACS
	// 3.0 count with the TLP they carry unless listed here.
	Extensions map[string]ExtensionAction
	// Stamp lists markings added to every output object that airlock may
	// edit. Stamping adds; it never removes or lowers a marking.
	Stamp []Stamp
}

// Unmarked is the treatment of objects without a TLP marking.
type Unmarked struct {
	// Drop drops them.
	Drop bool
	// As is the level they are treated as, when not dropped.
	As stix.TLP
}

// UnknownAction is what happens to content with an unresolvable marking.
type UnknownAction string

const (
	// UnknownDrop drops the object (the default: fail closed).
	UnknownDrop UnknownAction = "drop"
	// UnknownKeep keeps it as if the marking were absent. A policy must
	// ask for this explicitly.
	UnknownKeep UnknownAction = "keep"
)

// StatementAction is what happens to statement markings.
type StatementAction string

const (
	StatementsKeep   StatementAction = "keep"
	StatementsRemove StatementAction = "remove"
)

// ExtensionAction is how an extension-defined handling marking is treated.
type ExtensionAction string

const (
	// ExtensionTLP counts the marking with the TLP it carries (IEP, ACS).
	ExtensionTLP ExtensionAction = "tlp"
	// ExtensionDrop drops objects that carry the marking.
	ExtensionDrop ExtensionAction = "drop"
	// ExtensionKeep keeps the marking and does not let it restrict.
	ExtensionKeep ExtensionAction = "keep"
	// ExtensionRemove removes the marking from the output; a TLP it
	// carries still counts, so removing it never lets more out.
	ExtensionRemove ExtensionAction = "remove"
)

// A Stamp is a marking added to output objects: a TLP level or a
// statement.
type Stamp struct {
	TLP       stix.TLP
	Statement string
}

// An ObjectRule drops objects, or removes properties from them, by type and
// property values.
type ObjectRule struct {
	// Name identifies the rule in reports ("objects[2]" if not given).
	Name string
	// Types the rule applies to; empty means every type.
	Types []string
	// Where are conditions that must all hold.
	Where []Condition
	// Action is what the rule does.
	Action RuleAction
	// Remove lists the properties removed (Action == RuleRemove), as
	// selectors such as "x_acme_internal" or "external_references.[0].url".
	Remove []stix.Path
	// Pos is where the rule is written.
	Pos Pos
}

// RuleAction is what an object rule does.
type RuleAction string

const (
	RuleDrop   RuleAction = "drop"
	RuleRemove RuleAction = "remove"
)

// A Condition tests one property of an object. Exactly one of Exists,
// Equals, Contains, Matches is set.
type Condition struct {
	Property stix.Path
	// Exists tests that the property is present (true) or absent (false).
	Exists *bool
	// Equals tests a scalar value: a string, or the JSON text of a number
	// or boolean. It compares values, not their spelling: a number
	// equals a number of the same value however written (80, 80.0, 8e1),
	// as decimals, never rounded through a float; a string holding a
	// number counts as that number ("80" equals 80: producers write
	// numbers as strings at times, and a rule must not miss them); other
	// scalars compare by their text, exactly (true equals true and
	// "true"; "High" is not "high"). A list or object equals nothing.
	// Numbers in a policy are written as JSON writes them: YAML's 0x50,
	// +80 or .inf are errors.
	Equals *string
	// Contains tests that a list holds the string.
	Contains *string
	// Matches tests a string (or any string of a list) against an RE2
	// regular expression.
	Matches *regexp.Regexp
}

// References says how references are treated.
type References struct {
	// Dangling says what to do with references to objects that are not in
	// the input (and so cannot be judged): keep them, or remove them.
	Dangling DanglingAction
}

// DanglingAction is the treatment of references to objects not in the input.
type DanglingAction string

const (
	DanglingKeep   DanglingAction = "keep"
	DanglingRemove DanglingAction = "remove"
)

// IDMode says whether changed objects are re-identified.
type IDMode string

const (
	// IDsDerive gives changed SDOs and SROs new ids derived from the
	// original id, the policy name and the key (STIX 2.1 section 3.5).
	IDsDerive IDMode = "derive"
	// IDsKeep keeps ids, for users who must join output with input.
	IDsKeep IDMode = "keep"
)

// Identity is the redacting identity.
type Identity struct {
	Name  string
	Class string // identity_class; "organization" by default
}

// A PublicSource is an identity whose objects are never edited.
type PublicSource struct {
	ID   string
	Name string
}

// A TestCase is an input and the outcome the policy must give.
type TestCase struct {
	Name string
	// Input is the input file, relative to the policy's directory.
	Input string
	// To is the destination country for this case ("" for the policy's).
	To     string
	Expect Expect
	Pos    Pos
}

// Expect is the expected outcome of a test case. Unset fields are not
// checked.
type Expect struct {
	// ObjectsOut is the number of output objects.
	ObjectsOut *int
	// Kept are input ids whose objects must be in the output (under
	// derived ids if changed).
	Kept []string
	// Dropped are input ids whose objects must not be in the output.
	Dropped []string
	// Absent are strings that must not appear anywhere in the output.
	Absent []string
	// Present are strings that must appear in the output.
	Present []string
	// Output is a file, relative to the policy's directory, that the
	// output must equal byte for byte.
	Output string
	// Error is a substring of the error the case must fail with.
	Error string
}
