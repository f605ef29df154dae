package demo

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/gleaner-news/gleaner/internal/config"
)

// PlaceholderHost stands for the demo server in configs/demo.yaml, whose
// address is only known once it listens. ".invalid" is reserved (RFC 2606),
// so a job that was not configured fails to resolve instead of reaching
// some real host.
const PlaceholderHost = "demo.gleaner.invalid"

// Configure points a job loaded from configs/demo.yaml at a running portal
// at serverURL (a [Server]'s URL or an httptest server's): start URLs on
// PlaceholderHost get serverURL's scheme and host, and PlaceholderHost in
// AllowedDomains and AllowHosts becomes serverURL's host name. Other
// entries are kept. It re-validates the job and returns its error.
func Configure(j *config.Job, serverURL string) error {
	base, err := url.Parse(serverURL)
	if err != nil || base.Host == "" {
		return fmt.Errorf("demo: invalid server URL %q", serverURL)
	}
	for i, raw := range j.StartURLs {
		u, err := url.Parse(raw)
		if err != nil || !strings.EqualFold(u.Hostname(), PlaceholderHost) {
			continue
		}
		u.Scheme, u.Host = base.Scheme, base.Host
		j.StartURLs[i] = u.String()
	}
	swap := func(hosts []string) {
		for i, h := range hosts {
			if strings.EqualFold(h, PlaceholderHost) {
				hosts[i] = base.Hostname()
			}
		}
	}
	swap(j.AllowedDomains)
	swap(j.AllowHosts)
	return j.Validate()
}
