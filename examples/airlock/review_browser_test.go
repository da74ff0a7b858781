//go:build linux

package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The review page in a real browser: headless Chromium from Debian's
// packages, driven through chromedriver's WebDriver HTTP API. Nothing is
// downloaded; without the packages the tests skip.

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite testdata/review/screenshot.png from the browser test")

const (
	chromiumBinary     = "/usr/bin/chromium"
	chromedriverBinary = "/usr/bin/chromedriver"
	// webElementKey is how WebDriver names an element in JSON (W3C
	// WebDriver section 12.1).
	webElementKey = "element-6066-11e4-a52e-4f735466cecf"
)

// A browser is a WebDriver session on a chromedriver this test started.
type browser struct {
	t    *testing.T
	base string // the session's URL
}

// startBrowser starts chromedriver on a free port and opens a headless
// Chromium session; both end with the test.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	for _, p := range []string{chromiumBinary, chromedriverBinary} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("browser test skipped: %s is absent (Debian: apt-get install chromium chromium-driver)", p)
		}
	}
	port := freePort(t)
	var log bytes.Buffer
	cmd := exec.Command(chromedriverBinary, "--port="+strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = &log, &log
	// Its own process group, so that the browsers it starts end with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting chromedriver: %v", err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() {
		syscall.Kill(-pid, syscall.SIGKILL)
		cmd.Wait()
		if t.Failed() {
			t.Logf("chromedriver output:\n%s", log.String())
		}
	})
	root := "http://127.0.0.1:" + strconv.Itoa(port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		var st struct {
			Value struct{ Ready bool } `json:"value"`
		}
		resp, err := http.Get(root + "/status")
		if err == nil {
			json.NewDecoder(resp.Body).Decode(&st)
			resp.Body.Close()
			if st.Value.Ready {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver not ready after 20s: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}

	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		// Leave an alert open, so that the test can see it.
		"unhandledPromptBehavior": "ignore",
		"goog:chromeOptions": map[string]any{
			"binary": chromiumBinary,
			"args": []string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + t.TempDir(), "--window-size=1280,900"},
		},
	}}}
	var sess struct {
		SessionID string `json:"sessionId"`
	}
	b := &browser{t: t, base: root}
	b.call("POST", "/session", caps, &sess)
	if sess.SessionID == "" {
		t.Fatal("chromedriver gave no session id")
	}
	b.base = root + "/session/" + sess.SessionID
	t.Cleanup(func() { b.do("DELETE", "", nil, nil) })
	return b
}

func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// webDriverError is an error WebDriver answered with (W3C WebDriver
// section 6.6).
type webDriverError struct {
	Code, Message string
}

func (e *webDriverError) Error() string { return e.Code + ": " + e.Message }

// do sends a command and decodes the answer's value into out.
func (b *browser) do(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, b.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 120 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s %s: HTTP %d, %v", method, path, resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(env.Value, &e)
		return &webDriverError{e.Error, e.Message}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(env.Value, out)
}

// call is do that fails the test on error.
func (b *browser) call(method, path string, body, out any) {
	b.t.Helper()
	if err := b.do(method, path, body, out); err != nil {
		b.t.Fatalf("WebDriver %s %s: %v", method, path, err)
	}
}

func (b *browser) open(file string) {
	b.t.Helper()
	abs, err := filepath.Abs(file)
	if err != nil {
		b.t.Fatal(err)
	}
	b.call("POST", "/url", map[string]any{"url": (&url.URL{Scheme: "file", Path: abs}).String()}, nil)
}

// find returns the ids of the elements a CSS selector matches.
func (b *browser) find(css string) []string {
	b.t.Helper()
	var els []map[string]string
	b.call("POST", "/elements", map[string]any{"using": "css selector", "value": css}, &els)
	ids := make([]string, len(els))
	for i, e := range els {
		ids[i] = e[webElementKey]
	}
	return ids
}

func (b *browser) one(css string) string {
	b.t.Helper()
	ids := b.find(css)
	if len(ids) != 1 {
		b.t.Fatalf("%d elements match %q, want 1", len(ids), css)
	}
	return ids[0]
}

func (b *browser) displayed(el string) bool {
	b.t.Helper()
	var v bool
	b.call("GET", "/element/"+el+"/displayed", nil, &v)
	return v
}

func (b *browser) text(el string) string {
	b.t.Helper()
	var v string
	b.call("GET", "/element/"+el+"/text", nil, &v)
	return v
}

func (b *browser) click(el string) {
	b.t.Helper()
	b.call("POST", "/element/"+el+"/click", map[string]any{}, nil)
}

// script runs JavaScript in the page and decodes its result into out.
func (b *browser) script(js string, out any, args ...any) {
	b.t.Helper()
	if args == nil {
		args = []any{}
	}
	b.call("POST", "/execute/sync", map[string]any{"script": js, "args": args}, out)
}

// keys presses and releases keys (WebDriver key codes: "\uE004" is Tab).
func (b *browser) keys(ks ...string) {
	b.t.Helper()
	var acts []map[string]any
	for _, k := range ks {
		acts = append(acts, map[string]any{"type": "keyDown", "value": k}, map[string]any{"type": "keyUp", "value": k})
	}
	b.call("POST", "/actions", map[string]any{"actions": []any{
		map[string]any{"type": "key", "id": "keyboard", "actions": acts},
	}}, nil)
}

// cdp runs a Chrome DevTools Protocol command through chromedriver.
func (b *browser) cdp(cmd string, params map[string]any) {
	b.t.Helper()
	b.call("POST", "/goog/cdp/execute", map[string]any{"cmd": cmd, "params": params}, nil)
}

// visibleObjects returns the anchors of the objects the page shows.
func (b *browser) visibleObjects() []string {
	b.t.Helper()
	var ids []string
	b.script(`return Array.from(document.querySelectorAll("article.obj")).filter(function (e) { return e.getClientRects().length > 0; }).map(function (e) { return e.id; });`, &ids)
	return ids
}

// shownCount counts the elements a CSS selector matches that are shown.
func (b *browser) shownCount(css string) int {
	b.t.Helper()
	var n int
	b.script(`return Array.from(document.querySelectorAll(arguments[0])).filter(function (e) { return e.getClientRects().length > 0; }).length;`, &n, css)
	return n
}

const (
	keyTab   = "\uE004"
	keyEnter = "\uE007"
	keySpace = "\uE00D"
)

func TestReviewBrowserSample(t *testing.T) {
	b := startBrowser(t)
	page, ex := samplePage(t)
	b.open(page)

	var title string
	b.call("GET", "/title", nil, &title)
	if !strings.HasPrefix(title, "UNREDACTED") {
		t.Errorf("title %q does not start with UNREDACTED", title)
	}
	banner := b.one("#banner")
	if !b.displayed(banner) || !strings.Contains(b.text(banner), "UNREDACTED") {
		t.Errorf("banner not shown: %q", b.text(banner))
	}

	// With scripts: the filters show, unchanged objects are hidden.
	if !b.displayed(b.one("#filters")) {
		t.Error("filters hidden although scripts run")
	}
	want := anchorsWhere(ex, func(o objectFacts) bool { return o.status != "unchanged" })
	if got := b.visibleObjects(); !equalStrings(got, want) {
		t.Errorf("visible objects %v, want the changed and dropped %v", got, want)
	}
	if got := b.shownCount("table.diff"); got != len(want) {
		t.Errorf("%d side-by-side views shown, want %d", got, len(want))
	}

	// Filter by kind: none, then phone.
	b.click(b.one(`button[data-set="kind"][data-on="0"]`))
	if got := b.visibleObjects(); len(got) != 0 {
		t.Errorf("with no kind ticked, %v still shown", got)
	}
	b.click(b.one(kindCheckbox(t, b, "phone")))
	want = anchorsWhere(ex, func(o objectFacts) bool { return o.kinds["phone"] })
	if len(want) == 0 {
		t.Fatal("sample has no phone decision")
	}
	if got := b.visibleObjects(); !equalStrings(got, want) {
		t.Errorf("kind phone: visible %v, want %v", got, want)
	}
	// Labels of the other decisions are greyed, the phone ones are not.
	var dimmed, lit int
	b.script(`return document.querySelectorAll("article.obj:not(.filtered) .dec.dim").length;`, &dimmed)
	b.script(`return document.querySelectorAll("article.obj:not(.filtered) .dec:not(.dim)").length;`, &lit)
	if dimmed == 0 || lit == 0 {
		t.Errorf("greyed labels %d, others %d: want both", dimmed, lit)
	}

	// Keyboard only: the skip link comes first and is visibly focused;
	// Enter moves to the objects; Space ticks a filter.
	b.open(page)
	b.keys(keyTab)
	var skip struct {
		Href, Outline string
	}
	b.script(`var a = document.activeElement; return {Href: a.getAttribute("href") || "", Outline: getComputedStyle(a).outlineStyle + " " + getComputedStyle(a).outlineWidth};`, &skip)
	if skip.Href != "#objects-h" || !strings.HasPrefix(skip.Outline, "solid") || strings.HasSuffix(skip.Outline, " 0px") {
		t.Errorf("first Tab: focused %+v, want the skip link with a visible outline", skip)
	}
	b.keys(keyEnter)
	var hash string
	b.script(`return location.hash;`, &hash)
	if hash != "#objects-h" {
		t.Errorf("skip link led to %q", hash)
	}
	b.script(`document.querySelector('input[name="status"][value="unchanged"]').focus();`, nil)
	b.keys(keySpace)
	if got := b.visibleObjects(); len(got) != len(ex) {
		t.Errorf("Space on 'unchanged': %d objects shown, want all %d", len(got), len(ex))
	}

	// Without scripts, everything shows and the filters do not.
	b.cdp("Emulation.setScriptExecutionDisabled", map[string]any{"value": true})
	b.open(page)
	if got := b.visibleObjects(); len(got) != len(ex) {
		t.Errorf("without scripts: %d objects shown, want %d", len(got), len(ex))
	}
	if b.displayed(b.one("#filters")) {
		t.Error("without scripts the filters, which would do nothing, show")
	}
	changed := len(anchorsWhere(ex, func(o objectFacts) bool { return o.status != "unchanged" }))
	if got := b.shownCount("table.diff"); got != changed {
		t.Errorf("without scripts: %d side-by-side views shown, want %d", got, changed)
	}
	b.cdp("Emulation.setScriptExecutionDisabled", map[string]any{"value": false})

	// In print: no filters, no pager, nothing wider than the page.
	b.open(page)
	b.cdp("Emulation.setEmulatedMedia", map[string]any{"media": "print"})
	var print struct {
		Filters, Pager bool
		Overflow       int
	}
	b.script(`function shown(s) { var e = document.querySelector(s); return e.getClientRects().length > 0; }
		return {Filters: shown("#filters"), Pager: shown(".pager"), Overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};`, &print)
	if print.Filters || print.Pager || print.Overflow > 0 {
		t.Errorf("print: %+v, want no filters, no pager, no overflow", print)
	}
	b.cdp("Emulation.setEmulatedMedia", map[string]any{"media": ""})

	// The screenshot: the objects heading under the banner, 1280x900.
	b.call("POST", "/window/rect", map[string]any{"width": 1280, "height": 900}, nil)
	b.open(page)
	b.script(`var h = document.getElementById("objects-h"); window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - document.getElementById("banner").offsetHeight - 8);`, nil)
	var shot string
	b.call("GET", "/screenshot", nil, &shot)
	img, err := base64.StdEncoding.DecodeString(shot)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if cfg.Width > 1280 || cfg.Height > 900 || cfg.Width < 800 {
		t.Errorf("screenshot %dx%d, want at most 1280x900", cfg.Width, cfg.Height)
	}
	if *updateScreenshot {
		if err := os.WriteFile("../../testdata/review/screenshot.png", img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// kindCheckbox returns the CSS selector of the filter for kind.
func kindCheckbox(t *testing.T, b *browser, kind string) string {
	t.Helper()
	var v string
	b.script(`var ls = document.querySelectorAll('#filters input[name="kind"]');
		for (var i = 0; i < ls.length; i++) { if (ls[i].parentNode.textContent.trim().split(" ")[0] === arguments[0]) { return ls[i].value; } }
		return "";`, &v, kind)
	if v == "" {
		t.Fatalf("no filter for kind %q", kind)
	}
	return `#filters input[name="kind"][value="` + v + `"]`
}

func TestReviewBrowserHostile(t *testing.T) {
	b := startBrowser(t)
	page := filepath.Join(t.TempDir(), "hostile.html")
	if code, _, stderr := runCmd(t, "", "explain", "-p", "../policies/community.yaml", "--key-file", demoKey, "--html", page, hostileInput); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Show everything, unchanged objects too, before looking.
	b.open(page)
	b.script(`document.querySelector('input[name="status"][value="unchanged"]').click();`, nil)

	var alert string
	switch err := b.do("GET", "/alert/text", nil, &alert); {
	case err == nil:
		t.Fatalf("an alert fired: %q", alert)
	case !strings.Contains(err.Error(), "no such alert"):
		t.Fatalf("checking for an alert: %v", err)
	}
	var state struct {
		Links, Images, Scripts int
		Hrefs                  []string
	}
	b.script(`return {
		Links: document.querySelectorAll('a[href]:not([href^="#"])').length,
		Images: document.images.length,
		Scripts: document.scripts.length,
		Hrefs: Array.from(document.querySelectorAll("a[href]")).map(function (a) { return a.href; }).filter(function (h) { return !/^file:/.test(h); })
	};`, &state)
	if state.Links != 0 || state.Images != 0 || state.Scripts != 2 || len(state.Hrefs) != 0 {
		t.Errorf("live markup from the input: %+v", state)
	}

	// The hostile text is there, as text, with the controls shown.
	var texts []string
	b.script(`return Array.from(document.querySelectorAll("article.obj")).map(function (e) { return e.innerText; });`, &texts)
	all := strings.Join(texts, "\n")
	for _, s := range []string{"<script>alert(1)</script>", "</textarea>", "</script>", "<!--", "javascript:alert(6)", `invoice\u202Egpj.exe\u202C`, `\u2066isolate\u2069`, `zero\u200Bwidth`, `\uDB40\uDC41tag`} {
		if !strings.Contains(all, s) {
			t.Errorf("page text lacks %q", s)
		}
	}
	for _, r := range []string{"\u202E", "\u2066", "\u200B", "\U000E0041"} {
		if strings.Contains(all, r) {
			t.Errorf("page text holds U+%04X as is", []rune(r)[0])
		}
	}
}

func TestReviewBrowserATTACK(t *testing.T) {
	in := filepath.Join(corpusDir, "attack", "mobile-attack-17.1.json")
	if _, err := os.Stat(in); err != nil {
		t.Skipf("corpus absent (%s): clone next to ../shared to run this test", in)
	}
	b := startBrowser(t)
	dir := t.TempDir()
	for _, c := range []struct{ name, policy string }{
		{"community", "../policies/community.yaml"},
		{"every object changed", writeStampPolicy(t, dir)},
	} {
		page := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".html")
		if code, _, stderr := runCmd(t, "", "explain", "-p", c.policy, "--key-file", demoKey, "--html", page, in); code != exitOK {
			t.Fatalf("%s: exit %d: %s", c.name, code, stderr)
		}
		st, _ := os.Stat(page)
		start := time.Now()
		b.open(page) // returns when the page has loaded
		wall := time.Since(start)
		var nav struct {
			DOMContentLoaded, Load float64
		}
		b.script(`var n = performance.getEntriesByType("navigation")[0];
			return {DOMContentLoaded: n.domContentLoadedEventEnd, Load: n.loadEventEnd};`, &nav)
		// Show every object, then page through and scroll.
		var step struct {
			Unchanged, Next, Scroll float64
			Shown, Pages            int
		}
		b.script(`var t0 = performance.now();
			document.querySelector('input[name="status"][value="unchanged"]').click();
			document.body.getBoundingClientRect();
			var t1 = performance.now();
			document.querySelector(".pager .next").click();
			document.body.getBoundingClientRect();
			var t2 = performance.now();
			window.scrollTo(0, document.body.scrollHeight);
			document.body.getBoundingClientRect();
			var t3 = performance.now();
			var shown = Array.from(document.querySelectorAll("article.obj")).filter(function (e) { return e.getClientRects().length > 0; }).length;
			var list = document.getElementById("objects");
			return {Unchanged: t1 - t0, Next: t2 - t1, Scroll: t3 - t2, Shown: shown,
				Pages: Math.ceil(Number(list.getAttribute("data-shown")) / Number(list.getAttribute("data-page-size")))};`, &step)
		t.Logf("%s: %s, page %.1f MB: load event %.0f ms (DOMContentLoaded %.0f ms; WebDriver navigation %v); show unchanged %.0f ms, next page %.0f ms, scroll %.0f ms; %d objects shown of %d pages",
			filepath.Base(in), c.name, float64(st.Size())/1e6, nav.Load, nav.DOMContentLoaded, wall.Round(time.Millisecond), step.Unchanged, step.Next, step.Scroll, step.Shown, step.Pages)
		if step.Shown == 0 || step.Shown > reviewPageSize {
			t.Errorf("%s: %d objects shown at once, want 1..%d", c.name, step.Shown, reviewPageSize)
		}
		if step.Pages < 2 {
			t.Errorf("%s: %d pages", c.name, step.Pages)
		}
		if nav.Load > 10000 || step.Next > 2000 {
			t.Errorf("%s: too slow: load %.0f ms, next page %.0f ms", c.name, nav.Load, step.Next)
		}
	}
}
