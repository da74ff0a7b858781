package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/stix"
)

// exportFrom redacts src with rd and writes a document for each observable
// in the indicators that survive. The export sees only the redacted
// output: redaction runs over the whole input first, so that what one
// object loses reaches every object that depends on it.
func exportFrom(rd *redact.Redactor, src io.Reader, feed string, enc encoder, w io.Writer) (*stats, error) {
	var redacted bytes.Buffer
	sum, err := rd.Redact(context.Background(), &redacted, src, nil)
	if err != nil {
		return nil, err
	}
	docs, st, err := documents(redacted.Bytes(), feed)
	if err != nil {
		return nil, err
	}
	st.objectsIn, st.objectsOut = sum.ObjectsIn, sum.ObjectsOut
	for i := range docs {
		if err := enc.encode(w, &docs[i]); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// stats count what the export did, for the line it prints.
type stats struct {
	objectsIn, objectsOut int
	indicators            int
	documents             int
	skipped               map[string]int
}

func (s *stats) skip(reason string) {
	if s.skipped == nil {
		s.skipped = map[string]int{}
	}
	s.skipped[reason]++
}

// String says what happened, for stderr.
func (s *stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d objects in, %d after redaction, %d indicators, %d documents", s.objectsIn, s.objectsOut, s.indicators, s.documents)
	if len(s.skipped) > 0 {
		reasons := make([]string, 0, len(s.skipped))
		for r := range s.skipped {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		b.WriteString("; skipped:")
		for i, r := range reasons {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %d %s", s.skipped[r], r)
		}
	}
	return b.String()
}

// Reasons for skipping an indicator or a comparison.
const (
	skipRevoked     = "revoked indicators"
	skipNotSTIX     = "indicators with non-STIX patterns"
	skipBadPattern  = "indicators with invalid patterns"
	skipNegated     = "negated comparisons"
	skipOperator    = "comparisons with other operators than = and IN"
	skipNetwork     = "networks (not addresses)"
	skipPseudonym   = "pseudonymised values"
	skipUnsupported = "comparisons of properties with no ECS field"
	skipInvalid     = "values that are not of their type"
)

// An index is what documents need from the rest of the redacted content:
// the marking definitions it defines and the names of identities, for
// threat.indicator.provider.
type index struct {
	markings   map[string]stix.Marking
	identities map[string]string
}

// documents reads redacted STIX content (any shape) and returns the
// documents of its indicators, in input order.
func documents(redacted []byte, feed string) ([]Document, *stats, error) {
	st := &stats{}
	if len(bytes.TrimSpace(redacted)) == 0 {
		return nil, st, nil // everything was dropped from a single object or a stream
	}
	cx := index{markings: map[string]stix.Marking{}, identities: map[string]string{}}
	var indicators []*stix.Object
	r := stix.NewBytesReader(redacted, nil)
	for {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		switch o.Type() {
		case "marking-definition":
			if m, err := stix.ParseMarkingDefinition(o.Raw()); err == nil {
				cx.markings[m.ID] = m
			}
		case "identity":
			if name, ok := o.GetString("name"); ok {
				cx.identities[o.ID()] = name
			}
		case "indicator":
			indicators = append(indicators, o.Clone()) // the reader reuses o
		}
	}
	var docs []Document
	for _, o := range indicators {
		st.indicators++
		docs = append(docs, cx.fromIndicator(o, feed, st)...)
	}
	st.documents = len(docs)
	return docs, st, nil
}

// fromIndicator returns the documents of one indicator: one per comparison
// of its pattern that names an observable value.
func (cx *index) fromIndicator(o *stix.Object, feed string, st *stats) []Document {
	if v, ok := o.Get("revoked"); ok && string(v) == "true" {
		st.skip(skipRevoked)
		return nil
	}
	// STIX 2.0 indicators have no pattern_type: their patterns are STIX.
	if pt, ok := o.GetString("pattern_type"); ok && pt != "stix" {
		st.skip(skipNotSTIX)
		return nil
	}
	pattern, _ := o.GetString("pattern")
	lits, err := stix.PatternLiterals(pattern)
	if err != nil {
		st.skip(skipBadPattern) // an invalid pattern matches nothing (STIX 2.1 section 9.4)
		return nil
	}
	base := cx.indicatorContext(o)
	ts, ok := o.GetString("modified")
	if !ok {
		ts, _ = o.GetString("created")
	}
	var docs []Document
	seen := map[string]bool{}
	for k, lit := range lits {
		ind, reason := observable(lit)
		if reason != "" {
			st.skip(reason)
			continue
		}
		key, _ := json.Marshal(ind)
		if seen[string(key)] {
			continue // the same value twice in one pattern
		}
		seen[string(key)] = true
		ind.Description, ind.Confidence, ind.Marking, ind.Provider, ind.ModifiedAt = base.Description, base.Confidence, base.Marking, base.Provider, ts
		docs = append(docs, Document{
			Timestamp: ts,
			ECS:       ecsMeta{Version: ecsVersion},
			Event:     Event{Kind: "enrichment", Category: []string{"threat"}, Type: []string{"indicator"}, ID: o.ID() + ":" + strconv.Itoa(k)},
			Threat:    Threat{Feed: Feed{Name: feed}, Indicator: ind},
		})
	}
	return docs
}

// indicatorContext fills the fields every document of an indicator
// shares.
func (cx *index) indicatorContext(o *stix.Object) Indicator {
	var ind Indicator
	exported := []string{"pattern"}
	if d, ok := o.GetString("description"); ok {
		ind.Description = d
		exported = append(exported, "description")
	} else if n, ok := o.GetString("name"); ok {
		ind.Description = n
		exported = append(exported, "name")
	}
	if raw, ok := o.Get("confidence"); ok {
		if c, err := strconv.Atoi(string(raw)); err == nil {
			ind.Confidence = confidenceLabel(c)
		}
	}
	if tlp := cx.tlpOf(o, exported); tlp != "" {
		ind.Marking = &Marking{TLP: tlp}
	}
	if by := o.CreatedByRef(); by != "" {
		ind.Provider = cx.identities[by]
	}
	return ind
}

// tlpOf returns the TLP label of the exported content of o: the most
// restrictive of its object markings (STIX 2.1 section 7.2.2) and of the
// granular markings that cover an exported property (section 7.2.3), or
// "" when none is a TLP.
func (cx *index) tlpOf(o *stix.Object, exported []string) string {
	best, label := stix.TLPNone, ""
	consider := func(id string) {
		m, ok := stix.BuiltinMarking(id)
		if !ok {
			m, ok = cx.markings[id]
		}
		if !ok || m.TLP == stix.TLPNone || m.TLP < best {
			return
		}
		best, label = m.TLP, strings.TrimPrefix(m.TLP.String(), "TLP:")
		if m.TLP == stix.TLPClear && id == stix.TLPMarkingID(stix.TLPClear, false) {
			label = "WHITE" // ECS lists TLP 1.0's WHITE beside TLP 2.0's CLEAR
		}
	}
	for _, id := range o.ObjectMarkingRefs() {
		consider(id)
	}
	for _, gm := range o.GranularMarkings() {
		if gm.MarkingRef == "" {
			continue
		}
		for _, s := range gm.Selectors {
			sel, err := stix.ParseSelector(s)
			if err != nil {
				continue
			}
			for _, name := range exported {
				if sel.Covers(stix.Path{stix.Key(name)}) {
					consider(gm.MarkingRef)
				}
			}
		}
	}
	return label
}

// hashFields maps STIX hash algorithm names (hash-algorithm-ov, STIX 2.1
// section 10.10), upper-cased and without '-', to ECS hash fields.
var hashFields = map[string]string{
	"MD5":    "md5",
	"SHA1":   "sha1",
	"SHA256": "sha256",
	"SHA384": "sha384",
	"SHA512": "sha512",
	"SSDEEP": "ssdeep",
	"TLSH":   "tlsh",
}

// hexLengths are the lengths in hex digits of the fixed-size hashes.
var hexLengths = map[string]int{"md5": 32, "sha1": 40, "sha256": 64, "sha384": 96, "sha512": 128}

// observable maps one comparison to the threat.indicator fields of its
// value, or gives the reason it has none.
func observable(lit stix.PatternLiteral) (Indicator, string) {
	if lit.Not {
		return Indicator{}, skipNegated
	}
	if lit.Op != "=" && lit.Op != "IN" {
		return Indicator{}, skipOperator
	}
	v := strings.TrimSpace(lit.Value)
	switch {
	case (lit.ObjectType == "ipv4-addr" || lit.ObjectType == "ipv6-addr") && lit.Property == "value":
		if strings.Contains(v, "/") {
			// STIX allows a CIDR here (section 6.4.1, 6.5.1); an ECS ip
			// field holds one address.
			if p, err := netip.ParsePrefix(v); err == nil && p.Bits() == p.Addr().BitLen() {
				v = p.Addr().String()
			} else {
				return Indicator{}, skipNetwork
			}
		}
		a, err := netip.ParseAddr(v)
		if err != nil || a.Zone() != "" || (lit.ObjectType == "ipv4-addr") != a.Is4() {
			return Indicator{}, skipInvalid
		}
		if isPseudonymAddr(a) {
			return Indicator{}, skipPseudonym
		}
		return Indicator{Type: lit.ObjectType, IP: a.String()}, ""
	case lit.ObjectType == "domain-name" && lit.Property == "value":
		if v == "" || strings.ContainsAny(v, " /@") {
			return Indicator{}, skipInvalid
		}
		if isPseudonymHost(v) {
			return Indicator{}, skipPseudonym
		}
		return Indicator{Type: "domain-name", URL: &URL{Domain: v}}, ""
	case lit.ObjectType == "url" && lit.Property == "value":
		if v == "" {
			return Indicator{}, skipInvalid
		}
		if isPseudonymURL(v) {
			return Indicator{}, skipPseudonym
		}
		return Indicator{Type: "url", URL: &URL{Full: v}}, ""
	case lit.ObjectType == "email-addr" && lit.Property == "value",
		lit.ObjectType == "email-message" && (lit.Property == "from_ref.value" || lit.Property == "sender_ref.value"):
		if !strings.Contains(v, "@") {
			return Indicator{}, skipInvalid
		}
		if isPseudonymHost(v[strings.LastIndexByte(v, '@')+1:]) {
			return Indicator{}, skipPseudonym
		}
		return Indicator{Type: "email-addr", Email: &Email{Address: v}}, ""
	case lit.ObjectType == "file" && strings.HasPrefix(lit.Property, "hashes."):
		alg := strings.Trim(strings.TrimPrefix(lit.Property, "hashes."), "'")
		field, ok := hashFields[strings.ReplaceAll(strings.ToUpper(alg), "-", "")]
		if !ok {
			return Indicator{}, skipUnsupported
		}
		if n, fixed := hexLengths[field]; fixed {
			v = strings.ToLower(v)
			if len(v) != n || strings.Trim(v, "0123456789abcdef") != "" {
				return Indicator{}, skipInvalid
			}
		}
		return Indicator{Type: "file", File: &File{Hash: map[string]string{field: v}}}, ""
	}
	return Indicator{}, skipUnsupported
}

// Pseudonyms: the shapes redact gives pseudonymised values (redact's
// pseudonym.go): IPv4 addresses in 240.0.0.0/4 and IPv6 addresses in
// 100::/64, both reserved, and host names and email domains under
// redacted.invalid (RFC 2606). A SIEM cannot match them against anything
// real, and no real indicator lies in these ranges, so they are skipped.
var (
	pseudoV4 = netip.MustParsePrefix("240.0.0.0/4")
	pseudoV6 = netip.MustParsePrefix("100::/64")
)

const pseudoDomain = "redacted.invalid"

func isPseudonymAddr(a netip.Addr) bool { return pseudoV4.Contains(a) || pseudoV6.Contains(a) }

func isPseudonymHost(h string) bool {
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	return h == pseudoDomain || strings.HasSuffix(h, "."+pseudoDomain)
}

// isPseudonymURL reports a URL whose host is a pseudonym.
func isPseudonymURL(u string) bool {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "/?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '@'); i >= 0 {
		u = u[i+1:]
	}
	if h, _, ok := strings.Cut(u, ":"); ok && !strings.HasPrefix(u, "[") {
		u = h
	}
	if strings.HasPrefix(u, "[") {
		if a, err := netip.ParseAddr(strings.Trim(strings.SplitN(u, "]", 2)[0], "[")); err == nil {
			return isPseudonymAddr(a)
		}
	}
	if a, err := netip.ParseAddr(u); err == nil {
		return isPseudonymAddr(a)
	}
	return isPseudonymHost(u)
}
