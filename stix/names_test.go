package stix

import (
	"strings"
	"testing"
)

func TestKnownNames(t *testing.T) {
	longest := 0
	for _, n := range stixNames {
		got, ok := knownName([]byte(n))
		if !ok || got != n {
			t.Errorf("knownName(%q) = %q, %v", n, got, ok)
		}
		probes := 1
		for h := nameHash([]byte(n)); nameTable[h] != n; h = (h + 1) % uint32(len(nameTable)) {
			probes++
		}
		longest = max(longest, probes)
	}
	// A lookup costs a probe a slot from the home slot to the name's (or
	// to an empty one): keep the table sparse enough for that to stay short.
	if longest > 6 {
		t.Errorf("a known name takes %d probes; grow nameTableBits or change nameHash", longest)
	}
	for _, n := range []string{"x_custom", "Type", "typ", "types", "a", "value_", "x_mitre_version", "\u00e9"} {
		if got, ok := knownName([]byte(n)); ok {
			t.Errorf("knownName(%q) = %q, want not found", n, got)
		}
	}
	if !IsDefinedName("contains_refs") || IsDefinedName("operation-nightjar") {
		t.Error("IsDefinedName disagrees with knownName")
	}
	if got := memberName([]byte(`"description"`)); got != "description" {
		t.Errorf("memberName = %q", got)
	}
	if got := memberName([]byte(`"x_\u0061"`)); got != "x_a" {
		t.Errorf("memberName of an escaped name = %q", got)
	}
}

func TestIsPropertyName(t *testing.T) {
	for name, want := range map[string]bool{
		"created_by_ref":         true,
		"x_acme_Score2":          true,
		"":                       false,
		"jane.doe@example.org":   false,
		"x-acme":                 false,
		"a\nb":                   false,
		strings.Repeat("a", 251): false,
		"447946095800":           false, // a phone number as a key
		"4111_1111_1111_1111":    false,
		"_":                      false,
	} {
		if got := IsPropertyName(name); got != want {
			t.Errorf("IsPropertyName(%q) = %v, want %v", name, got, want)
		}
	}
}
