// Package redact applies an airlock policy to STIX content: it drops and
// edits what the policy forbids to send (content marked above the
// recipient's TLP level, objects and properties the policy's rules name,
// references that would dangle) and says exactly what it did, without
// repeating what it removed.
//
// Compile a policy once into a Redactor, which is immutable and safe for
// concurrent use; then redact streams (Redact), byte slices (RedactBytes)
// or single objects one message at a time (a Session).
//
// A run makes two passes. Pass 1 reads and validates the whole input and
// builds a compact index: every object's id (as a 128-bit keyed hash), type,
// markings, granular markings and references. Between the passes the index
// is resolved: marking levels, which objects drop and why, which drops
// cascade along references (a relationship whose endpoint goes, a report
// whose object_refs all go), which marking definitions are no longer used,
// and which objects change and so, under `ids: derive`, get new ids (STIX
// 2.1 section 3.5), closed over references. Pass 2 then rewrites each object
// by splicing its bytes, in parallel, and writes the output in input order:
// objects nothing touched come out byte for byte as they went in.
//
// Memory grows with the number of objects, not with the input's size: the
// index holds about 145 bytes an object and no pointers (so the collector
// never scans it), and a streamed input is spooled to a private temporary
// file for pass 2, not held. A stream that never ends goes through
// RedactStream, window by window.
//
// Decisions are streamed to a Reporter in output order. A Decision names
// the object, the JSON path, the policy rule and the action, and carries a
// keyed fingerprint of a removed value instead of the value.
package redact
