package detect

import (
	"net/netip"
	"strings"
)

// ipDetector finds IPv4 and IPv6 addresses, with a CIDR prefix length or
// an IPv6 zone when one is written.
//
// IPv4 is a dotted quad of decimal octets without leading zeros that is
// not part of a longer dotted number or word: "10.0.19041.1",
// "1.2.3.4.5" and "v1.2.3.4" are not addresses. IPv6 is any form net/netip
// parses (compressed, with an embedded IPv4, with %zone) that stands
// alone; a form with fewer than two groups written ("::", "dead::",
// "b::") is not taken for an address in prose, except the loopback "::1".
//
// Not reported, as they identify nobody: unspecified (0.0.0.0/8, ::),
// broadcast, multicast (224.0.0.0/4, ff00::/8), reserved (240.0.0.0/4,
// which is also where airlock's IPv4 pseudonyms land), documentation
// (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32,
// 3fff::/20) and discard-only (100::/64) addresses. Every other address is
// reported, public ones too (Internal false): those are usually an
// indicator, and the engine decides.
//
// Value is the address as net/netip prints it, or address/bits when a
// prefix length is written (not masked: 10.1.2.3/8 stays as is). Internal
// follows Config.InternalIP.
type ipDetector struct{ ns *namespace }

func (ipDetector) Name() string { return "ip" }

// notPersonal are the ranges ipDetector never reports; never written after
// initialisation.
var notPersonal = func() []netip.Prefix {
	var ps []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "224.0.0.0/4", "240.0.0.0/4",
		"192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
		"::/128", "ff00::/8", "2001:db8::/32", "3fff::/20", "100::/64",
	} {
		ps = append(ps, netip.MustParsePrefix(s))
	}
	return ps
}()

// ipBytes marks the bytes of an address's text: hex digits, ':' and '.'.
// Never written after initialisation.
var ipBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = isHexByte(byte(c)) || c == ':' || c == '.'
	}
	return t
}()

func isHexByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
}

func (d ipDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassDigit|ClassDot) && !t.Has(ClassColon) {
		return
	}
	n := t.norm
	dot, colon := -1, -1
	for i := 0; i < len(n); {
		// Only a run holding a dot or a colon can be an address: go to
		// the start of the next such run (its bytes from i on), found
		// from its dot or colon.
		q := min(nextByteAt(n, i, '.', &dot), nextByteAt(n, i, ':', &colon))
		if q == len(n) {
			return
		}
		for q > i && ipBytes[n[q-1]] {
			q--
		}
		i = q
		c := n[i]
		if !isHexByte(c) && c != ':' {
			i++
			continue
		}
		// A maximal run of hex digits, colons and dots.
		j := i + 1
		colon := c == ':'
		// decimal and dots say whether the run can hold an IPv4 address:
		// digits and dots only, at least three dots.
		decimal, dots := isDigit(c), 0
		for j < len(n) && ipBytes[n[j]] {
			switch b := n[j]; {
			case b == ':':
				colon = true
			case b == '.':
				dots++
			case !isDigit(b):
				decimal = false
			}
			j++
		}
		if !colon && (!decimal || dots < 3) {
			i = j // no address of either family
			continue
		}
		glued := joinsBefore(n, i)
		if colon {
			if m, end, ok := d.ipv6(n, i, j, glued); ok {
				m.Start, m.End = t.Orig(m.Start, m.End)
				found(m)
				i = end
				continue
			}
			// Not IPv6: IPv4 addresses may sit between the colons
			// ("10.0.0.1:8080", "ip:10.0.0.1").
			for p := i; p < j; {
				q := j
				if k := strings.IndexByte(n[p:j], ':'); k >= 0 {
					q = p + k
				}
				if (p > i || !glued) && q-p >= 7 {
					if m, _, ok := d.ipv4(n, p, q); ok {
						m.Start, m.End = t.Orig(m.Start, m.End)
						found(m)
					}
				}
				p = q + 1
			}
		} else if !glued {
			if m, end, ok := d.ipv4(n, i, j); ok {
				m.Start, m.End = t.Orig(m.Start, m.End)
				found(m)
				i = end
				continue
			}
		}
		i = j
	}
}

// ipv4 reads the run n[i:j] of digits and dots as an IPv4 address.
func (d ipDetector) ipv4(n string, i, j int) (Match, int, bool) {
	for j > i && n[j-1] == '.' {
		j-- // a sentence's full stop
	}
	s := n[i:j]
	if strings.Count(s, ".") != 3 {
		return Match{}, 0, false
	}
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) && s[k] != '.' {
			return Match{}, 0, false
		}
	}
	a, ok := parseIPv4(s)
	if !ok {
		return Match{}, 0, false
	}
	if i > 0 && n[i-1] == ':' && i > 1 && (isHexByte(n[i-2]) || n[i-2] == ':') {
		return Match{}, 0, false // the tail of an IPv6 address
	}
	return d.finish(n, a, IPv4, i, j, 32)
}

// parseIPv4 reads s, digits and three dots, as netip.ParseAddr does, but
// refuses without building an error value: prose is full of dotted
// numbers that are not addresses ("2.0.19041.1" in a version). An octet
// has one to three digits, no leading zero, and a value up to 255.
func parseIPv4(s string) (netip.Addr, bool) {
	var octets [4]byte
	k, val, digits := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || k == 4 {
				return netip.Addr{}, false
			}
			octets[k] = byte(val)
			k, val, digits = k+1, 0, 0
			continue
		}
		if digits == 1 && val == 0 {
			return netip.Addr{}, false // a leading zero
		}
		val = val*10 + int(s[i]-'0')
		digits++
		if digits > 3 || val > 255 {
			return netip.Addr{}, false
		}
	}
	if k != 4 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(octets), true
}

// ipv6 reads the run n[i:j] of hex digits, colons and dots as an IPv6
// address; glued says a word character precedes it, in which case only
// what follows the run's first colon can be an address ("ip:fe80::1").
func (d ipDetector) ipv6(n string, i, j int, glued bool) (Match, int, bool) {
	if glued || i > 0 && n[i-1] == ':' {
		k := strings.IndexByte(n[i:j], ':')
		if k < 0 || i+k+1 >= j || n[i+k+1] == ':' {
			return Match{}, 0, false
		}
		i += k + 1
	}
	for j > i && n[j-1] == '.' {
		j--
	}
	if j-i >= 2 && n[j-1] == ':' && n[j-2] != ':' {
		j-- // "fe80::1: ..."
	}
	s := n[i:j]
	if len(s) > 64 || !strings.Contains(s, ":") {
		return Match{}, 0, false // the longest IPv6 text with an IPv4 tail is 45 bytes
	}
	// Count the groups written: "::1" has one, "fe80::1" two.
	groups, colons := 0, 0
	for rest := s; ; {
		part := rest
		k := strings.IndexByte(rest, ':')
		if k >= 0 {
			part, rest = rest[:k], rest[k+1:]
			colons++
		}
		if part != "" {
			groups++
			if strings.IndexByte(part, '.') >= 0 {
				groups++ // an embedded IPv4 address is two groups
			}
		}
		if k < 0 {
			break
		}
	}
	if groups < 2 && s != "::1" {
		return Match{}, 0, false
	}
	// Without "::", an address writes all eight groups: seven colons, or
	// six before an embedded IPv4 address. ParseAddr would refuse the
	// rest ("12:14:07" in a timestamp), at the cost of an error value.
	if !strings.Contains(s, "::") && colons != 7 && (colons != 6 || strings.IndexByte(s, '.') < 0) {
		return Match{}, 0, false
	}
	end := j
	if end+1 < len(n) && n[end] == '%' {
		// A zone: interface name or index.
		k := end + 1
		for k < len(n) && (isAlnum(n[k]) || n[k] == '_' || n[k] == '-' || n[k] == '.') {
			k++
		}
		for k > end+1 && n[k-1] == '.' {
			k--
		}
		if k > end+1 {
			s = n[i:k]
			end = k
		}
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return Match{}, 0, false
	}
	return d.finish(n, a, IPv6, i, end, 128)
}

// finish takes an optional /bits after the address at n[i:end], checks the
// right boundary and the ranges, and builds the match.
func (d ipDetector) finish(n string, a netip.Addr, kind Kind, i, end, maxBits int) (Match, int, bool) {
	value := ""
	if end+1 < len(n) && n[end] == '/' && isDigit(n[end+1]) {
		k, bits := end+1, 0
		for k < len(n) && isDigit(n[k]) && k-end <= 3 {
			bits = bits*10 + int(n[k]-'0')
			k++
		}
		if (k == end+2 || n[end+1] != '0') && bits <= maxBits && a.Zone() == "" &&
			(k >= len(n) || !isDigit(n[k])) {
			if kind == IPv4 {
				// As for the address below: the prefix length has no
				// leading zero either.
				value = n[i:k]
			} else {
				value = netip.PrefixFrom(a, bits).String()
			}
			end = k
		}
	}
	if joinsAt(n, end) {
		return Match{}, 0, false
	}
	if end+1 < len(n) && n[end] == '.' && isDigit(n[end+1]) {
		return Match{}, 0, false
	}
	u := a.Unmap().WithZone("")
	if u.IsMulticast() || u == netip.IPv4Unspecified() || u == netip.IPv6Unspecified() {
		return Match{}, 0, false
	}
	for _, p := range notPersonal {
		if p.Contains(u) {
			return Match{}, 0, false
		}
	}
	if value == "" && kind == IPv4 {
		// parseIPv4 took only octets without leading zeros, so the text
		// is the address as netip prints it: no copy needed.
		value = n[i:end]
	} else if value == "" {
		value = a.String()
	}
	return Match{
		Kind:     kind,
		Start:    i,
		End:      end,
		Value:    value,
		Internal: internalIP(a, d.ns.nets),
	}, end, true
}
