package detect_test

import (
	"testing"

	"github.com/airlock-cti/airlock/redact/detect"
	"github.com/airlock-cti/airlock/redact/detect/detecttest"
)

func TestIP(t *testing.T) {
	d := detector(t, testConfig, "ip")
	v4 := func(text, value string, internal bool) found { return found{detect.IPv4, text, value, "", internal} }
	v6 := func(text, value string, internal bool) found { return found{detect.IPv6, text, value, "", internal} }
	runTable(t, d, []detectCase{
		{"beacon to 8.8.8.8.", []found{v4("8.8.8.8", "8.8.8.8", false)}},
		{"c2 45.33.32.156:443", []found{v4("45.33.32.156", "45.33.32.156", false)}},
		{"ip:10.1.2.3 and host=192.168.0.7", []found{v4("10.1.2.3", "10.1.2.3", true), v4("192.168.0.7", "192.168.0.7", true)}},
		{"10.1.2.3/8", []found{v4("10.1.2.3/8", "10.1.2.3/8", true)}},
		{"172.16.5.4-172.16.5.9", []found{v4("172.16.5.4", "172.16.5.4", true), v4("172.16.5.9", "172.16.5.9", true)}},
		{"127.0.0.1 169.254.169.254 100.64.1.1 198.19.0.1", []found{
			v4("127.0.0.1", "127.0.0.1", true), v4("169.254.169.254", "169.254.169.254", true),
			v4("100.64.1.1", "100.64.1.1", true), v4("198.19.0.1", "198.19.0.1", true),
		}},
		{"192[.]168[.]1[.]1", []found{v4("192[.]168[.]1[.]1", "192.168.1.1", true)}},
		{"１９２．１６８．１．１", []found{v4("１９２．１６８．１．１", "192.168.1.1", true)}},
		{"fe80::1%eth0 and fe80::1%25eth1", []found{v6("fe80::1%eth0", "fe80::1%eth0", true), v6("fe80::1%25eth1", "fe80::1%eth1", true)}},
		{"2A00:1450:4009:80B::200E", []found{v6("2A00:1450:4009:80B::200E", "2a00:1450:4009:80b::200e", true)}},
		{"2606:4700:4700::1111/128", []found{v6("2606:4700:4700::1111/128", "2606:4700:4700::1111/128", false)}},
		{"[2606:4700::6810:84e5]:443", []found{v6("2606:4700::6810:84e5", "2606:4700::6810:84e5", false)}},
		{"::1", []found{v6("::1", "::1", true)}},
		{"::ffff:10.0.0.1", []found{v6("::ffff:10.0.0.1", "::ffff:10.0.0.1", true)}},
		{"fd00:1:2:3::4", []found{v6("fd00:1:2:3::4", "fd00:1:2:3::4", true)}},
		{"ip:fe80::2", []found{v6("fe80::2", "fe80::2", true)}},
		// Not addresses, or not personal.
		{"010.1.1.1", nil},
		{"1.2.3.256", nil},
		{"1.2.3", nil},
		{"1.2.3.4.5", nil},
		{"10.0.19041.1", nil},
		{"v1.2.3.4", nil},
		{"1.2.3.4a", nil},
		{"1.2.3.4/33", []found{v4("1.2.3.4", "1.2.3.4", false)}},
		{"192.0.2.1 198.51.100.1 203.0.113.1 2001:db8::1 3fff::1 100::1", nil},
		{"0.0.0.0 0.1.2.3 255.255.255.255 224.0.0.1 239.255.255.250 240.0.0.1", nil},
		{":: ff02::1 dead:: b:: ::ffff", nil},
		{"aa:bb:cc:dd:ee:ff", nil},
		{"20:03:48", nil},
		{"std::vector<int>", nil},
		{"deadbeef::cafe:babe:facex", nil},
	})
}

func TestIPConformance(t *testing.T) {
	detecttest.Run(t, detector(t, testConfig, "ip"), detecttest.Cases{
		Positives: []detecttest.Positive{
			{Text: "8.8.8.8", Kind: detect.IPv4, Value: "8.8.8.8"},
			{Text: "host 10.20.30.40:8080", Datum: "10.20.30.40", Value: "10.20.30.40"},
			{Text: "fe80::1ff:fe23:4567:890a%eth2", Kind: detect.IPv6},
			{Text: "2606:4700:4700::1111", Value: "2606:4700:4700::1111"},
		},
		Negatives: hardNegatives,
		Variants:  detecttest.AllVariants,
	})
}
