package redact

// idIndex finds an object's index by its id's key. It is an
// open-addressing table of object indexes whose keys live in the objects
// themselves (objInfo.key), so it costs 4 bytes a slot, 5 to 11 bytes an
// object, where a map from idKey would cost some 40. The keys are keyed
// hashes already, so their low bits are uniform: linear probing needs no
// further mixing.
type idIndex struct {
	slots []int32 // object index + 1; 0 is an empty slot
	n     int
}

// lookup returns the index of the first object with key k.
func (x *idIndex) lookup(objs *objTable, k idKey) (int32, bool) {
	if len(x.slots) == 0 {
		return -1, false
	}
	mask := uint64(len(x.slots) - 1)
	for h := k.a & mask; ; h = (h + 1) & mask {
		s := x.slots[h]
		if s == 0 {
			return -1, false
		}
		if objs.at(s-1).key == k {
			return s - 1, true
		}
	}
}

// insert adds object i, whose key is not in the index yet.
func (x *idIndex) insert(objs *objTable, i int32) {
	if 4*(x.n+1) > 3*len(x.slots) {
		x.grow(objs)
	}
	x.place(objs.at(i).key, i)
	x.n++
}

func (x *idIndex) place(k idKey, i int32) {
	mask := uint64(len(x.slots) - 1)
	h := k.a & mask
	for x.slots[h] != 0 {
		h = (h + 1) & mask
	}
	x.slots[h] = i + 1
}

func (x *idIndex) grow(objs *objTable) {
	x.resize(objs, max(64, 2*len(x.slots)))
}

// reserve makes room for n objects without growing.
func (x *idIndex) reserve(objs *objTable, n int) {
	size := 64
	for 3*size < 4*n {
		size *= 2
	}
	if size > len(x.slots) {
		x.resize(objs, size)
	}
}

// resize rehashes the index into size slots, a power of two.
func (x *idIndex) resize(objs *objTable, size int) {
	old := x.slots
	x.slots = make([]int32, size)
	for _, s := range old {
		if s != 0 {
			x.place(objs.at(s-1).key, s-1)
		}
	}
}

// firstOf returns the index of the first object with key k, or -1.
func (ru *run) firstOf(k idKey) int32 {
	i, _ := ru.byID.lookup(&ru.objs, k)
	return i
}
