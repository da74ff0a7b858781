package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/airlock-cti/airlock/examples/internal/cli"
	"github.com/airlock-cti/airlock/redact"
)

// The review page (`airlock explain --html OUT`) lays a run out for the
// person who signs a release off: every input object beside what leaves,
// the changes highlighted and labelled with the decisions that made them.
// It holds the original values, so it says so in its title and a banner,
// and it is written owner-only.
//
// The page is built server-side so that it reads in full without scripts
// (and in print); an inline script adds filters and shows a page of
// objects at a time, turning only those into markup (see reviewJS), which
// keeps the ATT&CK bundles (2,000 objects) responsive. Input values only
// ever land in HTML text, escaped by html/template: never in an
// attribute, a link or a script.

const (
	// reviewPageSize is how many objects the page shows at once when
	// its script runs.
	reviewPageSize = 50
	// Runs of unchanged lines at least foldMin long are folded, keeping
	// foldContext lines visible on each side.
	foldMin     = 16
	foldContext = 3
	// Beyond these many edits, a diff gives up on finding the smallest
	// one and shows the differing middle as removed and added whole.
	maxLineEdits  = 1000
	maxTokenEdits = 300
)

// explainHTML runs the explanation and writes the review page to out,
// owner-only and atomically.
func explainHTML(rd *redact.Redactor, in string, stdin io.Reader, out string, stderr io.Writer) int {
	if out == "-" {
		return usageError(stderr, errors.New("--html needs a file name: the page holds unredacted values and is written owner-only"))
	}
	src, closeIn, err := cli.OpenInput(in, stdin)
	if err != nil {
		return fail(stderr, err)
	}
	data, err := io.ReadAll(src)
	closeIn()
	if err != nil {
		return fail(stderr, err)
	}
	ex, err := rd.Explain(context.Background(), data)
	if err != nil {
		return fail(stderr, err)
	}
	f, err := createAtomic(out, 0o600)
	if err != nil {
		return fail(stderr, err)
	}
	defer f.Abort()
	name := "standard input"
	if in != "-" {
		name = filepath.Base(in)
	}
	bw := bufio.NewWriter(f)
	if err := writeReview(bw, ex, name); err != nil {
		return fail(stderr, err)
	}
	if err := bw.Flush(); err != nil {
		return fail(stderr, err)
	}
	if err := f.Commit(); err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stderr, "airlock: review page written to %s; it holds the UNREDACTED input: keep it internal\n", out)
	return exitOK
}

// writeReview writes the review page for ex; input names the input (a
// file's base name).
func writeReview(w io.Writer, ex *redact.Explanation, input string) error {
	return reviewTemplate.Execute(w, buildReview(ex, input))
}

// reviewPage is what the template shows.
type reviewPage struct {
	Input   string
	Summary redact.Summary
	// Unchanged counts the objects that leave as they came.
	Unchanged int
	ByRule    []countRow
	ByKind    []countRow
	ByAction  []countRow
	ByLevel   []countRow
	// Rules and Kinds are the filters' options, indexed by the
	// decisions' R and K.
	Rules, Kinds []countRow
	Dropped      []*reviewObject
	// Wrapper are the decisions about the bundle or envelope, and
	// WrapperType its type.
	Wrapper     []*reviewDecision
	WrapperType string
	Objects     []*reviewObject
	Added       [][]segment
	PageSize    int
	// The page's own style and scripts, and the policy that lets only
	// them run.
	Style      template.CSS
	HeadScript template.JS
	Script     template.JS
	CSP        string
}

// countRow is one line of a count table, or one filter option.
type countRow struct {
	Index int
	Name  string
	Count int
}

// reviewObject is one input object on the page.
type reviewObject struct {
	Anchor string
	// Status is "changed", "dropped" or "unchanged".
	Status      string
	ID, Type    string
	Level       string
	NewID       string
	Decisions   []*reviewDecision
	ObjectLevel []*reviewDecision // decisions about the whole object
	// Filter is the decisions as "rule:kind" index pairs, for the script.
	Filter string
	// Rows is the side-by-side diff of a changed or dropped object;
	// Pretty the text of an unchanged one.
	Rows   []diffRow
	Pretty []segment
}

// reviewDecision is a redact.Decision as the page shows it.
type reviewDecision struct {
	Anchor string
	Path   string
	// Where is the property the page labels: Path, or for a rename
	// "id", for a new creator "created_by_ref".
	Where       string
	Rule        string
	Action      string
	Kind        string
	Fingerprint string
	NewID       string
	R, K        int
	// Placed says the decision is labelled at a line of the diff.
	Placed bool
}

// A diffRow is a row of the side-by-side view: lines alike on both sides,
// a change, or a fold of unchanged lines.
type diffRow struct {
	// Kind is "same", "change" or "fold".
	Kind        string
	Left, Right []segment
	// LeftClass and RightClass are "del", "ins", "none" (no line on that
	// side) or "" (unchanged).
	LeftClass, RightClass string
	// Folded is the number of lines in a fold.
	Folded int
	Notes  []*reviewDecision
}

// A segment is a piece of displayed text. Class is "" (plain), "del" or
// "ins" (changed within a line), or contains "ctl" for an invisible or
// bidirectional control character shown as its JSON escape.
type segment struct {
	Text, Class, Title string
}

// buildReview lays ex out for the template: counts, filters, and each
// object's side-by-side view.
func buildReview(ex *redact.Explanation, input string) *reviewPage {
	p := &reviewPage{
		Input:      visible(input),
		Summary:    ex.Summary,
		PageSize:   reviewPageSize,
		Style:      template.CSS(reviewCSS),
		HeadScript: template.JS(reviewHeadJS),
		Script:     template.JS(reviewJS),
		CSP:        reviewCSP,
	}
	p.ByRule = countsOf(ex.Summary.ByRule)
	p.ByKind = countsOf(ex.Summary.ByKind)
	p.ByAction = countsOf(ex.Summary.ByAction)

	levels := map[string]int{}
	rules, kinds := map[string]int{}, map[string]int{}
	for _, o := range ex.Objects {
		levels[levelLabel(o.Level)]++
		for _, d := range o.Decisions {
			rules[d.Rule]++
			kinds[kindLabel(d.Kind)]++
		}
	}
	p.ByLevel = countsOf(levels)
	slices.SortStableFunc(p.ByLevel, func(a, b countRow) int { return levelRank(a.Name) - levelRank(b.Name) })
	p.Rules, p.Kinds = countsOf(rules), countsOf(kinds)
	ruleIndex, kindIndex := map[string]int{}, map[string]int{}
	for i := range p.Rules {
		p.Rules[i].Index = i
		ruleIndex[p.Rules[i].Name] = i
		p.Rules[i].Name = visible(p.Rules[i].Name)
	}
	for i := range p.Kinds {
		p.Kinds[i].Index = i
		kindIndex[p.Kinds[i].Name] = i
		p.Kinds[i].Name = visible(p.Kinds[i].Name)
	}

	for i, o := range ex.Objects {
		ro := &reviewObject{
			Anchor: "o" + strconv.Itoa(i+1),
			ID:     visible(o.ID),
			Type:   visible(o.Type),
			Level:  levelLabel(o.Level),
		}
		var pairs []string
		for j, d := range o.Decisions {
			rd := &reviewDecision{
				Anchor:      ro.Anchor + "-d" + strconv.Itoa(j+1),
				Path:        visible(d.Path),
				Where:       visible(decisionPath(d)),
				Rule:        visible(d.Rule),
				Action:      visible(d.Action),
				Kind:        visible(d.Kind),
				Fingerprint: d.Fingerprint,
				NewID:       visible(d.NewID),
				R:           ruleIndex[d.Rule],
				K:           kindIndex[kindLabel(d.Kind)],
			}
			if d.NewID != "" && d.Action == redact.ActionRename && d.Path == "" {
				ro.NewID = rd.NewID
			}
			ro.Decisions = append(ro.Decisions, rd)
			pairs = append(pairs, strconv.Itoa(rd.R)+":"+strconv.Itoa(rd.K))
		}
		ro.Filter = strings.Join(pairs, " ")
		switch {
		case o.Output == nil:
			ro.Status = "dropped"
			p.Dropped = append(p.Dropped, ro)
		case len(o.Decisions) == 0 && bytes.Equal(o.Original, o.Output):
			ro.Status = "unchanged"
			p.Unchanged++
		default:
			ro.Status = "changed"
		}
		if ro.Status == "unchanged" {
			ro.Pretty = codeSegments(joinLines(prettyJSON(o.Original)), "")
		} else {
			ro.Rows = diffObject(o.Original, o.Output, o.Decisions, ro.Decisions)
			for _, rd := range ro.Decisions {
				if !rd.Placed {
					ro.ObjectLevel = append(ro.ObjectLevel, rd)
				}
			}
		}
		p.Objects = append(p.Objects, ro)
	}
	for _, d := range ex.Wrapper {
		p.WrapperType = visible(d.Type)
		p.Wrapper = append(p.Wrapper, &reviewDecision{
			Where:       visible(d.Path),
			Rule:        visible(d.Rule),
			Action:      visible(d.Action),
			Kind:        visible(d.Kind),
			Fingerprint: d.Fingerprint,
		})
	}
	for _, a := range ex.Added {
		p.Added = append(p.Added, codeSegments(joinLines(prettyJSON(a)), ""))
	}
	return p
}

// countsOf turns a count map into rows, by name.
func countsOf(m map[string]int) []countRow {
	rows := make([]countRow, 0, len(m))
	for k, n := range m {
		rows = append(rows, countRow{Name: k, Count: n})
	}
	slices.SortFunc(rows, func(a, b countRow) int { return strings.Compare(a.Name, b.Name) })
	return rows
}

// kindLabel names a decision's kind for counts and filters.
func kindLabel(k string) string {
	if k == "" {
		return "(no kind)"
	}
	return k
}

// levelLabel names an input object's TLP level.
func levelLabel(l string) string {
	if l == "" {
		return "no TLP marking"
	}
	return visible(l)
}

// levelRank orders TLP levels from least to most restrictive, the
// unmarked first.
func levelRank(l string) int {
	switch l {
	case "no TLP marking":
		return 0
	case "TLP:CLEAR":
		return 1
	case "TLP:GREEN":
		return 2
	case "TLP:AMBER":
		return 3
	case "TLP:AMBER+STRICT":
		return 4
	case "TLP:RED":
		return 5
	}
	return 6
}

// decisionPath is the property a decision is about on the page: its own
// path, or for a decision about the object, the property it changed.
func decisionPath(d redact.Decision) string {
	if d.Path != "" {
		return d.Path
	}
	switch d.Action {
	case redact.ActionRename:
		return "id"
	case redact.ActionSetCreator:
		return "created_by_ref"
	}
	return ""
}

// A jsonLine is one line of pretty-printed JSON.
type jsonLine struct {
	// Path is the selector ("external_references.[0].url") of the value
	// the line shows or opens; "" for the object itself.
	Path string
	Text string
}

// prettyJSON prints a JSON value two spaces to a level, one member or
// item to a line, keeping strings and numbers exactly as written (escapes
// included). JSON it cannot read comes back as one line.
func prettyJSON(raw []byte) []jsonLine {
	p := &prettyPrinter{src: raw}
	p.space()
	if err := p.value("", 0, ""); err != nil {
		return []jsonLine{{Text: string(raw)}}
	}
	return p.lines
}

type prettyPrinter struct {
	src   []byte
	i     int
	lines []jsonLine
}

var errPretty = errors.New("not JSON")

func (p *prettyPrinter) space() {
	for p.i < len(p.src) && (p.src[p.i] == ' ' || p.src[p.i] == '\t' || p.src[p.i] == '\n' || p.src[p.i] == '\r') {
		p.i++
	}
}

func (p *prettyPrinter) emit(path, text string) {
	p.lines = append(p.lines, jsonLine{Path: path, Text: text})
}

// value prints the value at p.i; prefix is its indentation and, for a
// member, its name.
func (p *prettyPrinter) value(path string, depth int, prefix string) error {
	if p.i >= len(p.src) {
		return errPretty
	}
	switch p.src[p.i] {
	case '{', '[':
		return p.container(path, depth, prefix)
	case '"':
		s, err := p.str()
		if err != nil {
			return err
		}
		p.emit(path, prefix+s)
		return nil
	}
	start := p.i
	for p.i < len(p.src) && !strings.ContainsRune(",]} \t\r\n", rune(p.src[p.i])) {
		p.i++
	}
	if p.i == start {
		return errPretty
	}
	p.emit(path, prefix+string(p.src[start:p.i]))
	return nil
}

func (p *prettyPrinter) container(path string, depth int, prefix string) error {
	open := p.src[p.i]
	closer := byte('}')
	if open == '[' {
		closer = ']'
	}
	p.i++
	p.space()
	if p.i < len(p.src) && p.src[p.i] == closer {
		p.i++
		p.emit(path, prefix+string(open)+string(closer))
		return nil
	}
	p.emit(path, prefix+string(open))
	indent := strings.Repeat("  ", depth+1)
	for n := 0; ; n++ {
		p.space()
		var child, pre string
		if open == '{' {
			key, err := p.str()
			if err != nil {
				return err
			}
			p.space()
			if p.i >= len(p.src) || p.src[p.i] != ':' {
				return errPretty
			}
			p.i++
			p.space()
			var name string
			if json.Unmarshal([]byte(key), &name) != nil {
				name = key
			}
			child, pre = joinPath(path, name), indent+key+": "
		} else {
			child, pre = joinPath(path, "["+strconv.Itoa(n)+"]"), indent
		}
		if err := p.value(child, depth+1, pre); err != nil {
			return err
		}
		p.space()
		if p.i >= len(p.src) {
			return errPretty
		}
		if p.src[p.i] == ',' {
			p.i++
			p.lines[len(p.lines)-1].Text += ","
			continue
		}
		if p.src[p.i] != closer {
			return errPretty
		}
		p.i++
		p.emit(path, strings.Repeat("  ", depth)+string(closer))
		return nil
	}
}

// str reads a JSON string at p.i and returns it as written.
func (p *prettyPrinter) str() (string, error) {
	if p.i >= len(p.src) || p.src[p.i] != '"' {
		return "", errPretty
	}
	start := p.i
	for p.i++; p.i < len(p.src); p.i++ {
		switch p.src[p.i] {
		case '\\':
			p.i++
		case '"':
			p.i++
			return string(p.src[start:p.i]), nil
		}
	}
	return "", errPretty
}

// joinPath extends a selector (STIX 2.1 section 7.2.3.1: list indexes are
// segments of their own, "a.[0].b").
func joinPath(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

// under says whether selector path is sel or inside what sel selects.
func under(path, sel string) bool {
	return path == sel || strings.HasPrefix(path, sel+".")
}

func joinLines(ls []jsonLine) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// A lineItem is one step of an object's diff: a line alike on both sides,
// or a changed line on one side or both (a pair, when the same property
// changed).
type lineItem struct {
	left, right int // line indexes, -1 for none
	same        bool
	notes       []*reviewDecision
}

// kind is "same", "pair" (a line changed), "del" (a line only in the
// original) or "ins" (only in the output).
func (it *lineItem) kind() string {
	switch {
	case it.same:
		return "same"
	case it.left >= 0 && it.right >= 0:
		return "pair"
	case it.left >= 0:
		return "del"
	}
	return "ins"
}

// diffObject lays original and output (nil when dropped) side by side and
// labels the lines the decisions are about. It marks the decisions it
// placed; the rest are about the whole object.
func diffObject(original, output []byte, ds []redact.Decision, rds []*reviewDecision) []diffRow {
	a := prettyJSON(original)
	var b []jsonLine
	if output != nil {
		b = prettyJSON(output)
	}
	at, bt := make([]string, len(a)), make([]string, len(b))
	for i, l := range a {
		at[i] = l.Text
	}
	for i, l := range b {
		bt[i] = l.Text
	}
	items := pairLines(diffEdits(at, bt, maxLineEdits), a, b)

	// Label each decision at the first changed line under its path, or
	// failing that the first line under it.
	lineUnder := func(it *lineItem, sel string) bool {
		return (it.left >= 0 && under(a[it.left].Path, sel)) || (it.right >= 0 && under(b[it.right].Path, sel))
	}
	for k, d := range ds {
		sel := decisionPath(d)
		if sel == "" {
			continue
		}
		place := -1
		for i := range items {
			if !items[i].same && lineUnder(&items[i], sel) {
				place = i
				break
			}
		}
		if place < 0 {
			for i := range items {
				if lineUnder(&items[i], sel) {
					place = i
					break
				}
			}
		}
		// A block of lines removed or added together keeps its label
		// below it, not within it.
		if place >= 0 && !items[place].same {
			for run := items[place].kind(); run != "pair" && place+1 < len(items) && items[place+1].kind() == run; {
				place++
			}
		}
		if place >= 0 {
			items[place].notes = append(items[place].notes, rds[k])
			rds[k].Placed = true
		}
	}
	return diffRows(items, a, b)
}

// An edit is one step of an edit script: '=' keeps a[A] (== b[B]), '-'
// deletes a[A], '+' inserts b[B]; tokenDiff marks '~' what it shows
// changed although alike.
type edit struct {
	op   byte
	A, B int
}

// diffEdits returns a shortest edit script from a to b (Myers' O(ND)
// algorithm) after trimming what they share at both ends. When more than
// maxD edits would be needed, the differing middle is deleted and
// inserted whole.
func diffEdits[T comparable](a, b []T, maxD int) []edit {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	es := make([]edit, 0, max(len(a), len(b)))
	for i := range pre {
		es = append(es, edit{'=', i, i})
	}
	es = append(es, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, maxD)...)
	for i := range suf {
		es = append(es, edit{'=', len(a) - suf + i, len(b) - suf + i})
	}
	return es
}

// myers diffs a and b, whose first items are at off in the whole slices.
func myers[T comparable](a, b []T, off, maxD int) []edit {
	n, m := len(a), len(b)
	whole := func() []edit {
		es := make([]edit, 0, n+m)
		for i := range n {
			es = append(es, edit{'-', off + i, -1})
		}
		for j := range m {
			es = append(es, edit{'+', -1, off + j})
		}
		return es
	}
	if n == 0 || m == 0 {
		return whole()
	}
	lim := min(n+m, maxD)
	// v[k+lim+1] is the furthest x reached on diagonal k; trace[d] keeps
	// v[-d-1 .. d+1] as it was before step d, for the way back.
	v := make([]int, 2*lim+3)
	c := lim + 1
	var trace [][]int
	for d := 0; d <= lim; d++ {
		trace = append(trace, slices.Clone(v[c-d-1:c+d+2]))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[c+k-1] < v[c+k+1]) {
				x = v[c+k+1]
			} else {
				x = v[c+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[c+k] = x
			if x >= n && y >= m {
				return backtrack(trace, n, m, off)
			}
		}
	}
	return whole()
}

func backtrack(trace [][]int, n, m, off int) []edit {
	var es []edit
	x, y := n, m
	for d := len(trace) - 1; d >= 0; d-- {
		v := trace[d]
		at := func(k int) int { return v[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && at(k-1) < at(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py {
			x--
			y--
			es = append(es, edit{'=', off + x, off + y})
		}
		if d > 0 {
			if x == px {
				es = append(es, edit{'+', -1, off + py})
			} else {
				es = append(es, edit{'-', off + px, -1})
			}
		}
		x, y = px, py
	}
	slices.Reverse(es)
	return es
}

// pairLines turns a line edit script into items, pairing a deleted line
// with an inserted one when both show the same property. Pairing by
// property also aligns what a diff that gave up shows as changed whole.
func pairLines(es []edit, a, b []jsonLine) []lineItem {
	var items []lineItem
	for i := 0; i < len(es); {
		if es[i].op == '=' {
			items = append(items, lineItem{left: es[i].A, right: es[i].B, same: true})
			i++
			continue
		}
		var dels, inss []int
		for ; i < len(es) && es[i].op != '='; i++ {
			if es[i].op == '-' {
				dels = append(dels, es[i].A)
			} else {
				inss = append(inss, es[i].B)
			}
		}
		pending := map[string]int{}
		for _, j := range inss {
			pending[b[j].Path]++
		}
		x, y := 0, 0
		for x < len(dels) || y < len(inss) {
			switch {
			case x < len(dels) && y < len(inss) && a[dels[x]].Path == b[inss[y]].Path:
				// Alike lines come paired when a diff gave up on a long
				// middle (see myers).
				same := a[dels[x]].Text == b[inss[y]].Text
				items = append(items, lineItem{left: dels[x], right: inss[y], same: same})
				pending[b[inss[y]].Path]--
				x++
				y++
			case x < len(dels) && (y == len(inss) || pending[a[dels[x]].Path] == 0):
				items = append(items, lineItem{left: dels[x], right: -1})
				x++
			default:
				items = append(items, lineItem{left: -1, right: inss[y]})
				pending[b[inss[y]].Path]--
				y++
			}
		}
	}
	return items
}

// diffRows groups items into rows: runs of lines alike (long ones
// folded), runs of lines on one side only, and changed pairs, with a row
// ending at each labelled line.
func diffRows(items []lineItem, a, b []jsonLine) []diffRow {
	var rows []diffRow
	for i := 0; i < len(items); {
		k := items[i].kind()
		j := i + 1
		if k != "pair" && len(items[i].notes) == 0 {
			for j < len(items) && items[j].kind() == k {
				j++
				if len(items[j-1].notes) > 0 {
					break
				}
			}
		}
		run := items[i:j]
		notes := run[len(run)-1].notes
		switch k {
		case "same":
			rows = append(rows, sameRows(run, a, notes)...)
		case "pair":
			l, r := tokenDiff(a[run[0].left].Text, b[run[0].right].Text)
			rows = append(rows, diffRow{Kind: "change", Left: l, Right: r, LeftClass: "del", RightClass: "ins", Notes: notes})
		case "del":
			rows = append(rows, diffRow{Kind: "change", Left: codeSegments(textOf(run, a, true), ""), LeftClass: "del", RightClass: "none", Notes: notes})
		case "ins":
			rows = append(rows, diffRow{Kind: "change", Right: codeSegments(textOf(run, b, false), ""), LeftClass: "none", RightClass: "ins", Notes: notes})
		}
		i = j
	}
	return rows
}

// sameRows shows a run of unchanged lines, folding the middle of a long
// one.
func sameRows(run []lineItem, a []jsonLine, notes []*reviewDecision) []diffRow {
	row := func(r []lineItem, notes []*reviewDecision) diffRow {
		s := codeSegments(textOf(r, a, true), "")
		return diffRow{Kind: "same", Left: s, Right: s, Notes: notes}
	}
	if len(run) < foldMin {
		return []diffRow{row(run, notes)}
	}
	head, mid, tail := run[:foldContext], run[foldContext:len(run)-foldContext], run[len(run)-foldContext:]
	return []diffRow{
		row(head, nil),
		{Kind: "fold", Left: codeSegments(textOf(mid, a, true), ""), Folded: len(mid)},
		row(tail, notes),
	}
}

func textOf(run []lineItem, ls []jsonLine, left bool) string {
	var b strings.Builder
	for i, it := range run {
		if i > 0 {
			b.WriteByte('\n')
		}
		if left {
			b.WriteString(ls[it.left].Text)
		} else {
			b.WriteString(ls[it.right].Text)
		}
	}
	return b.String()
}

// tokenDiff shows what changed within a line, by tokens (see tokens).
// A short run of punctuation left alike between two changes is shown
// changed too, so that a replaced phrase reads as one change.
func tokenDiff(old, new string) (left, right []segment) {
	a, b := tokens(old), tokens(new)
	es := diffEdits(a, b, maxTokenEdits)
	absorbGaps(es, a)
	var l, r []segment
	add := func(segs []segment, text, class string) []segment {
		if n := len(segs); n > 0 && segs[n-1].Class == class {
			segs[n-1].Text += text
			return segs
		}
		return append(segs, segment{Text: text, Class: class})
	}
	for _, e := range es {
		switch e.op {
		case '=':
			l = add(l, a[e.A], "")
			r = add(r, b[e.B], "")
		case '-':
			l = add(l, a[e.A], "del")
		case '+':
			r = add(r, b[e.B], "ins")
		case '~': // alike, shown changed
			l = add(l, a[e.A], "del")
			r = add(r, b[e.B], "ins")
		}
	}
	for _, s := range l {
		left = append(left, codeSegments(s.Text, s.Class)...)
	}
	for _, s := range r {
		right = append(right, codeSegments(s.Text, s.Class)...)
	}
	return left, right
}

// absorbGaps marks '~' the runs of at most 3 bytes of alike punctuation
// or space that sit between two changes.
func absorbGaps(es []edit, a []string) {
	for i := 0; i < len(es); {
		if es[i].op != '=' {
			i++
			continue
		}
		j, n, words := i, 0, false
		for ; j < len(es) && es[j].op == '='; j++ {
			n += len(a[es[j].A])
			words = words || isWordToken(a[es[j].A])
		}
		if i > 0 && j < len(es) && n <= 3 && !words {
			for k := i; k < j; k++ {
				es[k].op = '~'
			}
		}
		i = j
	}
}

// tokens splits a line into words (letters and digits, with the joiners
// of addresses and identifiers: - _ . @) and single other characters.
func tokens(s string) []string {
	var ts []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		if isWordRune(r) {
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) && !strings.ContainsRune("-_.@", r) {
					break
				}
				j += n
			}
		}
		ts = append(ts, s[i:j])
		i = j
	}
	return ts
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isWordToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return isWordRune(r)
}

// codeSegments splits text into segments of class, showing each
// invisible or bidirectional control character as its JSON escape in a
// segment of its own, so that none can hide text or reorder the page.
func codeSegments(text, class string) []segment {
	var segs []segment
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !hidden(r, n) {
			i += n
			continue
		}
		if start < i {
			segs = append(segs, segment{Text: text[start:i], Class: class})
		}
		segs = append(segs, segment{Text: escapeRune(text[i:i+n], r, n), Class: strings.TrimSpace("ctl " + class), Title: controlName(r, n)})
		i += n
		start = i
	}
	if start < len(text) || len(segs) == 0 {
		segs = append(segs, segment{Text: text[start:], Class: class})
	}
	return segs
}

// visible is text with its invisible and bidirectional control
// characters written as JSON escapes, for the page's labels.
func visible(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if hidden(r, n) {
			b.WriteString(escapeRune(s[i:i+n], r, n))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// hidden says whether a character would not show as itself: controls,
// format characters (bidirectional overrides and isolates, zero-width
// characters, tags), line and paragraph separators, and bytes that are
// not UTF-8. The newline separates lines and stays.
func hidden(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return true
	}
	if r == '\n' {
		return false
	}
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp)
}

func escapeRune(raw string, r rune, size int) string {
	if r == utf8.RuneError && size == 1 {
		return fmt.Sprintf(`\x%02X`, raw[0])
	}
	if r > 0xFFFF {
		r1, r2 := utf16.EncodeRune(r)
		return fmt.Sprintf(`\u%04X\u%04X`, r1, r2)
	}
	return fmt.Sprintf(`\u%04X`, r)
}

// controlNames names the characters most used to hide or reorder text.
var controlNames = map[rune]string{
	0x00AD: "soft hyphen",
	0x061C: "arabic letter mark",
	0x200B: "zero width space",
	0x200C: "zero width non-joiner",
	0x200D: "zero width joiner",
	0x200E: "left-to-right mark",
	0x200F: "right-to-left mark",
	0x2028: "line separator",
	0x2029: "paragraph separator",
	0x202A: "left-to-right embedding",
	0x202B: "right-to-left embedding",
	0x202C: "pop directional formatting",
	0x202D: "left-to-right override",
	0x202E: "right-to-left override",
	0x2060: "word joiner",
	0x2066: "left-to-right isolate",
	0x2067: "right-to-left isolate",
	0x2068: "first strong isolate",
	0x2069: "pop directional isolate",
	0xFEFF: "zero width no-break space (byte order mark)",
}

func controlName(r rune, size int) string {
	if r == utf8.RuneError && size == 1 {
		return "a byte that is not UTF-8"
	}
	name := controlNames[r]
	if name == "" {
		name = "invisible or control character"
	}
	return fmt.Sprintf("U+%04X %s, shown escaped", r, name)
}

// reviewCSP lets the page run only its own style and scripts and load
// nothing: whatever got into the page could not run or fetch.
var reviewCSP = "default-src 'none'; style-src " + cspHash(reviewCSS) +
	"; script-src " + cspHash(reviewHeadJS) + " " + cspHash(reviewJS) +
	"; img-src 'none'; base-uri 'none'; form-action 'none'"

func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}
