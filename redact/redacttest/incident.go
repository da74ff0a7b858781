package redacttest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// An Incident is a generated incident report with its labels: the victim
// and staff data that must not leave, the indicators that must survive,
// and hard negatives (values that look like personal data and are not).
type Incident struct {
	Bundle []byte `json:"-"`
	// Org is the victim organisation's namespace, given to the redactor as
	// --internal-domain and --internal-net would.
	Domain   string   `json:"domain"`
	Network  string   `json:"network"`
	Remove   []Label  `json:"remove"`
	Keep     []Label  `json:"keep"`
	Negative []string `json:"negative"`
}

// A Label is a value as written in the bundle, and its kind.
type Label struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
	Where string `json:"where"`
}

// IncidentOptions shape a generated incident.
type IncidentOptions struct {
	Seed uint64
	// Hard writes part of the personal data in forms that defeat plain
	// matching: fullwidth, zero-width characters, defanged, URL-encoded,
	// IPv6.
	Hard bool
}

var givenNames = []string{"Jane", "John", "Aisha", "Carlos", "Mei", "Olga", "Pierre", "Fatima", "Liam", "Sofia", "Hiroshi", "Amara", "Lukas", "Priya", "Mateo", "Elena"}
var surnames = []string{"Doe", "Smith", "Khan", "García", "Chen", "Ivanova", "Dubois", "Haddad", "Murphy", "Rossi", "Tanaka", "Okafor", "Müller", "Sharma", "López", "Novak"}

// Valid checksummed identifiers (Luhn cards, mod-97 IBANs, mod-11 NHS
// numbers, well-formed NINOs and SSNs), each used by one generated person.
var cards = []string{"4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005", "6011 1111 1111 1117", "4012 8888 8888 1881", "5105 1051 0510 5100"}
var ibans = []string{"GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "FR14 2004 1010 0505 0001 3M02 606", "NL91 ABNA 0417 1643 00", "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456"}
var ninos = []string{"AB 12 34 56 C", "JG 10 37 56 A", "NP 45 67 89 B", "ZH 31 25 79 D", "CE 55 66 77 A", "TP 04 19 27 C"}
var nhs = []string{"943 476 5919", "401 023 2137", "945 807 3022", "157 368 1938", "450 557 7104", "036 426 2125"}
var ssns = []string{"536-22-1234", "212-09-7694", "401-33-7821", "078-12-3456", "523-45-6788", "145-62-9001"}
var phones = []string{"+44 20 7946 0958", "+1 (415) 555-0132", "+49 30 901820", "(020) 7946 0321", "+33 1 42 68 53 00", "+61 2 9374 4000"}
var altPhones = []string{"+1 415-555-0132", "020 7946 0018", "+44 (0)161 496 0000", "(212) 555-0147", "+49 (0)30 901820", "+61 (2) 9374 4000"}
var macs = []string{"00:1a:2b:3c:4d:5e", "3c-22-fb-91-0a-7e", "a4:83:e7:12:34:56", "f0:18:98:aa:bb:cc", "00:50:56:c0:00:08", "b8:27:eb:45:67:89"}

// Incident returns a generated incident report.
func NewIncident(o IncidentOptions) *Incident {
	r := rand.New(rand.NewPCG(o.Seed, o.Seed*7+1))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	org := []string{"northwind", "contoso", "fabrikam", "tailspin", "woodgrove"}[r.IntN(5)]
	domain := org + "-energy.co.uk"
	netBase := fmt.Sprintf("84.%d.%d", 16+r.IntN(200), r.IntN(250))
	in := &Incident{Domain: domain, Network: netBase + ".0/24"}
	remove := func(kind, value, where string) string {
		in.Remove = append(in.Remove, Label{kind, value, where})
		return value
	}
	keep := func(kind, value, where string) string {
		in.Keep = append(in.Keep, Label{kind, value, where})
		return value
	}
	neg := func(v string) string { in.Negative = append(in.Negative, v); return v }

	gi, si := r.IntN(len(givenNames)), r.IntN(len(surnames))
	first, last := givenNames[gi], surnames[si]
	full := first + " " + last
	login := strings.ToLower(first[:1] + strings.NewReplacer("í", "i", "ü", "u", "ó", "o").Replace(last))
	email := strings.ToLower(first) + "." + strings.ToLower(strings.NewReplacer("í", "i", "ü", "u", "ó", "o").Replace(last)) + "@" + domain
	staff := givenNames[(gi+3)%len(givenNames)] + " " + surnames[(si+5)%len(surnames)]
	host := fmt.Sprintf("ws-%03d.corp.%s", r.IntN(999), domain)
	privIP := fmt.Sprintf("10.%d.%d.%d", r.IntN(250), r.IntN(250), 1+r.IntN(250))
	pubIP := fmt.Sprintf("%s.%d", netBase, 1+r.IntN(250))
	lanIP := fmt.Sprintf("192.168.%d.%d", r.IntN(250), 1+r.IntN(250))
	k := int(o.Seed) % len(cards)
	card, iban, nino, nhsn, ssn, phone, mac := cards[k], ibans[k], ninos[k], nhs[k], ssns[k], phones[k], macs[k]
	profile := `C:\Users\` + login + `\AppData\Roaming\`
	if o.Seed%3 == 1 {
		// Other ways people write the same data.
		card = strings.ReplaceAll(card, " ", "-")
		iban = strings.ReplaceAll(iban, " ", "")
		nino = strings.ReplaceAll(nino, " ", "")
		phone = altPhones[k]
		mac = strings.ReplaceAll(mac, "-", ":")
		mac = mac[0:2] + mac[3:5] + "." + mac[6:8] + mac[9:11] + "." + mac[12:14] + mac[15:17]
		profile = "/home/" + login + "/.cache/"
		host = fmt.Sprintf("fileserver%02d.corp.local", r.IntN(99))
	} else if o.Seed%3 == 2 {
		profile = "/Users/" + login + "/Library/"
		ssn = strings.ReplaceAll(ssn, "-", " ")
	}
	pass := fmt.Sprintf("Winter%d!", 2020+r.IntN(6))

	c2 := fmt.Sprintf("%d.%d.%d.%d", []int{45, 91, 185, 194, 5}[r.IntN(5)], 1+r.IntN(250), 1+r.IntN(250), 1+r.IntN(250))
	c2v6 := fmt.Sprintf("2a0b:%x:%x::%x", 0x1000+r.IntN(0xe000), r.IntN(0xffff), 1+r.IntN(0xfff))
	c2dom := []string{"update-check", "cdn-sync", "mail-verify", "secure-login"}[r.IntN(4)] + fmt.Sprintf("%d.net", r.IntN(90)+10)
	attacker := []string{"hr.payroll", "it.support", "invoice"}[r.IntN(3)] + fmt.Sprintf("%d@", r.IntN(900)+100) + []string{"mailbox-secure.com", "outlook-verify.net", "proton-relay.org"}[r.IntN(3)]
	md5 := fmt.Sprintf("%032x", r.Uint64()) // 16 hex digits, zero-padded
	md5 = md5[:16] + fmt.Sprintf("%016x", r.Uint64())
	sha256 := fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
	cve := fmt.Sprintf("CVE-20%d-%d", 18+r.IntN(8), 1000+r.IntN(50000))
	tech := fmt.Sprintf("T1%03d.%03d", r.IntN(600), 1+r.IntN(9))
	ver := fmt.Sprintf("10.0.%d.%d", 17000+r.IntN(5000), r.IntN(3000))

	// The harder set writes some values obfuscated; the label holds the
	// form as written.
	emailW, hostW, privW, nameW := email, host, privIP, full
	v6 := ""
	if o.Hard {
		switch o.Seed % 4 {
		case 0:
			emailW = fullwidth(email)
			privW = strings.ReplaceAll(privIP, ".", "[.]")
		case 1:
			emailW = strings.Replace(email, "@", "[at]", 1)
			nameW = first + "\u200b " + last // a zero-width space inside the name
			hostW = strings.ReplaceAll(host, ".", "[.]")
		case 2:
			emailW = strings.Replace(email, "@", "%40", 1)
			privW = strings.ReplaceAll(privIP, ".", "(.)")
		case 3:
			emailW = strings.Replace(email, "@", "\u200b@", 1)
			nameW = fullwidth(first) + " " + last
		}
		v6 = fmt.Sprintf("fd%02x:%x::%x", r.IntN(256), r.IntN(0xffff), 1+r.IntN(0xfff))
	}

	G := "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
	n := 0
	id := func(typ string) string {
		n++
		return fmt.Sprintf("%s--%08x-%04x-4%03x-8%03x-%012x", typ, o.Seed, r.IntN(0x10000), r.IntN(0x1000), r.IntN(0x1000), n)
	}
	sdo := func(typ string, kv ...any) map[string]any {
		m := map[string]any{"type": typ, "spec_version": "2.1", "id": id(typ), "created": "2026-03-01T09:00:00.000Z", "modified": "2026-03-01T09:00:00.000Z", "object_marking_refs": []any{G}}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}
	sco := func(typ string, kv ...any) map[string]any {
		m := map[string]any{"type": typ, "spec_version": "2.1", "id": id(typ)}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	}

	victim := sdo("identity", "name", remove("person-name", full, "identity.name"), "identity_class", "individual",
		"contact_information", remove("email", email, "identity.contact_information")+", "+remove("phone", phone, "identity.contact_information"))
	orgID := sdo("identity", "name", "Example Energy plc", "identity_class", "organization", "sectors", []any{"energy"})
	actor := sdo("intrusion-set", "name", "Lantern Spider", "description", "A financially motivated group.")
	targets := sdo("relationship", "relationship_type", "targets", "source_ref", actor["id"], "target_ref", victim["id"])
	attAddr := sco("email-addr", "value", keep("email", attacker, "email-addr.value"))
	vicAddr := sco("email-addr", "value", remove("email", email, "email-addr.value"), "display_name", full)
	msg := sco("email-message", "is_multipart", false, "from_ref", attAddr["id"], "to_refs", []any{vicAddr["id"]},
		"subject", "Payslip for "+remove("person-name", full, "email-message.subject"),
		"body", "Dear "+first+", please confirm your bank details ("+remove("iban", iban, "email-message.body")+") at hxxp://"+keep("domain", c2dom, "email-message.body")+"/login.")
	ipPriv := sco("ipv4-addr", "value", remove("ipv4", privIP, "ipv4-addr.value"))
	ipPub := sco("ipv4-addr", "value", remove("ipv4", pubIP, "ipv4-addr.value"))
	ipC2 := sco("ipv4-addr", "value", keep("ipv4", c2, "ipv4-addr.value"))
	macObj := sco("mac-addr", "value", remove("mac", mac, "mac-addr.value"))
	acct := sco("user-account", "account_login", remove("account", login, "user-account.account_login"), "display_name", full,
		"credential", remove("credential", pass, "user-account.credential"))

	ind := sdo("indicator", "name", "C2 and phishing sender", "indicator_types", []any{"malicious-activity"},
		"pattern", fmt.Sprintf("[ipv4-addr:value = '%s'] OR [domain-name:value = '%s'] OR [email-message:from_ref.value = '%s'] OR [file:hashes.'SHA-256' = '%s']",
			keep("ipv4", c2, "pattern"), keep("domain", c2dom, "pattern"), keep("email", attacker, "pattern"), keep("sha256", sha256, "pattern")),
		"pattern_type", "stix", "valid_from", "2026-03-01T00:00:00Z")
	indVictim := sdo("indicator", "name", "Compromised host", "indicator_types", []any{"compromised"},
		"pattern", fmt.Sprintf("[ipv4-addr:value = '%s'] AND [email-addr:value = '%s']", remove("ipv4", privIP, "pattern"), remove("email", email, "pattern")),
		"pattern_type", "stix", "valid_from", "2026-03-01T00:00:00Z")

	desc := fmt.Sprintf("On 2026-02-27 a phishing email from %s reached %s (%s, %s). "+
		"The payload exploited %s (%s) on %s (%s, MAC %s) running build %s and wrote to %s%s. "+
		"It beaconed to %s and %s over port %s; the dropper's MD5 was %s. "+
		"Logs from the VPN gateway %s show the session. HR data taken includes NINO %s, NHS number %s, SSN %s and card %s. "+
		"Incident handler: %s.",
		keep("email", attacker, "report.description"), remove("email", emailW, "report.description"), remove("person-name", nameW, "report.description"), remove("phone", phone, "report.description"),
		keep("cve", cve, "report.description"), keep("attack", tech, "report.description"), remove("hostname", hostW, "report.description"), remove("ipv4", privW, "report.description"), remove("mac", mac, "report.description"),
		keep("version", ver, "report.description"), strings.Replace(profile, login, remove("user-path", login, "report.description"), 1), neg("setup.py"),
		keep("ipv4", c2, "report.description"), keep("domain", c2dom, "report.description"), neg("8443"), keep("md5", md5, "report.description"),
		remove("ipv4", pubIP, "report.description"), remove("uk-nino", nino, "report.description"), remove("uk-nhs", nhsn, "report.description"), remove("us-ssn", ssn, "report.description"), remove("payment-card", card, "report.description"),
		remove("person-name", staff, "report.description"))
	if v6 != "" {
		desc += fmt.Sprintf(" The implant also reached %s from the internal address %s.", keep("ipv6", c2v6, "report.description"), remove("ipv6", v6, "report.description"))
	}
	rep := sdo("report", "name", "Incident "+fmt.Sprint(o.Seed), "published", "2026-03-01T09:00:00Z", "report_types", []any{"incident"},
		"description", desc,
		"object_refs", []any{victim["id"], orgID["id"], actor["id"], ind["id"], indVictim["id"]},
		"x_example_triage_notes", "Call "+remove("person-name", full, "x_example_triage_notes")+" on "+remove("phone", phone, "x_example_triage_notes")+"; laptop "+remove("ipv4", lanIP, "x_example_triage_notes")+". Ticket opened "+neg("2026-03-01T09:15:00Z")+" with id "+neg("3f2c8e5a-9b1d-4c7e-8f60-2a4b6c8d0e1f")+".",
		"external_references", []any{
			map[string]any{"source_name": "internal-ticket", "url": fmt.Sprintf("https://%s:%s@servicedesk.%s/ticket/4711?user=%s", remove("url-credential", login, "external_references.url"), pass, domain, strings.Replace(email, "@", "%40", 1)), "description": "Opened by " + remove("person-name", staff, "external_references.description")},
			map[string]any{"source_name": "mitre", "external_id": keep("attack", tech, "external_references.external_id")},
		})
	note := sdo("note", "content", fmt.Sprintf("%s confirmed the laptop %s was wiped. Registry key %s was deleted; %s.", remove("person-name", full, "note.content"), remove("hostname", host, "note.content"), neg(`HKLM\Software\Microsoft\Windows\CurrentVersion\Run`), neg("see version 2.4.1")), "object_refs", []any{rep["id"]})
	obs := sdo("observed-data", "first_observed", "2026-02-27T10:00:00Z", "last_observed", "2026-02-27T10:05:00Z", "number_observed", 1,
		"object_refs", []any{msg["id"], attAddr["id"], vicAddr["id"], ipPriv["id"], ipPub["id"], ipC2["id"], macObj["id"], acct["id"]})
	sight := sdo("sighting", "sighting_of_ref", ind["id"], "where_sighted_refs", []any{orgID["id"]})
	objs := []any{victim, orgID, actor, targets, attAddr, vicAddr, msg, ipPriv, ipPub, ipC2, macObj, acct, ind, indVictim, obs, sight, rep, note}
	in.Bundle, _ = json.MarshalIndent(map[string]any{"type": "bundle", "id": fmt.Sprintf("bundle--%08x-0000-4000-8000-000000000000", o.Seed), "objects": objs}, "", "  ")
	_ = pick
	return in
}

// fullwidth writes ASCII letters, digits and punctuation in their
// fullwidth forms (U+FF01..U+FF5E).
func fullwidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > 0x20 && r < 0x7f {
			r += 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}
