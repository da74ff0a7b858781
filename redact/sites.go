package redact

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
)

// A site is one place in an object where personal data may be: a string
// leaf of free text, an SCO value that must stay valid, a literal of a STIX
// pattern, the text of a pattern in another language, or a dictionary's key.
type site struct {
	place placement
	path  stix.Path // the leaf's path (valid during the visit only)
	span  stix.Span // the leaf's JSON string in the object, quotes included
	// text is what detectors see: the decoded leaf, or a pattern literal's
	// value. Valid during the visit only.
	text []byte
	// str is text as a string when one exists already (a pattern
	// literal's value), so that detection need not copy it; "" otherwise.
	str     string
	escaped bool // the leaf's JSON holds escapes
	// lit is the pattern literal, for placeLiteral.
	lit *stix.PatternLiteral
	// comment is the span of a comment's body in the pattern, for
	// placeComment.
	comment stix.Span
	// toRegex maps offsets of text back to the MATCHES literal's value,
	// when text is its regular expression read as literal text.
	toRegex []int
	// whole names a structural kind when the whole leaf is personal data
	// of that kind (a victim's name, contact information, a street
	// address, a credential), "" otherwise.
	whole string
	// msgID says the leaf is a field of message identifiers (see
	// messageIDSite).
	msgID bool
}

type placement uint8

const (
	placeText placement = iota
	placeValue
	placeLiteral
	// placeComment is the body of a comment in a STIX pattern: free text,
	// edited inside the pattern.
	placeComment
	placeForeignPattern
	// placeKey is a member name that may hold personal data (see
	// LeafScanner.CustomNames): its path is the member's, its span the
	// quoted name.
	// A key cannot be rewritten in place (a pseudonym or placeholder could
	// meet another key of the dictionary), so personal data in it takes
	// the whole member with it.
	placeKey
	// placeRigid is a quoted name in a STIX pattern's object path or a
	// number constant: neither can be rewritten (a name is what the
	// pattern compares, a number has no quoting for other text), so
	// personal data in it drops the indicator.
	placeRigid
)

// skipKey reports whether a property is never scanned, at any depth:
// identifiers, references, timestamps, vocabularies, encodings, and of
// MITRE ATT&CK's own properties the versions, domains, platforms, flags and
// vocabularies. They hold no personal data, or none a detector could read.
// Other x_mitre_ properties (contributors, detection notes, aliases, log
// sources) are free text like any other; ATT&CK's own objects are not
// scanned anyway when the policy names MITRE a public source.
func skipKey(k string) bool {
	switch k {
	case "type", "id", "spec_version", "created", "modified", "revoked", "lang",
		"object_marking_refs", "granular_markings", "extension_type", "pattern_type",
		"pattern_version", "definition_type", "valid_from", "valid_until", "first_seen",
		"last_seen", "first_observed", "last_observed", "published", "start_time", "stop_time",
		"date", "ctime", "mtime", "atime", "created_time", "modified_time", "account_created",
		"account_expires", "credential_last_changed", "account_first_login",
		"account_last_login", "validity_not_before", "validity_not_after", "submitted",
		"analysis_started", "analysis_ended", "start", "end", "object_modified",
		"indicator_types", "malware_types", "report_types", "threat_actor_types", "tool_types",
		"infrastructure_types", "identity_class", "sectors", "roles", "resource_level",
		"primary_motivation", "secondary_motivations", "personal_motivations", "sophistication",
		"relationship_type", "context", "opinion", "encryption_algorithm", "account_type",
		"protocols", "kill_chain_name", "phase_name", "architecture_execution_envs",
		"implementation_languages", "capabilities", "result", "data_type", "payload_bin",
		"magic_number_hex", "mime_type", "name_enc", "path_enc", "signature_algorithm",
		"subject_public_key_algorithm", "subject_public_key_modulus", "serial_number",
		"decryption_key", "content_type", "extension_types", "schema", "version", "tlp",
		"x_mitre_version", "x_mitre_attack_spec_version", "x_mitre_domains", "x_mitre_platforms",
		"x_mitre_deprecated", "x_mitre_is_subtechnique", "x_mitre_old_attack_id",
		"x_mitre_shortname", "x_mitre_tactic_type", "x_mitre_collection_layers", "x_mitre_sectors":
		return true
	}
	return strings.HasSuffix(k, "_ref") || strings.HasSuffix(k, "_refs")
}

// broken reports whether the value v of a property skipKey names breaks
// the promise of its name, so that it is scanned after all: a reference
// or an id that is not an identifier (nor a list of them), a timestamp
// that is not one, a vocabulary term that is not a token (a value with a
// space, an '@' or an escape: "Assistant to Jane Doe"). What such a value
// holds, personal data included, is the writer's, and verify must see it
// too. Encodings, versions and serial numbers are taken at their word:
// hex or base64 that a detector would misread.
func broken(k string, v []byte) bool {
	switch {
	case k == "id" || strings.HasSuffix(k, "_ref"):
		return !identifierString(v)
	case strings.HasSuffix(k, "_refs"):
		return !identifierList(v)
	case timestampKey(k):
		return !timestampString(v)
	case vocabularyKey(k):
		return !tokens(v)
	}
	return false
}

// vocabularyKey reports whether skipKey skips k as a vocabulary (open or
// closed) or a list of free-form labels such as an identity's roles.
func vocabularyKey(k string) bool {
	switch k {
	case "indicator_types", "malware_types", "report_types", "threat_actor_types", "tool_types",
		"infrastructure_types", "identity_class", "sectors", "roles", "resource_level",
		"primary_motivation", "secondary_motivations", "personal_motivations", "sophistication",
		"relationship_type", "context", "opinion", "account_type", "protocols", "kill_chain_name",
		"phase_name", "architecture_execution_envs", "implementation_languages", "capabilities",
		"result", "extension_types", "x_mitre_shortname", "x_mitre_tactic_type",
		"x_mitre_collection_layers", "x_mitre_sectors", "x_mitre_platforms", "x_mitre_domains":
		return true
	}
	return false
}

// tokens reports whether v is a JSON string, or a list of them, each a
// token: letters, digits and "-_.+/", as vocabulary terms are written.
func tokens(v []byte) bool {
	in := false
	for _, c := range v {
		switch {
		case c == '"':
			in = !in
		case in:
			if !tokenByte[c] {
				return false
			}
		case c != '[' && c != ']' && c != ',' && c != ' ' && c != '\n' && c != '\t' && c != '\r':
			return false // not a string: read what it is
		}
	}
	return true
}

// tokenByte marks the bytes a vocabulary token is written with.
var tokenByte = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/") {
		t[c] = true
	}
	return t
}()

// timestampKey reports whether skipKey skips k as a timestamp.
func timestampKey(k string) bool {
	switch k {
	case "created", "modified", "valid_from", "valid_until", "first_seen", "last_seen",
		"first_observed", "last_observed", "published", "start_time", "stop_time", "date",
		"ctime", "mtime", "atime", "created_time", "modified_time", "account_created",
		"account_expires", "credential_last_changed", "account_first_login",
		"account_last_login", "validity_not_before", "validity_not_after", "submitted",
		"analysis_started", "analysis_ended", "start", "end", "object_modified":
		return true
	}
	return false
}

// identifierString reports whether v is a JSON string, without escapes,
// holding an identifier: a type from a-z, 0-9 and '-', "--" and a UUID
// (STIX 2.1 section 2.9).
func identifierString(v []byte) bool {
	n := len(v) - 2 - 36 // the quotes, the UUID
	if n < 3 || v[0] != '"' || v[len(v)-1] != '"' || v[n-1] != '-' || v[n] != '-' || !isUUID(v[n+1:len(v)-1]) {
		return false
	}
	for _, c := range v[1 : n-1] {
		if !typeByte(c) {
			return false
		}
	}
	return true
}

// identifierList reports whether v is a JSON list of strings that
// identifierString accepts. A string with escapes fails it (its end may
// be misread here, which only fails it sooner).
func identifierList(v []byte) bool {
	space := func(i int) int {
		for i < len(v) && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r') {
			i++
		}
		return i
	}
	if len(v) < 2 || v[0] != '[' {
		return false
	}
	i := space(1)
	if v[i] == ']' {
		return true
	}
	for {
		if i >= len(v) || v[i] != '"' {
			return false
		}
		n := bytes.IndexByte(v[i+1:], '"')
		if n < 0 || !identifierString(v[i:i+n+2]) {
			return false
		}
		i = space(i + n + 2)
		if i >= len(v) {
			return false
		}
		switch v[i] {
		case ']':
			return true
		case ',':
			i = space(i + 1)
		default:
			return false
		}
	}
}

// timestampString reports whether v is a JSON string holding a STIX
// timestamp: RFC 3339 in UTC, "2016-01-20T12:31:12.123Z", any number of
// fractional digits (STIX 2.1 section 3.2).
func timestampString(v []byte) bool {
	// "dddd-dd-ddTdd:dd:dd, then fractional digits, Z and the quote.
	const n = len(`"dddd-dd-ddTdd:dd:dd`)
	if len(v) < n+2 || v[0] != '"' || v[5] != '-' || v[8] != '-' || v[11] != 'T' || v[14] != ':' || v[17] != ':' ||
		v[len(v)-1] != '"' || v[len(v)-2] != 'Z' {
		return false
	}
	for _, k := range [...]int{1, 2, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16, 18, 19} {
		if v[k]-'0' > 9 {
			return false
		}
	}
	frac := v[n : len(v)-2]
	if len(frac) == 0 {
		return true
	}
	if frac[0] != '.' || len(frac) < 2 {
		return false
	}
	for _, c := range frac[1:] {
		if c-'0' > 9 {
			return false
		}
	}
	return true
}

// keysOnly reports whether only the keys of a property are scanned: the
// values of hashes are hex or base64 digests (no detector reads them), but
// their keys are the writer's to choose.
func keysOnly(k string) bool { return k == "hashes" }

// A siteWalker is what visitSites reuses from object to object: the leaf
// scanner and the sites it hands out (fn gets their addresses).
type siteWalker struct {
	leaves stix.LeafScanner
	s, lit site
	// litText holds a pattern literal's value while its site is visited.
	litText []byte
	// lits are the pattern literals of the object last walked: a site's
	// lit points into them, and a siteCache keeps such sites for one
	// object only (see siteCache.reset).
	lits []stix.PatternLiteral
	// others are the quoted names and number constants of the pattern
	// being walked, reused from pattern to pattern.
	others []stix.PatternOther
	// foreign reads a foreign pattern again through its escapes.
	foreign foreignView
}

func newSiteWalker() *siteWalker {
	return &siteWalker{leaves: stix.LeafScanner{Skip: skipKey, Unless: broken, NamesOnly: keysOnly, Names: true, CustomNames: true}}
}

// valueProps are the SCO properties whose values must stay valid: the
// value of the address-like SCOs and the id-contributing strings.
func valueProp(typ string, p stix.Path) bool {
	if len(p) != 1 || p[0].IsIndex() {
		return false
	}
	if p[0].Key == "value" {
		return true
	}
	for _, c := range stix.IDContributingProperties(typ) {
		if c == p[0].Key {
			return true
		}
	}
	return false
}

// embeddedTypes tells the types of the objects an observed-data embeds
// under its objects (STIX 2.0's, deprecated in 2.1), for one walk of it.
// Their leaves come in document order, so the last answer is kept, and
// the lookups go through a Resolver: one object embedding thousands costs
// one pass over them, not one per leaf.
type embeddedTypes struct {
	res      *stix.Resolver
	key, typ string
}

// of returns the SCO type of the object embedded under key, or "".
func (e *embeddedTypes) of(o *stix.Object, key stix.PathStep) string {
	if e.res != nil && key.Key == e.key {
		return e.typ
	}
	if e.res == nil {
		e.res = stix.NewResolver(o.Raw())
	}
	e.key, e.typ = key.Key, ""
	if sp, ok := e.res.Resolve(stix.Path{stix.Key("objects"), key, stix.Key("type")}); ok {
		if t := jsonString(o.Raw()[sp.Start:sp.End]); isSCO(t) {
			e.typ = t
		}
	}
	return e.typ
}

// visitSites calls fn for each site of o. personalWhole says the object
// is personal as a whole (a personal identity's name is personal data of
// its kind). w, when not nil, is the caller's walker to reuse.
func visitSites(o *stix.Object, typ string, personalWhole bool, w *siteWalker, fn func(*site)) {
	if w == nil {
		w = newSiteWalker()
	}
	s, ls := &w.s, &w.lit
	defer func() { *s, *ls = site{}, site{} }() // keep nothing of o
	sco := isSCO(typ)
	stixPattern, lang := true, ""
	if typ == "indicator" {
		if pt, ok := o.Get("pattern_type"); ok && string(pt) != `"stix"` && jsonString(pt) != "stix" {
			stixPattern, lang = false, strings.ToLower(jsonString(pt))
		}
	}
	// Properties skipKey names are never walked; of those keysOnly names,
	// only the keys are read. Member names are sites too (see placeKey).
	// observed-data's deprecated objects hold embedded SCOs: their values
	// are values, the rest is text.
	var embedded embeddedTypes
	for l := range w.leaves.Leaves(o) {
		if len(l.Path) == 0 {
			continue
		}
		*s = site{path: l.Path, span: l.Span, text: l.Text, escaped: l.Escaped}
		if l.Name {
			s.place = placeKey // a name STIX does not define (CustomNames)
			fn(s)
			continue
		}
		top := l.Path[0].Key
		switch {
		case typ == "indicator" && len(l.Path) == 1 && top == "pattern":
			if !stixPattern {
				s.place = placeForeignPattern
				w.foreign.visitWritten(s, lang, fn)
				w.foreign.visit(s, fn)
				continue
			}
			// The literals' values point into the pattern: read in place
			// unless unescaped into the walk's buffer, which the next
			// leaf writes again.
			pattern := unsafe.String(unsafe.SliceData(l.Text), len(l.Text))
			if l.Escaped {
				pattern = string(l.Text)
			}
			lits, others, err := stix.AppendPatternParts(w.lits[:0], w.others[:0], pattern)
			w.lits, w.others = lits, others
			if err != nil {
				// A STIX pattern that does not parse cannot be rewritten
				// safely: treat it as a foreign pattern (fail closed).
				s.place = placeForeignPattern
				fn(s)
				w.foreign.visit(s, fn)
				continue
			}
			for k := range lits {
				*ls = *s
				ls.place = placeLiteral
				ls.lit = &lits[k]
				if name := literalHeaderField(ls.lit); name != "" {
					ls.msgID = messageIDField(name)
					if credentialField(name) {
						ls.whole = "credential" // see credentialField
					}
				}
				w.litText = append(w.litText[:0], lits[k].Value...)
				ls.text, ls.str = w.litText, lits[k].Value
				if lits[k].Op == "MATCHES" {
					// Detectors read a regular expression's literal text:
					// "jane\.doe@corp\.example" is an email address.
					ls.text, ls.toRegex = deregex(lits[k].Value)
					ls.str = ""
				}
				fn(ls)
				if lits[k].Op == "LIKE" {
					if t, ok := likeDomainless(w.litText[:0], lits[k].Value); ok {
						// Read again with a domain where a wildcard stands
						// for one, to find the address it leaves: a
						// recipient's 'jane.doe@%'. What it finds is
						// never edited (placeRigid).
						w.litText = t
						ls.place, ls.text, ls.str = placeRigid, t, ""
						fn(ls)
					}
				}
			}
			for _, x := range others {
				*ls = *s
				ls.place = placeRigid
				w.litText = append(w.litText[:0], x.Text...)
				ls.text, ls.str = w.litText, x.Text
				fn(ls)
			}
			if strings.Contains(pattern, "/*") || strings.Contains(pattern, "//") {
				// Comments say nothing a pattern matches, but anything
				// else: they are free text.
				comments, _ := stix.PatternComments(pattern) // it parsed
				for _, c := range comments {
					*ls = *s
					ls.place, ls.comment = placeComment, c
					w.litText = append(w.litText[:0], pattern[c.Start:c.End]...)
					ls.text, ls.str = w.litText, pattern[c.Start:c.End]
					fn(ls)
				}
			}
			continue
		case sco && valueProp(typ, l.Path):
			s.place = placeValue
		case typ == "observed-data" && len(l.Path) == 3 && top == "objects" && valueProp(embedded.of(o, l.Path[1]), l.Path[2:]):
			// An embedded SCO's value must stay valid as a top-level
			// one's: a pseudonym, never a placeholder (it has no id to
			// follow it).
			s.place = placeValue
		}
		s.msgID = messageIDSite(typ, l.Path)
		if personalWhole {
			s.whole = wholeKind(typ, l.Path)
		} else if typ == "user-account" && len(l.Path) == 1 && top == "credential" {
			s.whole = "credential"
		} else if typ == "location" && len(l.Path) == 1 && top == "street_address" {
			s.whole = "street-address"
		}
		if name := headerField(l.Path); s.whole == "" && name != "" && credentialField(name) {
			s.whole = "credential" // see credentialField
		}
		fn(s)
	}
}

// siteCache keeps the sites of one object and the matches in each, so
// that a Session's one transform need not walk and detect again. Paths and
// texts are copied: a visit's are only valid during it.
type siteCache struct {
	filled  bool // the object's sites are in
	sites   []cachedSite
	matches []detect.Match
	paths   []stix.PathStep
	texts   []byte
	values  []byte // the matches' Values
}

// cachedSite is a site with its path and text kept in the cache's arenas.
type cachedSite struct {
	s                site // path and text unset
	pathOff, pathEnd int
	textOff, textEnd int
	matchEnd         int // its matches end here; they start where the last site's end
}

func (c *siteCache) reset() {
	c.filled = false
	clear(c.sites) // they point into the last object's pattern literals
	c.sites, c.matches = c.sites[:0], c.matches[:0]
	c.paths, c.texts, c.values = c.paths[:0], c.texts[:0], c.values[:0]
}

// keepMatch records m, a match in the site to be kept next, with a copy
// of its Value: detectSite's is valid only while the site is read.
func (c *siteCache) keepMatch(m detect.Match) {
	at := len(c.values)
	c.values = append(c.values, m.Value...)
	// c.values is written again only after reset; a copy that grows it
	// leaves the values before in the old array.
	m.Value = unsafe.String(unsafe.SliceData(c.values[at:]), len(m.Value))
	c.matches = append(c.matches, m)
}

// keep records s, after its matches (keepMatch).
func (c *siteCache) keep(s *site) {
	cs := cachedSite{s: *s, pathOff: len(c.paths), textOff: len(c.texts)}
	cs.s.path, cs.s.text = nil, nil
	c.paths = append(c.paths, s.path...)
	c.texts = append(c.texts, s.text...)
	cs.pathEnd, cs.textEnd, cs.matchEnd = len(c.paths), len(c.texts), len(c.matches)
	c.sites = append(c.sites, cs)
}

// each calls fn with every site kept, in order, and its matches.
func (c *siteCache) each(fn func(s *site, ms []detect.Match)) {
	start := 0
	for k := range c.sites {
		cs := &c.sites[k]
		s := cs.s
		s.path = stix.Path(c.paths[cs.pathOff:cs.pathEnd])
		s.text = c.texts[cs.textOff:cs.textEnd]
		fn(&s, c.matches[start:cs.matchEnd])
		start = cs.matchEnd
	}
}

// deregex reads a regular expression as the literal text it matches where
// that is plain: escapes of punctuation are undone, \xHH, \x{HH} and
// \uHHHH read as the character they stand for, \Q...\E as the text it
// quotes, and the anchors ^ and $ dropped. toRegex maps each offset of
// the text (and its end) to the regular expression: a character an escape
// wrote maps to the escape's backslash, so that a replacement takes the
// whole escape.
func deregex(re string) ([]byte, []int) {
	var text []byte
	var to []int
	quoted := false // inside \Q...\E
	for i := 0; i < len(re); i++ {
		c := re[i]
		switch {
		case quoted:
			if c == '\\' && i+1 < len(re) && re[i+1] == 'E' {
				quoted = false
				i++
				continue
			}
			to = append(to, i)
		case (c == '^' && i == 0) || (c == '$' && i == len(re)-1):
			continue
		case c == '\\' && i+1 < len(re) && re[i+1] == 'Q':
			quoted = true
			i++
			continue
		case c == '\\' && i+1 < len(re) && (re[i+1] == 'x' || re[i+1] == 'u'):
			if r, n := regexCodePoint(re[i:]); n > 0 {
				for range utf8.RuneLen(r) {
					to = append(to, i)
				}
				text = utf8.AppendRune(text, r)
				i += n - 1
				continue
			}
			to = append(to, i)
		case c == '\\' && i+1 < len(re) && !isAlnum(re[i+1]):
			i++
			c = re[i]
			to = append(to, i-1)
		default:
			to = append(to, i)
		}
		text = append(text, c)
	}
	to = append(to, len(re))
	if !quoted && len(re) > 0 && re[len(re)-1] == '$' && (len(re) < 2 || re[len(re)-2] != '\\') {
		to[len(to)-1] = len(re) - 1
	}
	return text, to
}

// regexCodePoint reads the escape \xHH, \x{H...} or \uHHHH at the start
// of s and returns the character and the escape's length; n is 0 when s
// starts with none of them.
func regexCodePoint(s string) (r rune, n int) {
	hex := func(t string) (rune, bool) {
		if t == "" || len(t) > 6 {
			return 0, false
		}
		v, err := strconv.ParseUint(t, 16, 32)
		if err != nil || v > unicode.MaxRune {
			return 0, false
		}
		return rune(v), true
	}
	switch {
	case strings.HasPrefix(s, "\\x{"):
		if k := strings.IndexByte(s, '}'); k > 0 {
			if r, ok := hex(s[3:k]); ok {
				return r, k + 1
			}
		}
	case strings.HasPrefix(s, "\\x") && len(s) >= 4:
		if r, ok := hex(s[2:4]); ok {
			return r, 4
		}
	case strings.HasPrefix(s, "\\u") && len(s) >= 6:
		if r, ok := hex(s[2:6]); ok {
			return r, 6
		}
	}
	return 0, 0
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wholeKind returns the structural kind of a leaf of a personal object
// (an individual's identity, a victim's account) that is personal data as
// a whole.
func wholeKind(typ string, p stix.Path) string {
	if len(p) != 1 {
		return ""
	}
	switch typ + "." + p[0].Key {
	case "identity.name", "email-addr.display_name", "user-account.display_name":
		return "person-name"
	case "identity.contact_information":
		return "contact-information"
	case "user-account.user_id", "user-account.account_login":
		return "account"
	case "user-account.credential":
		return "credential"
	case "location.street_address":
		return "street-address"
	}
	return ""
}

// rigidMatch reports whether a detection m at s lies where a STIX pattern
// cannot be edited safely, so that personal data there drops the
// indicator: a quoted name or a number (placeRigid); a regular expression
// with syntax beyond escapes and its anchors (groups, alternation,
// classes, quantifiers), where a replacement of what deregex read can
// leave the rest of a value behind ('^(jane|john)\.doe@...' keeps
// "(jane|john)\."); a LIKE wildcard in or next to the detection, where
// the value goes on beyond what was detected, or what was detected is no
// one value.
func rigidMatch(s *site, m detect.Match) bool {
	switch s.place {
	case placeRigid:
		return true
	case placeLiteral:
	default:
		return false
	}
	switch s.lit.Op {
	case "MATCHES":
		return regexSyntax(s.lit.Value)
	case "LIKE":
		return bytes.ContainsAny(s.text[max(m.Start-1, 0):min(m.End+1, len(s.text))], "%_")
	}
	return false
}

// regexSyntax reports whether the regular expression re holds syntax that
// deregex does not read as text: an unescaped ( ) | [ ] { } * + ?, an
// anchor other than a leading ^ and a trailing $, or an escape of a
// letter or digit other than \x, \u, \Q and \E (a class such as \d, a
// back-reference). An unescaped '.' is read as itself: it matches itself
// too, and what replaces it is escaped.
func regexSyntax(re string) bool {
	quoted := false
	for i := 0; i < len(re); i++ {
		c := re[i]
		if quoted {
			if c == '\\' && i+1 < len(re) && re[i+1] == 'E' {
				quoted = false
				i++
			}
			continue
		}
		switch c {
		case '\\':
			if i+1 == len(re) {
				return true
			}
			i++
			switch n := re[i]; {
			case n == 'Q':
				quoted = true
			case n == 'x' || n == 'u':
				_, k := regexCodePoint(re[i-1:])
				if k == 0 {
					return true
				}
				i += k - 2 // past the escape's digits and braces
			case isAlnum(n):
				return true
			}
		case '(', ')', '|', '[', ']', '{', '}', '*', '+', '?':
			return true
		case '^':
			if i != 0 {
				return true
			}
		case '$':
			if i != len(re)-1 {
				return true
			}
		}
	}
	return false
}

// likeDomain stands for the domain a LIKE wildcard matches after an '@'
// (likeDomainless). It is no pseudonym's (pseudoDomain).
const likeDomain = "wildcard.invalid"

// likeDomainless appends to dst a LIKE pattern with each run of wildcards
// just after an '@' replaced by likeDomain, so that detectors see the
// address the pattern holds the rest of: 'jane.doe@%' is read as
// "jane.doe@wildcard.invalid". ok is false, and dst as it was, when no
// wildcard follows an '@'.
func likeDomainless(dst []byte, like string) ([]byte, bool) {
	if !strings.Contains(like, "@%") && !strings.Contains(like, "@_") {
		return dst, false
	}
	for i := 0; i < len(like); i++ {
		dst = append(dst, like[i])
		if like[i] != '@' || i+1 == len(like) || (like[i+1] != '%' && like[i+1] != '_') {
			continue
		}
		for i+1 < len(like) && (like[i+1] == '%' || like[i+1] == '_') {
			i++
		}
		dst = append(dst, likeDomain...)
	}
	return dst, true
}
