package main

import "html/template"

// The review page's template, style and scripts. The page is one file
// that loads nothing: style and scripts are inline, allowed by hash in
// its Content-Security-Policy (see reviewCSP), which is why they are
// passed to the template as values rather than written in it
// (html/template drops comments from a template's scripts and styles,
// which would change their hashes).

// countTable is a count table in the summary.
type countTable struct {
	Caption, Head string
	Rows          []countRow
}

var reviewTemplate = template.Must(template.New("review").Funcs(template.FuncMap{
	"counts": func(caption, head string, rows []countRow) countTable {
		return countTable{Caption: caption, Head: head, Rows: rows}
	},
}).Parse(reviewHTML))

const reviewHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>UNREDACTED – for internal review only – airlock review of {{.Input}}</title>
<style>{{.Style}}</style>
<script>{{.HeadScript}}</script>
</head>
<body>
<a class="skip" href="#objects-h">Skip to the objects</a>
<div class="banner" id="banner" role="note" aria-label="Warning"><strong>UNREDACTED – for internal review only</strong></div>
<header class="intro">
<p class="warning"><strong>This page holds the original, unredacted values</strong> that policy <em>{{.Summary.Policy}}</em> removes or replaces before release. Treat it like the input: do not forward, publish or attach it, and delete it once the release is signed off.</p>
<h1>airlock review of {{.Input}}</h1>
<dl class="meta">
<div><dt>Policy</dt><dd>{{.Summary.Policy}}{{with .Summary.Version}} (version {{.}}){{end}}</dd></div>
{{- with .Summary.To}}<div><dt>Destination</dt><dd>{{.}}</dd></div>{{end}}
<div><dt>Key</dt><dd><code>{{.Summary.KeyID}}</code></dd></div>
</dl>
</header>
<main>
<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<ul class="totals">
<li><strong id="n-in">{{.Summary.ObjectsIn}}</strong> objects in</li>
<li><strong id="n-out">{{.Summary.ObjectsOut}}</strong> objects out</li>
<li><strong id="n-dropped">{{.Summary.Dropped}}</strong> dropped</li>
<li><strong id="n-changed">{{.Summary.Changed}}</strong> changed</li>
<li><strong id="n-unchanged">{{.Unchanged}}</strong> unchanged</li>
<li><strong id="n-added">{{.Summary.Added}}</strong> added by airlock</li>
</ul>
<div class="counts">
{{template "counts" counts "Decisions by rule" "Rule" .ByRule}}
{{template "counts" counts "Decisions by kind" "Kind" .ByKind}}
{{template "counts" counts "Decisions by action" "Action" .ByAction}}
{{template "counts" counts "Input objects by TLP level" "Level" .ByLevel}}
</div>
</section>
{{- if .Wrapper}}
<section id="wrapper" aria-labelledby="wrapper-h">
<h2 id="wrapper-h">Removed from the {{.WrapperType}} ({{len .Wrapper}})</h2>
<table class="list">
<thead><tr><th scope="col">Where</th><th scope="col">Rule</th><th scope="col">Action</th><th scope="col">Kind</th><th scope="col">Fingerprint of the name</th></tr></thead>
<tbody>
{{- range .Wrapper}}
<tr><td>{{with .Where}}<code>{{.}}</code>{{else}}a member whose name may be data{{end}}</td><td>{{.Rule}}</td><td>{{.Action}}</td><td>{{.Kind}}</td><td><code>{{.Fingerprint}}</code></td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
<section id="dropped" aria-labelledby="dropped-h">
<h2 id="dropped-h">Dropped objects ({{len .Dropped}})</h2>
{{- if .Dropped}}
<table class="list">
<thead><tr><th scope="col">Object</th><th scope="col">Type</th><th scope="col">TLP</th><th scope="col">Why</th></tr></thead>
<tbody>
{{- range .Dropped}}
<tr><td><a href="#{{.Anchor}}"><code>{{.ID}}</code></a></td><td>{{.Type}}</td><td>{{.Level}}</td><td><ul class="why">{{range .Decisions}}<li class="dec" data-r="{{.R}}" data-k="{{.K}}">{{template "labels" .}}</li>{{end}}</ul></td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p>None: every input object leaves, changed or not.</p>
{{- end}}
</section>
<section id="filter-section" class="needs-js" aria-labelledby="filters-h">
<h2 id="filters-h">Filters</h2>
<div id="filters">
<fieldset><legend>Objects</legend>
<label><input type="checkbox" name="status" value="changed" checked> changed</label>
<label><input type="checkbox" name="status" value="dropped" checked> dropped</label>
<label><input type="checkbox" name="status" value="unchanged"> unchanged ({{.Unchanged}})</label>
</fieldset>
<fieldset><legend>Rule</legend>
{{- range .Rules}}
<label><input type="checkbox" name="rule" value="{{.Index}}" checked> {{.Name}} <span class="n">({{.Count}})</span></label>
{{- end}}
<span class="set"><button type="button" data-set="rule" data-on="1">All rules</button> <button type="button" data-set="rule" data-on="0">No rule</button></span>
</fieldset>
<fieldset><legend>Kind</legend>
{{- range .Kinds}}
<label><input type="checkbox" name="kind" value="{{.Index}}" checked> {{.Name}} <span class="n">({{.Count}})</span></label>
{{- end}}
<span class="set"><button type="button" data-set="kind" data-on="1">All kinds</button> <button type="button" data-set="kind" data-on="0">No kind</button></span>
</fieldset>
<p class="hint">An object shows when one of its decisions has a rule and a kind that are ticked. Labels of other decisions are greyed.</p>
</div>
</section>
<section id="objects" aria-labelledby="objects-h" data-page-size="{{.PageSize}}">
<h2 id="objects-h" tabindex="-1">Objects</h2>
<p class="legend"><span class="key del">original, not sent</span> <span class="key ins">outgoing</span> <span class="key ctl">\u202E</span> an invisible or direction-changing character, shown as its JSON escape. Input values are shown as text: nothing in them is a link.</p>
<nav class="pager needs-js" aria-label="Pages of objects"><button type="button" class="prev">Previous page</button> <span class="status" role="status"></span> <button type="button" class="next">Next page</button></nav>
{{- range .Objects}}
<article class="obj {{.Status}}" id="{{.Anchor}}" data-status="{{.Status}}" data-d="{{.Filter}}" aria-labelledby="{{.Anchor}}-h">
<h3 id="{{.Anchor}}-h"><span class="badge {{.Status}}">{{.Status}}</span> <span class="otype">{{.Type}}</span> <code class="oid">{{.ID}}</code></h3>
<p class="facts">Input TLP: {{.Level}}{{with .NewID}} · leaves as <code>{{.}}</code>{{end}}</p>
<noscript>
{{- if eq .Status "unchanged"}}
<details><summary>Show the object (it leaves unchanged)</summary><pre class="code">{{template "segs" .Pretty}}</pre></details>
{{- else}}
{{- with .ObjectLevel}}
<ul class="objnotes">{{range .}}<li class="dec" id="{{.Anchor}}" data-r="{{.R}}" data-k="{{.K}}"><span class="what">Whole object:</span> {{template "labels" .}}</li>{{end}}</ul>
{{- end}}
<table class="decisions">
<caption>Decisions ({{len .Decisions}})</caption>
<thead><tr><th scope="col">Where</th><th scope="col">Rule</th><th scope="col">Action</th><th scope="col">Kind</th><th scope="col">Fingerprint of the value</th></tr></thead>
<tbody>
{{- range .Decisions}}
<tr class="dec" data-r="{{.R}}" data-k="{{.K}}"><td>{{if .Placed}}<a href="#{{.Anchor}}"><code>{{.Where}}</code></a>{{else}}whole object{{end}}</td><td>{{.Rule}}</td><td>{{.Action}}{{with .NewID}} → <code>{{.}}</code>{{end}}</td><td>{{.Kind}}</td><td><code>{{.Fingerprint}}</code></td></tr>
{{- end}}
</tbody>
</table>
<table class="diff">
<colgroup><col class="half"><col class="half"></colgroup>
<thead><tr><th scope="col">Original (input)</th><th scope="col">{{if eq .Status "dropped"}}Outgoing: nothing, the object is dropped{{else}}Outgoing (output){{end}}</th></tr></thead>
<tbody>
{{- range .Rows}}
{{- if eq .Kind "fold"}}
<tr class="fold"><td colspan="2"><details><summary>{{.Folded}} unchanged lines</summary><pre class="code">{{template "segs" .Left}}</pre></details></td></tr>
{{- else}}
<tr class="{{.Kind}}"><td class="c{{with .LeftClass}} {{.}}{{end}}">{{template "segs" .Left}}</td><td class="c{{with .RightClass}} {{.}}{{end}}">{{template "segs" .Right}}</td></tr>
{{- end}}
{{- with .Notes}}
<tr class="notes"><td colspan="2"><ul>{{range .}}<li class="dec" id="{{.Anchor}}" data-r="{{.R}}" data-k="{{.K}}">{{template "labels" .}}</li>{{end}}</ul></td></tr>
{{- end}}
{{- end}}
</tbody>
</table>
{{- end}}
</noscript>
</article>
{{- end}}
<nav class="pager needs-js" aria-label="Pages of objects, again"><button type="button" class="prev">Previous page</button> <span class="status"></span> <button type="button" class="next">Next page</button></nav>
</section>
{{- if .Added}}
<section id="added" aria-labelledby="added-h">
<h2 id="added-h">Objects airlock adds ({{len .Added}})</h2>
{{- range .Added}}
<pre class="code">{{template "segs" .}}</pre>
{{- end}}
</section>
{{- end}}
</main>
<script>{{.Script}}</script>
</body>
</html>
{{define "segs"}}{{range .}}{{if eq .Class ""}}{{.Text}}{{else if eq .Class "del"}}<del>{{.Text}}</del>{{else if eq .Class "ins"}}<ins>{{.Text}}</ins>{{else}}<span class="{{.Class}}" title="{{.Title}}">{{.Text}}</span>{{end}}{{end}}{{end}}
{{define "labels"}}<span class="lbl"><span class="k">rule</span> {{.Rule}}</span> <span class="lbl"><span class="k">action</span> {{.Action}}</span>{{with .Kind}} <span class="lbl"><span class="k">kind</span> {{.}}</span>{{end}}{{with .Where}} <span class="lbl"><span class="k">at</span> <code>{{.}}</code></span>{{end}}{{with .NewID}} <span class="lbl"><span class="k">new id</span> <code>{{.}}</code></span>{{end}}{{end}}
{{define "counts"}}<table class="count">
<caption>{{.Caption}}</caption>
<thead><tr><th scope="col">{{.Head}}</th><th scope="col" class="num">Count</th></tr></thead>
<tbody>{{range .Rows}}<tr><td>{{.Name}}</td><td class="num">{{.Count}}</td></tr>{{else}}<tr><td colspan="2">none</td></tr>{{end}}</tbody>
</table>{{end}}
`

// reviewHeadJS marks the page as scripted before it is drawn, so that
// the objects beyond the first page are never laid out.
const reviewHeadJS = `document.documentElement.classList.add("js");`

// reviewJS filters the objects by status, rule and kind, and shows them
// a page at a time. Each object's side-by-side view is written in a
// noscript element: without scripts the browser reads it as markup and
// the page shows everything; with scripts it is one inert string, and
// this script turns it into markup when its object is first shown. So a
// page of 2,000 objects costs the browser the 50 it shows, not all of
// them. The string is the page's own markup (html/template escaped every
// input value in it: a "</noscript>" in the input is "&lt;/noscript&gt;").
const reviewJS = `(function () {
  "use strict";
  var doc = document, root = doc.documentElement;
  var list = doc.getElementById("objects");
  var filters = doc.getElementById("filters");
  var size = parseInt(list.getAttribute("data-page-size"), 10) || 50;
  var objs = Array.prototype.map.call(list.querySelectorAll("article.obj"), function (el) {
    var d = el.getAttribute("data-d");
    return {
      el: el,
      status: el.getAttribute("data-status"),
      ds: d ? d.split(" ").map(function (p) { return p.split(":"); }) : []
    };
  });
  var byAnchor = {};
  objs.forEach(function (o) { byAnchor[o.el.id] = o; });
  var pagers = Array.prototype.slice.call(doc.querySelectorAll(".pager"));
  var page = 0, shown = [], rules = {}, kinds = {};

  function ticked(name) {
    var set = {};
    filters.querySelectorAll('input[name="' + name + '"]').forEach(function (i) {
      if (i.checked) { set[i.value] = true; }
    });
    return set;
  }
  function dim(scope) {
    scope.querySelectorAll(".dec[data-r]").forEach(function (el) {
      var on = rules[el.getAttribute("data-r")] === true && kinds[el.getAttribute("data-k")] === true;
      el.classList.toggle("dim", !on);
    });
  }
  function hydrate(o) {
    if (o.done) { return; }
    o.done = true;
    var ns = o.el.querySelector("noscript");
    if (!ns) { return; }
    var body = doc.createElement("div");
    body.className = "body";
    body.innerHTML = ns.textContent;
    o.el.replaceChild(body, ns);
  }
  function pages() { return Math.max(1, Math.ceil(shown.length / size)); }
  function apply() {
    var status = ticked("status");
    rules = ticked("rule");
    kinds = ticked("kind");
    shown = [];
    objs.forEach(function (o) {
      var ok = status[o.status] === true && (o.ds.length === 0 || o.ds.some(function (d) {
        return rules[d[0]] === true && kinds[d[1]] === true;
      }));
      o.el.classList.toggle("filtered", !ok);
      if (ok) { shown.push(o); }
    });
    dim(doc.getElementById("dropped"));
    render();
  }
  function render() {
    page = Math.max(0, Math.min(page, pages() - 1));
    var from = page * size, to = Math.min(shown.length, from + size);
    shown.forEach(function (o, i) {
      var on = i >= from && i < to;
      if (on) { hydrate(o); dim(o.el); }
      o.el.classList.toggle("off-page", !on);
    });
    var text = shown.length === 0 ? "No object matches the filters." :
      "Objects " + (from + 1) + "\u2013" + to + " of " + shown.length +
      " (page " + (page + 1) + " of " + pages() + ")";
    pagers.forEach(function (p) {
      p.querySelector(".status").textContent = text;
      p.querySelector(".prev").disabled = page === 0;
      p.querySelector(".next").disabled = page >= pages() - 1;
    });
    list.setAttribute("data-page", String(page + 1));
    list.setAttribute("data-shown", String(shown.length));
  }
  function go(delta) {
    page += delta;
    render();
    doc.getElementById("objects-h").focus();
  }
  pagers.forEach(function (p) {
    p.querySelector(".prev").addEventListener("click", function () { go(-1); });
    p.querySelector(".next").addEventListener("click", function () { go(1); });
  });
  filters.addEventListener("change", function () { page = 0; apply(); });
  filters.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-set]");
    if (!b) { return; }
    var on = b.getAttribute("data-on") === "1";
    filters.querySelectorAll('input[name="' + b.getAttribute("data-set") + '"]').forEach(function (i) { i.checked = on; });
    page = 0;
    apply();
  });
  // Print what the filters let through, on every page.
  window.addEventListener("beforeprint", function () {
    shown.forEach(function (o) { hydrate(o); dim(o.el); });
  });

  // A link to an object, or to a label in one ("o12-d3"), that a filter
  // or another page hides shows it first.
  function reveal(id) {
    var o = byAnchor[id.split("-")[0]];
    if (!o) { return null; }
    if (o.el.classList.contains("filtered")) {
      filters.querySelectorAll('input[name="rule"], input[name="kind"], input[value="' + o.status + '"]').forEach(function (i) { i.checked = true; });
      apply();
    }
    var at = shown.indexOf(o);
    if (at >= 0) { page = Math.floor(at / size); render(); }
    var el = doc.getElementById(id);
    var fold = el ? el.closest("details") : null;
    if (fold) { fold.open = true; }
    return el;
  }
  doc.addEventListener("click", function (e) {
    var a = e.target.closest('a[href^="#o"]');
    if (a) { reveal(a.getAttribute("href").slice(1)); }
  });

  root.classList.add("ready");
  apply();
  if (location.hash.length > 1) {
    var el = reveal(location.hash.slice(1));
    if (el) { el.scrollIntoView(); }
  }
})();
`

const reviewCSS = `
:root { --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --del: #fde7e7; --del-strong: #f3a9a9; --del-edge: #b3141f;
  --ins: #e3f5e3; --ins-strong: #99dd99; --ins-edge: #1d7a38; --note: #fff6d5; --focus: #1a5fb4; --ctl: #ffd54a; }
* { box-sizing: border-box; }
html { scroll-padding-top: 3.5rem; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main, .intro { padding: 0 1.25rem; }
code, pre, .c { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12.5px; }
h1 { font-size: 1.5rem; margin: .6rem 0; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
a { color: #0b4f9c; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: auto; }
.skip:focus { position: fixed; left: 1rem; top: 3rem; z-index: 20; background: #fff; padding: .5rem .8rem; border: 2px solid var(--focus); }
.banner { position: sticky; top: 0; z-index: 10; background: #9b0000; color: #fff; padding: .55rem 1.25rem; font-size: 1.05rem; letter-spacing: .02em; border-bottom: 3px solid #000; }
.warning { background: #fff0f0; border: 2px solid #9b0000; padding: .6rem .8rem; margin: .8rem 0 0; }
.meta { display: flex; flex-wrap: wrap; gap: .2rem 1.5rem; margin: .3rem 0; }
.meta div { display: flex; gap: .4rem; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.totals { display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; list-style: none; padding: 0; margin: .4rem 0 .8rem; font-size: 1.05rem; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: flex-start; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { text-align: left; vertical-align: top; }
.count th, .count td, .list th, .list td, .decisions th, .decisions td { border-bottom: 1px solid var(--line); padding: .15rem .6rem .15rem 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.list { width: 100%; }
.why, .objnotes, .notes ul { list-style: none; margin: 0; padding: 0; }
.objnotes { margin: .3rem 0; }
.objnotes li { background: var(--note); border-left: 4px solid #b08800; padding: .2rem .5rem; margin: .2rem 0; }
.needs-js { display: none; }
.js .needs-js { display: block; }
#filters fieldset { border: 1px solid var(--line); margin: 0 0 .6rem; padding: .3rem .8rem .5rem; }
#filters legend { font-weight: 600; padding: 0 .3rem; }
#filters label { display: inline-block; margin: .15rem 1.1rem .15rem 0; white-space: nowrap; }
#filters .n, .hint { color: var(--muted); }
.hint { margin: 0 0 .4rem; font-size: .9rem; }
button { font: inherit; padding: .2rem .7rem; border: 1px solid #666; border-radius: 3px; background: #f4f4f4; color: var(--ink); cursor: pointer; }
button:disabled { color: #888; cursor: default; }
.pager { margin: .6rem 0; }
.pager .status { margin: 0 .8rem; }
.legend { font-size: .9rem; color: var(--muted); }
.key { display: inline-block; padding: 0 .4rem; margin-right: .4rem; color: var(--ink); font-family: ui-monospace, monospace; }
.key.del { background: var(--del); border-left: 4px solid var(--del-edge); }
.key.ins { background: var(--ins); border-left: 4px solid var(--ins-edge); }
.key.ctl, .ctl { background: var(--ctl); outline: 1px solid #8a6d00; border-radius: 2px; color: #000; }
.obj { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 1rem; padding: .6rem .8rem .8rem; }
.obj.dropped { border-left: 6px solid var(--del-edge); }
.obj.changed { border-left: 6px solid #b08800; }
.js .obj.filtered, .js .obj.off-page, .js:not(.ready) .obj { display: none; }
.badge { display: inline-block; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; padding: .05rem .4rem; border-radius: 3px; border: 1px solid currentColor; vertical-align: .1em; }
.badge.dropped { color: var(--del-edge); }
.badge.changed { color: #7a5c00; }
.badge.unchanged { color: var(--muted); }
.otype { font-weight: 600; }
.facts { margin: 0 0 .4rem; color: var(--muted); overflow-wrap: anywhere; }
.decisions { margin: .3rem 0 .6rem; font-size: .9rem; }
.decisions td:first-child a { white-space: nowrap; }
.diff { width: 100%; table-layout: fixed; border: 1px solid var(--line); }
.diff col.half { width: 50%; }
.diff thead th { background: #f1f1f1; padding: .2rem .5rem; border-bottom: 1px solid var(--line); font-weight: 600; }
.diff td.c { padding: 0 .5rem; white-space: pre-wrap; overflow-wrap: anywhere; direction: ltr; unicode-bidi: isolate; }
.diff td.c + td.c { border-left: 1px solid var(--line); }
.diff td.del { background: var(--del); box-shadow: inset 4px 0 var(--del-edge); }
.diff td.ins { background: var(--ins); box-shadow: inset 4px 0 var(--ins-edge); }
.diff td.none { background: repeating-linear-gradient(135deg, #f6f6f6 0 6px, #ececec 6px 12px); }
del { background: var(--del-strong); text-decoration: line-through; text-decoration-color: var(--del-edge); }
ins { background: var(--ins-strong); text-decoration: underline; text-decoration-color: var(--ins-edge); }
.diff tr.notes td { background: var(--note); padding: .15rem .5rem .25rem; border-top: 1px dashed #b08800; border-bottom: 1px dashed #b08800; font-size: .88rem; }
.diff tr.fold td { padding: .1rem .5rem; background: #fafafa; }
.diff tr.fold summary { color: var(--muted); cursor: pointer; }
.lbl { display: inline-block; margin: .1rem .5rem .1rem 0; }
.lbl .k { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-right: .15rem; }
.dec.dim { opacity: .45; }
pre.code { margin: .3rem 0; padding: .4rem .6rem; background: #f7f7f7; border: 1px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; direction: ltr; unicode-bidi: isolate; }
details > summary { cursor: pointer; }
@media print {
  .needs-js, .js .needs-js, .skip, #filter-section, .pager { display: none !important; }
  .banner { position: static; border: 3px solid #000; background: #fff; color: #000; }
  .js .obj.off-page { display: block !important; }
  body { font-size: 10pt; }
  code, pre, .c { font-size: 8pt; }
  a { color: inherit; text-decoration: none; }
  .diff tr, .notes { break-inside: avoid; }
  .obj { break-inside: auto; }
  .diff td.del, .diff td.ins, del, ins, .ctl, .diff tr.notes td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`
