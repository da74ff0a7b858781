package detecttest_test

import (
	"fmt"
	"strings"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

// badgeDetector finds staff badge numbers, "BDG-" and six digits, in the
// normalised view, so fullwidth and zero-width variants are found too.
type badgeDetector struct{}

func (badgeDetector) Name() string { return "badge" }

func (badgeDetector) Detect(t *detect.Text, found func(detect.Match)) {
	n := t.Normal()
	for i := 0; ; {
		k := strings.Index(n[i:], "bdg-")
		if k < 0 {
			return
		}
		p := i + k
		i = p + 4
		e := p + 4
		for e < len(n) && e < p+10 && n[e] >= '0' && n[e] <= '9' {
			e++
		}
		if e != p+10 || e < len(n) && n[e] >= '0' && n[e] <= '9' {
			continue
		}
		s, end := t.Orig(p, e)
		found(detect.Match{Kind: "badge", Start: s, End: end, Value: n[p:e]})
		i = e
	}
}

// Check runs the conformance checks outside a test; in a test, call
// detecttest.Run(t, d, cases) instead.
func ExampleCheck() {
	err := detecttest.Check(badgeDetector{}, detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "badge BDG-104233 at gate 4", Datum: "BDG-104233", Value: "bdg-104233"},
		},
		Negatives: []string{"BDG-12", "BDG-1234567"},
		Variants:  detecttest.Fullwidth | detecttest.ZeroWidth,
	})
	fmt.Println(err)
	// Output: <nil>
}
