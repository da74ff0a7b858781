// Command airlock applies an airlock policy to STIX 2.x content from the
// command line.
//
//	airlock redact  -p POLICY [-o OUT] [--report FILE] [--to CC] [--key-file F]
//	                [--ephemeral-key] [--identity NAME]
//	                [--internal-domain D]... [--internal-net CIDR]... [--window N]
//	                [--max-object-size B] [--max-depth N] [--max-objects N] [FILE|-]
//	airlock check   POLICY...
//	airlock verify  -p POLICY [--to CC] [--key-file F | --ephemeral-key] [FILE|-]
//	airlock explain -p POLICY [--to CC] [--key-file F | --ephemeral-key]
//	                [--html OUT.html] [FILE|-]
//	airlock test    POLICY...
//
// Exit codes: 0 done; 1 verify found violations; 2 usage or policy error;
// 3 input error, or an output or report that cannot be written. On error nothing is written to OUT: output goes to a
// temporary file in OUT's directory, renamed into place on success.
//
// With --window N, redact reads an endless stream (NDJSON on stdin, say)
// in windows of N objects and writes each window, as NDJSON, once both
// passes have run on it; what one window decided (ids dropped or renamed,
// marking definitions) carries to the next, with the guarantees of
// redact.Session. A reference to an object in a later window cannot be
// judged: if that window drops or renames the object, the earlier one has
// written its original id, and redact warns on stderr. Windows already
// written to stdout stay written if a later one fails: redact then says
// what they did, and keeps their --report.
//
// On a terminal, redact shows its progress on stderr; elsewhere it is
// silent but for its one-line summary.
//
// The key (at least 32 bytes) comes from --key-file (raw bytes, or hex
// text), or from the AIRLOCK_KEY environment variable (hex). Without one,
// airlock refuses to run unless --ephemeral-key asks for a random key for
// this run only (pseudonyms and derived ids then differ from run to run).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/stix"
)

// Exit codes.
const (
	exitOK         = 0
	exitViolations = 1
	exitUsage      = 2
	exitInput      = 3
)

const usage = `usage:
  airlock redact  -p POLICY [-o OUT] [--report FILE] [--to CC] [--key-file F]
                  [--ephemeral-key] [--identity NAME]
                  [--internal-domain D]... [--internal-net CIDR]... [--window N]
                  [--max-object-size B] [--max-depth N] [--max-objects N] [FILE|-]
  airlock check   POLICY...
  airlock verify  -p POLICY [--to CC] [--key-file F | --ephemeral-key] [FILE|-]
  airlock explain -p POLICY [--to CC] [--key-file F | --ephemeral-key]
                  [--html OUT.html] [FILE|-]
  airlock test    POLICY...

Run 'airlock COMMAND -h' for a command's flags.
`

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// gcPercent is the collector's target the command sets, unless GOGC says
// otherwise: the heap may grow 10% past what is live before a collection,
// where Go's default lets it double. A whole-input run's live memory is
// its index, which holds no pointers, so a collection costs little
// however large the index is, and collecting often keeps the peak near
// the index's size: on the 1 GB stream, 230 MB instead of 396 MB, for
// about the same time (README, "Performance"). At 15% the peak was 251
// MB, too near the 256 MB the stream must stay under.
const gcPercent = 10

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}

// run is the command, with its environment passed in, so tests can run it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "redact":
		return cmdRedact(rest, stdin, stdout, stderr)
	case "check":
		return cmdCheck(rest, stdout, stderr)
	case "verify":
		return cmdVerify(rest, stdin, stdout, stderr)
	case "explain":
		return cmdExplain(rest, stdin, stdout, stderr)
	case "test":
		return cmdTest(rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "airlock: unknown command %q\n%s", cmd, usage)
	return exitUsage
}

// exitFor maps an error from reading input or writing output to an exit
// code: a policy error is 2, the rest 3 (input errors, and failures to
// write the output or the report).
func exitFor(err error) int {
	var ie *stix.InputError
	if errors.As(err, &ie) {
		return exitInput
	}
	var pe policy.Errors
	if errors.As(err, &pe) {
		return exitUsage
	}
	return exitInput
}
