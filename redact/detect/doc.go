// Package detect finds personal data in text: the built-in detectors
// airlock uses (emails, phone numbers, IP and MAC addresses, payment cards,
// IBANs, national identifiers, user names in profile paths, credentials in
// URLs, internal host names, person names) and the interface a user
// implements to add one. Builtin returns the built-in detectors for a
// Config (the sender's own domains and networks, phone regions).
//
// Detectors run on a Text, which holds the original string and a
// normalised view of it (NFKC, width and case folding, zero-width
// characters dropped, en dashes and other hyphens read as '-', the decimal
// digits of every script read as ASCII digits, an ideographic full stop
// that joins two labels of an address read as '.', defanged
// forms such as hxxp, [.] and [at] undone, URL percent-encoding decoded).
// A detector looks at whichever view suits it and reports matches in the
// original's byte offsets, so that an edit lands on the bytes that were
// there.
//
// Every built-in detector validates before it reports (a checksum, a
// number plan, an address range), and none fires on the values threat
// intelligence is full of: UUIDs and STIX ids, hashes, timestamps, version
// strings, CVE and ATT&CK ids, ports, file names.
package detect
