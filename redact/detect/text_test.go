package detect_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/airlock-cti/airlock/redact/detect"
)

func TestNormal(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"plain ascii text", "plain ascii text"},
		{"Mixed CASE", "mixed case"},
		// NFKC, width and case folding.
		{"ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", "john@example.org"},
		{"ＪＯＨＮ", "john"},
		{"e\u0301t\u00e9", "\u00e9t\u00e9"},
		{"ﬁle Straße", "file strasse"},
		{"ｶﾀｶﾅ", "カタカナ"},
		{"ΣΊΣΥΦΟΣ", "σίσυφοσ"},
		{"\u00a0", " "},
		// Decimal digits of other scripts.
		{"+٤٤ ٢٠ ٧٩٤٦ ٠٩٥٨", "+44 20 7946 0958"},
		{"۴۱۱۱ +४४ ๔৪ ০১২৩৪৫৬৭৮৯ 𝟒", "4111 +44 44 0123456789 4"},
		{"سعر ٤٥ دولار", "سعر 45 دولار"},
		{"二〇二四年 一二三", "二〇二四年 一二三"}, // CJK numerals are no decimal digits
		// The ideographic full stop, where it joins two labels.
		{"maria.lopez@example。org", "maria.lopez@example.org"},
		{"10。20。30。40 and 10｡20｡30｡40", "10.20.30.40 and 10.20.30.40"},
		{"ｍａｉｌ。ｅｘａｍｐｌｅ。ｏｒｇ", "mail.example.org"},
		{"Maria。lopez@mail-1。example。org", "maria.lopez@mail-1.example.org"},
		{"服务器被攻击。然后", "服务器被攻击。然后"},
		{"见evil.example。then 10.0.0.1。2024年", "见evil.example。then 10.0.0.1。2024年"},
		{"联系Maria Schneider。The", "联系maria schneider。the"},
		{"电话020 7946 0958。2024年", "电话020 7946 0958。2024年"},
		{"1。2。3。4。5 a_。b -。c 10。2024", "1.2.3.4。5 a_。b -。c 10。2024"},
		{"。a b。 。。", "。a b。 。。"},
		// Zero-width characters.
		{"jo\u200bhn@exa\u00admple\u200c.\u200dcom\u2060\ufeff", "john@example.com"},
		// Defanged forms.
		{"john[at]example[.]com", "john@example.com"},
		{"john(at)example(dot)com", "john@example.com"},
		{"john{at}example{.}com", "john@example.com"},
		{"john[@]example[dot]com", "john@example.com"},
		{"john [at] example [dot] com", "john@example.com"},
		{"John AT example DOT com", "john@example.com"},
		{"john at example[.]com", "john@example.com"},
		{"hxxps://evil[.]example/path", "https://evil.example/path"},
		{"HXXP[:]//evil[.]example", "http://evil.example"},
		{"hxxps[://]evil[.]example", "https://evil.example"},
		{"evil dot example", "evil.example"},
		// Percent-encoding of printable ASCII.
		{"%6A%6F%68%6E%40example.com", "john@example.com"},
		{"a%2Fb%2fc%3A%2e%20d", "a/b/c:. d"},
		{"100%25 %0a %7F %zz %4", "100% %0a %7f %zz %4"},
		// Nested percent-encoding, as in redirect links.
		{"?u=maria.lopez%2540example.org", "?u=maria.lopez@example.org"},
		{"%252540 %2541%25 %25zz %2525", "@ a% %zz %"},
		// Invalid UTF-8: one U+FFFD per byte.
		{"a\xffb\xc0\x80", "a\ufffdb\ufffd\ufffd"},
		// Left alone: prose and code that only look defanged.
		{"hosted at evil.example", "hosted at evil.example"},
		{"meet at noon. then", "meet at noon. then"},
		{"the red dot .", "the red dot ."},
		{"dot com", "dot com"},
		{"a [at] ", "a @ "}, // bracketed forms need no context
		{"list[:] and [::1]:80", "list[:] and [::1]:80"},
		{"xhxxp://a", "xhxxp://a"},
		{"hxxpd", "hxxpd"},
		{"(see below)", "(see below)"},
		{"%%41", "%a"},
	}
	for _, tt := range tests {
		if got := detect.NewText(tt.in).Normal(); got != tt.want {
			t.Errorf("NewText(%q).Normal() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOrigSpans(t *testing.T) {
	tests := []struct {
		in   string
		norm string // a part of the normalised view
		want string // the original bytes it maps to
	}{
		{"ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", "example", "ｅｘａｍｐｌｅ"},
		{"ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", "john@example.org", "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ"},
		{"x jo\u200bhn@example.com y", "john@example.com", "jo\u200bhn@example.com"},
		{"x john[at]example[.]com y", "john@example.com", "john[at]example[.]com"},
		{"x john[at]example[.]com y", "@", "[at]"},
		{"hxxps://evil[.]example/path", "https://evil.example", "hxxps://evil[.]example"},
		{"hxxps://evil[.]example/path", "/path", "/path"},
		{"hxxps://evil[.]example/path", "tt", "hxxps"}, // inside a rewrite: widened to it
		{"%6A%6F%68%6E%40example.com", "john@", "%6A%6F%68%6E%40"},
		{"%6A%6F%68%6E%40example.com", "example.com", "example.com"},
		{"u=maria%2540example.org", "@", "%2540"},
		{"tel ٠٢٠ ٧٩٤٦", "020 7946", "٠٢٠ ٧٩٤٦"},
		{"tel ٠٢٠ ٧٩٤٦", "2", "٢"},
		{"ip 10。20。30。40 ok", "10.20.30.40", "10。20。30。40"},
		{"ip 10｡20 ok", ".", "｡"},
		{"John AT Example DOT com", "john@example.com", "John AT Example DOT com"},
		{"Straße", "ss", "ß"},
		{"Straße", "s", "S"},
		{"e\u0301t\u00e9", "\u00e9t", "e\u0301t"},
		{"a\xffb", "\ufffd", "\xff"},
		{"ＡＢ cd", "cd", "cd"},
	}
	for _, tt := range tests {
		x := detect.NewText(tt.in)
		k := strings.Index(x.Normal(), tt.norm)
		if k < 0 {
			t.Errorf("%q: %q not in the view %q", tt.in, tt.norm, x.Normal())
			continue
		}
		s, e := x.Orig(k, k+len(tt.norm))
		if got := tt.in[s:e]; got != tt.want {
			t.Errorf("%q: Orig of %q = %q, want %q", tt.in, tt.norm, got, tt.want)
		}
	}
}

func TestOrigClamps(t *testing.T) {
	for _, s := range []string{"abc", "ＡＢＣ"} {
		x := detect.NewText(s)
		for _, c := range [][2]int{{-5, 2}, {1, 100}, {3, 1}, {-1, -1}} {
			a, b := x.Orig(c[0], c[1])
			if a < 0 || b < a || b > len(s) {
				t.Errorf("%q: Orig(%d, %d) = (%d, %d), outside the text", s, c[0], c[1], a, b)
			}
		}
	}
}

func TestHas(t *testing.T) {
	x := detect.NewText("Mail ME at ｊ@x.org, +1 (2) 3-4? a=b&c \\ /")
	for _, c := range []detect.Class{
		detect.ClassDigit, detect.ClassLetter, detect.ClassAt, detect.ClassDot, detect.ClassColon | detect.ClassSlash,
		detect.ClassBackslash, detect.ClassHyphen, detect.ClassPlus, detect.ClassParen, detect.ClassQuery, detect.ClassSpace,
	} {
		if c == detect.ClassColon|detect.ClassSlash {
			if x.Has(c) {
				t.Errorf("Has(colon|slash) on text without a colon")
			}
			continue
		}
		if !x.Has(c) {
			t.Errorf("Has(%#x) = false", c)
		}
	}
	if x.Has(detect.ClassNonASCII) {
		t.Error("Has(NonASCII) after folding fullwidth to ASCII")
	}
	if !detect.NewText("é").Has(detect.ClassNonASCII) {
		t.Error("Has(NonASCII) = false for é")
	}
	if detect.NewText("").Has(detect.ClassDigit) {
		t.Error("empty text has a digit")
	}
}

func TestFastPathDoesNotAllocate(t *testing.T) {
	const s = "malware beacons to evil.example over https; see cve-2021-44228 (t1566.001) at 10:00."
	x := detect.NewText(s)
	if x.Normal() != s {
		t.Fatalf("the fast path changed lower-case ASCII: %q", x.Normal())
	}
	if a, b := x.Orig(3, 9); a != 3 || b != 9 {
		t.Errorf("Orig(3, 9) = (%d, %d) on the fast path", a, b)
	}
	var y detect.Text
	if n := testing.AllocsPerRun(100, func() { y.Reset(s) }); n != 0 {
		t.Errorf("Reset on the fast path allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = detect.NewText(s) }); n > 1 {
		t.Errorf("NewText on the fast path allocates %v times, want at most the Text itself", n)
	}
	// Upper case only: one copy, no map.
	if n := testing.AllocsPerRun(100, func() { y.Reset("Malware Beacons To Evil.Example") }); n > 1 {
		t.Errorf("Reset of ASCII with upper case allocates %v times, want 1", n)
	}
}

func TestResetReuses(t *testing.T) {
	var x detect.Text
	for _, s := range []string{"ｊｏｈｎ@x.org", "plain", "A[.]b", "", "é\xff", "plain again"} {
		x.Reset(s)
		want := detect.NewText(s)
		if x.String() != s || x.Normal() != want.Normal() {
			t.Errorf("Reset(%q): %q / %q, want %q", s, x.String(), x.Normal(), want.Normal())
		}
		n := len(x.Normal())
		if a, b := x.Orig(0, n); a != 0 || b != len(s) {
			t.Errorf("Reset(%q): Orig of the whole view = (%d, %d), want (0, %d)", s, a, b, len(s))
		}
	}
}

// pieces build random texts for the property tests: the characters and
// forms the normalisation rewrites, and ordinary text around them. None of
// them normalises to a space or punctuation inside letters.
var pieces = []string{
	"a", "b", "x", "Z", "1", "7", "_", "-", ".", "@", ":", "/", " ", " ", "\n", "com", "john", "Example",
	"[.]", "(.)", "{.}", "[dot]", "(dot)", "[at]", "(at)", "{at}", "[@]", "[:]", "[://]", " at ", " dot ", " [at] ", " [.] ",
	"hxxp", "HXXPS", "://", "%40", "%2e", "%2F", "%3a", "%4", "%zz", "%0a", "%7e", "%25",
	"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
	"ｊ", "Ａ", "１", "＠", "．", "％", "［", "］", "\u00a0",
	"é", "e\u0301", "\u0301", "ﬁ", "ß", "İ", "Σ", "ς", "ｶ", "ﾞ", "한", "\u1100\u1161", "\xff", "\xc0", "\xe2\x82",
}

func randomText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// tokenPatterns find the spans the round-trip property is checked on:
// runs without white space, and runs of letters, digits and marks, none
// starting with a mark (a mark may come from a character that normalises
// onto the one before it: "．ﾞ" normalises to "." U+3099 as one segment,
// so a span cannot start between them).
var tokenPatterns = []*regexp.Regexp{
	regexp.MustCompile(`[^\s\pM][^\s]*`),
	regexp.MustCompile(`[\pL\pN_][\pL\pN\pM_]*`),
	regexp.MustCompile(`[\pL\pN_][\pL\pN\pM_.@%+-]*@[\pL\pN\pM_.-]+`),
}

// TestOrigRoundTrip checks the offset map's promise: a token of the
// normalised view maps back to original bytes that normalise to exactly
// that token.
func TestOrigRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	inputs := []string{
		"ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｏｒｇ", "jo\u200bhn@example.com", "john[at]example[.]com",
		"hxxps://evil[.]example/path", "%6A%6F%68%6E%40example.com", "John AT Example DOT com ok",
		"x (at) y (dot) z", "Straße ﬁle e\u0301", "a\xffb\xc0",
	}
	for range roundTrips {
		inputs = append(inputs, randomText(rng, 1+rng.IntN(24)))
	}
	checked := 0
	for _, in := range inputs {
		x := detect.NewText(in)
		n := x.Normal()
		for _, re := range tokenPatterns {
			for _, sp := range re.FindAllStringIndex(n, -1) {
				s, e := x.Orig(sp[0], sp[1])
				if got := detect.NewText(in[s:e]).Normal(); got != n[sp[0]:sp[1]] {
					t.Fatalf("input %q, view %q: token %q maps to %q, which normalises to %q", in, n, n[sp[0]:sp[1]], in[s:e], got)
				}
				checked++
			}
		}
	}
	if checked < 10000 {
		t.Errorf("only %d tokens checked", checked)
	}
}

// TestOrigValid checks every span of the view of texts that include
// compatibility characters expanding to several characters of different
// kinds: Orig stays within the text, on boundaries of its decoding, and
// monotonic.
func TestOrigValid(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	extra := []string{"¨", "½", "⑴", "㏂", "ǆ", "ﷺ", "\u0f77", "…", "‥", "№", "™", "Ⅻ", "\u00b8"}
	for range 400 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			if rng.IntN(3) == 0 {
				b.WriteString(extra[rng.IntN(len(extra))])
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		checkOrigValid(t, b.String())
	}
}

func checkOrigValid(t testing.TB, in string) {
	t.Helper()
	x := detect.NewText(in)
	if x.String() != in {
		t.Fatalf("String() = %q, want %q", x.String(), in)
	}
	n := len(x.Normal())
	bound := make([]bool, len(in)+1)
	for k := 0; k < len(in); {
		bound[k] = true
		_, size := utf8.DecodeRuneInString(in[k:])
		k += size
	}
	bound[len(in)] = true
	if a, b := x.Orig(0, n); a != 0 && n > 0 || b != len(in) {
		// The whole view covers the whole text, except leading characters
		// that normalise to nothing.
		if b != len(in) || x.Normal() != detect.NewText(in[a:]).Normal() {
			t.Fatalf("%q: Orig(0, %d) = (%d, %d)", in, n, a, b)
		}
	}
	prevS := 0
	for i := 0; i <= n; i++ {
		prevE := 0
		for j := i; j <= n; j++ {
			s, e := x.Orig(i, j)
			if s < 0 || e < s || e > len(in) || !bound[s] || !bound[e] {
				t.Fatalf("%q: Orig(%d, %d) = (%d, %d): outside the text or off a boundary", in, i, j, s, e)
			}
			if e < prevE || s < prevS {
				t.Fatalf("%q: Orig(%d, %d) = (%d, %d): not monotonic", in, i, j, s, e)
			}
			prevE = e
			if j == i {
				prevS = s
			}
		}
	}
}

// TestDetectorValuesRoundTrip checks that the original span of a match
// normalises to its Value, for the detectors whose Value is the view's
// text.
func TestDetectorValuesRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	parts := []string{
		"john", "Jane.Doe", "@", "[at]", " at ", "example", "corp", ".", "[.]", " dot ", "com", "org", " ",
		"https://", "hxxps://", "bob:pw@", "?email=", "&user=", "C:\\Users\\", "/home/", "\\", "/",
		"%40", "%2e", "ｊ", "＠", "\u200b", "É", "ß",
	}
	ds := detect.Builtin(testConfig)
	for range roundTrips {
		var b strings.Builder
		for range 1 + rng.IntN(14) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		in := b.String()
		x := detect.NewText(in)
		for _, d := range ds {
			switch d.Name() {
			case "email", "url", "user-path", "hostname":
			default:
				continue
			}
			d.Detect(x, func(m detect.Match) {
				if got := detect.NewText(in[m.Start:m.End]).Normal(); got != m.Value {
					t.Fatalf("%s on %q: span %q normalises to %q, Value %q", d.Name(), in, in[m.Start:m.End], got, m.Value)
				}
			})
		}
	}
}

// roundTrips is how many random texts the round-trip tests try.
var roundTrips = 3000

// Benchmark texts: STIX descriptions of about 500 bytes.
var (
	// benchLower is lower-case ASCII without anything to rewrite: the
	// fast path.
	benchLower = "this malware family uses spear-phishing attachments to deliver a loader, " +
		"which then downloads a second stage from a compromised wordpress site over https. " +
		"the second stage achieves persistence with a scheduled task, collects system " +
		"information and exfiltrates it to its command and control server every 30 minutes. " +
		"it exploits cve-2021-44228 where available, and its dropper is signed with a stolen " +
		"certificate; see the attack pattern t1566.001 and the indicator bundle of 2016-04-06."
	// benchClean is the same prose as analysts write it, capitals and all.
	benchClean = "This malware family uses spear-phishing attachments to deliver a loader, " +
		"which then downloads a second stage from a compromised WordPress site over HTTPS. " +
		"The second stage achieves persistence with a Scheduled Task, collects system " +
		"information and exfiltrates it to its Command and Control server every 30 minutes. " +
		"It exploits CVE-2021-44228 where available, and its dropper is signed with a stolen " +
		"certificate; see the ATT&CK technique T1566.001 and the indicator bundle of 2016-04-06."
	// benchPII names a victim, her machine and her address.
	benchPII = "On 2016-04-06 the victim, Jane Doe (jane.doe@corp.example.com, +44 20 7946 0958), " +
		"opened the attachment on WS-0142.corp.example.com (10.20.30.40, aa:bb:cc:dd:ee:f0). " +
		"The loader was written to C:\\Users\\jdoe\\AppData\\Roaming\\upd.exe and beaconed to " +
		"hxxps://evil[.]example/gate.php?user=jdoe every 30 minutes over 185.220.101[.]7:443. " +
		"It exploits CVE-2021-44228; see the ATT&CK technique T1566.001. Contact the SOC at " +
		"soc[at]corp[.]example[.]com or (202) 555-0143 for the full report of the incident."
	// benchUnicode is prose in another script with fullwidth forms.
	benchUnicode = "Вредоносная программа загружает второй этап с ｅｖｉｌ．ｅｘａｍｐｌｅ и " +
		"закрепляется в системе через запланированную задачу; Straße, ﬁle, café. " +
		"Она собирает сведения о системе и отправляет их на сервер управления каждые 30 минут."
)

var benchTexts = []struct{ name, text string }{
	{"lower", benchLower},
	{"clean", benchClean},
	{"pii", benchPII},
	{"unicode", benchUnicode},
}

func BenchmarkNewText(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_ = detect.NewText(bt.text)
			}
		})
	}
}

// BenchmarkTextReset reuses one Text, as a scanner of many strings would.
func BenchmarkTextReset(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			var x detect.Text
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				x.Reset(bt.text)
			}
		})
	}
}

// BenchmarkBaselineToLower is the standard library's lower-casing of the
// same texts, for scale.
func BenchmarkBaselineToLower(b *testing.B) {
	for _, bt := range benchTexts {
		b.Run(bt.name, func(b *testing.B) {
			b.SetBytes(int64(len(bt.text)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				_ = strings.ToLower(bt.text)
			}
		})
	}
}
