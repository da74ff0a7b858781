package stix

// What each object type requires, per STIX version: the required
// properties of the property tables of STIX 2.1 sections 4 to 7 (and of
// STIX 2.0 Part 2 where 2.0 differs), the properties that are timestamps,
// and the rules the specification states in prose. Never written after
// initialisation.

// A typeSpec describes one object type.
type typeSpec struct {
	// section is the STIX 2.1 section that defines the type.
	section string
	// required21 are the required properties in STIX 2.1, type and id
	// left out.
	required21 []string
	// required20 are the required properties in STIX 2.0; nil when STIX
	// 2.0 does not define the type.
	required20 []string
	// timestamps are the type's own timestamp properties, nested ones in
	// RefRule.Property notation (created and modified are common).
	timestamps []string
	// order are pairs of timestamps that must not decrease.
	order []timestampOrder
	// anyProperty says the object must hold at least one of its own
	// properties: "As all properties of this object are optional, at least
	// one of the properties defined below MUST be included".
	anyProperty bool
	// check holds the type's other rules, and conditional the top-level
	// properties they read: removing one may break an object that has the
	// type's required properties (a malware family without its name).
	check       func(v *validator)
	conditional []string
	// embedded20, for a cyber-observable type, holds its rules in STIX
	// 2.0 observed-data's objects (STIX 2.0 Part 4) where they are not
	// STIX 2.1's: nil when they are (required21, anyProperty, check).
	embedded20 *embeddedRules
}

// embeddedRules are what a cyber-observable object embedded in STIX 2.0
// observed-data requires: properties, or at least one of its own.
type embeddedRules struct {
	required    []string
	anyProperty bool
}

// A timestampOrder says that late must be later than early (strict) or
// not earlier.
type timestampOrder struct {
	early, late string
	strict      bool
}

// Required common properties (STIX 2.1 section 3.2, table of common
// properties; STIX 2.0 Part 1 section 3.1).
var (
	sdoCommon21 = []string{"spec_version", "created", "modified"}
	sdoCommon20 = []string{"created", "modified"}
)

func req(common []string, own ...string) []string {
	return append(append([]string(nil), common...), own...)
}

// seenOrder: last_seen must not be earlier than first_seen (campaign,
// intrusion-set, threat-actor, infrastructure, malware, sighting).
var seenOrder = []timestampOrder{{early: "first_seen", late: "last_seen"}}

var typeSpecs = map[string]*typeSpec{
	// STIX Domain Objects (section 4).
	"attack-pattern":   {section: "4.1", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "name")},
	"campaign":         {section: "4.2", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "name"), timestamps: []string{"first_seen", "last_seen"}, order: seenOrder},
	"course-of-action": {section: "4.3", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "name")},
	// The Errata 01 Markdown marks grouping's name required, without an
	// erratum saying so; the JSON schema (grouping.json) and
	// cti-python-stix2 have it optional. Not stricter than they are:
	// optional.
	"grouping":       {section: "4.4", required21: req(sdoCommon21, "context", "object_refs")},
	"identity":       {section: "4.5", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "name", "identity_class")},
	"incident":       {section: "4.6", required21: req(sdoCommon21, "name")},
	"indicator":      {section: "4.7", required21: req(sdoCommon21, "pattern", "pattern_type", "valid_from"), required20: req(sdoCommon20, "labels", "pattern", "valid_from"), timestamps: []string{"valid_from", "valid_until"}, order: []timestampOrder{{early: "valid_from", late: "valid_until", strict: true}}},
	"infrastructure": {section: "4.8", required21: req(sdoCommon21, "name"), timestamps: []string{"first_seen", "last_seen"}, order: seenOrder},
	"intrusion-set":  {section: "4.9", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "name"), timestamps: []string{"first_seen", "last_seen"}, order: seenOrder},
	"location":       {section: "4.10", required21: req(sdoCommon21), check: checkLocation, conditional: []string{"latitude", "longitude", "precision", "region", "country"}},
	"malware":        {section: "4.11", required21: req(sdoCommon21, "is_family"), required20: req(sdoCommon20, "labels", "name"), timestamps: []string{"first_seen", "last_seen"}, order: seenOrder, check: checkMalware, conditional: []string{"name"}},
	"malware-analysis": {section: "4.12", required21: req(sdoCommon21, "product"), timestamps: []string{"submitted", "analysis_started", "analysis_ended"},
		check: func(v *validator) { v.oneOf("result", "analysis_sco_refs") }, conditional: []string{"result", "analysis_sco_refs"}},
	"note":          {section: "4.13", required21: req(sdoCommon21, "content", "object_refs")},
	"observed-data": {section: "4.14", required21: req(sdoCommon21, "first_observed", "last_observed", "number_observed"), required20: req(sdoCommon20, "first_observed", "last_observed", "number_observed", "objects"), timestamps: []string{"first_observed", "last_observed"}, order: []timestampOrder{{early: "first_observed", late: "last_observed"}}, conditional: []string{"objects", "object_refs"}},
	"opinion":       {section: "4.15", required21: req(sdoCommon21, "opinion", "object_refs"), check: checkOpinion},
	"report":        {section: "4.16", required21: req(sdoCommon21, "name", "published", "object_refs"), required20: req(sdoCommon20, "labels", "name", "published", "object_refs"), timestamps: []string{"published"}},
	"threat-actor":  {section: "4.17", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "labels", "name"), timestamps: []string{"first_seen", "last_seen"}, order: seenOrder},
	"tool":          {section: "4.18", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "labels", "name")},
	"vulnerability": {section: "4.19", required21: req(sdoCommon21, "name"), required20: req(sdoCommon20, "name")},

	// STIX Relationship Objects (section 5).
	"relationship": {section: "5.1", required21: req(sdoCommon21, "relationship_type", "source_ref", "target_ref"), required20: req(sdoCommon20, "relationship_type", "source_ref", "target_ref"), timestamps: []string{"start_time", "stop_time"}, order: []timestampOrder{{early: "start_time", late: "stop_time", strict: true}}},
	"sighting": {section: "5.2", required21: req(sdoCommon21, "sighting_of_ref"), required20: req(sdoCommon20, "sighting_of_ref"), timestamps: []string{"first_seen", "last_seen"}, order: seenOrder,
		check: func(v *validator) { v.integerIn("count", 0, 999999999) }},

	// STIX Cyber-observable Objects (section 6): type and id are the only
	// required common properties.
	"artifact":          {section: "6.1", check: checkArtifact, conditional: []string{"payload_bin", "url", "hashes", "encryption_algorithm"}},
	"autonomous-system": {section: "6.2", required21: []string{"number"}},
	"directory":         {section: "6.3", required21: []string{"path"}, timestamps: []string{"ctime", "mtime", "atime"}},
	"domain-name":       {section: "6.4", required21: []string{"value"}},
	"email-addr":        {section: "6.5", required21: []string{"value"}},
	"email-message":     {section: "6.6", required21: []string{"is_multipart"}, timestamps: []string{"date"}, check: checkEmailMessage, conditional: []string{"is_multipart", "body", "body_multipart"}},
	"file": {section: "6.7", timestamps: []string{"ctime", "mtime", "atime", "extensions.windows-pebinary-ext.time_date_stamp"},
		check: func(v *validator) { v.oneOf("hashes", "name") }, conditional: []string{"hashes", "name"}},
	"ipv4-addr":       {section: "6.8", required21: []string{"value"}},
	"ipv6-addr":       {section: "6.9", required21: []string{"value"}},
	"mac-addr":        {section: "6.10", required21: []string{"value"}},
	"mutex":           {section: "6.11", required21: []string{"name"}},
	"network-traffic": {section: "6.12", required21: []string{"protocols"}, timestamps: []string{"start", "end"}, order: []timestampOrder{{early: "start", late: "end"}}, check: checkNetworkTraffic, conditional: []string{"src_ref", "dst_ref"}},
	"process":         {section: "6.13", timestamps: []string{"created_time"}, anyProperty: true},
	"software":        {section: "6.14", required21: []string{"name"}},
	"url":             {section: "6.15", required21: []string{"value"}},
	// STIX 2.0 Part 4 requires a user account's user_id and a registry
	// key's key, and no property of a certificate.
	"user-account": {section: "6.16", anyProperty: true, embedded20: &embeddedRules{required: []string{"user_id"}},
		timestamps: []string{"account_created", "account_expires", "credential_last_changed", "account_first_login", "account_last_login"}},
	"windows-registry-key": {section: "6.17", timestamps: []string{"modified_time"}, anyProperty: true, embedded20: &embeddedRules{required: []string{"key"}}},
	"x509-certificate": {section: "6.18", anyProperty: true, embedded20: &embeddedRules{},
		timestamps: []string{"validity_not_before", "validity_not_after", "x509_v3_extensions.private_key_usage_period_not_before", "x509_v3_extensions.private_key_usage_period_not_after"}},

	// STIX Meta Objects (section 7).
	"language-content":   {section: "7.1", required21: req(sdoCommon21, "object_ref", "contents"), timestamps: []string{"object_modified"}},
	"marking-definition": {section: "7.2.1", required21: []string{"spec_version", "created"}, required20: []string{"created", "definition_type", "definition"}, check: checkMarkingDefinition, conditional: []string{"extensions", "definition_type", "definition"}},
	"extension-definition": {section: "7.3", required21: req(sdoCommon21, "created_by_ref", "name", "schema", "version", "extension_types"),
		check: func(v *validator) { v.enumList("extension_types", extensionTypes, "10.5") }},
}

// commonContentNames are the common properties that do not count as an
// object's own for typeSpec.anyProperty.
var commonContentNames = map[string]bool{
	"type": true, "id": true, "spec_version": true, "object_marking_refs": true, "granular_markings": true, "defanged": true,
}

// extensionTypes is extension-type-enum (STIX 2.1 section 10.5).
var extensionTypes = []string{"new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension"}

// opinionValues is opinion-enum (STIX 2.1 section 10.18).
var opinionValues = []string{"strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"}

// An extSpec describes a predefined extension (STIX 2.1 section 6).
type extSpec struct {
	section  string
	required []string
	// items names lists of objects and the properties each item requires.
	items map[string][]string
	// anyOther says the extension needs a property besides the required
	// ones (windows-pebinary-ext, section 6.7.6).
	anyOther bool
}

// extensionSpecs are the predefined extensions that require properties.
// The others require "at least one property", which the check for empty
// dictionaries enforces.
var extensionSpecs = map[string]extSpec{
	"archive-ext":          {section: "6.7.2", required: []string{"contains_refs"}},
	"ntfs-ext":             {section: "6.7.3", items: map[string][]string{"alternate_data_streams": {"name"}}},
	"windows-pebinary-ext": {section: "6.7.6", required: []string{"pe_type"}, items: map[string][]string{"sections": {"name"}}, anyOther: true},
	"http-request-ext":     {section: "6.12.2", required: []string{"request_method", "request_value"}},
	"icmp-ext":             {section: "6.12.3", required: []string{"icmp_type_hex", "icmp_code_hex"}},
	"socket-ext":           {section: "6.12.4", required: []string{"address_family"}},
}

// reservedNames may not appear in STIX 2.1 content (section 3.8).
var reservedNames = []string{"severity", "username", "phone_number", "action"}

// checkLocation: section 4.10.
func checkLocation(v *validator) {
	lat, lon := v.o.Has("latitude"), v.o.Has("longitude")
	if !v.o.Has("region") && !v.o.Has("country") && !(lat && lon) {
		v.add(nil, "needs region, country, or latitude and longitude (STIX 2.1 section 4.10)")
	}
	switch {
	case lat && !lon:
		v.add(Path{Key("longitude")}, "required when latitude is present (STIX 2.1 section 4.10.1)")
	case lon && !lat:
		v.add(Path{Key("latitude")}, "required when longitude is present (STIX 2.1 section 4.10.1)")
	}
	if v.o.Has("precision") && !(lat && lon) {
		v.add(Path{Key("precision")}, "needs latitude and longitude (STIX 2.1 section 4.10.1)")
	}
	v.numberIn("latitude", -90, 90)
	v.numberIn("longitude", -180, 180)
}

// checkMalware: section 4.11.1.
func checkMalware(v *validator) {
	if v.ver != v21 {
		return
	}
	isFamily, ok := v.boolean("is_family")
	if ok && isFamily && !v.o.Has("name") {
		v.add(Path{Key("name")}, "required for a malware family (STIX 2.1 section 4.11.1)")
	}
}

// checkObservedData: section 4.14. It is not observed-data's
// typeSpec.check: judging the objects it embeds reads typeSpecs.
func checkObservedData(v *validator) {
	v.integerIn("number_observed", 1, 999999999)
	if v.ver == v21 {
		objs, refs := v.o.Has("objects"), v.o.Has("object_refs")
		switch {
		case objs && refs:
			v.add(Path{Key("object_refs")}, "must not be present with objects (STIX 2.1 section 4.14)")
		case !objs && !refs:
			v.add(nil, "needs objects or object_refs (STIX 2.1 section 4.14)")
		}
	}
	v.observableContainer()
}

// checkOpinion: section 4.15.1.
func checkOpinion(v *validator) { v.enum("opinion", opinionValues, "10.18") }

// checkArtifact: section 6.1.
func checkArtifact(v *validator) {
	bin, url := v.o.Has("payload_bin"), v.o.Has("url")
	switch {
	case bin && url:
		v.add(Path{Key("url")}, "must not be present with payload_bin (STIX 2.1 section 6.1.1)")
	case !bin && !url:
		v.add(nil, "needs payload_bin or url (STIX 2.1 section 6.1)")
	}
	if url && !v.o.Has("hashes") {
		v.add(Path{Key("hashes")}, "required when url is present (STIX 2.1 section 6.1.1)")
	}
	if v.o.Has("decryption_key") && !v.o.Has("encryption_algorithm") {
		v.add(Path{Key("decryption_key")}, "must not be present without encryption_algorithm (STIX 2.1 section 6.1.1)")
	}
}

// checkEmailMessage: section 6.6.
func checkEmailMessage(v *validator) {
	multi, ok := v.boolean("is_multipart")
	if ok && multi && v.o.Has("body") {
		v.add(Path{Key("body")}, "must not be used when is_multipart is true (STIX 2.1 section 6.6.1)")
	}
	if ok && !multi && v.o.Has("body_multipart") {
		v.add(Path{Key("body_multipart")}, "must not be used when is_multipart is false (STIX 2.1 section 6.6.1)")
	}
	if s, ok := v.o.ValueSpan("body_multipart"); ok && v.raw[s.Start] == '[' {
		forEachItem(v.raw, s.Start, func(n int, it Span) bool {
			at := Path{Key("body_multipart"), Index(n)}
			if v.raw[it.Start] != '{' {
				v.add(at, "must be an email MIME part object (STIX 2.1 section 6.6.2)")
				return true
			}
			v.oneOf2(at, it, "body", "body_raw_ref", "6.6.2")
			return true
		})
	}
}

// checkNetworkTraffic: section 6.12.
func checkNetworkTraffic(v *validator) {
	v.oneOf("src_ref", "dst_ref")
	if active, ok := v.boolean("is_active"); ok && active && v.o.Has("end") {
		v.add(Path{Key("end")}, "must not be present when is_active is true (STIX 2.1 section 6.12.1)")
	}
	v.integerIn("src_port", 0, 65535)
	v.integerIn("dst_port", 0, 65535)
}

// checkMarkingDefinition: section 7.2.1 (STIX 2.0 Part 1 section 4.1 for
// 2.0, where definition_type and definition are required).
func checkMarkingDefinition(v *validator) {
	if v.ver == v21 && !v.o.Has("extensions") {
		for _, n := range []string{"definition_type", "definition"} {
			if !v.o.Has(n) {
				v.add(Path{Key(n)}, "required when extensions is absent (STIX 2.1 section 7.2.1)")
			}
		}
	}
	dt, _ := v.o.GetString("definition_type")
	def, ok := v.o.ValueSpan("definition")
	if !ok {
		return
	}
	if v.raw[def.Start] != '{' {
		v.add(Path{Key("definition")}, "must be a marking object (STIX 2.1 section 7.2.1)")
		return
	}
	var need, section string
	switch dt {
	case "statement":
		need, section = "statement", "7.2.1.3"
	case "tlp":
		need, section = "tlp", "7.2.1.4"
	default:
		return
	}
	found := false
	forEachMember(v.raw, def.Start, func(name, value Span) bool {
		if nameIs(v.raw[name.Start:name.End], need) {
			found = true
			if v.raw[value.Start] != '"' {
				v.add(Path{Key("definition"), Key(need)}, "must be a string (STIX 2.1 section "+section+")")
			}
			return false
		}
		return true
	})
	if !found {
		v.add(Path{Key("definition"), Key(need)}, "required property is missing (STIX 2.1 section "+section+")")
	}
}

// RemovalMayBreak reports whether removing top-level property name from an
// object of type typ that has its required properties may still leave it
// invalid: another of the type's rules reads name (a malware family needs
// its name, a file its name or hashes, a location its coordinates in
// pairs), or every property of the type is optional but one must be
// present. Removing any other optional property cannot break the object.
func RemovalMayBreak(typ, name string) bool {
	s := typeSpecs[typ]
	if s == nil {
		return false
	}
	if s.anyProperty {
		return true
	}
	for _, c := range s.conditional {
		if c == name {
			return true
		}
	}
	return false
}

// IsRequired reports whether the specification requires property name in
// objects of type typ: in STIX 2.0 when specVersion is "2.0", else in STIX
// 2.1 (type and id always). A redactor must not remove such a property: it
// drops the object instead. Custom and unknown types require only type and
// id.
func IsRequired(typ, name, specVersion string) bool {
	if name == "type" || name == "id" {
		return true
	}
	s := typeSpecs[typ]
	if s == nil {
		return false
	}
	req := s.required21
	if specVersion == "2.0" {
		req = s.required20
	}
	for _, n := range req {
		if n == name {
			return true
		}
	}
	return false
}
