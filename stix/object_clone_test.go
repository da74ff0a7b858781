package stix

import (
	"fmt"
	"strings"
	"testing"
)

// TestCloneOwnsItsMemory clones objects of 2 to 40 members (each size of
// room Clone uses, and none) read from a list, and checks that the clone
// reads as the original did and survives the input being overwritten.
func TestCloneOwnsItsMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for n := 2; n <= 40; n++ {
		if n > 2 {
			b.WriteString(" ,\n ")
		}
		fmt.Fprintf(&b, `{"type":"x-t","id":"x-t--%d"`, n)
		for k := 2; k < n; k++ {
			fmt.Fprintf(&b, `,"m%d":"v%d"`, k, k)
		}
		b.WriteString("}")
	}
	b.WriteString("]")
	data := []byte(b.String())
	r := NewBytesReader(data, nil)
	type seen struct {
		raw, sep, names string
		index           int
		offset          int64
	}
	var clones []*Object
	var want []seen
	for {
		o, err := r.Next()
		if err != nil {
			break
		}
		want = append(want, seen{string(o.Raw()), string(o.sep), strings.Join(o.Names(), ","), o.Index(), o.Offset()})
		clones = append(clones, o.Clone())
	}
	for i := range data {
		data[i] = 'X'
	}
	for i, c := range clones {
		got := seen{string(c.Raw()), string(c.sep), strings.Join(c.Names(), ","), c.Index(), c.Offset()}
		if got != want[i] {
			t.Errorf("clone %d: got %+v, want %+v", i, got, want[i])
		}
		if v, _ := c.GetString("id"); v != fmt.Sprintf("x-t--%d", i+2) {
			t.Errorf("clone %d: id %q", i, v)
		}
	}
	if len(clones) != 39 {
		t.Fatalf("read %d objects", len(clones))
	}
}
