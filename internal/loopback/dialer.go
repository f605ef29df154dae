package loopback

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
)

// ErrRefused is wrapped by every refusal of a [Dialer].
var ErrRefused = errors.New("loopback dialer: refused")

// Dialer dials loopback addresses only; see the package documentation for
// what it refuses and records. It is safe for concurrent use.
type Dialer struct {
	t     testing.TB
	names map[string]string

	mu    sync.Mutex
	addrs []string
	read  atomic.Int64
}

// NewDialer returns a Dialer that fails t on every refusal. names maps a
// host ("site.test") to a loopback IP, the port kept, or a whole
// "host:port" (a fake public "203.0.113.10:80") to a loopback "ip:port";
// it may be nil.
func NewDialer(t testing.TB, names map[string]string) *Dialer {
	return &Dialer{t: t, names: maps.Clone(names)}
}

// DialContext has the signature of net.Dialer.DialContext, so that it can be
// given to crawl.Options, pipeline.Options and netguard.Dialer as it is.
func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	d.addrs = append(d.addrs, addr)
	d.mu.Unlock()
	target, err := d.target(addr)
	if err != nil {
		return nil, err
	}
	var nd net.Dialer
	conn, err := nd.DialContext(ctx, network, target)
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: conn, read: &d.read}, nil
}

// target maps addr through the name map and checks that the result is a
// loopback "ip:port".
func (d *Dialer) target(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", d.refuse(addr, err.Error())
	}
	target := addr
	if to, ok := d.names[addr]; ok {
		target = to
	} else if to, ok := d.names[host]; ok {
		target = net.JoinHostPort(to, port)
	}
	targetHost, _, err := net.SplitHostPort(target)
	if err != nil {
		return "", d.refuse(addr, "mapped to "+target+": "+err.Error())
	}
	ip, err := netip.ParseAddr(targetHost)
	if err != nil {
		return "", d.refuse(addr, "a name with no loopback address in the map")
	}
	if !ip.Unmap().IsLoopback() {
		return "", d.refuse(addr, "not loopback")
	}
	return target, nil
}

// refuse fails the test and returns the matching ErrRefused error.
func (d *Dialer) refuse(addr, why string) error {
	d.t.Errorf("loopback dialer: refused %q, %s (tests reach 127.0.0.0/8 and ::1 only)", addr, why)
	return fmt.Errorf("%w %q: %s", ErrRefused, addr, why)
}

// Addrs returns every address asked for so far, in order, refused or not.
func (d *Dialer) Addrs() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.addrs...)
}

// BytesRead returns the bytes read so far from all connections the Dialer
// made. Tests that measure one step subtract the figure taken before it.
func (d *Dialer) BytesRead() int64 { return d.read.Load() }

// countingConn adds what it reads to a Dialer's total.
type countingConn struct {
	net.Conn
	read *atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.read.Add(int64(n))
	return n, err
}
