package hostile

import (
	"crypto/x509"
	"net/http"
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/chaossite"
	"github.com/gleaner-news/gleaner/internal/crawl"
)

// S5, https half: credentials set for an https page are not carried over a
// redirect that downgrades to http, nor to another port of the same host.
func TestS5HTTPSDowngradeAndPortChangeDropCredentials(t *testing.T) {
	origin := chaossite.NewTLS()
	t.Cleanup(origin.Close)
	otherPort := chaossite.NewTLS()
	t.Cleanup(otherPort.Close)
	plain := newSite(t)

	roots := x509.NewCertPool()
	for _, s := range []*chaossite.Site{origin, otherPort} {
		cert, err := x509.ParseCertificate(s.Certificate()[0])
		if err != nil {
			t.Fatal(err)
		}
		roots.AddCert(cert)
	}
	o := crawlOptions(t, plain, nil)
	o.RootCAs = roots
	o.AllowHosts = append(o.AllowHosts, origin.Addr(), otherPort.Addr())
	c := newCrawler(t, o)

	hdr := http.Header{"Authorization": {"Bearer secret"}, "Cookie": {"session=secret"}}
	for _, to := range []string{plain.URL("/page/downgraded"), otherPort.URL("/page/other-port")} {
		from := origin.URL("/redirect?to=" + chaossite.QueryEscape(to))
		if !strings.HasPrefix(from, "https://") {
			t.Fatalf("origin is not https: %s", from)
		}
		if _, err := c.Fetch(t.Context(), crawl.Request{URL: from, Header: hdr.Clone()}); err != nil {
			t.Fatalf("%s: %v", from, err)
		}
	}
	if len(origin.Hits("/redirect")) != 2 {
		t.Fatalf("the https origin saw %d requests, want 2", len(origin.Hits("/redirect")))
	}
	if got := origin.Log()[0].Header.Get("Authorization"); got != "Bearer secret" {
		t.Errorf("the origin itself did not get the credentials (%q)", got)
	}
	for name, s := range map[string]*chaossite.Site{"http downgrade": plain, "other port": otherPort} {
		hits := s.Log()
		if len(hits) != 1 {
			t.Errorf("%s: %d requests, want 1", name, len(hits))
		}
		for _, h := range hits {
			if h.Header.Get("Authorization") != "" || strings.Contains(h.Header.Get("Cookie"), "secret") {
				t.Errorf("%s: credentials sent to %s: %v", name, h.Target, h.Header)
			}
		}
	}
}
