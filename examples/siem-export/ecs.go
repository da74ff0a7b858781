package main

// The Elastic Common Schema fields written here, as ECS defines them
// (elastic/ecs schemas/threat.yml and the "Threat fields usage and examples"
// page, elastic.co/docs/reference/ecs/ecs-threat-usage; the file and url
// field sets are reused under threat.indicator):
//
//	@timestamp                         date     the indicator's modified
//	ecs.version                        keyword  required by Elastic Security
//	event.kind                         keyword  "enrichment": threat intelligence
//	event.category                     keyword  ["threat"] (an array: ECS normalises it so)
//	event.type                         keyword  ["indicator"] (an array, likewise)
//	event.id                           keyword  the STIX indicator id and the comparison's index
//	threat.feed.name                   keyword  the feed, in UI-friendly form
//	threat.indicator.type              keyword  the STIX Cyber-observable type: ipv4-addr,
//	                                            ipv6-addr, domain-name, url, email-addr, file
//	threat.indicator.ip                ip       an IPv4 or IPv6 address (not a network)
//	threat.indicator.url.domain        keyword  a domain name
//	threat.indicator.url.full          keyword  a URL
//	threat.indicator.email.address     keyword  an email address
//	threat.indicator.file.hash.*       keyword  md5, sha1, sha256, sha384, sha512, ssdeep, tlsh
//	threat.indicator.description       keyword  the indicator's description (or name)
//	threat.indicator.confidence        keyword  None, Low, Medium, High: STIX 2.1
//	                                            Appendix A's None/Low/Med/High scale
//	threat.indicator.marking.tlp       keyword  WHITE, CLEAR, GREEN, AMBER, AMBER+STRICT, RED
//	threat.indicator.provider          keyword  the name of the indicator's creator
//	threat.indicator.modified_at       date     the indicator's modified

// ecsVersion is the ECS version the documents follow: 8.x has every field
// above, TLP 2.0's CLEAR and AMBER+STRICT among the marking values.
const ecsVersion = "8.11.0"

// A Document is one ECS threat indicator document.
type Document struct {
	Timestamp string  `json:"@timestamp"`
	ECS       ecsMeta `json:"ecs"`
	Event     Event   `json:"event"`
	Threat    Threat  `json:"threat"`
}

type ecsMeta struct {
	Version string `json:"version"`
}

// Event holds the event.* categorisation fields.
type Event struct {
	Kind     string   `json:"kind"`
	Category []string `json:"category"`
	Type     []string `json:"type"`
	ID       string   `json:"id,omitempty"`
}

// Threat holds threat.feed and threat.indicator.
type Threat struct {
	Feed      Feed      `json:"feed"`
	Indicator Indicator `json:"indicator"`
}

// Feed is threat.feed.
type Feed struct {
	Name string `json:"name"`
}

// Indicator is threat.indicator: one observable value with the context of
// the STIX indicator it came from.
type Indicator struct {
	Type        string   `json:"type"`
	IP          string   `json:"ip,omitempty"`
	URL         *URL     `json:"url,omitempty"`
	Email       *Email   `json:"email,omitempty"`
	File        *File    `json:"file,omitempty"`
	Description string   `json:"description,omitempty"`
	Confidence  string   `json:"confidence,omitempty"`
	Marking     *Marking `json:"marking,omitempty"`
	Provider    string   `json:"provider,omitempty"`
	ModifiedAt  string   `json:"modified_at,omitempty"`
}

// URL is threat.indicator.url.
type URL struct {
	Domain string `json:"domain,omitempty"`
	Full   string `json:"full,omitempty"`
}

// Email is threat.indicator.email.
type Email struct {
	Address string `json:"address"`
}

// File is threat.indicator.file.
type File struct {
	Hash map[string]string `json:"hash"`
}

// Marking is threat.indicator.marking.
type Marking struct {
	TLP string `json:"tlp"`
}

// confidenceLabel maps a STIX confidence (0-100) to ECS's labels, using
// the None/Low/Med/High scale of STIX 2.1 Appendix A (0 is None, 1-29 Low,
// 30-69 Med, 70-100 High), which ECS names as its scale.
func confidenceLabel(c int) string {
	switch {
	case c <= 0:
		return "None"
	case c < 30:
		return "Low"
	case c < 70:
		return "Medium"
	}
	return "High"
}
