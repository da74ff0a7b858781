package redact

import (
	"encoding/binary"
	"encoding/hex"
	"net/netip"
	"strings"

	"github.com/airlock-cti/airlock/policy"
)

// Pseudonyms are keyed: HMAC-SHA-256 under the pseudonym subkey, of the
// kind and the canonical value, so the same datum gets the same pseudonym
// for everyone holding the key and different kinds never share one. Each is
// shaped to stay valid where it lands, and recognisable, so that redacting
// output again leaves it alone:
//
//	email        user-3fa2c1d09e11@redacted.invalid   (RFC 2606 .invalid)
//	ipv4         240.x.y.z                            (240.0.0.0/4, reserved)
//	ipv6         100::x:y:z:w                         (100::/64, discard-only, RFC 6666)
//	mac          02:a1:7c:xx:yy:zz                    (locally administered)
//	hostname     host-3fa2c1d09e11.redacted.invalid
//	others       <kind>-3fa2c1d09e11                  (person-3fa2c1d09e11, phone-..., ...)
const (
	pseudoDomain = "redacted.invalid"
	pseudoMAC    = "02:a1:7c:"
)

var (
	pseudoV4 = netip.MustParsePrefix("240.0.0.0/4")
	pseudoV6 = netip.MustParsePrefix("100::/64")
)

// pseudonymOf returns the pseudonym of a value of a kind, and a code that
// identifies it (to detect two values sharing one).
func (k *keys) pseudonymOf(kind, value string) (string, uint64) {
	mac := k.pseudonym.sum(kind, value)
	code := pseudonymCode(kind, mac[:])
	return pseudonymFromCode(kind, code), code
}

// pseudonymFromCode returns the pseudonym whose code is code: the code
// holds every MAC byte a pseudonym shows, so pass 2 makes the pseudonyms
// of the values pass 1 coded without a MAC of its own.
func pseudonymFromCode(kind string, code uint64) string {
	var m [8]byte // the MAC's first bytes, as far as the code keeps them
	binary.BigEndian.PutUint64(m[:], code)
	var room [64]byte // every pseudonym but an unusual kind's fits: one allocation, the string
	b := room[:0]
	switch kind {
	case "email":
		b = append(hex.AppendEncode(append(b, "user-"...), m[:6]), "@"+pseudoDomain...)
	case "ipv4":
		v := uint32(code)
		return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
	case "ipv6":
		var a [16]byte
		a[0], a[1] = 0x01, 0x00
		copy(a[8:], m[:])
		return netip.AddrFrom16(a).String()
	case "mac":
		// The code is the MAC's first three bytes, in its low bits.
		b = append(b, pseudoMAC...)
		for i := range 3 {
			if i > 0 {
				b = append(b, ':')
			}
			b = hex.AppendEncode(b, m[5+i:6+i])
		}
	case "hostname":
		b = append(hex.AppendEncode(append(b, "host-"...), m[:6]), "."+pseudoDomain...)
	case "person-name":
		b = hex.AppendEncode(append(b, "person-"...), m[:6])
	default:
		b = hex.AppendEncode(append(append(b, kind...), '-'), m[:6])
	}
	return string(b)
}

// pseudonymCodeOf returns the code pseudonymOf would, without making the
// pseudonym.
func (k *keys) pseudonymCodeOf(kind, value string) uint64 {
	m := k.pseudonym.sum(kind, value)
	return pseudonymCode(kind, m[:])
}

// pseudonymCode is what identifies a pseudonym made from MAC m: two values
// with one code would share a pseudonym.
func pseudonymCode(kind string, m []byte) uint64 {
	switch kind {
	case "ipv4":
		return uint64(binary.BigEndian.Uint32(m)&0x0fffffff | 0xf0000000)
	case "mac":
		return binary.BigEndian.Uint64(m) >> 40 // the three bytes used
	}
	return binary.BigEndian.Uint64(m)
}

// isPseudonym reports whether a detected value is airlock's own output (a
// pseudonym, a generalisation, a placeholder, a mask), which is left
// alone: redacting output again must change nothing. The kind does not
// matter: a URL's query may hold a pseudonymised email. A placeholder
// counts from its first word, since a detector may end a value at its
// space (a URL's query value "[REDACTED").
func isPseudonym(kind, value string) bool {
	v := strings.TrimSpace(value)
	switch {
	case strings.HasSuffix(v, "@"+pseudoDomain), strings.HasSuffix(v, "."+pseudoDomain),
		strings.HasPrefix(v, pseudoMAC), len(v) >= 9 && strings.EqualFold(v[:9], "[REDACTED"), v == withheld:
		return true
	case strings.Trim(v, "*.-_@:/ +()") == "" && strings.Contains(v, "*"):
		return true // a mask
	}
	// Only text that could be an address is parsed as one: a failed parse
	// allocates its error, and most values are not addresses. A zoned
	// address ("fe80::1%eth0") is in neither pseudonym network, and no
	// network has a zone.
	if !addressText(v) {
		return isTag(v)
	}
	if strings.IndexByte(v, '/') >= 0 {
		if p, err := netip.ParsePrefix(v); err == nil {
			// A generalisation: a network with its host bits clear.
			return p.Masked() == p && p.Bits() <= generalBits(p.Addr())
		}
	} else if strings.ContainsAny(v, ".:") {
		if a, err := netip.ParseAddr(v); err == nil {
			return pseudoV4.Contains(a) || pseudoV6.Contains(a)
		}
	}
	return isTag(v)
}

// addressText reports whether v holds only what an IP address or network
// without a zone is written with: hex digits, dots, colons and a slash.
func addressText(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == '.' || c == ':' || c == '/') {
			return false
		}
	}
	return true
}

// isTag reports whether v is a pseudonym of the form word-3fa2c1d09e11.
func isTag(v string) bool {
	i := strings.LastIndexByte(v, '-')
	if i < 1 || len(v)-i-1 != 12 {
		return false
	}
	for _, c := range v[i+1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	for _, c := range v[:i] {
		if !(c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

func generalBits(a netip.Addr) int {
	if a.Is4() {
		return 24
	}
	return 48
}

// generalise returns the network an address lies in: /24 for IPv4, /48 for
// IPv6, as CIDR.
func generalise(value string) (string, bool) {
	a, err := netip.ParseAddr(value)
	if err != nil {
		p, err := netip.ParsePrefix(value)
		if err != nil {
			return "", false
		}
		a = p.Addr()
	}
	p, err := a.Prefix(generalBits(a))
	if err != nil {
		return "", false
	}
	var room [64]byte // an IPv6 network's text fits: one allocation, the string
	return string(p.AppendTo(room[:0])), true
}

// placeholder is what Replace puts: a typed, recognisable label.
func placeholder(kind string) string {
	return "[REDACTED " + strings.ToUpper(strings.ReplaceAll(kind, "-", " ")) + "]"
}

// mask hides letters and digits, keeping separators, so the shape stays.
func mask(s string) string {
	b := []rune(s)
	for i, r := range b {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f {
			b[i] = '*'
		}
	}
	return string(b)
}

// methodFor returns the method for a kind at a placement.
func (c *piiConfig) methodFor(kind string, value bool) policy.Method {
	a, ok := c.actions[kind]
	if !ok {
		a = c.def
		if a.Text == policy.MethodGeneralise && kind != "ipv4" && kind != "ipv6" {
			a = policy.Action{Text: policy.MethodPseudonymise, Values: policy.MethodPseudonymise}
		}
	}
	if value {
		return a.Values
	}
	return a.Text
}
