package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/airlock-cti/airlock/redact"
)

// readKey reads the key the way the airlock command does: from a file
// (hex text of at least 64 digits, or raw bytes) or, with no file, from
// AIRLOCK_KEY (hex). It never prints the key.
func readKey(file string, getenv func(string) string, stderr io.Writer) ([]byte, error) {
	k, shared, err := redact.LoadKey(file, getenv)
	switch {
	case errors.Is(err, redact.ErrNoKey):
		return nil, errors.New("no key: give -key-file FILE (or AIRLOCK_KEY_FILE), or set AIRLOCK_KEY (hex)")
	case err != nil:
		return nil, err
	case shared:
		fmt.Fprintf(stderr, "airlock-kafka: warning: key file %s is readable by others; chmod 600 it\n", file)
	}
	return k, nil
}
