// Command airlock-benthos is Benthos with an airlock processor: the core
// inputs, outputs and processors (github.com/redpanda-data/benthos/v4)
// plus `airlock`, which redacts STIX 2.1 content with an airlock policy.
//
//	airlock-benthos -c config.yaml
//
// The processor is registered on an environment of this command's own,
// not on Benthos's global registry. To add it to another Benthos or
// Redpanda Connect build, copy processor.go and call registerAirlock on
// that build's environment. See README.md.
package main

import (
	"context"
	"os"

	"github.com/redpanda-data/benthos/v4/public/service"

	// Benthos's core components (stdin, files, HTTP, generate, mapping,
	// ...). Kafka's are in Redpanda Connect, a separate module.
	_ "github.com/redpanda-data/benthos/v4/public/components/io"
	_ "github.com/redpanda-data/benthos/v4/public/components/pure"
)

func main() {
	env := service.NewEnvironment()
	if err := registerAirlock(env, os.Getenv); err != nil {
		panic(err)
	}
	service.RunCLI(context.Background(),
		service.CLIOptSetEnvironment(env),
		service.CLIOptSetBinaryName("airlock-benthos"),
		service.CLIOptSetProductName("airlock-benthos"))
}
