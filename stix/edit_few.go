package stix

import (
	"bytes"
	"slices"
)

// fewDeletions is how many deleted paths deletionSpans handles without
// maps: with so few, comparing keys one by one is cheaper than hashing
// them, and nothing is allocated once the Editor's buffers have grown.
const fewDeletions = 16

// A delGroup is a container that has deleted children: its path, and its
// key's place in Editor.keys.
type delGroup struct {
	parent Path
	key    Span
}

// A delEntry is a deleted path and the group of its container.
type delEntry struct {
	p     Path
	group int
}

// fewDeletionSpans is deletionSpans for at most fewDeletions paths, with
// the same results in the same order: path keys live in one buffer and
// are compared directly, groups are found by a linear search, and the
// containers of each depth are visited in the order of their paths, as
// in the general version.
func (e *Editor) fewDeletionSpans() ([]Span, []Path, error) {
	raw := e.o.raw
	keys := e.key[:0]
	keyOf := func(s Span) []byte { return keys[s.Start:s.End] }
	// Deduplicate, remembering each kept path's key.
	paths := e.fewPaths[:0]
	pathKeys := e.fewKeys[:0]
	for _, p := range e.dels {
		if len(p) == 0 {
			return nil, nil, &EditError{Path: p, Msg: "cannot delete the object itself"}
		}
		start := len(keys)
		keys = appendPathKey(keys, p)
		k := Span{start, len(keys)}
		if slices.ContainsFunc(pathKeys, func(o Span) bool { return bytes.Equal(keyOf(o), keyOf(k)) }) {
			keys = keys[:start]
			continue
		}
		paths = append(paths, p)
		pathKeys = append(pathKeys, k)
	}
	// Keep only outermost paths, grouped by container.
	groups := e.fewGroups[:0]
	entries := e.fewEntries[:0]
	group := func(parent Path) int {
		start := len(keys)
		keys = appendPathKey(keys, parent)
		k := Span{start, len(keys)}
		for g := range groups {
			if bytes.Equal(keyOf(groups[g].key), keyOf(k)) {
				keys = keys[:start]
				return g
			}
		}
		groups = append(groups, delGroup{parent: parent, key: k})
		return len(groups) - 1
	}
	depth := 0
	for _, p := range paths {
		under := false
		prefix := len(keys)
		for n := 1; n < len(p) && !under; n++ {
			keys = appendPathKey(keys, p[n-1:n])
			pk := Span{prefix, len(keys)}
			for _, o := range pathKeys {
				if bytes.Equal(keyOf(o), keyOf(pk)) {
					under = true
					break
				}
			}
		}
		keys = keys[:prefix]
		if under {
			continue
		}
		entries = append(entries, delEntry{p, group(p[:len(p)-1])})
		depth = max(depth, len(p)-1)
	}
	var emptied []Path
	spans := e.spans[:0]
	order := e.fewOrder[:0]
	for d := depth; d >= 0; d-- {
		order = order[:0]
		for g := range groups {
			if len(groups[g].parent) == d {
				order = append(order, g)
			}
		}
		slices.SortFunc(order, func(a, b int) int { return comparePaths(groups[a].parent, groups[b].parent) })
		for _, g := range order {
			parent := groups[g].parent
			ps, ok := lookup(raw, parent)
			if !ok || (raw[ps.Start] != '{' && raw[ps.Start] != '[') {
				continue // nothing there to delete
			}
			e.children = appendChildren(e.children[:0], raw, ps.Start)
			children := e.children
			deleted := slices.Grow(e.deleted[:0], len(children))[:len(children)]
			e.deleted = deleted
			all := true
			for i, c := range children {
				deleted[i] = false
				for _, en := range entries {
					if en.group == g && en.p[len(en.p)-1] == c.step {
						deleted[i] = true
						break
					}
				}
				all = all && deleted[i]
			}
			if !all {
				spans = appendChildDeletions(spans, children, deleted)
				continue
			}
			if len(parent) == 0 {
				return nil, nil, &EditError{Msg: "deletions would leave the object empty"}
			}
			emptied = append(emptied, parent)
			entries = append(entries, delEntry{parent, group(parent[:len(parent)-1])})
		}
	}
	e.key, e.fewPaths, e.fewKeys, e.fewGroups, e.fewEntries, e.fewOrder, e.spans = keys, paths, pathKeys, groups, entries, order, spans
	return spans, emptied, nil
}
