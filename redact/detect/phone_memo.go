package detect

import (
	"strings"
	"sync"
)

// phoneMemoSize bounds how many readings a phoneMemo keeps. Reports name
// few distinct numbers, again and again; when a stream of distinct ones
// fills the memo, it starts afresh.
const phoneMemoSize = 4096

// A phoneMemo remembers parsePhone's readings of the candidates a
// phoneDetector met, so that a number written again is read from the
// memo instead of by libphonenumber, whose parse dominates the cost of
// phone detection. parsePhone depends on nothing but its arguments, so a
// remembered reading is the reading. Safe for concurrent use: the
// detectors of one redactor serve all its workers.
type phoneMemo struct {
	mu       sync.Mutex
	readings map[phoneCandidate]phoneReading
}

// A phoneCandidate is a candidate's text in the view and the region it
// is read under.
type phoneCandidate struct{ text, region string }

// A phoneReading is what parsePhone returned for a candidate.
type phoneReading struct {
	value, country string
	ok             bool
}

func newPhoneMemo() *phoneMemo {
	return &phoneMemo{readings: make(map[phoneCandidate]phoneReading)}
}

// parse returns parsePhone(text, region), remembered.
func (p *phoneMemo) parse(text, region string) (value, country string, ok bool) {
	p.mu.Lock()
	r, seen := p.readings[phoneCandidate{text, region}]
	p.mu.Unlock()
	if seen {
		return r.value, r.country, r.ok
	}
	value, country, ok = parsePhone(text, region)
	// The key is cloned: text is a slice of the view, which would keep the
	// whole scanned string alive.
	k := phoneCandidate{strings.Clone(text), strings.Clone(region)}
	p.mu.Lock()
	if len(p.readings) >= phoneMemoSize {
		clear(p.readings)
	}
	p.readings[k] = phoneReading{value, country, ok}
	p.mu.Unlock()
	return value, country, ok
}
