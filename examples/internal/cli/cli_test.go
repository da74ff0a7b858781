package cli

import (
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
		err  string
	}{
		{[]string{"-p", "x.yaml"}, "-", ""},
		{[]string{"in.json", "-p", "x.yaml"}, "in.json", ""},
		{[]string{"-p", "x.yaml", "--", "-odd-name.json"}, "-odd-name.json", ""},
		{[]string{"in.json"}, "", "a policy is required"},
		{[]string{"-p", "x.yaml", "a", "b"}, "", "one input at most"},
	} {
		var r Redaction
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		r.Register(fs)
		got, err := r.Input(fs, c.args)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: err %v, want %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %q, %v; want %q", c.args, got, err, c.want)
		}
	}
}

func TestRepeatedFlags(t *testing.T) {
	var r Redaction
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	r.Register(fs)
	if _, err := ParseInterspersed(fs, []string{"--internal-domain", "a.example", "in.json", "--internal-domain", "b.example"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(List{"a.example", "b.example"}, r.Domains); diff != "" {
		t.Error(diff)
	}
}

// TestSingleFlags: a destination, policy, key file or identity given
// twice is an error, not the last one silently winning (found by a bug
// hunt: --to GB --to DE redacted for DE).
func TestSingleFlags(t *testing.T) {
	for _, f := range []string{"--to", "-p", "--key-file", "--identity"} {
		var r Redaction
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		r.Register(fs)
		_, err := ParseInterspersed(fs, []string{f, "a", "in.json", f, "b"})
		if err == nil || !strings.Contains(err.Error(), "given twice") {
			t.Errorf("%s given twice: err %v", f, err)
		}
	}
}

func TestKeyNeeded(t *testing.T) {
	t.Setenv("AIRLOCK_KEY", "")
	var r Redaction
	if _, err := r.Key(io.Discard); err != ErrNoKey {
		t.Errorf("no key: %v", err)
	}
	r.Ephemeral = true
	if k, err := r.Key(io.Discard); err != nil || len(k) != 32 {
		t.Errorf("ephemeral: %d bytes, %v", len(k), err)
	}
}

// TestOnce: a flag made by Once keeps its default, takes one value, and
// refuses a second.
func TestOnce(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := Once(fs, "o", "-", "output")
	if err := fs.Parse(nil); err != nil || *out != "-" {
		t.Fatalf("default: %q, %v", *out, err)
	}
	if err := fs.Parse([]string{"-o", "a.json"}); err != nil || *out != "a.json" {
		t.Fatalf("once: %q, %v", *out, err)
	}
	if err := fs.Parse([]string{"-o", "b.json"}); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("twice: %q, %v", *out, err)
	}
}
