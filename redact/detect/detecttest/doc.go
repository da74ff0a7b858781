// Package detecttest checks that a detect.Detector keeps the contract
// airlock relies on, in the manner of testing/slogtest: the author of a
// detector runs it from their own tests with examples of what the detector
// must find and must not find.
//
//	func TestMyDetector(t *testing.T) {
//		detecttest.Run(t, myDetector{}, detecttest.Cases{
//			Positives: []detecttest.Positive{{Text: "badge 12-3456-7", Datum: "12-3456-7"}},
//			Negatives: []string{"CVE-2021-44228"},
//		})
//	}
//
// Run checks that the detector
//   - has a name, and never panics, not on invalid UTF-8, NUL bytes, every
//     byte value, 1 MiB strings or deep repetition, and finishes each in
//     bounded time;
//   - reports every match within the text, with Start < End, on
//     boundaries of the text's UTF-8 decoding (an invalid byte is one
//     character), in non-decreasing order of Start, with a Kind and a
//     non-empty Value;
//   - finds each positive, in several surrounding contexts, with a match
//     that covers the datum and stays within the positive's text;
//   - finds nothing in each negative;
//   - finds each positive again when it is rewritten as the Variants ask
//     (fullwidth, zero-width characters, defanged), with the same Value: a
//     detector that reads Text.Normal gets this for free;
//   - is deterministic and gives the same results from many goroutines at
//     once, on one shared Text and on fresh ones, without changing the
//     Text.
//
// Check does the same and returns the problems as an error, for use
// outside a test.
package detecttest
