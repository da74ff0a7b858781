// Package policy is airlock's policy language: what may leave the
// organisation, for whom, under which identity. A policy is a YAML or JSON
// file; Load decodes it strictly into a Policy and reports every problem it
// finds in one pass, each with file:line:col and a structural path such as
// "objects[2].where[0]": an unknown key is an error (with a "did you mean"
// suggestion), and so is a misspelled level, never read as some default.
//
// The format is documented in docs/policy.md. A policy says:
//
//   - markings: the highest TLP (and PAP) level allowed out, how to treat
//     objects without a TLP marking (the policy must say), unknown markings
//     (dropped by default), statement markings, handling-marking
//     extensions, and markings to stamp on the output;
//   - objects: rules that drop objects or remove properties by type and
//     property values;
//   - references, ids (derive new ids for changed objects, as STIX 2.1
//     section 3.5 requires, or keep them), the redacting identity, and
//     public sources whose objects are never edited;
//   - tests: inputs and the outcomes the policy must give, run by
//     `airlock test`.
//
// A Policy is plain data: redact.Compile turns it into a redactor.
package policy
