package stix

// validateTLPInstance checks the fixed marking definitions: TLP 1.0 (STIX
// 2.1 section 7.2.1.4: "The following standard marking definitions MUST be
// used ... Other instances of tlp-marking MUST NOT be used or created"),
// and the TLP 2.0 and PAP extensions' fixed instances, which their
// specifications fix the same way. A definition on a fixed id must be that
// definition, in its canonical form; a TLP or PAP definition must use a
// fixed id. Variants seen in the wild (TLP:CLEAR written on the TLP:WHITE
// id, OpenCTI's AMBER+STRICT statement) are reported: they are readable,
// and a redactor writes them out canonically, but they are not valid.
func validateTLPInstance(o *Object) []Problem {
	id := o.ID()
	_, fixed := BuiltinMarking(id)
	var probs []Problem
	add := func(p Path, msg string) {
		probs = append(probs, Problem{Object: o.Index(), ID: id, Path: p, Msg: msg})
	}
	m, err := ParseMarkingDefinition(o.Raw())
	switch {
	case err != nil:
		if fixed {
			add(nil, "does not match the fixed marking definition of its id (STIX 2.1 section 7.2.1.4)")
		}
	case fixed && m.Variant != "":
		add(nil, "a fixed marking definition written in a non-canonical form ("+m.Variant+"; STIX 2.1 section 7.2.1.4)")
	case !fixed && (m.Kind == MarkingTLP || m.Kind == MarkingPAP):
		add(Path{Key("id")}, "a TLP or PAP marking definition must be one of the fixed instances, by id (STIX 2.1 section 7.2.1.4)")
	}
	return probs
}
