package redact

import (
	"bytes"
	"context"
	"errors"
	"hash/maphash"
	"strings"
	"sync"

	"github.com/airlock-cti/airlock/stix"
)

// A Session redacts objects one message at a time, for callers that never
// see a whole bundle: a SIEM export that handles one event, a consumer of a
// message queue. It carries from message to message what later messages
// need: the marking definitions seen, the ids dropped and the ids renamed.
// A message is one object (Redact) or a batch of them redacted together
// as one window (RedactWindow).
//
// Its guarantees are weaker than a whole-input run's, because it cannot
// look ahead or back:
//
//   - A reference to an object not seen yet cannot be judged; it is kept
//     (or removed, if the policy removes dangling references). An id an
//     earlier message dropped or renamed is pruned or renamed where later
//     messages refer to it, and withheld or renamed where they write it
//     in text, as in a whole run. The other way round it cannot be: if a
//     later message drops or renames an object that earlier output refers
//     to (or names in text), that output holds its original id, and the
//     later Result says so (LateReferenced). Whether an object not seen
//     yet will change is not known, so its derived id cannot be written
//     in advance: it would dangle if the object stayed as it is.
//   - A language content (STIX 2.1 section 7.1) translating an object an
//     earlier message changed (content removed or replaced, or a new id)
//     is dropped whole, with the kind "translation-of-earlier-change":
//     what that object lost is not remembered, so its translations
//     cannot be trimmed to match. One that comes before its object
//     cannot be judged: send objects before their translations.
//   - An object marked with a definition that has not arrived yet counts
//     that marking as unknown, and so fails closed.
//   - An object already returned is not revisited: if a later message
//     shows that something it refers to is dropped or renamed, the
//     earlier output still holds the reference (see above).
//   - Marking definitions are returned when they are within the policy's
//     ceiling, whether or not a later object uses them.
//   - An SCO whose values change so that it equals an SCO an earlier
//     message returned is returned again (the same object, under the same
//     id), where a whole run would merge the two.
//   - Objects airlock adds (the redacting identity, stamped statements)
//     are returned once per session: in Result.Add, before the first
//     object that needs them, or at the end of the first window that
//     needs them.
//
// Memory is bounded: the session remembers up to a fixed number of ids
// (see SessionMemory), those dropped, renamed or changed, and of marking
// definitions (see SessionMarkings), forgetting the oldest half of each
// when full.
//
// A Session is safe for concurrent use; calls are serialised.
type Session struct {
	rd  *Redactor
	mu  sync.Mutex
	mem sessionMemory
	// sent holds the ids of the added objects already handed out.
	sent map[string]bool
	// ru and t are one message's run and transformer, reused from message
	// to message for their memory (see run.reset).
	ru     *run
	t      *transformer
	parser stix.Parser
	// obj is the message's object while Redact runs, and objectAt hands
	// it to resolve: made once, since a closure made per message would be
	// one allocation more.
	obj      *stix.Object
	objectAt func(int32) (*stix.Object, error)
	frame    *stix.Frame // one object's, never changed
}

// SessionMemory is the number of ids a Session remembers.
const SessionMemory = 1 << 20

// SessionMarkings is the number of marking definitions a Session
// remembers. An object marked with one it has forgotten counts that
// marking as unknown, and so fails closed.
const SessionMarkings = 1 << 16

// sessionMemory remembers ids in two generations (see generations). Ids
// are kept as 128-bit keyed hashes, as in a run's index; a session's runs
// hash with the memory's seeds (see run.useSession), so that a key found
// in a run (a mention's, which is hashed without making its id a string)
// is looked up as it is.
type sessionMemory struct {
	seedA, seedB maphash.Seed
	ids          generations[idKey, uint8]
	// marks holds the marking definitions later messages may use, by id.
	marks generations[string, stix.Marking]
	// defs holds the first definition earlier messages gave each marking
	// id, or nil once two of them said different things: a marking
	// cannot be versioned (STIX 2.1 section 7.2.1), so one defined
	// differently again stays unknown (see sameMarking).
	defs generations[string, *stix.Marking]
	// ahead holds the ids that objects already returned referred to, or
	// wrote in text, without the object being in their run or known to
	// the memory: a reference forward, which could not be judged. When a
	// later run drops or renames one of them, the output already returned
	// holds its original id, and that is counted (Summary.LateReferenced).
	// Kept apart from ids, so that it never pushes out what was dropped or
	// renamed.
	ahead generations[idKey, struct{}]
	// to holds the new ids of renamed SCOs (theirs follow their values,
	// and cannot be derived from the old id), and of objects whose ids
	// have upper-case letters by their lower-case form (for mentions, which
	// are matched in any case).
	to generations[idKey, string]
}

const (
	memDropped uint8 = 1 << iota
	memRenamed
	// memUnknownMark: a marking definition an earlier message referred
	// to without defining, judged unknown; memLateMark: it was defined
	// afterwards, and counted (Summary.LateMarkings).
	memUnknownMark
	memLateMark
	// memChanged: the object was written having lost content (removed
	// or replaced), so a translation of it that comes later cannot be
	// trimmed to match (see run.earlierTranslated).
	memChanged
)

func newSessionMemory() sessionMemory {
	return sessionMemory{
		seedA: maphash.MakeSeed(), seedB: maphash.MakeSeed(),
		ids:   generations[idKey, uint8]{limit: SessionMemory},
		to:    generations[idKey, string]{limit: SessionMemory},
		ahead: generations[idKey, struct{}]{limit: SessionMemory},
		marks: generations[string, stix.Marking]{limit: SessionMarkings},
		defs:  generations[string, *stix.Marking]{limit: SessionMarkings},
	}
}

func (m *sessionMemory) key(id string) idKey {
	return idKey{maphash.String(m.seedA, id), maphash.String(m.seedB, id)}
}

func (m *sessionMemory) get(id string) uint8 { return m.getKey(m.key(id)) }

// getKey is get of the id whose key is k.
func (m *sessionMemory) getKey(k idKey) uint8 {
	v, _ := m.ids.get(k)
	return v
}

func (m *sessionMemory) set(id string, v uint8) { m.setKey(m.key(id), v) }

// setKey adds v to what is remembered of the id whose key is k.
func (m *sessionMemory) setKey(k idKey, v uint8) {
	old, _ := m.ids.get(k)
	m.ids.set(k, old|v)
}

// remember records v of id, and its new id when it is renamed to one
// that cannot be derived from id (an SCO's follows its values).
func (m *sessionMemory) remember(id string, v uint8, newID string) {
	k := m.key(id)
	m.setKey(k, v)
	if newID != "" {
		m.to.set(k, newID)
	}
}

// define records a run's definition of marking id, whose entry is e: the
// first, or nil once a definition differs from it (or cannot be read),
// after which what earlier messages defined is forgotten.
func (m *sessionMemory) define(id string, e *markEntry) {
	if _, ok := m.defs.get(id); !ok && !e.err {
		mk := e.m
		m.defs.set(id, &mk)
		return
	}
	if e.err || m.differs(id, e.m) {
		m.defs.set(id, nil)
		m.marks.remove(id)
	}
}

// differs reports whether mk, a definition of marking id, differs from
// what earlier messages defined it as, or they disagreed already.
func (m *sessionMemory) differs(id string, mk stix.Marking) bool {
	d, ok := m.defs.get(id)
	return ok && (d == nil || !sameMarking(*d, mk))
}

// defined reports whether earlier messages defined marking id, all alike.
func (m *sessionMemory) defined(id string) bool {
	d, _ := m.defs.get(id)
	return d != nil
}

// renamed returns the new id remembered for id (see sessionMemory.to),
// or "".
func (m *sessionMemory) renamed(id string) string { return m.renamedKey(m.key(id)) }

// renamedKey is renamed of the id whose key is k.
func (m *sessionMemory) renamedKey(k idKey) string {
	n, _ := m.to.get(k)
	return n
}

// takeAhead reports whether objects already returned referred to id, or
// wrote it in text, before it came (see sessionMemory.ahead), and forgets
// that they did, so that it is counted once.
func (m *sessionMemory) takeAhead(id string) bool {
	keys := []idKey{m.key(id)}
	if hasUpper([]byte(id)) {
		// Mentions are keyed by the id's lower-case form (see mentionKey).
		keys = append(keys, m.key(strings.ToLower(id)))
	}
	found := false
	for _, k := range keys {
		if _, ok := m.ahead.get(k); ok {
			m.ahead.remove(k)
			found = true
		}
	}
	return found
}

// useSession makes ru a run of the session whose memory is m: it hashes
// ids with m's seeds, so that its keys are m's.
func (ru *run) useSession(m *sessionMemory) {
	ru.sess = m
	ru.seedA, ru.seedB = m.seedA, m.seedB
}

// NewSession returns a new session for the redactor's policy.
func (rd *Redactor) NewSession() *Session {
	return &Session{rd: rd, mem: newSessionMemory(), sent: map[string]bool{}}
}

// A Result is what a Session makes of one object.
type Result struct {
	// Output is the object to send, or nil when it is dropped.
	Output []byte
	// Add are objects airlock made (the redacting identity, stamped
	// statement definitions) that must be sent before Output; each is
	// returned once per session. Like Output, they are the caller's own:
	// nothing else holds them.
	Add [][]byte
	// Decisions are what was done, as in a report.
	Decisions []Decision
	// LateMarking says the object is a marking definition that earlier
	// messages referred to before it came: they were judged with it
	// unknown, and failed closed (their decisions say unknown-marking).
	// A sender may want to send those objects again.
	LateMarking bool
	// LateReferenced says the object is dropped or renamed, and earlier
	// messages referred to it, or wrote its id in text, before it came:
	// their output, already returned, holds its original id (a reference
	// to an object not seen yet cannot be judged). A sender may want to
	// withdraw or correct those objects.
	LateReferenced bool
}

// Redact redacts one STIX object (its JSON).
func (s *Session) Redact(ctx context.Context, raw []byte) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// The object shares raw's memory until this call returns: what it
	// returns is copied out.
	o, err := s.parser.Parse(raw, s.rd.limits)
	if err != nil {
		return nil, err
	}
	if s.ru == nil {
		s.ru = s.rd.newRun()
		s.t = s.ru.newTransformer()
		s.objectAt = func(int32) (*stix.Object, error) { return s.obj, nil }
	} else {
		s.ru.reset()
		s.t.reset()
	}
	ru, t := s.ru, s.t
	ru.useSession(&s.mem)
	ru.single = true
	ru.add(o, nil)
	if s.frame == nil {
		s.frame = stix.NewFrame(stix.KindObject, "")
	}
	ru.frame = s.frame
	s.obj = o
	defer func() { s.obj = nil }() // keep nothing of the message
	if err := ru.resolve(s.objectAt); err != nil {
		return nil, err
	}
	t.record = true
	t.trial = true // the late checks and repairs happen here
	res := &Result{}
	info := ru.objs.at(0)
	var out []byte
	if info.flags&fDropped == 0 {
		var changed bool
		var err error
		out, changed, err = t.transform(o, 0, nil)
		switch {
		case err != nil:
			var ld *errLateDrop // declared here: errors.As moves it to the heap
			if !errors.As(err, &ld) {
				return nil, err
			}
			rule, kind := ld.cause()
			ru.drop(0, rule, kind, ld.path)
			t.decisions = t.decisions[:0]
		case !changed:
			out = append([]byte(nil), o.Raw()...)
		}
	}
	if info.flags&fDropped != 0 {
		t.dropDecision(o, 0)
		res.LateMarking, res.LateReferenced = s.rememberMessage(ru)
		res.Decisions = ownDecisions(t.decisions)
		return res, nil
	}
	res.LateMarking, res.LateReferenced = s.rememberMessage(ru)
	if info.flags&fCreator != 0 {
		idn, raw := s.rd.identity.id, s.rd.identity.json
		if info.flags&fV20 != 0 {
			idn, raw = s.rd.identity.id20, s.rd.identity.json20
		}
		if !s.sent[idn] {
			s.sent[idn] = true
			res.Add = append(res.Add, bytes.Clone(raw))
		}
	}
	for _, st := range s.rd.stamps {
		if st.json != nil && info.flags&fStamp != 0 && !s.sent[st.id] {
			s.sent[st.id] = true
			res.Add = append(res.Add, bytes.Clone(st.json))
		}
	}
	res.Output, res.Decisions = out, ownDecisions(t.decisions)
	return res, nil
}

// rememberMessage is remember for one message's run: whether it defines
// a marking earlier messages judged unknown, and whether it drops or
// renames an object they referred to.
func (s *Session) rememberMessage(ru *run) (lateMarking, lateReferenced bool) {
	marks, refs := s.remember(ru)
	return marks > 0, refs > 0
}

// ownDecisions copies a message's decisions out of the transformer's
// reused list, at their size; nil when there are none.
func ownDecisions(ds []Decision) []Decision {
	if len(ds) == 0 {
		return nil
	}
	return append(make([]Decision, 0, len(ds)), ds...)
}
