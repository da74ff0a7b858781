// Package redacttest generates STIX bundles for testing and benchmarking
// redaction, and checks what a redaction left: objects with object-level
// and granular markings mixing TLP 1.0 and 2.0, statements and unknown
// markings, wired together by relationships, sightings and reports.
//
// Every string a generated object holds says, in a marker, the level of
// the content: "lvl-amber-417" is content whose effective TLP (the most
// restrictive of its object's marking and every granular marking covering
// it) is AMBER. A redaction at a ceiling can then be checked by searching
// the output for markers above it (MarkersAbove).
package redacttest
