package redact

// generations is a map that forgets: it holds entries in two generations,
// lookups see both (the current first), and when the current one holds
// half the limit it becomes the previous one, and the previous one is
// forgotten. It never holds more than limit entries, so what a Session
// remembers stays bounded however long its stream runs, and what it
// forgets is what it learned longest ago.
//
// The zero value is not usable: set limit.
type generations[K comparable, V any] struct {
	cur, prev map[K]V
	limit     int
}

// get returns k's value and whether one is held.
func (g *generations[K, V]) get(k K) (V, bool) {
	if v, ok := g.cur[k]; ok {
		return v, true
	}
	v, ok := g.prev[k]
	return v, ok
}

// set makes v k's value, in the current generation.
func (g *generations[K, V]) set(k K, v V) {
	if _, ok := g.cur[k]; !ok && len(g.cur) >= max(g.limit/2, 1) {
		g.prev, g.cur = g.cur, nil
	}
	if g.cur == nil {
		g.cur = map[K]V{}
	}
	g.cur[k] = v
	delete(g.prev, k) // one entry per key, counted once
}

// remove forgets k.
func (g *generations[K, V]) remove(k K) {
	delete(g.cur, k)
	delete(g.prev, k)
}

// len returns the number of entries held.
func (g *generations[K, V]) len() int { return len(g.cur) + len(g.prev) }
