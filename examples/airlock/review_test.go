package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
	"github.com/google/go-cmp/cmp"
)

const (
	sampleInput  = "../../testdata/reports/incident.json"
	samplePolicy = "../policies/community.yaml"
	hostileInput = "../../testdata/review/hostile.json"
	corpusDir    = "../../../shared/corpus"
)

// objectFacts is what the tests know of an input object, from the
// library's own Explain.
type objectFacts struct {
	anchor, status string
	kinds          map[string]bool
	eo             redact.ExplainedObject
}

// explainFile runs Explain as the command does, to know what the page
// must show.
func explainFile(t *testing.T, policyFile, input string) *redact.Explanation {
	t.Helper()
	p, err := policy.LoadFile(policyFile)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := os.ReadFile(demoKey)
	if err != nil {
		t.Fatal(err)
	}
	key, err := redact.ParseKey(kb)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := redact.Compile(p, &redact.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := rd.Explain(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

func factsOf(ex *redact.Explanation) []objectFacts {
	var fs []objectFacts
	for i, o := range ex.Objects {
		f := objectFacts{anchor: "o" + strconv.Itoa(i+1), kinds: map[string]bool{}, eo: o, status: "changed"}
		switch {
		case o.Output == nil:
			f.status = "dropped"
		case len(o.Decisions) == 0 && string(o.Original) == string(o.Output):
			f.status = "unchanged"
		}
		for _, d := range o.Decisions {
			f.kinds[d.Kind] = true
		}
		fs = append(fs, f)
	}
	return fs
}

func anchorsWhere(fs []objectFacts, keep func(objectFacts) bool) []string {
	var as []string
	for _, f := range fs {
		if keep(f) {
			as = append(as, f.anchor)
		}
	}
	return as
}

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }

// samplePage writes the review page of the sample report with the
// command and returns its path and what it must show.
func samplePage(t *testing.T) (string, []objectFacts) {
	t.Helper()
	page := filepath.Join(t.TempDir(), "review.html")
	code, stdout, stderr := runCmd(t, "", "explain", "-p", samplePolicy, "--key-file", demoKey, "--html", page, sampleInput)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("explain --html wrote to stdout: %q", stdout)
	}
	if !strings.Contains(stderr, "UNREDACTED") {
		t.Errorf("stderr does not warn that the page is unredacted: %q", stderr)
	}
	return page, factsOf(explainFile(t, samplePolicy, sampleInput))
}

// articles splits a page into its object articles, by anchor.
func articles(t *testing.T, page string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, part := range strings.Split(page, "<article ")[1:] {
		part, _, _ = strings.Cut(part, "</article>")
		m := regexp.MustCompile(`id="(o[0-9]+)"`).FindStringSubmatch(part)
		if m == nil {
			t.Fatalf("article without an anchor: %.200s", part)
		}
		out[m[1]] = part
	}
	return out
}

func TestReviewSamplePage(t *testing.T) {
	file, facts := samplePage(t)
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("page mode %v, want 0600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(file)
	page := string(data)
	ex := explainFile(t, samplePolicy, sampleInput)
	sum := ex.Summary

	// Warned in the title and in a banner at the top.
	title := regexp.MustCompile(`<title>([^<]*)</title>`).FindStringSubmatch(page)
	if title == nil || !strings.HasPrefix(title[1], "UNREDACTED") || !strings.Contains(title[1], "internal review only") {
		t.Errorf("title %q", title)
	}
	banner := strings.Index(page, `id="banner"`)
	if banner < 0 || banner > strings.Index(page, "<h1>") || !strings.Contains(page[banner:banner+200], "UNREDACTED") {
		t.Error("no UNREDACTED banner before the heading")
	}

	// Self-contained: nothing to load, only the template's own markup.
	checkMarkup(t, page)
	if strings.Contains(reviewCSS, "url(") || strings.Contains(reviewCSS, "@import") {
		t.Error("the style loads something")
	}

	// The summary's counts.
	for id, n := range map[string]int{"n-in": sum.ObjectsIn, "n-out": sum.ObjectsOut, "n-dropped": sum.Dropped, "n-changed": sum.Changed, "n-added": sum.Added} {
		if want := `<strong id="` + id + `">` + strconv.Itoa(n) + `</strong>`; !strings.Contains(page, want) {
			t.Errorf("summary lacks %s", want)
		}
	}
	for _, counts := range []map[string]int{sum.ByRule, sum.ByKind, sum.ByAction} {
		for name, n := range counts {
			if want := "<tr><td>" + html.EscapeString(name) + `</td><td class="num">` + strconv.Itoa(n) + "</td></tr>"; !strings.Contains(page, want) {
				t.Errorf("count table lacks %s", want)
			}
		}
	}
	levels := map[string]int{}
	for _, o := range ex.Objects {
		levels[levelLabel(o.Level)]++
	}
	for l, n := range levels {
		if want := "<tr><td>" + html.EscapeString(l) + `</td><td class="num">` + strconv.Itoa(n) + "</td></tr>"; !strings.Contains(page, want) {
			t.Errorf("TLP table lacks %s", want)
		}
	}

	// A filter for every rule and every kind.
	rules, kinds := map[string]bool{}, map[string]bool{}
	for _, o := range ex.Objects {
		for _, d := range o.Decisions {
			rules[d.Rule], kinds[kindLabel(d.Kind)] = true, true
		}
	}
	for name, set := range map[string]map[string]bool{"rule": rules, "kind": kinds} {
		n := strings.Count(page, `<input type="checkbox" name="`+name+`"`)
		if n != len(set) {
			t.Errorf("%d %s filters, want %d", n, name, len(set))
		}
		for v := range set {
			if !regexp.MustCompile(`name="` + name + `" value="\d+" checked> ` + regexp.QuoteMeta(html.EscapeString(v)) + ` <`).MatchString(page) {
				t.Errorf("no %s filter for %q", name, v)
			}
		}
	}
	if !strings.Contains(page, `<label><input type="checkbox" name="status" value="unchanged"> unchanged`) {
		t.Error("no toggle for unchanged objects")
	}

	// Every object, and every decision with its labels, in its object.
	arts := articles(t, page)
	if len(arts) != len(facts) {
		t.Fatalf("%d articles, want %d", len(arts), len(facts))
	}
	for _, f := range facts {
		a := arts[f.anchor]
		if !strings.Contains(a, `data-status="`+f.status+`"`) || !strings.Contains(a, html.EscapeString(f.eo.ID)) {
			t.Errorf("%s: article does not show %s as %s", f.anchor, f.eo.ID, f.status)
		}
		for j, d := range f.eo.Decisions {
			row := regexp.MustCompile(`<tr class="dec" data-r="\d+" data-k="\d+"><td>(?:<a href="#` + f.anchor + `-d` + strconv.Itoa(j+1) + `">)?[^\n]*</td><td>` +
				regexp.QuoteMeta(html.EscapeString(d.Rule)) + `</td><td>` + regexp.QuoteMeta(html.EscapeString(d.Action)) + `[^\n]*</td><td>` + regexp.QuoteMeta(html.EscapeString(d.Kind)) + `</td>`)
			if !row.MatchString(a) {
				t.Errorf("%s: decision %d (%s %s %s at %q) not listed", f.anchor, j+1, d.Rule, d.Action, d.Kind, d.Path)
			}
			label := `id="` + f.anchor + "-d" + strconv.Itoa(j+1) + `"`
			li := strings.Index(a, label)
			if li < 0 {
				t.Errorf("%s: decision %d (%s %s at %q) has no label", f.anchor, j+1, d.Action, d.Path, d.Path)
				continue
			}
			lab, _, _ := strings.Cut(a[li:], "</li>")
			for _, s := range []string{d.Rule, d.Action, d.Kind, d.Path} {
				if !strings.Contains(lab, html.EscapeString(s)) {
					t.Errorf("%s: label of decision %d lacks %q: %s", f.anchor, j+1, s, lab)
				}
			}
		}
	}

	// Dropped objects are listed with the reason.
	for _, f := range facts {
		if f.status != "dropped" {
			continue
		}
		sec, _, _ := strings.Cut(page[strings.Index(page, `id="dropped"`):], "</section>")
		if !strings.Contains(sec, `href="#`+f.anchor+`"`) || !strings.Contains(sec, html.EscapeString(f.eo.Decisions[0].Rule)) {
			t.Errorf("dropped %s not listed with its rule", f.anchor)
		}
	}

	// Changes are highlighted: the victim's name is struck out on the
	// left, and its pseudonym marked on the right.
	if !strings.Contains(page, "<del>Jane Doe</del>") {
		t.Error("the replaced name is not highlighted")
	}
	if n := strings.Count(page, "<ins>"); n < 10 {
		t.Errorf("%d insertions highlighted", n)
	}
}

// TestReviewScriptsAllowed checks that the page's scripts and style are
// exactly those its Content-Security-Policy allows by hash, and that
// nothing from the input is in them.
func TestReviewScriptsAllowed(t *testing.T) {
	file, _ := samplePage(t)
	data, _ := os.ReadFile(file)
	page := string(data)
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	if !strings.Contains(policy, "default-src 'none'") {
		t.Errorf("policy %q does not forbid loading", policy)
	}
	blocks := regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`).FindAllStringSubmatch(page, -1)
	if len(blocks) != 3 {
		t.Fatalf("%d script and style blocks, want 3", len(blocks))
	}
	for _, b := range blocks {
		h := sha256.Sum256([]byte(b[2]))
		if !strings.Contains(policy, "'sha256-"+base64.StdEncoding.EncodeToString(h[:])+"'") {
			t.Errorf("%s block not allowed by the policy's hashes", b[1])
		}
		if b[2] != reviewJS && b[2] != reviewHeadJS && b[2] != reviewCSS {
			t.Errorf("%s block is not the page's own", b[1])
		}
	}
}

// allowedTags are the elements the template writes, with the attributes
// it gives them.
var allowedTags = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "style": true, "script": true, "body": true,
	"a": true, "div": true, "strong": true, "header": true, "p": true, "em": true, "h1": true, "dl": true,
	"dt": true, "dd": true, "code": true, "main": true, "section": true, "h2": true, "ul": true, "li": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true, "fieldset": true,
	"legend": true, "label": true, "input": true, "span": true, "button": true, "nav": true, "article": true,
	"h3": true, "details": true, "summary": true, "pre": true, "caption": true, "colgroup": true,
	"col": true, "del": true, "ins": true, "noscript": true,
}

var allowedAttrs = map[string]bool{
	"lang": true, "charset": true, "http-equiv": true, "content": true, "name": true, "class": true,
	"href": true, "id": true, "role": true, "aria-label": true, "aria-labelledby": true, "type": true,
	"value": true, "checked": true, "data-set": true, "data-on": true, "data-page-size": true,
	"tabindex": true, "data-status": true, "data-d": true, "data-r": true, "data-k": true,
	"title": true, "colspan": true, "scope": true,
}

var (
	tagRe  = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	attrRe = regexp.MustCompile(`\s([a-zA-Z-]+)(?:="([^"]*)")?`)
)

// checkMarkup checks that every tag in page is one the template writes,
// with its attributes, that links only go to the page's own anchors, and
// that the only scripts are the page's two.
func checkMarkup(t *testing.T, page string) {
	t.Helper()
	scripts := 0
	for _, m := range tagRe.FindAllStringSubmatch(page, -1) {
		name := strings.ToLower(m[2])
		if !allowedTags[name] {
			t.Errorf("unexpected element <%s%s%s>", m[1], m[2], m[3])
			continue
		}
		if name == "script" && m[1] == "" {
			scripts++
		}
		for _, a := range attrRe.FindAllStringSubmatch(m[3], -1) {
			if !allowedAttrs[strings.ToLower(a[1])] {
				t.Errorf("unexpected attribute %s in <%s%s>", a[1], m[2], m[3])
			}
			if strings.EqualFold(a[1], "href") && !strings.HasPrefix(a[2], "#o") {
				t.Errorf("link to %q", a[2])
			}
		}
	}
	if scripts != 2 {
		t.Errorf("%d scripts, want the page's 2", scripts)
	}
	// Each object's view is in a noscript element (see reviewJS) that
	// nothing from the input can end early.
	arts := strings.Count(page, "<article ")
	if n := strings.Count(page, "<noscript>"); n != arts {
		t.Errorf("%d noscript elements for %d objects", n, arts)
	}
	if n := strings.Count(strings.ToLower(page), "</noscript"); n != arts {
		t.Errorf("%d noscript ends for %d objects", n, arts)
	}
}

func TestReviewHostileInput(t *testing.T) {
	page := filepath.Join(t.TempDir(), "hostile.html")
	if code, _, stderr := runCmd(t, "", "explain", "-p", samplePolicy, "--key-file", demoKey, "--html", page, hostileInput); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(page)
	s := string(data)
	// Make sure the input made it in: changed, unchanged and dropped.
	for _, st := range []string{"changed", "unchanged", "dropped"} {
		if !strings.Contains(s, `data-status="`+st+`"`) {
			t.Fatalf("the hostile input has no %s object", st)
		}
	}

	checkMarkup(t, s)
	for _, bad := range []string{"<!--", "</textarea", "<img", "<script>alert", "</title><script", "javascript:alert(6)\">", "<style>*"} {
		if strings.Contains(strings.ToLower(s), strings.ToLower(bad)) {
			t.Errorf("page holds %q as markup", bad)
		}
	}
	// The hostile text is there, escaped.
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/textarea&gt;", "&lt;!--", "&lt;/noscript&gt;", "javascript:alert(6)", "JaVaScRiPt:alert(8)"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks the escaped %q", want)
		}
	}
	// Controls are shown as escapes, never as themselves.
	for _, r := range []rune{0x202E, 0x202C, 0x2066, 0x2069, 0x200B, 0xE0041} {
		if strings.ContainsRune(s, r) {
			t.Errorf("page holds U+%04X as is", r)
		}
	}
	for _, want := range []string{`<span class="ctl" title="U&#43;202E right-to-left override, shown escaped">\u202E</span>`, `\u2066`, `\u200B`, `\uDB40\uDC41`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestExplainHTMLErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"type":"bundle","id":"bundle--1","objects":[{"type":"indicator"`), 0o644)
	for _, c := range []struct {
		name  string
		code  int
		input string
		out   string
	}{
		{"truncated input", exitInput, bad, filepath.Join(dir, "bad.html")},
		{"missing input", exitInput, filepath.Join(dir, "nope.json"), filepath.Join(dir, "nope.html")},
		{"stdout", exitUsage, sampleInput, "-"},
	} {
		code, stdout, stderr := runCmd(t, "", "explain", "-p", samplePolicy, "--key-file", demoKey, "--html", c.out, c.input)
		if code != c.code {
			t.Errorf("%s: exit %d, want %d (%s)", c.name, code, c.code, stderr)
		}
		if stdout != "" {
			t.Errorf("%s: wrote to stdout", c.name)
		}
		if _, err := os.Stat(c.out); c.out != "-" && err == nil {
			t.Errorf("%s: page written", c.name)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// writeStampPolicy writes a policy that changes every object it may
// edit (a stamped statement, a new id and creator): the heaviest page.
func writeStampPolicy(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "stamp.yaml")
	err := os.WriteFile(p, []byte(`format: airlock/v1
name: review-stamp
markings:
  max_tlp: green
  unmarked: clear
  stamp:
    - statement: "Reviewed for release"
ids: derive
identity:
  name: Example CERT
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReviewATTACKPage(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the ATT&CK review pages are built in the full run")
	}
	in := filepath.Join(corpusDir, "attack", "mobile-attack-17.1.json")
	st, err := os.Stat(in)
	if err != nil {
		t.Skipf("corpus absent (%s): clone next to ../shared to run this test", in)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		name, policy string
		maxRatio     float64 // page size over input size
	}{
		{"community", samplePolicy, 3},
		{"every object changed", writeStampPolicy(t, dir), 5},
	} {
		page := filepath.Join(dir, "page.html")
		if code, _, stderr := runCmd(t, "", "explain", "-p", c.policy, "--key-file", demoKey, "--html", page, in); code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr)
		}
		data, _ := os.ReadFile(page)
		s := string(data)
		ratio := float64(len(data)) / float64(st.Size())
		t.Logf("%s: input %.1f MB, page %.1f MB (%.1fx)", c.name, float64(st.Size())/1e6, float64(len(data))/1e6, ratio)
		if ratio > c.maxRatio {
			t.Errorf("%s: page is %.1fx the input, want at most %.0fx", c.name, ratio, c.maxRatio)
		}
		if !strings.Contains(s, `data-page-size="`+strconv.Itoa(reviewPageSize)+`"`) || strings.Count(s, `<nav class="pager`) != 2 {
			t.Errorf("%s: page not paginated", c.name)
		}
		if n := strings.Count(s, "<article "); n < 2000 {
			t.Errorf("%s: %d objects on the page", c.name, n)
		}
	}
}

func TestPrettyJSONPaths(t *testing.T) {
	cases := []struct {
		in   string
		want []jsonLine
	}{
		{`{}`, []jsonLine{{"", "{}"}}},
		{`{"a":1,"b":[],"c":"x\"y"}`, []jsonLine{
			{"", "{"}, {"a", `  "a": 1,`}, {"b", `  "b": [],`}, {"c", `  "c": "x\"y"`}, {"", "}"}}},
		{`{"external_references":[{"source_name":"s","url":"u"}],"n":null}`, []jsonLine{
			{"", "{"},
			{"external_references", `  "external_references": [`},
			{"external_references.[0]", "    {"},
			{"external_references.[0].source_name", `      "source_name": "s",`},
			{"external_references.[0].url", `      "url": "u"`},
			{"external_references.[0]", "    }"},
			{"external_references", "  ],"},
			{"n", `  "n": null`},
			{"", "}"}}},
		{`{"a\u0062": [1, [2]]}`, []jsonLine{
			{"", "{"}, {"ab", `  "a\u0062": [`}, {"ab.[0]", "    1,"}, {"ab.[1]", "    ["}, {"ab.[1].[0]", "      2"}, {"ab.[1]", "    ]"}, {"ab", "  ]"}, {"", "}"}}},
		{`{"a":`, []jsonLine{{"", `{"a":`}}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, prettyJSON([]byte(c.in)), cmp.AllowUnexported(jsonLine{})); diff != "" {
			t.Errorf("prettyJSON(%s) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestDiffEdits(t *testing.T) {
	cases := []struct {
		a, b  string
		edits int // the fewest insertions and deletions
		maxD  int
	}{
		{"", "", 0, 100},
		{"abc", "abc", 0, 100},
		{"abc", "", 3, 100},
		{"", "abc", 3, 100},
		{"abcabba", "cbabac", 5, 100},
		{"the cat sat", "the dog sat", 6, 100},
		{"xaaaay", "xbbbby", 8, 100},
		{"xaaaay", "xbbbby", 8, 2}, // beyond maxD: the middle goes whole
	}
	for _, c := range cases {
		a, b := strings.Split(c.a, ""), strings.Split(c.b, "")
		if c.a == "" {
			a = nil
		}
		if c.b == "" {
			b = nil
		}
		es := diffEdits(a, b, c.maxD)
		// Replaying the script turns a into b, in order.
		var got []string
		n, ai, bi := 0, 0, 0
		for _, e := range es {
			switch e.op {
			case '=':
				if e.A != ai || e.B != bi || a[e.A] != b[e.B] {
					t.Fatalf("%q->%q: bad keep %+v", c.a, c.b, e)
				}
				got = append(got, b[e.B])
				ai++
				bi++
			case '-':
				if e.A != ai {
					t.Fatalf("%q->%q: delete out of order %+v", c.a, c.b, e)
				}
				ai++
				n++
			case '+':
				if e.B != bi {
					t.Fatalf("%q->%q: insert out of order %+v", c.a, c.b, e)
				}
				got = append(got, b[e.B])
				bi++
				n++
			}
		}
		if strings.Join(got, "") != c.b || ai != len(a) {
			t.Errorf("%q->%q: script gives %q", c.a, c.b, strings.Join(got, ""))
		}
		if n != c.edits {
			t.Errorf("%q->%q: %d edits, want %d", c.a, c.b, n, c.edits)
		}
	}
}

func TestTokenDiff(t *testing.T) {
	cases := []struct {
		old, new    string
		left, right []segment
	}{
		{`"name": "Jane Doe",`, `"name": "person-3f2a",`,
			[]segment{{Text: `"name": "`}, {Text: "Jane Doe", Class: "del"}, {Text: `",`}},
			[]segment{{Text: `"name": "`}, {Text: "person-3f2a", Class: "ins"}, {Text: `",`}}},
		{`"id": "report--b1b2c3d4-0000"`, `"id": "report--d514d4f9-5696"`,
			[]segment{{Text: `"id": "`}, {Text: "report--b1b2c3d4-0000", Class: "del"}, {Text: `"`}},
			[]segment{{Text: `"id": "`}, {Text: "report--d514d4f9-5696", Class: "ins"}, {Text: `"`}}},
		{"a \u202Eb", "a c",
			[]segment{{Text: "a "}, {Text: `\u202E`, Class: "ctl del", Title: "U+202E right-to-left override, shown escaped"}, {Text: "b", Class: "del"}},
			[]segment{{Text: "a "}, {Text: "c", Class: "ins"}}},
	}
	for _, c := range cases {
		l, r := tokenDiff(c.old, c.new)
		if diff := cmp.Diff(c.left, l, cmp.AllowUnexported(segment{})); diff != "" {
			t.Errorf("%q -> %q, left (-want +got):\n%s", c.old, c.new, diff)
		}
		if diff := cmp.Diff(c.right, r, cmp.AllowUnexported(segment{})); diff != "" {
			t.Errorf("%q -> %q, right (-want +got):\n%s", c.old, c.new, diff)
		}
	}
}

func TestVisible(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain", "plain"},
		{"a\u202Eb\u202Cc", `a\u202Eb\u202Cc`},
		{"\u2066x\u2069", `\u2066x\u2069`},
		{"zero\u200Bwidth\uFEFF", `zero\u200Bwidth\uFEFF`},
		{"tag\U000E0041", `tag\uDB40\uDC41`},
		{"line\u2028sep", `line\u2028sep`},
		{"bad\xffbyte", `bad\xFFbyte`},
		{"multi\nline", "multi\nline"},
		{"ünïcödé ok", "ünïcödé ok"},
		{"עברית", "עברית"}, // right-to-left letters are text, not controls
	}
	for _, c := range cases {
		if got := visible(c.in); got != c.want {
			t.Errorf("visible(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestDiffObjectLabels checks where decisions are labelled: at the line
// of their path, a rename at the id, a new creator at created_by_ref, a
// drop on the whole object.
func TestDiffObjectLabels(t *testing.T) {
	orig := []byte(`{"type":"report","id":"report--1","description":"Mail from Jane Doe","external_references":[{"source_name":"s","url":"https://a:b@x.example/"}]}`)
	out := []byte(`{"type":"report","id":"report--2","description":"Mail from person-1","external_references":[{"source_name":"s","url":"https://x.example/"}],"created_by_ref":"identity--9"}`)
	ds := []redact.Decision{
		{Path: "description", Rule: "pii.actions", Action: "pseudonymise", Kind: "person-name"},
		{Path: "external_references.[0].url", Rule: "pii.actions", Action: "remove", Kind: "url-credential"},
		{Rule: "ids", Action: redact.ActionSetCreator},
		{Rule: "ids", Action: redact.ActionRename, NewID: "report--2"},
		{Rule: "custom", Action: "canonicalise"},
	}
	rds := make([]*reviewDecision, len(ds))
	for i := range ds {
		rds[i] = &reviewDecision{Anchor: "d" + strconv.Itoa(i)}
	}
	rows := diffObject(orig, out, ds, rds)
	labelled := map[string]string{} // decision -> the line it labels
	for _, r := range rows {
		for _, n := range r.Notes {
			var text strings.Builder
			for _, s := range append(r.Left, r.Right...) {
				text.WriteString(s.Text)
			}
			labelled[n.Anchor] = text.String()
		}
	}
	for i, want := range []string{`"description"`, `"url"`, `"created_by_ref"`, `"id"`} {
		if !strings.Contains(labelled["d"+strconv.Itoa(i)], want) || !rds[i].Placed {
			t.Errorf("decision %d labels %q, want the line of %s", i, labelled["d"+strconv.Itoa(i)], want)
		}
	}
	if rds[4].Placed {
		t.Error("a decision about the whole object was placed at a line")
	}
	// A removed list item is one block, labelled below.
	orig = []byte(`{"type":"malware","external_references":[{"source_name":"vendor-x","url":"https://x.example/amber"},{"source_name":"wikipedia"}]}`)
	out = []byte(`{"type":"malware","external_references":[{"source_name":"wikipedia"}]}`)
	ds = []redact.Decision{{Path: "external_references.[0]", Rule: "markings.max_tlp", Action: "remove", Kind: "tlp:amber"}}
	rds = []*reviewDecision{{Anchor: "d0"}}
	rows = diffObject(orig, out, ds, rds)
	for _, r := range rows {
		var text strings.Builder
		for _, s := range r.Left {
			text.WriteString(s.Text)
		}
		if strings.Contains(text.String(), "vendor-x") && (len(r.Notes) != 1 || !strings.Contains(text.String(), "amber")) {
			t.Errorf("removed item split or unlabelled: row %q with %d labels", text.String(), len(r.Notes))
		}
	}

	// The dropped object: every line on the left, none on the right.
	rows = diffObject(orig, nil, ds, rds)
	for _, r := range rows {
		if r.Kind != "change" || r.LeftClass != "del" || r.RightClass != "none" {
			t.Errorf("dropped object row %+v", r)
		}
	}
}

// TestReviewShowsWrapper: the page shows the bundle's members that do not
// leave, which its summary counts: one named (an x_ property), one whose
// name may be data, by its fingerprint only.
func TestReviewShowsWrapper(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	os.WriteFile(in, []byte(`{"type":"bundle","id":"bundle--66666666-0000-4000-8000-000000000000","x_acme_source":"feed","+44 20 7946 0958":"x","objects":[
{"type":"indicator","spec_version":"2.1","id":"indicator--66666666-0000-4000-8000-000000000001","created":"2026-01-10T10:00:00.000Z","modified":"2026-01-10T10:00:00.000Z","pattern":"[ipv4-addr:value = '198.51.100.7']","pattern_type":"stix","valid_from":"2026-01-10T10:00:00Z","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]}
]}`), 0o644)
	out := filepath.Join(dir, "review.html")
	code, _, stderr := runCmd(t, "", "explain", "-p", samplePolicy, "--key-file", demoKey, "--html", out, in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(out)
	page := string(b)
	checkMarkup(t, page)
	ex := explainFile(t, samplePolicy, in)
	if len(ex.Wrapper) != 2 {
		t.Fatalf("explanation's wrapper decisions: %+v", ex.Wrapper)
	}
	for _, want := range []string{`<h2 id="wrapper-h">Removed from the bundle (2)</h2>`, "<code>x_acme_source</code>", "<code>" + ex.Wrapper[1].Fingerprint + "</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "7946") {
		t.Error("page quotes a wrapper member's name that may be data")
	}
}
