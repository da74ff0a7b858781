package main

import (
	"errors"
	"flag"
	"io"

	"github.com/airlock-cti/airlock/examples/internal/cli"
	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/stix"
)

// common are the flags redact, explain and verify share: the redaction
// flags every airlock program reads (cli.Redaction), and the command's
// own.
type common struct {
	cli.Redaction
	workers  int
	limits   stix.ReaderOptions
	progress func(redact.Progress)
	fs       *flag.FlagSet
}

func newCommon(name string, stderr io.Writer) *common {
	c := &common{Redaction: cli.Redaction{Prog: "airlock"}, fs: flag.NewFlagSet(name, flag.ContinueOnError)}
	c.fs.SetOutput(stderr)
	c.Register(c.fs)
	c.fs.IntVar(&c.workers, "workers", 0, "goroutines for both passes (default: the number of CPUs)")
	c.fs.IntVar(&c.limits.MaxObjectSize, "max-object-size", stix.DefaultMaxObjectSize, "largest STIX object accepted, in `bytes`")
	c.fs.IntVar(&c.limits.MaxDepth, "max-depth", stix.DefaultMaxDepth, "deepest nesting accepted inside an object")
	c.fs.IntVar(&c.limits.MaxObjects, "max-objects", stix.DefaultMaxObjects, "most objects accepted in one input (with --window: in one window)")
	return c
}

// parse parses args and returns the one input argument ("-" or none for
// stdin).
func (c *common) parse(args []string) (string, error) {
	return c.Input(c.fs, args)
}

// redactor loads the policy and the key and compiles them.
func (c *common) redactor(stderr io.Writer) (*redact.Redactor, error) {
	if c.limits.MaxObjectSize <= 0 || c.limits.MaxDepth <= 0 || c.limits.MaxObjects <= 0 {
		return nil, errors.New("--max-object-size, --max-depth and --max-objects must be positive")
	}
	if c.workers < 0 {
		return nil, errors.New("--workers must not be negative (0 means one per CPU)")
	}
	lim := c.limits
	return c.Compile(stderr, redact.Options{Workers: c.workers, Limits: &lim, Progress: c.progress})
}
