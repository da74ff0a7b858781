package redact

import (
	"context"

	"github.com/airlock-cti/airlock/stix"
)

// An Explanation is a whole run laid out object by object, for a person who
// signs a release off: each input object beside what leaves, with the
// decisions that made the difference. It holds the original values, so it
// must be handled like the input.
type Explanation struct {
	Summary Summary
	// Wrapper are the decisions about the bundle or envelope around the
	// objects: members of it that do not leave (see Frame.Strip).
	Wrapper []Decision
	Objects []ExplainedObject
	// Added are the objects airlock added (the redacting identity, stamped
	// statements).
	Added [][]byte
}

// An ExplainedObject is one input object and its fate.
type ExplainedObject struct {
	// ID and Type are the input object's.
	ID, Type string
	// Level is the TLP that governs the object in the input ("" if none).
	Level string
	// Original is the object as it came in; Output as it leaves, nil when
	// dropped.
	Original, Output []byte
	// Decisions are what was done to it.
	Decisions []Decision
}

// Explain runs the policy on src and returns the explanation. It holds the
// whole input and output in memory: it is for review, not for bulk.
func (rd *Redactor) Explain(ctx context.Context, src []byte) (*Explanation, error) {
	ru := rd.newRun()
	if err := ru.pass1(ctx, stix.NewBytesReader(src, rd.limits)); err != nil {
		return nil, err
	}
	objectAt := func(i int32) (*stix.Object, error) {
		s := ru.spans[i]
		return stix.ParseObject(src[s.Offset:s.Offset+int64(s.Len)], rd.limits)
	}
	if err := ru.resolve(objectAt); err != nil {
		return nil, err
	}
	ex := &Explanation{}
	// The wrapper's decisions, as pass 2 makes them (and counts them in
	// the summary below).
	_, err := ru.stripFrame(&Summary{}, ReporterFunc(func(d Decision) error {
		ex.Wrapper = append(ex.Wrapper, d)
		return nil
	}))
	if err != nil {
		return nil, err
	}
	t := ru.newTransformer()
	t.record = true
	rp := stix.NewBytesReplay(src, ru.spans)
	for {
		o, err := rp.Next()
		if err != nil {
			break
		}
		i := int32(o.Index())
		info := ru.objs.at(i)
		eo := ExplainedObject{ID: o.ID(), Type: ru.types[info.typ], Original: o.Raw(), Level: ru.levelName(i)}
		t.decisions = t.decisions[:0]
		if info.flags&fDropped != 0 {
			t.dropDecision(o, i)
		} else {
			out, changed, err := t.transform(o, i, nil)
			if err != nil {
				return nil, err
			}
			eo.Output = o.Raw()
			if changed {
				eo.Output = out
			}
		}
		eo.Decisions = append([]Decision(nil), t.decisions...)
		ex.Objects = append(ex.Objects, eo)
	}
	// The summary, as a run counts it.
	sum, err := ru.pass2(ctx, discard{}, stix.NewBytesReplay(src, ru.spans), nil)
	if err != nil {
		return nil, err
	}
	ex.Summary = *sum
	for _, a := range ru.added() {
		ex.Added = append(ex.Added, a.raw)
	}
	return ex, nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// levelName names the TLP governing object i in the input.
func (ru *run) levelName(i int32) string {
	level := stix.TLPNone
	for _, m := range ru.marksOf(i) {
		level = max(level, ru.mtab[m].tlp)
	}
	if level == stix.TLPNone {
		return ""
	}
	return level.String()
}
