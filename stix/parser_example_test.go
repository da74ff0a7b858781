package stix_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/stix"
)

// A consumer of a message queue parses one object per message, reusing
// the Parser's memory; each object is valid until the next Parse.
func ExampleParser() {
	var p stix.Parser
	for _, msg := range []string{
		`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","name":"C2"}`,
		`{"type":"indicator","id":"indicator--x","id":"again"}`,
	} {
		o, err := p.Parse([]byte(msg), nil)
		if err != nil {
			fmt.Println("rejected:", err)
			continue
		}
		fmt.Println(o.Type(), o.ID())
	}
	// Output:
	// indicator indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f
	// rejected: input: byte 40, at /id: duplicate member name (names are compared after decoding escapes; readers disagree on which copy wins)
}
