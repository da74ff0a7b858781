package detect_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/redact/detect"
)

func Example_checksumDetectors() {
	text := detect.NewText("Refund to DE89 3704 0044 0532 0130 00 or card 4111-1111-1111-1111; " +
		"not a3f54111111111111111c0 (a hash) nor 41111111-1111-4111-8111-111111111111 (an id).")
	for _, d := range []detect.Detector{detect.NewIBANDetector(), detect.NewCardDetector()} {
		d.Detect(text, func(m detect.Match) {
			fmt.Printf("%s %q -> %s %s\n", m.Kind, text.String()[m.Start:m.End], m.Value, m.Country)
		})
	}
	// Output:
	// iban "DE89 3704 0044 0532 0130 00" -> DE89370400440532013000 DE
	// payment-card "4111-1111-1111-1111" -> 4111111111111111
}

func ExampleNewSSNDetector() {
	text := detect.NewText("SSN 536-22-8726; sample card 078-05-1120; bare 536228726")
	detect.NewSSNDetector().Detect(text, func(m detect.Match) {
		fmt.Println(m.Kind, m.Value, m.Country)
	})
	// Output:
	// us-ssn 536228726 US
}

func ExampleNewNINODetector() {
	text := detect.NewText("NI numbers: ab123456c, JG 10 37 65, QQ123456C (HMRC's example)")
	detect.NewNINODetector().Detect(text, func(m detect.Match) {
		fmt.Println(m.Value, m.Country)
	})
	// Output:
	// AB123456C GB
	// JG103765 GB
}

func ExampleNewNHSDetector() {
	text := detect.NewText("NHS number: 9434765919, also 943-476-5919; epoch 1609459200")
	detect.NewNHSDetector().Detect(text, func(m detect.Match) {
		fmt.Println(m.Value, m.Country)
	})
	// Output:
	// 9434765919 GB
	// 9434765919 GB
}

func ExampleNewNameDetector() {
	d := detect.NewNameDetector([]string{"Jane Doe", "Ramón Ortiz"}, detect.NameOptions{})
	text := detect.NewText("JANE DOE opened it; later Ortiz (not ortiz) and Doe replied.")
	d.Detect(text, func(m detect.Match) {
		fmt.Printf("%q -> %s\n", text.String()[m.Start:m.End], m.Value)
	})
	// Output:
	// "JANE DOE" -> jane doe
	// "Ortiz" -> ortiz
}

func ExampleNewDictionaryNameDetector() {
	d := detect.NewDictionaryNameDetector(detect.NameOptions{})
	text := detect.NewText("José García and Wang Wei saw Cobalt Strike; Will Smith? Mark it; Jane alone.")
	d.Detect(text, func(m detect.Match) {
		fmt.Println(m.Value)
	})
	// Output:
	// josé garcía
	// wang wei
}
