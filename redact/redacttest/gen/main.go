// Command gen writes a large generated STIX input for measuring airlock:
// a bundle, or an NDJSON stream, of redacttest objects with object and
// granular TLP markings, paragraphs of report prose, and victims named in
// a fifth of them.
//
//	go run ./redact/redacttest/gen -size 1GB -o /tmp/big.json
//	go run ./redact/redacttest/gen -size 1GB -ndjson -o /tmp/big.ndjson
//
// It is made in chunks of 5,000 objects (references stay within a chunk),
// so it needs little memory whatever the size.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/airlock-cti/airlock/redact/redacttest"
)

func main() {
	size := flag.String("size", "100MB", "approximate `size` (KB, MB, GB)")
	ndjson := flag.Bool("ndjson", false, "write NDJSON, one object a line, instead of a bundle")
	out := flag.String("o", "-", "output `file` (- is stdout)")
	victims := flag.Float64("victims", 0.2, "fraction of prose paragraphs naming victims")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gen: -size: %v\n", err)
		os.Exit(2)
	}
	var w io.Writer = os.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(os.Stderr, "gen: %v\n", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := write(w, n, *ndjson, *victims); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

func write(dst io.Writer, size int64, ndjson bool, victims float64) error {
	w := bufio.NewWriterSize(dst, 1<<20)
	var written int64
	put := func(b []byte) {
		n, _ := w.Write(b)
		written += int64(n)
	}
	if !ndjson {
		put([]byte(`{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[`))
	}
	first := true
	for seed := uint64(1); written < size; seed++ {
		var b struct{ Objects []json.RawMessage }
		chunk := redacttest.Bundle(redacttest.Options{Seed: seed, Objects: 5000, UnknownRate: 0.02, Prose: true, Victims: victims})
		if err := json.Unmarshal(chunk, &b); err != nil {
			return err
		}
		for i, o := range b.Objects {
			if seed > 1 && i < 3 {
				continue // each chunk starts with the same three marking definitions
			}
			switch {
			case ndjson:
				put(o)
				put([]byte("\n"))
			case first:
				put(o)
			default:
				put([]byte(","))
				put(o)
			}
			first = false
		}
	}
	if !ndjson {
		put([]byte("]}\n"))
	}
	return w.Flush()
}

func parseSize(s string) (int64, error) {
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}} {
		if strings.HasSuffix(strings.ToUpper(s), u.suffix) {
			s, mult = s[:len(s)-len(u.suffix)], u.m
			break
		}
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 500MB or 1GB", s)
	}
	return int64(n * float64(mult)), nil
}
