package redact

import (
	"bytes"
	"strings"
	"testing"
)

func TestParseKey(t *testing.T) {
	hexKey := strings.Repeat("ab", 32)
	raw := bytes.Repeat([]byte{0xfe}, 40)
	for _, c := range []struct {
		name string
		in   []byte
		want []byte
	}{
		{"hex", []byte(hexKey), bytes.Repeat([]byte{0xab}, 32)},
		{"hex with line breaks", []byte(hexKey[:20] + "\n" + hexKey[20:] + "\n"), bytes.Repeat([]byte{0xab}, 32)},
		{"raw bytes", raw, raw},
		{"short hex is raw text", []byte(hexKey[:40]), []byte(hexKey[:40])},
	} {
		got, err := ParseKey(c.in)
		if err != nil || !bytes.Equal(got, c.want) {
			t.Errorf("%s: got %x, %v", c.name, got, err)
		}
	}
	secret := "s3cr3t-s3cr3t-s3cr3t"
	if _, err := ParseKey([]byte(secret)); err == nil || strings.Contains(err.Error(), secret) {
		t.Errorf("short key: err = %v (must fail without the key in it)", err)
	}
	if _, err := ParseHexKey("zz" + hexKey); err == nil || strings.Contains(err.Error(), hexKey) {
		t.Errorf("bad hex: err = %v", err)
	}
	if _, err := ParseHexKey(hexKey[:62]); err == nil || strings.Contains(err.Error(), hexKey[:62]) {
		t.Errorf("short hex: err = %v", err)
	}
	if k, err := ParseHexKey(" " + hexKey + "\n"); err != nil || len(k) != 32 {
		t.Errorf("hex with spaces: %x, %v", k, err)
	}
}
