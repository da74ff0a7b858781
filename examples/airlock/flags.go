package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/stix"
)

// common are the flags redact, explain and verify share.
type common struct {
	policy    string
	to        string
	keyFile   string
	ephemeral bool
	identity  string
	workers   int
	domains   listFlag
	nets      listFlag
	limits    stix.ReaderOptions
	progress  func(redact.Progress)
	fs        *flag.FlagSet
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func newCommon(name string, stderr io.Writer) *common {
	c := &common{fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(stderr)
	c.fs.StringVar(&c.policy, "p", "", "policy `file` (YAML or JSON)")
	c.fs.StringVar(&c.to, "to", "", "destination `country` (ISO 3166-1 alpha-2), overriding the policy's")
	c.fs.StringVar(&c.keyFile, "key-file", "", "`file` holding the key (at least 32 bytes, raw or hex); default: $AIRLOCK_KEY (hex)")
	c.fs.BoolVar(&c.ephemeral, "ephemeral-key", false, "use a random key for this run only (pseudonyms and derived ids change from run to run)")
	c.fs.StringVar(&c.identity, "identity", "", "`name` of the redacting identity, overriding the policy's")
	c.fs.IntVar(&c.workers, "workers", 0, "goroutines for the second pass (default: the number of CPUs)")
	c.fs.Var(&c.domains, "internal-domain", "a `domain` of the sender's own, added to the policy's (repeatable)")
	c.fs.Var(&c.nets, "internal-net", "a `network` (CIDR) of the sender's own, added to the policy's (repeatable)")
	c.fs.IntVar(&c.limits.MaxObjectSize, "max-object-size", stix.DefaultMaxObjectSize, "largest STIX object accepted, in `bytes`")
	c.fs.IntVar(&c.limits.MaxDepth, "max-depth", stix.DefaultMaxDepth, "deepest nesting accepted inside an object")
	c.fs.IntVar(&c.limits.MaxObjects, "max-objects", stix.DefaultMaxObjects, "most objects accepted in one input (with --window: in one window)")
	return c
}

// parse parses args and returns the one input argument ("-" or none for
// stdin).
func (c *common) parse(args []string) (string, error) {
	pos, err := parseInterspersed(c.fs, args)
	if err != nil {
		return "", err
	}
	if c.policy == "" {
		return "", errors.New("a policy is required (-p POLICY)")
	}
	switch len(pos) {
	case 0:
		return "-", nil
	case 1:
		return pos[0], nil
	}
	return "", fmt.Errorf("one input at most, got %d", len(pos))
}

// parseInterspersed parses flags wherever they are among the arguments
// (the flag package stops at the first non-flag), and returns the others.
// "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// redactor loads the policy and the key and compiles them.
func (c *common) redactor(stderr io.Writer) (*redact.Redactor, error) {
	p, err := policy.LoadFile(c.policy)
	if err != nil {
		return nil, err
	}
	key, err := c.key(stderr)
	if err != nil {
		return nil, err
	}
	if c.limits.MaxObjectSize <= 0 || c.limits.MaxDepth <= 0 || c.limits.MaxObjects <= 0 {
		return nil, errors.New("--max-object-size, --max-depth and --max-objects must be positive")
	}
	lim := c.limits
	opts := &redact.Options{Key: key, Destination: c.to, Identity: c.identity, Workers: c.workers, InternalDomains: c.domains, Limits: &lim, Progress: c.progress}
	for _, n := range c.nets {
		pfx, err := policy.ParseNetwork(n)
		if err != nil {
			return nil, fmt.Errorf("--internal-net %q: not a network (CIDR, such as 203.0.113.0/24, or an address)", n)
		}
		opts.InternalNets = append(opts.InternalNets, pfx)
	}
	if (len(c.domains) > 0 || len(c.nets) > 0) && p.PII == nil {
		return nil, errors.New("--internal-domain and --internal-net need a policy with a pii section")
	}
	return redact.Compile(p, opts)
}

// errNoKey is a usage error: the command needs a key.
var errNoKey = errors.New("no key: give --key-file FILE or set AIRLOCK_KEY (hex), or --ephemeral-key for a one-off run")

// key reads the key from the key file, the environment, or makes one.
// It never prints the key.
func (c *common) key(stderr io.Writer) ([]byte, error) {
	switch {
	case c.keyFile != "":
		k, shared, err := redact.ReadKeyFile(c.keyFile)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		if shared {
			fmt.Fprintf(stderr, "airlock: warning: key file %s is readable by others; chmod 600 it\n", c.keyFile)
		}
		return k, nil
	case os.Getenv("AIRLOCK_KEY") != "":
		k, err := redact.ParseHexKey(os.Getenv("AIRLOCK_KEY"))
		if err != nil {
			return nil, fmt.Errorf("AIRLOCK_KEY: %w", err)
		}
		return k, nil
	case c.ephemeral:
		k := make([]byte, 32)
		_, err := rand.Read(k)
		return k, err
	}
	return nil, errNoKey
}

// openInput opens the input argument ("-" is stdin).
func openInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
