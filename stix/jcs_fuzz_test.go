package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// jcsIJSONReasons are the reasons CanonicalJSON may give for input that
// encoding/json accepts: RFC 8785 requires I-JSON (RFC 7493) and IEEE 754
// doubles, and the nesting limit protects the stack.
var jcsIJSONReasons = map[string]bool{
	jcsReasonUTF8:      true,
	jcsReasonSurrogate: true,
	jcsReasonDuplicate: true,
	jcsReasonRange:     true,
	jcsReasonDepth:     true,
}

// FuzzCanonicalJSON checks that CanonicalJSON never panics; that it refuses
// valid JSON only for I-JSON reasons and accepts nothing encoding/json
// refuses; that its output is valid JSON and canonical (canonicalising it
// again gives the same bytes); and that input and output decode with
// encoding/json to equal values (numbers as float64). The seed corpus is in
// testdata/fuzz/FuzzCanonicalJSON.
func FuzzCanonicalJSON(f *testing.F) {
	for _, s := range []string{
		`{"type":"ipv4-addr","value":"198.51.100.3"}`,
		`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"literals":[null,true,false]}`,
		`{"\u20ac":1,"\r":2,"\ufb33":3,"1":4,"\ud83d\ude00":5,"\u0080":6,"\u00f6":7}`,
		`["\u0000\u001f\b\f\n\r\t\"\\\/","\u2028"]`,
		`[-0,1.0,1e21,1e-7,5e-324,1.7976931348623157e+308,9007199254740993]`,
		`{"a":{"b":[{"d":1,"c":2}]},"a ":0}`,
		`{"a":1,"a":2}`,
		`"\ud800"`,
		`1e400`,
		"\"\xff\"",
		`[1,]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := CanonicalJSON(in)
		if err != nil {
			var ce *CanonicalJSONError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *CanonicalJSONError", err)
			}
			if ce.Offset < 0 || ce.Offset > len(in) {
				t.Fatalf("error offset %d outside input of %d bytes", ce.Offset, len(in))
			}
			if out != nil {
				t.Fatalf("output %q with error %v", out, err)
			}
			if json.Valid(in) && !jcsIJSONReasons[ce.Reason] {
				t.Fatalf("valid JSON refused: %v", err)
			}
			return
		}
		if !json.Valid(in) {
			t.Fatalf("accepted invalid JSON, gave %q", out)
		}
		if !json.Valid(out) {
			t.Fatalf("output is not valid JSON: %q", out)
		}
		again, err := CanonicalJSON(out)
		if err != nil {
			t.Fatalf("canonicalising the output: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\n once %q\ntwice %q", out, again)
		}
		var vin, vout any
		if err := json.Unmarshal(in, &vin); err != nil {
			t.Fatalf("encoding/json cannot decode accepted input: %v", err)
		}
		if err := json.Unmarshal(out, &vout); err != nil {
			t.Fatalf("encoding/json cannot decode output: %v", err)
		}
		// reflect.DeepEqual, not cmp.Diff: cmp is quadratic or worse in
		// nesting depth and stalls the fuzzer on deeply nested input.
		// DeepEqual compares float64 with ==, so -0 equals 0.
		if !reflect.DeepEqual(vin, vout) {
			t.Fatalf("value changed:\n in %q\nout %q", in, out)
		}
	})
}
