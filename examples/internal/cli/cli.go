// Package cli holds what airlock's command-line programs share: the
// redaction flags (policy, key, destination, identity, the sender's own
// namespace) and their reading into a compiled redact.Redactor, flags
// given anywhere among the arguments, and the one input a program reads.
// Programs that redact read these flags the same way, so a user learns
// them once.
package cli

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
)

// Redaction are the redaction flags.
type Redaction struct {
	Policy    string
	To        string
	KeyFile   string
	Ephemeral bool
	Identity  string
	Domains   List
	Nets      List
	// Prog names the program in warnings.
	Prog string
}

// Register defines the flags on fs.
func (r *Redaction) Register(fs *flag.FlagSet) {
	fs.Var(&once{s: &r.Policy}, "p", "policy `file` (YAML or JSON)")
	fs.Var(&once{s: &r.To}, "to", "destination `country` (ISO 3166-1 alpha-2), overriding the policy's")
	fs.Var(&once{s: &r.KeyFile}, "key-file", "`file` holding the key (at least 32 bytes, raw or hex); default: $AIRLOCK_KEY (hex)")
	fs.BoolVar(&r.Ephemeral, "ephemeral-key", false, "use a random key for this run only (pseudonyms and derived ids change from run to run)")
	fs.Var(&once{s: &r.Identity}, "identity", "`name` of the redacting identity, overriding the policy's")
	fs.Var(&r.Domains, "internal-domain", "a `domain` of the sender's own, added to the policy's (repeatable)")
	fs.Var(&r.Nets, "internal-net", "a `network` (CIDR) of the sender's own, added to the policy's (repeatable)")
}

// ErrNoKey says that no key was given.
var ErrNoKey = errors.New("no key: give --key-file FILE or set AIRLOCK_KEY (hex), or --ephemeral-key for a one-off run")

// Key reads the key from the key file or AIRLOCK_KEY, or makes a random
// one when --ephemeral-key asks. It warns on stderr about a key file that
// others may read, and never prints the key.
func (r *Redaction) Key(stderr io.Writer) ([]byte, error) {
	k, shared, err := redact.LoadKey(r.KeyFile, os.Getenv)
	switch {
	case errors.Is(err, redact.ErrNoKey) && r.Ephemeral:
		k := make([]byte, 32)
		_, err := rand.Read(k)
		return k, err
	case errors.Is(err, redact.ErrNoKey):
		return nil, ErrNoKey
	case err != nil:
		return nil, err
	case shared:
		fmt.Fprintf(stderr, "%s: warning: key file %s is readable by others; chmod 600 it\n", r.Prog, r.KeyFile)
	}
	return k, nil
}

// Compile loads the policy and the key and compiles them, with the
// program's own options in opts (workers, limits, progress).
func (r *Redaction) Compile(stderr io.Writer, opts redact.Options) (*redact.Redactor, error) {
	p, err := policy.LoadFile(r.Policy)
	if err != nil {
		return nil, err
	}
	if opts.Key, err = r.Key(stderr); err != nil {
		return nil, err
	}
	opts.Destination, opts.Identity, opts.InternalDomains = r.To, r.Identity, r.Domains
	for _, n := range r.Nets {
		pfx, err := policy.ParseNetwork(n)
		if err != nil {
			return nil, fmt.Errorf("--internal-net %q: not a network (CIDR, such as 203.0.113.0/24, or an address)", n)
		}
		opts.InternalNets = append(opts.InternalNets, pfx)
	}
	if (len(r.Domains) > 0 || len(r.Nets) > 0) && p.PII == nil {
		return nil, errors.New("--internal-domain and --internal-net need a policy with a pii section")
	}
	return redact.Compile(p, &opts)
}

// Input parses args, flags anywhere among them, and returns the one input
// argument ("-", or none, for stdin). A policy is required.
func (r *Redaction) Input(fs *flag.FlagSet, args []string) (string, error) {
	pos, err := ParseInterspersed(fs, args)
	if err != nil {
		return "", err
	}
	if r.Policy == "" {
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

// List is a flag that may be given several times.
type List []string

// Once defines a string flag that may be given once, with a default
// value, and returns where its value is kept. Given twice, the last
// value would win without a word: for an output flag, which file is
// written.
func Once(fs *flag.FlagSet, name, value, usage string) *string {
	s := value
	fs.Var(&once{s: &s}, name, usage)
	return &s
}

// once is a string flag that may be given once. Given twice, the last
// value would win without a word: for --to, the destination whose rules
// apply; for -p, the policy.
type once struct {
	s   *string
	set bool
}

func (o *once) String() string {
	if o.s == nil {
		return ""
	}
	return *o.s
}

func (o *once) Set(v string) error {
	if o.set {
		return errors.New("given twice")
	}
	*o.s, o.set = v, true
	return nil
}

func (l *List) String() string     { return strings.Join(*l, ",") }
func (l *List) Set(s string) error { *l = append(*l, s); return nil }

// ParseInterspersed parses flags wherever they are among the arguments
// (the flag package stops at the first non-flag), and returns the others.
// "--" ends the flags.
func ParseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
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

// OpenInput opens the input argument ("-" is stdin) and returns a function
// that closes it.
func OpenInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}
