package redact

import (
	"errors"
	"fmt"
	"net/netip"
	"runtime"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
)

// Options configure a Redactor. A nil *Options is not enough: a key is
// always needed, for fingerprints in reports, pseudonyms and derived ids.
type Options struct {
	// Key is the secret from which pseudonyms, report fingerprints and
	// derived ids are computed (at least 32 bytes). The same key and
	// policy give the same output for the same input. Keep it secret: with
	// it, low-entropy values (IPv4 addresses, phone numbers) behind a
	// pseudonym can be recovered by trying them all.
	Key []byte
	// Identity names the redacting identity, overriding the policy's.
	Identity string
	// Destination is the destination country (ISO 3166-1 alpha-2),
	// overriding the policy's.
	Destination string
	// Workers is the number of goroutines that transform objects in the
	// second pass (default GOMAXPROCS). The output is the same whatever the
	// number.
	Workers int
	// Limits bound what the reader accepts (nil: stix defaults).
	Limits *stix.ReaderOptions
	// Detectors are added to the built-in detectors of personal data.
	Detectors []detect.Detector
	// InternalDomains and InternalNets extend the policy's internal
	// namespace at run time, so one reviewed policy serves many
	// organisations.
	InternalDomains []string
	InternalNets    []netip.Prefix
	// Progress, when set, is called now and then during Redact (every
	// few thousand objects, and as each pass ends) with how far it got.
	// It runs on the goroutine that called Redact and must return quickly.
	Progress func(Progress)
	// TempDir is where input read from a stream is spooled for the second
	// pass (default os.TempDir()). The spool file is created 0600 with
	// O_EXCL and unlinked at once.
	TempDir string
}

// A Redactor applies one compiled policy. It is immutable and safe for
// concurrent use by multiple goroutines, like a compiled regexp.
type Redactor struct {
	pol        *policy.Policy
	name       string
	keys       keys
	workers    int
	limits     *stix.ReaderOptions
	tempDir    string
	progress   func(Progress)
	dest       string
	derive     bool
	identity   identityObject
	maxTLP     stix.TLP
	maxPAP     stix.PAP
	unmarked   policy.Unmarked
	unknown    policy.UnknownAction
	allow      map[string]bool
	statements policy.StatementAction
	extensions map[string]policy.ExtensionAction
	stamps     []stamp
	rules      []rule
	dangling   policy.DanglingAction
	public     map[string]bool
	pii        *piiConfig
	jur        *jurisdiction
}

// readerLimits returns the reader options a Redactor reads with: the
// caller's limits, and identifiers checked (stix.ReaderOptions.Identifiers).
// An object whose id is not an identifier of its type is refused, not
// judged: a rule for notes must not miss a note that calls itself an
// indicator, and a dropped object's id must be found wherever it is
// written.
func readerLimits(l *stix.ReaderOptions) *stix.ReaderOptions {
	var r stix.ReaderOptions
	if l != nil {
		r = *l
	}
	r.Identifiers = true
	return &r
}

// Compile checks a policy with the options and returns a Redactor for it.
func Compile(p *policy.Policy, opts *Options) (*Redactor, error) {
	if p == nil {
		return nil, errors.New("redact: nil policy")
	}
	if opts == nil {
		opts = &Options{}
	}
	k, err := deriveKeys(opts.Key)
	if err != nil {
		return nil, err
	}
	rd := &Redactor{
		pol:        p,
		name:       p.Name,
		keys:       k,
		workers:    opts.Workers,
		limits:     readerLimits(opts.Limits),
		progress:   opts.Progress,
		tempDir:    opts.TempDir,
		dest:       p.Destination.Jurisdiction,
		derive:     p.IDs != policy.IDsKeep,
		maxTLP:     p.Markings.MaxTLP,
		maxPAP:     p.Markings.MaxPAP,
		unmarked:   p.Markings.Unmarked,
		unknown:    p.Markings.Unknown,
		allow:      map[string]bool{},
		statements: p.Markings.Statements,
		extensions: map[string]policy.ExtensionAction{},
		dangling:   p.References.Dangling,
		public:     map[string]bool{},
	}
	if rd.workers <= 0 {
		rd.workers = runtime.GOMAXPROCS(0)
	}
	if rd.maxTLP == stix.TLPNone {
		return nil, fmt.Errorf("redact: policy %q has no TLP ceiling (markings.max_tlp)", p.Name)
	}
	if rd.unknown == "" {
		rd.unknown = policy.UnknownDrop
	}
	if rd.statements == "" {
		rd.statements = policy.StatementsKeep
	}
	if rd.dangling == "" {
		rd.dangling = policy.DanglingKeep
	}
	if opts.Destination != "" {
		c, ok := policy.Country(opts.Destination)
		if !ok {
			return nil, fmt.Errorf("redact: destination %q is not an ISO 3166-1 alpha-2 country code", opts.Destination)
		}
		rd.dest = c
	}
	for _, id := range p.Markings.Allow {
		rd.allow[id] = true
	}
	for id, a := range p.Markings.Extensions {
		rd.extensions[id] = a
	}
	for _, ps := range p.PublicSources {
		rd.public[ps.ID] = true
	}
	name, class := p.Identity.Name, p.Identity.Class
	if opts.Identity != "" {
		name = opts.Identity
	}
	if rd.derive && name == "" {
		return nil, fmt.Errorf("redact: policy %q derives new ids for changed objects (ids: derive) and so needs a redacting identity: set identity.name in the policy or Options.Identity", p.Name)
	}
	for _, s := range p.Markings.Stamp {
		rd.stamps = append(rd.stamps, newStamp(s))
	}
	if name != "" {
		rd.identity = newIdentity(name, class, rd.stamps)
	}
	if p.PII != nil {
		rd.pii = compilePII(p.PII, opts)
	}
	for i, r := range p.Objects {
		cr, err := compileRule(r, i)
		if err != nil {
			return nil, err
		}
		rd.rules = append(rd.rules, cr)
	}
	if err := rd.applyJurisdictions(p); err != nil {
		return nil, err
	}
	return rd, nil
}

// KeyID names the redactor's key without revealing it: reports carry it so
// that a reader can tell which key made the fingerprints.
func (rd *Redactor) KeyID() string { return rd.keys.keyID }

// Policy returns the policy the redactor applies. Do not modify it.
func (rd *Redactor) Policy() *policy.Policy { return rd.pol }

// isPublic reports whether o is a public source's object, never edited.
func (rd *Redactor) isPublic(o *stix.Object) bool {
	return len(rd.public) > 0 && (rd.publicMember(o, "id") || rd.publicMember(o, "created_by_ref"))
}

// publicMember reports whether o's member name holds a public source's
// id. The id is looked up in place: every object of a run is asked.
func (rd *Redactor) publicMember(o *stix.Object, name string) bool {
	v, ok := o.Get(name)
	if !ok {
		return false
	}
	if b, ok := stringBody(v); ok {
		return rd.public[string(b)]
	}
	return rd.public[jsonString(v)]
}
