package redact

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ParseKey reads a key as airlock's programs keep it in a file: hex text
// of at least 2*MinKeyLen digits (whitespace and line breaks ignored), or
// else the raw bytes, at least MinKeyLen of them. Its errors never hold
// key material.
func ParseKey(b []byte) ([]byte, error) {
	t := strings.Join(strings.Fields(string(b)), "")
	if len(t) >= 2*MinKeyLen {
		if k, err := hex.DecodeString(t); err == nil {
			return k, nil
		}
	}
	if len(b) < MinKeyLen {
		return nil, fmt.Errorf("redact: the key holds %d bytes; at least %d are needed", len(b), MinKeyLen)
	}
	return b, nil
}

// ParseHexKey reads a key given as hex text, as in the AIRLOCK_KEY
// environment variable. Its errors never hold key material.
func ParseHexKey(s string) ([]byte, error) {
	k, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, errors.New("redact: the key is not hex")
	}
	if len(k) < MinKeyLen {
		return nil, fmt.Errorf("redact: the key holds %d bytes; at least %d are needed", len(k), MinKeyLen)
	}
	return k, nil
}

// ReadKeyFile reads a key file with ParseKey. shared reports that the
// file's mode lets others than its owner read it, which a program should
// warn about: whoever holds the key can confirm guesses behind pseudonyms.
func ReadKeyFile(name string) (key []byte, shared bool, err error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, false, err
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, false, err
	}
	if key, err = ParseKey(b); err != nil {
		return nil, false, fmt.Errorf("%s: %w", name, err)
	}
	return key, st.Mode().Perm()&0o077 != 0, nil
}

// KeyEnv names the environment variable airlock's programs read a key
// from, as hex text, when no key file is given.
const KeyEnv = "AIRLOCK_KEY"

// ErrNoKey says that neither a key file nor KeyEnv gave a key.
var ErrNoKey = errors.New("redact: no key file, and " + KeyEnv + " is not set")

// LoadKey reads the key as airlock's programs do: from the key file when
// one is named (ReadKeyFile, whose shared a program should warn about),
// else from KeyEnv in getenv (ParseHexKey), else ErrNoKey. Its errors
// never hold key material.
func LoadKey(file string, getenv func(string) string) (key []byte, shared bool, err error) {
	if file != "" {
		key, shared, err = ReadKeyFile(file)
		if err != nil {
			return nil, false, fmt.Errorf("key file: %w", err)
		}
		return key, shared, nil
	}
	v := strings.TrimSpace(getenv(KeyEnv))
	if v == "" {
		return nil, false, ErrNoKey
	}
	if key, err = ParseHexKey(v); err != nil {
		return nil, false, fmt.Errorf("%s: %w", KeyEnv, err)
	}
	return key, false, nil
}
