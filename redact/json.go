package redact

import (
	"bytes"

	"github.com/tidwall/gjson"
)

// Small reads of JSON values the reader has already validated.

// jsonString decodes a JSON string value (quotes included).
func jsonString(v []byte) string { return gjson.ParseBytes(v).String() }

// memberString returns the decoded string value of the member name (a
// plain name: no dots, no wildcards) of the JSON object obj; "" when obj
// has none. It reads as far as the member, no further.
func memberString(obj []byte, name string) string { return gjson.GetBytes(obj, name).String() }

// stringBody returns the text of the JSON string v (quotes included) when
// it holds no escape, so that it reads as it is; false otherwise, when the
// caller must decode it.
func stringBody(v []byte) ([]byte, bool) {
	if len(v) < 2 || v[0] != '"' || bytes.IndexByte(v, '\\') >= 0 {
		return nil, false
	}
	return v[1 : len(v)-1], true
}

// eachItem calls f with the raw JSON of each item of a list.
func eachItem(v []byte, f func(item []byte) bool) {
	gjson.ParseBytes(v).ForEach(func(_, item gjson.Result) bool {
		return f([]byte(item.Raw))
	})
}
