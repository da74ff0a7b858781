package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/airlock-cti/airlock/redact"
)

// progressLine shows a run's progress on one line of a terminal: objects,
// megabytes and rate, redrawn at most four times a second.
type progressLine struct {
	w            io.Writer
	start, shown time.Time
	drawn        bool
}

// newProgress returns a progress display on stderr when stderr is a
// terminal, and nil otherwise: pipelines and logs stay silent.
func newProgress(stderr io.Writer) *progressLine {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progressLine{w: stderr, start: time.Now()}
}

// update redraws the line; it is Options.Progress.
func (p *progressLine) update(pr redact.Progress) {
	now := time.Now()
	if now.Sub(p.shown) < 250*time.Millisecond {
		return
	}
	p.shown = now
	mb := float64(pr.Bytes) / 1e6
	rate := mb / now.Sub(p.start).Seconds()
	what := "reading"
	if pr.Pass == 2 {
		what = "writing"
	}
	fmt.Fprintf(p.w, "\r\033[Kairlock: %s: %d objects, %.1f MB, %.1f MB/s", what, pr.Objects, mb, rate)
	p.drawn = true
}

// clear erases the line before the command's last message.
func (p *progressLine) clear() {
	if p != nil && p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
