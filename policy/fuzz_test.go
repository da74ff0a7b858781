package policy

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad checks that loading any bytes as a policy, in either format,
// never panics, and that a failure is Errors whose every entry has a
// position.
func FuzzLoad(f *testing.F) {
	for _, pat := range []string{"../examples/policies/*.yaml", "testdata/broken/*.yaml", "testdata/broken/*.json", "testdata/good/*.json"} {
		files, _ := filepath.Glob(pat)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil {
				f.Add(b, filepath.Ext(file) == ".json")
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool) {
		name := "fuzz.yaml"
		if isJSON {
			name = "fuzz.json"
		}
		p, err := Load(name, src)
		if err == nil {
			if p == nil || p.Name == "" || p.Markings.MaxTLP == 0 {
				t.Fatalf("a policy loaded without a name or a ceiling")
			}
			return
		}
		es, ok := err.(Errors)
		if !ok {
			t.Fatalf("%T is not Errors: %v", err, err)
		}
		for _, e := range es {
			if e.Pos.File != name {
				t.Fatalf("error without its file: %v", e)
			}
		}
	})
}
