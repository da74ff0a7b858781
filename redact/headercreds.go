package redact

import "strings"

// A header field that authenticates its message carries a credential,
// whoever's it is, as a user-account's credential does (STIX 2.1 section
// 6.14): the Basic scheme's token is user:password in base64 (RFC 7617),
// a Bearer token is a secret in itself (RFC 6750), and so is an API key
// or a session token in a header of its own. A Cookie's value is a
// session secret when the traffic is a victim's, and a beacon's
// encrypted metadata about the victim's host when it is an implant's
// (Cobalt Strike's goes in a Cookie): which one a captured request holds
// cannot be told from the object, and neither is what a recipient
// matches on (the C2 address, the URL path, the User-Agent are, and
// stay), so every Cookie and Set-Cookie counts as a credential too (fail
// closed). The whole value is the credential: an Authorization's scheme
// and a Cookie's names go with it, as a user-account's credential goes
// whole.
//
// Where such a value is, visitSites marks its leaf personal as a whole, of
// kind "credential", so that the policy's action for credentials applies:
// in an email-message's additional_header_fields, an HTTP request's
// request_header (network-traffic's http-request-ext), a custom
// response_header, and a STIX pattern's literal compared with one of
// them.

// credentialField reports whether a header field named name carries a
// credential: Authorization, Proxy-Authorization, Cookie, Set-Cookie, and
// any field whose name says it holds a token, an API key, a secret or a
// password (X-Auth-Token, X-Api-Key, X-Amz-Security-Token).
// Authentication-Results and DKIM-Signature, which hold none, are not.
func credentialField(name string) bool {
	for _, f := range [...]string{"authorization", "proxy-authorization", "cookie", "set-cookie", "set-cookie2"} {
		if strings.EqualFold(name, f) {
			return true
		}
	}
	if len(name) < 5 || len(name) > 64 {
		return false
	}
	var buf [64]byte
	lower := buf[:len(name)]
	for i := range len(name) {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	for _, w := range [...]string{"token", "api-key", "apikey", "api_key", "secret", "password", "passwd"} {
		if strings.Contains(string(lower), w) {
			return true
		}
	}
	return false
}
