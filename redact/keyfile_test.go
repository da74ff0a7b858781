package redact

import (
	"bytes"
	"errors"
	"os"
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

func TestReadKeyFile(t *testing.T) {
	dir := t.TempDir()
	name := dir + "/k"
	os.WriteFile(name, []byte(strings.Repeat("ab", 32)+"\n"), 0o600)
	k, shared, err := ReadKeyFile(name)
	if err != nil || len(k) != 32 || shared {
		t.Errorf("0600 file: %d bytes, shared %v, %v", len(k), shared, err)
	}
	os.Chmod(name, 0o644)
	if _, shared, _ := ReadKeyFile(name); !shared {
		t.Error("a 0644 key file is not reported as shared")
	}
	os.WriteFile(name, []byte("short"), 0o600)
	if _, _, err := ReadKeyFile(name); err == nil || !strings.Contains(err.Error(), name) || strings.Contains(err.Error(), "short") {
		t.Errorf("short key file: %v", err)
	}
	if _, _, err := ReadKeyFile(dir + "/missing"); err == nil {
		t.Error("a missing file gave a key")
	}
}

func TestLoadKey(t *testing.T) {
	env := func(v string) func(string) string {
		return func(name string) string {
			if name == KeyEnv {
				return v
			}
			return ""
		}
	}
	hexKey := strings.Repeat("ab", 32)
	if k, shared, err := LoadKey("", env(" "+hexKey+"\n")); err != nil || len(k) != 32 || shared {
		t.Errorf("from the environment: %d bytes, shared %v, %v", len(k), shared, err)
	}
	if _, _, err := LoadKey("", env("")); !errors.Is(err, ErrNoKey) {
		t.Errorf("no key: %v", err)
	}
	secret := "zz" + strings.Repeat("cd", 31)
	if _, _, err := LoadKey("", env(secret)); err == nil || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), KeyEnv) {
		t.Errorf("bad hex: %v", err)
	}
	if k, _, err := LoadKey("../testdata/keys/demo.key", env(hexKey)); err != nil || len(k) < MinKeyLen {
		t.Errorf("the file wins over the environment: %d bytes, %v", len(k), err)
	}
	if _, _, err := LoadKey("no/such/file", env(hexKey)); err == nil || !strings.Contains(err.Error(), "key file") {
		t.Errorf("a missing file: %v", err)
	}
}
