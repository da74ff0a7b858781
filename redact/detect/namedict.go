package detect

import (
	"embed"
	"hash/maphash"
	"strings"
	"sync"
)

// nameFlags says how a dictionary word may be used.
type nameFlags uint8

const (
	givenName   nameFlags = 1 << iota
	surname               // follows a given name
	familyFirst           // also precedes a given name (East Asian order)
)

//go:embed data/*.txt
var nameData embed.FS

// loadNameDictionary reads the embedded name lists into a map from the
// folded word to its flags (a word no list holds has none).
func loadNameDictionary() map[string]nameFlags {
	files := []struct {
		name  string
		flags nameFlags
	}{
		{"data/census1990-given.txt", givenName},
		{"data/census1990-surnames.txt", surname},
		{"data/world-given.txt", givenName},
		{"data/world-surnames.txt", surname},
		{"data/world-family-first.txt", surname | familyFirst},
		{"data/modern-given.txt", givenName},
	}
	dict := make(map[string]nameFlags, 8192)
	for _, f := range files {
		data, err := nameData.ReadFile(f.name)
		if err != nil {
			panic("detect: embedded name list missing: " + f.name) // a build error, not an input error
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			k := foldName(line)
			dict[k] |= f.flags
		}
	}
	return dict
}

// A nameDict is the name lists' words and their flags in one table
// without pointers, built once and shared by every detector: the
// collector never walks its thousands of words, and compiling a policy
// does not read the lists again. Never written after it is built.
type nameDict struct {
	words []byte     // the folded words, one after another
	slots []nameSlot // open addressing; the length is a power of two
	seed  maphash.Seed
}

// A nameSlot is one word of nameDict.words and its flags; n is 0 in an
// empty slot (no word is empty).
type nameSlot struct {
	off   uint32
	n     uint16
	flags nameFlags
}

// sharedNameDict returns the dictionary of the embedded name lists.
var sharedNameDict = sync.OnceValue(func() *nameDict { return newNameDict(loadNameDictionary()) })

// newNameDict packs words into a nameDict, its table at most half full.
func newNameDict(words map[string]nameFlags) *nameDict {
	size := 1
	for size < 2*len(words) {
		size *= 2
	}
	d := &nameDict{slots: make([]nameSlot, size), seed: maphash.MakeSeed()}
	for w, f := range words {
		if len(w) == 0 || len(w) > 0xffff || f == 0 {
			continue
		}
		i := d.home(w)
		for d.slots[i].n != 0 {
			i = (i + 1) & uint64(len(d.slots)-1)
		}
		d.slots[i] = nameSlot{off: uint32(len(d.words)), n: uint16(len(w)), flags: f}
		d.words = append(d.words, w...)
	}
	return d
}

func (d *nameDict) home(w string) uint64 {
	return maphash.String(d.seed, w) & uint64(len(d.slots)-1)
}

// flags returns the flags of the folded word w, 0 when no list holds it.
func (d *nameDict) flags(w []byte) nameFlags {
	mask := uint64(len(d.slots) - 1)
	for i := maphash.Bytes(d.seed, w) & mask; ; i = (i + 1) & mask {
		s := d.slots[i]
		switch {
		case s.n == 0:
			return 0
		case int(s.n) == len(w) && string(d.words[s.off:s.off+uint32(s.n)]) == string(w):
			return s.flags
		}
	}
}
