package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/airlock-cti/airlock/examples/internal/cli"
	"github.com/airlock-cti/airlock/redact"
)

func cmdRedact(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommon("redact", stderr)
	out := cli.Once(c.fs, "o", "-", "output `file` (- is stdout)")
	reportFile := cli.Once(c.fs, "report", "", "write the report (JSON) to `file`")
	window := c.fs.Int("window", 0, "redact an endless stream in windows of `n` objects, writing NDJSON after each (0: the whole input at once)")
	in, err := c.parse(args)
	if err != nil {
		return usageError(stderr, err)
	}
	if *window < 0 {
		return usageError(stderr, errors.New("--window must not be negative"))
	}
	if err := distinctFiles([]string{"the input", "-o", "--report"}, []string{inputPath(in, stdin), *out, *reportFile}); err != nil {
		return usageError(stderr, err)
	}
	prog := newProgress(stderr)
	if prog != nil {
		c.progress = prog.update
	}
	rd, err := c.redactor(stderr)
	if err != nil {
		return policyError(stderr, err)
	}
	src, closeIn, err := cli.OpenInput(in, stdin)
	if err != nil {
		return fail(stderr, err)
	}
	defer closeIn()

	var dst io.Writer = stdout
	var outFile, repFile *atomicFile
	if *out != "-" {
		if outFile, err = createAtomic(*out, 0o644); err != nil {
			return fail(stderr, err)
		}
		defer outFile.Abort()
		dst = outFile
	}
	var rep redact.Reporter
	var jr *redact.JSONReporter
	if *reportFile != "" {
		if repFile, err = createAtomic(*reportFile, 0o600); err != nil {
			return fail(stderr, err)
		}
		defer repFile.Abort()
		jr = redact.NewJSONReporter(repFile)
		rep = jr
	}
	var sum *redact.Summary
	if *window > 0 {
		sum, err = rd.RedactStream(context.Background(), dst, src, &redact.WindowOptions{Objects: *window}, rep)
	} else {
		sum, err = rd.Redact(context.Background(), dst, src, rep)
	}
	prog.clear()
	if err != nil {
		if sum != nil && (outFile == nil || outFile.direct) {
			// Windows written before the error have left: say what they
			// did, and keep the report of it.
			if jr != nil && jr.Finish(sum) == nil {
				repFile.Commit()
			}
			fmt.Fprintf(stderr, "airlock: before the error, windows written: %d objects in, %d out (%d dropped, %d changed, %d added)\n",
				sum.ObjectsIn, sum.ObjectsOut, sum.Dropped, sum.Changed, sum.Added)
		}
		return fail(stderr, err)
	}
	if jr != nil {
		if err := jr.Finish(sum); err != nil {
			return fail(stderr, err)
		}
		if err := repFile.Commit(); err != nil {
			return fail(stderr, err)
		}
	}
	if outFile != nil {
		if err := outFile.Commit(); err != nil {
			return fail(stderr, err)
		}
	}
	fmt.Fprintf(stderr, "airlock: %d objects in, %d out (%d dropped, %d changed, %d added)\n", sum.ObjectsIn, sum.ObjectsOut, sum.Dropped, sum.Changed, sum.Added)
	if n := sum.LateMarkings; n > 0 {
		what, them := fmt.Sprintf("%d marking definitions came after objects that use them", n), "them"
		if n == 1 {
			what, them = "1 marking definition came after objects that use it", "it"
		}
		fmt.Fprintf(stderr, "airlock: warning: %s; earlier windows judged %s unknown and failed closed "+
			"(the report's unknown-marking decisions). Put definitions first, or redact the whole input without --window\n", what, them)
	}
	if n := sum.LateReferenced; n > 0 {
		what := fmt.Sprintf("%d objects were dropped or renamed after earlier windows had written references to them", n)
		if n == 1 {
			what = "1 object was dropped or renamed after earlier windows had written references to it"
		}
		fmt.Fprintf(stderr, "airlock: warning: %s; those windows could not judge them, and wrote the original ids "+
			"(the report's late_referenced_objects). Put objects before what refers to them, or redact the whole input without --window\n", what)
	}
	return exitOK
}

// usageError reports a usage problem (exit 2).
func usageError(stderr io.Writer, err error) int {
	if !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "airlock: %v\n", err)
	}
	return exitUsage
}

// policyError reports a problem with the policy, the key or the options
// (exit 2).
func policyError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "airlock: %v\n", err)
	return exitUsage
}

// fail reports an error while reading input or writing output and
// returns its exit code.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "airlock: %v\n", err)
	return exitFor(err)
}
