package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/airlock-cti/airlock/redact"
)

// readKey reads the key the way the airlock command does: from a file
// (hex text of at least 64 digits, or raw bytes) or, with no file, from
// AIRLOCK_KEY (hex). It never prints the key.
func readKey(file string, getenv func(string) string, stderr io.Writer) ([]byte, error) {
	if file != "" {
		k, shared, err := redact.ReadKeyFile(file)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		if shared {
			fmt.Fprintf(stderr, "airlock-kafka: warning: key file %s is readable by others; chmod 600 it\n", file)
		}
		return k, nil
	}
	if v := strings.TrimSpace(getenv("AIRLOCK_KEY")); v != "" {
		k, err := redact.ParseHexKey(v)
		if err != nil {
			return nil, fmt.Errorf("AIRLOCK_KEY: %w", err)
		}
		return k, nil
	}
	return nil, errors.New("no key: give -key-file FILE (or AIRLOCK_KEY_FILE), or set AIRLOCK_KEY (hex)")
}
