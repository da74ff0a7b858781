package redact

import (
	"bytes"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// airlockNamespace is the UUIDv5 namespace of every id airlock makes
// (derived ids, the redacting identity, stamped statements). It is
// uuid5(nil UUID, "airlock-cti.github.io"), fixed forever; never the SCO
// namespace, which STIX 2.1 section 2.9 reserves for SCOs.
var airlockNamespace = stix.NewUUIDv5(stix.UUID{}, []byte("airlock-cti.github.io"))

// fixedTimestamp is the created and modified time of the objects airlock
// adds (the redacting identity, stamped statements). Output must not
// depend on the clock, and an object's created time must never change
// between runs, so it is a constant.
const fixedTimestamp = "2020-01-01T00:00:00.000Z"

// derivedID returns the id a changed object gets (STIX 2.1 section 3.5: a
// republisher that changes an object must give it a new id): a UUIDv5 in
// airlock's namespace over a keyed MAC of the policy name and the original
// id. The same key and policy give the same derived id, so updates of one
// original map to the same derived object; without the key, the original
// id cannot be recovered or confirmed. STIX 2.0 ids must be UUIDv4, so for
// 2.0 objects the version bits say 4.
func (k *keys) derivedID(policyName, orig string, v20 bool) string {
	typ, _, _ := strings.Cut(orig, "--")
	m := k.id.sum(policyName, orig)
	u := stix.NewUUIDv5(airlockNamespace, m[:])
	if v20 {
		u[6] = u[6]&0x0f | 0x40
	}
	var room [96]byte // a type's name and the UUID: one allocation, the string
	b, _ := u.AppendText(append(append(room[:0], typ...), "--"...))
	return string(b)
}

// identityObject is the redacting identity written into the output, in
// STIX 2.1 form and in STIX 2.0 form (a UUIDv4-shaped id, no spec_version).
type identityObject struct {
	id, id20     string
	json, json20 []byte
}

// kindIdentityImpostor is the kind of the rename of an object that had
// the redacting identity's id without being that identity as airlock
// writes it.
const kindIdentityImpostor = "redacting-identity-id"

// is reports whether raw is the redacting identity exactly as airlock
// writes it, in either form.
func (id *identityObject) is(raw []byte) bool {
	return id.json != nil && (bytes.Equal(raw, id.json) || bytes.Equal(raw, id.json20))
}

// newIdentity makes the redacting identity. It carries the policy's
// stamps, or TLP:CLEAR when no TLP is stamped: it is public by nature, and
// a marked identity passes any markings policy when output is redacted
// again (which must change nothing).
func newIdentity(name, class string, stamps []stamp) identityObject {
	if class == "" {
		class = "organization"
	}
	u := stix.NewUUIDv5(airlockNamespace, []byte("identity\x00"+name))
	u4 := u
	u4[6] = u4[6]&0x0f | 0x40
	obj := identityObject{id: "identity--" + u.String(), id20: "identity--" + u4.String()}
	body := func(id string, v21 bool) []byte {
		b := []byte(`{"type":"identity",`)
		if v21 {
			b = append(b, `"spec_version":"2.1",`...)
		}
		b = append(b, `"id":`...)
		b = stix.AppendString(b, id)
		b = append(b, `,"created":"`+fixedTimestamp+`","modified":"`+fixedTimestamp+`","name":`...)
		b = stix.AppendString(b, name)
		b = append(b, `,"identity_class":`...)
		b = stix.AppendString(b, class)
		b = append(b, `,"object_marking_refs":[`...)
		tlp := false
		for i, s := range stamps {
			if i > 0 {
				b = append(b, ',')
			}
			id := s.id
			if !v21 {
				id = s.id20
			}
			b = stix.AppendString(b, id)
			tlp = tlp || s.tlp != stix.TLPNone
		}
		if !tlp {
			if len(stamps) > 0 {
				b = append(b, ',')
			}
			b = stix.AppendString(b, stix.TLPMarkingID(stix.TLPClear, v21))
		}
		return append(b, "]}"...)
	}
	obj.json = body(obj.id, true)
	obj.json20 = body(obj.id20, false)
	return obj
}

// stamp is a marking the policy adds to output objects: a TLP level
// (written with the TLP 2.0 definitions on STIX 2.1 objects and TLP 1.0
// ones on STIX 2.0 objects, which cannot use extensions) or a statement.
type stamp struct {
	tlp      stix.TLP
	id, id20 string // the marking definition's id for 2.1 and 2.0 objects
	json     []byte // the definition to add to the output, if not built in
}

func newStamp(s policy.Stamp) stamp {
	if s.TLP != stix.TLPNone {
		st := stamp{tlp: s.TLP, id: stix.TLPMarkingID(s.TLP, true), id20: stix.TLPMarkingID(s.TLP, false)}
		if st.id20 == "" {
			st.id20 = st.id
		}
		return st
	}
	u := stix.NewUUIDv5(airlockNamespace, []byte("statement\x00"+s.Statement))
	id := "marking-definition--" + u.String()
	b := []byte(`{"type":"marking-definition","spec_version":"2.1","id":`)
	b = stix.AppendString(b, id)
	b = append(b, `,"created":"`+fixedTimestamp+`","definition_type":"statement","definition":{"statement":`...)
	b = stix.AppendString(b, s.Statement)
	b = append(b, "}}"...)
	return stamp{id: id, id20: id, json: b}
}
