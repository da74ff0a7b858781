package detect

// Kind names a kind of personal data.
type Kind string

// The kinds the built-in detectors report.
const (
	Email         Kind = "email"
	Phone         Kind = "phone"
	IPv4          Kind = "ipv4"
	IPv6          Kind = "ipv6"
	MAC           Kind = "mac"
	PaymentCard   Kind = "payment-card"
	IBAN          Kind = "iban"
	USSSN         Kind = "us-ssn"
	UKNINO        Kind = "uk-nino"
	UKNHS         Kind = "uk-nhs"
	UserPath      Kind = "user-path"      // the user name in a profile path (C:\Users\NAME, /home/NAME)
	URLCredential Kind = "url-credential" // user:password@ in a URL
	URLQuery      Kind = "url-query"      // a personal value in a URL query (email=, user=, ...)
	Hostname      Kind = "hostname"       // a host name inside the sender's own domains
	PersonName    Kind = "person-name"
)

// A Match is one finding.
type Match struct {
	Kind Kind
	// Start and End are byte offsets of the finding in the original text
	// (Text.String), End exclusive, on UTF-8 boundaries.
	Start, End int
	// Value is the finding in canonical form (an email lowercased, a phone
	// number in E.164, an address as net/netip prints it, a card number
	// without separators): the same datum written differently gives the
	// same Value, so it gets the same pseudonym everywhere.
	Value string
	// Country is the data subject's country (ISO 3166-1 alpha-2) when the
	// datum tells it: a phone number's country code, an IBAN's country,
	// GB for NINO and NHS numbers, US for SSNs, the ccTLD of an email or
	// host name. Empty when unknown.
	Country string
	// Internal says the datum lies inside the sender's own namespace: a
	// private, loopback, link-local, unique-local or CGNAT address or one in
	// the configured networks; a host name or email address in the
	// configured domains.
	Internal bool
}

// A Detector finds one or more kinds of personal data in text. It must be
// safe for concurrent use, deterministic, and must report matches in
// increasing order of Start, within the text, on UTF-8 boundaries, without
// panicking on any input (invalid UTF-8 included). detecttest checks all
// this for a user's detector.
type Detector interface {
	// Name identifies the detector in reports and errors.
	Name() string
	// Detect calls found for each match in t.
	Detect(t *Text, found func(Match))
}
