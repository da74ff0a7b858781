package detect

// macDetector finds 48-bit MAC addresses written aa:bb:cc:dd:ee:ff,
// aa-bb-cc-dd-ee-ff (one separator throughout) or aabb.ccdd.eeff, that
// stand alone: not inside a longer hex run, a longer chain of groups (an
// EUI-64, an IPv6 address such as 10:20:30:40:50:60:70:80) or a word.
//
// Group addresses (the I/G bit of the first octet set: broadcast
// ff:ff:ff:ff:ff:ff, IPv4 and IPv6 multicast 01:00:5e:..., 33:33:...) and
// the all-zero address name no device and are not reported; locally
// administered (randomised) addresses are, since they still single out a
// device on a network.
//
// Value is the lower-case colon form.
type macDetector struct{}

func (macDetector) Name() string { return "mac" }

func (macDetector) Detect(t *Text, found func(Match)) {
	if !t.Has(ClassColon) && !t.Has(ClassHyphen) && !t.Has(ClassDot) {
		return
	}
	n := t.norm
	var b [6]byte
	// macAt reads an address only where its first separator stands two
	// bytes in (':' or '-') or four ('.', the Cisco form): try only those
	// offsets, found with IndexByte, in order.
	colon, hyphen, dot := -1, -1, -1
	for i := 0; i+14 <= len(n); {
		c := len(n)
		if q := nextByteAt(n, i+2, ':', &colon); q < len(n) {
			c = q - 2
		}
		if q := nextByteAt(n, i+2, '-', &hyphen); q < len(n) {
			c = min(c, q-2)
		}
		if q := nextByteAt(n, i+4, '.', &dot); q < len(n) {
			c = min(c, q-4)
		}
		if c+14 > len(n) {
			return
		}
		i = c + 1
		if !isHexByte(n[c]) || c > 0 && macGlued(n, c) {
			continue
		}
		end := macAt(n, c, &b)
		if end == 0 || !macRightOK(n, end) {
			continue
		}
		start := c
		i = end
		if b == [6]byte{} || b[0]&1 != 0 {
			continue
		}
		var v [17]byte
		for k, x := range b {
			v[3*k] = hexDigits[x>>4]
			v[3*k+1] = hexDigits[x&15]
			if k < 5 {
				v[3*k+2] = ':'
			}
		}
		s, e := t.Orig(start, end)
		found(Match{Kind: MAC, Start: s, End: e, Value: string(v[:])})
	}
}

const hexDigits = "0123456789abcdef"

// macGlued reports whether n[i] continues a word, a hex run or a chain of
// separated groups.
func macGlued(n string, i int) bool {
	if joinsBefore(n, i) {
		return true
	}
	p := n[i-1]
	return (p == ':' || p == '-' || p == '.') && i >= 2 && (joinsBefore(n, i-1) || n[i-2] == p)
}

// macRightOK reports whether a MAC address may end at n[end].
func macRightOK(n string, end int) bool {
	if end >= len(n) {
		return true
	}
	if joinsAt(n, end) {
		return false
	}
	c := n[end]
	return !((c == ':' || c == '-' || c == '.') && joinsAt(n, end+1))
}

// macAt reads a MAC address at n[i:] into b and returns its end, or 0.
func macAt(n string, i int, b *[6]byte) int {
	if i+17 <= len(n) {
		if sep := n[i+2]; sep == ':' || sep == '-' {
			ok := true
			for k := range 6 {
				p := i + 3*k
				if !isHexByte(n[p]) || !isHexByte(n[p+1]) || k < 5 && n[p+2] != sep {
					ok = false
					break
				}
				b[k] = byte(unhex(n[p])<<4 | unhex(n[p+1]))
			}
			if ok {
				return i + 17
			}
		}
	}
	// Cisco: aabb.ccdd.eeff.
	for k := range 3 {
		p := i + 5*k
		for q := p; q < p+4; q++ {
			if !isHexByte(n[q]) {
				return 0
			}
		}
		if k < 2 && n[p+4] != '.' {
			return 0
		}
		b[2*k] = byte(unhex(n[p])<<4 | unhex(n[p+1]))
		b[2*k+1] = byte(unhex(n[p+2])<<4 | unhex(n[p+3]))
	}
	return i + 14
}
