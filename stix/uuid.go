package stix

import (
	"crypto/sha1"
	"strconv"
)

// A UUID is a 128-bit RFC 9562 UUID, the part of a STIX identifier after
// "type--" (STIX 2.1 section 2.9).
type UUID [16]byte

// SCONamespace is the UUIDv5 namespace for STIX Cyber-observable Object ids,
// 00abedb4-aa42-466c-9c01-fed23315a9b7 (STIX 2.1 section 2.9). Producers that
// do not follow the spec's id rules must not use it, and SDOs, SROs and
// meta objects must never be given UUIDv5 ids in it.
//
// SCOID does not read this variable, so a program that writes to it cannot
// change the ids SCOID computes.
var SCONamespace = scoNamespace()

// scoNamespace returns the SCO namespace as a fresh value on every call.
func scoNamespace() UUID {
	return UUID{0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7}
}

// A UUIDSyntaxError reports a string that is not a UUID in the canonical
// 8-4-4-4-12 hexadecimal form. It never repeats the string, which may be
// taken from input.
type UUIDSyntaxError struct {
	// Offset is the byte offset in the string of the first character that is
	// wrong, or the string's length when it is too short.
	Offset int
	// Reason says what is wrong.
	Reason string
}

// Error describes the problem and its offset.
func (e *UUIDSyntaxError) Error() string {
	return "stix: invalid UUID: " + e.Reason + " at byte offset " + strconv.Itoa(e.Offset)
}

// ParseUUID parses the canonical textual form of a UUID: 32 hexadecimal
// digits, lowercase or uppercase, in groups of 8-4-4-4-12 separated by
// hyphens (RFC 9562 section 4). Anything else, including braces, a "urn:uuid:"
// prefix or surrounding space, is an error. STIX 2.1 section 2.9 requires
// this form inside identifiers; the spec's own ids are lowercase, but hex
// digits are case-insensitive in RFC 9562, so uppercase is accepted here and
// String writes lowercase.
func ParseUUID(s string) (UUID, error) {
	var u UUID
	if len(s) != 36 {
		off := len(s)
		if off > 36 {
			off = 36
		}
		return u, &UUIDSyntaxError{Offset: off, Reason: "length is not 36"}
	}
	j := 0
	for i := 0; i < 36; {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return u, &UUIDSyntaxError{Offset: i, Reason: "missing hyphen"}
			}
			i++
			continue
		}
		hi, ok1 := uuidHexDigit(s[i])
		if !ok1 {
			return u, &UUIDSyntaxError{Offset: i, Reason: "not a hexadecimal digit"}
		}
		lo, ok2 := uuidHexDigit(s[i+1])
		if !ok2 {
			return u, &UUIDSyntaxError{Offset: i + 1, Reason: "not a hexadecimal digit"}
		}
		u[j] = hi<<4 | lo
		j++
		i += 2
	}
	return u, nil
}

func uuidHexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// String writes the UUID in lowercase 8-4-4-4-12 form, as STIX identifiers
// use it.
func (u UUID) String() string {
	var b [36]byte
	u.appendTo(b[:0])
	return string(b[:])
}

// AppendText appends the form String returns to dst, for callers that
// build an identifier without an intermediate string. It never fails; it
// returns an error to be an encoding.TextAppender.
func (u UUID) AppendText(dst []byte) ([]byte, error) { return u.appendTo(dst), nil }

// appendTo appends the lowercase 8-4-4-4-12 form of u to dst.
func (u UUID) appendTo(dst []byte) []byte {
	const hex = "0123456789abcdef"
	for i, c := range u {
		switch i {
		case 4, 6, 8, 10:
			dst = append(dst, '-')
		}
		dst = append(dst, hex[c>>4], hex[c&0x0f])
	}
	return dst
}

// Version returns the version field of the UUID (RFC 9562 section 4.2):
// 4 for random UUIDs, 5 for name-based SHA-1 UUIDs. STIX consumers use it to
// tell a deterministic SCO id from a random one (STIX 2.1 section 2.9).
func (u UUID) Version() int {
	return int(u[6] >> 4)
}

// NewUUIDv5 returns the name-based UUID of name in namespace, computed with
// SHA-1 as RFC 9562 section 5.5 prescribes: the first 16 bytes of
// SHA-1(namespace || name) with the version set to 5 and the variant set to
// the RFC 9562 variant (binary 10).
func NewUUIDv5(namespace UUID, name []byte) UUID {
	h := sha1.New()
	h.Write(namespace[:])
	h.Write(name)
	var sum [sha1.Size]byte
	h.Sum(sum[:0])
	var u UUID
	copy(u[:], sum[:16])
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}
