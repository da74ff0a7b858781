package redacttest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// Levels in order; the index is the level.
var Levels = []string{"none", "clear", "green", "amber", "amber+strict", "red"}

// Marking definition ids by level, TLP 1.0 and 2.0 (no 1.0 AMBER+STRICT).
var tlp1 = map[int]string{
	1: "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
	2: "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
	3: "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
	5: "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}
var tlp2 = map[int]string{
	1: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
	2: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
	3: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
	4: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
	5: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

// Statement and Unknown are a statement marking the bundle defines and a
// marking id no bundle defines.
const (
	Statement = "marking-definition--4a0042fe-8b88-40fe-9600-dfa128ce6fbd"
	Unknown   = "marking-definition--0badbad0-0bad-4bad-8bad-0badbadbad00"
)

// Options shape a generated bundle.
type Options struct {
	Seed    uint64
	Objects int // number of SDOs and SROs (default 100)
	// UnknownRate is the fraction of objects marked with an unknown marking.
	UnknownRate float64
	// GranularRate is the fraction of objects with granular markings
	// (default 0.2; a negative value means none).
	GranularRate float64
	// Indent pretty-prints the bundle.
	Indent bool
	// Prose follows the marker of every description with a paragraph of
	// threat-report prose (attacker addresses, hashes, CVE and ATT&CK
	// ids), so text is as long as in real reports.
	Prose bool
	// Victims is the fraction of prose paragraphs that also name victims
	// and staff: emails under example.org, private addresses, phone
	// numbers, person names (with Prose).
	Victims float64
	// Uniform draws every object's TLP level uniformly (a stress test);
	// by default levels follow what a sharing community sees: mostly
	// GREEN and CLEAR, some AMBER, a little AMBER+STRICT and RED, a fifth
	// unmarked.
	Uniform bool
}

// levelWeights are the default chances of each level, in percent
// (unmarked, clear, green, amber, amber+strict, red).
var levelWeights = [6]int{20, 15, 40, 15, 5, 5}

// MarkingID returns the id of the TLP marking of a level, 1.0 or 2.0.
func MarkingID(level int, v2 bool) string {
	if v2 || level == 4 {
		return tlp2[level]
	}
	return tlp1[level]
}

// LevelOf returns the level of a TLP marking id, or -1.
func LevelOf(id string) int {
	for l, x := range tlp1 {
		if x == id {
			return l
		}
	}
	for l, x := range tlp2 {
		if x == id {
			return l
		}
	}
	return -1
}

type gen struct {
	o      Options
	r      *rand.Rand
	n      int
	marker int
	objs   []map[string]any
	ids    []string
}

// Bundle returns a generated bundle as JSON.
func Bundle(o Options) []byte {
	if o.Objects <= 0 {
		o.Objects = 100
	}
	if o.GranularRate == 0 {
		o.GranularRate = 0.2
	}
	g := &gen{o: o, r: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
	g.objs = append(g.objs, map[string]any{
		"type": "marking-definition", "spec_version": "2.1", "id": Statement, "created": "2016-08-01T00:00:00.000Z",
		"definition_type": "statement", "definition": map[string]any{"statement": "Copyright 2026, Example Corp"},
	})
	g.objs = append(g.objs, map[string]any{
		"type": "marking-definition", "spec_version": "2.1", "id": tlp1[3], "created": "2017-01-20T00:00:00.000Z",
		"definition_type": "tlp", "name": "TLP:AMBER", "definition": map[string]any{"tlp": "amber"},
	})
	g.objs = append(g.objs, map[string]any{
		"type": "marking-definition", "spec_version": "2.1", "id": tlp2[2], "created": "2022-10-01T00:00:00.000Z",
		"name": "TLP:GREEN", "extensions": map[string]any{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": map[string]any{"extension_type": "property-extension", "tlp_2_0": "green"}},
	})
	for i := 0; i < o.Objects; i++ {
		var obj map[string]any
		switch k := g.r.IntN(10); {
		case k < 3 || len(g.ids) < 2:
			obj = g.indicator()
		case k < 5:
			obj = g.malware()
		case k < 7:
			obj = g.relationship()
		case k < 8:
			obj = g.sighting()
		default:
			obj = g.report()
		}
		g.mark(obj, o.UnknownRate, o.GranularRate, o.Uniform)
		g.objs = append(g.objs, obj)
		g.ids = append(g.ids, obj["id"].(string))
	}
	b := map[string]any{"type": "bundle", "id": g.id("bundle"), "objects": g.objs}
	var out []byte
	if o.Indent {
		out, _ = json.MarshalIndent(b, "", "  ")
	} else {
		out, _ = json.Marshal(b)
	}
	return append(out, '\n')
}

func (g *gen) id(typ string) string {
	g.n++
	return fmt.Sprintf("%s--%08x-%04x-4%03x-8%03x-%012x", typ, g.r.Uint32(), g.r.IntN(0x10000), g.r.IntN(0x1000), g.r.IntN(0x1000), g.n)
}

func common(typ, id string) map[string]any {
	return map[string]any{"type": typ, "spec_version": "2.1", "id": id, "created": "2026-01-10T10:00:00.000Z", "modified": "2026-01-10T10:00:00.000Z"}
}

// text is a placeholder filled with a level marker once markings are known.
type text struct{}

func (g *gen) texts(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = text{}
	}
	return out
}

func (g *gen) indicator() map[string]any {
	o := common("indicator", g.id("indicator"))
	o["name"] = text{}
	o["description"] = text{}
	o["pattern"] = fmt.Sprintf("[ipv4-addr:value = '198.51.100.%d']", g.r.IntN(250))
	o["pattern_type"] = "stix"
	o["valid_from"] = "2026-01-10T10:00:00Z"
	o["labels"] = g.texts(1 + g.r.IntN(4))
	if g.r.IntN(2) == 0 {
		o["external_references"] = []any{map[string]any{"source_name": text{}, "url": text{}}, map[string]any{"source_name": text{}, "description": text{}}}
	}
	return o
}

func (g *gen) malware() map[string]any {
	o := common("malware", g.id("malware"))
	o["name"] = text{}
	o["is_family"] = true
	o["aliases"] = g.texts(1 + g.r.IntN(5))
	o["kill_chain_phases"] = []any{map[string]any{"kill_chain_name": "mitre-attack", "phase_name": text{}}}
	return o
}

func (g *gen) pick() string { return g.ids[g.r.IntN(len(g.ids))] }

func (g *gen) pickSDO() string {
	for {
		if id := g.pick(); !strings.HasPrefix(id, "relationship--") && !strings.HasPrefix(id, "sighting--") {
			return id
		}
	}
}

func (g *gen) relationship() map[string]any {
	o := common("relationship", g.id("relationship"))
	o["relationship_type"] = "related-to"
	o["source_ref"] = g.pickSDO() // relationships join SDOs (STIX 2.1 section 5.1)
	o["target_ref"] = g.pickSDO()
	o["description"] = text{}
	return o
}

func (g *gen) sighting() map[string]any {
	o := common("sighting", g.id("sighting"))
	o["sighting_of_ref"] = g.pickSDO() // a sighting is of an SDO (STIX 2.1 section 5.2)
	o["count"] = 1 + g.r.IntN(9)
	o["description"] = text{}
	return o
}

func (g *gen) report() map[string]any {
	o := common("report", g.id("report"))
	o["name"] = text{}
	o["published"] = "2026-01-10T10:00:00Z"
	n := 1 + g.r.IntN(6)
	var refs []any
	for i := 0; i < n; i++ {
		refs = append(refs, g.pick())
	}
	o["object_refs"] = refs
	o["description"] = text{}
	return o
}

// required lists properties granular markings must not take whole (so the
// generator makes objects that survive at some ceilings).
var required = map[string]bool{"type": true, "id": true, "spec_version": true, "created": true, "modified": true,
	"pattern": true, "pattern_type": true, "valid_from": true, "is_family": true, "relationship_type": true,
	"source_ref": true, "target_ref": true, "sighting_of_ref": true, "published": true, "object_refs": true, "count": true}

// mark gives obj object markings and granular markings, then fills its
// placeholders with markers of their effective level.
func (g *gen) mark(obj map[string]any, unknownRate, granularRate float64, uniform bool) {
	level := g.r.IntN(6) // 0: unmarked
	if !uniform {
		x := g.r.IntN(100)
		for level = 0; x >= levelWeights[level]; level++ {
			x -= levelWeights[level]
		}
	}
	var refs []any
	if level > 0 {
		refs = append(refs, MarkingID(level, g.r.IntN(2) == 0))
	}
	if g.r.IntN(4) == 0 {
		refs = append(refs, Statement)
	}
	if g.r.Float64() < unknownRate {
		refs = append(refs, Unknown)
	}
	if len(refs) > 0 {
		obj["object_marking_refs"] = refs
	}
	// Granular markings on content paths.
	var paths []string
	if g.r.Float64() < granularRate {
		paths = contentPaths(obj)
	}
	var gms []any
	covered := map[string]int{} // path -> max granular level covering it
	for _, p := range paths {
		if g.r.IntN(5) != 0 {
			continue
		}
		gl := 1 + g.r.IntN(5)
		gms = append(gms, map[string]any{"marking_ref": MarkingID(gl, g.r.IntN(2) == 0), "selectors": []any{p}})
		covered[p] = max(covered[p], gl)
	}
	if len(gms) > 0 {
		obj["granular_markings"] = gms
	}
	g.fill(obj, "", level, covered)
}

// contentPaths lists selectable paths of obj's content (containers and
// leaves), in selector syntax, excluding required properties.
func contentPaths(obj map[string]any) []string {
	var out []string
	var walk func(v any, p string)
	walk = func(v any, p string) {
		if p != "" {
			out = append(out, p)
		}
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if p == "" && (required[k] || k == "object_marking_refs" || k == "granular_markings") {
					continue
				}
				q := k
				if p != "" {
					q = p + "." + k
				}
				walk(x[k], q)
			}
		case []any:
			for i, e := range x {
				walk(e, fmt.Sprintf("%s.[%d]", p, i))
			}
		}
	}
	walk(obj, "")
	return out
}

// fill replaces placeholders with markers of their effective level.
func (g *gen) fill(v any, p string, level int, covered map[string]int) {
	eff := func(q string) int {
		l := level
		for c, gl := range covered {
			if q == c || strings.HasPrefix(q, c+".") {
				l = max(l, gl)
			}
		}
		return l
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			q := k
			if p != "" {
				q = p + "." + k
			}
			if _, ok := e.(text); ok {
				t := g.markerText(eff(q))
				if k == "description" && g.o.Prose {
					t += " " + g.prose()
				}
				x[k] = t
				continue
			}
			g.fill(e, q, level, covered)
		}
	case []any:
		for i, e := range x {
			q := fmt.Sprintf("%s.[%d]", p, i)
			if _, ok := e.(text); ok {
				x[i] = g.markerText(eff(q))
				continue
			}
			g.fill(e, q, level, covered)
		}
	}
}

func (g *gen) markerText(level int) string {
	g.marker++
	return fmt.Sprintf("lvl-%s-%d", Levels[level], g.marker)
}

// MarkersAbove returns the markers in s whose level is above ceiling
// (treating "none", unmarked content, as the level unmarked is treated).
func MarkersAbove(s string, ceiling, unmarkedAs int) []string {
	var out []string
	for i := 0; ; {
		j := strings.Index(s[i:], "lvl-")
		if j < 0 {
			return out
		}
		i += j + 4
		k := strings.IndexByte(s[i:], '-')
		if k < 0 {
			return out
		}
		name := s[i : i+k]
		for l, n := range Levels {
			if n == name {
				if l == 0 {
					l = unmarkedAs
				}
				if l > ceiling {
					end := i + k + 1
					for end < len(s) && s[end] >= '0' && s[end] <= '9' {
						end++
					}
					out = append(out, s[i-4:end])
				}
			}
		}
	}
}

var (
	proseOpen = []string{
		"The actor sent spear-phishing mail with a weaponised attachment",
		"Beaconing to the command-and-control server was observed over HTTPS",
		"The loader decrypts its payload with a hard-coded RC4 key",
		"Lateral movement used stolen credentials and remote services",
		"The campaign exploited an unpatched VPN appliance",
	}
	proseInfra = []string{"203.0.113.%d", "198.51.100.%d", "192.0.2.%d"}
	proseHash  = []string{"44d88612fea8a8f36de82e1278abb02f", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "da39a3ee5e6b4b0d3255bfef95601890afd80709"}
	proseCVE   = []string{"CVE-2021-44228", "CVE-2023-4966", "CVE-2024-3400", "CVE-2019-19781"}
	proseTTP   = []string{"T1566.001", "T1071.001", "T1021.002", "T1190", "T1059.001"}
	victimName = []string{"Jane Doe", "John Smith", "Aisha Khan", "Carlos Garcia", "Mei Chen", "Olga Ivanova"}
	victimTel  = []string{"+44 20 7946 0958", "+1 (415) 555-0132", "+49 30 901820", "+33 1 42 68 53 00"}
)

// prose returns a paragraph of threat-report prose, naming victims in a
// fraction Options.Victims of paragraphs.
func (g *gen) prose() string {
	pick := func(xs []string) string { return xs[g.r.IntN(len(xs))] }
	s := fmt.Sprintf("%s (%s). The implant, SHA-256 %s, contacted %s on port 443 and later %s; see %s. Defenders should block the addresses, hunt for the hash in endpoint telemetry, and review authentication logs for the period.",
		pick(proseOpen), pick(proseTTP), pick(proseHash), fmt.Sprintf(pick(proseInfra), 1+g.r.IntN(250)), fmt.Sprintf(pick(proseInfra), 1+g.r.IntN(250)), pick(proseCVE))
	if g.r.Float64() < g.o.Victims {
		name := pick(victimName)
		user := strings.ToLower(strings.ReplaceAll(name, " ", "."))
		s += fmt.Sprintf(" The first victim was %s (%s@example.org, %s), whose workstation 10.%d.%d.%d was infected.",
			name, user, pick(victimTel), g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	}
	return s
}
