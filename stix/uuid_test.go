package stix

import (
	"errors"
	"strings"
	"testing"
)

func TestParseUUID(t *testing.T) {
	tests := []struct {
		in   string
		want UUID
	}{
		{"00abedb4-aa42-466c-9c01-fed23315a9b7", UUID{0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7}},
		{"00ABEDB4-AA42-466C-9C01-FED23315A9B7", UUID{0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7}},
		{"00abEDb4-aa42-466c-9C01-fed23315a9b7", UUID{0x00, 0xab, 0xed, 0xb4, 0xaa, 0x42, 0x46, 0x6c, 0x9c, 0x01, 0xfe, 0xd2, 0x33, 0x15, 0xa9, 0xb7}},
		{"00000000-0000-0000-0000-000000000000", UUID{}},
		{"ffffffff-ffff-ffff-ffff-ffffffffffff", UUID{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
	}
	for _, tt := range tests {
		got, err := ParseUUID(tt.in)
		if err != nil {
			t.Errorf("ParseUUID(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseUUID(%q) = %x, want %x", tt.in, got, tt.want)
		}
		if s := got.String(); s != strings.ToLower(tt.in) {
			t.Errorf("ParseUUID(%q).String() = %q", tt.in, s)
		}
	}
}

func TestParseUUIDRejects(t *testing.T) {
	tests := []struct {
		in     string
		offset int
	}{
		{"", 0},
		{"00abedb4-aa42-466c-9c01-fed23315a9b", 35},
		{"00abedb4-aa42-466c-9c01-fed23315a9b70", 36},
		{"{00abedb4-aa42-466c-9c01-fed23315a9b7}", 36},
		{"urn:uuid:00abedb4-aa42-466c-9c01-fed23315a9b7", 36},
		{"00abedb4aa42466c9c01fed23315a9b7", 32},
		{" 0abedb4-aa42-466c-9c01-fed23315a9b7", 0},
		{"00abedb4-aa42-466c-9c01-fed23315a9b ", 35},
		{"00abedb4_aa42-466c-9c01-fed23315a9b7", 8},
		{"00abedb4-aa42_466c-9c01-fed23315a9b7", 13},
		{"00abedb4-aa42-466c_9c01-fed23315a9b7", 18},
		{"00abedb4-aa42-466c-9c01_fed23315a9b7", 23},
		{"00abedb-4aa42-466c-9c01-fed23315a9b7", 7},
		{"g0abedb4-aa42-466c-9c01-fed23315a9b7", 0},
		{"0gabedb4-aa42-466c-9c01-fed23315a9b7", 1},
		{"00abedb4-aa42-466c-9c01-fed23315a9bG", 35},
		{"00abedb4-+a42-466c-9c01-fed23315a9b7", 9},
	}
	for _, tt := range tests {
		_, err := ParseUUID(tt.in)
		var se *UUIDSyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseUUID(%q) error = %v, want *UUIDSyntaxError", tt.in, err)
			continue
		}
		if se.Offset != tt.offset {
			t.Errorf("ParseUUID(%q) offset %d, want %d (%v)", tt.in, se.Offset, tt.offset, err)
		}
		if tt.in != "" && strings.Contains(err.Error(), tt.in) {
			t.Errorf("error %q repeats the input", err)
		}
	}
}

func TestUUIDVersion(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"00abedb4-aa42-466c-9c01-fed23315a9b7", 4},
		{"28bb3599-77cd-5a82-a950-b5bc3caf07c4", 5},
		{"6ba7b810-9dad-11d1-80b4-00c04fd430c8", 1},
		{"00000000-0000-0000-0000-000000000000", 0},
		{"ffffffff-ffff-ffff-ffff-ffffffffffff", 15},
	}
	for _, tt := range tests {
		u, err := ParseUUID(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.Version(); got != tt.want {
			t.Errorf("%s: Version() = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestNewUUIDv5(t *testing.T) {
	tests := []struct {
		source    string
		namespace string
		name      string
		want      string
	}{
		// RFC 9562 Appendix A.4, "Example of a UUIDv5 Value".
		{"RFC 9562 A.4", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com", "2ed6657d-e927-568b-95e1-2665a8aea6a2"},
		// The rest from python3: str(uuid.uuid5(uuid.UUID(namespace), name)).
		{"python uuid5, URL namespace", "6ba7b811-9dad-11d1-80b4-00c04fd430c8", "https://example.org/", "527dda32-a0de-5105-a042-cb475b5f7d11"},
		{"python uuid5, empty name", "00abedb4-aa42-466c-9c01-fed23315a9b7", "", "541cb4a8-fbf0-5832-816e-d17fd10b36c4"},
		// STIX 2.1 section 2.9, the ipv4-addr example.
		{"STIX 2.1 section 2.9", "00abedb4-aa42-466c-9c01-fed23315a9b7", `{"value":"198.51.100.3"}`, "28bb3599-77cd-5a82-a950-b5bc3caf07c4"},
	}
	for _, tt := range tests {
		ns, err := ParseUUID(tt.namespace)
		if err != nil {
			t.Fatal(err)
		}
		u := NewUUIDv5(ns, []byte(tt.name))
		if got := u.String(); got != tt.want {
			t.Errorf("%s: NewUUIDv5 = %s, want %s", tt.source, got, tt.want)
		}
		if got, _ := u.AppendText([]byte("x--")); string(got) != "x--"+tt.want {
			t.Errorf("%s: AppendText = %s, want x--%s", tt.source, got, tt.want)
		}
		if u.Version() != 5 {
			t.Errorf("%s: version %d", tt.source, u.Version())
		}
		if u[8]>>6 != 0b10 {
			t.Errorf("%s: variant bits %02b", tt.source, u[8]>>6)
		}
	}
}

func TestSCONamespace(t *testing.T) {
	want, err := ParseUUID("00abedb4-aa42-466c-9c01-fed23315a9b7")
	if err != nil {
		t.Fatal(err)
	}
	if SCONamespace != want || scoNamespace() != want {
		t.Fatalf("SCONamespace = %s, scoNamespace() = %s, want %s", SCONamespace, scoNamespace(), want)
	}
}
