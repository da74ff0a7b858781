package detect_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
)

// dumpMatches names the file TestDumpMatches writes; dumpCorpus the
// folder of STIX JSON whose string leaves it reads besides the package's
// own strings.
var (
	dumpMatches = flag.String("dumpmatches", "", "write every match of every built-in detector over many strings to this file")
	dumpCorpus  = flag.String("dumpcorpus", "../../../shared/corpus", "folder of JSON files whose string leaves TestDumpMatches reads")
)

// TestDumpMatches is a differential check for work on detection speed,
// run by hand: with -dumpmatches=FILE it writes every match of every
// built-in detector (two configurations, on a reused Text and on a new
// one) over the string leaves of the shared corpus, the fuzz seeds, the
// benchmarks' strings and rewritings of them all. Dumps from before and
// after a change must be identical.
func TestDumpMatches(t *testing.T) {
	if *dumpMatches == "" {
		t.Skip("no -dumpmatches file given")
	}
	texts := dumpStrings(t)
	f, err := os.Create(*dumpMatches)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	configs := [][]detect.Detector{detect.Builtin(proseConfig), detect.Builtin(testConfig)}
	var reused detect.Text
	for i, s := range texts {
		reused.Reset(s)
		fresh := detect.NewText(s)
		for c, ds := range configs {
			for _, d := range ds {
				for _, x := range []*detect.Text{&reused, fresh} {
					d.Detect(x, func(m detect.Match) {
						fmt.Fprintf(w, "%d %d %s %s %d-%d %q %q %t\n", i, c, d.Name(), m.Kind, m.Start, m.End, m.Value, m.Country, m.Internal)
					})
				}
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d strings", len(texts))
}

// dumpStrings returns TestDumpMatches' strings, always in the same order.
func dumpStrings(t *testing.T) []string {
	var base []string
	if _, err := os.Stat(*dumpCorpus); err != nil {
		t.Logf("corpus %s absent: only the package's strings", *dumpCorpus)
	} else {
		err := filepath.WalkDir(*dumpCorpus, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".json") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var v any
			if err := json.Unmarshal(b, &v); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			base = appendLeaves(base, v)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The fuzz seeds of the package.
	err := filepath.WalkDir("testdata/fuzz", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			if q, ok := strings.CutPrefix(line, "string("); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(q, ")")); err == nil {
					base = append(base, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	base = append(base, proseStrings(3000)...)
	base = append(base, shortStrings...)
	out := append([]string(nil), base...)
	r := rand.New(rand.NewPCG(3, 5))
	defang := strings.NewReplacer(".", "[.]", "@", "[at]", "http", "hxxp")
	for _, s := range base {
		out = append(out, strings.ToUpper(s))
		if r.IntN(4) == 0 {
			out = append(out, defang.Replace(s))
		}
		if len(s) > 0 && r.IntN(3) == 0 {
			// A slice at random bounds, and a few bytes changed.
			a := r.IntN(len(s))
			b := a + r.IntN(len(s)-a) + 1
			m := []byte(s[a:b])
			for range 1 + r.IntN(3) {
				const pool = "09 .-@:/\\+()AZaz\xc3\xa9"
				m[r.IntN(len(m))] = pool[r.IntN(len(pool))]
			}
			out = append(out, s[a:b], string(m))
		}
	}
	return out
}

// appendLeaves appends the strings of the JSON value v, keys excluded, in
// document order (object members sorted by key).
func appendLeaves(out []string, v any) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			out = appendLeaves(out, e)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = appendLeaves(out, v[k])
		}
	}
	return out
}
