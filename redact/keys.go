package redact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"sync"
)

// MinKeyLen is the shortest key the redactor accepts, in bytes.
const MinKeyLen = 32

// keys are the subkeys derived from the user's key with HKDF-SHA-256
// (RFC 5869), one per purpose, so that a pseudonym never helps to guess a
// fingerprint or a derived id. The user's key itself is not kept.
type keys struct {
	pseudonym   *macKey
	fingerprint *macKey
	id          *macKey
	// keyID names the key in reports without revealing it.
	keyID string
}

var errShortKey = errors.New("redact: Options.Key must hold at least 32 bytes (use a random key, for example `head -c 32 /dev/urandom`)")

func deriveKeys(key []byte) (keys, error) {
	if len(key) < MinKeyLen {
		return keys{}, errShortKey
	}
	prk := hkdfExtract([]byte("airlock/v1 key derivation"), key)
	k := keys{
		pseudonym:   newMACKey(hkdfExpand(prk, "pseudonym")),
		fingerprint: newMACKey(hkdfExpand(prk, "fingerprint")),
		id:          newMACKey(hkdfExpand(prk, "derived-id")),
	}
	k.keyID = hex.EncodeToString(hkdfExpand(prk, "key-id")[:8])
	return k, nil
}

// hkdfExtract is HKDF-Extract (RFC 5869 section 2.2) with SHA-256.
func hkdfExtract(salt, ikm []byte) []byte {
	m := hmac.New(sha256.New, salt)
	m.Write(ikm)
	return m.Sum(nil)
}

// hkdfExpand is HKDF-Expand (RFC 5869 section 2.3) for one 32-byte block,
// which is all a subkey needs.
func hkdfExpand(prk []byte, info string) []byte {
	m := hmac.New(sha256.New, prk)
	m.Write([]byte(info))
	m.Write([]byte{1})
	return m.Sum(nil)
}

// A macKey computes HMAC-SHA-256 under one subkey. Keyed states are
// pooled: making one hashes the key twice, which would otherwise be most
// of the cost of a short value's MAC.
type macKey struct {
	pool sync.Pool
}

// macState is a keyed HMAC, a buffer for its message and one for its
// output: the MAC is copied out of it, so that the caller's array does not
// escape through the hash.Hash interface.
type macState struct {
	h   hash.Hash
	msg []byte
	out [sha256.Size]byte
}

func newMACKey(key []byte) *macKey {
	return &macKey{pool: sync.Pool{New: func() any { return &macState{h: hmac.New(sha256.New, key)} }}}
}

// sum returns the MAC of the parts, each followed by a zero byte so that
// ("ab", "c") and ("a", "bc") differ.
func (k *macKey) sum(parts ...string) [sha256.Size]byte {
	m := k.pool.Get().(*macState)
	m.msg = m.msg[:0]
	for _, p := range parts {
		m.msg = append(append(m.msg, p...), 0)
	}
	return k.finish(m)
}

// sumBytes is sum of one part given as bytes.
func (k *macKey) sumBytes(part []byte) [sha256.Size]byte {
	m := k.pool.Get().(*macState)
	m.msg = append(append(m.msg[:0], part...), 0)
	return k.finish(m)
}

func (k *macKey) finish(m *macState) [sha256.Size]byte {
	m.h.Reset()
	m.h.Write(m.msg)
	m.h.Sum(m.out[:0])
	out := m.out
	if cap(m.msg) <= 4096 {
		k.pool.Put(m)
	}
	return out
}

// fingerprintOf returns the keyed fingerprint of a removed value, for
// reports: the same value gives the same fingerprint under the same key,
// so a sender can match report lines without the report holding values.
func (k *keys) fingerprintOf(value []byte) string {
	m := k.fingerprint.sumBytes(value)
	var h [24]byte
	hex.Encode(h[:], m[:12])
	return string(h[:])
}
