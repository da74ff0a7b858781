module github.com/airlock-cti/airlock

go 1.23.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/nyaruka/phonenumbers v1.8.1
	github.com/tidwall/gjson v1.20.2
	go.yaml.in/yaml/v4 v4.0.0
	golang.org/x/text v0.28.0
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.3.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
