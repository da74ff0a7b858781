package detect

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCardDetector(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Match
	}{
		{"visa compact", "card 4111111111111111 used", []Match{{Kind: PaymentCard, Start: 5, End: 21, Value: "4111111111111111"}}},
		{"visa spaced", "4111 1111 1111 1111", []Match{{Kind: PaymentCard, Start: 0, End: 19, Value: "4111111111111111"}}},
		{"visa hyphens", "pan=4012-8888-8888-1881;", []Match{{Kind: PaymentCard, Start: 4, End: 23, Value: "4012888888881881"}}},
		{"visa 13", "(4222222222222)", []Match{{Kind: PaymentCard, Start: 1, End: 14, Value: "4222222222222"}}},
		{"visa 19", "4111 1111 1111 1111 110", []Match{{Kind: PaymentCard, Start: 0, End: 23, Value: "4111111111111111110"}}},
		{"mastercard", "5555555555554444", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "5555555555554444"}}},
		{"mastercard 2-series", "2221000000000009.", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "2221000000000009"}}},
		{"amex 4-6-5", "Amex: 3782 822463 10005", []Match{{Kind: PaymentCard, Start: 6, End: 23, Value: "378282246310005"}}},
		{"discover", "6011111111111117", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "6011111111111117"}}},
		{"diners 14", "3056 930902 5904", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "30569309025904"}}},
		{"jcb", "3530111333300000", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "3530111333300000"}}},
		{"unionpay", "6200000000000005", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "6200000000000005"}}},
		{"maestro", "6759649826438453", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "6759649826438453"}}},
		{"mir", "2200000000000004", []Match{{Kind: PaymentCard, Start: 0, End: 16, Value: "2200000000000004"}}},
		{"two cards", "4111111111111111, 5105 1051 0510 5100", []Match{
			{Kind: PaymentCard, Start: 0, End: 16, Value: "4111111111111111"},
			{Kind: PaymentCard, Start: 18, End: 37, Value: "5105105105105100"},
		}},
		{"after a date", "2021-05-04 4111 1111 1111 1111", []Match{{Kind: PaymentCard, Start: 11, End: 30, Value: "4111111111111111"}}},
		{"expiry after", "4111 1111 1111 1111 12/25", []Match{{Kind: PaymentCard, Start: 0, End: 19, Value: "4111111111111111"}}},
		{"label colon", "card:4111111111111111", []Match{{Kind: PaymentCard, Start: 5, End: 21, Value: "4111111111111111"}}},
		{"non-ASCII before", "número 4111111111111111", []Match{{Kind: PaymentCard, Start: 8, End: 24, Value: "4111111111111111"}}},
		{"visa dotted", "card 4111.1111.1111.1111.", []Match{{Kind: PaymentCard, Start: 5, End: 24, Value: "4111111111111111"}}},
		{"amex dotted 4-6-5", "(3782.822463.10005)", []Match{{Kind: PaymentCard, Start: 1, End: 18, Value: "378282246310005"}}},
		{"dotted between others", "4111111111111111 5105.1051.0510.5100 4012-8888-8888-1881", []Match{
			{Kind: PaymentCard, Start: 0, End: 16, Value: "4111111111111111"},
			{Kind: PaymentCard, Start: 17, End: 36, Value: "5105105105105100"},
			{Kind: PaymentCard, Start: 37, End: 56, Value: "4012888888881881"},
		}},

		{"luhn fails", "4111111111111112", nil},
		{"dotted luhn fails", "4111.1111.1111.1112", nil},
		{"dotted inside a longer dotted run", "1.4111.1111.1111.1111 4111.1111.1111.1111.1 v4111.1111.1111.1111", nil},
		{"dotted version and address", "10.0.19041.1 192.168.100.200 1.3.6.1.4.1.311.21.8 4111.1111", nil},
		{"dotted first group not four", "41111.111.1111.1111 411.11111.1111.1111", nil},
		{"dotted short group", "4111.11.1111.1111.11", nil},
		{"unknown issuer", "9111111111111111 1234567812345670", nil},
		{"epoch milliseconds", "1700000000000 1609459200000", nil},
		{"repeated digit", "4444444444444444 0000000000000000", nil},
		{"wrong length for visa", "411111111111111", nil}, // 15 digits
		{"amex length 16", "3782822463100052", nil},
		{"mixed separators", "4111-1111 1111-1111", nil},
		{"too long", "41111111111111111111111", nil},
		{"inside hex", "a4111111111111111b", nil},
		{"inside hex at start", "4111111111111111deadbeef", nil},
		{"digits-only uuid", "41111111-1111-4111-8111-111111111111", nil},
		{"uuid groups", "urn:uuid:12345678-4111-1111-1111-111111111111", nil},
		{"hyphen joined", "ID-4111111111111111", nil},
		{"version string", "v1.4111111111111111", nil},
		{"decimal", "4111111111111111.5", nil},
		{"file name", "4111111111111111.exe", nil},
		{"path", "/tmp/4111111111111111", nil},
		{"base64", "QUJD+4111111111111111/xyz=", nil},
		{"first group not four", "41111 11111 11111 1", nil},
		{"underscore", "x_4111111111111111", nil},
		{"in a longer spaced chain of pairs", "41 11 11 11 11 11 11 11", nil},
		// A list of four-digit numbers: "4648 4672 4688 4697" passes Luhn.
		{"event ids", "Event IDs 4624 4625 4648 4672 4688 4697 4698 4720 7045 1102", nil},
		{"event ids, window first", "4648 4672 4688 4697 4698", nil},
		{"event ids, window last", "4625 4648 4672 4688 4697", nil},
		{"expiry MMYY after", "4111 1111 1111 1111 0825", []Match{{Kind: PaymentCard, Start: 0, End: 19, Value: "4111111111111111"}}},
		{"cvv after", "4111 1111 1111 1111 123", []Match{{Kind: PaymentCard, Start: 0, End: 19, Value: "4111111111111111"}}},
		{"beside a list, apart", "ids 4624 4625, card 4111 1111 1111 1111", []Match{{Kind: PaymentCard, Start: 20, End: 39, Value: "4111111111111111"}}},
		{"compact after four digits", "ref 4624 4111111111111111", []Match{{Kind: PaymentCard, Start: 9, End: 25, Value: "4111111111111111"}}},
	}
	d := NewCardDetector()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := collectMatches(d, tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Detect(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"79927398713", true}, // the textbook example
		{"79927398710", false},
		{"0", true},
		{"18", true},
		{"4111111111111111", true},
		{"4111111111111121", false},
	}
	for _, tt := range tests {
		if got := luhn([]byte(tt.in)); got != tt.want {
			t.Errorf("luhn(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCardIssuerLengths(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"4000000000000", true},   // Visa 13
		{"40000000000000", false}, // Visa 14
		{"2220000000000000", false},
		{"2720000000000000", true},
		{"2721000000000000", false},
		{"340000000000000", true},
		{"3400000000000000", false},
		{"3528000000000000", true},
		{"3527000000000000", false},
		{"30000000000000", true},
		{"3000000000000", false},
		{"6440000000000000", true},
		{"6011000000000", false}, // 6011 is Discover's, and Discover has no 13-digit numbers
		{"5000000000000", true},  // Maestro
		{"1000000000000000", false},
		{"7000000000000000", false},
		{"9792000000000000", true},
		{"8100000000000000", true},
	}
	for _, tt := range tests {
		if got := cardIssuer([]byte(tt.in)); got != tt.want {
			t.Errorf("cardIssuer(%s) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestNextDottedChain: nextDottedChain finds, on random text of digits,
// dots and letters, exactly the chains a walk from run to run finds whose
// first run has four digits and a dot and a digit after it.
func TestNextDottedChain(t *testing.T) {
	want := func(n string) []int {
		var starts []int
		for i := 0; i < len(n); {
			if !isDigit(n[i]) {
				i++
				continue
			}
			start, k := i, i
			for k < len(n) && isDigit(n[k]) {
				k++
			}
			first := k - start
			for k+1 < len(n) && n[k] == '.' && isDigit(n[k+1]) { // the rest of the chain
				k++
				for k < len(n) && isDigit(n[k]) {
					k++
				}
			}
			if first == 4 && k > start+4 {
				starts = append(starts, start)
			}
			i = k
		}
		return starts
	}
	got := func(n string) []int {
		var starts []int
		for i := nextDottedChain(n, 0); i < len(n); {
			starts = append(starts, i)
			k := i
			for k < len(n) && (isDigit(n[k]) || n[k] == '.' && k+1 < len(n) && isDigit(n[k+1])) {
				k++
			}
			i = nextDottedChain(n, k)
		}
		return starts
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789.....a "
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for k := range b {
			b[k] = alphabet[rng.IntN(len(alphabet))]
		}
		n := string(b)
		if w, g := want(n), got(n); !slices.Equal(w, g) {
			t.Fatalf("%q: chains at %v, want %v", n, g, w)
		}
	}
}
