package redact

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// victimNamesInput names victims in identities and mentions them in a
// note's prose as people write in their own languages.
const victimNamesInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000ab","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"田中 太郎","identity_class":"individual"},
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"김민준","identity_class":"individual"},
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"王伟","identity_class":"individual"},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"田中太郎さんがフィッシングメールを報告した。김민준이 링크를 클릭했다. 王伟报告了此事件。","object_refs":["identity--00000000-0000-4000-8000-000000000001"]}
]}`

// TestVictimNamesInOwnScripts: a victim's name learned from an identity
// goes from prose in its own script too, with the pseudonym the identity's
// name gets, where the language writes no space between the name's words
// or glues a particle to it (Japanese, Chinese, Korean).
func TestVictimNamesInOwnScripts(t *testing.T) {
	out, objs, _ := redactSCOs(t, "../examples/policies/community.yaml", victimNamesInput)
	for _, name := range []string{"田中", "太郎", "김민준", "王伟"} {
		if bytes.Contains(out, []byte(name)) {
			t.Errorf("the victim's name %s is out:\n%s", name, out)
		}
	}
	var content string
	var names []string
	for _, o := range objs {
		var x struct{ Name, Content string }
		json.Unmarshal(o.raw, &x)
		switch o.typ {
		case "identity":
			names = append(names, x.Name)
		case "note":
			content = x.Content
		}
	}
	for _, name := range names[:3] {
		if !strings.Contains(content, name) {
			t.Errorf("the note does not hold the pseudonym %q: %s", name, content)
		}
	}
}

// victimSpellingsInput names a victim in an identity and her email
// address, whose display name and a message write her name otherwise.
const victimSpellingsInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000ac","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Zoë Ångström-Lindqvist","identity_class":"individual"},
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Jörg Schäfer","identity_class":"individual"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000003","value":"zoe@firma.example.se","display_name":"Lindqvist, Zoë"},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Zoë Lindqvist forwarded Lönespec_Zoë_Lindqvist.pdf to Joerg Schaefer; SCHAEFER opened it.","object_refs":["identity--00000000-0000-4000-8000-000000000001"]}
]}`

// TestVictimNameSpellings: a victim's name goes where it is written with
// one part of a double surname, or transliterated as ICAO Doc 9303 and
// writers without the letter do (ö as oe, ä as ae).
func TestVictimNameSpellings(t *testing.T) {
	out, _, _ := redactSCOs(t, "../examples/policies/community.yaml", victimSpellingsInput)
	for _, name := range []string{"Lindqvist", "Joerg", "Schaefer", "SCHAEFER"} {
		if bytes.Contains(out, []byte(name)) {
			t.Errorf("the victim's name %s is out:\n%s", name, out)
		}
	}
}
