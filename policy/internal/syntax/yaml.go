package syntax

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	yaml "go.yaml.in/yaml/v4"
	"go.yaml.in/yaml/v4/plugin/loaderlimits"
)

// parseYAML builds the tree of a YAML source through go.yaml.in/yaml/v4's
// Node API. The library parses; this file decides what the nodes mean.
func parseYAML(x *lineIndex, lim Limits, errs *Errors) *Node {
	b := &builder{x: x, lim: lim, errs: errs}
	text := x.src[x.starts[0]:]
	if off, r, ok := firstNonPrintable(text); ok {
		// The YAML reader rejects these too, but without a position.
		errs.Add(x.pos(x.starts[0]+off), "", "control character U+%04X is not allowed", r)
		return nil
	}
	// The library checks flow and block nesting separately; its limit sits
	// one above ours so that our own check, which sees both and the path,
	// normally speaks first, and the library's only stops a source so deep
	// it is not worth building.
	tooDeep := loaderlimits.DepthFunc(func(depth int, _ *yaml.DepthContext) error {
		if depth > lim.MaxDepth+1 {
			return fmt.Errorf("nesting is deeper than %d levels", lim.MaxDepth)
		}
		return nil
	})
	loader, err := yaml.NewLoader(bytes.NewReader(text), yaml.WithPlugin(loaderlimits.New(tooDeep)))
	if err != nil {
		errs.Add(x.pos(x.starts[0]), "", "cannot read YAML: %v", err)
		return nil
	}
	var doc yaml.Node
	switch err := loader.Load(&doc); {
	case err == io.EOF:
		errs.Add(x.pos(x.starts[0]), "", "the policy is empty")
		return nil
	case err != nil:
		b.loadErrors(err)
		return nil
	}
	if len(doc.Content) == 0 {
		errs.Add(x.pos(x.starts[0]), "", "the policy is empty")
		return nil
	}
	root := b.node(doc.Content[0], "", 1)
	// One document only: a second could restate or contradict the first,
	// and a reader of the file would not know which one applies.
	var next yaml.Node
	switch err := loader.Load(&next); {
	case err == io.EOF:
	case err != nil:
		b.loadErrors(err)
	default:
		b.add(x.at(next.Line, next.Column), "", "a policy is a single YAML document; a second one starts here")
	}
	if b.stopped {
		return nil
	}
	return root
}

// loadErrors records the library's errors with their positions. A syntax
// error ends parsing, so there is one; a *yaml.LoadErrors can hold several.
func (b *builder) loadErrors(err error) {
	var list *yaml.LoadErrors
	if errors.As(err, &list) {
		for _, e := range list.Errors {
			b.loadError(e)
		}
		return
	}
	var one *yaml.LoadError
	if errors.As(err, &one) {
		b.loadError(one)
		return
	}
	b.add(b.x.pos(b.x.starts[0]), "", "cannot read YAML: %v", err)
}

func (b *builder) loadError(e *yaml.LoadError) {
	mark := e.Mark
	if mark.Line == 0 {
		mark = e.ContextMark
	}
	pos := b.x.at(mark.Line, mark.Column)
	msg, hint := e.Message, ""
	switch {
	case strings.HasPrefix(msg, "nesting is deeper than"):
		// Our own limit, from the loader plugin: place it where the
		// construct that went too deep starts, as the tree walk does.
		if e.ContextMark.Line > 0 {
			pos = b.x.at(e.ContextMark.Line, e.ContextMark.Column)
		}
		b.add(pos, "", "%s", msg)
		return
	case strings.HasPrefix(msg, "unknown anchor"):
		// The library's message quotes the anchor name.
		msg = "alias of an anchor that is not defined (anchors and aliases are not allowed)"
	case msg == "found incompatible YAML document":
		// The parser accepts no %YAML version but 1.1.
		msg = "unsupported %YAML version: the parser accepts only %YAML 1.1; remove the directive (scalars are resolved by the YAML 1.2 core schema either way)"
	case msg == "found character that cannot start any token" && b.x.byteAt(mark.Line, mark.Column) == '\t':
		msg = "a tab where YAML needs spaces: YAML indents with spaces only"
	case msg == "found invalid Unicode character escape code":
		// go-yaml/yaml#279: surrogate-pair escapes are rejected.
		hint = `; YAML does not accept surrogate pairs such as "\ud83d\ude00": write "\U0001F600"`
	}
	if e.ContextMsg != "" && e.ContextMark.Line > 0 && e.ContextMark != e.Mark {
		ctx := b.x.at(e.ContextMark.Line, e.ContextMark.Column)
		msg += fmt.Sprintf(" (%s that starts at line %d, column %d)", e.ContextMsg, ctx.Line, ctx.Col)
	}
	msg += hint
	b.add(pos, "", "%s", msg)
}

// firstNonPrintable finds the first character YAML does not allow in a
// stream (YAML 1.2.2 section 5.1, c-printable, as go.yaml.in/yaml/v4's
// reader applies it).
func firstNonPrintable(text []byte) (int, rune, bool) {
	for i, r := range string(text) {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF:
			return i, r, true
		}
	}
	return 0, 0, false
}

// coreTags are the tags a policy may write explicitly: the YAML 1.2 core
// schema's. Any other tag (custom, !!binary, !!timestamp, the non-specific
// "!") asks for a meaning this package does not give, so it is an error.
var coreTags = map[string]bool{
	"!!str": true, "!!int": true, "!!float": true, "!!bool": true,
	"!!null": true, "!!map": true, "!!seq": true,
}

func (b *builder) node(y *yaml.Node, path string, depth int) *Node {
	if b.stopped {
		return nil
	}
	pos := b.x.at(y.Line, y.Column)
	if !b.count(pos, path) {
		return nil
	}
	if y.Kind == yaml.AliasNode {
		// Aliases make a policy hard to review (the value is elsewhere)
		// and can expand exponentially.
		b.add(pos, path, "aliases are not allowed")
		return &Node{Pos: pos}
	}
	if y.Anchor != "" {
		b.add(pos, path, "anchors are not allowed")
	}
	explicit := y.Style&yaml.TaggedStyle != 0 || y.Tag == "!"
	if explicit && !coreTags[y.Tag] {
		b.add(pos, path, "tag %s is not allowed; only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are", Quote(y.Tag))
		return &Node{Pos: pos}
	}
	switch y.Kind {
	case yaml.MappingNode:
		if explicit && y.Tag != "!!map" {
			b.add(pos, path, "tag %s does not apply to a mapping", y.Tag)
			return &Node{Pos: pos}
		}
		if b.deep(pos, path, depth) {
			return nil
		}
		return b.mapping(y, pos, path, depth)
	case yaml.SequenceNode:
		if explicit && y.Tag != "!!seq" {
			b.add(pos, path, "tag %s does not apply to a list", y.Tag)
			return &Node{Pos: pos}
		}
		if b.deep(pos, path, depth) {
			return nil
		}
		n := &Node{Kind: KindList, Pos: pos, Items: make([]*Node, 0, len(y.Content))}
		for i, c := range y.Content {
			item := b.node(c, PathIndex(path, i), depth+1)
			if b.stopped {
				return nil
			}
			n.Items = append(n.Items, item)
		}
		return n
	case yaml.ScalarNode:
		return b.scalar(y, pos, path, explicit)
	}
	b.add(pos, path, "unexpected YAML node")
	return &Node{Pos: pos}
}

func (b *builder) mapping(y *yaml.Node, pos Pos, path string, depth int) *Node {
	n := &Node{Kind: KindMap, Pos: pos, Entries: make([]Entry, 0, len(y.Content)/2)}
	seen := make(map[string]Pos, len(y.Content)/2)
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		key, keyPos, ok := b.key(k, path)
		var val *Node
		if ok {
			val = b.node(v, PathKey(path, key), depth+1)
		} else {
			// Still look inside, for the problems a reader would want
			// reported with this one.
			val = b.node(v, path, depth+1)
		}
		if b.stopped {
			return nil
		}
		if !ok {
			continue
		}
		if first, dup := seen[key]; dup {
			b.add(keyPos, path, "duplicate key %s; first defined at line %d, column %d", Quote(key), first.Line, first.Col)
			continue
		}
		seen[key] = keyPos
		n.Entries = append(n.Entries, Entry{Key: key, KeyPos: keyPos, Value: val})
	}
	return n
}

// key checks a mapping key: a string scalar, with no merge, alias, anchor
// or tag other than !!str.
func (b *builder) key(k *yaml.Node, path string) (string, Pos, bool) {
	pos := b.x.at(k.Line, k.Column)
	switch {
	case k.Kind == yaml.AliasNode:
		b.add(pos, path, "aliases are not allowed")
		return "", pos, false
	case k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Style&yaml.TaggedStyle == 0 && isPlain(k):
		// A merge key copies entries from elsewhere, so the mapping a
		// reader sees is not the mapping that applies.
		b.add(pos, path, "merge keys (<<) are not allowed")
		return "", pos, false
	case k.Kind != yaml.ScalarNode:
		what := "a list"
		if k.Kind == yaml.MappingNode {
			what = "a mapping"
		}
		b.add(pos, path, "mapping keys must be strings, found %s", what)
		return "", pos, false
	}
	if k.Anchor != "" {
		b.add(pos, path, "anchors are not allowed")
	}
	explicit := k.Style&yaml.TaggedStyle != 0 || k.Tag == "!"
	if explicit && k.Tag != "!!str" {
		b.add(pos, path, "mapping keys must be strings; tag %s is not allowed here", Quote(k.Tag))
		return "", pos, false
	}
	if !explicit && isPlain(k) {
		if kind, _ := resolvePlain(k.Value); kind != KindString {
			b.add(pos, path, "mapping keys must be strings, found %s", describe(&Node{Kind: kind, Text: k.Value}))
			return "", pos, false
		}
	}
	return k.Value, pos, true
}

func isPlain(y *yaml.Node) bool {
	return y.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0
}

func (b *builder) scalar(y *yaml.Node, pos Pos, path string, explicit bool) *Node {
	n := &Node{Kind: KindString, Pos: pos, Value: y.Value, Text: y.Value}
	if !explicit {
		if isPlain(y) {
			n.Kind, n.Value = resolvePlain(y.Value)
		}
		return n
	}
	// An explicit core tag must fit its value: "!!int abc" is an error,
	// not a string.
	var ok bool
	switch y.Tag {
	case "!!str":
		return n
	case "!!null":
		n.Kind, n.Value, ok = KindNull, "", isCoreNull(y.Value)
	case "!!bool":
		n.Kind, ok = KindBool, isCoreBool(y.Value)
		_, n.Value = resolvePlain(y.Value)
	case "!!int":
		n.Kind, ok = KindNumber, isCoreInt(y.Value)
	case "!!float":
		n.Kind, ok = KindNumber, isCoreInt(y.Value) || isCoreFloat(y.Value)
	default: // !!map, !!seq
		b.add(pos, path, "tag %s does not apply to a scalar", y.Tag)
		return &Node{Pos: pos}
	}
	if !ok {
		b.add(pos, path, "the value does not match its tag %s", y.Tag)
		return &Node{Pos: pos}
	}
	return n
}
