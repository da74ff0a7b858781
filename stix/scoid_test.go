package stix

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSCOID checks computed ids against known values. Where each expected
// value comes from:
//
//   - "spec": the example object in the STIX 2.1 section named, whose id
//     the spec prints (oasis-tcs/cti-stix2 spec/stix-v2.1.md). Not every
//     spec example reproduces: the file with parent_directory_ref (6.7,
//     file--39643577-...) and the archive file (6.7.2, file--9a1f834d-...)
//     give other ids under the spec's own rule, with or without those
//     properties, so they are not used.
//   - "python": computed independently with python3 3.11,
//     uuid.uuid5(uuid.UUID('00abedb4-aa42-466c-9c01-fed23315a9b7'),
//     json.dumps(d, separators=(',',':'), sort_keys=True, ensure_ascii=False))
//     where d holds the contributing properties, hashes already reduced to
//     the one preferred hash. That recipe equals RFC 8785 only for integers
//     and for names without supplementary characters (see
//     TestCanonicalJSONDiffersFromPythonDumps), so d holds the numbers as
//     python ints: a raw 49152.0 is canonicalised to 49152 by JCS, while
//     json.dumps(49152.0) would give "49152.0" and another id.
func TestSCOID(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want string
	}{
		// Must reproduce (STIX 2.1 sections 2.9, 6.4, 6.5).
		{"spec 2.9 ipv4-addr", `{"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--00000000-0000-4000-8000-000000000000","value":"198.51.100.3"}`,
			"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"},
		{"spec 6.5 email-addr", `{"type":"email-addr","spec_version":"2.1","id":"email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934","value":"john@example.com","display_name":"John Doe"}`,
			"email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934"},
		{"spec 6.4 domain-name", `{"type":"domain-name","spec_version":"2.1","id":"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7","value":"example.com","resolves_to_refs":["ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4"]}`,
			"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7"},

		// Input form does not matter: member order, whitespace, escapes.
		{"spec 6.4, type last, whitespace", "{ \"value\" : \"example.com\" ,\n \"type\" : \"domain-name\" }",
			"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7"},
		{"spec 6.4, escaped value", `{"type":"domain-name","value":"ex\u0061mple\u002ecom"}`,
			"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7"},
		{"spec 6.4, escaped member name", `{"type":"domain-name","v\u0061lue":"example.com"}`,
			"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7"},

		// Further spec examples that reproduce.
		{"spec 6.2 autonomous-system", `{"type":"autonomous-system","spec_version":"2.1","id":"autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff","number":15139,"name":"Slime Industries","rir":"ARIN"}`,
			"autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff"},
		{"spec 6.2, number written 15139.0", `{"type":"autonomous-system","number":15139.0}`,
			"autonomous-system--3aa27478-50b5-5ab8-9da9-cdc12b657fff"},
		{"spec 6.3 directory", `{"type":"directory","spec_version":"2.1","id":"directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622","path":"C:\\Windows\\System32"}`,
			"directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622"},
		{"spec 6.7 file", `{"type":"file","spec_version":"2.1","id":"file--949eb97a-da1e-5292-8959-03c4249dc9f3","hashes":{"SHA-256":"fe90a7e910cb3a4739bed9180e807e93fa70c90f25a8915476f5e4bfbac681db"},"size":25536,"name":"foo.dll"}`,
			"file--949eb97a-da1e-5292-8959-03c4249dc9f3"},
		{"spec 6.7 file, non-ASCII name", `{"type":"file","spec_version":"2.1","id":"file--7d1e3a18-89e7-5bc5-be36-9879f5b7f5c8","hashes":{"SHA-256":"841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649"},"name":"quêry.dll","name_enc":"windows-1252"}`,
			"file--7d1e3a18-89e7-5bc5-be36-9879f5b7f5c8"},
		{"spec 6.7 file, name escaped", `{"type":"file","hashes":{"SHA-256":"841a8921140aba50671ebb0770fecc4ee308c4952cfeff8de154ab14eeef4649"},"name":"qu\u00eary.dll"}`,
			"file--7d1e3a18-89e7-5bc5-be36-9879f5b7f5c8"},
		{"spec 6.13 file", `{"type":"file","spec_version":"2.1","id":"file--3eb55c0e-fe96-588b-a7ab-10f55f7ec596","name":"gedit-bin","hashes":{"SHA-256":"aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"}}`,
			"file--3eb55c0e-fe96-588b-a7ab-10f55f7ec596"},
		{"spec 6.14 software", `{"type":"software","spec_version":"2.1","id":"software--710b0b41-d4d0-5d6c-a400-fc9254554ffc","name":"Word","cpe":"cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*","version":"2002","vendor":"Microsoft"}`,
			"software--710b0b41-d4d0-5d6c-a400-fc9254554ffc"},
		{"spec 6.16 user-account", `{"type":"user-account","spec_version":"2.1","id":"user-account--f94d689e-707d-58c3-b803-c720bb6ed096","user_id":"1001","account_login":"jdoe","account_type":"unix","display_name":"John Doe","is_service_account":false,"is_privileged":false,"can_escalate_privs":true,"extensions":{"unix-account-ext":{"gid":1001,"groups":["wheel"],"home_dir":"/home/jdoe","shell":"/bin/bash"}}}`,
			"user-account--f94d689e-707d-58c3-b803-c720bb6ed096"},
		{"spec 6.17 windows-registry-key", `{"type":"windows-registry-key","spec_version":"2.1","id":"windows-registry-key--1884b770-b679-522a-a9c7-45fadaaec7bb","key":"HKEY_LOCAL_MACHINE\\System\\Foo\\Bar"}`,
			"windows-registry-key--1884b770-b679-522a-a9c7-45fadaaec7bb"},
		{"spec 6.17 windows-registry-key with values", `{"type":"windows-registry-key","spec_version":"2.1","id":"windows-registry-key--f6a11ddf-fa2b-54c8-97ab-e7f28413095a","key":"hkey_local_machine\\system\\bar\\foo","values":[{"name":"Foo","data":"qwerty","data_type":"REG_SZ"},{"name":"Bar","data":"42","data_type":"REG_DWORD"}]}`,
			"windows-registry-key--f6a11ddf-fa2b-54c8-97ab-e7f28413095a"},

		// Non-ASCII values (python).
		{"python email-addr non-ASCII", `{"type":"email-addr","value":"jürgen.müller@exämple.de"}`,
			"email-addr--d842def9-249f-56a6-8a52-72cb2e75b789"},
		{"python domain-name IDN", `{"type":"domain-name","value":"bücher.example"}`,
			"domain-name--dbf3aff2-b3cd-57d2-9616-0ddfde9d01ad"},
		{"python url Cyrillic", `{"type":"url","value":"https://пример.example/путь?q=ü"}`,
			"url--a200177f-b310-5ad3-adca-a5a5b4eeae10"},
		{"python mutex with emoji", `{"type":"mutex","name":"Global\\€vil😈"}`,
			"mutex--898a3eed-700f-55bb-a426-7af153728003"},
		{"python mutex with emoji escaped", `{"type":"mutex","name":"Global\\\u20acvil\ud83d\ude08"}`,
			"mutex--898a3eed-700f-55bb-a426-7af153728003"},
		{"python directory", `{"type":"directory","path":"C:\\Users\\Zoë\\Документы","ctime":"2024-01-01T00:00:00Z"}`,
			"directory--717d4948-cc97-58cf-b383-bb3b9a285891"},
		{"python software", `{"type":"software","name":"Wörd","vendor":"Mícrosoft","languages":["de"]}`,
			"software--ddd41d30-0299-592a-a254-ab8ecd31de44"},

		// Hashes: one hash, MD5 > SHA-1 > SHA-256 > SHA-512, else the first
		// (python, with d holding the chosen hash only).
		{"python file, MD5 chosen though listed last", `{"type":"file","hashes":{"SHA-512":"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e","SHA-256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","SHA-1":"da39a3ee5e6b4b0d3255bfef95601890afd80709","MD5":"d41d8cd98f00b204e9800998ecf8427e"},"name":"report.pdf","size":0}`,
			"file--23416895-7ec9-51a4-94b0-6aa55e80fc98"},
		{"python file, SHA-256 over SHA-512", `{"type":"file","name":"empty.txt","hashes":{"SHA-512":"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e","SHA-256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}}`,
			"file--c97c3571-b95c-58fc-a339-0b9202c3fe96"},
		{"python file, no preferred hash: first", `{"type":"file","hashes":{"SSDEEP":"3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C","TLSH":"T1A5A1022B3D0D4A4C2B0E0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0"}}`,
			"file--6d7d0480-651b-5eac-9068-52f0bc293f24"},
		{"python x509-certificate, SHA-1 over SHA-256", `{"type":"x509-certificate","hashes":{"SHA-256":"6db12788c37247f2316052e142f42f4b259d6561751e5f401a1ae2a6df9c674b","SHA-1":"5d4e3c5e8c0e1f7a1cf0c1b5dd4c4a8e2c1b3a9f"},"serial_number":"36:f7:d4:32:f4:ab:70:ea:d3:ce:98:6e:ea:99:93:49:32:0a:b7:06","issuer":"C=ZA, O=Example"}`,
			"x509-certificate--50dcb516-cf62-5624-b835-9f351291b3c2"},
		{"python artifact", `{"type":"artifact","mime_type":"image/png","payload_bin":"VBORw0KGgoAAAANSUhEUgAAADI=","hashes":{"SHA-256":"6db12788c37247f2316052e142f42f4b259d6561751e5f401a1ae2a6df9c674b"}}`,
			"artifact--2a6c8d14-6c5b-5bf1-a617-19fb72ef390a"},

		// Numbers, refs and lists (python, ports as ints: see above).
		{"python network-traffic, 49152.0 and 8e1", `{"type":"network-traffic","start":"2024-03-01T10:00:00Z","src_ref":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","dst_ref":"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7","src_port":49152.0,"dst_port":8e1,"protocols":["ipv4","tcp","http"],"src_byte_count":1200}`,
			"network-traffic--4b93c5f9-7d6b-5a1c-b713-d376740da7b6"},
		{"python network-traffic, integers", `{"type":"network-traffic","protocols":["ipv4","tcp","http"],"dst_port":80,"src_port":49152,"dst_ref":"domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7","src_ref":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","start":"2024-03-01T10:00:00Z"}`,
			"network-traffic--4b93c5f9-7d6b-5a1c-b713-d376740da7b6"},
		{"python email-message", `{"type":"email-message","is_multipart":false,"from_ref":"email-addr--7165e2a9-671f-585d-b1e1-ca59c671d934","to_refs":["email-addr--d842def9-249f-56a6-8a52-72cb2e75b789"],"subject":"Rechnung für März","body":"Sehr geehrte Damen und Herren,\n\nanbei die Rechnung."}`,
			"email-message--6aff9bf7-902a-5250-9995-e72463691a0f"},
		{"python user-account", `{"type":"user-account","account_type":"windows-domain","user_id":"S-1-5-21-1004336348-1177238915-682003330-512","account_login":"ZOË\\zoe","display_name":"Zoë"}`,
			"user-account--1886db14-fbde-5245-bd8d-dadf2996b4b4"},
		{"python ipv6-addr", `{"type":"ipv6-addr","value":"2001:db8::1"}`,
			"ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26"},
		{"python mac-addr", `{"type":"mac-addr","value":"d2:fb:49:24:37:18"}`,
			"mac-addr--757b1725-9903-54f5-a855-1240691d7659"},
	}
	for _, tt := range tests {
		id, ok, err := SCOID([]byte(tt.raw))
		if err != nil || !ok {
			t.Errorf("%s: SCOID = %q, %v, %v", tt.name, id, ok, err)
			continue
		}
		if id != tt.want {
			t.Errorf("%s: SCOID = %s, want %s", tt.name, id, tt.want)
		}
	}
}

// TestSCOIDValuesMatter checks that every contributing property of a type
// changes the id and that other properties do not.
func TestSCOIDValuesMatter(t *testing.T) {
	base := `{"type":"network-traffic","start":"2024-03-01T10:00:00Z","end":"2024-03-01T10:05:00Z","src_ref":"ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4","dst_ref":"ipv4-addr--0a58d0c1-59e6-5afd-8252-dcd3f13e5622","src_port":49152,"dst_port":80,"protocols":["ipv4","tcp"],"extensions":{"http-request-ext":{"request_method":"get","request_value":"/"}},"src_byte_count":1200}`
	baseID, ok, err := SCOID([]byte(base))
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	changes := []struct {
		old, new string
		same     bool
	}{
		{`"start":"2024-03-01T10:00:00Z"`, `"start":"2024-03-01T10:00:01Z"`, false},
		{`"end":"2024-03-01T10:05:00Z"`, `"end":"2024-03-01T10:05:01Z"`, false},
		{`"src_ref":"ipv4-addr--28bb`, `"src_ref":"ipv4-addr--38bb`, false},
		{`"dst_ref":"ipv4-addr--0a58`, `"dst_ref":"ipv4-addr--1a58`, false},
		{`"src_port":49152`, `"src_port":49153`, false},
		{`"dst_port":80`, `"dst_port":443`, false},
		{`["ipv4","tcp"]`, `["tcp","ipv4"]`, false}, // list order counts
		{`"request_value":"/"`, `"request_value":"/x"`, false},
		{`"src_byte_count":1200`, `"src_byte_count":1201`, true},
		{`"dst_port":80`, `"dst_port":80.0`, true},
		{`"request_method":"get","request_value":"/"`, `"request_value":"/","request_method":"get"`, true},
	}
	for _, c := range changes {
		raw := strings.Replace(base, c.old, c.new, 1)
		if raw == base {
			t.Fatalf("%s not in base", c.old)
		}
		id, ok, err := SCOID([]byte(raw))
		if err != nil || !ok {
			t.Fatal(c.new, ok, err)
		}
		if (id == baseID) != c.same {
			t.Errorf("%s -> %s: id %s, base %s, same=%v", c.old, c.new, id, baseID, c.same)
		}
	}
}

func TestSCOIDNotDeterministic(t *testing.T) {
	tests := []struct {
		name, raw string
	}{
		{"process", `{"type":"process","id":"process--8fac80fe-a220-4ba9-8ffe-4f43ce8edff8","pid":1221,"command_line":"./gedit-bin --new-window"}`},
		{"custom type", `{"type":"x-acme-widget","value":"x"}`},
		{"SDO", `{"type":"indicator","name":"x","value":"y"}`},
		{"file without contributing properties", `{"type":"file","size":25536,"mime_type":"application/pdf"}`},
		{"registry key without key or values", `{"type":"windows-registry-key","number_of_subkeys":3}`},
		{"user-account without contributing properties", `{"type":"user-account","display_name":"John Doe"}`},
	}
	for _, tt := range tests {
		id, ok, err := SCOID([]byte(tt.raw))
		if err != nil || ok || id != "" {
			t.Errorf("%s: SCOID = %q, %v, %v; want \"\", false, nil", tt.name, id, ok, err)
		}
	}
}

func TestSCOIDErrors(t *testing.T) {
	tests := []struct {
		name     string
		raw      string
		property string
		offset   int
		cause    string // Reason of the wrapped *CanonicalJSONError, if any
	}{
		{"array", `[{"type":"ipv4-addr","value":"1.2.3.4"}]`, "", 0, ""},
		{"string", ` "ipv4-addr"`, "", 1, ""},
		{"empty", ``, "", 0, ""},
		{"no type", `{"value":"1.2.3.4"}`, "type", 0, ""},
		{"type not a string", `{"type":4,"value":"1.2.3.4"}`, "type", 8, ""},
		{"null value", `{"type":"ipv4-addr","value":null}`, "value", 28, ""},
		{"duplicate value", `{"type":"ipv4-addr","value":"1.2.3.4","value":"5.6.7.8"}`, "value", 38, ""},
		{"hashes not an object", `{"type":"file","hashes":["MD5"]}`, "hashes", 24, ""},
		{"hashes empty", `{"type":"file","hashes":{},"name":"a"}`, "hashes", 24, ""},
		{"lone surrogate in value", `{"type":"domain-name","value":"a\ud800b"}`, "value", 32, jcsReasonSurrogate},
		{"duplicate inside extensions", `{"type":"file","name":"a","extensions":{"x":{"k":1,"k":2}}}`, "extensions", 51, jcsReasonDuplicate},
		{"port out of range", `{"type":"network-traffic","dst_port":1e999}`, "dst_port", 37, jcsReasonRange},
		{"bad hash value", `{"type":"file","hashes":{"MD5":"\x"}}`, "hashes", 32, jcsReasonEscape},
	}
	for _, tt := range tests {
		id, ok, err := SCOID([]byte(tt.raw))
		var se *SCOIDError
		if !errors.As(err, &se) {
			t.Errorf("%s: SCOID = %q, %v, %v; want a *SCOIDError", tt.name, id, ok, err)
			continue
		}
		if id != "" || ok {
			t.Errorf("%s: id %q, ok %v with an error", tt.name, id, ok)
		}
		if se.Property != tt.property || se.Offset != tt.offset {
			t.Errorf("%s: property %q at %d, want %q at %d (%v)", tt.name, se.Property, se.Offset, tt.property, tt.offset, err)
		}
		var ce *CanonicalJSONError
		if tt.cause == "" {
			if errors.As(err, &ce) {
				t.Errorf("%s: unexpected cause %v", tt.name, ce)
			}
		} else if !errors.As(err, &ce) || ce.Reason != tt.cause {
			t.Errorf("%s: cause %v, want %q", tt.name, ce, tt.cause)
		}
	}
}

func TestSCOIDErrorHidesValues(t *testing.T) {
	secret := "alice@example.org"
	for _, raw := range []string{
		`{"type":"email-addr","value":"` + secret + `","value":"` + secret + `"}`,
		`{"type":"email-addr","value":"` + secret + `\ud800"}`,
	} {
		_, _, err := SCOID([]byte(raw))
		if err == nil {
			t.Fatalf("%s: no error", raw)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q repeats a value", err)
		}
	}
}

func TestIDContributingProperties(t *testing.T) {
	// STIX 2.1 section 6, the "ID Contributing Properties" row of each SCO.
	want := map[string][]string{
		"artifact":             {"hashes", "payload_bin"},
		"autonomous-system":    {"number"},
		"directory":            {"path"},
		"domain-name":          {"value"},
		"email-addr":           {"value"},
		"email-message":        {"from_ref", "subject", "body"},
		"file":                 {"hashes", "name", "extensions", "parent_directory_ref"},
		"ipv4-addr":            {"value"},
		"ipv6-addr":            {"value"},
		"mac-addr":             {"value"},
		"mutex":                {"name"},
		"network-traffic":      {"start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions"},
		"process":              nil,
		"software":             {"name", "cpe", "swid", "vendor", "version"},
		"url":                  {"value"},
		"user-account":         {"account_type", "user_id", "account_login"},
		"windows-registry-key": {"key", "values"},
		"x509-certificate":     {"hashes", "serial_number"},
		"indicator":            nil,
		"x-acme-widget":        nil,
		"":                     nil,
	}
	for typ, w := range want {
		if diff := cmp.Diff(w, IDContributingProperties(typ)); diff != "" {
			t.Errorf("IDContributingProperties(%q) (-want +got):\n%s", typ, diff)
		}
	}
	for typ := range scoIDProperties {
		if _, ok := want[typ]; !ok {
			t.Errorf("table has %q, not checked here", typ)
		}
		if len(scoIDProperties[typ]) > 8 {
			t.Errorf("%q has more than the 8 properties SCOID makes room for", typ)
		}
	}

	// The result is the caller's: writing to it changes nothing.
	p := IDContributingProperties("file")
	p[0] = "size"
	if IDContributingProperties("file")[0] != "hashes" {
		t.Error("IDContributingProperties returned the table itself")
	}
}

// TestSCOIDIgnoresSCONamespaceVariable checks that a program writing to the
// exported SCONamespace cannot change SCO ids.
func TestSCOIDIgnoresSCONamespaceVariable(t *testing.T) {
	saved := SCONamespace
	defer func() { SCONamespace = saved }()
	SCONamespace = UUID{}
	id, _, err := SCOID([]byte(`{"type":"ipv4-addr","value":"198.51.100.3"}`))
	if err != nil || id != "ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4" {
		t.Fatalf("SCOID = %s, %v", id, err)
	}
}

// typicalFileSCO is a file SCO as threat feeds carry them: three hashes, a
// name, size and MIME type, a parent directory and a PE extension.
const typicalFileSCO = `{
  "type": "file",
  "spec_version": "2.1",
  "id": "file--5a27d487-c542-5f97-a131-a8866b477b46",
  "hashes": {
    "MD5": "4dd5f4e1b8b8e8a3f0bd5b3e5f0c8f1a",
    "SHA-1": "0e3e8f6a1d5c9b7f2c4a6e8d0b2f4a6c8e0d2b4f",
    "SHA-256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
  },
  "size": 103424,
  "name": "invoice_2024-03.exe",
  "mime_type": "application/vnd.microsoft.portable-executable",
  "parent_directory_ref": "directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622",
  "extensions": {
    "windows-pebinary-ext": {
      "pe_type": "exe",
      "number_of_sections": 4,
      "time_date_stamp": "2024-03-01T09:12:44Z",
      "sections": [
        {"name": ".text", "size": 70144, "entropy": 6.31},
        {"name": ".rdata", "size": 20480, "entropy": 4.9},
        {"name": ".data", "size": 4096, "entropy": 1.0},
        {"name": ".rsrc", "size": 8704, "entropy": 3.75}
      ]
    }
  }
}`

func BenchmarkSCOID(b *testing.B) {
	raw := []byte(typicalFileSCO)
	if _, ok, err := SCOID(raw); !ok || err != nil {
		b.Fatal(ok, err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := SCOID(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCanonicalJSON canonicalises the same file SCO as a whole, for
// comparison with BenchmarkSCOID.
func BenchmarkCanonicalJSON(b *testing.B) {
	raw := []byte(typicalFileSCO)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := CanonicalJSON(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSCOIDBaselineEncodingJSON is the stdlib-only baseline for
// BenchmarkSCOID: decode the SCO with encoding/json, keep the contributing
// properties, re-encode them (encoding/json sorts map keys, though not by
// RFC 8785 rules) and hash.
func BenchmarkSCOIDBaselineEncodingJSON(b *testing.B) {
	raw := []byte(typicalFileSCO)
	props := IDContributingProperties("file")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			b.Fatal(err)
		}
		name := make(map[string]any, len(props))
		for _, p := range props {
			if v, ok := m[p]; ok {
				name[p] = v
			}
		}
		out, err := json.Marshal(name)
		if err != nil {
			b.Fatal(err)
		}
		_ = NewUUIDv5(scoNamespace(), out)
	}
}
