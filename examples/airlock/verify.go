package main

import (
	"context"
	"fmt"
	"io"

	"github.com/airlock-cti/airlock/examples/internal/cli"
)

// cmdVerify checks that content holds nothing the policy forbids. It
// exits 1 and lists the violations (object, path, rule, kind: never a
// value) when it does.
func cmdVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommon("verify", stderr)
	in, err := c.parse(args)
	if err != nil {
		return usageError(stderr, err)
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
	found, err := rd.Verify(context.Background(), src)
	if err != nil {
		return fail(stderr, err)
	}
	for _, d := range found {
		where := d.Path
		if where == "" {
			where = "(object)"
		}
		fmt.Fprintf(stdout, "%s\t%s\t%s\t%s\t%s\n", d.Object, where, d.Rule, d.Action, d.Kind)
	}
	if len(found) > 0 {
		fmt.Fprintf(stderr, "airlock: verify: %d violations of policy %s\n", len(found), rd.Policy().Name)
		return exitViolations
	}
	fmt.Fprintf(stderr, "airlock: verify: nothing policy %s forbids\n", rd.Policy().Name)
	return exitOK
}
