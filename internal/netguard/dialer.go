package netguard

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"time"
)

// DialFunc opens a connection, as net.Dialer.DialContext does.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// ResolveFunc maps a host name to its IP addresses, as
// net.Resolver.LookupNetIP(ctx, "ip", host) does.
type ResolveFunc func(ctx context.Context, host string) ([]netip.Addr, error)

// Decision is one verdict of the dial-time check, reported to Dialer.OnDecision.
type Decision struct {
	Addr    string     // the address asked for: "host:port"
	IP      netip.Addr // the resolved IP the verdict is about
	Allowed bool
	Err     error // why it was refused (wraps ErrBlockedAddress); nil when allowed
}

// ErrDNS wraps resolution failures so callers can tell them from refused
// connections.
var ErrDNS = errors.New("dns lookup failed")

// Dialer checks every destination against its Policy before connecting.
//
// With Resolve set (or neither Resolve nor Dial set), the host is resolved
// first, every candidate IP is checked, and Dial receives "ip:port" of an
// allowed IP only: nothing is ever sent to a refused address.
//
// With Dial set and Resolve nil, Dial is trusted to map names itself (test
// dialers that send every name to a loopback listener): the policy is then
// applied to the connected peer address and a refused connection is closed
// before any byte is written. Prefer setting Resolve, which decides first.
type Dialer struct {
	// Policy is the address policy; nil means a policy with no allowlist.
	Policy *Policy
	// Resolve maps names to IPs; default net.DefaultResolver.LookupNetIP.
	Resolve ResolveFunc
	// Dial makes the connection; default a net.Dialer with Timeout.
	Dial DialFunc
	// Timeout bounds each connection attempt of the default Dial; default 5s.
	Timeout time.Duration
	// OnDecision, when set, is called with every verdict (tests record them).
	OnDecision func(Decision)
}

// DialContext checks and opens a connection to addr ("host:port").
// Errors wrap ErrBlockedAddress when the policy refuses every address and
// ErrDNS when the name does not resolve.
func (d *Dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %q: %w", addr, err)
	}
	if d.Dial != nil && d.Resolve == nil {
		if _, err := netip.ParseAddr(host); err != nil {
			return d.dialThenCheck(ctx, network, addr, host, port)
		}
	}
	ips, err := d.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	var firstErr error
	for _, ip := range ips {
		verdict := d.policy().CheckIP(host, port, ip)
		d.report(Decision{Addr: addr, IP: ip, Allowed: verdict == nil, Err: verdict})
		if verdict != nil {
			// One refused address refuses the name: a name that mixes public
			// and internal answers is a rebinding attempt, not a fallback.
			return nil, verdict
		}
	}
	for _, ip := range ips {
		conn, err := d.dial(ctx, network, net.JoinHostPort(ip.Unmap().String(), port))
		if err == nil {
			return conn, nil
		}
		if firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return nil, firstErr
}

func (d *Dialer) policy() *Policy {
	if d.Policy == nil {
		return &Policy{}
	}
	return d.Policy
}

func (d *Dialer) report(dec Decision) {
	if d.OnDecision != nil {
		d.OnDecision(dec)
	}
}

func (d *Dialer) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{ip}, nil
	}
	lookup := d.Resolve
	if lookup == nil {
		lookup = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	ips, err := lookup(ctx, host)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrDNS, host, err)
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("%w: %s: no addresses", ErrDNS, host)
	}
	return ips, nil
}

func (d *Dialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if d.Dial != nil {
		return d.Dial(ctx, network, addr)
	}
	timeout := d.Timeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	nd := &net.Dialer{Timeout: timeout}
	return nd.DialContext(ctx, network, addr)
}

// dialThenCheck is the path for injected name-mapping dialers: check the
// peer the dialer actually reached.
func (d *Dialer) dialThenCheck(ctx context.Context, network, addr, host, port string) (net.Conn, error) {
	conn, err := d.Dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	peer, perr := netip.ParseAddrPort(conn.RemoteAddr().String())
	if perr != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: %s: unknown peer address %q", ErrBlockedAddress, addr, conn.RemoteAddr())
	}
	verdict := d.policy().CheckIP(host, port, peer.Addr())
	d.report(Decision{Addr: addr, IP: peer.Addr(), Allowed: verdict == nil, Err: verdict})
	if verdict != nil {
		conn.Close()
		return nil, verdict
	}
	return conn, nil
}
