package region_test

import (
	"fmt"
	"strings"

	"github.com/airlock-cti/airlock/policy/internal/region"
)

func ExampleCountry() {
	for _, s := range []string{"gb", "UK", "EU", "XK", "GBR", "TP"} {
		code, ok := region.Country(s)
		fmt.Printf("%-3s -> %q %v\n", s, code, ok)
	}
	// Output:
	// gb  -> "GB" true
	// UK  -> "GB" true
	// EU  -> "" false
	// XK  -> "" false
	// GBR -> "" false
	// TP  -> "" false
}

func ExampleCountryName() {
	fmt.Println(region.CountryName("KR"))
	fmt.Println(region.CountryName("uk"))
	fmt.Printf("%q\n", region.CountryName("EU"))
	// Output:
	// Korea, Republic of
	// United Kingdom
	// ""
}

func ExampleCountries() {
	codes := region.Countries()
	fmt.Println(len(codes), codes[:3], codes[len(codes)-1])
	// Output: 249 [AD AE AF] ZW
}

func ExampleLookupGroup() {
	g, ok := region.LookupGroup("five_eyes")
	fmt.Println(ok, g.Name, strings.Join(g.Members, " "))

	adequacy, _ := region.LookupGroup("EU_ADEQUACY")
	fmt.Println(adequacy.AsOf)
	fmt.Println(adequacy.Partial["US"])
	// Output:
	// true FIVE_EYES AU CA GB NZ US
	// 2026-08-05
	// only organisations certified under the EU-US Data Privacy Framework (Commission Implementing Decision (EU) 2023/1795)
}

func ExampleGroups() {
	for _, g := range region.Groups() {
		fmt.Printf("%-11s %2d members, %d partial, as of %s\n", g.Name, len(g.Members), len(g.Partial), g.AsOf)
	}
	// Output:
	// BUDAPEST    76 members, 0 partial, as of 2024-10-09
	// EEA         30 members, 0 partial, as of 2026-11-27
	// EU          27 members, 0 partial, as of 2026-11-27
	// EU_ADEQUACY 16 members, 5 partial, as of 2026-08-05
	// FIVE_EYES    5 members, 0 partial, as of 2026-11-27
	// UK_ADEQUACY 45 members, 5 partial, as of 2026-08-05
}
