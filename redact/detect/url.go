package detect

// urlDetector finds personal data inside URLs:
//
//   - the userinfo of an authority, scheme://user:password@host (or
//     scheme://user@host), reported whole as URLCredential;
//   - the value of a query parameter that holds personal data, reported as
//     URLQuery: email, e-mail, e_mail, mail, user, username, user_name,
//     login, name, firstname, first_name, lastname, last_name, phone, tel,
//     ssn (names compared case-insensitively); and of a parameter that
//     holds a secret, reported as URLCredential: password, passwd, pass,
//     pwd, the tokens of OAuth 2.0 and OpenID Connect (access_token,
//     refresh_token, id_token, RFC 6750 section 2.3's bearer token in a
//     query), token, auth_token, API keys (apikey, api_key, api-key),
//     client_secret, secret, and the signatures of presigned URLs (sig,
//     signature, x-amz-signature, x-amz-security-token,
//     x-goog-signature), which grant access to whoever holds the URL.
//     Query parameters are found wherever "?name=" or "&name=" is
//     written, so relative URLs and logged request lines count too.
//
// It reads the normalised view, so hxxp://user:pw@evil[.]example and
// percent-encoded values are found; a value ends at '&', '#', white space,
// a quote or angle bracket, and loses trailing punctuation. Value is the
// normalised text of the span.
type urlDetector struct{}

func (urlDetector) Name() string { return "url" }

// queryKinds maps a parameter name to the kind its value is.
var queryKinds = map[string]Kind{
	"email": URLQuery, "e-mail": URLQuery, "e_mail": URLQuery, "mail": URLQuery,
	"user": URLQuery, "username": URLQuery, "user_name": URLQuery, "login": URLQuery,
	"name": URLQuery, "firstname": URLQuery, "first_name": URLQuery,
	"lastname": URLQuery, "last_name": URLQuery,
	"phone": URLQuery, "tel": URLQuery, "ssn": URLQuery,
	"password": URLCredential, "passwd": URLCredential, "pass": URLCredential, "pwd": URLCredential,
	"access_token": URLCredential, "refresh_token": URLCredential, "id_token": URLCredential,
	"token": URLCredential, "auth_token": URLCredential,
	"apikey": URLCredential, "api_key": URLCredential, "api-key": URLCredential,
	"client_secret": URLCredential, "secret": URLCredential,
	"sig": URLCredential, "signature": URLCredential, "x-amz-signature": URLCredential,
	"x-amz-security-token": URLCredential, "x-goog-signature": URLCredential,
}

func (urlDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassColon|ClassSlash) && !t.Has(ClassQuery) {
		return
	}
	n := t.norm
	colon, query, amp := -1, -1, -1
	for i := 0; i < len(n); {
		p := min(nextByteAt(n, i, ':', &colon), nextByteAt(n, i, '?', &query), nextByteAt(n, i, '&', &amp))
		if p == len(n) {
			return
		}
		i = p + 1
		var start, end int
		var kind Kind
		if n[p] == ':' {
			start, end = userinfoAt(n, p)
			kind = URLCredential
		} else {
			start, end, kind = queryValueAt(n, p)
		}
		if end > start {
			s, e := t.Orig(start, end)
			found(Match{Kind: kind, Start: s, End: e, Value: n[start:end]})
			i = end
		}
	}
}

// userinfoAt returns the userinfo of the URL whose "://" is at n[p:], or
// an empty span.
func userinfoAt(n string, p int) (int, int) {
	if !hasPrefixAt(n, p, "://") {
		return 0, 0
	}
	// The scheme: a letter, then letters, digits, + - .
	s := p
	for s > 0 && (isAlnum(n[s-1]) || n[s-1] == '+' || n[s-1] == '-' || n[s-1] == '.') {
		s--
	}
	if s == p || !(n[s] >= 'a' && n[s] <= 'z') {
		return 0, 0
	}
	start := p + 3
	end := start
	at := -1
	for end < len(n) {
		c := n[end]
		if authorityEnds[c] {
			break
		}
		if c == '@' {
			at = end
		}
		end++
	}
	if at <= start {
		return 0, 0
	}
	return start, at
}

// queryValueAt returns the value of the query parameter whose '?' or '&'
// is at n[p], if the parameter is a personal one, or an empty span.
func queryValueAt(n string, p int) (int, int, Kind) {
	q := p + 1
	for q < len(n) && (isAlnum(n[q]) || n[q] == '_' || n[q] == '-') {
		q++
	}
	if q >= len(n) || n[q] != '=' || q == p+1 {
		return 0, 0, ""
	}
	kind, ok := queryKinds[n[p+1:q]]
	if !ok {
		return 0, 0, ""
	}
	start := q + 1
	end := start
	for end < len(n) && n[end] != '&' && n[end] != '#' && !isURLEnd(n[end]) {
		end++
	}
	end = trimURLTail(n, start, end)
	return start, end, kind
}

// authorityEnds marks the bytes that end a URL's authority: '/', '?',
// '#', '\\' and those isURLEnd reports. Never written after
// initialisation.
var authorityEnds = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '/' || c == '?' || c == '#' || c == '\\' || isURLEnd(byte(c))
	}
	return t
}()

// isURLEnd reports the bytes a URL written in text never holds.
func isURLEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '"', '\'', '<', '>', '`', 0:
		return true
	}
	return false
}

// trimURLTail drops trailing punctuation that belongs to the sentence, and
// closing brackets that have no opening one in the value.
func trimURLTail(n string, start, end int) int {
	var open, closed [3]int // (), [], {}
	for k := start; k < end; k++ {
		if b := bracketIndex(n[k]); b >= 0 {
			if n[k] == '(' || n[k] == '[' || n[k] == '{' {
				open[b]++
			} else {
				closed[b]++
			}
		}
	}
	for end > start {
		c := n[end-1]
		switch c {
		case '.', ',', ';', ':', '!', '?':
			end--
			continue
		case ')', ']', '}':
			if b := bracketIndex(c); closed[b] > open[b] {
				closed[b]--
				end--
				continue
			}
		}
		break
	}
	return end
}

func bracketIndex(c byte) int {
	switch c {
	case '(', ')':
		return 0
	case '[', ']':
		return 1
	case '{', '}':
		return 2
	}
	return -1
}
