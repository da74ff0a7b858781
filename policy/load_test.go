package policy

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/stix"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestBroken loads each broken policy and compares every reported problem,
// with its file:line:col, with the golden <file>.err.
func TestBroken(t *testing.T) {
	files, _ := filepath.Glob("testdata/broken/*.*")
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".err") {
			continue
		}
		n++
		_, err := LoadFile(file)
		if err == nil {
			t.Errorf("%s: loaded without error", file)
			continue
		}
		var es Errors
		if !errors.As(err, &es) {
			t.Errorf("%s: %T is not policy.Errors: %v", file, err, err)
			continue
		}
		for _, e := range es {
			if e.Pos.Line == 0 {
				t.Errorf("%s: error without a position: %v", file, e)
			}
		}
		got := err.Error() + "\n"
		if *update {
			os.WriteFile(file+".err", []byte(got), 0o644)
			continue
		}
		want, _ := os.ReadFile(file + ".err")
		if diff := cmp.Diff(string(want), got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", file, diff)
		}
	}
	if n == 0 {
		t.Fatal("no broken policies in testdata")
	}
}

// TestManyProblemsInOnePass checks that one load reports every problem of
// a policy that has many, in file order.
func TestManyProblemsInOnePass(t *testing.T) {
	_, err := LoadFile("testdata/broken/many-problems.yaml")
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("got %v", err)
	}
	if len(es) < 20 {
		t.Errorf("%d problems reported, want every one (at least 20):\n%v", len(es), err)
	}
	for i := 1; i < len(es); i++ {
		if es[i].Pos.Line < es[i-1].Pos.Line {
			t.Errorf("errors not in file order: %v before %v", es[i-1], es[i])
		}
	}
}

func TestExamplePolicies(t *testing.T) {
	files, _ := filepath.Glob("../examples/policies/*.yaml")
	if len(files) == 0 {
		t.Fatal("no example policies")
	}
	for _, f := range files {
		p, err := LoadFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if p.Markings.MaxTLP == stix.TLPNone || len(p.Tests) == 0 {
			t.Errorf("%s: no TLP ceiling or no test cases", f)
		}
	}
}

// TestLoadFileFromPipe: a policy read from a pipe (-p <(...), -p
// /dev/stdin) is read to its end. It was read to the size the file had
// when opened, which a pipe has not: "the policy is empty".
func TestLoadFileFromPipe(t *testing.T) {
	src, err := os.ReadFile("../examples/policies/tlp-green.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		src  []byte
		err  string
	}{
		{"a policy", src, ""},
		{"too large", append(append([]byte{}, src...), strings.Repeat("#\n", MaxPolicySize)...), "larger than"},
	} {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("/dev/fd/%d", r.Fd())
		if _, err := os.Stat(name); err != nil {
			r.Close()
			w.Close()
			t.Skipf("no %s: %v", name, err)
		}
		go func() {
			w.Write(c.src)
			w.Close()
		}()
		p, err := LoadFile(name)
		io.Copy(io.Discard, r) // let the writer finish
		r.Close()
		switch {
		case c.err == "" && (err != nil || p.Name != "tlp-green"):
			t.Errorf("%s: %v", c.name, err)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: err %v, want %q", c.name, err, c.err)
		}
	}
}

func TestJSONPolicy(t *testing.T) {
	p, err := LoadFile("testdata/good/full.json")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "json-policy \U0001F6E1" {
		t.Errorf("name %q: surrogate pairs must decode", p.Name)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"version", p.Version, "3"},
		{"audience", p.Destination.Audience, AudienceOrganisationAndClients},
		{"jurisdiction (UK is GB)", p.Destination.Jurisdiction, "GB"},
		{"max_tlp from audience", p.Markings.MaxTLP, stix.TLPAmber},
		{"max_pap", p.Markings.MaxPAP, stix.PAPAmber},
		{"unmarked", p.Markings.Unmarked, Unmarked{Drop: true}},
		{"unknown", p.Markings.Unknown, UnknownKeep},
		{"statements", p.Markings.Statements, StatementsRemove},
		{"extension", p.Markings.Extensions["extension-definition--762e2e97-ee51-43e5-a9ea-165fbb862c4a"], ExtensionDrop},
		{"stamps", len(p.Markings.Stamp), 2},
		{"rule 0 name", p.Objects[0].Name, "drop-internal"},
		{"rule 0 types", p.Objects[0].Types, []string{"indicator"}},
		{"rule 0 equals number", *p.Objects[0].Where[1].Equals, "100"},
		{"rule 1 default name", p.Objects[1].Name, "objects[1]"},
		{"rule 1 remove", p.Objects[1].Remove[1].String(), "external_references.[0].url"},
		{"dangling", p.References.Dangling, DanglingRemove},
		{"ids", p.IDs, IDsKeep},
		{"public source", p.PublicSources[0].ID, "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"},
		{"test to", p.Tests[0].To, "DE"},
		{"test objects_out", *p.Tests[0].Expect.ObjectsOut, 0},
	}
	for _, c := range checks {
		if diff := cmp.Diff(c.want, c.got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.what, diff)
		}
	}
}
