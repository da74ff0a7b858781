package main

import (
	"fmt"
	"io"

	"github.com/airlock-cti/airlock/policy"
)

// cmdCheck loads each policy and prints every problem with file:line:col.
func cmdCheck(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: airlock check POLICY...\n")
		return exitUsage
	}
	code := exitOK
	for _, file := range args {
		if _, err := policy.LoadFile(file); err != nil {
			fmt.Fprintln(stderr, err)
			code = exitUsage
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", file)
	}
	return code
}
