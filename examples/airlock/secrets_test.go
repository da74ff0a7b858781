package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/stix"
)

// TestNoResidue runs the labelled evaluation incidents through the
// command with a fresh key and looks for residue: the key (hex or raw)
// must not appear in the output, the report or stderr; no value the
// labels say must go may appear in the report or stderr (nor in the
// output, which the library's evaluation checks in detail); no id of an
// object left out may appear in the output, and no SCO's (a hash of its
// value) in the report. The report, which stays with the sender, names
// the other objects by their input ids: that is its purpose.
func TestNoResidue(t *testing.T) {
	dir := t.TempDir()
	keyHex := "5eed5eed" + strings.Repeat("c0ffee00", 7)
	keyFile := filepath.Join(dir, "k")
	if err := os.WriteFile(keyFile, []byte(keyHex+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	raw, _ := hex.DecodeString(keyHex)
	labels, _ := filepath.Glob("../../testdata/pii-eval/incident-*.labels.json")
	if len(labels) == 0 {
		t.Fatal("no labelled incidents")
	}
	for _, lf := range labels {
		var lab struct {
			Domain, Network string
			Remove          []struct{ Kind, Value string }
		}
		b, _ := os.ReadFile(lf)
		if err := json.Unmarshal(b, &lab); err != nil {
			t.Fatal(err)
		}
		in := strings.TrimSuffix(lf, ".labels.json") + ".json"
		out, rep := filepath.Join(dir, "out.json"), filepath.Join(dir, "report.json")
		code, _, stderr := runCmd(t, "", "redact", "-p", "../policies/community.yaml", "--key-file", keyFile,
			"--internal-domain", lab.Domain, "--internal-net", lab.Network, "-o", out, "--report", rep, in)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", in, code, stderr)
		}
		outB, _ := os.ReadFile(out)
		repB, _ := os.ReadFile(rep)
		texts := map[string]string{"output": string(outB), "report": string(repB), "stderr": stderr}
		for what, s := range texts {
			if strings.Contains(strings.ToLower(s), keyHex) || strings.Contains(s, string(raw)) {
				t.Errorf("%s: the key appears in the %s", in, what)
			}
		}
		for _, l := range lab.Remove {
			for _, what := range []string{"report", "stderr"} {
				if strings.Contains(texts[what], l.Value) {
					t.Errorf("%s: removed %s %q appears in the %s", in, l.Kind, l.Value, what)
				}
			}
		}
		inB, _ := os.ReadFile(in)
		kept := map[string]bool{}
		for _, o := range objects(t, outB) {
			kept[o] = true
		}
		r := stix.NewBytesReader(inB, nil)
		for {
			o, err := r.Next()
			if err != nil {
				break
			}
			id := o.ID()
			if kept[id] || o.Type() == "marking-definition" {
				continue
			}
			if strings.Contains(texts["output"], id) {
				t.Errorf("%s: %s, not in the output, appears in it", in, id)
			}
			if sco := !strings.Contains(string(o.Raw()), `"created"`); sco && strings.Contains(texts["report"], id) {
				t.Errorf("%s: the id of SCO %s, left out, appears in the report", in, id)
			}
		}
	}
}

// TestErrorsQuoteNoValue: an input error names where, never what. (Its
// JSON path holds member names, which are property and dictionary names:
// STIX keeps values in values.)
func TestErrorsQuoteNoValue(t *testing.T) {
	const secret = "jane.doe@victim.example"
	for _, in := range []string{
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","name":"` + secret + `","name":"x"}`,
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","name":"` + secret + "\xff\"}",
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","contact_information":"` + secret,
		// A phone number as a dictionary key, in the error's pointer.
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","x_phones":{"447946095800":1,"447946095800":2}}`,
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","x_phones":{"447946095800":NaN}}`,
		// A person's name as a dictionary key, in property name form.
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","x_contacts":{"john_smith":1,"john_smith":2}}`,
		`{"type":"identity","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","x_contacts":{"john_smith":NaN}}`,
	} {
		code, _, stderr := runCmd(t, in, "redact", "-p", "../policies/community.yaml", "--key-file", demoKey)
		if code != exitInput || strings.Contains(stderr, "jane.doe") || strings.Contains(stderr, "7946") || strings.Contains(stderr, "john") {
			t.Errorf("exit %d, stderr %q: want exit %d and no value quoted", code, stderr, exitInput)
		}
	}
}

// objects returns the ids of the objects in a redacted output.
func objects(t *testing.T, data []byte) []string {
	var ids []string
	r := stix.NewBytesReader(data, nil)
	for {
		o, err := r.Next()
		if err != nil {
			return ids
		}
		ids = append(ids, o.ID())
	}
}
