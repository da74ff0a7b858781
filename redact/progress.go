package redact

// Progress says how far a run has got, for a progress display.
type Progress struct {
	// Pass is 1 while reading and indexing, 2 while transforming and
	// writing. RedactStream reports after each window, as pass 2.
	Pass int
	// Objects is the number of objects the pass has finished, of Total
	// (0 when not known).
	Objects, Total int
	// Bytes is how far into the input the pass is.
	Bytes int64
}

// progressEvery is how many objects go between two progress calls.
const progressEvery = 8192

// progress tells Options.Progress how far pass has got after n objects.
func (ru *run) progress(pass, n int) {
	f := ru.rd.progress
	if f == nil || n == 0 || ru.sess != nil {
		return
	}
	p := Progress{Pass: pass, Objects: n}
	if pass == 2 {
		p.Total = int(ru.objs.len())
	}
	if n <= len(ru.spans) {
		s := ru.spans[n-1]
		p.Bytes = s.Offset + int64(s.Len)
	}
	f(p)
}
