package stix

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestObjectItems(t *testing.T) {
	const obj = `{"type":"indicator","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
		`"labels":["a", "b\"c" ,{"x":[1,2]},[3],7,null],"name":"n","empty":[]}`
	o, err := ParseObject([]byte(obj), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want []string
	}{
		{"labels", []string{`"a"`, `"b\"c"`, `{"x":[1,2]}`, `[3]`, `7`, `null`}},
		{"empty", nil},
		{"name", nil},    // not an array
		{"missing", nil}, // absent
	}
	for _, tt := range tests {
		var got []string
		for it := range o.Items(tt.name) {
			got = append(got, string(it))
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Items(%q) (-want +got):\n%s", tt.name, diff)
		}
	}
	n := 0
	for range o.Items("labels") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("Items kept yielding after break: %d", n)
	}
	if a := testing.AllocsPerRun(100, func() {
		for range o.Items("labels") {
		}
	}); a != 0 {
		t.Errorf("Items allocates %.0f times", a)
	}
}
