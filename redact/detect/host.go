package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// hostDetector finds host names inside the configured internal domains
// (Config.InternalDomains): a name equal to one of them or under it,
// standing alone (not the domain of an email address, which the email
// detector reports, nor the front of a longer name such as
// corp.example.com.evil.net), and host names under suffixes internal by
// nature (.local, .internal, .home.arpa, .lan, .corp, ...).
//
// Names are read from the normalised view as runs of letters, digits,
// '-', '_' and dots; Value is the name lower-cased without a trailing
// dot, Country the ccTLD's (see ccTLDCountry), Internal always true.
type hostDetector struct{ ns *namespace }

func (hostDetector) Name() string { return "hostname" }

func (d hostDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassDot) {
		return
	}
	n := t.norm
	for i := 0; i < len(n); {
		c, size := rune(n[i]), 1
		if c >= 0x80 {
			c, size = utf8.DecodeRuneInString(n[i:])
		}
		if !isHostRune(c) {
			i += size
			continue
		}
		// A maximal run of host characters and dots.
		j := i
		for j < len(n) {
			r, sz := rune(n[j]), 1
			if r >= 0x80 {
				r, sz = utf8.DecodeRuneInString(n[j:])
			}
			if !isHostRune(r) && r != '.' {
				break
			}
			j += sz
		}
		start, end := i, j
		i = j
		for end > start && (n[end-1] == '.' || n[end-1] == '-') {
			end--
		}
		if (start > 0 && n[start-1] == '@' && !afterUserinfo(n, start-1)) || j < len(n) && n[j] == '@' {
			continue // an email address, or its local part
		}
		h := n[start:end]
		if !validHostName(h) || !d.ns.internalDomain(h) {
			continue
		}
		s, e := t.Orig(start, end)
		found(Match{Kind: Hostname, Start: s, End: e, Value: h, Country: hostCountry(h), Internal: true})
	}
}

// afterUserinfo reports whether the '@' at n[at] ends the user information
// of a URL (scheme://user:password@host), so that what follows is the
// URL's host, not an email address's domain.
func afterUserinfo(n string, at int) bool {
	k := at
	for k > 0 && n[k-1] != ' ' && n[k-1] != '\t' && n[k-1] != '\n' && n[k-1] != '"' && n[k-1] != '<' && n[k-1] != '(' {
		k--
	}
	return strings.Index(n[k:at], "://") > 0
}

func isHostRune(r rune) bool {
	if r < 0x80 {
		c := byte(r)
		return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// validHostName reports labels that are non-empty, at most 63 bytes, not
// starting with '-'.
func validHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	l := 0
	for k := 0; k <= len(h); k++ {
		if k == len(h) || h[k] == '.' {
			if l == 0 || l > 63 || h[k-l] == '-' {
				return false
			}
			l = 0
			continue
		}
		l++
	}
	return true
}
