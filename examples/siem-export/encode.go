package main

import (
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// An encoder writes documents in a SIEM's ingest format.
type encoder interface {
	encode(w io.Writer, d *Document) error
}

// ecsNDJSON writes each document as one line of JSON, the form Elastic's
// bulk API and Filebeat's ndjson parser take.
type ecsNDJSON struct{}

func (ecsNDJSON) encode(w io.Writer, d *Document) error {
	return writeJSONLine(w, d)
}

// hecOptions write each document as a Splunk HTTP Event Collector event
// (the JSON body of /services/collector/event, which takes several events
// in one request): time in epoch seconds, source, sourcetype, index, and
// the ECS document as the event.
type hecOptions struct {
	Index      string
	Source     string
	Sourcetype string
}

// hecEvent is one HEC event.
type hecEvent struct {
	Time       json.Number `json:"time,omitempty"`
	Source     string      `json:"source,omitempty"`
	Sourcetype string      `json:"sourcetype,omitempty"`
	Index      string      `json:"index,omitempty"`
	Event      *Document   `json:"event"`
}

func (h hecOptions) encode(w io.Writer, d *Document) error {
	ev := hecEvent{Source: h.Source, Sourcetype: h.Sourcetype, Index: h.Index, Event: d}
	if t, err := time.Parse(time.RFC3339Nano, d.Timestamp); err == nil {
		ev.Time = json.Number(strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64))
	}
	return writeJSONLine(w, &ev)
}

// writeJSONLine writes v as one line of JSON, without escaping <, > and &
// (they are valid in JSON strings, and URLs read better unescaped).
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
