package stix

// A Parser reads single objects as ParseObject does, reusing its memory
// from call to call, for a caller that parses one object after another (a
// Session, a message consumer). The object it returns shares raw's memory
// and is valid until the next call. Its zero value is ready to use; it is
// not safe for concurrent use.
type Parser struct {
	r Reader
}

// Parse parses raw, which must hold exactly one STIX object, validating it
// as ParseObject does.
func (p *Parser) Parse(raw []byte, opts *ReaderOptions) (*Object, error) {
	p.r.resetBytes(raw, opts)
	return parseOne(&p.r, raw)
}
