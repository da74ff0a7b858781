package detect

import (
	"net/netip"
	"strings"
)

// A Config tells the built-in detectors the sender's own namespace and
// their few choices. The zero value (or nil) is valid: no internal domains,
// only the networks that are internal by nature, the default phone regions.
// Builtin reads a Config once; changing it afterwards does not change the
// detectors already built.
type Config struct {
	// InternalDomains are the sender's own DNS domains: a host name or an
	// email domain equal to one of them or under it (a subdomain) is
	// internal. They are compared after the same normalisation as the text
	// (so case does not matter), with leading and trailing dots ignored.
	// Internationalised names are compared only in the form given: list
	// both "bücher.example" and "xn--bcher-kva.example" to match both
	// spellings (converting between them needs IDNA tables airlock does
	// not carry).
	InternalDomains []string
	// InternalNets are the sender's own networks, in addition to those
	// internal by nature (private, loopback, link-local, unique-local,
	// CGNAT).
	InternalNets []netip.Prefix
	// PhoneRegions are the regions (ISO 3166-1 alpha-2, upper case) under
	// which a phone number written in national format, with the trunk
	// prefix 0, is tried in turn. Nil means GB, DE, FR, AU. Numbers with a
	// leading + or 00 need no region; North American numbers are
	// recognised by their shape ((NXX) NXX-XXXX, NXX-NXX-XXXX).
	PhoneRegions []string
	// DictionaryNames adds the detector of person names from the built-in
	// dictionary of given names and surnames.
	DictionaryNames bool
}

// defaultPhoneRegions are the regions tried for national-format numbers
// when Config.PhoneRegions is nil: the large trunk-prefix-0 numbering
// plans of the places airlock's first users share with.
var defaultPhoneRegions = [...]string{"GB", "DE", "FR", "AU"}

// Builtin returns the built-in detectors configured by cfg (nil for the
// defaults), in a fixed order. Their names: "email", "phone", "ip", "mac",
// "url", "user-path", "hostname", then the checksum-validated numbers
// (payment cards, IBANs, US SSNs, UK NINOs and NHS numbers), then, when
// cfg.DictionaryNames is set, person names from the built-in dictionary.
// Each is safe for concurrent use.
func Builtin(cfg *Config) []Detector {
	ns := compile(cfg)
	ds := []Detector{
		emailDetector{ns},
		phoneDetector{ns, newPhoneMemo()},
		ipDetector{ns},
		macDetector{},
		urlDetector{},
		pathDetector{},
		newHostDetector(ns),
	}
	ds = append(ds, checksumDetectors()...)
	if cfg != nil && cfg.DictionaryNames {
		ds = append(ds, NewDictionaryNameDetector(NameOptions{}))
	}
	return ds
}

// InternalIP reports whether a lies inside the sender's namespace: a
// private (RFC 1918, fc00::/7), loopback, link-local (169.254.0.0/16,
// fe80::/10) or CGNAT (100.64.0.0/10, RFC 6598) address, or one in
// c.InternalNets. An IPv4-mapped IPv6 address counts as its IPv4 address;
// a zone is ignored. A nil Config has no configured networks.
func (c *Config) InternalIP(a netip.Addr) bool {
	var nets []netip.Prefix
	if c != nil {
		nets = c.InternalNets
	}
	return internalIP(a, nets)
}

// InternalDomain reports whether host equals or lies under one of
// c.InternalDomains. host is normalised as text is (case folded, defanged
// forms undone) and a trailing dot ignored; see Config.InternalDomains for
// internationalised names.
func (c *Config) InternalDomain(host string) bool {
	return compile(c).internalDomain(NewText(host).Normal())
}

// privateSuffixes are DNS names internal by nature: the special-use
// .local (mDNS, RFC 6762), .home.arpa (RFC 8375) and .internal (reserved
// for private use by ICANN in 2024), and the suffixes networks use by
// custom and that no public registry delegates (.lan, .corp, .home,
// .intranet, .localdomain, .private). A host or email domain under them is
// the sender's, as a private address is.
var privateSuffixes = [...]string{"local", "home.arpa", "internal", "lan", "corp", "home", "intranet", "localdomain", "private"}

// A namespace is a Config compiled for the detectors: domains normalised,
// regions defaulted. It is never written after compile.
type namespace struct {
	domains []string
	nets    []netip.Prefix
	regions []string
}

func compile(c *Config) *namespace {
	ns := &namespace{regions: defaultPhoneRegions[:]}
	if c == nil {
		return ns
	}
	for _, d := range c.InternalDomains {
		d = strings.Trim(NewText(d).Normal(), ".")
		if d != "" {
			ns.domains = append(ns.domains, d)
		}
	}
	ns.nets = append([]netip.Prefix(nil), c.InternalNets...)
	if c.PhoneRegions != nil {
		ns.regions = append([]string(nil), c.PhoneRegions...)
	}
	return ns
}

// internalDomain reports whether the normalised host name h equals or lies
// under a configured domain.
func (ns *namespace) internalDomain(h string) bool {
	h = strings.TrimSuffix(h, ".")
	for _, d := range privateSuffixes {
		if len(h) > len(d) && h[len(h)-len(d)-1] == '.' && h[len(h)-len(d):] == d {
			return true
		}
	}
	for _, d := range ns.domains {
		if h == d || len(h) > len(d) && h[len(h)-len(d)-1] == '.' && h[len(h)-len(d):] == d {
			return true
		}
	}
	return false
}

// cgnat is the shared address space of RFC 6598.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

func internalIP(a netip.Addr, nets []netip.Prefix) bool {
	a = a.Unmap().WithZone("")
	if a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || cgnat.Contains(a) {
		return true
	}
	for _, p := range nets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
