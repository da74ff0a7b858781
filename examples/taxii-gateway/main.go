// Command taxii-gateway is a read-only TAXII 2.1 server in front of an
// upstream TAXII 2.1 server: it serves each configured upstream collection
// as the airlock policy configured for it lets it out.
//
//	taxii-gateway -config gateway.json
//	taxii-gateway -config gateway.json -check
//
// The configuration (JSON, see Config and gateway.example.json) names the
// upstream API root, the environment variables holding its basic
// authentication credentials, the key file, the listen address, and for
// each served collection its policy file.
//
// For each collection the gateway keeps a redacted snapshot: it reads the
// whole upstream collection (every version, following more and next),
// redacts it as one input, and answers every request from the result
// alone. So references are judged across the whole collection (a
// relationship whose target was dropped on another upstream page goes
// too), derived ids are the same everywhere, and nothing about what the
// policy dropped shows through: a page of limit N holds N redacted objects,
// more and next are computed on the redacted result, manifests and
// versions list redacted objects, and an id that was dropped, or that is
// the original of an object served under a derived id, gets exactly the
// 404 of an id that never existed. A snapshot is read again from the
// upstream when it is older than the refresh interval (default 5m): the
// first request after that starts a refresh in the background and is
// served the current snapshot; a failed refresh keeps the last snapshot in
// service.
//
// date_added is the time the gateway first served an object's exact
// redacted bytes, never an upstream time: it tells nothing of when dropped
// objects were added upstream, and an object the redaction changes gets a
// new one, so clients polling with added_after see the change.
//
// Endpoints (GET only, Accept: application/taxii+json;version=2.1):
//
//	/taxii2/                                         discovery
//	/{root}/                                         API root
//	/{root}/collections/                             collections
//	/{root}/collections/{id}/                        collection
//	/{root}/collections/{id}/objects/                objects: limit, next, added_after,
//	                                                 match[id], match[type], match[version], match[spec_version]
//	/{root}/collections/{id}/objects/{oid}/          an object: limit, next, added_after,
//	                                                 match[version], match[spec_version]
//	/{root}/collections/{id}/objects/{oid}/versions/ versions: limit, next, added_after, match[spec_version]
//	/{root}/collections/{id}/manifest/               manifest: as objects
//
// The gateway does not authenticate its own clients: serve it behind a
// reverse proxy that does, and that terminates TLS unless tls_cert and
// tls_key are configured.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

// run is the command; it returns the exit code: 0 after a clean shutdown,
// 2 for a usage or configuration error, 1 when the server fails.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("taxii-gateway", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", "", "configuration `file` (JSON)")
	check := fs.Bool("check", false, "check the configuration, its policies and the key, and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *config == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: taxii-gateway -config FILE [-check]")
		return 2
	}
	logger := log.New(stderr, "taxii-gateway: ", log.LstdFlags)
	cfg, err := LoadConfig(*config)
	if err != nil {
		logger.Print(err)
		return 2
	}
	g, err := NewGateway(cfg, logger, nil)
	if err != nil {
		logger.Print(err)
		return 2
	}
	if *check {
		fmt.Fprintf(stderr, "%s: %d collections, upstream %s\n", *config, len(g.collections), g.s.upstream.Redacted())
		return 0
	}
	listen := cfg.Listen
	if listen == "" {
		listen = defaultListen
	}
	srv := &http.Server{
		Addr:              listen,
		Handler:           g,
		ReadHeaderTimeout: 10 * time.Second,
		// The first request of a collection waits for the upstream.
		WriteTimeout: g.s.upTimeout + 30*time.Second,
		IdleTimeout:  2 * time.Minute,
		ErrorLog:     logger,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() {
		logger.Printf("serving %d collections on %s", len(g.collections), listen)
		if cfg.TLSCert != "" && cfg.TLSKey != "" {
			errc <- srv.ListenAndServeTLS(cfg.TLSCert, cfg.TLSKey)
		} else {
			errc <- srv.ListenAndServe()
		}
	}()
	select {
	case err := <-errc:
		logger.Print(err)
		return 1
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Print(err)
	}
	g.Close()
	return 0
}
