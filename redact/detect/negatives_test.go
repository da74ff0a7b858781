package detect

// collectMatches runs d on s and returns what it found.
func collectMatches(d Detector, s string) []Match {
	var got []Match
	d.Detect(NewText(s), func(m Match) { got = append(got, m) })
	return got
}
