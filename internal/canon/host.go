package canon

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/net/idna"
)

// idnaProfile maps hosts as browsers do for lookup (UTS #46, non-transitional),
// but allows '_' since real hosts use it.
var idnaProfile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.BidiRule(),
)

const (
	maxHostLen  = 253
	maxLabelLen = 63
)

// canonicalAuthority returns "host" or "host:port" for the authority
// component, without user information and without the default port.
func canonicalAuthority(scheme, authority string) (string, error) {
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	hostPart, port := authority, ""
	if strings.HasPrefix(authority, "[") {
		end := strings.IndexByte(authority, ']')
		if end < 0 {
			return "", fmt.Errorf("%w: unclosed '[' in %q", ErrHost, authority)
		}
		hostPart, port = authority[:end+1], authority[end+1:]
		if port != "" && port[0] != ':' {
			return "", fmt.Errorf("%w: junk after IPv6 literal in %q", ErrHost, authority)
		}
	} else if i := strings.LastIndexByte(authority, ':'); i >= 0 {
		hostPart, port = authority[:i], authority[i:]
	}

	host, err := canonicalHost(hostPart)
	if err != nil {
		return "", err
	}
	p, err := canonicalPort(scheme, strings.TrimPrefix(port, ":"))
	if err != nil {
		return "", err
	}
	if p != "" {
		return host + ":" + p, nil
	}
	return host, nil
}

func canonicalHost(h string) (string, error) {
	if h == "" {
		return "", fmt.Errorf("%w: empty host", ErrHost)
	}
	if strings.HasPrefix(h, "[") {
		inner := h[1 : len(h)-1]
		addr, err := netip.ParseAddr(inner)
		if err != nil || !addr.Is6() || addr.Zone() != "" {
			return "", fmt.Errorf("%w: bad IPv6 literal %q", ErrHost, h)
		}
		return "[" + addr.String() + "]", nil
	}
	decoded, ok := percentDecode(h)
	if !ok {
		return "", fmt.Errorf("%w: bad escape in %q", ErrHost, h)
	}
	h = decoded
	if !isASCII(h) {
		a, err := idnaProfile.ToASCII(h)
		if err != nil {
			return "", fmt.Errorf("%w: %q: %w", ErrHost, h, err)
		}
		h = a
	}
	h = strings.ToLower(h)
	h = strings.TrimSuffix(h, ".")
	if h == "" || len(h) > maxHostLen {
		return "", fmt.Errorf("%w: host length %d", ErrHost, len(h))
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || len(label) > maxLabelLen {
			return "", fmt.Errorf("%w: empty or long label in %q", ErrHost, h)
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !isAlpha(c) && !isDigit(c) && c != '-' && c != '_' {
				return "", fmt.Errorf("%w: character %q in %q", ErrHost, c, h)
			}
		}
	}
	return h, nil
}

// canonicalPort returns the port without leading zeros, or "" when it is
// empty or the scheme's default.
func canonicalPort(scheme, p string) (string, error) {
	if p == "" {
		return "", nil
	}
	for i := 0; i < len(p); i++ {
		if !isDigit(p[i]) {
			return "", fmt.Errorf("%w: port %q", ErrHost, p)
		}
	}
	trimmed := strings.TrimLeft(p, "0")
	if trimmed == "" || len(trimmed) > 5 {
		return "", fmt.Errorf("%w: port %q out of range", ErrHost, p)
	}
	n, err := strconv.Atoi(trimmed)
	if err != nil || n > 65535 {
		return "", fmt.Errorf("%w: port %q out of range", ErrHost, p)
	}
	if scheme == "http" && n == 80 || scheme == "https" && n == 443 {
		return "", nil
	}
	return trimmed, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
