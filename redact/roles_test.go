package redact

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
)

// TestEmbeddedEmailRoles: in an observed-data's embedded objects (STIX
// 2.0's form, references by local key), the sender of a phishing mail is
// the adversary's and stays, and the recipient is the victim's and goes,
// as in the same graph written with SCOs.
func TestEmbeddedEmailRoles(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	for name, in := range map[string]string{
		"embedded": `{"type":"observed-data","spec_version":"2.1","id":"observed-data--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","first_observed":"2026-01-10T10:00:00Z","last_observed":"2026-01-10T10:00:00Z","number_observed":1,"objects":{"0":{"type":"email-addr","value":"john.smith@victim.example"},"1":{"type":"email-message","is_multipart":false,"to_refs":["0"],"from_ref":"2","subject":"Invoice"},"2":{"type":"email-addr","value":"Evil@Bad.example"}}}`,
		"scos": `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000001","value":"Evil@Bad.example"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000002","value":"john.smith@victim.example"},
{"type":"email-message","spec_version":"2.1","id":"email-message--00000000-0000-4000-8000-000000000003","is_multipart":false,"from_ref":"email-addr--00000000-0000-4000-8000-000000000001","to_refs":["email-addr--00000000-0000-4000-8000-000000000002"],"subject":"Invoice"}]}`,
	} {
		out, _, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(string(out), "Evil@Bad.example") {
			t.Errorf("%s: the sender's address is gone:\n%s", name, out)
		}
		if strings.Contains(string(out), "john.smith") {
			t.Errorf("%s: the recipient's address is out:\n%s", name, out)
		}
	}
}

// TestEmailInPhishingURL: a recipient's address inside a phishing URL of
// a pattern (a per-recipient link) is not an indicator: it goes from the
// URL, which keeps its host and path, and from everywhere else it is
// written. An address that is a literal's whole value stays one.
func TestEmailInPhishingURL(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[url:value = 'https://update-check.example/gate.php?uid=klaus.becker%40northwind-bank.example'] OR [email-addr:value = 'billing@invoice-portal.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000002","value":"klaus.becker@northwind-bank.example"},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"klaus.becker@northwind-bank.example clicked; sent from billing@invoice-portal.example","object_refs":["indicator--00000000-0000-4000-8000-000000000001"]}
]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ToLower(string(out))
	if strings.Contains(s, "klaus.becker") {
		t.Errorf("the recipient's address is out:\n%s", out)
	}
	if !strings.Contains(s, "https://update-check.example/gate.php?uid=") || strings.Count(s, "billing@invoice-portal.example") != 2 {
		t.Errorf("the URL's host and path, or the sender's address, are gone:\n%s", out)
	}
}

// TestEmbeddedSCOValues: an SCO embedded in an observed-data (STIX 2.0,
// as MISP exports it) has values that must stay valid, as a top-level
// SCO's: a pseudonym where the policy pseudonymises values, never a
// placeholder ("[REDACTED EMAIL]" is no email address); where it removes
// them, the observed-data goes, as a top-level SCO would.
func TestEmbeddedSCOValues(t *testing.T) {
	in := `{"type":"bundle","id":"bundle--5d3f0a1e-1c2b-4e6f-9a0b-0c1d2e3f4a5b","spec_version":"2.0","objects":[
{"type":"observed-data","id":"observed-data--5d3f0a1e-0000-4e6f-9a0b-0c1d2e3f4a04","created":"2024-03-01T10:00:00.000Z","modified":"2024-03-01T10:00:00.000Z","first_observed":"2024-03-01T09:00:00Z","last_observed":"2024-03-01T09:00:00Z","number_observed":1,"objects":{"0":{"type":"email-addr","value":"jane.doe@example.org"},"1":{"type":"ipv4-addr","value":"10.20.30.40"}}}]}`
	for policy, want := range map[string]string{
		"community":        `"0":{"type":"email-addr","value":"user-`,
		"us-uk-government": "", // values removed: the observed-data goes
	} {
		rd := testRedactor(t, "../examples/policies/"+policy+".yaml")
		out, _, err := rd.RedactBytes(context.Background(), []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		s := string(out)
		if strings.Contains(s, "REDACTED") || strings.Contains(s, "jane.doe") {
			t.Errorf("%s: a placeholder or the address in an embedded SCO's value:\n%s", policy, s)
		}
		if want == "" && strings.Contains(s, "observed-data") || want != "" && !strings.Contains(s, want) {
			t.Errorf("%s: want %q:\n%s", policy, want, s)
		}
	}
}

// TestKeptOnlyOnTheWordOfWhatLeaves: a value stays (an attacker's
// address, an operator's name) only because of objects that leave with
// it. Here what said so does not leave: an indicator and a threat actor
// marked TLP:AMBER, an indicator whose pattern also holds a victim's
// address and an email message whose subject names her, both dropped
// under a policy that removes personal data from values. Kept on their
// word, the address would be taken out when the output is redacted again,
// and verify would find it: it must be redacted at once.
func TestKeptOnlyOnTheWordOfWhatLeaves(t *testing.T) {
	const amber = `"object_marking_refs":["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"]`
	for name, c := range map[string]struct{ policy, in, gone string }{
		"marked above the ceiling": {"../examples/policies/community.yaml", `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[email-addr:value = 'boss@ceo-fraud.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` + amber + `},
{"type":"threat-actor","spec_version":"2.1","id":"threat-actor--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Ivan Petrov",` + amber + `},
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"InvoiceRAT","is_family":true},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Ivan Petrov sent the lure from boss@ceo-fraud.example.","object_refs":["malware--00000000-0000-4000-8000-000000000003"]}
]}`, "boss@ceo-fraud.example"},
		"dropped for personal data": {"../examples/policies/us-uk-government.yaml", `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000001","value":"billing@evil-invoices.example"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000002","value":"maria.schneider@victim.example"},
{"type":"email-message","spec_version":"2.1","id":"email-message--00000000-0000-4000-8000-000000000003","is_multipart":false,"from_ref":"email-addr--00000000-0000-4000-8000-000000000001","to_refs":["email-addr--00000000-0000-4000-8000-000000000002"],"subject":"Invoice for maria.schneider@victim.example"},
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[email-message:from_ref.value = 'billing@evil-invoices.example' AND email-message:to_refs[*].value = 'maria.schneider@victim.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
{"type":"infrastructure","spec_version":"2.1","id":"infrastructure--00000000-0000-4000-8000-000000000005","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"mailer","description":"Sends from billing@evil-invoices.example"}
]}`, "billing@evil-invoices.example"},
	} {
		rd := testRedactor(t, c.policy)
		out, _, err := rd.RedactBytes(context.Background(), []byte(c.in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Contains(string(out), c.gone) || strings.Contains(string(out), "Ivan Petrov") {
			t.Errorf("%s: kept on the word of an object that does not leave:\n%s", name, out)
		}
		found, err := rd.Verify(context.Background(), bytes.NewReader(out))
		if err != nil || len(found) > 0 {
			t.Errorf("%s: the output does not verify (err %v): %+v", name, err, found)
		}
		again, _, err := rd.RedactBytes(context.Background(), out)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: redacting the output again changes it (err %v)", name, err)
		}
	}
}

// TestRecipientInPattern: an address a pattern compares with an email's
// recipients is the victim's, as a to_refs edge of the graph says, not an
// indicator: it goes from the pattern and from the text, and the sender's
// stays. The description after the pattern has capitals: its lower-cased
// view is written where the recipient's was, which must have been copied.
func TestRecipientInPattern(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[email-message:from_ref.value = 'billing@invoice-portal.example' AND email-message:to_refs[*].value = 'Klaus.Becker@northwind-bank.example'] OR [email-message:cc_refs[0].value = 'k.becker@northwind-bank.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","description":"Lure SENT to the Finance Team of Northwind"},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"klaus.becker@northwind-bank.example was sent the lure from billing@invoice-portal.example","object_refs":["indicator--00000000-0000-4000-8000-000000000001"]}
]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ToLower(string(out))
	if strings.Contains(s, "becker@") {
		t.Errorf("the recipient's address is out:\n%s", out)
	}
	if strings.Count(s, "billing@invoice-portal.example") != 2 || !strings.Contains(s, "email-message:to_refs[*].value = 'user-") {
		t.Errorf("the sender's address, or the pattern's shape, is gone:\n%s", out)
	}
}

// TestVictimsInAdversaryObjects: an adversary's object keeps its own
// names and addresses, not its victims': a campaign's description that
// names the person it targets, with her address and bank account, and a
// threat actor's that gives a card it was paid from, lose them, while the
// actor's alias and sending address stay.
func TestVictimsInAdversaryObjects(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Maria Schneider","identity_class":"individual","contact_information":"maria.schneider@victim-bank.example"},
{"type":"campaign","spec_version":"2.1","id":"campaign--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Operation Lantern","description":"Targeted Maria Schneider (maria.schneider@victim-bank.example, IBAN DE89 3704 0044 0532 0130 00)."},
{"type":"threat-actor","spec_version":"2.1","id":"threat-actor--00000000-0000-4000-8000-000000000003","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"FIN99","aliases":["Ivan Petrov"],"description":"Ivan Petrov mails from ivan@evil-mail.example; paid from card 4111 1111 1111 1111."},
{"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000004","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","relationship_type":"targets","source_ref":"campaign--00000000-0000-4000-8000-000000000002","target_ref":"identity--00000000-0000-4000-8000-000000000001"}
]}`
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"Maria Schneider", "maria.schneider@", "DE89", "4111"} {
		if strings.Contains(string(out), gone) {
			t.Errorf("%q is out:\n%s", gone, out)
		}
	}
	if strings.Count(string(out), "Ivan Petrov") != 2 || !strings.Contains(string(out), "ivan@evil-mail.example") {
		t.Errorf("the actor's alias or address is gone:\n%s", out)
	}
}

// victimSIDInput is an EDR alert converted to STIX: a victim's Windows
// account (her display name is a learned name) whose user id, a SID, is
// also written as the registry hive of a Run key it created, in a
// process's environment and in a comment (found by a bug hunt: the user id
// was pseudonymised in the account and left everywhere else, tying the
// pseudonym to the SID). A Unix account's numeric uid is not learned:
// "1001" stays in a note where it is a port.
const victimSIDInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Maria Schneider","identity_class":"individual"},
{"type":"user-account","spec_version":"2.1","id":"user-account--00000000-0000-4000-8000-000000000002","user_id":"S-1-5-21-3623811015-3361044348-30300820-1013","account_login":"mschneider","display_name":"Maria Schneider","account_type":"windows-domain"},
{"type":"user-account","spec_version":"2.1","id":"user-account--00000000-0000-4000-8000-000000000003","user_id":"1001","account_login":"jdoe","display_name":"Maria Schneider","account_type":"unix"},
{"type":"windows-registry-key","spec_version":"2.1","id":"windows-registry-key--00000000-0000-4000-8000-000000000004","key":"HKEY_USERS\\S-1-5-21-3623811015-3361044348-30300820-1013\\Software\\Microsoft\\Windows\\CurrentVersion\\Run","values":[{"name":"Updater","data":"upd.exe","data_type":"REG_SZ"}],"creator_user_ref":"user-account--00000000-0000-4000-8000-000000000002"},
{"type":"process","spec_version":"2.1","id":"process--00000000-0000-4000-8000-000000000005","pid":4242,"environment_variables":{"USERSID":"S-1-5-21-3623811015-3361044348-30300820-1013"},"creator_user_ref":"user-account--00000000-0000-4000-8000-000000000002"},
{"type":"observed-data","spec_version":"2.1","id":"observed-data--00000000-0000-4000-8000-000000000006","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","first_observed":"2026-01-10T10:00:00Z","last_observed":"2026-01-10T10:00:00Z","number_observed":1,"object_refs":["windows-registry-key--00000000-0000-4000-8000-000000000004","process--00000000-0000-4000-8000-000000000005"],"x_misp_comment":"Run key of s-1-5-21-3623811015-3361044348-30300820-1013, beacon on port 1001"}
]}`

// TestVictimAccountSID: a victim's account's user id is learned, as its
// login is, and goes wherever it is written; the registry key whose key
// held it gets the id of its new values, and references follow.
func TestVictimAccountSID(t *testing.T) {
	out, objs, rep := redactSCOs(t, "../examples/policies/community.yaml", victimSIDInput)
	checkSCOIDs(t, victimSIDInput, out, objs, rep)
	if bytes.Contains(bytes.ToLower(out), []byte("s-1-5-21-3623811015")) {
		t.Errorf("the victim's SID is out:\n%s", out)
	}
	if !bytes.Contains(out, []byte("port 1001")) {
		t.Errorf("a numeric uid was learned:\n%s", out)
	}
	if bytes.Contains(out, []byte("windows-registry-key--00000000-")) {
		t.Errorf("the registry key keeps its id:\n%s", out)
	}
}

// victimFileInput names a victim in the files a phishing mail carried
// (found by a bug hunt: "Maria_Schneider_CV.pdf" left with her name, in
// the file SCO and in the message's content disposition).
const victimFileInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"identity","spec_version":"2.1","id":"identity--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","name":"Maria Schneider","identity_class":"individual"},
{"type":"file","spec_version":"2.1","id":"file--00000000-0000-4000-8000-000000000002","name":"Maria_Schneider_CV.pdf","hashes":{"SHA-256":"aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"}},
{"type":"email-message","spec_version":"2.1","id":"email-message--00000000-0000-4000-8000-000000000003","is_multipart":true,"subject":"CV","body_multipart":[{"content_type":"application/pdf","content_disposition":"attachment; filename=maria-schneider-cv.pdf","body_raw_ref":"file--00000000-0000-4000-8000-000000000002"}]}
]}`

// TestVictimNameInFileName: a victim's name joined by underscores or
// hyphens, as file names write it, goes with the pseudonym her name has
// elsewhere; the file gets the id of its new name, and the message's
// reference follows.
func TestVictimNameInFileName(t *testing.T) {
	out, objs, rep := redactSCOs(t, "../examples/policies/community.yaml", victimFileInput)
	checkSCOIDs(t, victimFileInput, out, objs, rep)
	if bytes.Contains(bytes.ToLower(out), []byte("schneider")) {
		t.Errorf("the victim's name is out:\n%s", out)
	}
	var name string
	for _, o := range objs {
		if o.typ == "identity" && name == "" {
			var x struct{ Name string }
			json.Unmarshal(o.raw, &x)
			name = x.Name
		}
	}
	if name == "" || !bytes.Contains(out, []byte(name+"_CV.pdf")) || !bytes.Contains(out, []byte("filename="+name+"-cv.pdf")) {
		t.Errorf("the file names do not hold the name's pseudonym %q:\n%s", name, out)
	}
}

// mailboxNamesInput is a phishing mail whose recipients' display names
// no dictionary knows (found by a bug hunt: "Zorbu Quintarelli" and
// "Quexley, Bramwith" left in the output beside their pseudonymised
// addresses, and in the note that names them again).
const mailboxNamesInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000001","value":"invoices@heron-billing.example","display_name":"Accounts Receivable"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000002","value":"zq@victim-firm.example","display_name":"Zorbu Quintarelli"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000003","value":"bq@victim-firm.example","display_name":"Quexley, Bramwith"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--00000000-0000-4000-8000-000000000004","value":"tarquin@mailbox.example","display_name":"Tarquin Blotsworth"},
{"type":"email-message","spec_version":"2.1","id":"email-message--00000000-0000-4000-8000-000000000005","is_multipart":false,"from_ref":"email-addr--00000000-0000-4000-8000-000000000001","to_refs":["email-addr--00000000-0000-4000-8000-000000000002"],"cc_refs":["email-addr--00000000-0000-4000-8000-000000000003"],"subject":"Overdue invoice","body":"Zorbu, please settle it today."},
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000006","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Zorbu Quintarelli forwarded it to Bramwith Quexley and Tarquin Blotsworth.","object_refs":["email-message--00000000-0000-4000-8000-000000000005"]}
]}`

// TestMailboxNames: an email address's display name is the name of
// whoever holds it, personal when the address is: a recipient's goes from
// the address object and from wherever it is written, however the
// dictionary reads it; the sender's, kept with its address, stays.
func TestMailboxNames(t *testing.T) {
	out, objs, rep := redactSCOs(t, "../examples/policies/community.yaml", mailboxNamesInput)
	checkSCOIDs(t, mailboxNamesInput, out, objs, rep)
	for _, name := range []string{"zorbu", "quintarelli", "quexley", "bramwith", "tarquin", "blotsworth"} {
		if bytes.Contains(bytes.ToLower(out), []byte(name)) {
			t.Errorf("%q is out:\n%s", name, out)
		}
	}
	if !bytes.Contains(out, []byte(`"value":"invoices@heron-billing.example","display_name":"Accounts Receivable"`)) {
		t.Errorf("the sender's address or name is gone:\n%s", out)
	}
}

// accountNameInput is a MISP export whose victim account is known by its
// profile path, and whose holder's name, which no dictionary knows, a
// comment repeats (found by a bug hunt: "found on Olusegun's desktop"
// left in the indicator while the account's display name went).
const accountNameInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[file:hashes.MD5 = '098f6bcd4621d373cade4e832627b4f6' AND file:name = 'C:\\\\Users\\\\ofernwhistle\\\\Desktop\\\\READ_ME.txt']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z","x_misp_comment":"found on Ozymandias's desktop; Fernwhistle reported it"},
{"type":"user-account","spec_version":"2.1","id":"user-account--00000000-0000-4000-8000-000000000002","user_id":"1001","account_login":"ofernwhistle","display_name":"Ozymandias Fernwhistle"}
]}`

// TestVictimAccountName: a victim's account's display name is its
// holder's, learned as its login is: it goes wherever it is written.
func TestVictimAccountName(t *testing.T) {
	out, objs, rep := redactSCOs(t, "../examples/policies/community.yaml", accountNameInput)
	checkSCOIDs(t, accountNameInput, out, objs, rep)
	for _, name := range []string{"ozymandias", "fernwhistle"} {
		if bytes.Contains(bytes.ToLower(out), []byte(name)) {
			t.Errorf("%q is out:\n%s", name, out)
		}
	}
	if !bytes.Contains(out, []byte("098f6bcd4621d373cade4e832627b4f6")) {
		t.Errorf("the hash is gone:\n%s", out)
	}
}

// authorsInput is a note and an opinion whose authors, the analysts who
// wrote them, no dictionary knows (found by a bug hunt: "Hendrika Vos"
// left in an OpenCTI note's authors and content, while a dictionary
// name beside it went).
const authorsInput = `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[
{"type":"note","spec_version":"2.1","id":"note--00000000-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","content":"Hendrika Vos triaged the beacon to 203.0.113.66.","authors":["Hendrika Vos","Quexley, B."],"object_refs":["opinion--00000000-0000-4000-8000-000000000002"]},
{"type":"opinion","spec_version":"2.1","id":"opinion--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","explanation":"Agreed with Hendrika.","authors":["Bramwith Quexley"],"opinion":"agree","object_refs":["note--00000000-0000-4000-8000-000000000001"]}
]}`

// TestAuthorsArePersons: the authors of notes and opinions are persons
// with no role in the graph: under persons: personal their names go as a
// whole, and from wherever else they are written.
func TestAuthorsArePersons(t *testing.T) {
	out, _, _ := redactSCOs(t, "../examples/policies/community.yaml", authorsInput)
	for _, name := range []string{"hendrika", "vos", "quexley", "bramwith"} {
		if bytes.Contains(bytes.ToLower(out), []byte(name)) {
			t.Errorf("%q is out:\n%s", name, out)
		}
	}
	if !bytes.Contains(out, []byte("203.0.113.66")) {
		t.Errorf("the C2 address is gone:\n%s", out)
	}
	// Under persons: keep, authors are kept as other persons without a
	// role are.
	rd := testCompile(t)(policy.Load("keep.yaml", []byte(`format: airlock/v1
name: keep
markings: {max_tlp: green, unmarked: clear}
pii: {persons: keep, dictionary_names: false}
ids: derive
identity: {name: Example CERT}
`)))
	out, _, err := rd.RedactBytes(context.Background(), []byte(authorsInput))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, []byte(authorsInput)) {
		t.Errorf("under persons: keep, the authors changed:\n%s", out)
	}
}

// TestEmbeddedRecipientName: the display name of a recipient's address
// embedded in observed-data (STIX 2.0's form) goes, with the pseudonym
// the same name has as a top-level address's.
func TestEmbeddedRecipientName(t *testing.T) {
	in := `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000aa","objects":[{"type":"observed-data","spec_version":"2.1","id":"observed-data--00000000-0000-4000-8000-000000000002","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","first_observed":"2026-01-10T10:00:00Z","last_observed":"2026-01-10T10:00:00Z","number_observed":1,"objects":{"0":{"type":"email-addr","value":"zq@victim-firm.example","display_name":"Zorbu Quintarelli"},"1":{"type":"email-message","is_multipart":false,"to_refs":["0"],"from_ref":"2","subject":"Invoice for Zorbu"},"2":{"type":"email-addr","value":"invoices@heron-billing.example","display_name":"Accounts Receivable"}}}]}`
	out, _, _ := redactSCOs(t, "../examples/policies/community.yaml", in)
	for _, name := range []string{"zorbu", "quintarelli"} {
		if bytes.Contains(bytes.ToLower(out), []byte(name)) {
			t.Errorf("%q is out:\n%s", name, out)
		}
	}
	if !bytes.Contains(out, []byte(`"value":"invoices@heron-billing.example","display_name":"Accounts Receivable"`)) {
		t.Errorf("the sender's address or name is gone:\n%s", out)
	}
	top, _, _ := redactSCOs(t, "../examples/policies/community.yaml", mailboxNamesInput)
	var pseudonym string
	for _, o := range scoObjectsOf(t, top) {
		var x struct{ Value, Display_name string }
		json.Unmarshal(o.raw, &x)
		if o.typ == "email-addr" && strings.HasPrefix(x.Display_name, "person-") && pseudonym == "" {
			pseudonym = x.Display_name
		}
	}
	if pseudonym == "" || !bytes.Contains(out, []byte(`"display_name":"`+pseudonym+`"`)) {
		t.Errorf("the embedded name has not the pseudonym %q of the top-level one:\n%s", pseudonym, out)
	}
}

// functionalNamesInput has a shared mailbox among a phishing email's
// recipients, a service account found in a profile path, and a note
// written by a team and by an organisation whose identity is in the
// input: names of roles, not persons.
const functionalNamesInput = `{"type":"bundle","id":"bundle--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a01","objects":[
{"type":"email-addr","spec_version":"2.1","id":"email-addr--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a02","value":"helpdesk@northwind-water.example","display_name":"IT Support Desk"},
{"type":"email-addr","spec_version":"2.1","id":"email-addr--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a03","value":"payments@heron-billing.example","display_name":"Heron Billing"},
{"type":"email-message","spec_version":"2.1","id":"email-message--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a04","is_multipart":false,"from_ref":"email-addr--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a03","to_refs":["email-addr--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a02"],"subject":"Remote Support Tool licence renewal"},
{"type":"user-account","spec_version":"2.1","id":"user-account--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a05","account_login":"svc_backup","display_name":"Backup Service"},
{"type":"file","spec_version":"2.1","id":"file--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a06","name":"rst.exe","parent_directory_ref":"directory--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a07"},
{"type":"directory","spec_version":"2.1","id":"directory--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a07","path":"C:\\Users\\svc_backup\\AppData\\Local\\Temp"},
{"type":"identity","spec_version":"2.1","id":"identity--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a08","created":"2026-02-01T00:00:00.000Z","modified":"2026-02-01T00:00:00.000Z","name":"Quillon Labs","identity_class":"organization"},
{"type":"note","spec_version":"2.1","id":"note--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a09","created":"2026-02-01T00:00:00.000Z","modified":"2026-02-01T00:00:00.000Z","authors":["Quillon Labs","Threat Intel Team"],"content":"Quillon Labs saw the Remote Support Tool beacon to 203.0.113.66; the Service Desk was the first to report it.","object_refs":["email-message--7a0c1a4e-27f4-4b43-9d4e-5d3a8a6f0a04"]}
]}`

// TestFunctionalNames checks that the names of shared mailboxes, service
// accounts, teams and organisations are not learned as persons' names:
// their words would then be replaced wherever capitalised, in the names
// of tools and in prose.
func TestFunctionalNames(t *testing.T) {
	out, objs, rep := redactSCOs(t, "../examples/policies/community.yaml", functionalNamesInput)
	checkSCOIDs(t, functionalNamesInput, out, objs, rep)
	for _, kept := range []string{
		`"subject":"Remote Support Tool licence renewal"`,
		`"authors":["Quillon Labs","Threat Intel Team"]`,
		`"content":"Quillon Labs saw the Remote Support Tool beacon to 203.0.113.66; the Service Desk was the first to report it."`,
	} {
		if !bytes.Contains(out, []byte(kept)) {
			t.Errorf("want %s in:\n%s", kept, out)
		}
	}
	if bytes.Contains(out, []byte("helpdesk@")) || bytes.Contains(out, []byte("svc_backup")) {
		t.Errorf("the victim's address or account is out:\n%s", out)
	}
}

// namedAccountInput has a user account linked to no one, whose display
// name the name dictionary reads as a person's, and a report that names
// its login.
const namedAccountInput = `{"type":"bundle","id":"bundle--5c1e0a9d-3b7e-4c55-9a51-0d7f2e6a1b01","objects":[
{"type":"user-account","spec_version":"2.1","id":"user-account--5c1e0a9d-3b7e-4c55-9a51-0d7f2e6a1b02","account_login":"mpeterson","display_name":"Mary Peterson","user_id":"S-1-5-21-3623811015-3361044348-30300820-1013","account_type":"windows-domain"},
{"type":"report","spec_version":"2.1","id":"report--5c1e0a9d-3b7e-4c55-9a51-0d7f2e6a1b03","created":"2026-02-01T00:00:00.000Z","modified":"2026-02-01T00:00:00.000Z","name":"Intrusion","published":"2026-02-01T00:00:00Z","description":"The intruder logged on as mpeterson from 203.0.113.66 (SID S-1-5-21-3623811015-3361044348-30300820-1013).","object_refs":["user-account--5c1e0a9d-3b7e-4c55-9a51-0d7f2e6a1b02"]}
]}`

// TestAccountOfNamedPerson checks that an account whose display name is a
// person's is that person's, where persons without a role are personal:
// its login and user id go with the name, in the account and in text.
func TestAccountOfNamedPerson(t *testing.T) {
	out, objs, rep := redactSCOs(t, "../examples/policies/community.yaml", namedAccountInput)
	checkSCOIDs(t, namedAccountInput, out, objs, rep)
	for _, v := range []string{"Mary", "Peterson", "mpeterson", "3623811015"} {
		if bytes.Contains(out, []byte(v)) {
			t.Errorf("%q is out:\n%s", v, out)
		}
	}
	if !bytes.Contains(out, []byte("203.0.113.66")) {
		t.Errorf("the intruder's address is gone:\n%s", out)
	}
}
