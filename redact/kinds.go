package redact

import (
	"sync"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact/detect"
)

// kindID stands for a personal-data kind ("email", "phone", a third-party
// detector's own) in the index, so that a match holds no pointer and the
// collector never scans the match arena. Kinds come from detectors, not
// from input, so the registry stays small.
type kindID uint32

// kindRegistry maps kinds to their ids, for every run of the process; it
// only grows.
var kindRegistry = func() *kinds {
	k := &kinds{ids: map[string]kindID{}}
	for _, name := range policy.Kinds {
		k.id(name)
	}
	return k
}()

type kinds struct {
	mu    sync.RWMutex
	names []string
	ids   map[string]kindID
}

// id returns the id of kind name, registering it.
func (k *kinds) id(name string) kindID {
	k.mu.RLock()
	id, ok := k.ids[name]
	k.mu.RUnlock()
	if ok {
		return id
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if id, ok := k.ids[name]; ok {
		return id
	}
	id = kindID(len(k.names))
	k.names = append(k.names, name)
	k.ids[name] = id
	return id
}

// The kinds the engine itself tells apart.
var (
	kindEmail      = kindOf(string(detect.Email))
	kindIPv4       = kindOf(string(detect.IPv4))
	kindIPv6       = kindOf(string(detect.IPv6))
	kindPhone      = kindOf(string(detect.Phone))
	kindPersonName = kindOf(string(detect.PersonName))
)

// kindOf returns the id of a kind.
func kindOf(name string) kindID { return kindRegistry.id(name) }

// String returns the kind's name.
func (id kindID) String() string {
	kindRegistry.mu.RLock()
	defer kindRegistry.mu.RUnlock()
	return kindRegistry.names[id]
}
