package redact

import (
	"bytes"
	"context"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// TestEmptyInput: an input with no JSON value is a stream of no objects,
// from bytes and from a reader, with one worker and two, and verifies
// clean: it is what Redact writes when every object is dropped.
func TestEmptyInput(t *testing.T) {
	p, err := policy.LoadFile("../examples/policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		rd, err := Compile(p, &Options{Key: goldenKey, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range []string{"", "\n \t\r\n"} {
			out, rep, err := rd.RedactBytes(context.Background(), []byte(in))
			if err != nil || len(out) != 0 || rep.ObjectsIn != 0 || rep.ObjectsOut != 0 || len(rep.Decisions) != 0 {
				t.Errorf("RedactBytes(%q), %d workers: %q, %+v, %v", in, workers, out, rep, err)
			}
			var buf bytes.Buffer
			sum, err := rd.Redact(context.Background(), &buf, bytes.NewReader([]byte(in)), nil)
			if err != nil || buf.Len() != 0 || sum.ObjectsIn != 0 {
				t.Errorf("Redact(%q), %d workers: %q, %+v, %v", in, workers, buf.Bytes(), sum, err)
			}
			if v, err := rd.Verify(context.Background(), bytes.NewReader([]byte(in))); err != nil || len(v) != 0 {
				t.Errorf("Verify(%q): %v, %v", in, v, err)
			}
		}
	}
}
