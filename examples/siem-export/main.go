// Command siem-export redacts STIX content with an airlock policy and writes
// the indicators that survive in a SIEM's ingest format: Elastic Common
// Schema threat.indicator documents as NDJSON (the default), or Splunk HTTP
// Event Collector events.
//
//	siem-export -p POLICY [-o OUT] [--format ecs|splunk-hec] [--feed NAME]
//	            [--to CC] [--key-file F | --ephemeral-key] [--identity NAME]
//	            [--internal-domain D]... [--internal-net CIDR]...
//	            [--hec-index I] [--hec-source S] [--hec-sourcetype T] [FILE|-]
//
// The input is anything airlock reads: a bundle, a TAXII 2.1 envelope, a JSON
// list, NDJSON or a single object, STIX 2.0 or 2.1, from FILE or stdin.
// The whole input is redacted first, as one unit, so that a drop in one
// object reaches every object that depends on it; the export reads only the
// redacted output, never the input.
//
// One document is written per comparison of a STIX pattern that names an
// observable value a SIEM can match: ipv4-addr and ipv6-addr values
// (threat.indicator.ip), domain-name values (threat.indicator.url.domain),
// url values (threat.indicator.url.full), email-addr values and the sender of
// an email-message (threat.indicator.email.address), and file hashes
// (threat.indicator.file.hash.*). Comparisons that are negated, that use an
// operator other than = or IN, whose value is a network rather than an
// address, or whose value is a pseudonym the policy put in place of personal
// data, are skipped: a SIEM could only match them wrongly or not at all.
// Indicators whose pattern is not STIX (sigma, yara, snort), that are
// revoked, or whose pattern does not parse are skipped whole.
//
// The key (at least 32 bytes) comes from --key-file (raw bytes, or hex text)
// or the AIRLOCK_KEY environment variable (hex); --ephemeral-key uses a
// random key for this run only. Exit codes: 0 done; 2 usage, policy or key
// error; 3 input error. On error nothing is written to OUT.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/airlock-cti/airlock/examples/internal/cli"
	"github.com/airlock-cti/airlock/policy"
)

// Exit codes, as the airlock command has them.
const (
	exitOK    = 0
	exitUsage = 2
	exitInput = 3
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the command with its environment passed in, so tests can run it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := newFlags(stderr)
	in, err := f.parse(args)
	if err != nil {
		return usageError(stderr, err)
	}
	rd, err := f.redactor(stderr)
	if err != nil {
		return report(stderr, err, exitUsage)
	}
	enc, err := f.encoder()
	if err != nil {
		return usageError(stderr, err)
	}
	src, closeIn, err := cli.OpenInput(in, stdin)
	if err != nil {
		return report(stderr, err, exitInput)
	}
	defer closeIn()

	// The export is built in memory, after the redaction has read and
	// validated all of the input, so that an input error writes nothing.
	var docs bytes.Buffer
	stats, err := exportFrom(rd, src, f.feedName(rd), enc, &docs)
	if err != nil {
		return report(stderr, err, exitFor(err))
	}
	if err := writeOutput(f.out, stdout, docs.Bytes()); err != nil {
		return report(stderr, err, exitInput)
	}
	fmt.Fprintf(stderr, "siem-export: %s\n", stats)
	return exitOK
}

// usageError reports a usage problem (exit 2); -h prints only the usage.
func usageError(stderr io.Writer, err error) int {
	if !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "siem-export: %v\n", err)
	}
	return exitUsage
}

// report prints err and returns code.
func report(stderr io.Writer, err error, code int) int {
	fmt.Fprintf(stderr, "siem-export: %v\n", err)
	return code
}

// exitFor maps an error from the redaction to an exit code: a policy
// problem is a usage error; anything else (a *stix.InputError, a read
// error) is an input error.
func exitFor(err error) int {
	var pe policy.Errors
	if errors.As(err, &pe) {
		return exitUsage
	}
	return exitInput
}
