package syntax

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// An Error is one problem in a policy source.
//
// Msg never repeats a long value from the source: policies are written by
// people and reviewed by others, and an error log is not the place for
// whatever was pasted into them. Short names (a key, a tag, a boolean's
// spelling) are quoted; anything longer is cut short (see [Quote]).
type Error struct {
	// Pos is where the problem is.
	Pos Pos
	// Path is the structural path of the value concerned, such as
	// "rules[2].match", or "" for the whole document or a syntax error.
	Path string
	// Msg says what is wrong, starting in lower case.
	Msg string
}

// Error returns "file:line:col: path: msg", leaving out the parts that are
// empty.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.IsValid() || e.Pos.File != "" {
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

// Errors is a list of problems, collected in one pass so that an author can
// fix them all at once. The nil list means no problems.
type Errors []*Error

// Add appends an error at pos and path with a message formatted as
// fmt.Sprintf does.
func (e *Errors) Add(pos Pos, path, format string, args ...any) {
	*e = append(*e, &Error{Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// Sort orders the errors by file, then position; errors without a position
// come first in their file. The order of errors at the same position is kept.
func (e Errors) Sort() {
	slices.SortStableFunc(e, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// Error returns the errors one per line.
func (e Errors) Error() string {
	switch len(e) {
	case 0:
		return "no errors"
	case 1:
		return e[0].Error()
	}
	var b strings.Builder
	for i, err := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

// Err returns e as an error, or nil when e is empty (so that a nil list
// never turns into a non-nil error interface).
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// Unwrap returns the errors, for errors.Is and errors.As.
func (e Errors) Unwrap() []error {
	errs := make([]error, len(e))
	for i, err := range e {
		errs[i] = err
	}
	return errs
}

// maxQuoted is the longest value, in bytes, that messages quote in full.
const maxQuoted = 40

// Quote returns s quoted for a message. A value longer than 40 bytes is cut
// to its first 32 bytes (at a character boundary) followed by "...", so a
// message never carries a long value from the source.
func Quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := 32
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut] + "...")
}
