package netguard

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// ErrBlockedAddress is returned (wrapped) when the address policy refuses a
// destination IP.
var ErrBlockedAddress = errors.New("blocked address")

// ErrBlockedScheme is returned (wrapped) for URLs whose scheme is not http or https.
var ErrBlockedScheme = errors.New("blocked scheme")

// blockedPrefixes are the ranges no crawler should ever reach from a link.
// IPv4-mapped IPv6 forms are unmapped before the check.
var blockedPrefixes = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "this-network"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private"},
	{netip.MustParsePrefix("100.64.0.0/10"), "cgnat"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private"},
	{netip.MustParsePrefix("192.0.0.0/24"), "ietf-protocol"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{netip.MustParsePrefix("::/96"), "ipv4-compatible"},
	{netip.MustParsePrefix("fc00::/7"), "unique-local"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fec0::/10"), "site-local"},
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
}

// Embedding prefixes carry an IPv4 address inside an IPv6 one; the embedded
// address is checked too.
var (
	nat64Prefix  = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour    = netip.MustParsePrefix("2002::/16")
	teredoPrefix = netip.MustParsePrefix("2001::/32")
)

// BlockReason reports why ip is refused by the default policy, or "" when
// it is a public address. Zero and invalid addresses are refused.
func BlockReason(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid"
	}
	ip = ip.Unmap()
	for _, b := range blockedPrefixes {
		if b.prefix.Contains(ip) {
			return b.reason
		}
	}
	if ip.Is6() {
		raw := ip.As16()
		switch {
		case nat64Prefix.Contains(ip):
			if r := BlockReason(netip.AddrFrom4([4]byte(raw[12:16]))); r != "" {
				return "nat64-" + r
			}
		case sixToFour.Contains(ip):
			if r := BlockReason(netip.AddrFrom4([4]byte(raw[2:6]))); r != "" {
				return "6to4-" + r
			}
		case teredoPrefix.Contains(ip):
			// Teredo carries the client's IPv4 address inverted in the last 32 bits.
			v4 := [4]byte{^raw[12], ^raw[13], ^raw[14], ^raw[15]}
			if r := BlockReason(netip.AddrFrom4(v4)); r != "" {
				return "teredo-" + r
			}
		}
	}
	return ""
}

// Policy decides which destinations may be dialled. The zero value is
// usable and allows public addresses only. A Policy is immutable after
// NewPolicy and safe for concurrent use.
type Policy struct {
	allow map[string]bool // lower-case "host" and "host:port" entries
}

// NewPolicy returns a policy that blocks non-public addresses except for
// the hosts in allowHosts. Each entry is a host name or IP literal with an
// optional ":port" ("localhost", "127.0.0.1:8080", "[::1]:9000"); without a
// port, every port of that host is allowed.
func NewPolicy(allowHosts []string) *Policy {
	p := &Policy{allow: make(map[string]bool, len(allowHosts))}
	for _, h := range allowHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" {
			continue
		}
		p.allow[normaliseHostEntry(h)] = true
	}
	return p
}

// normaliseHostEntry writes IP literals canonically so that "::0001" and
// "::1" are the same entry, and strips IPv6 brackets without a port.
func normaliseHostEntry(h string) string {
	if host, port, err := net.SplitHostPort(h); err == nil {
		if ip, err := netip.ParseAddr(host); err == nil {
			host = ip.Unmap().String()
		}
		return net.JoinHostPort(host, port)
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if ip, err := netip.ParseAddr(h); err == nil {
		return ip.Unmap().String()
	}
	return strings.TrimSuffix(h, ".")
}

// allowed reports whether host (a name or IP literal, no brackets) or the IP
// it resolved to is on the allowlist, with or without port.
func (p *Policy) allowed(host, port string, ip netip.Addr) bool {
	if p == nil || len(p.allow) == 0 {
		return false
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	candidates := []string{host, net.JoinHostPort(host, port)}
	if ip.IsValid() {
		s := ip.Unmap().String()
		candidates = append(candidates, s, net.JoinHostPort(s, port))
	}
	for _, c := range candidates {
		if p.allow[c] {
			return true
		}
	}
	return false
}

// CheckIP decides whether a connection to ip for the requested host and port
// may be made. host is the name from the URL (or an IP literal); it is only
// used for the allowlist. The error wraps ErrBlockedAddress.
func (p *Policy) CheckIP(host, port string, ip netip.Addr) error {
	reason := BlockReason(ip)
	if reason == "" || p.allowed(host, port, ip) {
		return nil
	}
	return fmt.Errorf("%w: %s resolves to %s (%s)", ErrBlockedAddress, host, ip, reason)
}

// CheckURL refuses URLs that are not http or https, or that have no host.
// The error wraps ErrBlockedScheme.
func CheckURL(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return fmt.Errorf("%w: %q", ErrBlockedScheme, u.Scheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%w: no host in %q", ErrBlockedScheme, u.Redacted())
	}
	return nil
}
