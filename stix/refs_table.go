package stix

// The reference properties of every object type STIX 2.1 defines (sections
// 3.2, 4, 5, 6 and 7), with their target types as the property
// descriptions state them ("The object referenced ... MUST be of type").
// STIX 2.0 defines a subset of these properties with the same meaning, so
// one table serves both. Never written after initialisation.

// Object type names by category (STIX 2.1 sections 4 to 7).
var (
	sdoTypes = []string{
		"attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
		"infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
		"opinion", "report", "threat-actor", "tool", "vulnerability",
	}
	sroTypes = []string{"relationship", "sighting"}
	scoTypes = []string{
		"artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
		"ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
		"user-account", "windows-registry-key", "x509-certificate",
	}
	metaTypes = []string{"language-content", "marking-definition", "extension-definition"}
)

// objectClass says which family of STIX objects a type belongs to.
type objectClass uint8

const (
	classCustom objectClass = iota // not defined by the specification
	classSDO
	classSRO
	classSCO
	classMeta
)

// typeClasses maps every specification-defined type to its class.
var typeClasses = func() map[string]objectClass {
	m := map[string]objectClass{}
	for _, set := range []struct {
		types []string
		class objectClass
	}{{sdoTypes, classSDO}, {sroTypes, classSRO}, {scoTypes, classSCO}, {metaTypes, classMeta}} {
		for _, t := range set.types {
			m[t] = set.class
		}
	}
	return m
}()

func classOf(typ string) objectClass { return typeClasses[typ] }

// notNodes are the types a relationship cannot connect: "it cannot point
// to an SRO, Bundle, Language Content, or Marking Definition" (STIX 2.1
// section 5.1.2); an extension definition is neither an SDO nor an SCO.
var notNodes = []string{"relationship", "sighting", "bundle", "language-content", "marking-definition", "extension-definition"}

// notSDOs are the specification types that are not SDOs: a sighting "MUST
// reference only an SDO" (STIX 2.1 section 5.2.1). Custom types cannot be
// told apart and are allowed.
var notSDOs = func() []string {
	t := []string{"bundle"}
	for _, set := range [][]string{sroTypes, scoTypes, metaTypes} {
		t = append(t, set...)
	}
	return t
}()

// scoAddressTypes are what network traffic runs between (STIX 2.1 section
// 6.12.1).
var scoAddressTypes = []string{"ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"}

// commonRefRules apply to objects of every type (STIX 2.1 section 3.2 and
// section 7.2.3). An object type's own rule for the same property replaces
// the common one (extension-definition requires created_by_ref).
var commonRefRules = []RefRule{
	{Property: "created_by_ref", Targets: []string{"identity"}},
	{Property: "object_marking_refs", List: true, Targets: []string{"marking-definition"}},
	{Property: "granular_markings.marking_ref", Targets: []string{"marking-definition"}},
}

// typeRefRules are the reference properties each object type defines.
var typeRefRules = map[string][]RefRule{
	// STIX Domain Objects (section 4).
	"grouping": {{Property: "object_refs", List: true, Required: true}},
	"malware": {
		{Property: "operating_system_refs", List: true, Targets: []string{"software"}},
		{Property: "sample_refs", List: true, Targets: []string{"artifact", "file"}},
	},
	"malware-analysis": {
		{Property: "host_vm_ref", Targets: []string{"software"}},
		{Property: "operating_system_ref", Targets: []string{"software"}},
		{Property: "installed_software_refs", List: true, Targets: []string{"software"}},
		{Property: "analysis_sco_refs", List: true, OneOf: "result|analysis_sco_refs"},
		{Property: "sample_ref", Targets: []string{"file", "network-traffic", "artifact"}},
	},
	"note":          {{Property: "object_refs", List: true, Required: true}},
	"observed-data": {{Property: "object_refs", List: true, OneOf: "objects|object_refs"}},
	"opinion":       {{Property: "object_refs", List: true, Required: true}},
	"report":        {{Property: "object_refs", List: true, Required: true}},

	// STIX Relationship Objects (section 5).
	"relationship": {
		{Property: "source_ref", Required: true, Excludes: notNodes},
		{Property: "target_ref", Required: true, Excludes: notNodes},
	},
	"sighting": {
		{Property: "sighting_of_ref", Required: true, Excludes: notSDOs},
		{Property: "observed_data_refs", List: true, Targets: []string{"observed-data"}},
		{Property: "where_sighted_refs", List: true, Targets: []string{"identity", "location"}},
	},

	// STIX Cyber-observable Objects (section 6).
	"directory":   {{Property: "contains_refs", List: true, Targets: []string{"file", "directory"}}},
	"domain-name": {{Property: "resolves_to_refs", List: true, Targets: []string{"ipv4-addr", "ipv6-addr", "domain-name"}}},
	"email-addr":  {{Property: "belongs_to_ref", Targets: []string{"user-account"}}},
	"email-message": {
		{Property: "from_ref", Targets: []string{"email-addr"}},
		{Property: "sender_ref", Targets: []string{"email-addr"}},
		{Property: "to_refs", List: true, Targets: []string{"email-addr"}},
		{Property: "cc_refs", List: true, Targets: []string{"email-addr"}},
		{Property: "bcc_refs", List: true, Targets: []string{"email-addr"}},
		{Property: "body_multipart.body_raw_ref", Targets: []string{"artifact", "file"}, OneOf: "body|body_raw_ref"},
		{Property: "raw_email_ref", Targets: []string{"artifact"}},
	},
	"file": {
		{Property: "parent_directory_ref", Targets: []string{"directory"}},
		{Property: "contains_refs", List: true},
		{Property: "content_ref", Targets: []string{"artifact"}},
		{Property: "extensions.archive-ext.contains_refs", List: true, Required: true, Targets: []string{"file", "directory"}},
	},
	"ipv4-addr": {
		{Property: "resolves_to_refs", List: true, Targets: []string{"mac-addr"}},
		{Property: "belongs_to_refs", List: true, Targets: []string{"autonomous-system"}},
	},
	"ipv6-addr": {
		{Property: "resolves_to_refs", List: true, Targets: []string{"mac-addr"}},
		{Property: "belongs_to_refs", List: true, Targets: []string{"autonomous-system"}},
	},
	"network-traffic": {
		{Property: "src_ref", Targets: scoAddressTypes, OneOf: "src_ref|dst_ref"},
		{Property: "dst_ref", Targets: scoAddressTypes, OneOf: "src_ref|dst_ref"},
		{Property: "src_payload_ref", Targets: []string{"artifact"}},
		{Property: "dst_payload_ref", Targets: []string{"artifact"}},
		{Property: "encapsulates_refs", List: true, Targets: []string{"network-traffic"}},
		{Property: "encapsulated_by_ref", Targets: []string{"network-traffic"}},
		{Property: "extensions.http-request-ext.message_body_data_ref", Targets: []string{"artifact"}},
	},
	"process": {
		{Property: "opened_connection_refs", List: true, Targets: []string{"network-traffic"}},
		{Property: "creator_user_ref", Targets: []string{"user-account"}},
		{Property: "image_ref", Targets: []string{"file"}},
		{Property: "parent_ref", Targets: []string{"process"}},
		{Property: "child_refs", List: true, Targets: []string{"process"}},
		{Property: "extensions.windows-service-ext.service_dll_refs", List: true, Targets: []string{"file"}},
	},
	"windows-registry-key": {{Property: "creator_user_ref", Targets: []string{"user-account"}}},

	// STIX Meta Objects (section 7).
	"language-content":     {{Property: "object_ref", Required: true}},
	"extension-definition": {{Property: "created_by_ref", Required: true, Targets: []string{"identity"}}},
}

// refRuleSets holds, per type, the type's own rules followed by the common
// rules it does not override; unknownRefRules serves custom types.
var (
	refRuleSets     = buildRefRuleSets()
	unknownRefRules = commonRefRules
)

func buildRefRuleSets() map[string][]RefRule {
	m := map[string][]RefRule{}
	for typ := range typeClasses {
		own := typeRefRules[typ]
		set := append([]RefRule(nil), own...)
	common:
		for _, c := range commonRefRules {
			for _, r := range own {
				if r.Property == c.Property {
					continue common
				}
			}
			set = append(set, c)
		}
		m[typ] = set
	}
	return m
}

// refRulesOf returns the shared rule set of typ. Callers must not modify it.
func refRulesOf(typ string) []RefRule {
	if rs, ok := refRuleSets[typ]; ok {
		return rs
	}
	return unknownRefRules
}
