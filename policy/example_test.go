package policy_test

import (
	"fmt"

	"github.com/airlock-cti/airlock/policy"
)

func ExampleLoad() {
	p, err := policy.Load("green.yaml", []byte(`
format: airlock/v1
name: green
destination: {audience: community}
markings:
  unmarked: clear
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Name, p.Markings.MaxTLP, p.IDs)
	// Output: green TLP:GREEN derive
}

// Every problem is reported in one pass, each with its position and path.
func ExampleLoad_errors() {
	_, err := policy.Load("broken.yaml", []byte(`
format: airlock/v1
name: broken
markings:
  max_tlp: gren
  unmarkd: clear
`))
	fmt.Println(err)
	// Output:
	// broken.yaml:5:3: markings: missing required key "unmarked"
	// broken.yaml:5:12: markings.max_tlp: "gren" is not a TLP level (clear, white, green, amber, amber+strict, red)
	// broken.yaml:6:3: markings: unknown key "unmarkd" (did you mean "unmarked"?)
}
