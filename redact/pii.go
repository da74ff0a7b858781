package redact

import (
	"hash/maphash"
	"net/netip"
	"slices"
	"strings"
	"unsafe"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
	"github.com/tidwall/gjson"
)

// piiConfig is the compiled pii section of a policy.
type piiConfig struct {
	detectors      []detect.Detector
	internal       *detect.Config
	staff          []string
	persons        policy.Treatment
	publicAddrs    policy.Treatment
	externalEmails policy.Treatment
	nonSTIX        policy.Treatment
	actions        map[string]policy.Action
	def            policy.Action
	// everyDetector makes pass 2 run every detector on every object, as
	// before detectorsFor: for the test that holds the two to one output.
	everyDetector bool
}

func compilePII(p *policy.PII, opts *Options) *piiConfig {
	c := &piiConfig{
		internal:       &detect.Config{},
		staff:          append([]string(nil), p.Internal.Names...),
		persons:        p.Persons,
		publicAddrs:    p.PublicAddresses,
		externalEmails: p.ExternalEmails,
		nonSTIX:        p.NonSTIXPatterns,
		actions:        map[string]policy.Action{},
		def:            p.Default,
	}
	c.internal.InternalDomains = append(append([]string(nil), p.Internal.Domains...), opts.InternalDomains...)
	c.internal.InternalNets = append(append([]netip.Prefix(nil), p.Internal.Networks...), opts.InternalNets...)
	c.internal.DictionaryNames = p.DictionaryNames
	for k, a := range p.Actions {
		c.actions[k] = a
	}
	c.detectors = append(detect.Builtin(c.internal), opts.Detectors...)
	return c
}

// Match flags, recorded in pass 1.
const (
	mInternal uint8 = 1 << iota // inside the sender's namespace
	mLiteral                    // in a STIX pattern literal
	mValue                      // in an SCO value that must stay valid
	mForeign                    // in a pattern that is not STIX
	mWhole                      // a structural kind: the whole leaf
	mCoded                      // matchInfo.code is computed
	mKey                        // in a member name: the member goes
	mPart                       // in a pattern literal, a part of it (an address in a URL)
	// mRigid (both bits: no site is a literal and a foreign pattern) is a
	// detection in a STIX pattern where no edit is safe (see rigidMatch):
	// its indicator goes.
	mRigid = mLiteral | mForeign
)

// matchInfo is what pass 1 keeps of one detection: enough to decide, in
// resolve, whether it is personal data, without the value itself.
type matchInfo struct {
	hash    uint64 // of kind and canonical value
	code    uint64 // of its pseudonym, to detect collisions
	kind    kindID
	country [2]byte // the data subject's (ISO 3166-1 alpha-2), when the detector knows it
	flags   uint8
	det     uint8 // which of the policy's detectors found it, as candidate.det
}

// Object roles, from the graph.
const (
	roleNone uint8 = iota
	roleAdversary
	roleVictim
)

// piiRun is a run's personal-data state.
type piiRun struct {
	cfg         *piiConfig
	keys        *keys
	seed        maphash.Seed
	matches     []matchInfo
	nameMatches []matchInfo
	// nameStart[i] is where object i's learned names start in
	// nameMatches (they end where object i+1's start); nil until the names
	// pass runs.
	nameStart []uint32
	// indicators are the values found in the STIX patterns of this
	// input's objects that leave.
	indicators map[uint64]bool
	// adversary and victim hold values whose role the graph tells.
	adversary map[uint64]bool
	victim    map[uint64]bool
	// keepers are the objects whose content gave indicators and adversary
	// their values. A value is kept only on the word of an object that
	// leaves with it, or the output would not say why it was kept, and
	// redacting it again would take the value out: when a keeper is
	// dropped after roles were resolved, they are resolved again (see
	// lostKeeper).
	keepers []int32
	// Graph facts gathered in pass 1, resolved into roles.
	edges   []roleEdge
	persons []person
	// senders and recipients are the addresses of the emails embedded in
	// observed-data (STIX 2.0's objects), lower-cased: those references
	// are local keys, not edges of the graph. recipients also holds the
	// addresses that patterns compare an email's to_refs, cc_refs or
	// bcc_refs with: a recipient's, not an indicator.
	senders, recipients []embeddedAddr
	// recipientNames are the display names of the recipients' addresses
	// embedded in observed-data: their holders', victims' names.
	recipientNames []string
	// orgNames are the names of the identities that are not
	// individuals', in lower case: an author so named is no person.
	orgNames map[string]bool
	// role of each object, by index.
	role []uint8
	// userNames are the user names found in profile paths, and accounts
	// the user-account objects: a victim's login is learned from them.
	userNames []string
	accounts  []account
	// countries are the data subjects' countries the graph tells (through
	// located-at), by the hash of a detection: of a person's name, and of
	// every value an object located somewhere writes. A subject located
	// in several countries has them all.
	countries map[uint64][]string
	// personalObj are the objects personal as a whole: an individual's
	// identity that is not an adversary's, a victim's user account, a
	// personal email address (its display name).
	personalObj map[int32]bool
	// names is the detector of learned personal names (victims', staff's,
	// persons without a role), nil if there are none.
	names []detect.Detector
	// collided values get a placeholder instead of a pseudonym that
	// another value already has.
	collided map[uint64]bool
}

// roleEdge is a fact about roles: src -> dst of a kind, which object obj
// states.
type roleEdge struct {
	src, dst idKey
	kind     uint8
	obj      int32
}

// embeddedAddr is an address of an email that object obj holds (embedded
// in observed-data, or in a pattern).
type embeddedAddr struct {
	obj  int32
	addr string
}

const (
	edgeAttributedTo uint8 = iota // relationship attributed-to: dst is an adversary if src is
	edgeTargets                   // relationship targets: dst is a victim
	edgeVictim                    // a sighting's where_sighted_refs, an email's to/cc/bcc: dst is a victim
	edgeSender                    // an email's from/sender: dst is an adversary
	edgeLocatedAt                 // relationship located-at: src is in the country of dst
)

// account is a user-account object's names.
type account struct {
	obj                    int32
	display, login, userID string
}

// person is an individual's identity, a threat actor's name or alias, an
// author of a note or opinion, or the display name of an email address.
type person struct {
	obj   int32
	name  string
	actor bool // a threat actor's name or alias: always an adversary
	// mailbox says name is an email-addr's display_name: the name of
	// whoever holds the address, personal when the address is.
	mailbox bool
	// author says name is one of a note's or opinion's authors.
	author bool
}

func (pr *piiRun) hash(kind, value string) uint64 {
	var h maphash.Hash
	h.SetSeed(pr.seed)
	h.WriteString(kind)
	h.WriteByte(0)
	h.WriteString(value)
	return h.Sum64()
}

// detectScratch is what detectSite reuses from call to call; one per
// goroutine.
type detectScratch struct {
	text        detect.Text
	ms          []candidate
	order, kept []candidate // resolveOverlaps's
	covered     bitmap      // resolveOverlaps's, for many candidates
	cur         uint8       // the detector running, as candidate.det
	emit        func(detect.Match)
	sites       siteWalker
}

// A candidate is a match before overlaps are resolved, and which of the
// detectors given to detectSite found it (1 + its index; 0 for a whole
// leaf's, found by no detector).
type candidate struct {
	m   detect.Match
	det uint8
}

func newDetectScratch() *detectScratch {
	sc := &detectScratch{sites: *newSiteWalker()}
	sc.emit = func(m detect.Match) {
		if m.End > m.Start && !isPseudonym(string(m.Kind), m.Value) {
			sc.ms = append(sc.ms, candidate{m, sc.cur})
		}
	}
	return sc
}

// detectSite runs the detectors on one site and calls fn with each match
// that is not airlock's own output, overlaps resolved (the longer match
// wins, then the earlier), and which detector found it (see candidate).
// A match's Value may lie in the site's text or in sc's buffers, which
// the next site writes again: fn copies it to keep it.
func (pr *piiRun) detectSite(sc *detectScratch, ds []detect.Detector, s *site, fn func(m detect.Match, det uint8)) {
	if s.whole != "" {
		if v := wholeValue(s.text); !isPseudonym(s.whole, v) {
			fn(detect.Match{Kind: detect.Kind(s.whole), Start: 0, End: len(s.text), Value: v}, 0)
		}
		return
	}
	text := s.str
	if text == "" {
		// Read in place: the text stays as it is while fn runs.
		text = unsafe.String(unsafe.SliceData(s.text), len(s.text))
	}
	sc.text.Reset(text)
	sc.ms = sc.ms[:0]
	for k, d := range ds {
		sc.cur = uint8(min(k+1, detAny))
		d.Detect(&sc.text, sc.emit)
	}
	sc.messageIDs(text, s.msgID)
	for _, c := range sc.resolveOverlaps() {
		fn(c.m, c.det)
	}
}

// detAny is the candidate.det of the detectors past the 254th, which a
// mask of detectors cannot single out.
const detAny = 255

// wholeValue is the canonical value of a whole leaf: trimmed, case-folded.
func wholeValue(b []byte) string { return strings.ToLower(strings.TrimSpace(string(b))) }

// setKey sets m[k] to v, making the map on first use.
func setKey[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

// resolveOverlaps keeps, of sc.ms, the matches that do not overlap,
// longest first, then earliest, and returns them in text order (valid
// until its next call). A candidate that loses blocks nothing: only kept
// ones do (so leaving out a detector none of whose candidates were kept
// changes nothing, see detectorsFor).
func (sc *detectScratch) resolveOverlaps() []candidate {
	ms := sc.ms
	if len(ms) < 2 {
		return ms
	}
	order := append(sc.order[:0], ms...)
	sc.order = order
	slices.SortStableFunc(order, func(a, b candidate) int {
		if la, lb := a.m.End-a.m.Start, b.m.End-b.m.Start; la != lb {
			return lb - la
		}
		return a.m.Start - b.m.Start
	})
	kept := sc.kept[:0]
	if len(order) <= fewCandidates {
		for _, c := range order {
			ok := true
			for _, k := range kept {
				if c.m.Start < k.m.End && k.m.Start < c.m.End {
					ok = false
					break
				}
			}
			if ok {
				kept = append(kept, c)
			}
		}
	} else {
		// Many matches (a log pasted into a note): the bytes the kept
		// matches cover are marked in a bitmap, so that each candidate
		// costs its length, not the number kept.
		end := 0
		for _, c := range order {
			end = max(end, c.m.End)
		}
		covered := bitmap(resized(sc.covered, (end+63)/64))
		for _, c := range order {
			if !covered.any(c.m.Start, c.m.End) {
				covered.set(c.m.Start, c.m.End)
				kept = append(kept, c)
			}
		}
		sc.covered = covered
		if cap(covered) > 1<<14 {
			sc.covered = nil // a huge text's: not kept for the next
		}
	}
	slices.SortStableFunc(kept, func(a, b candidate) int { return a.m.Start - b.m.Start })
	sc.kept = kept
	return kept
}

// fewCandidates is the most matches resolveOverlaps compares pairwise.
const fewCandidates = 32

// A bitmap marks bytes of a text, one bit each.
type bitmap []uint64

// any reports whether a byte of [start, end) is marked.
func (b bitmap) any(start, end int) bool {
	for i := start; i < end; {
		off := i & 63
		n := min(64-off, end-i)
		w := b[i>>6] >> off
		if n < 64 {
			w &= 1<<n - 1
		}
		if w != 0 {
			return true
		}
		i += n
	}
	return false
}

// set marks the bytes of [start, end).
func (b bitmap) set(start, end int) {
	for i := start; i < end; {
		off := i & 63
		n := min(64-off, end-i)
		m := ^uint64(0)
		if n < 64 {
			m = 1<<n - 1
		}
		b[i>>6] |= m << off
		i += n
	}
}

// collectPII records, in pass 1, the detections in object i and the facts
// about roles it holds. pre, when not nil, is the detection already run on
// a worker (see pass1Parallel).
func (ru *run) collectPII(o *stix.Object, i int32, pre *detected) {
	pr := ru.pii
	info := ru.objs.at(i)
	ru.collectRoles(o, i)
	if info.flags&(fPublic|fMarkingDef) != 0 {
		return
	}
	if pre == nil {
		ru.det.reset()
		var sites *siteCache
		if ru.single { // Session.Redact: one object, one transform
			if ru.sites == nil {
				ru.sites = &siteCache{}
			}
			sites = ru.sites // kept for the transform
			sites.reset()
		}
		pr.detectObject(ru.detectScratch(), o, ru.types[info.typ], &ru.det, sites)
		if sites != nil {
			sites.filled = true
		}
		pre = &ru.det
	}
	pr.matches = append(pr.matches, pre.matches...)
	for _, a := range pre.recipients {
		pr.recipients = append(pr.recipients, embeddedAddr{i, a})
	}
	for _, u := range pre.userNames {
		if len(pr.userNames) < 100000 {
			pr.userNames = append(pr.userNames, u)
		}
	}
}

// matchesOf returns the personal data pass 1 found in object i.
func (ru *run) matchesOf(i int32) []matchInfo {
	m := ru.pii.matches
	end := uint32(len(m))
	if i+1 < ru.objs.len() {
		end = ru.objs.at(i + 1).matchOff
	}
	return m[ru.objs.at(i).matchOff:end]
}

// detected is what the detectors found in one object in pass 1.
type detected struct {
	matches   []matchInfo
	userNames []string // the user names of profile paths
	// recipients are the addresses of pattern literals compared with an
	// email's recipients (see recipientLiteral).
	recipients []string
	// refs are the object's references and mentions the keys of the ids
	// its strings mention, when refsFound says they were looked for (on a
	// worker, in pass 1).
	refs      []stix.Ref
	mentions  []idKey
	refsFound bool
	steps     []stix.PathStep // the refs' paths (see keepRefs)
}

func (d *detected) reset() {
	clear(d.refs) // they hold strings of the last batch
	clear(d.steps)
	d.matches, d.userNames, d.refs, d.mentions, d.refsFound = d.matches[:0], d.userNames[:0], d.refs[:0], d.mentions[:0], false
	d.recipients = d.recipients[:0]
	d.steps = d.steps[:0]
}

// keepRefs keeps refs, which a RefScanner returned, with their paths: the
// scanner reuses its memory (paths included) for the next object, and
// these are read later, by the indexer.
func (d *detected) keepRefs(refs []stix.Ref) {
	n := 0
	for _, r := range refs {
		n += len(r.Path)
	}
	d.steps = slices.Grow(d.steps[:0], n)
	d.refs = append(d.refs[:0], refs...)
	for k := range d.refs {
		r := &d.refs[k]
		at := len(d.steps)
		d.steps = append(d.steps, r.Path...)
		r.Path = d.steps[at:len(d.steps):len(d.steps)]
	}
	d.refsFound = true
}

// detectObject runs the detectors on every site of o. It only reads the
// run, so workers can run it side by side.
// With sites not nil, it also keeps each site and its matches there, in
// the order visitSites visits them.
func (pr *piiRun) detectObject(sc *detectScratch, o *stix.Object, typ string, d *detected, sites *siteCache) {
	visitSites(o, typ, false, &sc.sites, func(s *site) {
		pr.detectSite(sc, pr.cfg.detectors, s, func(m detect.Match, det uint8) {
			mi := pr.matchOf(s, m)
			mi.det = det
			d.matches = append(d.matches, mi)
			if m.Kind == detect.UserPath {
				d.userNames = append(d.userNames, strings.Clone(m.Value))
			}
			if m.Kind == detect.Email && (s.place == placeLiteral || s.place == placeRigid && s.lit != nil) && recipientLiteral(s.lit) {
				d.recipients = append(d.recipients, strings.Clone(m.Value))
			}
			if sites != nil {
				sites.keepMatch(m)
			}
		})
		if sites != nil {
			sites.keep(s)
		}
	})
}

// matchAt is what a detection at a site is, without a pseudonym's code
// (see matchOf).
func (pr *piiRun) matchAt(s *site, m detect.Match) matchInfo {
	kind := string(m.Kind)
	return matchInfo{hash: pr.hash(kind, m.Value), kind: kindOf(kind), country: countryCode(m.Country), flags: placementFlags(s, m)}
}

// matchOf is what the index keeps of a detection at a site.
func (pr *piiRun) matchOf(s *site, m detect.Match) matchInfo {
	kind := string(m.Kind)
	mi := pr.matchAt(s, m)
	// The code serves only values that are pseudonymised (resolvePII; a
	// key never is: its member is removed), and
	// no rule of a destination's makes a method less strict than the
	// policy's own (Redactor.method): a kind the policy handles more
	// strictly here needs none, and the MAC is not computed.
	value := s.place == placeValue || s.place == placeLiteral || s.place == placeRigid
	if s.place != placeKey && strictness(pr.cfg.methodFor(kind, value)) <= strictness(policy.MethodPseudonymise) {
		mi.code = pr.keys.pseudonymCodeOf(kind, m.Value)
		mi.flags |= mCoded
	}
	return mi
}

// collectRoles gathers what the graph says about roles.
func (ru *run) collectRoles(o *stix.Object, i int32) {
	pr := ru.pii
	typ := ru.types[ru.objs.at(i).typ]
	switch typ {
	case "relationship":
		rt, _ := o.GetString("relationship_type")
		src, _ := o.GetString("source_ref")
		dst, _ := o.GetString("target_ref")
		switch rt {
		case "attributed-to":
			pr.edges = append(pr.edges, roleEdge{ru.key(src), ru.key(dst), edgeAttributedTo, i})
		case "targets", "impersonates":
			pr.edges = append(pr.edges, roleEdge{ru.key(src), ru.key(dst), edgeTargets, i})
		case "located-at":
			pr.edges = append(pr.edges, roleEdge{ru.key(src), ru.key(dst), edgeLocatedAt, i})
		}
	case "sighting":
		for _, id := range stringList(o, "where_sighted_refs") {
			pr.edges = append(pr.edges, roleEdge{ru.objs.at(i).key, ru.key(id), edgeVictim, i})
		}
	case "email-message":
		for _, k := range []string{"to_refs", "cc_refs", "bcc_refs"} {
			for _, id := range stringList(o, k) {
				pr.edges = append(pr.edges, roleEdge{ru.objs.at(i).key, ru.key(id), edgeVictim, i})
			}
		}
		for _, k := range []string{"from_ref", "sender_ref"} {
			if id, ok := o.GetString(k); ok {
				pr.edges = append(pr.edges, roleEdge{ru.objs.at(i).key, ru.key(id), edgeSender, i})
			}
		}
	case "observed-data":
		pr.embeddedEmails(o, i)
	case "identity":
		n, ok := o.GetString("name")
		switch c, _ := o.GetString("identity_class"); {
		case !ok:
		case c == "individual":
			pr.persons = append(pr.persons, person{obj: i, name: n})
		default:
			setKey(&pr.orgNames, strings.ToLower(strings.TrimSpace(n)), true)
		}
	case "note", "opinion":
		// Its authors are persons, the analysts who wrote it: they have
		// no role in the graph.
		for _, a := range stringList(o, "authors") {
			pr.persons = append(pr.persons, person{obj: i, name: a, author: true})
		}
	case "email-addr":
		if n, ok := o.GetString("display_name"); ok {
			pr.persons = append(pr.persons, person{obj: i, name: n, mailbox: true})
		}
	case "user-account":
		a := account{obj: i}
		a.display, _ = o.GetString("display_name")
		a.login, _ = o.GetString("account_login")
		a.userID, _ = o.GetString("user_id")
		pr.accounts = append(pr.accounts, a)
	case "threat-actor":
		if n, ok := o.GetString("name"); ok {
			pr.persons = append(pr.persons, person{obj: i, name: n, actor: true})
		}
		for _, a := range stringList(o, "aliases") {
			pr.persons = append(pr.persons, person{obj: i, name: a, actor: true})
		}
	}
}

// embeddedEmails gathers the senders and recipients of the email messages
// embedded in an observed-data's objects (STIX 2.0, deprecated in 2.1),
// whose references are the dictionary's keys: the sender of a phishing
// mail is the adversary's, kept as an indicator, wherever it appears.
func (pr *piiRun) embeddedEmails(o *stix.Object, i int32) {
	v, ok := o.Get("objects")
	if !ok || v[0] != '{' {
		return
	}
	objs := gjson.ParseBytes(v)
	var byKey map[string]gjson.Result // made when an email is found
	address := func(key gjson.Result) string {
		if byKey == nil {
			byKey = map[string]gjson.Result{}
			objs.ForEach(func(k, obj gjson.Result) bool {
				byKey[k.String()] = obj
				return true
			})
		}
		addr := byKey[key.String()]
		if key.Type != gjson.String || addr.Get("type").String() != "email-addr" {
			return ""
		}
		return strings.ToLower(addr.Get("value").String())
	}
	objs.ForEach(func(_, obj gjson.Result) bool {
		if obj.Get("type").String() != "email-message" {
			return true
		}
		for _, k := range []string{"from_ref", "sender_ref"} {
			if a := address(obj.Get(k)); a != "" {
				pr.senders = append(pr.senders, embeddedAddr{i, a})
			}
		}
		for _, k := range []string{"to_refs", "cc_refs", "bcc_refs"} {
			for _, ref := range obj.Get(k).Array() {
				if a := address(ref); a != "" {
					pr.recipients = append(pr.recipients, embeddedAddr{i, a})
					if n := byKey[ref.String()].Get("display_name"); n.Type == gjson.String {
						pr.recipientNames = append(pr.recipientNames, n.String())
					}
				}
			}
		}
		return true
	})
}

// recipientLiteral reports whether a pattern compares lit with the
// address of an email's recipient ([email-message:to_refs[*].value =
// '...']): whoever that is, is the victim of the mail, as in the graph.
func recipientLiteral(lit *stix.PatternLiteral) bool {
	if lit.ObjectType != "email-message" {
		return false
	}
	for _, k := range []string{"to_refs[", "cc_refs[", "bcc_refs["} {
		if rest, ok := strings.CutPrefix(lit.Property, k); ok {
			_, idx, ok := strings.Cut(rest, "]")
			return ok && idx == ".value"
		}
	}
	return false
}

func stringList(o *stix.Object, name string) []string {
	v, ok := o.Get(name)
	if !ok || v[0] != '[' {
		return nil
	}
	var out []string
	eachItem(v, func(item []byte) bool {
		if item[0] == '"' {
			out = append(out, jsonString(item))
		}
		return true
	})
	return out
}

// resolveRoles decides each object's role from the graph facts, and the
// learned names: adversaries' names are kept wherever they appear,
// victims' and other persons' names (as the policy says) are personal.
func (ru *run) resolveRoles() {
	pr := ru.pii
	pr.role = resized(pr.role, int(ru.objs.len()))
	set := func(k idKey, r uint8) {
		if j, ok := ru.byID.lookup(&ru.objs, k); ok {
			for ; j >= 0; j = ru.objs.at(j).next {
				if pr.role[j] == roleNone || r == roleAdversary {
					pr.role[j] = r
				}
			}
		}
	}
	// What keeps a value (an adversary's role, a pattern) counts only
	// from objects that leave: see keepers.
	gone := func(i int32) bool { return ru.objs.at(i).flags&fDropped != 0 }
	pr.keepers, pr.names = pr.keepers[:0], nil
	keep := func(i int32) {
		if n := len(pr.keepers); n == 0 || pr.keepers[n-1] != i {
			pr.keepers = append(pr.keepers, i)
		}
	}
	for i := range ru.objs.len() {
		switch ru.types[ru.objs.at(i).typ] {
		case "threat-actor", "intrusion-set", "campaign":
			pr.role[i] = roleAdversary
		}
	}
	for _, e := range pr.edges {
		if gone(e.obj) {
			continue
		}
		switch e.kind {
		case edgeAttributedTo:
			if j, ok := ru.byID.lookup(&ru.objs, e.src); ok && pr.role[j] == roleAdversary && !gone(j) {
				set(e.dst, roleAdversary)
				keep(e.obj)
				keep(j)
			}
		case edgeSender:
			set(e.dst, roleAdversary)
			keep(e.obj)
		}
	}
	for _, e := range pr.edges {
		if e.kind == edgeTargets || e.kind == edgeVictim {
			if j, ok := ru.byID.lookup(&ru.objs, e.dst); ok && pr.role[j] != roleAdversary {
				set(e.dst, roleVictim)
			}
		}
	}
	// Values of adversaries' objects (their emails, their names) are kept
	// wherever they appear; values of victims' objects are personal.
	// The role maps are made on first use: most runs fill few of them, a
	// Session's one object none.
	pr.adversary, pr.victim, pr.indicators = nil, nil, nil
	for i := range ru.objs.len() {
		for _, m := range ru.matchesOf(i) {
			switch pr.role[i] {
			case roleAdversary:
				if m.flags&mInternal == 0 && adversaryKind(m.kind) && !gone(i) {
					setKey(&pr.adversary, m.hash, true)
					keep(i)
				}
			case roleVictim:
				setKey(&pr.victim, m.hash, true)
			}
			if m.flags&(mLiteral|mInternal) == mLiteral && (m.kind != kindEmail || m.flags&mPart == 0) && !gone(i) {
				// A value of this input's STIX patterns: an indicator. An
				// email address inside a literal (a phishing URL's
				// ?uid=jane%40bank.example) is the recipient's, not one.
				setKey(&pr.indicators, m.hash, true)
				keep(i)
			}
		}
	}
	for _, a := range pr.senders {
		if !gone(a.obj) {
			setKey(&pr.adversary, pr.hash("email", a.addr), true)
			keep(a.obj)
		}
	}
	for _, a := range pr.recipients {
		setKey(&pr.victim, pr.hash("email", a.addr), true)
	}
	pr.personalObj, pr.countries = nil, nil
	var located map[int32][]string
	for _, e := range pr.edges {
		if e.kind != edgeLocatedAt {
			continue
		}
		src, ok1 := ru.byID.lookup(&ru.objs, e.src)
		dst, ok2 := ru.byID.lookup(&ru.objs, e.dst)
		if c := ru.locCountry[dst]; ok1 && ok2 && c != "" && !slices.Contains(located[src], c) {
			setKey(&located, src, append(located[src], c))
		}
	}
	// What an object located somewhere writes (an identity's phone
	// number, its email address) is its subject's: that subject is in
	// the object's countries too, whatever the value's own form says.
	for src, cs := range located {
		for _, m := range ru.matchesOf(src) {
			pr.addCountries(m.hash, cs)
		}
	}
	var personal []string
	for _, p := range pr.persons {
		h := pr.hash("person-name", wholeValue([]byte(p.name)))
		switch {
		case p.mailbox:
			if !ru.mailboxPersonal(p.obj) {
				// The name of an address that is kept (a sender's, an
				// indicator) is left to the detectors: a sender's may
				// be that of someone it impersonates.
				continue
			}
		case p.author && (functional(p.name) || pr.orgNames[strings.ToLower(strings.TrimSpace(p.name))]):
			// A team or an organisation that wrote the note (its
			// identity in the input) is no person.
			continue
		case p.actor || pr.role[p.obj] == roleAdversary:
			if !gone(p.obj) {
				setKey(&pr.adversary, h, true)
				keep(p.obj)
			}
			continue
		}
		if p.mailbox || pr.role[p.obj] == roleVictim || pr.cfg.persons == policy.TreatPersonal {
			if !isPseudonym("person-name", p.name) && !(p.mailbox && functional(p.name)) {
				// A name airlock wrote ("[REDACTED PERSON NAME]", a
				// pseudonym) is no name to look for: its words would be
				// found in every other placeholder. Nor is a shared
				// mailbox's ("IT Support"), replaced where it stands
				// only.
				personal = append(personal, p.name)
			}
			setKey(&pr.victim, h, true)
			if !p.author {
				// An author is found as a learned name, in the list
				// too: the note is not personal as a whole, and its
				// other authors may be organisations.
				setKey(&pr.personalObj, p.obj, true)
			}
			pr.addCountries(h, located[p.obj])
		}
	}
	for _, n := range pr.recipientNames {
		if !isPseudonym("person-name", n) && !functional(n) {
			personal = append(personal, n)
		}
		setKey(&pr.victim, pr.hash("person-name", wholeValue([]byte(n))), true)
	}
	personal = append(personal, pr.cfg.staff...)
	// A user account is a victim's when it is not an adversary's and its
	// display name is a personal name, or its login is the user name of a
	// profile path (which is always personal), or, where persons without
	// a role are personal, a detector read a person's name in it (its
	// display name, a login such as jane.doe): its display name, login
	// and user id are then learned and found wherever they appear (a
	// Windows SID in a registry key under HKEY_USERS, say). A user id of
	// digits only (a Unix uid) is not: "1001" is a port or a count as
	// often as anyone's.
	paths := map[string]bool{}
	for _, u := range pr.userNames {
		paths[strings.ToLower(u)] = true
	}
	names := map[string]bool{}
	for _, n := range personal {
		names[strings.ToLower(strings.TrimSpace(n))] = true
	}
	tokens := append([]string(nil), pr.userNames...)
	for _, a := range pr.accounts {
		if pr.role[a.obj] == roleAdversary {
			continue
		}
		if names[strings.ToLower(strings.TrimSpace(a.display))] || paths[strings.ToLower(a.login)] || paths[strings.ToLower(a.userID)] ||
			(pr.cfg.persons == policy.TreatPersonal && ru.namesPerson(a.obj)) {
			setKey(&pr.personalObj, a.obj, true)
			if d := strings.TrimSpace(a.display); d != "" && !names[strings.ToLower(d)] && !isPseudonym("person-name", d) && !functional(d) {
				// Its display name is its holder's, to be found
				// wherever it is written, as a victim's name is (a
				// service account's, "Backup Service", only where it
				// stands).
				personal = append(personal, d)
				setKey(&pr.victim, pr.hash("person-name", wholeValue([]byte(d))), true)
			}
			tokens = append(tokens, a.login)
			if strings.TrimLeft(strings.TrimSpace(a.userID), "0123456789") != "" {
				tokens = append(tokens, a.userID)
			}
		}
	}
	if len(personal) > 0 {
		pr.names = append(pr.names, detect.NewNameDetector(personal, detect.NameOptions{}))
	}
	if len(tokens) > 0 {
		td := newTokenDetector("account", tokens)
		for tok := range td.tokens {
			setKey(&pr.victim, pr.hash("account", tok), true) // the victim rule wins, in patterns too
		}
		pr.names = append(pr.names, td)
	}
}

// namesPerson reports whether a detector read a person's name in object
// i (pass 1's matches: the dictionary's names and joined names).
func (ru *run) namesPerson(i int32) bool {
	for _, m := range ru.matchesOf(i) {
		if m.kind == kindPersonName {
			return true
		}
	}
	return false
}

// mailboxPersonal reports whether the address of email-addr i is
// personal data, so that its display name, its holder's name, is too: a
// recipient's always (the victim rule), another's (a sender's too) as its
// address is judged. An address no detector reads as one is judged by the
// object's role and the policy's persons.
func (ru *run) mailboxPersonal(i int32) bool {
	pr := ru.pii
	if pr.role[i] == roleVictim {
		return true
	}
	for _, m := range ru.matchesOf(i) {
		if m.kind == kindEmail && m.flags&mValue != 0 {
			return pr.personal(m, i)
		}
	}
	return pr.role[i] != roleAdversary && pr.cfg.persons == policy.TreatPersonal
}

// lostKeeper reports whether an object whose content kept values when
// roles were last resolved has been dropped since.
func (ru *run) lostKeeper() bool {
	for _, i := range ru.pii.keepers {
		if ru.objs.at(i).flags&fDropped != 0 {
			return true
		}
	}
	return false
}

// addCountries adds countries to those the graph tells of the subject of
// the detections hashed h.
func (pr *piiRun) addCountries(h uint64, countries []string) {
	for _, c := range countries {
		if !slices.Contains(pr.countries[h], c) {
			setKey(&pr.countries, h, append(pr.countries[h], c))
		}
	}
}

// countryCode packs an ISO 3166-1 alpha-2 code; anything else is unknown.
func countryCode(c string) [2]byte {
	if len(c) != 2 {
		return [2]byte{}
	}
	return [2]byte{c[0], c[1]}
}

// subject returns what is known of the data subject's country for a
// detection: the detector's (a phone number's country code, an IBAN's
// country, GB for a NINO, a ccTLD), the source's for data in the
// sender's namespace, and the graph's (see countries).
func (pr *piiRun) subject(m matchInfo, source string) subject {
	s := subject{located: pr.countries[m.hash]}
	if m.country != [2]byte{} {
		s.detector = string(m.country[:])
	}
	if m.flags&mInternal != 0 {
		s.source = source
	}
	return s
}

// indicatorKind reports whether a kind of value can be an indicator: an
// address, an email, a phone number (a scam line). A user name in a file
// path, a person's name, a card number or a national id written in a
// pattern is still someone's personal data.
func indicatorKind(kind kindID) bool {
	switch kind {
	case kindEmail, kindIPv4, kindIPv6, kindPhone:
		return true
	}
	return false
}

// adversaryKind reports whether a kind of value can be an adversary's
// own, written in the adversary's objects: a name, an address, an email,
// a phone number. A card number, a bank account, a national id or a
// credential in a threat actor's description is a victim's.
func adversaryKind(kind kindID) bool {
	return indicatorKind(kind) || kind == kindPersonName
}

// personal decides whether a detection in object i (-1 for text in no
// object's content: a marking's statement) is personal data to remove.
// The victim rule wins: a value in the sender's namespace is personal even
// in an indicator, and a victim's is personal even where an adversary's
// object names it.
func (pr *piiRun) personal(m matchInfo, i int32) bool {
	if m.flags&mInternal != 0 {
		return true
	}
	if m.flags&mWhole != 0 {
		return true
	}
	if pr.victim[m.hash] {
		return true
	}
	if i >= 0 && pr.role[i] == roleAdversary && adversaryKind(m.kind) || pr.adversary[m.hash] {
		return false
	}
	if pr.indicators[m.hash] && indicatorKind(m.kind) {
		return false
	}
	switch m.kind {
	case kindIPv4, kindIPv6:
		return pr.cfg.publicAddrs == policy.TreatPersonal
	case kindEmail:
		return pr.cfg.externalEmails == policy.TreatPersonal
	}
	return true
}
