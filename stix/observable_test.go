package stix

import "testing"

func TestIsObservable(t *testing.T) {
	const ext = "extension-definition--d83fce45-ef58-4c6c-a3f4-1fbc32e98c6e"
	cases := []struct {
		name string
		raw  string
		want bool
	}{
		{"SCO type", `{"type":"ipv4-addr","id":"` + tIPv4 + `","value":"198.51.100.3"}`, true},
		{"SDO type", validObjects["indicator"], false},
		{"marking definition", validObjects["marking-definition"], false},
		{"custom SCO by extension", `{"type":"x-acme-sco","spec_version":"2.1","id":"x-acme-sco--6c8f0b39-7d2a-5f2e-9c1b-2b2d4b9a8e01","value":"v","extensions":{"` + ext + `":{"extension_type":"new-sco"}}}`, true},
		{"custom SDO by extension, without timestamps", `{"type":"x-acme-sdo","spec_version":"2.1","id":"x-acme-sdo--6c8f0b39-7d2a-5f2e-9c1b-2b2d4b9a8e01","extensions":{"` + ext + `":{"extension_type":"new-sdo"}}}`, false},
		{"custom SCO by extension, with a property extension first", `{"type":"x-acme-sco","id":"x-acme-sco--6c8f0b39-7d2a-5f2e-9c1b-2b2d4b9a8e01","created":"2016-04-06T20:03:00.000Z","extensions":{"` + tExtDef + `":{"extension_type":"property-extension","a":1},"` + ext + `":{"extension_type":"new-sco"}}}`, true},
		{"custom object without created and modified", `{"type":"x-acme-thing","id":"x-acme-thing--6c8f0b39-7d2a-5f2e-9c1b-2b2d4b9a8e01","value":"v"}`, true},
		{"custom object with created and modified", `{"type":"x-acme-widget","id":"x-acme-widget--1929eb7e-ca6a-4f20-8027-b1908e76e6b0","created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z"}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := IsObservable(mustObject(t, c.raw)); got != c.want {
				t.Errorf("IsObservable = %v, want %v", got, c.want)
			}
		})
	}
}
