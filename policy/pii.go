package policy

import "net/netip"

// PII says what to do with personal data of victims and staff, while the
// indicators (attacker infrastructure, hashes, CVE ids) stay.
type PII struct {
	// Internal is the sender's own namespace: values in it are always
	// personal data, even when they appear in an indicator.
	Internal Internal
	// Persons is how persons without a role in the graph are treated
	// (neither the target of attributed-to, nor a threat actor's persona,
	// nor a target or victim): as personal data (the default) or kept.
	Persons Treatment
	// PublicAddresses is how IP addresses outside the namespace are
	// treated: kept (the default: in threat reports they are attacker
	// infrastructure) or as personal data.
	PublicAddresses Treatment
	// ExternalEmails is how email addresses outside the namespace that are
	// neither indicators nor an adversary's are treated: as personal data
	// (the default) or kept.
	ExternalEmails Treatment
	// DictionaryNames enables the built-in dictionary of given names and
	// surnames (default true); names learned from the input and the
	// internal names are always matched.
	DictionaryNames bool
	// Actions say what to do with each kind of personal data; Default
	// covers kinds not listed.
	Actions map[string]Action
	Default Action
	// NonSTIXPatterns is what happens to an indicator whose pattern is not
	// a STIX pattern (sigma, yara, snort, ...) when personal data is found
	// in it: drop the indicator (the default), or keep it unchanged.
	NonSTIXPatterns Treatment
}

// Internal is the sender's namespace.
type Internal struct {
	Domains   []string
	Networks  []netip.Prefix
	Names     []string
	NamesFile string // as written, relative to the policy file; its names are in Names
}

// Treatment says whether a class of values is personal data.
type Treatment string

const (
	TreatPersonal Treatment = "personal"
	TreatKeep     Treatment = "keep"
	TreatDrop     Treatment = "drop"
)

// Method is a way of removing personal data.
type Method string

// The methods. Every method's output is recognisable, so that redacting
// output again leaves it alone.
const (
	// Remove deletes the value: a property that is only the value goes
	// (or is replaced by a placeholder when required), a value inside
	// text is replaced by a placeholder, an SCO whose value it is goes.
	MethodRemove Method = "remove"
	// Mask keeps the value's shape and hides its characters.
	MethodMask Method = "mask"
	// Replace puts a typed placeholder such as "[REDACTED EMAIL]".
	MethodReplace Method = "replace"
	// Pseudonymise puts a keyed pseudonym: the same value gives the same
	// pseudonym for everyone holding the key, shaped to stay valid (an
	// email under a reserved domain, an IPv4 address in 240.0.0.0/4).
	MethodPseudonymise Method = "pseudonymise"
	// Generalise keeps a coarser value: an IPv4 address's /24, an IPv6
	// address's /48, as CIDR.
	MethodGeneralise Method = "generalise"
)

// An Action is the method for one kind of personal data, in free text and
// in values that must stay valid STIX (SCO values and pattern literals),
// where masks and placeholders are not allowed.
type Action struct {
	Text   Method
	Values Method
}
