package redact

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"testing"
	"unsafe"
)

// TestIndexEntrySizes holds the index to the sizes its memory budget is
// stated in (README, "Performance"): an object's entry and a match are
// small and hold no pointers.
func TestIndexEntrySizes(t *testing.T) {
	if n := unsafe.Sizeof(objInfo{}); n != 48 {
		t.Errorf("objInfo is %d bytes, want 48", n)
	}
	if n := unsafe.Sizeof(refInfo{}); n != 24 {
		t.Errorf("refInfo is %d bytes, want 24", n)
	}
	if n := unsafe.Sizeof(matchInfo{}); n != 24 {
		t.Errorf("matchInfo is %d bytes, want 24", n)
	}
}

func TestIDIndex(t *testing.T) {
	ru := &run{seedA: maphash.MakeSeed(), seedB: maphash.MakeSeed()}
	var keys []idKey
	// Keys whose low bits collide, and keys that differ only in b, probe
	// past each other.
	for i := 0; i < 5000; i++ {
		k := ru.key(fmt.Sprintf("indicator--%036d", i))
		if i%7 == 0 {
			k.a &^= 0xffff
		}
		if i%11 == 0 && i > 0 {
			k.a = keys[i-1].a
		}
		keys = append(keys, k)
		ru.objs.add(objInfo{key: k})
		ru.byID.insert(&ru.objs, int32(i))
		if i%500 == 0 {
			for j := 0; j <= i; j++ {
				if got, ok := ru.byID.lookup(&ru.objs, keys[j]); !ok || got != int32(j) {
					t.Fatalf("after %d inserts, key %d found at %d, %v", i+1, j, got, ok)
				}
			}
		}
	}
	if _, ok := ru.byID.lookup(&ru.objs, ru.key("indicator--absent")); ok {
		t.Error("an absent key was found")
	}
	if got := ru.firstOf(idKey{a: 1, b: 2}); got != -1 {
		t.Errorf("firstOf(absent) = %d, want -1", got)
	}
	if 4*ru.byID.n > 3*len(ru.byID.slots) {
		t.Errorf("load %d/%d above 3/4", ru.byID.n, len(ru.byID.slots))
	}
}

func TestRefFrom(t *testing.T) {
	// Objects 0 and 2 have no references; 1 has three, 3 has one.
	ru := &run{refs: make([]refInfo, 4)}
	for _, off := range []uint32{0, 0, 3, 3} {
		ru.objs.add(objInfo{refOff: off})
	}
	for ri, want := range []int32{1, 1, 1, 3} {
		if got := ru.refFrom(ri); got != want {
			t.Errorf("refFrom(%d) = %d, want %d", ri, got, want)
		}
	}
}

func TestObjTable(t *testing.T) {
	var tab objTable
	n := int32(3*objPage + 5)
	for round := 0; round < 2; round++ {
		for i := range n {
			tab.add(objInfo{reason: i})
		}
		if tab.len() != n {
			t.Fatalf("len %d, want %d", tab.len(), n)
		}
		for i := range n {
			if got := tab.at(i).reason; got != i {
				t.Fatalf("round %d: entry %d holds %d", round, i, got)
			}
		}
		// Whole pages past the first: no slack.
		for p, pg := range tab.pages[1:] {
			if cap(pg) != objPage {
				t.Errorf("page %d has room for %d, want %d", p+1, cap(pg), objPage)
			}
		}
		tab.reset()
		if tab.len() != 0 || len(tab.pages) != 1 {
			t.Fatalf("after reset: len %d, %d pages", tab.len(), len(tab.pages))
		}
	}
}

func TestKeyBytesIsKey(t *testing.T) {
	ru := &run{seedA: maphash.MakeSeed(), seedB: maphash.MakeSeed()}
	for _, id := range []string{"", "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f", "x--é"} {
		if ru.keyBytes([]byte(id)) != ru.key(id) {
			t.Errorf("keyBytes(%q) differs from key", id)
		}
	}
}

// TestHasUpper checks the eight-bytes-at-a-time test against the obvious
// one: every byte value at every position of words of every length, on a
// background of each byte value around the letters.
func TestHasUpper(t *testing.T) {
	slow := func(b []byte) bool {
		for _, c := range b {
			if 'A' <= c && c <= 'Z' {
				return true
			}
		}
		return false
	}
	for _, bg := range []byte{'a', '0', '-', '@', '[', 0x00, 0x7f, 0x80, 0xc1, 0xda, 0xff} {
		for n := 0; n <= 19; n++ {
			for pos := 0; pos < n; pos++ {
				for c := 0; c < 256; c++ {
					b := bytes.Repeat([]byte{bg}, n)
					b[pos] = byte(c)
					if got, want := hasUpper(b), slow(b); got != want {
						t.Fatalf("hasUpper(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}
