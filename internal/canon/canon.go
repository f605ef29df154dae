package canon

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Sentinel errors; Canonicalize wraps them with the offending detail.
var (
	// ErrScheme: the scheme is not http or https.
	ErrScheme = errors.New("canon: scheme is not http or https")
	// ErrHost: the host or port is empty or malformed.
	ErrHost = errors.New("canon: invalid host")
	// ErrInvalid: the URL is not absolute or contains forbidden characters.
	ErrInvalid = errors.New("canon: invalid URL")
)

// Canonicalize returns the canonical form of the absolute URL raw, following
// the rules in the package documentation. Errors wrap ErrScheme, ErrHost or
// ErrInvalid (callers branch with errors.Is). It is a pure function, safe for
// concurrent use.
func Canonicalize(raw string) (string, error) {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' })
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f {
			return "", fmt.Errorf("%w: control character 0x%02x at offset %d", ErrInvalid, c, i)
		}
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}

	scheme, rest, err := splitScheme(s)
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(rest, "//") {
		return "", fmt.Errorf("%w: %s: URL without \"//\"", ErrInvalid, scheme)
	}
	rest = rest[2:]

	authority, pathQuery := rest, ""
	if i := strings.IndexAny(rest, "/?"); i >= 0 {
		authority, pathQuery = rest[:i], rest[i:]
	}
	rawPath, rawQuery := pathQuery, ""
	hasQuery := false
	if i := strings.IndexByte(pathQuery, '?'); i >= 0 {
		rawPath, rawQuery, hasQuery = pathQuery[:i], pathQuery[i+1:], true
	}

	hostPort, err := canonicalAuthority(scheme, authority)
	if err != nil {
		return "", err
	}

	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(hostPort)
	b.WriteString(canonicalPath(rawPath))
	if hasQuery {
		if q := canonicalQuery(rawQuery); q != "" {
			b.WriteByte('?')
			b.WriteString(q)
		}
	}
	out := b.String()
	// A safety net for the rules above: the output must be a URL net/url
	// accepts, since every other package will parse it.
	if _, err := url.Parse(out); err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return out, nil
}

// splitScheme returns the lower-cased scheme and what follows its ':'.
func splitScheme(s string) (scheme, rest string, err error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isAlpha(c):
		case i > 0 && (isDigit(c) || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			scheme = strings.ToLower(s[:i])
			if scheme != "http" && scheme != "https" {
				return "", "", fmt.Errorf("%w: %q", ErrScheme, scheme)
			}
			return scheme, s[i+1:], nil
		default:
			return "", "", fmt.Errorf("%w: not an absolute URL", ErrInvalid)
		}
	}
	return "", "", fmt.Errorf("%w: not an absolute URL", ErrInvalid)
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
