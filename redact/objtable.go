package redact

// objTable holds the objects' entries in pages, so that it grows without
// copying and without slack: a slice that doubles (or grows by a quarter,
// as append does past a few thousand entries) holds its old and new arrays
// at once while it copies, and the old one stays resident until the
// runtime gives it back. Pages keep the index's memory what it holds,
// within one page.
type objTable struct {
	pages [][]objInfo
	n     int32
}

const (
	objPageShift = 13 // 8,192 entries, 384 KB a page
	objPage      = 1 << objPageShift
	objPageMask  = objPage - 1
)

// at returns the entry of object i.
func (t *objTable) at(i int32) *objInfo {
	return &t.pages[i>>objPageShift][i&objPageMask]
}

// len returns the number of objects.
func (t *objTable) len() int32 { return t.n }

// add appends an entry. The first page grows as a slice does, so that a
// small input (one message of a Session) costs little; the others are
// made whole.
func (t *objTable) add(o objInfo) {
	p := int(t.n >> objPageShift)
	if p == len(t.pages) {
		size := objPage
		if p == 0 {
			size = 8
		}
		t.pages = append(t.pages, make([]objInfo, 0, size))
	}
	t.pages[p] = append(t.pages[p], o)
	t.n++
}

// reset empties the table, keeping its first page.
func (t *objTable) reset() {
	if len(t.pages) > 0 {
		clear(t.pages[1:])
		t.pages = t.pages[:1]
		t.pages[0] = t.pages[0][:0]
	}
	t.n = 0
}
