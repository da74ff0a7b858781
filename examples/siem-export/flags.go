package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/airlock-cti/airlock/examples/internal/cli"
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
	cli.Redaction
	out    string
	format string
	feed   string
	hec    hecOptions
	fs     *flag.FlagSet
}

func newFlags(stderr io.Writer) *flags {
	f := &flags{Redaction: cli.Redaction{Prog: "siem-export"}, fs: flag.NewFlagSet("siem-export", flag.ContinueOnError)}
	fs := f.fs
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	f.Register(fs)
	fs.StringVar(&f.out, "o", "-", "output `file` (- is stdout)")
	fs.StringVar(&f.format, "format", "ecs", "output `format`: ecs (Elastic Common Schema NDJSON) or splunk-hec (Splunk HTTP Event Collector events)")
	fs.StringVar(&f.feed, "feed", "", "threat.feed.`name` of the documents (default: the policy's name)")
	fs.StringVar(&f.hec.Index, "hec-index", "", "Splunk `index` of the events (default: the token's)")
	fs.StringVar(&f.hec.Source, "hec-source", "airlock", "Splunk `source` of the events")
	fs.StringVar(&f.hec.Sourcetype, "hec-sourcetype", "airlock:threat:indicator", "Splunk `sourcetype` of the events")
	return f
}

// parse parses args and returns the one input argument ("-" for stdin).
func (f *flags) parse(args []string) (string, error) {
	return f.Input(f.fs, args)
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
	return f.Compile(stderr, redact.Options{})
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
