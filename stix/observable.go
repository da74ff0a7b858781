package stix

// IsObservable reports whether o is a STIX Cyber-observable Object (STIX
// 2.1 section 6): of a type the specification defines as one, or of a
// custom type that is one. An object of a custom type is an SCO when an
// extension of its own defines its type as one (an extensions entry whose
// extension_type is "new-sco", section 7.3), and is not one when such an
// entry says "new-sdo" or "new-sro". Without either, it is an SCO when it
// has neither created nor modified: SDOs, SROs, language contents and
// extension definitions require both, a marking definition created
// (section 3.2 and sections 4, 5 and 7); SCOs have neither.
//
// A redactor needs to know: an SCO has no creator (created_by_ref does
// not apply to it) and its id may be a hash of its values.
func IsObservable(o *Object) bool {
	switch classOf(o.Type()) {
	case classSCO:
		return true
	case classCustom:
	default:
		return false
	}
	if s, ok := o.ValueSpan("extensions"); ok && o.raw[s.Start] == '{' {
		says := ""
		forEachMember(o.raw, s.Start, func(_, value Span) bool {
			if o.raw[value.Start] != '{' {
				return true
			}
			if et, ok := memberOf(o.raw, value, "extension_type"); ok && o.raw[et.Start] == '"' {
				switch t := unquote(o.raw[et.Start:et.End]); t {
				case "new-sco", "new-sdo", "new-sro":
					says = t
					return false
				}
			}
			return true
		})
		if says != "" {
			return says == "new-sco"
		}
	}
	return !o.Has("created") && !o.Has("modified")
}
