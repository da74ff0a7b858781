package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzParseSelector checks that ParseSelector never panics, that its errors
// are *SelectorErrors with an offset inside the input, and that a parsed
// selector is written back as the text it came from.
func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{
		"description", "labels.[0]", "external_references.[0].source_name", "hashes.SHA-256",
		"a.[1].[0]", "labels[0]", "labels.[-1]", "labels.[01]", ".a", "a.", "a..b", "[x]", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := ParseSelector(s)
		if err != nil {
			var se *SelectorError
			if !errors.As(err, &se) {
				t.Fatalf("ParseSelector(%q) error %v is not a *SelectorError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("ParseSelector(%q) error offset %d outside the input", s, se.Offset)
			}
			if _, err := ParsePath(s); s != "" && err == nil {
				t.Fatalf("ParsePath(%q) accepted what ParseSelector refused", s)
			}
			return
		}
		if len(sel) == 0 {
			t.Fatalf("ParseSelector(%q) gave an empty selector", s)
		}
		for _, step := range sel {
			if !step.IsIndex() && step.Key == "" {
				t.Fatalf("ParseSelector(%q) gave an empty key", s)
			}
		}
		if got := sel.String(); got != s {
			t.Fatalf("ParseSelector(%q).String() = %q", s, got)
		}
		again, err := ParseSelector(sel.String())
		if err != nil || !Path(again).Equal(Path(sel)) {
			t.Fatalf("ParseSelector(%q) = %v, %v; want %v", sel.String(), again, err, sel)
		}
		if p, err := ParsePath(s); err != nil || !p.Equal(Path(sel)) {
			t.Fatalf("ParsePath(%q) = %v, %v; want %v", s, p, err, sel)
		}
	})
}

// FuzzResolve checks Resolve on valid JSON against encoding/json: it never
// panics, a found span slices to valid JSON, and what it finds (or does not)
// agrees with a walk over the decoded value. sel is used twice: parsed as a
// selector, and as one raw member name, which exercises escaped names.
func FuzzResolve(f *testing.F) {
	f.Add([]byte(specVulnerability), "external_references.[0].source_name")
	f.Add([]byte(specVulnerability), "labels.[1]")
	f.Add([]byte(specVulnerability), "description.[0]")
	f.Add([]byte(`{"em\u0061il":"a@example.com","\ud83d\ude00":1}`), "email")
	f.Add([]byte(`{"\ud83d\ude00":1,"\ud800x":2}`), "😀")
	f.Add([]byte(`{"a":[[1,[2,3]],{"b":"[{\"}"}],"hashes":{"SHA-256":"00"}}`), "a.[1].b")
	f.Add([]byte(` { "a" : [ 1 , { } , [ ] ] } `), "a.[2]")
	f.Fuzz(func(t *testing.T, obj []byte, s string) {
		if !json.Valid(obj) {
			return
		}
		oracle := !hasDuplicateNames(obj)
		var root any
		if oracle {
			d := json.NewDecoder(bytes.NewReader(obj))
			d.UseNumber()
			if err := d.Decode(&root); err != nil {
				t.Fatalf("json.Valid accepted what Decode refused: %v", err)
			}
		}
		check := func(sel Selector, compare bool) {
			span, ok := sel.Resolve(obj)
			if ok {
				if span.Start < 0 || span.End > len(obj) || span.Start > span.End {
					t.Fatalf("%q.Resolve = %v, outside the object (%d bytes)", sel, span, len(obj))
				}
				if !json.Valid(obj[span.Start:span.End]) {
					t.Fatalf("%q.Resolve = %q, not valid JSON", sel, obj[span.Start:span.End])
				}
			}
			if !oracle || !compare {
				return
			}
			want, exists := walkDecoded(root, sel)
			if ok != exists {
				t.Fatalf("%q.Resolve found %v, encoding/json found %v", sel, ok, exists)
			}
			if !ok {
				return
			}
			d := json.NewDecoder(bytes.NewReader(obj[span.Start:span.End]))
			d.UseNumber()
			var got any
			if err := d.Decode(&got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q.Resolve = %s, encoding/json found %v", sel, obj[span.Start:span.End], want)
			}
		}
		if sel, err := ParseSelector(s); err == nil {
			check(sel, true)
			// A Resolver, past the paths it walks, answers from its
			// index: asked the selector and its prefixes many times, it
			// gives Resolve's answers each time.
			r := NewResolver(obj)
			for range 3 * fewResolves {
				for n := 0; n <= len(sel); n++ {
					want, wok := sel[:n].Resolve(obj)
					if got, ok := r.Resolve(Path(sel[:n])); got != want || ok != wok {
						t.Fatalf("Resolver(%q) = %v %v, Resolve %v %v", sel[:n], got, ok, want, wok)
					}
				}
			}
		}
		// encoding/json turns bytes that are not UTF-8 into U+FFFD, Resolve
		// compares them as they are: compare only on valid UTF-8.
		check(Selector{Key(s)}, utf8.Valid(obj) && utf8.ValidString(s))
	})
}

// walkDecoded follows sel through a value decoded by encoding/json.
func walkDecoded(v any, sel Selector) (any, bool) {
	for _, step := range sel {
		switch c := v.(type) {
		case map[string]any:
			if step.IsIndex() {
				return nil, false
			}
			e, ok := c[step.Key]
			if !ok {
				return nil, false
			}
			v = e
		case []any:
			if !step.IsIndex() || step.Index >= len(c) {
				return nil, false
			}
			v = c[step.Index]
		default:
			return nil, false
		}
	}
	return v, true
}

// hasDuplicateNames reports whether any object in the valid JSON data has
// two members with the same (unescaped) name.
func hasDuplicateNames(data []byte) bool {
	d := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		names map[string]bool // nil for a list
		key   bool            // the next token in an object is a name
	}
	var stack []frame
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return false
		}
		if err != nil {
			return true // not expected on valid JSON; skip the oracle
		}
		top := len(stack) - 1
		if top >= 0 && stack[top].names != nil && stack[top].key {
			if name, ok := tok.(string); ok {
				if stack[top].names[name] {
					return true
				}
				stack[top].names[name] = true
				stack[top].key = false
				continue
			}
		}
		if top >= 0 && stack[top].names != nil && !stack[top].key {
			stack[top].key = true // this token starts the member's value
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{names: map[string]bool{}, key: true})
		case json.Delim('['):
			stack = append(stack, frame{})
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
	}
}
