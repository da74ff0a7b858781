package stix

import (
	"errors"
	"strconv"
)

// TLP is a Traffic Light Protocol level, ordered from least to most
// restrictive, so that the most restrictive of several levels is their
// maximum:
//
//	TLPNone < TLPClear < TLPGreen < TLPAmber < TLPAmberStrict < TLPRed
//
// TLP 1.0 (STIX 2.1 section 7.2.1.4) has WHITE, GREEN, AMBER and RED; TLP
// 2.0 (the OASIS TLP 2.0 extension, cti-stix-common-objects
// extension-definition-specifications/tlp-2.0) renamed WHITE to CLEAR and
// added AMBER+STRICT between AMBER and RED. WHITE and CLEAR mean the same
// and are one level here.
//
// Who may receive information at each TLP 2.0 level, for policies that
// speak in audiences:
//
//	TLP:RED           named recipients only
//	TLP:AMBER+STRICT  the recipient organisation only
//	TLP:AMBER         the recipient organisation and its clients
//	TLP:GREEN         the recipient's community
//	TLP:CLEAR         anyone
//
// TLPNone says that no TLP marking applies; it is not a level anyone may
// receive at, and what it means for an object is for the policy to say.
type TLP int8

// The TLP levels, least restrictive first.
const (
	TLPNone        TLP = iota // no TLP marking
	TLPClear                  // TLP:CLEAR, and TLP 1.0 TLP:WHITE, which means the same
	TLPGreen                  // TLP:GREEN
	TLPAmber                  // TLP:AMBER
	TLPAmberStrict            // TLP:AMBER+STRICT (TLP 2.0 only)
	TLPRed                    // TLP:RED
)

// ErrNotTLP is returned by ParseTLP for a string that is not a TLP level.
// It does not repeat the string.
var ErrNotTLP = errors.New("stix: not a TLP level")

// ParseTLP reads a TLP level: "clear", "white", "green", "amber",
// "amber+strict" or "red", optionally prefixed "TLP:", in any ASCII case.
// Anything else, including a near miss such as "amber strict", " red" or a
// Unicode look-alike, is ErrNotTLP: a misspelled level is never read as some
// level.
func ParseTLP(s string) (TLP, error) {
	s = trimPrefixASCIIFold(s, "tlp:")
	switch {
	case equalASCIIFold(s, "clear"), equalASCIIFold(s, "white"):
		return TLPClear, nil
	case equalASCIIFold(s, "green"):
		return TLPGreen, nil
	case equalASCIIFold(s, "amber"):
		return TLPAmber, nil
	case equalASCIIFold(s, "amber+strict"):
		return TLPAmberStrict, nil
	case equalASCIIFold(s, "red"):
		return TLPRed, nil
	}
	return TLPNone, ErrNotTLP
}

// String returns the TLP 2.0 label, "TLP:CLEAR" for WHITE too, or "none"
// for TLPNone.
func (t TLP) String() string {
	switch t {
	case TLPNone:
		return "none"
	case TLPClear:
		return "TLP:CLEAR"
	case TLPGreen:
		return "TLP:GREEN"
	case TLPAmber:
		return "TLP:AMBER"
	case TLPAmberStrict:
		return "TLP:AMBER+STRICT"
	case TLPRed:
		return "TLP:RED"
	}
	return "TLP(" + strconv.Itoa(int(t)) + ")"
}

// PAP is a Permissible Actions Protocol level, ordered from least to most
// restrictive: PAPNone < PAPClear (== WHITE) < PAPGreen < PAPAmber < PAPRed.
//
// The OASIS PAP extension (cti-stix-common-objects
// extension-definition-specifications/pap-marking-definition-f8d) names
// WHITE, GREEN, AMBER and RED; an example in the same place uses CLEAR,
// which means the same as WHITE. In the MISP PAP taxonomy RED allows only
// non-detectable actions, AMBER passive cross-checks, GREEN active actions,
// and WHITE anything.
type PAP int8

// The PAP levels, least restrictive first.
const (
	PAPNone  PAP = iota // no PAP marking
	PAPClear            // PAP:CLEAR, and PAP:WHITE, which means the same
	PAPGreen            // PAP:GREEN
	PAPAmber            // PAP:AMBER
	PAPRed              // PAP:RED
)

// ErrNotPAP is returned by ParsePAP for a string that is not a PAP level.
// It does not repeat the string.
var ErrNotPAP = errors.New("stix: not a PAP level")

// ParsePAP reads a PAP level: "clear", "white", "green", "amber" or "red",
// optionally prefixed "PAP:", in any ASCII case. Anything else is ErrNotPAP.
func ParsePAP(s string) (PAP, error) {
	s = trimPrefixASCIIFold(s, "pap:")
	switch {
	case equalASCIIFold(s, "clear"), equalASCIIFold(s, "white"):
		return PAPClear, nil
	case equalASCIIFold(s, "green"):
		return PAPGreen, nil
	case equalASCIIFold(s, "amber"):
		return PAPAmber, nil
	case equalASCIIFold(s, "red"):
		return PAPRed, nil
	}
	return PAPNone, ErrNotPAP
}

// String returns "PAP:CLEAR" (for WHITE too), "PAP:GREEN", "PAP:AMBER",
// "PAP:RED", or "none" for PAPNone.
func (p PAP) String() string {
	switch p {
	case PAPNone:
		return "none"
	case PAPClear:
		return "PAP:CLEAR"
	case PAPGreen:
		return "PAP:GREEN"
	case PAPAmber:
		return "PAP:AMBER"
	case PAPRed:
		return "PAP:RED"
	}
	return "PAP(" + strconv.Itoa(int(p)) + ")"
}

// equalASCIIFold reports whether s equals lower, an ASCII lower-case word,
// ignoring ASCII case only. strings.EqualFold would also fold the Kelvin
// sign to 'k' and the long s to 's', letting look-alikes through.
func equalASCIIFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// trimPrefixASCIIFold removes prefix (ASCII lower case) from s if s starts
// with it in any ASCII case.
func trimPrefixASCIIFold(s, prefix string) string {
	if len(s) >= len(prefix) && equalASCIIFold(s[:len(prefix)], prefix) {
		return s[len(prefix):]
	}
	return s
}
