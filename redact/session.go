package redact

import (
	"context"
	"errors"
	"sync"

	"github.com/airlock-cti/airlock/stix"
)

// A Session redacts objects one message at a time, for callers that never
// see a whole bundle: a SIEM export that handles one event, a consumer of a
// message queue. It carries from message to message what later messages
// need: the marking definitions seen, the ids dropped and the ids renamed.
//
// Its guarantees are weaker than a whole-input run's, because it cannot
// look ahead or back:
//
//   - A reference to an object not seen yet cannot be judged; it is kept
//     (or removed, if the policy removes dangling references).
//   - An object marked with a definition that has not arrived yet counts
//     that marking as unknown, and so fails closed.
//   - An object already returned is not revisited: if a later message
//     shows that something it refers to is dropped, the earlier output
//     still holds the reference.
//   - Marking definitions are returned when they are within the policy's
//     ceiling, whether or not a later object uses them.
//   - Objects airlock adds (the redacting identity, stamped statements)
//     are returned once per session in Result.Add, before the first object
//     that needs them.
//
// Memory is bounded: the session remembers up to a fixed number of ids
// (see SessionMemory), forgetting the oldest half when full.
//
// A Session is safe for concurrent use; calls are serialised.
type Session struct {
	rd  *Redactor
	mu  sync.Mutex
	mem sessionMemory
	// added says which added objects have been handed out.
	identitySent bool
	stampsSent   map[string]bool
}

// SessionMemory is the number of ids a Session remembers.
const SessionMemory = 1 << 20

// sessionMemory remembers ids in two generations: lookups see both, and
// when the current one is full it becomes the previous one.
type sessionMemory struct {
	cur, prev map[string]uint8
	marks     map[string]stix.Marking
}

const (
	memDropped uint8 = 1 << iota
	memRenamed
)

func (m *sessionMemory) get(id string) uint8 {
	if v, ok := m.cur[id]; ok {
		return v
	}
	return m.prev[id]
}

func (m *sessionMemory) set(id string, v uint8) {
	if m.cur == nil {
		m.cur = map[string]uint8{}
	}
	if len(m.cur) >= SessionMemory/2 {
		m.prev, m.cur = m.cur, map[string]uint8{}
	}
	m.cur[id] |= v
}

// NewSession returns a new session for the redactor's policy.
func (rd *Redactor) NewSession() *Session {
	return &Session{rd: rd, mem: sessionMemory{marks: map[string]stix.Marking{}}, stampsSent: map[string]bool{}}
}

// A Result is what a Session makes of one object.
type Result struct {
	// Output is the object to send, or nil when it is dropped.
	Output []byte
	// Add are objects airlock made (the redacting identity, stamped
	// statement definitions) that must be sent before Output; each is
	// returned once per session.
	Add [][]byte
	// Decisions are what was done, as in a report.
	Decisions []Decision
}

// Redact redacts one STIX object (its JSON).
func (s *Session) Redact(ctx context.Context, raw []byte) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o, err := stix.ParseObject(raw, s.rd.limits)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ru := s.rd.newRun()
	ru.sess = &s.mem
	ru.add(o)
	ru.frame = stix.NewFrame(stix.KindObject, "")
	if err := ru.resolve(func(int) (*stix.Object, error) { return o, nil }); err != nil {
		return nil, err
	}
	t := ru.newTransformer()
	t.record = true
	res := &Result{}
	info := &ru.objs[0]
	id := o.ID()
	if info.flags&fDropped != 0 {
		t.dropDecision(o, 0)
		s.mem.set(id, memDropped)
		res.Decisions = t.decisions
		return res, nil
	}
	out, changed, err := t.transform(o, 0, nil)
	if err != nil {
		var ld *errLateDrop
		if errors.As(err, &ld) {
			return nil, err // resolve tried the same transform: cannot happen
		}
		return nil, err
	}
	if !changed {
		out = append([]byte(nil), o.Raw()...)
	}
	if info.flags&fRenamed != 0 {
		s.mem.set(id, memRenamed)
	}
	if info.flags&fMarkingDef != 0 {
		s.mem.marks[id] = ru.mtab[info.self].m
	}
	if info.flags&fCreator != 0 && !s.identitySent {
		s.identitySent = true
		if info.flags&fV20 != 0 {
			res.Add = append(res.Add, s.rd.identity.json20)
		} else {
			res.Add = append(res.Add, s.rd.identity.json)
		}
	}
	for _, st := range s.rd.stamps {
		if st.json != nil && info.flags&fStamp != 0 && !s.stampsSent[st.id] {
			s.stampsSent[st.id] = true
			res.Add = append(res.Add, st.json)
		}
	}
	res.Output, res.Decisions = out, t.decisions
	return res, nil
}
