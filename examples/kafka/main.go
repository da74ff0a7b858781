// Command airlock-kafka is a redaction worker for Kafka: a member of a
// consumer group that reads STIX content from one topic, applies an
// airlock policy, and produces the result to another topic, with
// at-least-once delivery. Run more workers in the same group, on as many
// machines as the input topic has partitions, to scale out.
//
//	airlock-kafka -brokers HOST:PORT[,...] -in TOPIC -out TOPIC -p POLICY
//	              [-group NAME] [-key-file F] [-dead-letter TOPIC]
//	              [-key-mode id|input|none] [-to CC] [-identity NAME]
//	              [-internal-domain D]... [-internal-net CIDR]...
//	              [-max-poll N] [-drain-timeout D]
//
// Every flag can also be given in the environment (see README.md); a flag
// wins over the environment. The key comes from -key-file or, without
// one, from AIRLOCK_KEY (hex).
//
// A message is one STIX object (redacted by the worker's session, so that
// marking definitions and drops seen in earlier messages apply to later
// ones), or a bundle, TAXII envelope, JSON list or NDJSON batch (redacted
// as a whole, keeping its shape).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stderr))
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// config is the command's configuration, from flags and the environment.
type config struct {
	worker   workerConfig
	policy   string
	keyFile  string
	to       string
	identity string
	domains  listFlag
	nets     listFlag
}

// parseConfig reads the flags, with defaults from the environment.
func parseConfig(args []string, getenv func(string) string, stderr io.Writer) (*config, error) {
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	c := &config{}
	fs := flag.NewFlagSet("airlock-kafka", flag.ContinueOnError)
	fs.SetOutput(stderr)
	brokers := fs.String("brokers", env("AIRLOCK_KAFKA_BROKERS", ""), "comma-separated seed `brokers` ($AIRLOCK_KAFKA_BROKERS)")
	fs.StringVar(&c.worker.Group, "group", env("AIRLOCK_KAFKA_GROUP", "airlock"), "consumer `group` ($AIRLOCK_KAFKA_GROUP)")
	fs.StringVar(&c.worker.In, "in", env("AIRLOCK_KAFKA_IN", ""), "input `topic` ($AIRLOCK_KAFKA_IN)")
	fs.StringVar(&c.worker.Out, "out", env("AIRLOCK_KAFKA_OUT", ""), "output `topic` ($AIRLOCK_KAFKA_OUT)")
	fs.StringVar(&c.worker.DeadLetter, "dead-letter", env("AIRLOCK_KAFKA_DEAD_LETTER", ""), "`topic` for messages that cannot be redacted, unredacted: keep it inside the boundary ($AIRLOCK_KAFKA_DEAD_LETTER; default: log and skip them)")
	keyModeFlag := fs.String("key-mode", env("AIRLOCK_KAFKA_KEY_MODE", string(keyByID)), "output record `key`: id (the output's STIX id), input (the input record's key), none ($AIRLOCK_KAFKA_KEY_MODE)")
	maxPoll := fs.Int("max-poll", 500, "most records handled and committed as one batch")
	fs.DurationVar(&c.worker.Drain, "drain-timeout", 10*time.Second, "how long a batch in hand may take to finish on shutdown")
	fs.StringVar(&c.policy, "p", env("AIRLOCK_POLICY", ""), "policy `file` ($AIRLOCK_POLICY)")
	fs.StringVar(&c.keyFile, "key-file", env("AIRLOCK_KEY_FILE", ""), "`file` holding the key, raw or hex ($AIRLOCK_KEY_FILE; default: $AIRLOCK_KEY, hex)")
	fs.StringVar(&c.to, "to", env("AIRLOCK_TO", ""), "destination `country` (ISO 3166-1 alpha-2), overriding the policy's ($AIRLOCK_TO)")
	fs.StringVar(&c.identity, "identity", env("AIRLOCK_IDENTITY", ""), "`name` of the redacting identity, overriding the policy's ($AIRLOCK_IDENTITY)")
	fs.Var(&c.domains, "internal-domain", "a `domain` of the sender's own, added to the policy's (repeatable)")
	fs.Var(&c.nets, "internal-net", "a `network` (CIDR) of the sender's own, added to the policy's (repeatable)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, b := range strings.Split(*brokers, ",") {
		if b = strings.TrimSpace(b); b != "" {
			c.worker.Brokers = append(c.worker.Brokers, b)
		}
	}
	c.worker.MaxPoll = *maxPoll
	c.worker.KeyMode = keyMode(*keyModeFlag)
	var missing []string
	for _, m := range []struct{ flag, value string }{
		{"-brokers", *brokers}, {"-in", c.worker.In}, {"-out", c.worker.Out}, {"-p", c.policy},
	} {
		if m.value == "" {
			missing = append(missing, m.flag)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing %s", strings.Join(missing, ", "))
	}
	switch c.worker.KeyMode {
	case keyByID, keyFromInput, keyNone:
	default:
		return nil, fmt.Errorf("-key-mode %q: want id, input or none", *keyModeFlag)
	}
	if c.worker.In == c.worker.Out || c.worker.In == c.worker.DeadLetter {
		return nil, errors.New("the input topic must differ from the output and dead-letter topics")
	}
	return c, nil
}

// redactor loads the policy and the key and compiles them.
func (c *config) redactor(getenv func(string) string, stderr io.Writer) (*redact.Redactor, error) {
	p, err := policy.LoadFile(c.policy)
	if err != nil {
		return nil, err
	}
	key, err := readKey(c.keyFile, getenv, stderr)
	if err != nil {
		return nil, err
	}
	opts := &redact.Options{Key: key, Destination: c.to, Identity: c.identity, InternalDomains: c.domains}
	for _, n := range c.nets {
		pfx, err := policy.ParseNetwork(n)
		if err != nil {
			return nil, fmt.Errorf("-internal-net %q: not a network (CIDR, such as 203.0.113.0/24, or an address)", n)
		}
		opts.InternalNets = append(opts.InternalNets, pfx)
	}
	if (len(c.domains) > 0 || len(c.nets) > 0) && p.PII == nil {
		return nil, errors.New("-internal-domain and -internal-net need a policy with a pii section")
	}
	return redact.Compile(p, opts)
}

// run is the command, with its environment passed in. Exit codes: 0 on a
// clean stop, 1 when a batch could not be produced, 2 for a usage, policy
// or key problem.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) int {
	c, err := parseConfig(args, getenv, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "airlock-kafka: %v\n", err)
		}
		return 2
	}
	rd, err := c.redactor(getenv, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "airlock-kafka: %v\n", err)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	w, err := newWorker(rd, c.worker, log)
	if err != nil {
		fmt.Fprintf(stderr, "airlock-kafka: %v\n", err)
		return 2
	}
	log.Info("started", "group", c.worker.Group, "in", c.worker.In, "out", c.worker.Out, "policy", rd.Policy().Name, "key_id", rd.KeyID())
	err = w.Run(ctx)
	w.Close()
	if err != nil {
		log.Error("stopped", "err", err, "processed", w.processed.Load())
		return 1
	}
	log.Info("stopped", "processed", w.processed.Load())
	return 0
}
