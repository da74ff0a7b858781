package redact

import "github.com/airlock-cti/airlock/stix"

// stripFrame returns the frame to write the output in: the input's,
// without the wrapper's members that STIX and TAXII do not define (see
// stix.Frame.Strip), each reported as removed, of kind "wrapper-property",
// on the bundle (its id) or the envelope, and named by its path unless
// it could be data (see stix.IsPropertyName) or holds personal data the
// policy covers: then by a fingerprint. What lies there (an x_ property
// on a bundle, say) is not a STIX object, so no policy can judge it: it
// never leaves (fail closed).
func (ru *run) stripFrame(sum *Summary, rep Reporter) (*stix.Frame, error) {
	f, others := ru.frame.Strip()
	for _, name := range others {
		d := Decision{Object: f.ID(), Type: f.Kind().String(), Rule: "stix", Action: ActionRemove, Kind: "wrapper-property"}
		if stix.IsPropertyName(name) && (ru.pii == nil || !ru.pii.holdsPersonal(ru.detectScratch(), name, -1)) {
			d.Path = name
		} else {
			// A name that is no property name may be data itself, and
			// so may one that holds personal data (a card number).
			d.Fingerprint = ru.rd.keys.fingerprintOf([]byte(name))
		}
		sum.count(&d)
		if rep != nil {
			if err := rep.Report(d); err != nil {
				return nil, err
			}
		}
	}
	return f, nil
}
