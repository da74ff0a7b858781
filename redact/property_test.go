package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	gen "github.com/airlock-cti/airlock/redact/redacttest"
	"github.com/airlock-cti/airlock/stix"
)

// The properties every redaction must have, whatever the input and the
// policy. checkProperties tests them on one input and returns how many it
// checked; TestProperties runs it on generated inputs, FuzzRedact on
// arbitrary bytes.
//
//  1. The output is valid STIX if the input was.
//  2. Redacting the output again changes nothing.
//  3. Verify finds nothing in the output.
//  4. The output is the same whatever the number of workers.
//  5. No id of an input object that is not in the output (dropped, or
//     renamed) appears anywhere in it, free text included. The id must
//     have STIX's form, type--UUID: a malformed id such as "1" is part of
//     any text, and is not what the policy withholds.
//  6. An object no decision names is written byte for byte as it came.
func checkProperties(t *testing.T, name string, pols map[string]*Redactor, in []byte) int {
	t.Helper()
	checked := 0
	for pname, rd := range pols {
		label := name + "/" + pname
		rd3 := *rd
		rd3.workers = 3
		out, rep, err := rd.RedactBytes(context.Background(), in)
		if err != nil {
			var ie *stix.InputError
			if !errors.As(err, &ie) && !errors.Is(err, stix.ErrLimit) {
				t.Fatalf("%s: an error that is not about the input: %T %v", label, err, err)
			}
			if _, _, err3 := rd3.RedactBytes(context.Background(), in); err3 == nil || err3.Error() != err.Error() {
				t.Errorf("%s: one worker fails with %v, three with %v", label, err, err3)
			}
			return checked
		}
		if len(out) == 0 {
			// Every object of an NDJSON stream or single object dropped:
			// the empty output verifies clean, but as input to redact it
			// is refused (empty input is an error).
			if ds, err := rd.Verify(context.Background(), bytes.NewReader(out)); err != nil || len(ds) > 0 {
				t.Errorf("%s: verify on the empty output: %v %+v", label, err, ds)
			}
			continue
		}
		// 1. Valid STIX.
		if pin, err := stix.Validate(bytes.NewReader(in), nil); err == nil && len(pin) == 0 {
			if pout, err := stix.Validate(bytes.NewReader(out), nil); err != nil || len(pout) > 0 {
				t.Errorf("%s: the output is not valid STIX: %v %v", label, err, pout)
			}
		}
		// 2. Idempotent.
		again, _, err := rd.RedactBytes(context.Background(), out)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: redacting the output again changes it (err %v):\n%s\n%s", label, err, out, again)
		}
		// 3. Verify finds nothing.
		if ds, err := rd.Verify(context.Background(), bytes.NewReader(out)); err != nil || len(ds) > 0 {
			t.Errorf("%s: verify on the output: %v %+v", label, err, ds)
		}
		// 4. The same on three workers.
		if out3, _, err := rd3.RedactBytes(context.Background(), in); err != nil || !bytes.Equal(out3, out) {
			t.Errorf("%s: three workers write something else (err %v)", label, err)
		}
		// 5 and 6.
		inObjs, outObjs := objectsOf(in), objectsOf(out)
		outIDs := map[string]bool{}
		for _, o := range outObjs {
			outIDs[o.id] = true
		}
		named := map[string]bool{}
		for _, d := range rep.Decisions {
			named[d.Object] = true
		}
		for _, o := range inObjs {
			if o.typ != "marking-definition" && !outIDs[o.id] && stixID(o.id) && containsID(out, o.id) {
				t.Errorf("%s: %s is not in the output, but its id is", label, o.id)
			}
			if !named[o.id] && !isSCO(o.typ) && outIDs[o.id] && !bytes.Contains(out, o.raw) {
				t.Errorf("%s: %s has no decision but is not written as it came", label, o.id)
			}
		}
		checked += 6
	}
	return checked
}

type rawObject struct {
	id, typ string
	raw     []byte
}

// objectsOf lists the objects of any input shape, as written.
func objectsOf(data []byte) []rawObject {
	var out []rawObject
	r := stix.NewBytesReader(data, nil)
	for {
		o, err := r.Next()
		if err != nil {
			return out
		}
		out = append(out, rawObject{o.ID(), o.Type(), append([]byte(nil), o.Raw()...)})
	}
}

func propertyPolicies(t testing.TB, workers int) map[string]*Redactor {
	pols := map[string]*Redactor{}
	for _, f := range []string{"../examples/policies/tlp-green.yaml", "../examples/policies/community.yaml", "../examples/policies/object-rules.yaml"} {
		p, err := policy.LoadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := Compile(p, &Options{Key: goldenKey, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		pols[strings.TrimSuffix(f[strings.LastIndexByte(f, '/')+1:], ".yaml")] = rd
	}
	return pols
}

// TestProperties checks the properties on generated reports (marked,
// with prose and victims) and incidents, in every shape, and that no
// generated marker above a policy's ceiling survives.
func TestProperties(t *testing.T) {
	pols := propertyPolicies(t, 1)
	seeds := 12
	if testing.Short() {
		seeds = 3
	}
	checked, inputs := 0, 0
	for seed := 1; seed <= seeds; seed++ {
		bundle := gen.Bundle(gen.Options{Seed: uint64(seed), Objects: 80, UnknownRate: 0.05, Prose: true, Victims: 0.3, Indent: seed%3 == 0})
		incident := gen.NewIncident(gen.IncidentOptions{Seed: uint64(seed), Hard: seed%2 == 0}).Bundle
		for shape, in := range map[string][]byte{"bundle": bundle, "ndjson": toNDJSON(t, bundle), "incident": incident} {
			name := fmt.Sprintf("seed=%d/%s", seed, shape)
			checked += checkProperties(t, name, pols, in)
			inputs++
			out, _, err := pols["tlp-green"].RedactBytes(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if above := gen.MarkersAbove(string(out), 2, 1); len(above) > 0 {
				t.Errorf("%s: content above TLP:GREEN survives: %v", name, above)
			}
		}
	}
	t.Logf("%d inputs, %d property checks", inputs, checked)
}

func toNDJSON(t *testing.T, bundle []byte) []byte {
	var b struct{ Objects []json.RawMessage }
	if err := json.Unmarshal(bundle, &b); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, o := range b.Objects {
		json.Compact(&out, o)
		out.WriteByte('\n')
	}
	return out.Bytes()
}

// containsID reports whether id is written in b as an id: not as the end
// of a longer one ("0ity--..." holds "ity--..." but names another type).
func containsID(b []byte, id string) bool {
	for at := 0; ; {
		k := bytes.Index(b[at:], []byte(id))
		if k < 0 {
			return false
		}
		p := at + k
		if p == 0 || !typeByte(b[p-1]) {
			return true
		}
		at = p + 1
	}
}

// stixID reports whether id has STIX's form, type--UUID, with a type of
// at least three of a-z, 0-9 and '-' (STIX 2.1 section 3.1 asks three to
// 250, from a letter): the ids airlock recognises written in text. "r--"
// and a UUID is not one.
func stixID(id string) bool {
	i := strings.LastIndex(id, "--")
	if i < 3 {
		return false
	}
	for k := 0; k < i; k++ {
		if !typeByte(id[k]) {
			return false
		}
	}
	_, err := stix.ParseUUID(id[i+2:])
	return err == nil
}
