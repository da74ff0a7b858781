package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
)

const usage = `usage:
  siem-export -p POLICY [-o OUT] [--format ecs|splunk-hec] [--feed NAME]
              [--to CC] [--key-file F | --ephemeral-key] [--identity NAME]
              [--internal-domain D]... [--internal-net CIDR]...
              [--hec-index I] [--hec-source S] [--hec-sourcetype T] [FILE|-]

flags:
`

// flags are the command's flags: the airlock command's redaction flags,
// and the export's own.
type flags struct {
	policy    string
	out       string
	to        string
	keyFile   string
	ephemeral bool
	identity  string
	domains   listFlag
	nets      listFlag
	format    string
	feed      string
	hec       hecOptions
	fs        *flag.FlagSet
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func newFlags(stderr io.Writer) *flags {
	f := &flags{fs: flag.NewFlagSet("siem-export", flag.ContinueOnError)}
	fs := f.fs
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.policy, "p", "", "policy `file` (YAML or JSON)")
	fs.StringVar(&f.out, "o", "-", "output `file` (- is stdout)")
	fs.StringVar(&f.to, "to", "", "destination `country` (ISO 3166-1 alpha-2), overriding the policy's")
	fs.StringVar(&f.keyFile, "key-file", "", "`file` holding the key (at least 32 bytes, raw or hex); default: $AIRLOCK_KEY (hex)")
	fs.BoolVar(&f.ephemeral, "ephemeral-key", false, "use a random key for this run only (pseudonyms and derived ids change from run to run)")
	fs.StringVar(&f.identity, "identity", "", "`name` of the redacting identity, overriding the policy's")
	fs.Var(&f.domains, "internal-domain", "a `domain` of the sender's own, added to the policy's (repeatable)")
	fs.Var(&f.nets, "internal-net", "a `network` (CIDR) of the sender's own, added to the policy's (repeatable)")
	fs.StringVar(&f.format, "format", "ecs", "output `format`: ecs (Elastic Common Schema NDJSON) or splunk-hec (Splunk HTTP Event Collector events)")
	fs.StringVar(&f.feed, "feed", "", "threat.feed.`name` of the documents (default: the policy's name)")
	fs.StringVar(&f.hec.Index, "hec-index", "", "Splunk `index` of the events (default: the token's)")
	fs.StringVar(&f.hec.Source, "hec-source", "airlock", "Splunk `source` of the events")
	fs.StringVar(&f.hec.Sourcetype, "hec-sourcetype", "airlock:threat:indicator", "Splunk `sourcetype` of the events")
	return f
}

// parse parses args and returns the one input argument ("-" for stdin).
func (f *flags) parse(args []string) (string, error) {
	pos, err := parseInterspersed(f.fs, args)
	if err != nil {
		return "", err
	}
	if f.policy == "" {
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
// (the flag package stops at the first non-flag) and returns the others.
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

// encoder returns the document encoder the --format flag names.
func (f *flags) encoder() (encoder, error) {
	switch f.format {
	case "ecs":
		return ecsNDJSON{}, nil
	case "splunk-hec":
		return f.hec, nil
	}
	return nil, fmt.Errorf("--format %q: want ecs or splunk-hec", f.format)
}

// feedName is threat.feed.name: the flag, or the policy's name, which
// tells the SIEM's users which sharing agreement the indicators came
// under.
func (f *flags) feedName(rd *redact.Redactor) string {
	if f.feed != "" {
		return f.feed
	}
	return rd.Policy().Name
}

// redactor loads the policy and the key and compiles them, as the airlock
// command does.
func (f *flags) redactor(stderr io.Writer) (*redact.Redactor, error) {
	p, err := policy.LoadFile(f.policy)
	if err != nil {
		return nil, err
	}
	key, err := f.key(stderr)
	if err != nil {
		return nil, err
	}
	opts := &redact.Options{Key: key, Destination: f.to, Identity: f.identity, InternalDomains: f.domains}
	for _, n := range f.nets {
		pfx, err := policy.ParseNetwork(n)
		if err != nil {
			return nil, fmt.Errorf("--internal-net %q: not a network (CIDR, such as 203.0.113.0/24, or an address)", n)
		}
		opts.InternalNets = append(opts.InternalNets, pfx)
	}
	if (len(f.domains) > 0 || len(f.nets) > 0) && p.PII == nil {
		return nil, errors.New("--internal-domain and --internal-net need a policy with a pii section")
	}
	return redact.Compile(p, opts)
}

// errNoKey is a usage error: the redaction needs a key.
var errNoKey = errors.New("no key: give --key-file FILE or set AIRLOCK_KEY (hex), or --ephemeral-key for a one-off run")

// key reads the key from the key file or the environment, or makes one.
// It never prints the key.
func (f *flags) key(stderr io.Writer) ([]byte, error) {
	switch {
	case f.keyFile != "":
		k, shared, err := redact.ReadKeyFile(f.keyFile)
		if err != nil {
			return nil, fmt.Errorf("key file: %w", err)
		}
		if shared {
			fmt.Fprintf(stderr, "siem-export: warning: key file %s is readable by others; chmod 600 it\n", f.keyFile)
		}
		return k, nil
	case os.Getenv("AIRLOCK_KEY") != "":
		k, err := redact.ParseHexKey(os.Getenv("AIRLOCK_KEY"))
		if err != nil {
			return nil, fmt.Errorf("AIRLOCK_KEY: %w", err)
		}
		return k, nil
	case f.ephemeral:
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

// writeOutput writes the documents to stdout or to the file name, through
// a temporary file in the same directory renamed into place, so that a
// failed write leaves no partial file under the final name.
func writeOutput(name string, stdout io.Writer, data []byte) error {
	if name == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		// A pipe or a device: nothing to rename over.
		return os.WriteFile(name, data, 0)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
