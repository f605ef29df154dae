package netguard

import (
	"context"
	"errors"
	"net/netip"
	"net/url"
	"sync"
	"testing"

	"github.com/gleaner-news/gleaner/internal/loopback"
)

func TestBlockReason(t *testing.T) {
	blocked := []string{
		"127.0.0.1", "127.255.0.9", "::1", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.254",
		"192.168.1.1", "100.64.0.1", "100.127.255.255", "169.254.169.254", "fe80::1", "fd00::1", "fc00::9",
		"224.0.0.1", "239.255.255.250", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254",
		"::", "255.255.255.255", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "::127.0.0.1",
	}
	for _, s := range blocked {
		if BlockReason(netip.MustParseAddr(s)) == "" {
			t.Errorf("%s: not blocked", s)
		}
	}
	public := []string{"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"}
	for _, s := range public {
		if r := BlockReason(netip.MustParseAddr(s)); r != "" {
			t.Errorf("%s: blocked as %s", s, r)
		}
	}
	if BlockReason(netip.Addr{}) == "" {
		t.Error("invalid address not blocked")
	}
}

func TestPolicyAllowHosts(t *testing.T) {
	p := NewPolicy([]string{"demo.test", "127.0.0.1:8080", "[::1]"})
	lo := netip.MustParseAddr("127.0.0.1")
	cases := []struct {
		host, port string
		ip         netip.Addr
		ok         bool
	}{
		{"demo.test", "80", lo, true},
		{"DEMO.test.", "9999", lo, true},
		{"other.test", "80", lo, false},
		{"127.0.0.1", "8080", lo, true},
		{"127.0.0.1", "8081", lo, false},
		{"x.test", "8080", lo, true}, // resolved IP:port is allowlisted
		{"::1", "1", netip.MustParseAddr("::1"), true},
		{"evil.test", "80", netip.MustParseAddr("10.0.0.1"), false},
		{"public.test", "80", netip.MustParseAddr("8.8.8.8"), true},
	}
	for _, c := range cases {
		err := p.CheckIP(c.host, c.port, c.ip)
		if (err == nil) != c.ok {
			t.Errorf("CheckIP(%s, %s, %s) = %v, want ok=%v", c.host, c.port, c.ip, err, c.ok)
		}
		if err != nil && !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("error %v does not wrap ErrBlockedAddress", err)
		}
	}
}

func TestCheckURL(t *testing.T) {
	for _, s := range []string{"http://a.test/", "HTTPS://a.test/x"} {
		u, _ := url.Parse(s)
		if err := CheckURL(u); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	for _, s := range []string{"file:///etc/passwd", "gopher://a.test/", "ftp://a.test/", "data:text/html,hi", "javascript:alert(1)", "http:///nohost"} {
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		if err := CheckURL(u); !errors.Is(err, ErrBlockedScheme) {
			t.Errorf("%s: got %v, want ErrBlockedScheme", s, err)
		}
	}
}

func TestDialerRefusesBeforeDialling(t *testing.T) {
	canary := loopback.NewCanary(t)
	canaryAddr, canaryPort := canary.Addr(), canary.Port()
	// The guard's only way out: it fails the test on any non-loopback
	// address, so a broken guard cannot send a packet away.
	out := loopback.NewDialer(t, nil)
	var (
		mu        sync.Mutex
		decisions []Decision
	)
	// Every name "resolves" to an internal address; "rebind.test" answers a
	// public IP and loopback together (the rebinding shape).
	answers := map[string][]netip.Addr{
		"metadata.test": {netip.MustParseAddr("169.254.169.254")},
		"private.test":  {netip.MustParseAddr("10.0.0.1")},
		"cgnat.test":    {netip.MustParseAddr("100.64.0.1")},
		"ula.test":      {netip.MustParseAddr("fd00::1")},
		"canary.test":   {netip.MustParseAddr("127.0.0.1")},
		"rebind.test":   {netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("127.0.0.1")},
	}
	d := &Dialer{
		Policy: NewPolicy(nil),
		Resolve: func(ctx context.Context, host string) ([]netip.Addr, error) {
			return answers[host], nil
		},
		Dial: out.DialContext,
		OnDecision: func(dec Decision) {
			mu.Lock()
			decisions = append(decisions, dec)
			mu.Unlock()
		},
	}
	targets := []string{
		"metadata.test:80", "private.test:80", "cgnat.test:80", "ula.test:80", "rebind.test:" + canaryPort,
		"canary.test:" + canaryPort, canaryAddr, "[::ffff:127.0.0.1]:" + canaryPort, "0.0.0.0:" + canaryPort,
		"10.0.0.1:80", "169.254.169.254:80", "[fd00::1]:80",
	}
	for _, target := range targets {
		conn, err := d.DialContext(context.Background(), "tcp", target)
		if conn != nil {
			conn.Close()
		}
		if !errors.Is(err, ErrBlockedAddress) {
			t.Errorf("%s: got %v, want ErrBlockedAddress", target, err)
		}
	}
	if dialled := out.Addrs(); len(dialled) != 0 {
		t.Errorf("dial hook reached for %v", dialled)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(decisions) < len(targets) {
		t.Errorf("recorded %d decisions for %d targets", len(decisions), len(targets))
	}
	for _, dec := range decisions {
		if dec.Allowed && BlockReason(dec.IP) != "" {
			t.Errorf("decision allowed %s for %s", dec.IP, dec.Addr)
		}
	}
	if n := canary.Hits(); n != 0 {
		t.Errorf("canary received %d connections", n)
	}
}

func TestDialerAllowlistedLoopback(t *testing.T) {
	canary := loopback.NewCanary(t)
	out := loopback.NewDialer(t, nil)
	d := &Dialer{
		Policy: NewPolicy([]string{"site.test"}),
		Resolve: func(ctx context.Context, host string) ([]netip.Addr, error) {
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		},
		Dial: out.DialContext,
	}
	conn, err := d.DialContext(context.Background(), "tcp", "site.test:"+canary.Port())
	if err != nil {
		t.Fatalf("allowlisted host refused: %v", err)
	}
	conn.Close()
	if dialled := out.Addrs(); len(dialled) != 1 || dialled[0] != canary.Addr() {
		t.Errorf("dialled %v, want the checked IP", dialled)
	}
}

func TestDialerInjectedNameDialerChecksPeer(t *testing.T) {
	canaryAddr := loopback.NewCanary(t).Addr()
	// A test dialer that maps both names to the loopback canary, without Resolve.
	mapAll := loopback.NewDialer(t, map[string]string{"bad.test:80": canaryAddr, "ok.test:80": canaryAddr})
	d := &Dialer{Policy: NewPolicy([]string{"ok.test"}), Dial: mapAll.DialContext}
	if _, err := d.DialContext(context.Background(), "tcp", "bad.test:80"); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("bad.test: got %v, want ErrBlockedAddress", err)
	}
	conn, err := d.DialContext(context.Background(), "tcp", "ok.test:80")
	if err != nil {
		t.Fatalf("ok.test refused: %v", err)
	}
	conn.Close()
}

func TestDialerDNSFailure(t *testing.T) {
	d := &Dialer{Resolve: func(ctx context.Context, host string) ([]netip.Addr, error) { return nil, errors.New("nxdomain") }}
	if _, err := d.DialContext(context.Background(), "tcp", "nowhere.test:80"); !errors.Is(err, ErrDNS) {
		t.Errorf("got %v, want ErrDNS", err)
	}
}
