package redact

import "testing"

// TestGenerations: a generations map holds at most its limit, forgets
// what it learned longest ago, keeps what is set again, and sees both
// generations.
func TestGenerations(t *testing.T) {
	g := generations[int, int]{limit: 4}
	for k := range 10 {
		g.set(k, k*10)
		if g.len() > 4 {
			t.Fatalf("after %d sets: %d entries, limit 4", k+1, g.len())
		}
	}
	for k := range 10 {
		v, ok := g.get(k)
		if want := k >= 6; ok != want || ok && v != k*10 {
			t.Errorf("get(%d) = %d, %v; want held %v", k, v, ok, want)
		}
	}
	g.set(6, 61) // 6 is in the previous generation: set again, it stays
	g.set(10, 100)
	g.set(11, 110)
	if v, ok := g.get(6); !ok || v != 61 {
		t.Errorf("get(6) = %d, %v after setting it again; want 61, true", v, ok)
	}
	if _, ok := g.get(7); ok {
		t.Error("7, the oldest, is still held")
	}
	g.remove(6)
	if _, ok := g.get(6); ok {
		t.Error("6 is held after remove")
	}
}
