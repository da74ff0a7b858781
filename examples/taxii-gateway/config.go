package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/airlock-cti/airlock/policy"
	"github.com/airlock-cti/airlock/redact"
)

// Config is the gateway's configuration file (JSON). Relative paths in it
// are read from the file's directory.
type Config struct {
	// Listen is the address to serve on (default 127.0.0.1:8080).
	Listen string `json:"listen"`
	// TLSCert and TLSKey, when both are set, serve HTTPS (TAXII 2.1
	// requires TLS between client and server; without them, put the
	// gateway behind a reverse proxy that terminates TLS).
	TLSCert string `json:"tls_cert,omitempty"`
	TLSKey  string `json:"tls_key,omitempty"`
	// PublicURL is the gateway's base URL as clients reach it (such as
	// https://taxii.example.org), for the discovery resource's api_roots;
	// by default it is taken from each request's Host.
	PublicURL string `json:"public_url,omitempty"`
	// Title and Description describe the gateway in the discovery
	// resource.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// APIRoot is the name of the gateway's one API root: it is served at
	// /{api_root}/ (default "airlock").
	APIRoot string `json:"api_root"`
	// Upstream is the TAXII 2.1 server the gateway reads from.
	Upstream Upstream `json:"upstream"`
	// KeyFile holds the redaction key (at least 32 bytes, raw or hex). When
	// empty, the key is read from the AIRLOCK_KEY environment variable
	// (hex).
	KeyFile string `json:"key_file"`
	// Refresh is how long a redacted collection is served before the
	// upstream collection is read again (a Go duration, default "5m").
	Refresh string `json:"refresh"`
	// MaxPageSize caps the limit a client may ask for (default 1000), and
	// is the page size when it asks none.
	MaxPageSize int `json:"max_page_size"`
	// Collections maps the ids of upstream collections to what the gateway
	// serves them under. Only these collections are served.
	Collections map[string]CollectionConfig `json:"collections"`
}

// Upstream says where the upstream TAXII 2.1 API root is and how to log in.
type Upstream struct {
	// URL is the upstream API root, for example
	// https://taxii.example.org/api1/.
	URL string `json:"url"`
	// UserEnv and PasswordEnv name the environment variables holding the
	// HTTP basic authentication credentials (default AIRLOCK_UPSTREAM_USER
	// and AIRLOCK_UPSTREAM_PASSWORD). Credentials are never read from the
	// file itself. With no user set, requests go without credentials.
	UserEnv     string `json:"user_env"`
	PasswordEnv string `json:"password_env"`
	// PageSize is the limit asked of the upstream per request (default
	// 1000; the upstream may return fewer).
	PageSize int `json:"page_size"`
	// Timeout bounds one whole read of a collection (default "2m").
	Timeout string `json:"timeout"`
	// MaxBytes bounds the size of one collection (default 1 GiB): the
	// gateway holds it in memory to redact it as one input.
	MaxBytes int64 `json:"max_bytes"`
}

// CollectionConfig is one served collection.
type CollectionConfig struct {
	// Title and Description describe the collection to clients. They are
	// not taken from the upstream, whose text the policy has not seen.
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	// Policy is the policy file applied to the collection.
	Policy string `json:"policy"`
	// To, Identity, InternalDomains and InternalNets are the redaction
	// options the airlock command takes as --to, --identity,
	// --internal-domain and --internal-net.
	To              string   `json:"to,omitempty"`
	Identity        string   `json:"identity,omitempty"`
	InternalDomains []string `json:"internal_domains,omitempty"`
	InternalNets    []string `json:"internal_nets,omitempty"`
}

// Defaults.
const (
	defaultListen      = "127.0.0.1:8080"
	defaultAPIRoot     = "airlock"
	defaultRefresh     = 5 * time.Minute
	defaultMaxPageSize = 1000
	defaultUpPageSize  = 1000
	defaultUpTimeout   = 2 * time.Minute
	defaultUpMaxBytes  = 1 << 30
	defaultUserEnv     = "AIRLOCK_UPSTREAM_USER"
	defaultPasswordEnv = "AIRLOCK_UPSTREAM_PASSWORD"
)

// LoadConfig reads a configuration file. Unknown keys are errors, so that
// a misspelt setting is never silently ignored.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Config
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Dir(path)
	rel := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	c.KeyFile, c.TLSCert, c.TLSKey = rel(c.KeyFile), rel(c.TLSCert), rel(c.TLSKey)
	for id, cc := range c.Collections {
		cc.Policy = rel(cc.Policy)
		c.Collections[id] = cc
	}
	return &c, nil
}

// settings are a configuration checked and compiled: what a Gateway runs
// on.
type settings struct {
	title, description string
	publicURL          string
	apiRoot            string
	upstream           *url.URL
	user, password     string
	upPageSize         int
	upTimeout          time.Duration
	upMaxBytes         int64
	refresh            time.Duration
	maxPageSize        int
	collections        map[string]*collectionSettings
}

type collectionSettings struct {
	id, title, description string
	rd                     *redact.Redactor
}

// compile checks the configuration, loads the policies and the key, and
// compiles a redactor per collection. Every problem is reported at once.
func (c *Config) compile(logger *log.Logger) (*settings, error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	s := &settings{
		title: c.Title, description: c.Description, apiRoot: c.APIRoot, publicURL: c.PublicURL,
		upPageSize: c.Upstream.PageSize, upMaxBytes: c.Upstream.MaxBytes,
		maxPageSize: c.MaxPageSize, collections: map[string]*collectionSettings{},
	}
	if s.title == "" {
		s.title = "airlock TAXII gateway"
	}
	if s.apiRoot == "" {
		s.apiRoot = defaultAPIRoot
	}
	if s.apiRoot == "taxii2" || strings.ContainsAny(s.apiRoot, "/?#%") {
		bad("api_root %q: must be one path segment other than taxii2", s.apiRoot)
	}
	u, err := url.Parse(c.Upstream.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		bad("upstream.url: want the http(s) URL of the upstream API root")
	} else {
		if !strings.HasSuffix(u.Path, "/") {
			u.Path += "/"
		}
		s.upstream = u
	}
	userEnv, passEnv := c.Upstream.UserEnv, c.Upstream.PasswordEnv
	if userEnv == "" {
		userEnv = defaultUserEnv
	}
	if passEnv == "" {
		passEnv = defaultPasswordEnv
	}
	s.user, s.password = os.Getenv(userEnv), os.Getenv(passEnv)
	if s.upPageSize <= 0 {
		s.upPageSize = defaultUpPageSize
	}
	if s.upMaxBytes <= 0 {
		s.upMaxBytes = defaultUpMaxBytes
	}
	if s.maxPageSize <= 0 {
		s.maxPageSize = defaultMaxPageSize
	}
	s.upTimeout = duration(c.Upstream.Timeout, defaultUpTimeout, "upstream.timeout", bad)
	s.refresh = duration(c.Refresh, defaultRefresh, "refresh", bad)
	if (c.TLSCert == "") != (c.TLSKey == "") {
		bad("tls_cert and tls_key: give both or neither")
	}
	if len(c.Collections) == 0 {
		bad("collections: none configured")
	}
	key, err := readKey(c.KeyFile, logger)
	if err != nil {
		bad("%v", err)
	}
	for id, cc := range c.Collections {
		if id == "" || strings.ContainsAny(id, "/?#%") {
			bad("collections: %q is not a collection id", id)
			continue
		}
		if cc.Policy == "" {
			bad("collections.%s.policy: no policy file", id)
			continue
		}
		p, err := policy.LoadFile(cc.Policy)
		if err != nil {
			bad("collections.%s.policy: %w", id, err)
			continue
		}
		opts := &redact.Options{Key: key, Destination: cc.To, Identity: cc.Identity, InternalDomains: cc.InternalDomains}
		for _, n := range cc.InternalNets {
			pfx, err := policy.ParseNetwork(n)
			if err != nil {
				bad("collections.%s.internal_nets: %q is not a network (CIDR) or an address", id, n)
				continue
			}
			opts.InternalNets = append(opts.InternalNets, pfx)
		}
		if (len(cc.InternalDomains) > 0 || len(cc.InternalNets) > 0) && p.PII == nil {
			bad("collections.%s: internal_domains and internal_nets need a policy with a pii section", id)
		}
		if key == nil {
			continue
		}
		rd, err := redact.Compile(p, opts)
		if err != nil {
			bad("collections.%s: %w", id, err)
			continue
		}
		title := cc.Title
		if title == "" {
			title = id
		}
		s.collections[id] = &collectionSettings{id: id, title: title, description: cc.Description, rd: rd}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

func duration(v string, def time.Duration, name string, bad func(string, ...any)) time.Duration {
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		bad("%s: %q is not a positive duration such as 5m", name, v)
		return def
	}
	return d
}

// readKey reads the redaction key from the key file, or from AIRLOCK_KEY
// (hex) when there is none. It never logs the key.
func readKey(file string, logger *log.Logger) ([]byte, error) {
	k, shared, err := redact.LoadKey(file, os.Getenv)
	switch {
	case errors.Is(err, redact.ErrNoKey):
		return nil, errors.New("key_file: no key file, and AIRLOCK_KEY is not set")
	case err != nil:
		return nil, fmt.Errorf("key_file: %w", err)
	case shared && logger != nil:
		logger.Printf("warning: key file %s is readable by others; chmod 600 it", file)
	}
	return k, nil
}
