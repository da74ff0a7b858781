package stix

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file lexes and parses STIX patterns (STIX 2.1 section 9) far enough to
// find every value-position string literal, so that a literal can be
// rewritten in place without touching the rest of the pattern. The grammar is
// the OASIS ANTLR grammar STIXPattern.g4 (cti-stix2-json-schemas,
// pattern_grammar/), which the spec prose follows; no AST is built.
//
// Where the grammar and the prose disagree, or the grammar is stricter than
// patterns seen in the wild, the parser is lenient only where leniency cannot
// change which literals are values:
//   - property names in object paths may contain hyphens
//     (file:extensions.windows-pebinary-ext.entropy, as written by STIX 2.0
//     tools), although STIX 2.1 section 9.7 asks for apostrophes;
//   - binary constants may contain line feeds, which STIX 2.1 section 9.2
//     says MUST be supported and ignored.

// A PatternLiteral is a value-position string literal of a STIX pattern: the
// constant of a comparison expression (STIX 2.1 section 9.6.1), never a
// quoted property name in an object path (section 9.7).
type PatternLiteral struct {
	// Span is the byte range of the literal in the pattern, apostrophes
	// included.
	Span Span
	// Value is the literal unescaped: \' read as ' and \\ as \ (STIX 2.1
	// section 9.2). For LIKE and MATCHES it is still a LIKE or regular
	// expression pattern.
	Value string
	// Op is the comparison operator: "=", "!=", "<", "<=", ">", ">=", "IN",
	// "LIKE", "MATCHES", "ISSUBSET" or "ISSUPERSET". "==" is reported as "="
	// and "<>" as "!=".
	Op string
	// OpSpan is the byte range of the operator token in the pattern; for
	// IN it is the IN keyword.
	OpSpan Span
	// Not reports whether the comparison is negated with NOT.
	Not bool
	// ObjectType is the object type of the object path, such as
	// "ipv4-addr" or "email-message".
	ObjectType string
	// Property is the object path after ':' as written, without any
	// whitespace or comments between its tokens, such as "value",
	// "hashes.'SHA-256'", "from_ref.value" or
	// "extensions.'windows-pebinary-ext'.sections[*].entropy".
	Property string
}

// PatternError reports where a STIX pattern, or an edit of one, fails. It
// carries a byte offset and a message and never any text of the pattern, so
// that it cannot repeat personal data found in a literal.
type PatternError struct {
	// Offset is the byte offset in the pattern where the problem starts
	// (len(pattern) when the pattern ends too early).
	Offset int
	// Msg describes the problem.
	Msg string
}

// Error returns the offset and the message.
func (e *PatternError) Error() string {
	return "stix pattern: offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// maxPatternNesting bounds the nesting of parentheses and brackets so that a
// hostile pattern cannot exhaust the stack. Real patterns nest a few levels.
const maxPatternNesting = 1000

// PatternLiterals returns the value-position string literals of a STIX
// pattern (the Go value of an indicator's pattern property, already unescaped
// from JSON) in the order they appear: constants after a comparison operator,
// inside IN ( ... ), and after LIKE, MATCHES, ISSUBSET and ISSUPERSET, each
// possibly negated with NOT (STIX 2.1 section 9.6.1). Quoted property names
// in object paths, such as file:hashes.'SHA-256', are path components and are
// never returned (section 9.7); nor are hex, binary and timestamp constants
// (h'..', b'..', t'..', section 9.2).
//
// The whole pattern is parsed; it returns a *PatternError for a pattern that
// does not lex or does not parse, since a literal's role can only be trusted
// in a pattern that does. An invalid pattern matches nothing anyway (section
// 9.4).
func PatternLiterals(pattern string) ([]PatternLiteral, error) {
	return AppendPatternLiterals(nil, pattern)
}

// AppendPatternLiterals is PatternLiterals appending to dst, so that a
// caller reading many patterns reuses one slice. On error it returns dst
// as it was.
func AppendPatternLiterals(dst []PatternLiteral, pattern string) ([]PatternLiteral, error) {
	lits, _, err := appendPatternParts(dst, nil, pattern)
	return lits, err
}

// AppendPatternParts is AppendPatternLiterals that also appends the
// pattern's quoted names and number constants (see PatternOthers) to
// others, from one parse. On error it returns lits and others as they
// were.
func AppendPatternParts(lits []PatternLiteral, others []PatternOther, pattern string) ([]PatternLiteral, []PatternOther, error) {
	if others == nil {
		others = []PatternOther{} // asks for them
	}
	return appendPatternParts(lits, others, pattern)
}

// appendPatternParts parses pattern, appending its literals to dst and,
// unless others is nil, its other tokens to others.
func appendPatternParts(dst []PatternLiteral, others []PatternOther, pattern string) ([]PatternLiteral, []PatternOther, error) {
	p := patternParser{lx: patternLexer{src: pattern}, lits: dst}
	kept := len(others)
	if others != nil {
		p.others = &others
	}
	// Each string constant holds two apostrophes, so this bounds the number
	// of literals and saves regrowing the result; the cap keeps a pattern of
	// escaped apostrophes from reserving much more than it needs.
	if n := min(strings.Count(pattern, "'")/2, 64); n > 0 {
		p.lits = slices.Grow(p.lits, n)
	}
	if err := p.parse(); err != nil {
		return dst, others[:kept], err
	}
	return p.lits, others, nil
}

// A PatternOther is a token of a STIX pattern that PatternLiterals does not
// return but whose text is the writer's to choose: a quoted property name
// or dictionary key in an object path (file:hashes.'SHA-256', section 9.7)
// or an integer or float constant in value position (section 9.2).
type PatternOther struct {
	// Span is the token's byte range in the pattern, apostrophes included.
	Span Span
	// Text is a name unescaped, or a number as written.
	Text string
	// Name reports whether the token is a quoted name; a number otherwise.
	Name bool
}

// PatternOthers returns the quoted names and the number constants of a
// STIX pattern, in order. They cannot be rewritten as a literal can: a
// name is what the pattern compares, and a number has no quoting to hold
// another text. A pattern that does not parse gives a *PatternError, as
// PatternLiterals does.
func PatternOthers(pattern string) ([]PatternOther, error) {
	_, others, err := AppendPatternParts(nil, nil, pattern)
	if err != nil || len(others) == 0 {
		return nil, err
	}
	return others, nil
}

// addOther records the current token for PatternOthers, if asked.
func (p *patternParser) addOther(name bool) {
	if p.others == nil {
		return
	}
	t := p.tok
	text := p.lx.src[t.start:t.end]
	if name {
		text = unescapePatternString(text[1 : len(text)-1])
	}
	*p.others = append(*p.others, PatternOther{Span: Span{Start: t.start, End: t.end}, Text: text, Name: name})
}

// PatternComments returns the spans of the bodies of the comments of a STIX
// pattern, in order: the text between /* and */, and after // up to the end
// of its line. STIXPattern.g4 skips comments between tokens, so they change
// nothing a pattern matches, but they are text of the writer's choosing and
// may say anything; what replaces a body must hold no "*/" and, in a //
// comment, no line break. A pattern that does not lex gives a
// *PatternError, as PatternLiterals does.
func PatternComments(pattern string) ([]Span, error) {
	var spans []Span
	lx := patternLexer{src: pattern, comments: &spans}
	for {
		t, err := lx.next()
		if err != nil {
			return nil, err
		}
		if t.kind == tokEOF {
			return spans, nil
		}
	}
}

// QuotePatternLiteral returns s written as a STIX pattern string constant: in
// apostrophes, with \ written \\ and ' written \'. These are the only escapes
// STIX has (STIX 2.1 section 9.2), so the result is the one way to write s.
func QuotePatternLiteral(s string) string {
	n := len(s) + 2
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == '\\' {
			n++
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// A PatternEdit replaces the bytes Span of a pattern with Text.
type PatternEdit struct {
	Span Span   // bytes of the original pattern to replace
	Text string // replacement, for a literal usually from QuotePatternLiteral
}

// EditPattern applies edits, given in any order, to pattern and returns the
// result. Spans refer to the original pattern. Edits must not overlap; two
// insertions (empty spans) at the same offset are an overlap too, since their
// order would be a guess. A bad edit gives a *PatternError at its start.
func EditPattern(pattern string, edits []PatternEdit) (string, error) {
	byStart := func(a, b PatternEdit) int {
		if a.Span.Start != b.Span.Start {
			return a.Span.Start - b.Span.Start
		}
		return a.Span.End - b.Span.End
	}
	if !slices.IsSortedFunc(edits, byStart) {
		edits = slices.Clone(edits)
		slices.SortStableFunc(edits, byStart)
	}
	size := len(pattern)
	for i, e := range edits {
		if e.Span.Start < 0 || e.Span.End < e.Span.Start || e.Span.End > len(pattern) {
			return "", &PatternError{Offset: min(max(e.Span.Start, 0), len(pattern)), Msg: "edit span outside the pattern"}
		}
		if i > 0 {
			prev := edits[i-1].Span
			if e.Span.Start < prev.End || e.Span == prev && prev.Len() == 0 {
				return "", &PatternError{Offset: e.Span.Start, Msg: "overlapping edits"}
			}
		}
		size += len(e.Text) - e.Span.Len()
	}
	var b strings.Builder
	b.Grow(size)
	at := 0
	for _, e := range edits {
		b.WriteString(pattern[at:e.Span.Start])
		b.WriteString(e.Text)
		at = e.Span.End
	}
	b.WriteString(pattern[at:])
	return b.String(), nil
}

// EscapeMatches returns s with every regular-expression metacharacter
// (\ . + * ? ( ) | [ ] { } ^ $) preceded by a backslash, so that placed in a
// MATCHES operand outside a character class it matches s literally. MATCHES
// takes a PCRE regular expression (STIX 2.1 section 9.6.1), and in PCRE a
// backslash before any non-alphanumeric character stands for that character;
// the same set is safe in RE2, Python and Java. Extended mode ((?x)) is not
// accounted for: there, white space and '#' in s would need escaping too.
// The result still has to be quoted with QuotePatternLiteral.
func EscapeMatches(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if isRegexpMeta(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	b := make([]byte, 0, len(s)+n)
	for i := 0; i < len(s); i++ {
		if isRegexpMeta(s[i]) {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isRegexpMeta(c byte) bool {
	switch c {
	case '\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$':
		return true
	}
	return false
}

// EscapeLike returns text that, as a LIKE operand, matches s literally. LIKE
// follows SQL LIKE, where '%' matches any run of characters and '_' any one
// character (STIX 2.1 section 9.6.1), but STIX has no ESCAPE clause, so
// neither can be matched literally: for an s containing '%' or '_' EscapeLike
// returns a *PatternError whose Offset is the first such byte in s. Such a
// value has to be matched with '=' or MATCHES instead. Any other s is
// returned unchanged; it still has to be quoted with QuotePatternLiteral.
func EscapeLike(s string) (string, error) {
	if i := strings.IndexAny(s, "%_"); i >= 0 {
		return "", &PatternError{Offset: i, Msg: "LIKE has no escape for '%' or '_'"}
	}
	return s, nil
}

// unescapePatternString reads the body of a string constant (between its
// apostrophes), which the lexer has checked holds only the escapes \' and
// \\.
func unescapePatternString(body string) string {
	i := strings.IndexByte(body, '\\')
	if i < 0 {
		return body
	}
	b := make([]byte, 0, len(body)-1)
	b = append(b, body[:i]...)
	for ; i < len(body); i++ {
		if body[i] == '\\' {
			i++
		}
		b = append(b, body[i])
	}
	return string(b)
}

// tokenKind is the kind of a lexical token of STIXPattern.g4.
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokLBrack
	tokRBrack
	tokLParen
	tokRParen
	tokComma
	tokColon
	tokDot
	tokAsterisk
	tokEQ  // = or ==
	tokNEQ // != or <>
	tokLT
	tokLE
	tokGT
	tokGE
	tokIdent
	tokString
	tokHex
	tokBinary
	tokTimestamp
	tokIntPos
	tokIntNeg
	tokFloatPos
	tokFloatNeg
	tokBool
	tokAND
	tokOR
	tokNOT
	tokFOLLOWEDBY
	tokLIKE
	tokMATCHES
	tokISSUPERSET
	tokISSUBSET
	tokEXISTS
	tokLAST
	tokIN
	tokSTART
	tokSTOP
	tokSECONDS
	tokWITHIN
	tokREPEATS
	tokTIMES
)

// tokenNames names token kinds in error messages. Identifiers and constants
// are named by kind only: their text may be personal data.
var tokenNames = [...]string{
	tokEOF:        "end of pattern",
	tokLBrack:     "'['",
	tokRBrack:     "']'",
	tokLParen:     "'('",
	tokRParen:     "')'",
	tokComma:      "','",
	tokColon:      "':'",
	tokDot:        "'.'",
	tokAsterisk:   "'*'",
	tokEQ:         "'='",
	tokNEQ:        "'!='",
	tokLT:         "'<'",
	tokLE:         "'<='",
	tokGT:         "'>'",
	tokGE:         "'>='",
	tokIdent:      "identifier",
	tokString:     "string constant",
	tokHex:        "hex constant",
	tokBinary:     "binary constant",
	tokTimestamp:  "timestamp constant",
	tokIntPos:     "integer",
	tokIntNeg:     "negative integer",
	tokFloatPos:   "number",
	tokFloatNeg:   "negative number",
	tokBool:       "boolean",
	tokAND:        "AND",
	tokOR:         "OR",
	tokNOT:        "NOT",
	tokFOLLOWEDBY: "FOLLOWEDBY",
	tokLIKE:       "LIKE",
	tokMATCHES:    "MATCHES",
	tokISSUPERSET: "ISSUPERSET",
	tokISSUBSET:   "ISSUBSET",
	tokEXISTS:     "EXISTS",
	tokLAST:       "LAST",
	tokIN:         "IN",
	tokSTART:      "START",
	tokSTOP:       "STOP",
	tokSECONDS:    "SECONDS",
	tokWITHIN:     "WITHIN",
	tokREPEATS:    "REPEATS",
	tokTIMES:      "TIMES",
}

func (k tokenKind) String() string { return tokenNames[k] }

// keywordKind returns the keyword token for word, or tokIdent. Keywords are
// case-sensitive in STIX 2.1 (STIXPattern.g4); LAST is reserved by the
// grammar although no rule uses it.
func keywordKind(word string) tokenKind {
	switch word {
	case "AND":
		return tokAND
	case "OR":
		return tokOR
	case "NOT":
		return tokNOT
	case "FOLLOWEDBY":
		return tokFOLLOWEDBY
	case "LIKE":
		return tokLIKE
	case "MATCHES":
		return tokMATCHES
	case "ISSUPERSET":
		return tokISSUPERSET
	case "ISSUBSET":
		return tokISSUBSET
	case "EXISTS":
		return tokEXISTS
	case "LAST":
		return tokLAST
	case "IN":
		return tokIN
	case "START":
		return tokSTART
	case "STOP":
		return tokSTOP
	case "SECONDS":
		return tokSECONDS
	case "WITHIN":
		return tokWITHIN
	case "REPEATS":
		return tokREPEATS
	case "TIMES":
		return tokTIMES
	case "true", "false":
		return tokBool
	}
	return tokIdent
}

// patternToken is a token and its byte range in the pattern.
type patternToken struct {
	kind       tokenKind
	start, end int
}

// patternLexer splits a pattern into tokens the way STIXPattern.g4 does:
// longest match first, white space (Unicode White_Space, STIX 2.1 section
// 9.4) and /* */ and // comments skipped between tokens.
type patternLexer struct {
	src string
	pos int
	// comments, when not nil, collects the bodies of the comments skip
	// passes.
	comments *[]Span
}

func patternErrorAt(offset int, msg string) *PatternError {
	return &PatternError{Offset: offset, Msg: msg}
}

// skip moves past white space and comments.
func (lx *patternLexer) skip() *PatternError {
	src := lx.src
	for lx.pos < len(src) {
		c := src[lx.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			lx.pos++
		case c == '/' && lx.pos+1 < len(src) && src[lx.pos+1] == '*':
			n := strings.Index(src[lx.pos+2:], "*/")
			if n < 0 {
				return patternErrorAt(lx.pos, "unterminated comment")
			}
			lx.comment(lx.pos+2, lx.pos+2+n)
			lx.pos += 2 + n + 2
		case c == '/' && lx.pos+1 < len(src) && src[lx.pos+1] == '/':
			n := strings.IndexAny(src[lx.pos:], "\r\n")
			if n < 0 {
				n = len(src) - lx.pos
			}
			lx.comment(lx.pos+2, lx.pos+n)
			lx.pos += n
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(src[lx.pos:])
			if r == utf8.RuneError || !unicode.IsSpace(r) {
				return nil
			}
			lx.pos += size
		default:
			return nil
		}
	}
	return nil
}

// comment records the body src[start:end] of a comment, when comments
// are collected.
func (lx *patternLexer) comment(start, end int) {
	if lx.comments != nil {
		*lx.comments = append(*lx.comments, Span{Start: start, End: end})
	}
}

// next returns the next token.
func (lx *patternLexer) next() (patternToken, *PatternError) {
	if err := lx.skip(); err != nil {
		return patternToken{}, err
	}
	src := lx.src
	i := lx.pos
	if i >= len(src) {
		return patternToken{kind: tokEOF, start: i, end: i}, nil
	}
	at := func(j int) byte {
		if j < len(src) {
			return src[j]
		}
		return 0
	}
	c := src[i]
	kind, end := tokEOF, i+1
	var err *PatternError
	switch {
	case c == '[':
		kind = tokLBrack
	case c == ']':
		kind = tokRBrack
	case c == '(':
		kind = tokLParen
	case c == ')':
		kind = tokRParen
	case c == ',':
		kind = tokComma
	case c == ':':
		kind = tokColon
	case c == '*':
		kind = tokAsterisk
	case c == '=':
		kind = tokEQ
		if at(i+1) == '=' {
			end++
		}
	case c == '!':
		if at(i+1) != '=' {
			return patternToken{}, patternErrorAt(i, "unexpected character")
		}
		kind, end = tokNEQ, i+2
	case c == '<':
		switch at(i + 1) {
		case '=':
			kind, end = tokLE, i+2
		case '>':
			kind, end = tokNEQ, i+2
		default:
			kind = tokLT
		}
	case c == '>':
		kind = tokGT
		if at(i+1) == '=' {
			kind, end = tokGE, i+2
		}
	case c == '\'':
		kind = tokString
		end, err = lx.stringEnd(i)
	case isDigit(c) || c == '.' && isDigit(at(i+1)) ||
		(c == '+' || c == '-') && (isDigit(at(i+1)) || at(i+1) == '.' && isDigit(at(i+2))):
		kind, end, err = lx.number(i)
	case c == '.':
		kind = tokDot
	case isIdentStart(c):
		for end < len(src) && isIdentPart(src[end]) {
			end++
		}
		if end == i+1 && at(end) == '\'' && (c == 'h' || c == 'b' || c == 't') {
			kind, end, err = lx.typedConstant(i)
		} else {
			kind = keywordKind(src[i:end])
		}
	default:
		return patternToken{}, patternErrorAt(i, "unexpected character")
	}
	if err != nil {
		return patternToken{}, err
	}
	lx.pos = end
	return patternToken{kind: kind, start: i, end: end}, nil
}

// stringEnd returns the end of the string constant starting at the
// apostrophe at i. Inside it only \' and \\ are escapes and any other
// backslash is an error (STIX 2.1 section 9.2); line breaks are allowed.
func (lx *patternLexer) stringEnd(i int) (int, *PatternError) {
	src := lx.src
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\'':
			return j + 1, nil
		case '\\':
			if j+1 >= len(src) {
				return 0, patternErrorAt(i, "unterminated string constant")
			}
			if c := src[j+1]; c != '\'' && c != '\\' {
				return 0, patternErrorAt(j, `invalid escape in string constant (only \' and \\ are allowed)`)
			}
			j++
		}
	}
	return 0, patternErrorAt(i, "unterminated string constant")
}

// number lexes IntPosLiteral, IntNegLiteral, FloatPosLiteral or
// FloatNegLiteral at i: an optional sign, then digits with an optional
// fraction, or a fraction alone. An integer has no leading zero.
func (lx *patternLexer) number(i int) (tokenKind, int, *PatternError) {
	src := lx.src
	j := i
	neg := false
	if src[j] == '+' || src[j] == '-' {
		neg = src[j] == '-'
		j++
	}
	digits := j
	for j < len(src) && isDigit(src[j]) {
		j++
	}
	if j+1 < len(src) && src[j] == '.' && isDigit(src[j+1]) {
		j += 2
		for j < len(src) && isDigit(src[j]) {
			j++
		}
		if neg {
			return tokFloatNeg, j, nil
		}
		return tokFloatPos, j, nil
	}
	if src[digits] == '0' && j-digits > 1 {
		return 0, 0, patternErrorAt(i, "integer with a leading zero")
	}
	if neg {
		return tokIntNeg, j, nil
	}
	return tokIntPos, j, nil
}

// typedConstant lexes a hex (h'..'), binary (b'..') or timestamp (t'..')
// constant at i, checking its body as STIXPattern.g4 does. None of them can
// hold an apostrophe, so the body ends at the next one.
func (lx *patternLexer) typedConstant(i int) (tokenKind, int, *PatternError) {
	src := lx.src
	n := strings.IndexByte(src[i+2:], '\'')
	if n < 0 {
		return 0, 0, patternErrorAt(i, "unterminated constant")
	}
	body := src[i+2 : i+2+n]
	end := i + 2 + n + 1
	switch src[i] {
	case 'h':
		if !validHexConstant(body) {
			return 0, 0, patternErrorAt(i, "invalid hex constant")
		}
		return tokHex, end, nil
	case 'b':
		if !validBinaryConstant(body) {
			return 0, 0, patternErrorAt(i, "invalid binary constant")
		}
		return tokBinary, end, nil
	default:
		if !validTimestampConstant(body) {
			return 0, 0, patternErrorAt(i, "invalid timestamp constant")
		}
		return tokTimestamp, end, nil
	}
}

// validHexConstant reports whether s is pairs of hex digits (STIX 2.1
// section 9.2; the grammar also takes upper case).
func validHexConstant(s string) bool {
	if len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(c) && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

// validBinaryConstant reports whether s is padded base64 of at least one
// byte, as STIXPattern.g4 requires. Line breaks are skipped: STIX 2.1
// section 9.2 says line feeds in base64 MUST be supported and ignored.
func validBinaryConstant(s string) bool {
	n, pad := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' || c == '\r':
			continue
		case c == '=':
			pad++
		case pad > 0:
			return false
		case isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '+' || c == '/':
		default:
			return false
		}
		n++
	}
	return n > 0 && n%4 == 0 && pad <= 2
}

// validTimestampConstant reports whether s is a STIX timestamp in the form
// STIXPattern.g4 takes: YYYY-MM-DDTHH:MM:SS[.s+]Z with months 01-12, days
// 01-31, hours 00-23, minutes 00-59 and seconds 00-60.
func validTimestampConstant(s string) bool {
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return false
	}
	num := func(at, n int) int {
		v := 0
		for k := at; k < at+n; k++ {
			if !isDigit(s[k]) {
				return -1
			}
			v = v*10 + int(s[k]-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, second := num(11, 2), num(14, 2), num(17, 2)
	if year < 0 || month < 1 || month > 12 || day < 1 || day > 31 ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 {
		return false
	}
	rest := s[19:]
	if rest[0] == '.' {
		k := 1
		for k < len(rest) && isDigit(rest[k]) {
			k++
		}
		if k == 1 {
			return false
		}
		rest = rest[k:]
	}
	return rest == "Z"
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) || c == '-' }

// patternParser is a recursive-descent parser for STIXPattern.g4 with one
// token of lookahead. It checks the whole structure but keeps only the
// value-position string literals.
type patternParser struct {
	lx    patternLexer
	tok   patternToken
	depth int
	lits  []PatternLiteral
	// others, when not nil, collects the quoted names and number
	// constants (PatternOthers).
	others *[]PatternOther
}

// comparison is what a literal inherits from its comparison expression.
type comparison struct {
	objectType string
	property   string
	not        bool
	op         string
	opSpan     Span
}

func (p *patternParser) parse() *PatternError {
	if err := p.advance(); err != nil {
		return err
	}
	if err := p.observations(); err != nil {
		return err
	}
	if p.tok.kind != tokEOF {
		return p.unexpected("expected AND, OR, FOLLOWEDBY, a qualifier or the end of the pattern")
	}
	return nil
}

func (p *patternParser) advance() *PatternError {
	t, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

// unexpected reports the current token as out of place.
func (p *patternParser) unexpected(want string) *PatternError {
	return patternErrorAt(p.tok.start, want+", found "+p.tok.kind.String())
}

// expect consumes a token of kind k.
func (p *patternParser) expect(k tokenKind) *PatternError {
	if p.tok.kind != k {
		return p.unexpected("expected " + k.String())
	}
	return p.advance()
}

// nest guards recursion depth; done must be called on the way out.
func (p *patternParser) nest() *PatternError {
	p.depth++
	if p.depth > maxPatternNesting {
		return patternErrorAt(p.tok.start, "pattern nested too deeply")
	}
	return nil
}

func (p *patternParser) done() { p.depth-- }

// observations parses observation expressions joined by AND, OR and
// FOLLOWEDBY (STIX 2.1 section 9.5.2). Precedence does not decide which
// literals are values, so the three are parsed alike.
func (p *patternParser) observations() *PatternError {
	for {
		if err := p.observation(); err != nil {
			return err
		}
		switch p.tok.kind {
		case tokAND, tokOR, tokFOLLOWEDBY:
			if err := p.advance(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// observation parses [ comparisons ] or ( observations ), then any
// qualifiers (STIX 2.1 sections 9.5 and 9.5.1).
func (p *patternParser) observation() *PatternError {
	if err := p.nest(); err != nil {
		return err
	}
	defer p.done()
	switch p.tok.kind {
	case tokLBrack:
		if err := p.advance(); err != nil {
			return err
		}
		if err := p.comparisons(); err != nil {
			return err
		}
		if err := p.expect(tokRBrack); err != nil {
			return err
		}
	case tokLParen:
		if err := p.advance(); err != nil {
			return err
		}
		if err := p.observations(); err != nil {
			return err
		}
		if err := p.expect(tokRParen); err != nil {
			return err
		}
	default:
		return p.unexpected("expected '[' or '('")
	}
	return p.qualifiers()
}

// qualifiers parses START t'..' STOP t'..', WITHIN n SECONDS and REPEATS n
// TIMES (STIX 2.1 section 9.5.1).
func (p *patternParser) qualifiers() *PatternError {
	for {
		var err *PatternError
		switch p.tok.kind {
		case tokSTART:
			err = p.expectSeq(tokSTART, tokTimestamp, tokSTOP, tokTimestamp)
		case tokWITHIN:
			if err = p.advance(); err != nil {
				return err
			}
			if p.tok.kind != tokIntPos && p.tok.kind != tokFloatPos {
				return p.unexpected("expected a number of seconds")
			}
			err = p.expectSeq(p.tok.kind, tokSECONDS)
		case tokREPEATS:
			err = p.expectSeq(tokREPEATS, tokIntPos, tokTIMES)
		default:
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// expectSeq consumes tokens of the given kinds in order.
func (p *patternParser) expectSeq(kinds ...tokenKind) *PatternError {
	for _, k := range kinds {
		if err := p.expect(k); err != nil {
			return err
		}
	}
	return nil
}

// comparisons parses comparison expressions joined by AND and OR (STIX 2.1
// section 9.6).
func (p *patternParser) comparisons() *PatternError {
	for {
		if err := p.comparison(); err != nil {
			return err
		}
		switch p.tok.kind {
		case tokAND, tokOR:
			if err := p.advance(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// comparison parses one comparison expression: ( comparisons ), EXISTS
// path, or path [NOT] operator constant (STIX 2.1 section 9.6.1).
func (p *patternParser) comparison() *PatternError {
	switch p.tok.kind {
	case tokLParen:
		if err := p.nest(); err != nil {
			return err
		}
		defer p.done()
		if err := p.advance(); err != nil {
			return err
		}
		if err := p.comparisons(); err != nil {
			return err
		}
		return p.expect(tokRParen)
	case tokEXISTS:
		if err := p.advance(); err != nil {
			return err
		}
		_, _, err := p.objectPath()
		return err
	}
	var c comparison
	var err *PatternError
	if c.objectType, c.property, err = p.objectPath(); err != nil {
		return err
	}
	if p.tok.kind == tokNOT {
		c.not = true
		if err := p.advance(); err != nil {
			return err
		}
	}
	opTok := p.tok
	c.opSpan = Span{Start: opTok.start, End: opTok.end}
	switch opTok.kind {
	case tokEQ, tokNEQ, tokLT, tokLE, tokGT, tokGE:
		c.op = operatorName(opTok.kind)
		if err := p.advance(); err != nil {
			return err
		}
		// = and != take any constant, the order operators all but a
		// boolean (primitiveLiteral and orderableLiteral).
		return p.constant(&c, opTok.kind == tokEQ || opTok.kind == tokNEQ)
	case tokIN:
		c.op = operatorName(opTok.kind)
		if err := p.advance(); err != nil {
			return err
		}
		if err := p.expect(tokLParen); err != nil {
			return err
		}
		if p.tok.kind == tokRParen {
			return p.advance()
		}
		for {
			if err := p.constant(&c, true); err != nil {
				return err
			}
			if p.tok.kind != tokComma {
				break
			}
			if err := p.advance(); err != nil {
				return err
			}
		}
		return p.expect(tokRParen)
	case tokLIKE, tokMATCHES, tokISSUBSET, tokISSUPERSET:
		c.op = operatorName(opTok.kind)
		if err := p.advance(); err != nil {
			return err
		}
		if p.tok.kind != tokString {
			return p.unexpected("expected a string constant after " + c.op)
		}
		p.addLiteral(&c)
		return p.advance()
	}
	return p.unexpected("expected a comparison operator")
}

// operatorName returns the name PatternLiteral.Op gives an operator token:
// == and = are one operator, as are != and <> (STIXPattern.g4 EQ, NEQ).
func operatorName(k tokenKind) string {
	switch k {
	case tokEQ:
		return "="
	case tokNEQ:
		return "!="
	case tokLT:
		return "<"
	case tokLE:
		return "<="
	case tokGT:
		return ">"
	case tokGE:
		return ">="
	}
	return k.String() // IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET
}

// constant parses a constant in value position and records it if it is a
// string.
func (p *patternParser) constant(c *comparison, boolOK bool) *PatternError {
	switch p.tok.kind {
	case tokString:
		p.addLiteral(c)
	case tokIntPos, tokIntNeg, tokFloatPos, tokFloatNeg:
		p.addOther(false)
	case tokHex, tokBinary, tokTimestamp:
	case tokBool:
		if !boolOK {
			return p.unexpected("expected a constant that can be ordered")
		}
	default:
		return p.unexpected("expected a constant")
	}
	return p.advance()
}

func (p *patternParser) addLiteral(c *comparison) {
	t := p.tok
	p.lits = append(p.lits, PatternLiteral{
		Span:       Span{Start: t.start, End: t.end},
		Value:      unescapePatternString(p.lx.src[t.start+1 : t.end-1]),
		Op:         c.op,
		OpSpan:     c.opSpan,
		Not:        c.not,
		ObjectType: c.objectType,
		Property:   c.property,
	})
}

// objectPath parses object-type ':' property steps (STIX 2.1 section 9.7)
// and returns the object type and the property path as written. A string
// constant here is a quoted property name or dictionary key, never a value.
func (p *patternParser) objectPath() (objectType, property string, err *PatternError) {
	src := p.lx.src
	if p.tok.kind != tokIdent {
		return "", "", p.unexpected("expected an object path")
	}
	objectType = src[p.tok.start:p.tok.end]
	if err := p.advance(); err != nil {
		return "", "", err
	}
	if err := p.expect(tokColon); err != nil {
		return "", "", err
	}
	if p.tok.kind != tokIdent && p.tok.kind != tokString {
		return "", "", p.unexpected("expected a property name")
	}
	path := pathText{src: src, start: p.tok.start, end: p.tok.end}
	if p.tok.kind == tokString {
		p.addOther(true)
	}
	if err := p.advance(); err != nil {
		return "", "", err
	}
	for {
		switch p.tok.kind {
		case tokDot:
			if err := p.takePath(&path); err != nil {
				return "", "", err
			}
			if p.tok.kind != tokIdent && p.tok.kind != tokString {
				return "", "", p.unexpected("expected a property name")
			}
		case tokLBrack:
			if err := p.takePath(&path); err != nil {
				return "", "", err
			}
			switch p.tok.kind {
			case tokIntPos, tokIntNeg, tokAsterisk:
			default:
				return "", "", p.unexpected("expected a list index or '*'")
			}
			if err := p.takePath(&path); err != nil {
				return "", "", err
			}
			if p.tok.kind != tokRBrack {
				return "", "", p.unexpected("expected ']'")
			}
		default:
			return objectType, path.String(), nil
		}
		if err := p.takePath(&path); err != nil {
			return "", "", err
		}
	}
}

// takePath adds the current token to path and moves past it.
func (p *patternParser) takePath(path *pathText) *PatternError {
	if p.tok.kind == tokString {
		p.addOther(true)
	}
	path.add(p.tok)
	return p.advance()
}

// pathText collects the text of an object path. A path is usually written
// without spaces and is then a substring of the pattern; otherwise its
// tokens are joined without what lay between them.
type pathText struct {
	src        string
	start, end int
	joined     []byte // nil while the tokens are contiguous
}

func (t *pathText) add(tok patternToken) {
	if t.joined == nil && tok.start != t.end {
		t.joined = append(make([]byte, 0, 2*(t.end-t.start)+tok.end-tok.start), t.src[t.start:t.end]...)
	}
	if t.joined != nil {
		t.joined = append(t.joined, t.src[tok.start:tok.end]...)
	}
	t.end = tok.end
}

func (t *pathText) String() string {
	if t.joined != nil {
		return string(t.joined)
	}
	return t.src[t.start:t.end]
}
