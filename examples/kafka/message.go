package main

import (
	"context"

	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/stix"
	"github.com/tidwall/gjson"
)

// A redacted message is what one input message becomes.
type redacted struct {
	// Added are objects airlock made (the redacting identity, stamped
	// statement definitions) that must reach the output before Output.
	Added [][]byte
	// Output is the message to produce, or nil when nothing survived.
	Output []byte
	// Whole says the message was redacted as a whole (a bundle, TAXII
	// envelope, JSON list or NDJSON batch) rather than by the session.
	Whole bool
	// LateMarking says the message defines a marking that earlier
	// messages used before it came (they failed closed).
	LateMarking bool
	// LateReferenced says the message's object is dropped or renamed,
	// and messages before it referred to it: their output, produced
	// already, holds its original id.
	LateReferenced bool
}

// redactMessage redacts one message. A message holding exactly one STIX
// object goes through the worker's session, so that what earlier messages
// taught it (marking definitions, dropped and renamed ids) applies; any
// other shape is redacted as a whole by RedactBytes, with the two-pass
// guarantees of a whole input, and keeps its shape.
//
// A single object that is dropped gives no Output; so does a whole
// message none of whose objects survive (where the airlock command would
// write an empty bundle), so that a message produces a message only when
// something is left to send.
func redactMessage(ctx context.Context, rd *redact.Redactor, s *redact.Session, msg []byte) (redacted, error) {
	single, err := isSingleObject(msg)
	if err != nil {
		return redacted{}, err
	}
	if single {
		res, err := s.Redact(ctx, msg)
		if err != nil {
			return redacted{}, err
		}
		return redacted{Added: res.Add, Output: res.Output, LateMarking: res.LateMarking, LateReferenced: res.LateReferenced}, nil
	}
	out, rep, err := rd.RedactBytes(ctx, msg)
	if err != nil {
		return redacted{}, err
	}
	r := redacted{Whole: true}
	if rep.ObjectsOut > 0 {
		r.Output = out
	}
	return r, nil
}

// isSingleObject reports whether msg holds one STIX object, as opposed to
// a bundle, envelope, list or NDJSON stream; an error is an input error.
func isSingleObject(msg []byte) (bool, error) {
	k, err := stix.DetectKind(msg)
	return k == stix.KindObject, err
}

// outputID returns the STIX id of an output message: the object's id, or
// the bundle's; "" for shapes that have none (envelopes, lists, NDJSON).
func outputID(r redacted) string {
	if r.Output == nil {
		return ""
	}
	if r.Whole && gjson.GetBytes(r.Output, "type").String() != "bundle" {
		return ""
	}
	return gjson.GetBytes(r.Output, "id").String()
}
