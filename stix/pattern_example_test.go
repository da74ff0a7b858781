package stix_test

import (
	"errors"
	"fmt"

	"github.com/airlock-cti/airlock/stix"
)

func ExamplePatternLiterals() {
	pattern := `[file:hashes.'SHA-256' = 'aec07064' AND email-message:from_ref.value NOT IN ('jane@example.com', 'o\'neil@example.com')]`
	lits, err := stix.PatternLiterals(pattern)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range lits {
		fmt.Printf("%s:%s %s %q (not: %t)\n", l.ObjectType, l.Property, l.Op, l.Value, l.Not)
	}
	// Output:
	// file:hashes.'SHA-256' = "aec07064" (not: false)
	// email-message:from_ref.value IN "jane@example.com" (not: true)
	// email-message:from_ref.value IN "o'neil@example.com" (not: true)
}

func ExamplePatternLiterals_error() {
	_, err := stix.PatternLiterals(`[email-addr:value = 'jane@example.com\n']`)
	var perr *stix.PatternError
	if errors.As(err, &perr) {
		fmt.Println(perr.Offset, perr.Msg)
	}
	// Output:
	// 37 invalid escape in string constant (only \' and \\ are allowed)
}

// Rewriting values: every value literal is replaced by a quoted pseudonym,
// and the path literal 'SHA-256' is left alone.
func ExampleEditPattern() {
	pattern := `[email-addr:value = 'jane@example.com' OR file:hashes.'SHA-256' = 'aec07064']`
	lits, err := stix.PatternLiterals(pattern)
	if err != nil {
		fmt.Println(err)
		return
	}
	var edits []stix.PatternEdit
	for _, l := range lits {
		if l.ObjectType == "email-addr" {
			edits = append(edits, stix.PatternEdit{Span: l.Span, Text: stix.QuotePatternLiteral("x7f3@pseudonym.invalid")})
		}
	}
	out, err := stix.EditPattern(pattern, edits)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out)
	// Output:
	// [email-addr:value = 'x7f3@pseudonym.invalid' OR file:hashes.'SHA-256' = 'aec07064']
}

func ExampleQuotePatternLiteral() {
	fmt.Println(stix.QuotePatternLiteral(`C:\Users\o'neil`))
	// Output:
	// 'C:\\Users\\o\'neil'
}

func ExampleEscapeMatches() {
	operand := "^" + stix.EscapeMatches("jane.doe+news@example.com") + "$"
	fmt.Println("[email-addr:value MATCHES " + stix.QuotePatternLiteral(operand) + "]")
	// Output:
	// [email-addr:value MATCHES '^jane\\.doe\\+news@example\\.com$']
}

func ExampleEscapeLike() {
	operand, err := stix.EscapeLike(`C:\Users\jane`)
	fmt.Println("[directory:path LIKE "+stix.QuotePatternLiteral(operand+`\%`)+"]", err)
	_, err = stix.EscapeLike("jane_doe")
	fmt.Println(err)
	// Output:
	// [directory:path LIKE 'C:\\Users\\jane\\%'] <nil>
	// stix pattern: offset 4: LIKE has no escape for '%' or '_'
}
