// Package stix reads, edits and writes STIX 2.0 and 2.1 content on its raw
// JSON bytes, without a struct model, so that whatever it does not touch
// comes out byte for byte as it went in.
//
// It knows nothing of policy. It frames and validates input (bundles, TAXII
// 2.1 envelopes, JSON arrays, NDJSON streams and single objects), gives
// access to the parts of an object that handling decisions need (type, id,
// markings, references, string leaves with their paths and byte spans),
// resolves granular-marking selectors, lexes STIX patterns, computes
// deterministic SCO identifiers, and writes objects back in the input's
// shape.
package stix
