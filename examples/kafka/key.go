package main

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"strings"

	"github.com/airlock-cti/airlock/redact"
)

// readKey reads the key the way the airlock command does: from a file
// (hex text of at least 64 digits, or raw bytes) or, with no file, from
// AIRLOCK_KEY (hex). It never prints the key. The library leaves key
// handling to its callers, so this is a copy of the command's rules.
func readKey(file string, getenv func(string) string, stderr io.Writer) ([]byte, error) {
	if file != "" {
		st, err := os.Stat(file)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		if st.Mode().Perm()&0o077 != 0 {
			fmt.Fprintf(stderr, "airlock-kafka: warning: key file %s is readable by others (mode %v); chmod 600 it\n", file, st.Mode().Perm())
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		return decodeKey(b, "key file "+file)
	}
	if v := strings.TrimSpace(getenv("AIRLOCK_KEY")); v != "" {
		k, err := hex.DecodeString(v)
		if err != nil {
			return nil, errors.New("AIRLOCK_KEY is not hex")
		}
		if len(k) < redact.MinKeyLen {
			return nil, fmt.Errorf("AIRLOCK_KEY holds %d bytes; at least %d are needed", len(k), redact.MinKeyLen)
		}
		return k, nil
	}
	return nil, errors.New("no key: give -key-file FILE (or AIRLOCK_KEY_FILE), or set AIRLOCK_KEY (hex)")
}

// decodeKey reads a key file's contents: hex text (at least 64 hex digits,
// whitespace ignored) or raw bytes.
func decodeKey(b []byte, what string) ([]byte, error) {
	t := strings.Join(strings.Fields(string(b)), "")
	if len(t) >= 2*redact.MinKeyLen {
		if k, err := hex.DecodeString(t); err == nil {
			return k, nil
		}
	}
	if len(b) < redact.MinKeyLen {
		return nil, fmt.Errorf("%s holds %d bytes; at least %d are needed", what, len(b), redact.MinKeyLen)
	}
	return b, nil
}

// parsePrefix reads a CIDR network or a single address.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}
