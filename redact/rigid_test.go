package redact

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/detect"
)

// TestRigidPatternSites: where a STIX pattern cannot be edited safely (a
// regular expression with groups, alternation, classes or quantifiers; a
// quoted name in an object path; a number constant; a detection next to a
// LIKE wildcard; a recipient's address whose domain is a wildcard),
// personal data drops the indicator and the report says so. Plain regular
// expressions are still pseudonymised, and attackers' values stay, in the
// same constructs.
func TestRigidPatternSites(t *testing.T) {
	rd := testRedactor(t, "../examples/policies/community.yaml")
	pats, rep := redactPatterns(t, rd, patternBundle(
		`[email-addr:value MATCHES '^(jane|john)\\.doe@victim\\.example\\.org$']`,
		`[email-addr:value MATCHES '^j(ane)\\.doe@victim\\.example\\.org$']`,
		`[email-message:additional_header_fields.'jane.doe@victim.example.org' = 'x']`,
		`[x-acme:card = 4111111111111111]`,
		`[email-addr:value LIKE 'j%jane.doe@victim.example.org']`,
		`[email-message:to_refs[*].value LIKE 'jdoe42@%']`,
		`[email-addr:value MATCHES '^jane\\.doe@victim\\.example\\.org$']`,
		`[email-addr:value LIKE 'admin@%']`,
		`[email-addr:value MATCHES '^(admin|root)@evil-c2\\.example\\.net$'] AND [email-addr:value LIKE '%@evil-c2.example.net']`,
		`[file:size = 1024] AND [email-message:additional_header_fields.'X-Mailer' = 'evil-c2.example.net']`,
	))
	for _, gone := range []string{"i1", "i2", "i3", "i4", "i5", "i6"} {
		if p, ok := pats[gone]; ok {
			t.Errorf("%s kept: %s", gone, p)
		}
	}
	if p := pats["i7"]; p == "" || strings.Contains(p, "jane") || strings.Contains(p, "victim") {
		t.Errorf("plain regular expression: %q", p)
	}
	if p := pats["i8"]; p != `[email-addr:value LIKE 'admin@%']` {
		t.Errorf("attacker's LIKE changed: %q", p)
	}
	for _, kept := range []string{"i9", "i10"} {
		if p := pats[kept]; !strings.Contains(p, "evil-c2") {
			t.Errorf("%s: attacker's pattern changed: %q", kept, p)
		}
	}
	drops := 0
	for _, d := range rep.Decisions {
		if d.Action == "drop" && d.Path == "pattern" {
			drops++
		}
	}
	if drops != 6 {
		t.Errorf("%d pattern drops reported, want 6", drops)
	}
}

// underscoreDetector finds staff numbers ("EMP" and digits) inside the
// sender's namespace, of a kind whose pseudonym holds a '_'.
type underscoreDetector struct{}

func (underscoreDetector) Name() string { return "staff_id" }

var staffRE = regexp.MustCompile(`EMP[0-9]{5}`)

func (underscoreDetector) Detect(t *detect.Text, found func(detect.Match)) {
	s := t.String()
	for _, ix := range staffRE.FindAllStringIndex(s, -1) {
		found(detect.Match{Kind: "staff_id", Start: ix[0], End: ix[1], Value: s[ix[0]:ix[1]], Internal: true})
	}
}

// TestLikeReplacementFails: a replacement a LIKE cannot hold (its '_' is
// a wildcard there, and STIX has no escape) must not vanish from the
// literal: the run fails instead.
func TestLikeReplacementFails(t *testing.T) {
	p, err := policy.LoadFile("../examples/policies/community.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rd, err := Compile(p, &Options{Key: goldenKey, Detectors: []detect.Detector{underscoreDetector{}}})
	if err != nil {
		t.Fatal(err)
	}
	in := patternBundle(`[x-acme:note LIKE '%badge EMP12345 lost%']`)
	out, _, err := rd.RedactBytes(context.Background(), []byte(in))
	if err == nil {
		t.Fatalf("no error; output:\n%s", out)
	}
	if strings.Contains(err.Error(), "EMP12345") {
		t.Errorf("the error repeats the value: %v", err)
	}
}

// TestRegexSyntax: escapes deregex reads as text are no syntax; groups,
// alternation, classes, quantifiers and inner anchors are.
func TestRegexSyntax(t *testing.T) {
	for re, want := range map[string]bool{
		`^jane\.doe@victim\.example$`:        false,
		`jane\x{2e}doe\x40victim\u002eorg`:   false,
		`\Qjane.doe (work)\E`:                false,
		`jane.doe@victim.example`:            false,
		`^(jane|john)\.doe@victim\.example$`: true,
		`j(ane)\.doe`:                        true,
		`jane\.doe\s+`:                       true,
		`[jJ]ane`:                            true,
		`jane\x{zz}`:                         true,
		`a^b`:                                true,
		`jane\`:                              true,
	} {
		if got := regexSyntax(re); got != want {
			t.Errorf("regexSyntax(%q) = %v, want %v", re, got, want)
		}
	}
}
