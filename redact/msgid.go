package redact

import (
	"strings"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/stix"
)

// A message identifier (RFC 5322 section 3.6.4: "<" id-left "@" id-right
// ">") is written like an email address and is none: it names one message,
// and a phishing mail's Message-ID is one of its best indicators. The
// email detector cannot tell it from an address, so detectSite does, by
// where it stands:
//
//   - in a field that holds message identifiers: an email-message's
//     message_id (STIX 2.1 section 6.5), the Message-ID, In-Reply-To,
//     References, Resent-Message-ID (RFC 5322 section 3.6.6) and Content-ID
//     (RFC 2045 section 7) entries of its additional_header_fields, and a
//     pattern literal compared with one of them;
//   - in other text, between angle brackets after one of those header
//     names ("Message-ID: <...>", "In-Reply-To <...>"), or after another
//     such identifier of the same list ("References: <a@b> <c@d>").
//
// What the email detector found there is not reported, but for one
// thing: an identifier whose id-right lies in the sender's own domains
// names one of its hosts, and is reported as an internal host name, whole.
// Such a message is the victim's own, and its id-left is whatever the
// victim's mailer put there: a user name, or an address ("In-Reply-To:
// <jane.doe@example.org>" from a client that writes one), so it goes with
// its host (fail closed); the identifier as a whole keeps its pseudonym,
// so that two messages stay two. An identifier on another host is kept
// whole: an address embedded in its id-left could only be encoded (the
// id-left is a dot-atom, without '@'), and is left to what the other
// detectors find in it.

// messageIDField reports whether a header field (or an email-message
// property) named name holds message identifiers.
func messageIDField(name string) bool {
	for _, f := range [...]string{"message-id", "in-reply-to", "references", "resent-message-id", "content-id", "message_id"} {
		if strings.EqualFold(name, f) {
			return true
		}
	}
	return false
}

// messageIDSite reports whether the leaf at p of an object of type typ
// holds message identifiers (see messageIDField): an email-message's
// message_id, or an entry of a dictionary of header fields. An
// observed-data's embedded email (STIX 2.0) counts as a top-level one.
func messageIDSite(typ string, p stix.Path) bool {
	n := len(p)
	if n == 0 || (typ != "email-message" && typ != "observed-data") {
		return false
	}
	if k := p[n-1]; !k.IsIndex() && k.Key == "message_id" {
		return true
	}
	name := headerField(p)
	return name != "" && messageIDField(name)
}

// headerField returns the name of the header field whose value (or one of
// whose values) the leaf at p is, or "": the key of an entry of an
// email-message's additional_header_fields, or of an HTTP request's
// request_header (or a custom response_header).
func headerField(p stix.Path) string {
	k := len(p) - 1
	if k >= 0 && p[k].IsIndex() {
		k-- // a field written several times: a list of values
	}
	if k < 1 || p[k].IsIndex() || p[k-1].IsIndex() {
		return ""
	}
	switch p[k-1].Key {
	case "additional_header_fields", "request_header", "response_header":
		return p[k].Key
	}
	return ""
}

// literalHeaderField returns the header field, or the email-message
// property, that a pattern literal is compared with ("message_id",
// "Message-ID" for additional_header_fields.'Message-ID'), or "".
func literalHeaderField(lit *stix.PatternLiteral) string {
	prop := lit.Property
	if lit.ObjectType == "email-message" && prop == "message_id" {
		return prop
	}
	for _, d := range [...]string{"additional_header_fields.", "request_header.", "response_header."} {
		if k := strings.LastIndex(prop, d); k >= 0 {
			name := prop[k+len(d):]
			if j := strings.IndexByte(name, '['); j >= 0 {
				name = name[:j]
			}
			if len(name) >= 2 && name[0] == '\'' && name[len(name)-1] == '\'' {
				name = name[1 : len(name)-1]
			}
			return name
		}
	}
	return ""
}

// messageIDs takes out of sc.ms the email candidates that are message
// identifiers in text, but those whose id-right is internal, which it
// turns into host names (see above). field says the whole text is a
// field of message identifiers. It costs nothing on text without an email
// candidate.
func (sc *detectScratch) messageIDs(text string, field bool) {
	email := false
	for _, c := range sc.ms {
		email = email || c.m.Kind == detect.Email
	}
	if !email {
		return
	}
	var prev labelledID
	kept := sc.ms[:0]
	for _, c := range sc.ms {
		if c.m.Kind != detect.Email || !(field || prev.messageID(text, c.m.Start, c.m.End)) {
			kept = append(kept, c)
			continue
		}
		if !c.m.Internal {
			continue // an identifier: no one's personal data
		}
		c.m.Kind = detect.Hostname // the sender's own message: see above
		kept = append(kept, c)
	}
	sc.ms = kept
}

// labelledID remembers the last angle bracket that messageID judged, so
// that a list of identifiers is read once, not once for each of them.
type labelledID struct {
	lt int // the '<' judged, plus one (0: none yet)
	ok bool
}

// messageID reports whether the address at text[start:end] is the whole
// of an angle-bracketed message identifier in free text: between '<' and
// '>' with nothing but identifier characters around it, after a header
// name that messageIDField accepts (a ':', a quote or white space
// between), or after another identifier so introduced.
func (l *labelledID) messageID(text string, start, end int) bool {
	lt, gt := start, end
	for lt > 0 && start-lt < maxIDLen && idByte(text[lt-1]) {
		lt--
	}
	for gt < len(text) && gt-end < maxIDLen && idByte(text[gt]) {
		gt++
	}
	if lt == 0 || text[lt-1] != '<' || gt == len(text) || text[gt] != '>' {
		return false
	}
	lt--
	first := lt
	ok := false
	for {
		if l.lt == lt+1 {
			ok = l.ok
			break
		}
		i := lt
		for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\r' || text[i-1] == '\n' || text[i-1] == ',') {
			i--
		}
		if i > 0 && text[i-1] == '>' {
			// Another identifier before it: the list is what that one is.
			j := strings.LastIndexByte(text[:i-1], '<')
			if j < 0 || !strings.Contains(text[j+1:i-1], "@") || strings.IndexFunc(text[j+1:i-1], func(r rune) bool { return r >= 0x80 || !idByte(byte(r)) }) >= 0 {
				break
			}
			lt = j
			continue
		}
		for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == ':' || text[i-1] == '"' || text[i-1] == '\'' || text[i-1] == '=') {
			i--
		}
		j := i
		for j > 0 && (isAlnum(text[j-1]) || text[j-1] == '-' || text[j-1] == '_') {
			j--
		}
		ok = j < i && messageIDField(text[j:i])
		break
	}
	l.lt, l.ok = first+1, ok
	return ok
}

// maxIDLen bounds how far messageID looks around an address for the
// brackets: RFC 5322 lines are at most 998 characters, and the bound
// keeps a long run of joined addresses linear.
const maxIDLen = 998

// idByte reports the bytes a message identifier holds between its angle
// brackets: printable ASCII but white space, the brackets themselves and
// the quotes and separators prose puts around it.
func idByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '<' && c != '>' && c != '"' && c != ',' && c != ';'
}
