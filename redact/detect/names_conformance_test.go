package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestLearnedNameConformance(t *testing.T) {
	d := detect.NewNameDetector([]string{"Jane Doe", "田中 太郎", "김민준", "王伟"}, detect.NameOptions{})
	detecttest.Run(t, d, detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "Jane Doe", Kind: detect.PersonName, Value: "jane doe"},
			{Text: "昨日田中太郎さんが報告", Datum: "田中太郎", Value: "田中 太郎"},
			{Text: "김민준이 클릭했다", Datum: "김민준", Value: "김민준"},
			{Text: "王伟报告", Datum: "王伟", Value: "王伟"},
		},
		Negatives: append([]string{"田中さん", "太郎", "民"}, hardNegatives...),
		Variants:  detecttest.Fullwidth | detecttest.ZeroWidth,
	})
}
