package redact

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"hash/maphash"
	"strings"

	"github.com/airlock-cti/airlock/stix"
)

// The index is what pass 1 learns about every object, kept small so that
// memory grows with the number of objects, not with the input's size:
// ids are held as 128-bit keyed hashes, and per-object lists (markings,
// granular markings, references) live in shared arenas.

// idKey is a 128-bit hash of an id under two random seeds: collisions are
// negligible, and input cannot be crafted to collide without the seeds.
type idKey struct{ a, b uint64 }

// Object flags.
const (
	fSCO        uint32 = 1 << iota // a STIX Cyber-observable Object
	fMarkingDef                    // a marking-definition
	fPublic                        // from a public source: never edited
	fV20                           // a STIX 2.0 object
	fDropped                       // not written
	fGranRemove                    // granular-marked content is removed
	fRuleRemove                    // an object rule removes properties
	fMarkEdit                      // object_marking_refs change (canonical ids, statements, extensions removed)
	fStamp                         // markings are stamped on it
	fRefEdit                       // references are pruned or renamed
	fCreator                       // created_by_ref becomes the redacting identity
	fRenamed                       // it gets a new id
	fCanonical                     // a marking definition rewritten in canonical form
	fLateCheck                     // deletions might empty a required property: check before pass 2
	fDirty                         // its late check must run (again)
	fPII                           // personal data in it is removed
	fMerged                        // an SCO that became equal to another: dropped, references follow
	fTranslated                    // a language content whose translated object loses content: its translations go too
	fOwnVersion                    // it has a spec_version: its version is its own, not its bundle's
	fImpostor                      // it has the redacting identity's id but is not that identity as airlock writes it: renamed
	fStaleID                       // an SCO whose contributing values are airlock's output but whose id is not theirs: re-identified
)

// contentChange are the flags that change an object's content.
const contentChange = fGranRemove | fRuleRemove | fMarkEdit | fStamp | fRefEdit | fCanonical | fPII | fTranslated

// An object's lists (marks, grans, refs, matches) are contiguous in their
// arenas, in object order: each ends where the next object's begins (see
// marksOf, gransOf, refsOf, matchesOf), so objInfo holds only where they
// start. It is 48 bytes, without pointers: the collector never scans the
// index.
type objInfo struct {
	key     idKey
	typ     uint32 // the type's name is run.types[typ]
	flags   uint32
	markOff uint32 // object_marking_refs in run.marks
	granOff uint32 // granular markings in run.grans
	refOff  uint32 // references in run.refs
	// matchOff is where the personal data found in pass 1 starts in
	// run.pii.matches.
	matchOff uint32
	reason   int32 // why it is dropped, an index in run.reasons, or -1
	next     int32 // the next object with the same id (another version), or -1
}

// marksOf returns the marking definitions (run.mtab entries) in object
// i's object_marking_refs.
func (ru *run) marksOf(i int32) []int32 {
	end := uint32(len(ru.marks))
	if i+1 < ru.objs.len() {
		end = ru.objs.at(i + 1).markOff
	}
	return ru.marks[ru.objs.at(i).markOff:end]
}

// gransOf returns object i's granular markings.
func (ru *run) gransOf(i int32) []granInfo {
	end := uint32(len(ru.grans))
	if i+1 < ru.objs.len() {
		end = ru.objs.at(i + 1).granOff
	}
	return ru.grans[ru.objs.at(i).granOff:end]
}

// refsOf returns object i's references and id mentions.
func (ru *run) refsOf(i int32) []refInfo {
	end := uint32(len(ru.refs))
	if i+1 < ru.objs.len() {
		end = ru.objs.at(i + 1).refOff
	}
	return ru.refs[ru.objs.at(i).refOff:end]
}

// sameMarking reports whether two definitions of one marking id mark
// content alike: the same kind, level, statement and extension, written
// out under the same id. Their names and the forms they are written in
// may differ (a TLP definition in STIX 2.0 and in 2.1 form).
func sameMarking(a, b stix.Marking) bool {
	return a.Kind == b.Kind && a.TLP == b.TLP && a.PAP == b.PAP && a.Statement == b.Statement &&
		a.Extension == b.Extension && a.CanonicalID == b.CanonicalID
}

// selfMark returns the marking table entry of marking definition i.
func (ru *run) selfMark(i int32) *markEntry {
	return &ru.mtab[ru.mByID[ru.objs.at(i).key]]
}

// granInfo is one granular marking of an object.
type granInfo struct {
	mark  int32 // entry in run.mtab, or -1 for a lang marking
	flags uint8
}

const (
	gUnresolved uint8 = 1 << iota // a selector is invalid or selects nothing
	gWhole                        // a selector takes a whole required property (or id, type)
	gCheck                        // removing what it selects may break the object: try it first
	gMarkings                     // a selector selects the object's own markings
)

// refInfo is one reference from an object to another, in 24 bytes: the
// object it is from follows from its place in run.refs (see refFrom).
type refInfo struct {
	target idKey
	to     int32 // the target's object index, -1 when not in the input
	// gf holds the required group it counts in, plus one (0: none), in its
	// low bits, and its flags (refGone, ...) in the high five.
	gf uint32
}

// Reference flags.
const (
	refGone   uint32 = 1 << (27 + iota) // the reference is removed
	refNested                           // it lies inside a part of the object, not at its top level
	// refMention says the id is written inside free text, not as a
	// reference: it is rewritten there (or withheld), never pruned.
	refMention
	// refExtRenamed says the target, not in this input, was renamed by an
	// earlier message of the session.
	refExtRenamed
	// refExtension says the reference is an extension definition's id
	// written as a key of the object's extensions (STIX 2.1 section 7.3):
	// it goes with its entry, and is not pruned when the definition is
	// merely absent (definitions are often published elsewhere).
	refExtension

	refGroupMask = 1<<27 - 1
	// maxGroups is the number of required groups a run can count; past
	// it, references count in none, and their objects are checked by
	// trying their transform instead (see run.add).
	maxGroups = refGroupMask - 1
)

func (r *refInfo) is(f uint32) bool { return r.gf&f != 0 }

// group returns the required group the reference counts in, or -1.
func (r *refInfo) group() int32 { return int32(r.gf&refGroupMask) - 1 }

// refFrom returns the object reference ri is from: the last whose
// references start at or before it.
func (ru *run) refFrom(ri int) int32 {
	// The last object whose references start at or before ri: a binary
	// search over the entries' offsets, without a closure (the cascade
	// and renames call this for every reverse reference). An array of
	// sources would be faster still, but at 4 bytes a reference it would
	// raise the peak memory of a 1 GB input.
	lo, hi := int32(0), ru.objs.len() // the answer is in [lo-1, hi)
	for lo < hi {
		mid := int32(uint32(lo+hi) >> 1)
		if ru.objs.at(mid).refOff > uint32(ri) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo - 1
}

// group counts the references left in one required property (or one-of
// group, such as network-traffic's src_ref/dst_ref) of one object; when it
// reaches zero the object must go.
type group struct {
	alive int32
	from  int32
}

// markEntry is one marking definition seen (referenced or defined).
type markEntry struct {
	id      string
	m       stix.Marking
	defined bool  // the input defines it
	err     bool  // the input defines it in a way that cannot be read
	obj     int32 // the defining object, or -1
	used    bool  // some output object uses it
	// Resolved from the policy:
	tlp     stix.TLP
	pap     stix.PAP
	unknown bool   // cannot be judged: fails closed
	drop    bool   // objects carrying it are dropped (policy: extension drop)
	remove  bool   // removed from objects (statements: remove, extension remove)
	outID   string // the id written in the output (canonical for variants)
	// withheld: the definition is itself marked above the ceiling (or
	// with a marking that fails closed), so it cannot leave, and neither
	// can what it marks.
	withheld bool
	// personal: a statement holding personal data the policy covers,
	// removed from the objects it marks (see personalStatements).
	personal bool
}

// reason is why an object was dropped.
type reason struct {
	rule, kind, path string
}

// run is the state of one redaction: the index and what resolving it
// decided.
type run struct {
	rd      *Redactor
	seedA   maphash.Seed
	seedB   maphash.Seed
	objs    objTable
	types   []string // the type names objects have, by objInfo.typ
	typeIdx map[string]uint32
	byID    idIndex
	marks   []int32
	grans   []granInfo
	refs    []refInfo
	groups  []group
	mtab    []markEntry
	mByID   map[idKey]int32
	reasons []reason
	rIndex  map[reason]int32
	spans   []stix.ObjectSpan
	frame   *stix.Frame
	v20     bool // the input is a STIX 2.0 bundle
	// Resolved:
	rev      []int32 // references by target: run.refs indexes, grouped
	revStart []int32 // rev[revStart[t]:revStart[t+1]] refer to object t
	revFill  []int32 // resolveRefs's scratch
	// foldedIDs holds the ids that have upper-case letters (a UUID may be
	// written in upper case), by the key of their lower-case form, for
	// mentions, which are matched in any case (see mentionKey); nil when
	// there are none, as in most inputs.
	foldedIDs map[idKey]string
	// creator and creator20 say that some output object names the
	// redacting identity: a STIX 2.1 object (by its 2.1 id), a STIX 2.0
	// one (by its 2.0 id). A bundle can hold both.
	creator, creator20 bool
	// sess, in a Session, is what earlier messages taught: marking
	// definitions, dropped and renamed ids. refIDs and objIDs then hold
	// the id of each reference and of each object.
	sess   *sessionMemory
	refIDs []string
	objIDs []string
	// sent, in a Session, holds the ids of the objects airlock added that
	// earlier messages already carried; they are not added again.
	sent map[string]bool
	// single marks a Session's run of one object (Session.Redact): its one
	// transform does the late checks (with no other object to cascade to,
	// a trial first would only double the work), and reuses pass 1's
	// detections (sites).
	single bool
	// refScan finds references in pass 1, reusing its memory. It is
	// held by pointer: reset copies the run, and the scanner is large.
	refScan *stix.RefScanner
	// singleRefs, in a Session's run of one object, are the references
	// pass 1 found in it, for the transform (refScan's memory: valid until
	// refScan runs again).
	singleRefs []stix.Ref
	// mentions are the keys of the ids one object mentions, reused.
	mentions []idKey
	// renameWork is rename's stack of objects to follow, reused.
	renameWork []int32
	// locCountry holds the country of each location object, by index (""
	// when it is not known), and locatedAt the located-at relationships.
	locCountry map[int32]string
	locatedAt  map[int32]bool
	// pii is the personal-data state, nil when the policy has no pii
	// section.
	pii *piiRun
	// scoIDs are the new ids of SCOs whose id-contributing properties
	// change (see renameSCOs); nil until one does, as in most runs.
	scoIDs map[int32]string
	// repairs are the parts of objects that the late checks found left
	// incomplete by removals; pass 2 removes them without validating again.
	repairs map[int32][]stix.Path
	// detect is the detection scratch of pass 1 and resolve (one
	// goroutine); transformers have their own.
	detect *detectScratch
	det    detected // pass 1's detections of one object, reused
	// sites, in a Session, are pass 1's sites of its one object and the
	// matches in each, for the transform to reuse.
	sites *siteCache
	// langRefs holds, for each language-content object, the index in
	// refs of its object_ref; translated holds, by the first version of
	// each object they translate, what is removed from it (see
	// run.translations).
	langRefs   map[int32]int32
	translated map[int32][]translatedRemoval
	// extProps holds, by id key, the top-level properties each extension
	// definition of the input adds (see addExtensionProperties); nil
	// when none lists any.
	extProps map[idKey][]string
}

func (ru *run) detectScratch() *detectScratch {
	if ru.detect == nil {
		ru.detect = newDetectScratch()
	}
	return ru.detect
}

func (rd *Redactor) newRun() *run {
	ru := &run{
		rd:      rd,
		seedA:   maphash.MakeSeed(),
		seedB:   maphash.MakeSeed(),
		mByID:   map[idKey]int32{},
		rIndex:  map[reason]int32{},
		refScan: new(stix.RefScanner),
	}
	if rd.pii != nil {
		ru.pii = &piiRun{cfg: rd.pii, keys: &rd.keys, seed: maphash.MakeSeed(), collided: map[uint64]bool{}}
	}
	return ru
}

// reset readies ru for another run of the same redactor, keeping the
// memory it has grown (a Session runs one object after another). Every
// field not carried over here starts from zero, as after newRun, so no
// state of one run can reach the next.
func (ru *run) reset() {
	clear(ru.mByID)
	clear(ru.rIndex)
	clear(ru.byID.slots)
	ru.byID.n = 0
	old := *ru
	*ru = run{
		rd:         old.rd,
		seedA:      old.seedA,
		seedB:      old.seedB,
		objs:       old.objs,
		types:      old.types, // interned names only
		typeIdx:    old.typeIdx,
		byID:       old.byID,
		marks:      old.marks[:0],
		grans:      old.grans[:0],
		refs:       old.refs[:0],
		groups:     old.groups[:0],
		mByID:      old.mByID,
		reasons:    old.reasons[:0],
		rIndex:     old.rIndex,
		spans:      old.spans[:0],
		refIDs:     old.refIDs[:0],
		objIDs:     old.objIDs[:0],
		refScan:    old.refScan,
		renameWork: old.renameWork[:0],
		// Reused by resolve, which sizes and clears them.
		rev: old.rev, revStart: old.revStart, revFill: old.revFill,
		detect: old.detect,
		sites:  old.sites,
		det:    detected{matches: old.det.matches[:0], userNames: old.det.userNames[:0]},
	}
	ru.objs.reset()
	if ru.sites != nil {
		ru.sites.reset()
	}
	clear(old.mtab) // it holds strings: let them go
	ru.mtab = old.mtab[:0]
	if old.pii != nil {
		clear(old.pii.collided)
		*old.pii = piiRun{cfg: old.pii.cfg, keys: old.pii.keys, seed: old.pii.seed, collided: old.pii.collided,
			matches: old.pii.matches[:0], role: old.pii.role}
		ru.pii = old.pii
	}
}

// resized returns s at length n with every element zero, reusing its
// memory when it is large enough.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// presize makes room in the index for an input of n bytes held in memory,
// at a guess of one object per 512 bytes, so that its slices do not grow
// by copying (the object entries are paged, and never copy).
func (ru *run) presize(n int) {
	est := min(n/512, 1<<22)
	ru.spans = make([]stix.ObjectSpan, 0, est)
	ru.refs = make([]refInfo, 0, 2*est)
	ru.marks = make([]int32, 0, est)
	ru.byID.reserve(&ru.objs, est)
}

// typeIndex returns the index of a type name in run.types, adding it.
func (ru *run) typeIndex(typ string) uint32 {
	if k, ok := ru.typeIdx[typ]; ok {
		return k
	}
	if ru.typeIdx == nil {
		ru.typeIdx = map[string]uint32{}
	}
	k := uint32(len(ru.types))
	ru.types = append(ru.types, typ)
	ru.typeIdx[typ] = k
	return k
}

func (ru *run) key(id string) idKey {
	return idKey{maphash.String(ru.seedA, id), maphash.String(ru.seedB, id)}
}

// idKeyOf is the key of o's id, hashed where the input holds it. An id
// with upper-case letters is noted (noteFoldedID).
func (ru *run) idKeyOf(o *stix.Object) idKey {
	v, _ := o.Get("id")
	if body, ok := stringBody(v); ok {
		if hasUpper(body) {
			ru.noteFoldedID(string(body))
		}
		return ru.keyBytes(body)
	}
	id := o.ID()
	if hasUpper([]byte(id)) {
		ru.noteFoldedID(id)
	}
	return ru.key(id)
}

// keyBytes is key(string(id)), without the string.
func (ru *run) keyBytes(id []byte) idKey {
	return idKey{maphash.Bytes(ru.seedA, id), maphash.Bytes(ru.seedB, id)}
}

// mentionKey is the key of an id written in text, in lower case. A
// mention is matched in any case: STIX types are lower case (STIX 2.1
// section 2.9) and UUIDs are read in either case (RFC 4122 section 3), so
// "INDICATOR--4A0F..." can only mean indicator--4a0f..., and a redactor
// that withholds the one must withhold the other. An object whose own id
// has upper-case letters is found through foldedIDs.
func (ru *run) mentionKey(id []byte) idKey {
	if !hasUpper(id) {
		return ru.keyBytes(id)
	}
	var room [96]byte
	b := room[:0]
	for _, c := range id {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return ru.keyBytes(b)
}

// mentionTarget returns the id that a mention written as id refers to,
// and its key: its lower-case form, or the id of an object written in
// upper case.
func (ru *run) mentionTarget(id string) (string, idKey) {
	k := ru.mentionKey([]byte(id))
	if orig, ok := ru.foldedIDs[k]; ok {
		if _, exact := ru.byID.lookup(&ru.objs, k); !exact {
			return orig, ru.key(orig)
		}
	}
	return strings.ToLower(id), k
}

// noteFoldedID records in foldedIDs an object's id that has upper-case
// letters.
func (ru *run) noteFoldedID(id string) {
	if ru.foldedIDs == nil {
		ru.foldedIDs = map[idKey]string{}
	}
	ru.foldedIDs[ru.mentionKey([]byte(id))] = id
}

// hasUpper reports whether b holds an ASCII upper-case letter. Every
// object's id is asked, so it reads eight bytes at a time: a byte is
// between '@' and '[' when (127+'[') minus its low seven bits borrows
// nothing, its high bit is clear, and its low seven bits plus (127-'@')
// carry into the high bit (Bit Twiddling Hacks, hasbetween).
func hasUpper(b []byte) bool {
	const ones = 0x0101010101010101
	const low, high = 'A' - 1, 'Z' + 1
	for ; len(b) >= 8; b = b[8:] {
		x := binary.LittleEndian.Uint64(b)
		x7 := x & (ones * 127)
		if (ones*(127+high)-x7)&^x&(x7+ones*(127-low))&(ones*128) != 0 {
			return true
		}
	}
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			return true
		}
	}
	return false
}

// mark returns the marking table entry for id, adding it if new.
func (ru *run) mark(id string) int32 {
	k := ru.key(id)
	if i, ok := ru.mByID[k]; ok {
		return i
	}
	i := int32(len(ru.mtab))
	ru.mtab = append(ru.mtab, markEntry{id: id, obj: -1})
	ru.mByID[k] = i
	return i
}

// idOf returns the id of object i, o: kept from pass 1 when the run keeps
// ids (a Session's or a window's), read again otherwise.
func (ru *run) idOf(o *stix.Object, i int32) string {
	if int(i) < len(ru.objIDs) {
		return ru.objIDs[i]
	}
	return o.ID()
}

// markQuoted is mark of a JSON string (quotes included) as the input
// holds it: without escapes, the id is made only the first time it is
// seen.
func (ru *run) markQuoted(q []byte) int32 {
	body, ok := stringBody(q)
	if !ok {
		return ru.mark(jsonString(q))
	}
	if len(ru.mtab) <= fewMarkings {
		// Inputs use a handful of markings: comparing with each costs
		// less than hashing the id twice.
		for i := range ru.mtab {
			if ru.mtab[i].id == string(body) {
				return int32(i)
			}
		}
	}
	k := ru.keyBytes(body)
	if i, ok := ru.mByID[k]; ok {
		return i
	}
	if id, ok := builtinMarkingIDs[string(body)]; ok {
		return ru.mark(id) // a TLP or PAP id seen first: no string made for it
	}
	return ru.mark(string(body))
}

// builtinMarkingIDs maps the ids of the TLP and PAP definitions to
// themselves, so that a run (a Session's, one per message) makes no
// string for them. Never written after init.
var builtinMarkingIDs = func() map[string]string {
	m := map[string]string{}
	for t := stix.TLPClear; t <= stix.TLPRed; t++ {
		for _, v2 := range []bool{false, true} {
			if id := stix.TLPMarkingID(t, v2); id != "" {
				m[id] = id
			}
		}
	}
	for p := stix.PAPClear; p <= stix.PAPRed; p++ {
		if id := stix.PAPMarkingID(p); id != "" {
			m[id] = id
		}
	}
	return m
}()

// fewMarkings is how many markings markQuoted looks through one by one.
const fewMarkings = 8

// markLookup returns the marking table entry for id, which pass 1 saw.
// It never changes the table, so workers may call it concurrently.
func (ru *run) markLookup(id string) *markEntry {
	if i, ok := ru.mByID[ru.key(id)]; ok {
		return &ru.mtab[i]
	}
	return &unindexedMark
}

// unindexedMark stands for a marking pass 1 did not see, which cannot
// happen when both passes read the same bytes; it fails closed.
var unindexedMark = markEntry{unknown: true, drop: true}

func (ru *run) reason(rule, kind, path string) int32 {
	r := reason{rule, kind, path}
	if i, ok := ru.rIndex[r]; ok {
		return i
	}
	i := int32(len(ru.reasons))
	ru.reasons = append(ru.reasons, r)
	ru.rIndex[r] = i
	return i
}

// add records what pass 1 learns about one object; pre, when not nil, is
// its personal-data detection, already run.
func (ru *run) add(o *stix.Object, pre *detected) {
	idx := int32(ru.objs.len())
	typ := typeOf(o)
	key := ru.idKeyOf(o)
	var id string // made only when it is kept
	if ru.sess != nil || typ == "marking-definition" {
		id = o.ID()
	}
	if ru.sess != nil {
		ru.objIDs = append(ru.objIDs, id)
	}
	// The entry goes in first, so that its lists start where the previous
	// object's end (see marksOf).
	ru.objs.add(objInfo{key: key, typ: ru.typeIndex(typ), reason: -1, next: -1,
		markOff: uint32(len(ru.marks)), granOff: uint32(len(ru.grans)), refOff: uint32(len(ru.refs))})
	if ru.pii != nil {
		ru.objs.at(idx).matchOff = uint32(len(ru.pii.matches))
	}
	ru.spans = append(ru.spans, stix.ObjectSpan{Offset: o.Offset(), Len: len(o.Raw())})
	info := ru.objs.at(idx)
	if first, ok := ru.byID.lookup(&ru.objs, info.key); ok {
		// Another version of an object already seen: chain it.
		j := first
		for ru.objs.at(j).next >= 0 {
			j = ru.objs.at(j).next
		}
		ru.objs.at(j).next = idx
	} else {
		ru.byID.insert(&ru.objs, idx)
	}
	if isSCO(typ) || stix.IsObservable(o) {
		info.flags |= fSCO // a custom one too: no creator, an id from its values
	}
	// An object's own spec_version says its version (STIX 2.1 section
	// 3.2), whatever its bundle's says: a STIX 2.1 object in a STIX 2.0
	// bundle is judged, and re-identified, as STIX 2.1. Without one, an
	// SDO or SRO is STIX 2.0's, and an SCO its bundle's.
	switch sv := o.SpecVersion(); {
	case sv != "":
		info.flags |= fOwnVersion
		if sv == "2.0" {
			info.flags |= fV20
		}
	case ru.v20 || info.flags&fSCO == 0:
		info.flags |= fV20
	}
	if ru.rd.isPublic(o) {
		info.flags |= fPublic
	}
	if info.flags&(fSCO|fV20|fPublic) == fSCO && pseudonymContributes(typ, o.Raw()) {
		if _, stale := valuesID(typ, o.Raw(), o.ID()); stale {
			info.flags |= fStaleID
		}
	}
	if typ == "marking-definition" {
		info.flags |= fMarkingDef
		e := &ru.mtab[ru.mark(id)]
		md, err := stix.ParseMarkingDefinition(o.Raw())
		switch {
		case err != nil:
			e.err = true
		case e.defined && !sameMarking(e.m, md):
			// Marking definitions cannot be versioned (STIX 2.1 section
			// 7.2.1): two that say different things under one id leave
			// it unknown what the objects carrying it are marked with.
			e.err = true
		default:
			e.m = md
		}
		e.defined, e.obj = true, idx
	}
	if typ == "extension-definition" {
		ru.addExtensionProperties(o, key)
	}

	for q := range o.Items("object_marking_refs") {
		if q[0] == '"' {
			ru.marks = append(ru.marks, ru.markQuoted(q))
		}
	}

	var res *stix.Resolver // one walk of each list, however many selectors
	for _, gm := range o.GranularMarkings() {
		if res == nil {
			res = stix.NewResolver(o.Raw())
		}
		g := granInfo{mark: -1}
		if gm.MarkingRef != "" {
			g.mark = ru.mark(gm.MarkingRef)
		}
		if len(gm.Selectors) == 0 {
			g.flags |= gUnresolved
		}
		for _, s := range gm.Selectors {
			sel, err := stix.ParseSelector(s)
			if err != nil {
				g.flags |= gUnresolved
				continue
			}
			if _, ok := res.Resolve(stix.Path(sel)); !ok {
				g.flags |= gUnresolved
			}
			if wholeRequired(typ, stix.Path(sel), info.flags&fV20 != 0) {
				g.flags |= gWhole
			}
			if mayBreak(typ, stix.Path(sel), info.flags&fV20 != 0) {
				g.flags |= gCheck
			}
			if selectsMarkings(stix.Path(sel)) {
				g.flags |= gMarkings
			}
		}
		ru.grans = append(ru.grans, g)
	}

	var groups []struct {
		name string
		g    int32
	}
	var found []stix.Ref
	if pre != nil && pre.refsFound {
		found = pre.refs // found on a worker
	} else {
		found = ru.refScan.Refs(o)
	}
	if ru.single {
		ru.singleRefs = found
	}
	for _, r := range found {
		if !indexedRef(&r, info.flags) {
			continue
		}
		ri := refInfo{target: ru.key(r.ID), to: -1}
		for _, st := range r.Path[1:] {
			if !st.IsIndex() {
				ri.gf |= refNested
			}
		}
		required, name := false, ""
		switch {
		case r.Kind == stix.RefExtension:
			ri.gf |= refExtension
			// An object whose type an extension defines cannot stand
			// without it: it counts as a required reference.
			required, name = definesType(o, r.Path), r.Path.String()
		case r.Rule != nil && r.Rule.Required:
			required, name = true, r.Rule.Property
			if r.Rule.OneOf != "" {
				name = r.Rule.OneOf
			}
		}
		if required && info.flags&fPublic == 0 && len(ru.groups) >= maxGroups {
			info.flags |= fLateCheck | fDirty // no group to count in: try it
		} else if required && info.flags&fPublic == 0 {
			g := int32(-1)
			for _, x := range groups {
				if x.name == name {
					g = x.g
				}
			}
			if g < 0 {
				g = int32(len(ru.groups))
				ru.groups = append(ru.groups, group{from: idx})
				groups = append(groups, struct {
					name string
					g    int32
				}{name, g})
			}
			ru.groups[g].alive++
			ri.gf |= uint32(g + 1)
		}
		if r.Kind == stix.RefLanguage {
			if ru.langRefs == nil {
				ru.langRefs = map[int32]int32{}
			}
			ru.langRefs[idx] = int32(len(ru.refs))
		}
		ru.refs = append(ru.refs, ri)
		if ru.sess != nil {
			ru.refIDs = append(ru.refIDs, r.ID)
		}
	}
	if pre != nil && pre.refsFound {
		ru.addMentions(pre.mentions) // found on a worker
	} else {
		ru.mentions = ru.mentionKeys(ru.mentions[:0], o, found)
		ru.addMentions(ru.mentions)
	}

	rules := ru.rd.rules
	switch {
	case info.flags&fMarkingDef != 0:
		// Object rules do not apply to marking definitions (the policy
		// loader refuses to name their type): a definition dropped would
		// leave what it marks marked with an unknown marking, and an
		// edited one is another marking. The markings section decides.
		rules = nil
	case ru.rd.identity.is(o.Raw()):
		// Nor to the redacting identity as airlock writes it: the objects
		// it changed name it, and it would only be added again (so
		// output redacted again would change, and fail verify).
		rules = nil
	case typ == "identity" && ru.rd.identity.json != nil && (key == ru.key(ru.rd.identity.id) || key == ru.key(ru.rd.identity.id20)):
		// Another object under the redacting identity's id (a forgery, or
		// the identity of an earlier run whose policy wrote it otherwise):
		// the output's object of that id must be the identity the changed
		// objects name, so this one takes a new id (see rename).
		info.flags |= fImpostor
	}
	for i := range rules {
		r := &rules[i]
		if !r.matches(o, typ) {
			continue
		}
		if r.drop {
			info.flags |= fDropped
			info.reason = ru.reason(r.name, "object-rule", "")
			break
		}
		for _, p := range r.remove {
			if _, ok := o.Lookup(p); !ok {
				continue
			}
			if wholeRequired(typ, p, info.flags&fV20 != 0) {
				info.flags |= fDropped
				info.reason = ru.reason(r.name, "required-property", p.String())
				break
			}
			info.flags |= fRuleRemove
			if mayBreak(typ, p, info.flags&fV20 != 0) {
				info.flags |= fLateCheck | fDirty
			}
		}
		if info.flags&fDropped != 0 {
			break
		}
	}
	if typ == "relationship" {
		if rt, _ := o.GetString("relationship_type"); rt == "located-at" {
			if ru.locatedAt == nil {
				ru.locatedAt = map[int32]bool{}
			}
			ru.locatedAt[idx] = true
		}
	}
	if typ == "location" {
		// Every location is recorded, "" for one whose country is missing or
		// not read: a rule that drops locations by country cannot tell
		// whether it is in one, and drops it.
		c, _ := o.GetString("country")
		code, _ := locationCountry(c)
		if ru.locCountry == nil {
			ru.locCountry = map[int32]string{}
		}
		ru.locCountry[idx] = code
	}
	if ru.pii != nil {
		ru.collectPII(o, idx, pre)
	}
}

// indexedRef reports whether pass 1 indexes r, a reference of an object
// with the given flags, so that its target's fate reaches it: references
// in properties, a language content's object_ref, and the extension
// definitions keying extensions. A marking definition's extensions are
// left out: they say what the marking means (TLP 2.0, PAP, IEP are told
// by their extension's id), and neither removing nor renaming one can
// keep that meaning. Pass 2 reads the references again with the same
// filter, so that the two lists line up.
func indexedRef(r *stix.Ref, flags uint32) bool {
	switch r.Kind {
	case stix.RefProperty, stix.RefLanguage:
		return true
	case stix.RefExtension:
		return flags&fMarkingDef == 0
	}
	return false
}

// definesType reports whether the extension at p (extensions.<id>) of o
// defines o's type: its extension_type is new-sdo, new-sco or new-sro
// (STIX 2.1 section 7.3).
func definesType(o *stix.Object, p stix.Path) bool {
	s, ok := o.Lookup(p.Append(stix.Key("extension_type")))
	if !ok {
		return false
	}
	v := o.Raw()[s.Start:s.End]
	return v[0] == '"' && strings.HasPrefix(jsonString(v), "new-")
}

// source is the exporter's country, when the policy says it.
func (ru *run) source() string {
	if ru.rd.jur == nil {
		return ""
	}
	return ru.rd.jur.source
}

// addMentions records, as references marked refMention, the ids an
// object writes inside its strings (a description that says "see
// indicator--..."), as opposed to strings that are an id: when that object
// is dropped or renamed, the text must not keep the id (a dropped object's
// id is what the policy withholds; an original id is what a derived one
// hides). keys are those ids' keys (see mentionKeys).
func (ru *run) addMentions(keys []idKey) {
	for _, k := range keys {
		ru.refs = append(ru.refs, refInfo{target: k, to: -1, gf: refMention})
		if ru.sess != nil {
			// refIDs follows refs index for index; a mention's id is
			// hashed without a string, and not looked up by it.
			ru.refIDs = append(ru.refIDs, "")
		}
	}
}

// mentionKeys appends to keys the keys of the ids o mentions in its
// strings: written in text, or as a whole string anywhere but its own id
// and its references (refs, as stix.Refs lists them, in document order),
// such as a custom property listing related objects. It only reads the
// run, so workers can call it side by side.
func (ru *run) mentionKeys(keys []idKey, o *stix.Object, refs []stix.Ref) []idKey {
	raw := o.Raw()
	if mayHideID(raw) {
		// An id may be written with escapes, which only the decoded
		// strings show.
		keys = ru.escapedMentionKeys(keys, o, refs)
	}
	// The object's own id and its references are not mentions: the scan
	// steps over their strings and reads only the bytes between them,
	// which spares most of an object's ids any look at all.
	own, _ := o.ValueSpan("id")
	for at, r := 0, 0; ; {
		next := stix.Span{Start: len(raw), End: len(raw)}
		if r < len(refs) {
			next = refs[r].Span
		}
		if own.End > at && own.Start < next.Start {
			next = own
		} else if r < len(refs) {
			r++
		}
		keys = ru.idsBetween(keys, raw, at, next.Start)
		if next.Start >= len(raw) {
			return keys
		}
		at = max(at, next.End)
	}
}

// idsBetween appends the keys of the ids written in raw[lo:hi].
func (ru *run) idsBetween(keys []idKey, raw []byte, lo, hi int) []idKey {
	for at := lo; ; {
		k := bytes.Index(raw[at:hi], []byte("--"))
		if k < 0 {
			return keys
		}
		p := at + k
		at = p + 2
		end := p + 38
		if end > hi {
			return keys
		}
		if !isUUID(raw[p+2 : end]) {
			continue
		}
		keys = ru.appendMentionKeys(keys, raw, lo, p)
		at, lo = end, end // past the UUID's own hyphens; an id may follow at once
	}
}

// appendMentionKeys appends the keys of the id whose UUID follows the
// "--" at p in text (not before lo): the id that starts with the type
// bytes before p, and, when upper-case letters precede those, the one
// that starts with them too ("INDICATOR--..."). Both are tried, so that
// letters run into an id ("Xindicator--...") still leave it found.
func (ru *run) appendMentionKeys(keys []idKey, text []byte, lo, p int) []idKey {
	start, upper := mentionStarts(text, lo, p)
	if p-start >= 3 {
		keys = append(keys, ru.mentionKey(text[start:p+38]))
	}
	if upper < start && p-upper >= 3 {
		keys = append(keys, ru.mentionKey(text[upper:p+38]))
	}
	return keys
}

// mentionStarts returns where an id whose type ends at p in text may
// start (not before lo): start, after the run of bytes a type is written
// with (a-z, 0-9, '-'), and upper, after the run that admits upper-case
// letters too.
func mentionStarts[T string | []byte](text T, lo, p int) (start, upper int) {
	start = p
	for start > lo && typeByte(text[start-1]) {
		start--
	}
	upper = start
	for upper > lo && (typeByte(text[upper-1]) || 'A' <= text[upper-1] && text[upper-1] <= 'Z') {
		upper--
	}
	return start, upper
}

// notMentions tells, for strings met in document order, which are the
// object's own id or one of its references (refs, as stix.Refs lists them,
// in document order): those are not mentions.
type notMentions struct {
	own  stix.Span
	refs []stix.Ref
	next int // the first reference not before the strings met so far
}

func newNotMentions(o *stix.Object, refs []stix.Ref) notMentions {
	own, _ := o.ValueSpan("id")
	return notMentions{own: own, refs: refs}
}

// at reports whether the string that starts at quote start is the
// object's id or a reference.
func (nm *notMentions) at(start int) bool {
	for nm.next < len(nm.refs) && nm.refs[nm.next].Span.Start < start {
		nm.next++
	}
	return start == nm.own.Start || nm.next < len(nm.refs) && nm.refs[nm.next].Span.Start == start
}

// escapedMentionKeys appends the keys of the ids written in o's strings
// (values and member names) that hold escapes, decoded: mentionKeys reads
// raw bytes, where "\u0069ndicator--..." spells no id. Its own id and its
// references are not mentions.
func (ru *run) escapedMentionKeys(keys []idKey, o *stix.Object, refs []stix.Ref) []idKey {
	nm := newNotMentions(o, refs)
	ls := stix.LeafScanner{Names: true}
	for l := range ls.Leaves(o) {
		if !l.Escaped || nm.at(l.Span.Start) {
			continue
		}
		text := l.Text
		for at, lo := 0, 0; ; {
			k := bytes.Index(text[at:], []byte("--"))
			if k < 0 || at+k+38 > len(text) {
				break
			}
			p := at + k
			at = p + 2
			if isUUID(text[p+2 : p+38]) {
				keys = ru.appendMentionKeys(keys, text, lo, p)
				at, lo = p+38, p+38
			}
		}
	}
	return keys
}

// mayHideID reports whether raw holds an escape of a character an id is
// written with, in any case (a-z, A-Z, 0-9, '-'): "\u0069". Escapes of
// other characters, such as the typographic quotes of many descriptions
// ("\u2019"), cannot spell one, and cost no second look.
func mayHideID(raw []byte) bool {
	for at := 0; ; {
		k := bytes.Index(raw[at:], []byte(`\u00`))
		if k < 0 || at+k+6 > len(raw) {
			return false
		}
		at += k + 4
		var c [1]byte
		if _, err := hex.Decode(c[:], raw[at:at+2]); err == nil && (typeByte(c[0]) || c[0] >= 'A' && c[0] <= 'Z') {
			return true
		}
	}
}

// typeByte reports whether c may be part of a type name (STIX 2.1
// section 3.1: a-z, 0-9 and '-').
func typeByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

// isUUID reports whether b is a UUID in the 8-4-4-4-12 hex form.
func isUUID(b []byte) bool {
	if len(b) != 36 || b[8] != '-' || b[13] != '-' || b[18] != '-' || b[23] != '-' {
		return false
	}
	return allHex(b[:8]) && allHex(b[9:13]) && allHex(b[14:18]) && allHex(b[19:23]) && allHex(b[24:])
}

// allHex reports whether b holds only hex digits, of either case.
func allHex(b []byte) bool {
	for _, c := range b {
		if !hexDigit[c] {
			return false
		}
	}
	return true
}

// hexDigit marks the bytes that are hex digits.
var hexDigit = func() (t [256]bool) {
	for _, c := range []byte("0123456789abcdefABCDEF") {
		t[c] = true
	}
	return t
}()

// wholeRequired reports whether removing the content at p removes a whole
// property the object cannot lose: its id, type, or a property its type
// requires.
func wholeRequired(typ string, p stix.Path, v20 bool) bool {
	if len(p) == 0 {
		return true
	}
	if len(p) != 1 || p[0].IsIndex() {
		return false
	}
	switch p[0].Key {
	case "id", "type", "spec_version", "created", "modified":
		return true
	}
	sv := "2.1"
	if v20 {
		sv = "2.0"
	}
	return stix.IsRequired(typ, p[0].Key, sv)
}

// selectsMarkings reports whether the selector p selects (part of) the
// object's own markings: its object_marking_refs or granular_markings.
func selectsMarkings(p stix.Path) bool {
	return len(p) > 0 && !p[0].IsIndex() && (p[0].Key == "object_marking_refs" || p[0].Key == "granular_markings")
}

// mayBreak reports whether removing the content at p may leave the object
// invalid in a way only trying the removal can tell: an item of a required
// list (the list may empty), something inside a part of the object (an
// external reference may lose what it needs), or a property that another
// requires or stands in for (stix.RemovalMayBreak: a malware family needs
// a name). Removing any other optional top-level property cannot.
func mayBreak(typ string, p stix.Path, v20 bool) bool {
	if len(p) == 0 {
		return true
	}
	if len(p) >= 2 && (p[0].IsIndex() || wholeRequired(typ, p[:1], v20)) {
		return true
	}
	for k := 1; k < len(p); k++ {
		if !p[k].IsIndex() && p[k-1].IsIndex() {
			return true
		}
	}
	return stix.RemovalMayBreak(typ, p[0].Key)
}

// types interns type names, so that each object holds a shared string.
var commonTypes = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{"attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator", "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool", "vulnerability", "relationship", "sighting", "marking-definition", "language-content", "extension-definition", "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url", "user-account", "windows-registry-key", "x509-certificate", "x-mitre-tactic", "x-mitre-matrix", "x-mitre-collection", "x-mitre-data-source", "x-mitre-data-component", "x-mitre-asset", "x-mitre-analytic", "x-mitre-detection-strategy"} {
		m[t] = t
	}
	return m
}()

func internType(t string) string {
	if s, ok := commonTypes[t]; ok {
		return s
	}
	return t
}

// typeOf returns o's type, interned (internType), read in place: every
// object of a run is asked, and a common type makes no string.
func typeOf(o *stix.Object) string {
	v, _ := o.Get("type")
	if b, ok := stringBody(v); ok {
		if s, ok := commonTypes[string(b)]; ok {
			return s
		}
	}
	return internType(o.Type())
}

// isSCO reports whether typ is a STIX 2.1 Cyber-observable Object type.
func isSCO(typ string) bool {
	switch typ {
	case "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
		"ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
		"user-account", "windows-registry-key", "x509-certificate":
		return true
	}
	return false
}
