package detect

import (
	"strings"
)

// pathDetector finds the user name in a user-profile path and reports
// only that name (kind UserPath), so that the rest of the path, often an
// indicator, survives:
//
//   - C:\Users\NAME, C:\Documents and Settings\NAME (any drive letter);
//   - \\server\Users\NAME and \\server\c$\Users\NAME (UNC), and the
//     home-directory shares of file servers: \\server\home\NAME,
//     \\server\home$\NAME, \\server\homes\NAME, \\server\users$\NAME
//     (also one share deeper, \\server\dfs\home$\NAME);
//   - /Users/NAME (macOS), /home/NAME (Linux), /mnt/c/Users/NAME (WSL).
//
// Separators may be '\' or '/', repeated ("C:\\Users\\NAME" escaped once
// more than JSON needs); the text is matched case-insensitively (via the
// normalised view). A Unix path must start a token (after white space, a
// quote, a bracket, '=', ',', ';' or "file://"), so that the path of a
// web URL (https://example.com/users/42) is not taken for one.
//
// A name runs to the next separator; it may hold spaces ("C:\Users\John
// Smith\Desktop") only when a separator follows, else it ends at the first
// space. Names that are not a person's are skipped: Public, Default,
// Default User, DefaultAppPool, All Users, Administrator, Admin, Guest,
// Shared (macOS), "user" and "username", the default accounts of cloud
// and distribution images (ec2-user, ubuntu, centos, fedora, rocky,
// bitnami: those AWS documents for its images; kali, vagrant), and
// placeholders (%USERNAME%, <user>, $USER, {user}, *, .., names with such
// characters). Such a path in a malware sample or an attacker's tooling
// is an indicator, and names no one.
//
// Value is the name as in the normalised view (lower case).
type pathDetector struct{}

func (pathDetector) Name() string { return "user-path" }

// nonPersonalProfiles are profile names that belong to no person.
var nonPersonalProfiles = map[string]bool{
	"public": true, "default": true, "default user": true, "defaultuser0": true,
	"defaultapppool": true, "all users": true, "administrator": true,
	"guest": true, "shared": true, "user": true, "username": true, "user name": true,
	"admin": true, "ec2-user": true, "ubuntu": true, "centos": true, "fedora": true,
	"rocky": true, "bitnami": true, "kali": true, "vagrant": true,
}

func (pathDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassSlash) && !t.Has(ClassBackslash) {
		return
	}
	n := t.norm
	last := 0
	// A keyword follows a separator: look only after separators, found
	// with the byte search. i is where the next keyword may start.
	slash, backslash := -1, -1
	for i := 1; i < len(n); {
		sep := min(nextByteAt(n, i-1, '/', &slash), nextByteAt(n, i-1, '\\', &backslash))
		if sep == len(n) {
			return
		}
		p := sep + 1
		i = p + 1
		var kw string
		switch {
		case hasPrefixAt(n, p, "users"):
			kw = "users"
		case hasPrefixAt(n, p, "home"):
			kw = "home"
		case hasPrefixAt(n, p, "documents and settings"):
			kw = "documents and settings"
		default:
			continue
		}
		q := p + len(kw)
		// A file server's share of home directories: home$, homes,
		// homes$, users$ (hidden shares end in '$').
		share := false
		if q < len(n) && kw == "home" && n[q] == 's' {
			q, share = q+1, true
		}
		if q < len(n) && kw != "documents and settings" && n[q] == '$' {
			q, share = q+1, true
		}
		if !profileRoot(n, p, kw, share) {
			continue
		}
		if q >= len(n) || !isPathSep(n[q]) {
			continue
		}
		for q < len(n) && isPathSep(n[q]) {
			q++
		}
		start, end := q, profileNameEnd(n, q)
		for end > start && (n[end-1] == '.' || n[end-1] == ' ') {
			end-- // a full stop ends the sentence, not the name
		}
		if start < last || end == start || !personalProfile(n[start:end]) {
			continue
		}
		s, e := t.Orig(start, end)
		found(Match{Kind: UserPath, Start: s, End: e, Value: n[start:end]})
		last, i = end, end
	}
}

func isPathSep(c byte) bool { return c == '\\' || c == '/' }

// profileRoot reports whether the keyword kw at n[p] (after a separator)
// is the profile directory of a drive, a UNC share, WSL or a Unix root.
// share says the keyword is written as a share of home directories
// (home$, homes, users$), which only a UNC path has.
func profileRoot(n string, p int, kw string, share bool) bool {
	r := p
	for r > 0 && isPathSep(n[r-1]) {
		r--
	}
	if share || kw == "home" && unc(n, r) {
		return unc(n, r)
	}
	// Drive: "c:".
	if r >= 2 && n[r-1] == ':' && n[r-2] >= 'a' && n[r-2] <= 'z' && !joinsBefore(n, r-2) {
		return kw != "home"
	}
	if kw == "documents and settings" {
		return false
	}
	// UNC: \\host\users or \\host\share\users.
	if unc(n, r) {
		return kw == "users"
	}
	// WSL: /mnt/c/users.
	if kw == "users" && r >= 6 && n[r-1] >= 'a' && n[r-1] <= 'z' && n[r-2] == '/' && n[r-6:r-2] == "/mnt" && unixStart(n, r-6) {
		return true
	}
	// file:///users, file:///home.
	if p-r == 3 && n[p-1] == '/' && hasPrefixAt(n, r-5, "file:") {
		return true
	}
	// Unix: /users or /home at the start of a token.
	return n[p-1] == '/' && r == p-1 && unixStart(n, r)
}

// unc reports whether n[:r] ends with \\host or \\host\share.
func unc(n string, r int) bool {
	for segs := 0; segs < 2; segs++ {
		s := r
		for s > 0 && !isPathSep(n[s-1]) && !isURLEnd(n[s-1]) {
			s--
		}
		if s == r || s < 1 {
			return false
		}
		if s >= 2 && n[s-1] == '\\' && n[s-2] == '\\' && (s == 2 || !isPathSep(n[s-3])) {
			return true
		}
		if n[s-1] != '\\' {
			return false
		}
		r = s - 1
	}
	return false
}

// unixStart reports whether a Unix path may start at n[r] (a '/').
func unixStart(n string, r int) bool {
	if r == 0 {
		return true
	}
	switch n[r-1] {
	case ' ', '\t', '\n', '\r', '"', '\'', '(', '[', '{', '<', '=', ',', ';', '|', '`', '>':
		return true
	}
	return false
}

// profileNameEnd returns the end of the profile name starting at n[q],
// or q when none ends within 64 bytes (no profile name is longer) and no
// space came before.
func profileNameEnd(n string, q int) int {
	firstSpace := -1
	for k := q; k < len(n); k++ {
		if k-q > 64 {
			if firstSpace >= 0 {
				return firstSpace
			}
			return q
		}
		c := n[k]
		switch {
		case isPathSep(c):
			return k
		case c == ' ':
			if firstSpace < 0 {
				firstSpace = k
			}
		case c == '\'' && k > q && nameByte(n[k-1]) && k+1 < len(n) && nameByte(n[k+1]):
			// Between letters, an apostrophe is the name's (o'brien); a
			// quote around a path has no letter on one side.
		case c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '<' ||
			c == '>' || c == '|' || c == '*' || c == '?' || c == ':' || c == ',' ||
			c == ';' || c == '(' || c == ')' || c == '[' || c == ']' || c == 0:
			if firstSpace >= 0 {
				return firstSpace
			}
			return k
		}
	}
	if firstSpace >= 0 {
		return firstSpace
	}
	return len(n)
}

// nameByte reports whether c may be part of a word of a name: an ASCII
// letter or a byte of a non-ASCII letter.
func nameByte(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 }

// personalProfile reports whether a profile name may be a person's.
func personalProfile(name string) bool {
	if name == "" || nonPersonalProfiles[name] {
		return false
	}
	return !strings.ContainsAny(name, "%<>${}*[]") && strings.Trim(name, ".") != ""
}
