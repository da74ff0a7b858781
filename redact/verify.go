package redact

import (
	"context"
	"io"
)

// Verify re-scans content that is about to leave and returns what the
// policy still forbids in it, each as the Decision that redacting it would
// take: content above the ceiling, unknown markings, personal data,
// references to objects the policy drops, ids that must not appear. The
// Decisions name object, path, rule and kind, and never the value.
//
// Output of Redact under the same policy and key verifies clean:
// redacting it again changes nothing. That includes empty output (an
// NDJSON stream or a single object whose every object was dropped): where
// nothing leaves, nothing is forbidden.
func (rd *Redactor) Verify(ctx context.Context, src io.Reader) ([]Decision, error) {
	var found []Decision
	_, err := rd.Redact(ctx, io.Discard, src, ReporterFunc(func(d Decision) error {
		if violation(d) {
			found = append(found, d)
		}
		return nil
	}))
	return found, err
}

// violation reports whether a decision means the input held something the
// policy forbids, as opposed to what redaction adds on the way (the
// redacting identity, new ids for what it changed, stamps). A new id for
// an object that had the redacting identity's id is a violation (that
// object would pass for the identity), and so is one for an SCO whose
// pseudonymised values kept the id of the originals.
func violation(d Decision) bool {
	switch d.Action {
	case ActionRename:
		// An object that claims the redacting identity's id must not
		// leave as that identity, nor an SCO whose id is the hash of a
		// value it no longer holds.
		return d.Kind == kindIdentityImpostor || d.Kind == kindStaleSCOID
	case ActionAdd, ActionSetCreator, ActionStamp:
		return false
	}
	return true
}
