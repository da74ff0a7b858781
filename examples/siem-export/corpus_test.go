package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpus is the shared corpus of public STIX data, beside the repository
// (../shared/corpus from its root). A fresh clone does not have it.
const corpus = "../../../shared/corpus"

func corpusFile(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(corpus, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared corpus not present (%s): %v", p, err)
	}
	return p
}

// TestCorpusOASIS exports the OASIS examples under the tlp-green policy:
// their indicators are unmarked (CLEAR under that policy) and every
// address, domain and hash they name is exported; networks, certificates,
// file names and regular expressions are not.
func TestCorpusOASIS(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		{"oasis/indicator-for-c2-ip-address.json", []string{"ipv4-addr ip=10.0.0.0"}},
		{"oasis/indicators-for-C2-with-COA.json", []string{"ipv4-addr ip=10.0.0.0", "file file.hash.sha256=ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"}},
		{"oasis/malicious-email-indicator-with-attachment.json", nil},
		{"oasis/infrastructure.json", nil},
		{"oasis/apt1.json", []string{
			"domain-name url.domain=hugesoft.org", "domain-name url.domain=arrowservice.net", "domain-name url.domain=msnhome.org",
			"file file.hash.md5=001dd76872d80801692ff942308c64e6", "file file.hash.md5=002325a0a67fded0381b5648d7fe9b8e", "file file.hash.md5=00dbb9e1c09dbdafb360f3163ba5a3de",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			docs := export(t, "", "-p", greenPol, "--key-file", demoKey, corpusFile(t, tt.file))
			if diff := cmp.Diff(tt.want, observables(docs)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}

	// poisonivy.json: many indicators, each naming a domain and addresses.
	docs := export(t, "", "-p", greenPol, "--key-file", demoKey, corpusFile(t, "oasis/poisonivy.json"))
	if len(docs) < 60 {
		t.Errorf("poisonivy: %d documents", len(docs))
	}
	for _, d := range docs {
		if d.Threat.Indicator.IP == "" && d.Threat.Indicator.URL == nil {
			t.Errorf("poisonivy: unexpected document %+v", d.Threat.Indicator)
		}
	}
}

// TestCorpusCommunityOASIS: under the community policy 10.0.0.0, a private
// address, is the sender's own by nature and is pseudonymised, so it is
// not exported; the hash is.
func TestCorpusCommunityOASIS(t *testing.T) {
	docs := export(t, "", "-p", communityPol, "--key-file", demoKey, corpusFile(t, "oasis/indicators-for-C2-with-COA.json"))
	want := []string{"file file.hash.sha256=ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"}
	if diff := cmp.Diff(want, observables(docs)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestCorpusATTACK: the ATT&CK bundles hold no indicators: no documents,
// no error.
func TestCorpusATTACK(t *testing.T) {
	for _, f := range []string{"attack/ics-attack-18.1.json", "attack/mobile-attack-17.1.json"} {
		t.Run(f, func(t *testing.T) {
			code, out, stderr := runCmd(t, "", "-p", communityPol, "--key-file", demoKey, corpusFile(t, f))
			if code != exitOK || out != "" {
				t.Errorf("exit %d, output %q, stderr %s", code, out, stderr)
			}
		})
	}
}
