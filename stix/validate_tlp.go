package stix

// tlpV1Colours maps the ids of the four TLP 1.0 marking definitions to
// their colours. "The following standard marking definitions MUST be used
// to reference or represent TLP markings. Other instances of tlp-marking
// MUST NOT be used or created" (STIX 2.1 section 7.2.1.4; the same ids in
// STIX 2.0).
var tlpV1Colours = map[string]string{
	"marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9": "white",
	"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da": "green",
	"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82": "amber",
	"marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed": "red",
}

// validateTLPInstance checks that a marking definition of definition_type
// "tlp" is one of the fixed TLP 1.0 instances, by id and colour, and that
// no other marking definition takes a fixed TLP id. It checks no other
// property of the fixed instances. TLP 2.0 (an extension, not part of
// STIX 2.1) is not handled here.
//
// The variant that writes TLP:CLEAR on the TLP:WHITE id (definition.tlp
// "clear") is reported: the colour does not match the id.
func validateTLPInstance(o *Object) []Problem {
	id := o.ID()
	want, fixed := tlpV1Colours[id]
	var probs []Problem
	add := func(p Path, msg string) {
		probs = append(probs, Problem{Object: o.Index(), ID: id, Path: p, Msg: msg})
	}
	if dt, _ := o.GetString("definition_type"); dt != "tlp" {
		if fixed {
			add(Path{Key("definition_type")}, "must be \"tlp\": the id is the fixed id of TLP:"+upper(want)+" (STIX 2.1 section 7.2.1.4)")
		}
		return probs
	}
	if !fixed {
		add(Path{Key("id")}, "a TLP marking definition must be one of the four fixed TLP instances, by id (STIX 2.1 section 7.2.1.4)")
		return probs
	}
	def, ok := o.ValueSpan("definition")
	if !ok || o.raw[def.Start] != '{' {
		return probs // checkMarkingDefinition reports it
	}
	tlp, ok := memberOf(o.raw, def, "tlp")
	if !ok || o.raw[tlp.Start] != '"' {
		return probs
	}
	if unquote(o.raw[tlp.Start:tlp.End]) != want {
		add(Path{Key("definition"), Key("tlp")}, "must be \""+want+"\", the colour of this fixed TLP id (STIX 2.1 section 7.2.1.4)")
	}
	return probs
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
