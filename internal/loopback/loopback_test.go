package loopback

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
)

// recordingTB stands in for the test a Dialer fails, so that refusals can
// be counted without failing this test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

func (r *recordingTB) failures() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors...)
}

func TestRefusedAddressesNeverReachTheNetwork(t *testing.T) {
	canary := NewCanary(t)
	port := canary.Port()
	rec := &recordingTB{TB: t}
	d := NewDialer(rec, map[string]string{
		"unspecified.test":  "0.0.0.0",
		"public.test:80":    "203.0.113.10:" + port,
		"site.test":         "127.0.0.1",
		"not-an-ip.test":    "localhost",
		"no-port.test:8080": "127.0.0.1",
	})
	// Dialled, each of these would reach the canary (Linux connects 0.0.0.0
	// and :: to loopback; localhost resolves without DNS): the canary shows
	// that nothing was dialled.
	local := []string{
		"0.0.0.0:" + port,
		"[::ffff:0.0.0.0]:" + port,
		"[::]:" + port,
		"localhost:" + port,
	}
	// These could leave the machine (an address elsewhere, or a name that a
	// broken Dialer would look up in DNS), so they are asked with a cancelled
	// context: a Dialer that failed to refuse would report the cancellation
	// instead of ErrRefused, and still send nothing.
	remote := []string{
		"203.0.113.10:80", "10.0.0.1:80", "169.254.169.254:80", "192.168.1.1:80",
		"[fd00::1]:80", "[2001:db8::1]:80", "public.test:80", "unknown.test:80",
		"unspecified.test:" + port, "not-an-ip.test:" + port, "no-port.test:8080", "no-port-at-all",
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	ask := func(ctx context.Context, addr string) {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if conn != nil {
			conn.Close()
			t.Errorf("%s: connected", addr)
		}
		if !errors.Is(err, ErrRefused) {
			t.Errorf("%s: got %v, want ErrRefused", addr, err)
		}
	}
	for _, addr := range local {
		ask(context.Background(), addr)
	}
	for _, addr := range remote {
		ask(cancelled, addr)
	}
	want := append(slices.Clone(local), remote...)
	if got := d.Addrs(); !slices.Equal(got, want) {
		t.Errorf("recorded %q, want every address asked for, in order: %q", got, want)
	}
	if n := len(rec.failures()); n != len(want) {
		t.Errorf("%d refusals failed the test, want %d: %q", n, len(want), rec.failures())
	}
	if n := canary.Hits(); n != 0 {
		t.Errorf("canary received %d connections", n)
	}
	if n := d.BytesRead(); n != 0 {
		t.Errorf("read %d bytes with no connection made", n)
	}

	// The control: 0.0.0.0 really leads to the canary here, so the check
	// above means something.
	conn, err := net.Dial("tcp", "0.0.0.0:"+port)
	if err != nil {
		t.Logf("this system does not connect 0.0.0.0 to loopback (%v); the canary check covers localhost only", err)
		return
	}
	io.Copy(io.Discard, conn) // the canary closes it once counted
	conn.Close()
	if n := canary.Hits(); n != 1 {
		t.Errorf("control dial to 0.0.0.0: canary hits %d, want 1", n)
	}
}

func TestMappedNamesReachTheirServer(t *testing.T) {
	var mu sync.Mutex
	var hosts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.Host+r.URL.Path)
		mu.Unlock()
		io.WriteString(w, "hello from "+r.URL.Path)
	}))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	rec := &recordingTB{TB: t}
	d := NewDialer(rec, map[string]string{
		"site.test":       "127.0.0.1",
		"203.0.113.10:80": srv.Listener.Addr().String(), // a fake public site
	})
	client := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableKeepAlives: true}}
	urls := []string{
		"http://site.test:" + port + "/by-name",
		"http://203.0.113.10/by-host-and-port",
		srv.URL + "/by-ip",
	}
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !strings.HasPrefix(string(body), "hello from /by-") {
			t.Errorf("%s: body %q, %v", u, body, err)
		}
	}
	wantHosts := []string{"site.test:" + port + "/by-name", "203.0.113.10/by-host-and-port", srv.Listener.Addr().String() + "/by-ip"}
	mu.Lock()
	if !slices.Equal(hosts, wantHosts) {
		t.Errorf("server saw %q, want %q", hosts, wantHosts)
	}
	mu.Unlock()
	wantAddrs := []string{"site.test:" + port, "203.0.113.10:80", srv.Listener.Addr().String()}
	if got := d.Addrs(); !slices.Equal(got, wantAddrs) {
		t.Errorf("recorded %q, want %q", got, wantAddrs)
	}
	if f := rec.failures(); len(f) != 0 {
		t.Errorf("loopback dials failed the test: %q", f)
	}
}

// TestBytesReadCounted reads fixed-size answers over concurrent
// connections: the total is exact, and every dial is recorded.
func TestBytesReadCounted(t *testing.T) {
	const size, conns = 10000, 8
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.Write(make([]byte, size))
			}()
		}
	}()
	d := NewDialer(t, map[string]string{"raw.test": "127.0.0.1"})
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var wg sync.WaitGroup
	for range conns {
		wg.Go(func() {
			c, err := d.DialContext(t.Context(), "tcp", "raw.test:"+port)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			if n, err := io.Copy(io.Discard, c); n != size || err != nil {
				t.Errorf("read %d bytes, %v; want %d", n, err, size)
			}
		})
	}
	wg.Wait()
	if n := d.BytesRead(); n != size*conns {
		t.Errorf("BytesRead %d, want %d", n, size*conns)
	}
	if n := len(d.Addrs()); n != conns {
		t.Errorf("%d addresses recorded, want %d", n, conns)
	}
}

func TestCanaryCountsConnections(t *testing.T) {
	c := NewCanary(t)
	if !strings.HasPrefix(c.Addr(), "127.0.0.1:") || !strings.HasSuffix(c.Addr(), ":"+c.Port()) {
		t.Fatalf("Addr %q, Port %q", c.Addr(), c.Port())
	}
	if n := c.Hits(); n != 0 {
		t.Fatalf("fresh canary has %d hits", n)
	}
	for i := 1; i <= 3; i++ {
		conn, err := net.Dial("tcp", c.Addr())
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, conn) // the canary closes it once counted
		conn.Close()
		if n := c.Hits(); n != int64(i) {
			t.Errorf("after %d connections: %d hits", i, n)
		}
	}
}
