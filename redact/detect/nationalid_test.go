package detect

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSSNDetector(t *testing.T) {
	m := func(start, end int, v string) Match {
		return Match{Kind: USSSN, Start: start, End: end, Value: v, Country: "US"}
	}
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"hyphens", "SSN: 536-22-8726.", []Match{m(5, 16, "536228726")}},
		{"spaces", "ssn 536 22 8726", []Match{m(4, 15, "536228726")}},
		{"area 899", "899-45-6788", []Match{m(0, 11, "899456788")}},
		{"area 665 and 667", "665-01-0001 667-01-0001", []Match{m(0, 11, "665010001"), m(12, 23, "667010001")}},

		{"bare nine digits", "536228726", nil},
		{"mixed separators", "536-22 8726", nil},
		{"area 000", "000-12-3456", nil},
		{"area 666", "666-12-3456", nil},
		{"area 9xx", "900-12-3456 987-65-4320", nil},
		{"group 00", "536-00-8726", nil},
		{"serial 0000", "536-22-0000", nil},
		{"repeated", "111-11-1111", nil},
		{"woolworth", "078-05-1120", nil},
		{"pamphlet", "219-09-9999", nil},
		{"lifelock", "457-55-5462", nil},
		{"placeholder", "123-45-6789", nil},
		{"longer chain", "1-536-22-8726 536-22-8726-1 1 536 22 8726", nil},
		{"hyphenated, in a spaced list", "536-22-8726 536-22-8727", []Match{m(0, 11, "536228726"), m(12, 23, "536228727")}},
		{"date-like", "2021-22-8726", nil},
		{"glued", "x536-22-8726 536-22-8726a v1.536-22-8726", nil},
		{"wrong grouping", "53-622-8726", nil},
		{"in a uuid", "00000000-536-22-8726", nil},
	}
	d := NewSSNDetector()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNINODetector(t *testing.T) {
	m := func(start, end int, v string) Match {
		return Match{Kind: UKNINO, Start: start, End: end, Value: v, Country: "GB"}
	}
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"compact", "NINO AB123456C.", []Match{m(5, 14, "AB123456C")}},
		{"lower case", "ab123456c", []Match{m(0, 9, "AB123456C")}},
		{"spaced", "AB 12 34 56 C", []Match{m(0, 13, "AB123456C")}},
		{"spaced no suffix", "NI number JG 10 37 65", []Match{m(10, 21, "JG103765")}},
		{"spaced no suffix, word after", "JG 10 37 65 Cats", []Match{m(0, 11, "JG103765")}},
		{"prefix and digits spaced", "JG 103765 A", []Match{m(0, 11, "JG103765A")}},
		{"suffix D", "(CE123456D)", []Match{m(1, 10, "CE123456D")}},

		{"compact no suffix", "AB123456", nil},
		{"lower case, spaced, no suffix", "seen at 08 15 30 on 14 11 23", nil},
		{"mixed case, spaced, no suffix", "Jg 10 37 65", nil},
		{"lower case, spaced, suffix", "jg 10 37 65 a", []Match{m(0, 13, "JG103765A")}},
		{"fullwidth, spaced, no suffix", "ＪＧ 10 37 65", []Match{m(0, 15, "JG103765")}},
		{"suffix E", "AB123456E", nil},
		{"first letter D", "DA123456A", nil},
		{"first letter Q", "QQ123456C", nil}, // HMRC's own example prefix
		{"second letter O", "AO123456A", nil},
		{"prefix GB", "GB123456A", nil},
		{"prefix TN", "TN123456A", nil},
		{"prefix ZZ", "ZZ123456A", nil},
		{"seven digits", "AB1234567A", nil},
		{"glued before", "XAB123456C", nil},
		{"glued after", "AB123456CD", nil},
		{"in hex", "0fab123456c0", nil},
		{"in a word", "TAB123456C", nil},
		{"attack id", "TA0001 T1566.001 S0154 G0016", nil},
		{"kb number", "KB5012345", nil},
	}
	d := NewNINODetector()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNHSDetector(t *testing.T) {
	m := func(start, end int, v string) Match {
		return Match{Kind: UKNHS, Start: start, End: end, Value: v, Country: "GB"}
	}
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"spaced", "943 476 5919", []Match{m(0, 12, "9434765919")}},
		{"hyphens", "patient 943-476-5919.", []Match{m(8, 20, "9434765919")}},
		{"bare after NHS", "NHS number: 9434765919", []Match{m(12, 22, "9434765919")}},
		{"bare after nhs no.", "nhs no. 9434765919", []Match{m(8, 18, "9434765919")}},
		{"check digit 0", "401 023 2080", []Match{m(0, 12, "4010232080")}},

		{"bare without context", "9434765919", nil},
		{"bare, NHS too far", "NHS trust reported that the value 9434765919", nil},
		{"NHS inside a word", "SNHSX 9434765919", nil},
		{"check wrong", "943 476 5918", nil},
		{"check would be 10", "401 023 2030, 401 023 2031", nil},
		{"mixed separators", "943 476-5919", nil},
		{"phone with country code", "+1 943 476 5919 and +1-943-476-5919", nil},
		{"longer chain", "943 476 5919 12 and 12 943-476-5919-1", nil},
		{"hyphenated, in a spaced list", "943-476-5919 943-476-5919", []Match{m(0, 12, "9434765919"), m(13, 25, "9434765919")}},
		{"repeated", "NHS 1111111111", nil},
		{"epoch seconds", "1609459200", nil},
		{"glued", "a943-476-5919 943-476-5919b", nil},
	}
	d := NewNHSDetector()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, collectMatches(d, tt.in)); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestNHSChecksum(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"9434765919", true}, // NHS Digital's documented example
		{"9434765918", false},
		{"4010232080", true},  // 11 - 0 = 11, read as 0
		{"4010232030", false}, // check 10: never issued
		{"4010232031", false},
	}
	for _, tt := range tests {
		if got := nhsChecksum([]byte(tt.in)); got != tt.want {
			t.Errorf("nhsChecksum(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
