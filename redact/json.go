package redact

import "github.com/tidwall/gjson"

// Small reads of JSON values the reader has already validated.

// jsonString decodes a JSON string value (quotes included).
func jsonString(v []byte) string { return gjson.ParseBytes(v).String() }

// eachItem calls f with the raw JSON of each item of a list.
func eachItem(v []byte, f func(item []byte) bool) {
	gjson.ParseBytes(v).ForEach(func(_, item gjson.Result) bool {
		return f([]byte(item.Raw))
	})
}
