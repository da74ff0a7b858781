package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// emailDetector finds email addresses: a local part of RFC 5322 atext and
// dots, '@', and a domain of two or more labels whose last is a plausible
// top-level domain. It reads the normalised view, so fullwidth, defanged
// (john[at]example[.]com, john at example dot com) and percent-encoded
// (john%40example.com) addresses are found too.
//
// Choices, each to keep indicators and file names out:
//   - The local part stops at "/=?`{|}" (URL and template delimiters that
//     RFC 5322 allows but real addresses do not use), loses leading
//     punctuation ("'john@..." in a STIX pattern is john@...), and starts
//     after the last ".." (prose ellipsis).
//   - An address inside a longer token is not one: none directly after
//     '@' or followed by '@' or '_', and none in a URL's authority
//     ("https://user:pass@host" is a credential, reported by the url
//     detector).
//   - A hyphen in the last label ends the address before it, as no
//     top-level domain holds one ("john@example.org-based").
//   - The top-level domain is two to 63 letters (Unicode letters for
//     internationalised ones) or xn-- punycode, and not a common file
//     extension that is no delegated TLD ("icon@2x.png" is a file). Any
//     such TLD is accepted, delegated or not, so that addresses in private
//     namespaces (john@corp.local) are found.
//
// Value is the address lower-cased. Country is the ccTLD's country (see
// ccTLDCountry); Internal says the domain is a configured internal one.
type emailDetector struct{ ns *namespace }

func (emailDetector) Name() string { return "email" }

func (d emailDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassAt | ClassDot) {
		return
	}
	n := t.norm
	floor := 0 // a local part may not reach back before the last match
	for i := 0; i < len(n); {
		k := strings.IndexByte(n[i:], '@')
		if k < 0 {
			return
		}
		at := i + k
		start, end, ok := emailAt(n, at, floor)
		if !ok {
			i = at + 1
			continue
		}
		domain := n[at+1 : end]
		s, e := t.Orig(start, end)
		found(Match{
			Kind:     Email,
			Start:    s,
			End:      e,
			Value:    n[start:end],
			Country:  hostCountry(domain),
			Internal: d.ns.internalDomain(domain),
		})
		floor = end
		i = end
	}
}

// emailAt returns the address around the '@' at n[at], if there is one.
func emailAt(n string, at, floor int) (start, end int, ok bool) {
	// Local part, leftwards, at most maxLocalScan bytes: a longer run
	// can only be valid if a ".." inside the last bytes cuts it.
	start = at
	lower := max(floor, at-maxLocalScan)
	for start > lower {
		c := n[start-1]
		if c < 0x80 {
			if !isLocalByte(c) {
				break
			}
			start--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(n[lower:start])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		start -= size
	}
	cut := start == lower && lower > floor
	if start > 0 && n[start-1] == '@' {
		return 0, 0, false
	}
	if k := strings.LastIndex(n[start:at], ".."); k >= 0 {
		start += k + 2
	} else if cut {
		return 0, 0, false
	}
	for start < at && n[start] < 0x80 && !isAlnum(n[start]) {
		start++
	}
	local := n[start:at]
	if local == "" || len(local) > 64 || local[len(local)-1] == '.' {
		return 0, 0, false
	}
	if inAuthority(n, start) {
		return 0, 0, false
	}

	// Domain, rightwards.
	end = at + 1
	for end < len(n) {
		c := n[end]
		if c < 0x80 {
			if !(isAlnum(c) || c == '-' || c == '.') {
				break
			}
			end++
			continue
		}
		r, size := utf8.DecodeRuneInString(n[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		end += size
	}
	if end < len(n) && (n[end] == '@' || n[end] == '_') {
		return 0, 0, false
	}
	for end > at+1 && (n[end-1] == '.' || n[end-1] == '-') {
		end--
	}
	if !validDomain(n[at+1 : end]) {
		// No top-level domain holds a hyphen (but punycode's): one in the
		// last label joins a word after the address ("john@example.org-she",
		// "john@example.org–2024" with an en dash), which it ends.
		dot := strings.LastIndexByte(n[at+1:end], '.')
		last := n[at+1+dot+1 : end]
		hy := strings.IndexByte(last, '-')
		if dot < 0 || hy <= 0 || strings.HasPrefix(last, "xn--") || !validDomain(n[at+1:at+1+dot+1+hy]) {
			return 0, 0, false
		}
		end = at + 1 + dot + 1 + hy
	}
	return start, end, true
}

// isLocalByte reports the ASCII bytes an unquoted local part may hold here:
// RFC 5322 atext and '.', less "/=?`{|}".
// maxLocalScan bounds the leftward scan for a local part.
const maxLocalScan = 256

func isLocalByte(c byte) bool {
	if isAlnum(c) {
		return true
	}
	switch c {
	case '.', '!', '#', '$', '%', '&', '\'', '*', '+', '-', '^', '_', '~':
		return true
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
}

// inAuthority reports whether n[i] lies in the authority of a URL: the
// token it is in has "://" before it with no '/' in between, within 2 KiB
// (no scheme and userinfo are longer in practice; the bound keeps long
// tokens with many '@' linear).
func inAuthority(n string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-2048; j-- {
		switch n[j] {
		case '/':
			return j >= 2 && n[j-1] == '/' && n[j-2] == ':'
		case ' ', '\t', '\n', '\r', '"', '\'', '<', '>', '(', ')', '[', ']', ',', ';':
			return false
		}
	}
	return false
}

// validDomain reports whether d (normalised) is a domain name an address
// can be at: two or more labels of letters, digits and inner hyphens, at
// most 63 bytes each and 253 in all, the last a plausible TLD.
func validDomain(d string) bool {
	if len(d) > 253 {
		return false
	}
	labels := 0
	for len(d) > 0 {
		label := d
		dot := strings.IndexByte(d, '.')
		if dot >= 0 {
			label, d = d[:dot], d[dot+1:]
		} else {
			d = ""
		}
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		labels++
		if dot < 0 {
			return labels >= 2 && plausibleTLD(label)
		}
	}
	return false // d ended with a dot
}

// plausibleTLD reports whether label can be a top-level domain: xn--
// punycode, or two to 63 letters (Unicode letters for an IDN TLD) that are
// not a common file extension.
func plausibleTLD(label string) bool {
	if strings.HasPrefix(label, "xn--") {
		return len(label) > 4
	}
	runes := 0
	for _, r := range label {
		if !unicode.IsLetter(r) {
			return false
		}
		runes++
	}
	if runes < 2 {
		return false
	}
	return !isFileExtension(label)
}

// fileExtensions are common file name extensions that are not delegated
// top-level domains (checked against the Public Suffix List of 2023-02-09,
// Debian package publicsuffix 20230209.2326-1): a name ending in one is a
// file, not a host. Extensions that are also TLDs (.zip, .mov, .py, .sh,
// .md, .pl, .rs, .ps, .java) cannot be told apart and are not listed. Sorted.
var fileExtensions = [...]string{
	"7z", "apk", "asp", "aspx", "bak", "bat", "bin", "bmp", "cfg", "class",
	"cmd", "conf", "cpp", "crt", "css", "csv", "dat", "db", "deb", "der",
	"dll", "dmg", "doc", "docm", "docx", "elf", "eml", "exe", "gif", "gz",
	"hta", "htm", "html", "ico", "img", "ini", "jar", "jpeg", "jpg",
	"js", "json", "jsp", "key", "lnk", "log", "lua", "msg", "msi", "ocx",
	"pcap", "pdb", "pdf", "pem", "php", "png", "ppt", "pptm", "pptx",
	"psd", "rar", "rpm", "rtf", "scr", "sql", "svg", "swf", "sys", "tar",
	"tgz", "tif", "tiff", "tmp", "ts", "txt", "vbe", "vbs", "wav", "webp",
	"wsf", "xls", "xlsb", "xlsm", "xlsx", "xml", "yaml", "yml",
}

func isFileExtension(label string) bool {
	lo, hi := 0, len(fileExtensions)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if fileExtensions[m] < label {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(fileExtensions) && fileExtensions[lo] == label
}

// hostCountry returns the country of the normalised host name h's ccTLD,
// or "" when it has none (see ccTLDCountry).
func hostCountry(h string) string {
	h = strings.TrimSuffix(h, ".")
	if k := strings.LastIndexByte(h, '.'); k >= 0 {
		return ccTLDCountry(h[k+1:])
	}
	return ""
}

// ccTLDCountry returns the ISO 3166-1 alpha-2 country of a lower-case
// two-letter top-level domain, or "":
//   - "uk" is GB; "ac", "eu" and "su" name no ISO 3166-1 country;
//   - the ccTLDs that Google Search treats as generic because people
//     register them for their letters, not their country (.ad .as .bz .cc
//     .cd .co .dj .fm .io .la .me .ms .nu .sc .sr .su .tv .tk .ws, Google
//     Search Central "Managing multi-regional and multilingual sites"),
//     and .ai for the same reason, give "": an address at startup.io says
//     nothing about its holder's country, and a wrong country would pick
//     a wrong jurisdiction rule where "unknown" picks the most protective;
//   - any other officially assigned ISO 3166-1 alpha-2 code is its own
//     country.
func ccTLDCountry(tld string) string {
	if len(tld) != 2 {
		return ""
	}
	if tld == "uk" {
		return "GB"
	}
	if inCodeList(genericCCTLDs, tld) || !inCodeList(isoAlpha2, tld) {
		return ""
	}
	return strings.ToUpper(tld)
}

// inCodeList reports whether the two-letter code is in list, a string of
// two-letter codes each followed by a space.
func inCodeList(list, code string) bool {
	for i := 0; i+2 <= len(list); i += 3 {
		if list[i:i+2] == code {
			return true
		}
	}
	return false
}

// genericCCTLDs: see ccTLDCountry.
const genericCCTLDs = "ad ai as bz cc cd co dj fm io la me ms nu sc sr su tk tv ws "

// isoAlpha2 holds the 249 officially assigned ISO 3166-1 alpha-2 codes,
// lower case, each followed by a space: Debian iso-codes 4.15.0
// (2023-04-27), the same source as policy's country table.
const isoAlpha2 = "" +
	"ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi " +
	"bj bl bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn " +
	"co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et fi fj fk " +
	"fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm " +
	"hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn " +
	"kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk " +
	"ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np " +
	"nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw " +
	"sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st sv sx sy sz tc td tf " +
	"tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg vi " +
	"vn vu wf ws ye yt za zm zw "
