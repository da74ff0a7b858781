// Package syntax reads policy sources, YAML or JSON, into one positioned
// tree, and gives the policy decoder the error list and the small checks it
// needs to decode that tree strictly.
//
// # The tree
//
// [Parse] turns a source into a [Node] tree: mappings (with entries in
// source order), lists and scalars, each with the [Pos] where it starts
// (file, line, column in characters, byte offset). Both formats give the
// same tree, so the decoder above is written once. The format is chosen by
// the file name: ".json" is JSON, anything else YAML.
//
// YAML is parsed by go.yaml.in/yaml/v4 through its Node API, and this
// package decides what the nodes mean, more strictly than YAML does:
//
//   - One document. A second document is an error at its start.
//   - No anchors, aliases or merge keys (<<): they make a policy hard to
//     review, since a value is defined somewhere else, and aliases can
//     expand exponentially.
//   - Tags resolve by the YAML 1.2 core schema (YAML 1.2.2 section
//     10.3.2), not by the library's mix of 1.1 and 1.2: yes, no, on, off,
//     y and n are strings, 017 is the integer seventeen, 1_000 and
//     2001-12-14 are strings. A scalar's resolved [Kind] and its original
//     [Node.Text] are both kept, so the decoder can say "expected a string,
//     found a boolean (True)" and never take `tlp: no` as false. Only the
//     core tags may be written (!!str, !!int, !!float, !!bool, !!null,
//     !!map, !!seq); any other tag is an error.
//   - Mapping keys are strings; a repeated key is an error that names both
//     positions.
//   - Syntax errors come from the library's *yaml.LoadError values with
//     their line and column. The library stops at the first syntax error,
//     so a source has at most one (a broken second document reports that
//     error rather than its being a second document).
//   - The library accepts no %YAML directive but "%YAML 1.1"; scalars are
//     resolved by the 1.2 core schema whatever the directive says.
//
// JSON is read with encoding/json's tokenizer (Decoder.Token with
// UseNumber), so a JSON policy means exactly what JSON says: surrogate-pair
// escapes such as "\ud83d\ude00" work (the YAML library rejects them,
// go-yaml/yaml#279), numbers keep their text, a repeated key is an error,
// and so is anything after the top-level value.
//
// [Limits] bound the source size, the nesting depth, the number of values
// and the number of errors, in both formats.
//
// # Positions
//
// Lines are counted as each format's parser counts them: JSON breaks lines
// at CR, LF and CRLF; YAML, following the library (which keeps YAML 1.1's
// rule), also at NEL, LS and PS. Columns count characters (runes), because
// that is what the YAML library reports; [Pos.Offset] is in bytes.
//
// # Errors
//
// [Errors] collects every problem of a pass, each an [Error] with a
// position, a structural path like "rules[2].match" (built with [PathKey]
// and [PathIndex]) and a message that never repeats a long value from the
// source. Parse returns the tree together with its errors, so that the
// decoder can go on and report its own problems in the same pass; a value
// that could not be built is a [KindInvalid] node, which every helper here
// passes over in silence, so no problem is reported twice.
//
// # Strict decoding
//
// [CheckKeys] reports unknown keys with a "did you mean" suggestion
// ([Suggest]); [String], [Bool], [Int], [Float], [List], [StringList],
// [Map], [Enum] and [Required] each check one node and report what is
// wrong with it. A misspelled value is an error, never a default.
package syntax
