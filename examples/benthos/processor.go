package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
	"github.com/airlock-cti/airlock/stix"
	"github.com/redpanda-data/benthos/v4/public/service"
)

// processorName is the processor's name in a Benthos configuration.
const processorName = "airlock"

// Metadata keys the processor sets.
const (
	// metaReport holds a compact summary of what was done (counts by
	// action, rule and kind; never a removed value), when report_metadata
	// is on.
	metaReport = "airlock_report"
	// metaAdded marks a message holding an object airlock made (the
	// redacting identity, a stamped statement definition).
	metaAdded = "airlock_added"
)

// Modes.
const (
	modeObject = "object"
	modeBatch  = "batch"
)

// processorSpec describes the processor's configuration.
func processorSpec() *service.ConfigSpec {
	return service.NewConfigSpec().
		Beta().
		Categories("Utility").
		Summary("Redacts STIX 2.1 content with an airlock policy before it crosses a boundary.").
		Description(`
Each message is one STIX object, or a bundle, TAXII 2.1 envelope, JSON list or
NDJSON batch (redacted as a whole, keeping its shape). A dropped object is
removed from the batch; objects airlock adds (the redacting identity, stamped
statement definitions) come as extra messages before the object that needs
them, with the metadata `+"`airlock_added: true`"+`. A message that cannot be
redacted is flagged with an error (route it with `+"`catch`"+` or a `+"`switch`"+` on
`+"`errored()`"+`) and, unless keep_failed_content is set, emptied, so that its
unredacted content goes no further.

In object mode single objects are redacted one at a time by a session, which
carries marking definitions and dropped and renamed ids from message to message
but cannot judge a reference to an object it has not seen. In batch mode the
single objects of each message batch are redacted together, as one window of
the same session, with the two-pass guarantees of a whole input (references
within the window are judged) and what earlier windows taught it.`).
		Fields(
			service.NewStringField("policy").
				Description("Path of the airlock policy file (YAML or JSON)."),
			service.NewStringField("key_file").
				Description("Path of the key file (at least 32 bytes, raw or hex). Empty: the key is read from the environment variable AIRLOCK_KEY (hex).").
				Default(""),
			service.NewStringField("destination").
				Description("Destination country (ISO 3166-1 alpha-2), overriding the policy's.").
				Default(""),
			service.NewStringField("identity").
				Description("Name of the redacting identity, overriding the policy's.").
				Default(""),
			service.NewStringListField("internal_domains").
				Description("Domains of the sender's own, added to the policy's internal namespace.").
				Default([]any{}),
			service.NewStringListField("internal_nets").
				Description("Networks (CIDR) of the sender's own, added to the policy's internal namespace.").
				Default([]any{}),
			service.NewBoolField("report_metadata").
				Description("Put a compact summary of what was done in the metadata key airlock_report (counts, never removed values).").
				Default(false),
			service.NewStringEnumField("mode", modeObject, modeBatch).
				Description("object: each message on its own, through a session. batch: the single objects of a message batch together, as one window.").
				Default(modeObject),
			service.NewBoolField("keep_failed_content").
				Description("Keep the content of a message that cannot be redacted (for a dead-letter output inside the boundary). By default it is emptied.").
				Default(false).
				Advanced(),
		).
		Example("Redact for a sector community", "", `
pipeline:
  processors:
    - airlock:
        policy: ./policies/community.yaml
        key_file: /etc/airlock/key
        internal_domains: [example.org]
`)
}

// registerAirlock registers the processor on env. Use an environment of
// your own (service.NewEnvironment()) rather than the global one, so that
// nothing registers itself behind your back.
func registerAirlock(env *service.Environment, getenv func(string) string) error {
	return env.RegisterBatchProcessor(processorName, processorSpec(),
		func(conf *service.ParsedConfig, mgr *service.Resources) (service.BatchProcessor, error) {
			return newProcessor(conf, mgr, getenv)
		})
}

// processor is the airlock processor.
type processor struct {
	rd         *redact.Redactor
	sess       *redact.Session
	mode       string
	report     bool
	keepFailed bool
	dest       string // for reports
	log        *service.Logger
}

// newProcessor compiles the configured policy.
func newProcessor(conf *service.ParsedConfig, mgr *service.Resources, getenv func(string) string) (*processor, error) {
	str := func(name string) string {
		s, _ := conf.FieldString(name)
		return s
	}
	list := func(name string) []string {
		l, _ := conf.FieldStringList(name)
		return l
	}
	path, err := conf.FieldString("policy")
	if err != nil {
		return nil, err
	}
	src, err := readFile(mgr.FS(), path)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	pol, err := policy.Load(path, src)
	if err != nil {
		return nil, err
	}
	key, err := readKey(mgr.FS(), str("key_file"), getenv)
	if err != nil {
		return nil, err
	}
	opts := &redact.Options{Key: key, Destination: str("destination"), Identity: str("identity"), InternalDomains: list("internal_domains")}
	for _, n := range list("internal_nets") {
		pfx, err := policy.ParseNetwork(n)
		if err != nil {
			return nil, fmt.Errorf("internal_nets: %q is not a network (CIDR, such as 203.0.113.0/24, or an address)", n)
		}
		opts.InternalNets = append(opts.InternalNets, pfx)
	}
	if (len(opts.InternalDomains) > 0 || len(opts.InternalNets) > 0) && pol.PII == nil {
		return nil, errors.New("internal_domains and internal_nets need a policy with a pii section")
	}
	rd, err := redact.Compile(pol, opts)
	if err != nil {
		return nil, err
	}
	mode := str("mode")
	if mode != modeObject && mode != modeBatch {
		return nil, fmt.Errorf("mode %q: want %s or %s", mode, modeObject, modeBatch)
	}
	p := &processor{rd: rd, sess: rd.NewSession(), mode: mode, dest: strings.ToUpper(opts.Destination), log: mgr.Logger()}
	if p.dest == "" {
		p.dest = pol.Destination.Jurisdiction
	}
	if p.report, err = conf.FieldBool("report_metadata"); err != nil {
		return nil, err
	}
	if p.keepFailed, err = conf.FieldBool("keep_failed_content"); err != nil {
		return nil, err
	}
	return p, nil
}

// ProcessBatch redacts a batch. Messages keep their order; dropped ones
// go, added ones come before the object that needs them.
func (p *processor) ProcessBatch(ctx context.Context, batch service.MessageBatch) ([]service.MessageBatch, error) {
	var out service.MessageBatch
	var window []*service.Message // batch mode: the single objects
	windowAt := -1                // where in out the window's output goes
	for _, m := range batch {
		b, err := m.AsBytes()
		if err != nil {
			out = append(out, p.failed(m, err))
			continue
		}
		single, err := isSingleObject(b)
		if err != nil {
			out = append(out, p.failed(m, err))
			continue
		}
		switch {
		case single && p.mode == modeBatch:
			if windowAt < 0 {
				windowAt = len(out)
			}
			window = append(window, m)
		case single:
			res, err := p.sess.Redact(ctx, b)
			if err != nil {
				out = append(out, p.failed(m, err))
				continue
			}
			if res.LateMarking {
				// Earlier messages that carried this marking were dropped
				// (it was unknown then).
				p.log.Warnf("airlock: a marking definition came after messages that used it; they failed closed")
			}
			if res.LateReferenced {
				// Earlier messages referred to this object, and went out
				// with its original id.
				p.log.Warnf("airlock: an object was dropped or renamed after messages that referred to it; they went out with its original id")
			}
			for _, a := range res.Add {
				out = append(out, added(m, a))
			}
			if res.Output != nil {
				o := m.Copy()
				o.SetBytes(res.Output)
				p.setReport(o, p.objectSummary(b, res))
				out = append(out, o)
			}
		default:
			res, rep, err := p.rd.RedactBytes(ctx, b)
			if err != nil {
				out = append(out, p.failed(m, err))
				continue
			}
			if rep.ObjectsOut > 0 {
				o := m.Copy()
				o.SetBytes(res)
				p.setReport(o, &rep.Summary)
				out = append(out, o)
			}
		}
	}
	if len(window) > 0 {
		w, err := p.redactWindow(ctx, window)
		if err != nil {
			// The window failed as a whole (each message was read on its
			// own first, so no one message is at fault): flag them all
			// rather than return the error, with which Benthos would pass
			// them on unredacted.
			w = w[:0]
			for _, m := range window {
				w = append(w, p.failed(m, err))
			}
		}
		out = append(out[:windowAt], append(w, out[windowAt:]...)...)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return []service.MessageBatch{out}, nil
}

// redactWindow redacts single-object messages together, as one window of
// the processor's session (so what earlier windows and messages dropped or
// renamed applies, and they learn what this one does), and returns one
// message per object of the output: the added objects first, then the
// surviving objects in input order. Output objects may be
// renamed, so they are not traced back to single messages: each is
// derived from the first message and carries only the metadata that every
// message of the window had in common.
func (p *processor) redactWindow(ctx context.Context, window []*service.Message) (service.MessageBatch, error) {
	var nd bytes.Buffer
	for _, m := range window {
		b, _ := m.AsBytes() // read before without error
		nd.Write(bytes.TrimSpace(b))
		nd.WriteByte('\n')
	}
	var res bytes.Buffer
	sum, err := p.sess.RedactWindow(ctx, &res, nd.Bytes(), nil)
	if err != nil {
		return nil, err
	}
	if sum.ObjectsOut == 0 {
		return nil, nil // everything dropped
	}
	if sum.LateMarkings > 0 || sum.LateReferenced > 0 {
		p.log.Warnf("airlock: a window defined %d markings that earlier messages used (they failed closed), and dropped or renamed %d objects that earlier messages referred to (they went out with the original ids)",
			sum.LateMarkings, sum.LateReferenced)
	}
	common := commonMetadata(window)
	r := stix.NewBytesReader(res.Bytes(), nil)
	var objs, add service.MessageBatch
	for n := 0; ; n++ {
		o, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		m := window[0].Copy()
		var drop []string
		_ = m.MetaWalk(func(k, _ string) error {
			if !common[k] {
				drop = append(drop, k)
			}
			return nil
		})
		for _, k := range drop {
			m.MetaDelete(k)
		}
		m.SetBytes(append([]byte(nil), o.Raw()...))
		p.setReport(m, sum)
		// Added objects come after the survivors in the window's output.
		if n >= sum.ObjectsOut-sum.Added {
			m.MetaSet(metaAdded, "true")
			add = append(add, m)
		} else {
			objs = append(objs, m)
		}
	}
	return append(add, objs...), nil
}

// commonMetadata returns the metadata keys whose values every message has
// alike.
func commonMetadata(ms []*service.Message) map[string]bool {
	common := map[string]bool{}
	_ = ms[0].MetaWalk(func(k, v string) error {
		for _, m := range ms[1:] {
			if w, ok := m.MetaGet(k); !ok || w != v {
				return nil
			}
		}
		common[k] = true
		return nil
	})
	return common
}

// failed flags a message that cannot be redacted. airlock's errors give
// positions, never content. Unless keep_failed_content is set, the
// message is emptied, so that its unredacted content cannot reach an
// output by mistake.
func (p *processor) failed(m *service.Message, err error) *service.Message {
	p.log.Errorf("airlock: message not redacted: %v", err)
	o := m.Copy()
	if !p.keepFailed {
		o.SetBytes([]byte{})
	}
	o.SetError(fmt.Errorf("airlock: %w", err))
	return o
}

// added returns a message for an object airlock made, derived from the
// message that needed it.
func added(m *service.Message, obj []byte) *service.Message {
	o := m.Copy()
	o.SetBytes(obj)
	o.MetaSet(metaAdded, "true")
	return o
}

// setReport puts the summary in the message's metadata, when configured.
func (p *processor) setReport(m *service.Message, s *redact.Summary) {
	if !p.report {
		return
	}
	b, err := json.Marshal(s)
	if err != nil {
		return
	}
	m.MetaSet(metaReport, string(b))
}

// objectSummary counts what a session did to one object (in) as a
// whole-input run counts it. The library keeps its counting to itself, so
// this repeats it.
func (p *processor) objectSummary(in []byte, res *redact.Result) *redact.Summary {
	pol := p.rd.Policy()
	s := &redact.Summary{
		Policy: pol.Name, Version: pol.Version, KeyID: p.rd.KeyID(), To: p.dest,
		ObjectsIn: 1, Added: len(res.Add), ObjectsOut: len(res.Add),
		ByRule: map[string]int{}, ByAction: map[string]int{}, ByKind: map[string]int{},
	}
	for _, d := range res.Decisions {
		s.ByRule[d.Rule]++
		s.ByAction[d.Action]++
		if d.Kind != "" {
			s.ByKind[d.Kind]++
		}
	}
	switch {
	case res.Output == nil:
		s.Dropped = 1
	case !bytes.Equal(res.Output, in):
		s.Changed = 1
		s.ObjectsOut++
	default:
		s.ObjectsOut++
	}
	return s
}

// Close releases nothing: the redactor holds no resources.
func (p *processor) Close(context.Context) error { return nil }

// isSingleObject reports whether msg holds one STIX object, as opposed to
// a bundle, envelope, list or NDJSON stream; an error is an input error.
func isSingleObject(msg []byte) (bool, error) {
	k, err := stix.DetectKind(msg)
	return k == stix.KindObject, err
}

// readFile reads a file through the environment's file system.
func readFile(fsys *service.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// readKey reads the key as the airlock command does: a key file (hex text
// of at least 64 digits, or raw bytes), or AIRLOCK_KEY (hex).
func readKey(fsys *service.FS, file string, getenv func(string) string) ([]byte, error) {
	if file == "" {
		k, _, err := redact.LoadKey("", getenv)
		if errors.Is(err, redact.ErrNoKey) {
			return nil, errors.New("no key: set key_file, or AIRLOCK_KEY (hex) in the environment")
		}
		return k, err
	}
	b, err := readFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	k, err := redact.ParseKey(b)
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", file, err)
	}
	return k, nil
}
