package redact

import (
	"bytes"
	"encoding/hex"
	"testing"
)

// TestHKDF checks the HKDF helpers against RFC 5869 test case 1 (its first
// 32 bytes of OKM).
func TestHKDF(t *testing.T) {
	ikm := bytes.Repeat([]byte{0x0b}, 22)
	salt, _ := hex.DecodeString("000102030405060708090a0b0c")
	info, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9")
	prk := hkdfExtract(salt, ikm)
	if got := hex.EncodeToString(prk); got != "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5" {
		t.Errorf("PRK = %s", got)
	}
	okm := hkdfExpand(prk, string(info))
	if got := hex.EncodeToString(okm); got != "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf" {
		t.Errorf("OKM = %s", got)
	}
}

func TestDeriveKeys(t *testing.T) {
	if _, err := deriveKeys(make([]byte, 31)); err == nil {
		t.Error("a 31-byte key was accepted")
	}
	k1, err := deriveKeys(bytes.Repeat([]byte{1}, 32))
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := deriveKeys(bytes.Repeat([]byte{2}, 32))
	sum := func(m *macKey) [32]byte { return m.sum("a", "b") }
	if sum(k1.pseudonym) == sum(k1.fingerprint) || sum(k1.id) == sum(k1.pseudonym) {
		t.Error("subkeys are not distinct")
	}
	if k1.id.sum("ab", "c") == k1.id.sum("a", "bc") {
		t.Error("the MAC's parts are not separated")
	}
	if k1.fingerprint.sumBytes([]byte("ab")) != k1.fingerprint.sum("ab") {
		t.Error("sumBytes differs from sum of one part")
	}
	if k1.keyID == k2.keyID || len(k1.keyID) != 16 {
		t.Errorf("key ids %q %q", k1.keyID, k2.keyID)
	}
	again, _ := deriveKeys(bytes.Repeat([]byte{1}, 32))
	if k1.fingerprintOf([]byte("a")) != again.fingerprintOf([]byte("a")) || k1.fingerprintOf([]byte("a")) == k2.fingerprintOf([]byte("a")) {
		t.Error("fingerprints are not keyed and stable")
	}
}
