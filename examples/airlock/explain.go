package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/airlock-cti/airlock/examples/internal/cli"
	"github.com/airlock-cti/airlock/redact"
)

// cmdExplain redacts the input without writing it and prints, object by
// object, what the policy did and which rule decided it. With --html it
// writes the review page instead (see review.go).
func cmdExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c := newCommon("explain", stderr)
	html := cli.Once(c.fs, "html", "", "write a review page to `file`: each object beside what leaves, changes highlighted (it holds the UNREDACTED input; written mode 0600)")
	in, err := c.parse(args)
	if err != nil {
		return usageError(stderr, err)
	}
	rd, err := c.redactor(stderr)
	if err != nil {
		return policyError(stderr, err)
	}
	if err := distinctFiles([]string{"the input", "--html"}, []string{inputPath(in, stdin), *html}); err != nil {
		return usageError(stderr, err)
	}
	if *html != "" {
		return explainHTML(rd, in, stdin, *html, stderr)
	}
	src, closeIn, err := cli.OpenInput(in, stdin)
	if err != nil {
		return fail(stderr, err)
	}
	defer closeIn()
	var ds []redact.Decision
	sum, err := rd.Redact(context.Background(), io.Discard, src, redact.ReporterFunc(func(d redact.Decision) error {
		ds = append(ds, d)
		return nil
	}))
	if err != nil {
		return fail(stderr, err)
	}
	writeExplanation(stdout, sum, ds)
	return exitOK
}

func writeExplanation(w io.Writer, sum *redact.Summary, ds []redact.Decision) {
	fmt.Fprintf(w, "policy %s", sum.Policy)
	if sum.Version != "" {
		fmt.Fprintf(w, " (version %s)", sum.Version)
	}
	if sum.To != "" {
		fmt.Fprintf(w, ", destination %s", sum.To)
	}
	fmt.Fprintf(w, ", key %s\n\n", sum.KeyID)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	last := ""
	for _, d := range ds {
		if d.Object != last {
			fmt.Fprintf(tw, "%s\t(%s)\t\t\t\n", d.Object, d.Type)
			last = d.Object
		}
		what := d.Path
		if d.NewID != "" {
			what = "-> " + d.NewID
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t\n", d.Action, what, d.Rule, d.Kind)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%d objects in, %d out: %d dropped, %d changed, %d added\n", sum.ObjectsIn, sum.ObjectsOut, sum.Dropped, sum.Changed, sum.Added)
}
