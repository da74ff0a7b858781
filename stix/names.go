package stix

// IsPropertyName reports whether name is a STIX property name in form:
// ASCII letters, digits and underscores, at most 250 of them (STIX 2.1
// section 3.1; upper case allowed, as STIX 2.0 did), with a letter among
// them. A member name of any other form is a dictionary key, which may be
// data: one of digits alone (and underscores) is a number, such as a phone
// or account number used as a key, never a name STIX or an extension
// defines.
func IsPropertyName(name string) bool {
	if name == "" || len(name) > 250 {
		return false
	}
	letter := false
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '_':
		default:
			return false
		}
	}
	return letter
}

// memberName decodes a quoted member name, without allocating for the
// names STIX defines.
func memberName(q []byte) string {
	if s, ok := knownName(q[1 : len(q)-1]); ok {
		return s
	}
	return unquote(q)
}

// IsDefinedName reports whether name is a property name STIX 2.1 defines
// (sections 3 to 7), such as "url" or "contains_refs": a name that is
// never data, wherever it appears.
func IsDefinedName(name string) bool {
	_, ok := knownName([]byte(name))
	return ok
}

// knownName returns the property name STIX defines that b spells.
//
// Walking an object looks up every member's name, so this is an
// open-addressing table rather than a map: the hash reads the length and
// three bytes, and a probe is one comparison, where a map lookup hashes
// every byte and costs several times as much on names this short.
func knownName(b []byte) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	for h := nameHash(b); ; h = (h + 1) % uint32(len(nameTable)) {
		switch s := nameTable[h]; s {
		case "":
			return "", false
		case string(b):
			return s, true
		}
	}
}

// nameHash is the home slot of a name of at least one byte in nameTable.
func nameHash(b []byte) uint32 {
	n := len(b)
	x := uint32(n) | uint32(b[0])<<8 | uint32(b[n/2])<<16 | uint32(b[n-1])<<24
	return (x * 0x9e3779b1) >> (32 - nameTableBits)
}

// nameTableBits sizes nameTable at four slots or more a name, which keeps
// probes short (TestKnownNames bounds them).
const nameTableBits = 10

// nameTable holds the property names of STIX 2.1 (sections 3 to 7), each
// in the first empty slot from its home (nameHash). Never written after
// init.
var nameTable = func() (t [1 << nameTableBits]string) {
	for _, n := range stixNames {
		h := nameHash([]byte(n))
		for t[h] != "" && t[h] != n {
			h = (h + 1) % uint32(len(t))
		}
		t[h] = n
	}
	return t
}()

// stixNames are the property names of STIX 2.1, sections 3 to 7.
var stixNames = []string{
	"type", "spec_version", "id", "created", "modified", "created_by_ref", "revoked", "labels", "confidence", "lang",
	"external_references", "source_name", "description", "url", "hashes", "external_id", "object_marking_refs",
	"granular_markings", "marking_ref", "selectors", "extensions", "extension_type", "defanged", "name", "aliases",
	"first_seen", "last_seen", "objective", "kill_chain_phases", "kill_chain_name", "phase_name", "object_refs",
	"action", "context", "identity_class", "sectors", "contact_information", "roles", "pattern", "pattern_type",
	"pattern_version", "valid_from", "valid_until", "indicator_types", "infrastructure_types", "goals",
	"resource_level", "primary_motivation", "secondary_motivations", "region", "country", "administrative_area",
	"city", "street_address", "postal_code", "latitude", "longitude", "precision", "malware_types", "is_family",
	"architecture_execution_envs", "implementation_languages", "capabilities", "sample_refs",
	"operating_system_refs", "first_observed", "last_observed", "number_observed", "objects", "abstract",
	"content", "authors", "explanation", "opinion", "report_types", "published", "threat_actor_types",
	"roles", "sophistication", "personal_motivations", "tool_types", "tool_version", "relationship_type",
	"source_ref", "target_ref", "start_time", "stop_time", "count", "sighting_of_ref", "observed_data_refs",
	"where_sighted_refs", "summary", "value", "resolves_to_refs", "belongs_to_ref", "belongs_to_refs",
	"display_name", "is_multipart", "date", "content_type", "from_ref", "sender_ref", "to_refs", "cc_refs",
	"bcc_refs", "message_id", "subject", "received_lines", "additional_header_fields", "body", "body_multipart",
	"body_raw_ref", "raw_email_ref", "size", "name_enc", "magic_number_hex", "mime_type", "ctime", "mtime",
	"atime", "parent_directory_ref", "contains_refs", "content_ref", "path", "path_enc", "start", "end",
	"is_active", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "src_byte_count", "dst_byte_count",
	"src_packets", "dst_packets", "ipfix", "src_payload_ref", "dst_payload_ref", "encapsulates_refs",
	"encapsulated_by_ref", "is_hidden", "pid", "created_time", "cwd", "command_line", "environment_variables",
	"opened_connection_refs", "creator_user_ref", "image_ref", "parent_ref", "child_refs", "cpe", "swid",
	"languages", "vendor", "version", "user_id", "credential", "account_login", "account_type",
	"is_service_account", "is_privileged", "can_escalate_privs", "is_disabled", "account_created",
	"account_expires", "credential_last_changed", "account_first_login", "account_last_login", "key", "values",
	"data", "data_type", "modified_time", "number_of_subkeys", "is_self_signed", "serial_number",
	"signature_algorithm", "issuer", "validity_not_before", "validity_not_after", "subject_public_key_algorithm",
	"subject_public_key_modulus", "subject_public_key_exponent", "x509_v3_extensions", "payload_bin",
	"encryption_algorithm", "decryption_key", "number", "rir", "object_ref", "object_modified", "contents",
	"definition_type", "definition", "statement", "tlp", "schema", "extension_types", "extension_properties",
	"host_vm_ref", "operating_system_ref", "installed_software_refs", "configuration_version", "modules",
	"analysis_engine_version", "analysis_definition_version", "submitted", "analysis_started",
	"analysis_ended", "result_name", "result", "analysis_sco_refs", "sample_ref", "product",
}
