package stix

import (
	"slices"
	"strconv"

	"github.com/tidwall/gjson"
)

// scoIDProperties lists the ID Contributing Properties of each STIX 2.1 SCO
// type, in the order the spec lists them (STIX 2.1 sections 6.1-6.18, the
// "ID Contributing Properties" row of each object's property table). They
// agree with cti-python-stix2's _id_contributing_properties. process (6.13)
// has none: the spec says to use a UUIDv4.
var scoIDProperties = map[string][]string{
	"artifact":             {"hashes", "payload_bin"},
	"autonomous-system":    {"number"},
	"directory":            {"path"},
	"domain-name":          {"value"},
	"email-addr":           {"value"},
	"email-message":        {"from_ref", "subject", "body"},
	"file":                 {"hashes", "name", "extensions", "parent_directory_ref"},
	"ipv4-addr":            {"value"},
	"ipv6-addr":            {"value"},
	"mac-addr":             {"value"},
	"mutex":                {"name"},
	"network-traffic":      {"start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"},
	"software":             {"name", "cpe", "swid", "vendor", "version"},
	"url":                  {"value"},
	"user-account":         {"account_type", "user_id", "account_login"},
	"windows-registry-key": {"key", "values"},
	"x509-certificate":     {"hashes", "serial_number"},
}

// scoHashPreference is the order in which one hash is chosen from a hashes
// property for an SCO id.
//
// STIX 2.1 sections 6.1 (artifact), 6.7 (file) and 6.18 (x509-certificate)
// say: "If the hashes property is present, include only one hash. The
// selected hash SHOULD come from this ordered list (based on the following
// order of preference) [ MD5, SHA-1, SHA-256, SHA-512 ]" (read in
// oasis-tcs/cti-stix2 spec/stix-v2.1.md). The spec does not say which hash
// to take when none of the four is present; cti-python-stix2
// (stix2/base.py, _choose_one_hash, called from _Observable._generate_id)
// takes the first key of the dictionary, which for parsed JSON is the first
// member in the input, and so does SCOID. Names are matched exactly, as
// python does; python's HashesProperty normalises spellings such as
// "sha256" to "SHA-256" when it parses an object, which SCOID does not (the
// spec requires the vocabulary spellings, STIX 2.1 section 10.7).
var scoHashPreference = [...]string{"MD5", "SHA-1", "SHA-256", "SHA-512"}

// IDContributingProperties returns the ID Contributing Properties of an SCO
// type, in the order STIX 2.1 section 6 lists them for that type, or nil for
// a type that is not a STIX 2.1 SCO and for process, which has none (the
// spec says to give processes a UUIDv4). Custom SCO types, including those
// defined by extension definitions, are unknown here and give nil. The
// slice is the caller's to keep.
func IDContributingProperties(typ string) []string {
	return slices.Clone(scoIDProperties[typ])
}

// An SCOIDError reports why SCOID could not compute an id. It names the
// property involved and a byte offset, never a value.
type SCOIDError struct {
	// Property is the top-level property at fault, or "" for the object.
	Property string
	// Offset is the byte offset in the raw object where the problem was
	// found.
	Offset int
	// Reason says what is wrong.
	Reason string
	// Err is the underlying error, if any (a *CanonicalJSONError).
	Err error
}

// Error names the property, the problem and its offset.
func (e *SCOIDError) Error() string {
	s := "stix: cannot compute SCO id: "
	if e.Property != "" {
		s += "property " + strconv.Quote(e.Property) + ": "
	}
	return s + e.Reason + " at byte offset " + strconv.Itoa(e.Offset)
}

// Unwrap returns the underlying error.
func (e *SCOIDError) Unwrap() error { return e.Err }

// SCOID computes the deterministic identifier of an SCO from its raw JSON,
// as STIX 2.1 section 2.9 prescribes: "type--" followed by the UUIDv5, in
// SCONamespace, of the RFC 8785 canonical JSON of an object holding those ID
// Contributing Properties of the type (IDContributingProperties) that the SCO
// has, with their values. From hashes only one hash is used, chosen as
// scoHashPreference describes. Values are taken as they are in raw,
// references included, so a caller that rewrites references must do so
// before computing the id.
//
// ok is false, with a nil error, when the type has no ID Contributing
// Properties (process, custom and unknown types) or the SCO has none of
// them; the spec says to use a UUIDv4 then, and the caller keeps the id it
// has.
//
// raw must be a JSON object with a string "type". An error (a *SCOIDError)
// is returned when it is not, when a contributing property is null or
// appears twice, when hashes is not an object with at least one member, or
// when a contributing value cannot be canonicalised.
func SCOID(raw []byte) (id string, ok bool, err error) {
	obj := gjson.ParseBytes(raw)
	if !obj.IsObject() {
		return "", false, &SCOIDError{Offset: obj.Index, Reason: "not a JSON object"}
	}
	typ := obj.Get("type")
	if typ.Type != gjson.String {
		return "", false, &SCOIDError{Property: "type", Offset: max(typ.Index, obj.Index), Reason: "missing or not a string"}
	}
	props := scoIDProperties[typ.Str]
	if len(props) == 0 {
		return "", false, nil
	}

	// Collect the contributing properties present, by their index in props.
	var found [8]gjson.Result
	var dupErr error
	obj.ForEach(func(k, v gjson.Result) bool {
		i := slices.Index(props, k.Str)
		if i < 0 {
			return true
		}
		if found[i].Exists() {
			dupErr = &SCOIDError{Property: props[i], Offset: k.Index, Reason: "appears more than once"}
			return false
		}
		found[i] = v
		return true
	})
	if dupErr != nil {
		return "", false, dupErr
	}

	// The names are ASCII, so sorting them bytewise is the RFC 8785 order.
	var order [8]int
	n := 0
	for i := range props {
		if found[i].Exists() {
			order[n] = i
			n++
		}
	}
	if n == 0 {
		return "", false, nil
	}
	slices.SortFunc(order[:n], func(a, b int) int {
		switch {
		case props[a] < props[b]:
			return -1
		case props[a] > props[b]:
			return 1
		}
		return 0
	})

	var canon jcsParser // reused for every value
	name := make([]byte, 0, 256)
	name = append(name, '{')
	for j, i := range order[:n] {
		if j > 0 {
			name = append(name, ',')
		}
		prop, v := props[i], found[i]
		name = append(name, '"')
		name = append(name, prop...)
		name = append(name, '"', ':')
		if v.Type == gjson.Null {
			return "", false, &SCOIDError{Property: prop, Offset: v.Index, Reason: "null value"}
		}
		if prop == "hashes" {
			name, err = appendOneHash(&canon, name, raw, v)
		} else {
			name, err = appendCanonicalValue(&canon, name, raw, v)
		}
		if err != nil {
			if e, isSCO := err.(*SCOIDError); isSCO {
				return "", false, e
			}
			return "", false, &SCOIDError{Property: prop, Offset: scoErrorOffset(err, v), Reason: "value cannot be canonicalised", Err: err}
		}
	}
	name = append(name, '}')

	u := NewUUIDv5(scoNamespace(), name)
	out := make([]byte, 0, len(typ.Str)+2+36)
	out = append(out, typ.Str...)
	out = append(out, '-', '-')
	out = u.appendTo(out)
	return string(out), true, nil
}

// appendOneHash appends the single-member object holding the hash chosen
// from hashes (see scoHashPreference) in canonical form.
func appendOneHash(p *jcsParser, dst, raw []byte, hashes gjson.Result) ([]byte, error) {
	if !hashes.IsObject() {
		return dst, &SCOIDError{Property: "hashes", Offset: hashes.Index, Reason: "not a JSON object"}
	}
	var key, val gjson.Result
	rank := len(scoHashPreference) + 1
	hashes.ForEach(func(k, v gjson.Result) bool {
		r := slices.Index(scoHashPreference[:], k.Str)
		if r < 0 {
			r = len(scoHashPreference)
		}
		if r < rank {
			key, val, rank = k, v, r
		}
		return r != 0
	})
	if !key.Exists() {
		return dst, &SCOIDError{Property: "hashes", Offset: hashes.Index, Reason: "no hash in hashes"}
	}
	dst = append(dst, '{')
	dst, err := appendCanonicalValue(p, dst, raw, key)
	if err != nil {
		return dst, err
	}
	dst = append(dst, ':')
	dst, err = appendCanonicalValue(p, dst, raw, val)
	if err != nil {
		return dst, err
	}
	return append(dst, '}'), nil
}

// appendCanonicalValue appends the canonical form of the value v read from
// raw. gjson gives the value's offset in raw, so errors point into raw.
func appendCanonicalValue(p *jcsParser, dst, raw []byte, v gjson.Result) ([]byte, error) {
	if end := v.Index + len(v.Raw); v.Index > 0 && end <= len(raw) && string(raw[v.Index:end]) == v.Raw {
		return p.canonicalise(dst, raw[v.Index:end], v.Index)
	}
	// gjson did not give a usable offset: canonicalise a copy.
	return p.canonicalise(dst, []byte(v.Raw), 0)
}

// scoErrorOffset returns the offset a canonicalisation error carries, or
// the value's own.
func scoErrorOffset(err error, v gjson.Result) int {
	if e, ok := err.(*CanonicalJSONError); ok {
		return e.Offset
	}
	return v.Index
}
