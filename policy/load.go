package policy

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/airlock-cti/airlock/policy/internal/syntax"
)

// MaxPolicySize is the largest policy file Load accepts.
const MaxPolicySize = 1 << 20

// Pos is a position in a policy file.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// An Error is one problem with a policy: where it is in the file, the
// structural path of the offending part (such as "objects[2].where[0]"),
// and what is wrong.
type Error struct {
	Pos  Pos
	Path string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.File != "" || e.Pos.Line > 0 {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors are all the problems found in a policy, in file order. Load
// reports every problem it finds in one pass, not only the first.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap returns the individual errors.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

func fromSyntax(errs syntax.Errors) error {
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	out := make(Errors, len(errs))
	for i, e := range errs {
		out[i] = &Error{Pos: pos(e.Pos), Path: e.Path, Msg: e.Msg}
	}
	return out
}

func pos(p syntax.Pos) Pos { return Pos{File: p.File, Line: p.Line, Col: p.Col} }

// LoadFile reads and loads the policy at path. It reads to the end of
// the file, not to the size the file had when opened, so that a pipe
// (-p <(...), /dev/stdin) is read, not taken for an empty policy, and a
// file that grows as it is read is not cut short.
func LoadFile(path string) (*Policy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxPolicySize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxPolicySize {
		return nil, Errors{{Pos: Pos{File: path}, Msg: fmt.Sprintf("policy file larger than %d bytes", MaxPolicySize)}}
	}
	return Load(path, src)
}

// Load decodes and validates a policy. The format follows the file name:
// ".json" files are JSON (read with the standard library's tokenizer, for
// exact JSON semantics), anything else YAML. On failure the error is
// Errors, holding every problem found, each with file:line:col.
func Load(file string, src []byte) (*Policy, error) {
	root, errs := syntax.Parse(file, src, syntax.Limits{MaxBytes: MaxPolicySize})
	if len(errs) > 0 {
		return nil, fromSyntax(errs)
	}
	d := &decoder{errs: &errs, file: file}
	p := d.policy(root)
	p.File = file
	if len(errs) > 0 {
		return nil, fromSyntax(errs)
	}
	return p, nil
}
