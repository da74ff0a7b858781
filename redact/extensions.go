package redact

import (
	"github.com/airlock-cti/airlock/stix"
)

// A toplevel-property-extension (STIX 2.1 section 7.3) adds its
// properties at the top level of the objects that use it, not inside
// their extensions entry; its definition lists them in
// extension_properties. When the definition is dropped (marked above the
// ceiling), the entry naming it goes, and so must the properties it
// added: they are the extension's as much as a property-extension's
// properties inside its entry are.

// toplevelExtension is the extension type whose properties lie at the top
// level of the object.
const toplevelExtension = "toplevel-property-extension"

// addExtensionProperties records the properties that the extension
// definition o adds at the top level of the objects that use it, under its
// id key (the union over its versions).
func (ru *run) addExtensionProperties(o *stix.Object, key idKey) {
	for q := range o.Items("extension_properties") {
		if q[0] != '"' {
			continue
		}
		if ru.extProps == nil {
			ru.extProps = map[idKey][]string{}
		}
		ru.extProps[key] = append(ru.extProps[key], jsonString(q))
	}
}

// dropExtensionProperties removes, with the entry at entry (extensions.<id>)
// whose definition is dropped, the top-level properties that definition
// added, when the entry says it is a toplevel-property-extension. A
// property whose removal would leave the object invalid or lower its
// markings, or a definition whose properties are not known (not in the
// input, or listing none), leaves no way to tell the extension's content
// from the object's: the object goes (errLateDrop; fail closed).
func (t *transformer) dropExtensionProperties(o *stix.Object, entry stix.Path, ri *refInfo, typ string, v20 bool, base Decision, del func(stix.Path, Decision)) error {
	s, ok := o.Lookup(entry.Append(stix.Key("extension_type")))
	if !ok || jsonString(o.Raw()[s.Start:s.End]) != toplevelExtension {
		return nil
	}
	props := t.ru.extProps[ri.target]
	if len(props) == 0 {
		return &errLateDrop{path: entry.String(), rule: "references", kind: "dropped-extension"}
	}
	for _, name := range props {
		p := stix.Path{stix.Key(name)}
		switch {
		case wholeRequired(typ, p, v20), name == "extensions", name == "object_marking_refs", name == "granular_markings":
			return &errLateDrop{path: entry.String(), rule: "references", kind: "dropped-extension"}
		}
		if vs, ok := o.ValueSpan(name); ok {
			d := base
			d.Rule, d.Action, d.Kind = "references", ActionRemove, "dropped-extension"
			d.Fingerprint = t.fingerprintJSON(o.Raw()[vs.Start:vs.End])
			del(p, d)
		}
	}
	return nil
}
