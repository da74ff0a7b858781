package redact

import (
	"bufio"
	"encoding/json"
	"io"
)

// A Decision is one thing the redactor did to one object. It never holds a
// removed value: Fingerprint is a keyed fingerprint of it.
type Decision struct {
	// Object is the input object's id; for an SCO that was dropped or whose
	// value changed, "sco:" and a fingerprint of its id, since an SCO id is
	// a hash of its value.
	Object string `json:"object"`
	// Type is the object's type.
	Type string `json:"type"`
	// Path is the property the decision is about, in selector syntax
	// ("external_references.[0].url"); empty for the whole object. A
	// dictionary entry the output lacks (its key held personal data, or it
	// was removed for another reason: a granular marking, an object rule,
	// emptied), and anything in it, is named by the dictionary's path and
	// "[REDACTED KEY]" in the key's place; property names, names STIX
	// defines, ids and list indexes are named as they are: a path never
	// holds a removed value.
	Path string `json:"path,omitempty"`
	// Rule is the part of the policy that decided: "markings.max_tlp",
	// "objects[2]" or a rule's name, "references", "ids", ...
	Rule string `json:"rule"`
	// Action is what was done: drop, remove, replace-ref, rename,
	// canonicalise, stamp, ...
	Action string `json:"action"`
	// Kind says what the content was: a TLP level, "unknown-marking",
	// "dangling-ref", a personal-data kind, ...
	Kind string `json:"kind,omitempty"`
	// Fingerprint is a keyed fingerprint of a removed or replaced value:
	// of personal data, its canonical form (detect.Match.Value: an email
	// lower-cased, a phone number in E.164); of an id, the id; of other
	// content, a string's text (escapes decoded, so that one text has one
	// fingerprint however it was written) or, for anything else (a
	// number, an object, a list), its JSON as written.
	Fingerprint string `json:"fingerprint,omitempty"`
	// NewID is the object's id in the output when it changed.
	NewID string `json:"new_id,omitempty"`
}

// Actions a Decision can carry.
const (
	ActionDrop         = "drop"         // the object is not in the output
	ActionRemove       = "remove"       // a property or list item was removed
	ActionRename       = "rename"       // the object has a new id
	ActionCanonicalise = "canonicalise" // a marking definition written in a non-canonical form was replaced by the canonical one
	ActionStamp        = "stamp"        // a marking was added
	ActionSetCreator   = "set-creator"  // created_by_ref now names the redacting identity
	ActionAdd          = "add"          // an object airlock made was added
)

// A Reporter receives decisions as they are made, in output order.
type Reporter interface {
	Report(Decision) error
}

// ReporterFunc adapts a function to a Reporter.
type ReporterFunc func(Decision) error

// Report calls f(d).
func (f ReporterFunc) Report(d Decision) error { return f(d) }

// A Summary counts what a run did.
type Summary struct {
	Policy     string         `json:"policy"`
	Version    string         `json:"policy_version,omitempty"`
	KeyID      string         `json:"key_id"`
	To         string         `json:"destination,omitempty"`
	ObjectsIn  int            `json:"objects_in"`
	ObjectsOut int            `json:"objects_out"`
	Dropped    int            `json:"dropped"`
	Changed    int            `json:"changed"`
	Added      int            `json:"added"`
	ByRule     map[string]int `json:"by_rule"`
	ByAction   map[string]int `json:"by_action"`
	ByKind     map[string]int `json:"by_kind"`
	// LateMarkings counts, in a stream redacted in windows, the marking
	// definitions that came after a window that referred to them: that
	// window judged them unknown (fail closed, as the policy's unknown
	// says). Zero when definitions come first, and in whole-input runs.
	LateMarkings int `json:"late_marking_definitions,omitempty"`
	// LateReferenced counts, in a stream redacted in windows, the objects
	// dropped or renamed in a window after an earlier window had written
	// a reference to them, or their id in text: a window cannot judge a
	// reference to an object it has not seen, so that output holds the
	// original id. Zero when objects come before what refers to them, and
	// in whole-input runs. A lower bound: what is carried from window to
	// window is bounded (see SessionMemory).
	LateReferenced int `json:"late_referenced_objects,omitempty"`
}

func (s *Summary) count(d *Decision) {
	if s.ByRule == nil {
		s.ByRule, s.ByAction, s.ByKind = map[string]int{}, map[string]int{}, map[string]int{}
	}
	s.ByRule[d.Rule]++
	s.ByAction[d.Action]++
	if d.Kind != "" {
		s.ByKind[d.Kind]++
	}
}

// A Report is a Summary with all its decisions, as RedactBytes returns it.
type Report struct {
	Summary
	Decisions []Decision `json:"decisions"`
}

// A JSONReporter streams a report as one JSON object: the decisions as
// they come, then the summary when Finish is called. Memory does not grow
// with the number of decisions.
type JSONReporter struct {
	w   *bufio.Writer
	n   int
	err error
}

// NewJSONReporter returns a JSONReporter writing to w.
func NewJSONReporter(w io.Writer) *JSONReporter {
	r := &JSONReporter{w: bufio.NewWriter(w)}
	_, r.err = r.w.WriteString(`{"decisions":[`)
	return r
}

// Report writes one decision.
func (r *JSONReporter) Report(d Decision) error {
	if r.err != nil {
		return r.err
	}
	if r.n > 0 {
		r.w.WriteByte(',')
	}
	r.w.WriteString("\n  ")
	b, err := json.Marshal(d)
	if err != nil {
		r.err = err
		return err
	}
	_, r.err = r.w.Write(b)
	r.n++
	return r.err
}

// Finish writes the summary, closes the JSON object and flushes.
func (r *JSONReporter) Finish(s *Summary) error {
	if r.err != nil {
		return r.err
	}
	if r.n > 0 {
		r.w.WriteByte('\n')
	}
	r.w.WriteString("],\n")
	fields := summaryFields(s)
	for i, f := range fields {
		r.w.WriteString(`"` + f.name + `":`)
		b, _ := json.Marshal(f.value)
		r.w.Write(b)
		if i < len(fields)-1 {
			r.w.WriteString(",\n")
		}
	}
	r.w.WriteString("}\n")
	r.err = r.w.Flush()
	return r.err
}

type field struct {
	name  string
	value any
}

// summaryFields lists the summary's members in a fixed order, with maps
// sorted by encoding/json.
func summaryFields(s *Summary) []field {
	nz := func(m map[string]int) map[string]int {
		if m == nil {
			return map[string]int{}
		}
		return m
	}
	fs := []field{
		{"policy", s.Policy}, {"policy_version", s.Version}, {"key_id", s.KeyID}, {"destination", s.To},
		{"objects_in", s.ObjectsIn}, {"objects_out", s.ObjectsOut}, {"dropped", s.Dropped},
		{"changed", s.Changed}, {"added", s.Added},
		{"by_rule", nz(s.ByRule)}, {"by_action", nz(s.ByAction)}, {"by_kind", nz(s.ByKind)},
	}
	if s.LateMarkings > 0 { // omitted when zero, as Summary's JSON does
		fs = append(fs, field{"late_marking_definitions", s.LateMarkings})
	}
	if s.LateReferenced > 0 {
		fs = append(fs, field{"late_referenced_objects", s.LateReferenced})
	}
	return fs
}
