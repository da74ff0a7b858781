package main

import (
	"fmt"
	"io"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
)

// cmdTest runs the test cases each policy carries. It exits 1 if a case
// fails, 2 if a policy does not load.
func cmdTest(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: airlock test POLICY...\n")
		return exitUsage
	}
	code := exitOK
	for _, file := range args {
		p, err := policy.LoadFile(file)
		if err != nil {
			fmt.Fprintln(stderr, err)
			code = exitUsage
			continue
		}
		if len(p.Tests) == 0 {
			fmt.Fprintf(stdout, "%s: no test cases\n", file)
			continue
		}
		results := redact.TestPolicy(p, nil)
		failed := 0
		for _, r := range results {
			if r.Passed() {
				fmt.Fprintf(stdout, "ok    %s: %s\n", file, r.Name)
				continue
			}
			failed++
			fmt.Fprintf(stdout, "FAIL  %s: %s (%s)\n", file, r.Name, r.Pos)
			for _, f := range r.Failures {
				fmt.Fprintf(stdout, "        %s\n", f)
			}
		}
		if failed > 0 && code == exitOK {
			code = exitViolations
		}
		fmt.Fprintf(stdout, "%s: %d passed, %d failed\n", file, len(results)-failed, failed)
	}
	return code
}
