package redact

import (
	"strings"
	"unicode"
)

// functionalWords are the words that name a function rather than a
// person: the mailbox names of RFC 2142 (section 3 to 5: info, sales,
// support, abuse, noc, security, postmaster, webmaster, ...) and those
// organisations commonly give shared mailboxes, service accounts and
// teams. A display name or an author holding one ("IT Support Desk",
// "Accounts Payable", "Threat Intel Team") is a role's, not a person's.
var functionalWords = map[string]bool{
	// RFC 2142
	"info": true, "marketing": true, "sales": true, "support": true,
	"abuse": true, "noc": true, "security": true, "postmaster": true,
	"hostmaster": true, "usenet": true, "news": true, "webmaster": true,
	"www": true, "uucp": true, "ftp": true,
	// shared mailboxes and teams
	"accounts": true, "accounting": true, "admin": true, "administrator": true,
	"administration": true, "billing": true, "careers": true, "cert": true,
	"contact": true, "csirt": true, "customer": true, "customers": true,
	"desk": true, "enquiries": true, "finance": true, "help": true,
	"helpdesk": true, "hr": true, "inquiries": true, "intelligence": true,
	"invoices": true, "it": true, "jobs": true, "legal": true, "mail": true,
	"mailbox": true, "media": true, "noreply": true, "notifications": true,
	"office": true, "operations": true, "ops": true, "orders": true,
	"payable": true, "payroll": true, "press": true, "procurement": true,
	"receivable": true, "reception": true, "service": true, "services": true,
	"servicedesk": true, "soc": true, "staff": true, "system": true,
	"team": true, "group": true, "department": true, "dept": true,
}

// functional reports whether a name is a role's rather than a person's:
// whether one of its words is a functional word. Such a name is still
// replaced where it stands as a victim's, but it is not learned and
// looked for elsewhere: its words ("Support", "Service") are everyday
// words of threat reports and of the names of malware and tools.
func functional(name string) bool {
	for _, w := range strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if functionalWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}
