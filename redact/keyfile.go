package redact

import (
	"encoding/hex"
	"errors"
	"fmt"
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
