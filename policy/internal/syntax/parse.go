package syntax

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Default limits, used where a [Limits] field is zero. A hand-written policy
// is a few kilobytes and a few levels deep; these leave room for generated
// ones while keeping a hostile file from costing much.
const (
	DefaultMaxBytes  = 1 << 20
	DefaultMaxDepth  = 64
	DefaultMaxNodes  = 100000
	DefaultMaxErrors = 100
)

// Limits bounds what [Parse] accepts. A zero or negative field means its
// default.
type Limits struct {
	// MaxBytes is the largest source accepted, in bytes. It also bounds
	// the YAML library's own work, which MaxNodes cannot (the library
	// builds its tree before this package counts): at the default, a
	// hostile one-line YAML list of half a million items costs it about
	// 2 s and 1 GB of short-lived allocation on a small VM. Services that
	// accept policies from others may want less.
	MaxBytes int
	// MaxDepth is the deepest nesting of mappings and lists: a top-level
	// mapping of scalars has depth 1.
	MaxDepth int
	// MaxNodes is the most values (scalars, mappings and lists; keys do not
	// count) the tree may hold.
	MaxNodes int
	// MaxErrors is the most errors Parse reports. Past it Parse adds
	// "too many errors" and stops, as the Go compiler does after ten: a
	// source with hundreds of problems is not a policy being edited, and a
	// hostile one could otherwise fill a log.
	MaxErrors int
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = DefaultMaxNodes
	}
	if l.MaxErrors <= 0 {
		l.MaxErrors = DefaultMaxErrors
	}
	return l
}

const bom = "\xEF\xBB\xBF"

// Parse reads a policy source. The format is chosen by the file name:
// ".json" (in any case) is JSON, anything else is YAML. The file name is
// also the File of every position.
//
// Parse reports every problem it can find in one pass, sorted by position.
// It returns the tree even when there are errors, so that a decoder can go
// on to report problems of its own in the same pass; a value that could not
// be built is a [KindInvalid] node, and a repeated key keeps its first
// entry.
// The tree is nil only when the source could not be read at all: too large,
// not UTF-8, empty, a syntax error, over a limit, or too many errors.
//
// A leading UTF-8 byte order mark is ignored in both formats; in YAML,
// one anywhere else is an error.
func Parse(file string, src []byte, opt Limits) (*Node, Errors) {
	lim := opt.withDefaults()
	isJSON := strings.EqualFold(suffix(file), ".json")
	start := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		start = len(bom)
	}
	x := newLineIndex(file, src, start, !isJSON)
	var errs Errors
	switch {
	case len(src) > lim.MaxBytes:
		errs.Add(x.pos(start), "", "the policy is larger than %d bytes", lim.MaxBytes)
		return nil, errs
	case !utf8.Valid(src):
		errs.Add(x.pos(firstInvalidUTF8(src)), "", "the policy is not valid UTF-8")
		return nil, errs
	case !isJSON && bytes.Contains(src[start:], []byte(bom)):
		// YAML reads a byte order mark at the start of any document and
		// drops it, which would shift the positions of what follows.
		errs.Add(x.pos(start+bytes.Index(src[start:], []byte(bom))), "", "a byte order mark (U+FEFF) inside the policy; only one, at the very start, is allowed")
		return nil, errs
	}
	var root *Node
	if isJSON {
		root = parseJSON(x, lim, &errs)
	} else {
		root = parseYAML(x, lim, &errs)
	}
	errs.Sort()
	return root, errs
}

func suffix(file string) string {
	if i := strings.LastIndexByte(file, '.'); i >= 0 {
		return file[i:]
	}
	return ""
}

func firstInvalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// builder holds what both front ends share while building a tree.
type builder struct {
	x     *lineIndex
	lim   Limits
	errs  *Errors
	nodes int
	// stopped is set once a limit is exceeded; building stops and the
	// tree is dropped.
	stopped bool
}

// add records an error, or "too many errors" once the limit is reached,
// after which building stops and the tree is dropped.
func (b *builder) add(pos Pos, path, format string, args ...any) {
	if len(*b.errs) >= b.lim.MaxErrors {
		if !b.stopped {
			b.errs.Add(pos, "", "too many errors; stopped after %d", b.lim.MaxErrors)
		}
		b.stopped = true
		return
	}
	b.errs.Add(pos, path, format, args...)
}

// count accounts for one more node and reports whether the limit allows
// it.
func (b *builder) count(pos Pos, path string) bool {
	b.nodes++
	if b.nodes > b.lim.MaxNodes {
		b.add(pos, path, "the policy has more than %d values", b.lim.MaxNodes)
		b.stopped = true
		return false
	}
	return true
}

// deep reports whether a collection at depth is too deeply nested, and if
// so records it.
func (b *builder) deep(pos Pos, path string, depth int) bool {
	if depth > b.lim.MaxDepth {
		b.add(pos, path, "nesting is deeper than %d levels", b.lim.MaxDepth)
		b.stopped = true
		return true
	}
	return false
}
