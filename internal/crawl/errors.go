package crawl

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"

	"github.com/gleaner-news/gleaner/internal/netguard"
)

// Sentinel errors. Fetch wraps them; test with errors.Is.
var (
	// ErrRobotsDisallowed: robots.txt refuses the URL (or is unreachable, which
	// RFC 9309 says to treat as "disallow all" for a while).
	ErrRobotsDisallowed = errors.New("disallowed by robots.txt")
	// ErrBodyTooLarge: the decompressed body, or the declared Content-Length,
	// exceeds Options.MaxBodyBytes. The body is never returned truncated.
	ErrBodyTooLarge = errors.New("body too large")
	// ErrBlockedAddress: the destination (or a redirect's) resolves to an
	// address the policy refuses. Same value as netguard.ErrBlockedAddress.
	ErrBlockedAddress = netguard.ErrBlockedAddress
	// ErrBlockedScheme: the URL or a redirect is not http or https.
	// Same value as netguard.ErrBlockedScheme.
	ErrBlockedScheme = netguard.ErrBlockedScheme
	// ErrTooManyRedirects: more than 5 redirects.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrRedirectRefused: Options.AllowRedirect refused a redirect target
	// (outside the job's domains, say); the target was not requested.
	ErrRedirectRefused = errors.New("redirect refused")
	// ErrHTTPStatus: the final status is not 2xx, 3xx or 304; the error is a
	// *StatusError carrying the code.
	ErrHTTPStatus = errors.New("http status")
	// ErrDeferred: Retry-After asks for more than an hour, or the host's
	// circuit breaker is open. Try the URL in a later run.
	ErrDeferred = errors.New("deferred")
	// ErrTimeout: the fetch exceeded Options.Timeout, a header or TLS
	// timeout, or the transfer stayed under the minimum rate.
	ErrTimeout = errors.New("timeout")
	// ErrUnsupportedEncoding: a Content-Encoding other than a single gzip or
	// deflate layer (br, zstd, "gzip, gzip", ...).
	ErrUnsupportedEncoding = errors.New("unsupported content encoding")
	// ErrDataLoss: the body ended early or was malformed (Content-Length
	// mismatch, broken chunked encoding, connection dropped mid-body,
	// corrupt gzip).
	ErrDataLoss = errors.New("data loss")
	// ErrInvalidURL: the URL does not parse or has no host.
	ErrInvalidURL = errors.New("invalid url")
	// ErrNotHTML is never returned by Fetch, which fetches any type; it is
	// here for the pipeline to wrap when it refuses a body that is not HTML,
	// so that ErrorKind reports "not_html".
	ErrNotHTML = errors.New("not html")
	// ErrClosed: Fetch after Close.
	ErrClosed = errors.New("crawler closed")
)

// StatusError is the error for a final non-success HTTP status. It matches
// ErrHTTPStatus with errors.Is.
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string { return "http status " + strconv.Itoa(e.Code) }

// Is makes errors.Is(err, ErrHTTPStatus) true.
func (e *StatusError) Is(target error) bool { return target == ErrHTTPStatus }

// ErrorKind returns a short, stable word for an error from this package, for
// run summaries: "robots", "body_too_large", "blocked_address",
// "blocked_scheme", "too_many_redirects", "redirect_offsite", "deferred", "timeout",
// "unsupported_encoding", "data_loss", "invalid_url", "not_html", "dns",
// "connection", "canceled", "closed", "http_404" (any status), or "other".
// A nil error gives "".
func ErrorKind(err error) string {
	if err == nil {
		return ""
	}
	var se *StatusError
	switch {
	case errors.Is(err, ErrDeferred):
		return "deferred"
	case errors.Is(err, ErrRobotsDisallowed):
		return "robots"
	case errors.Is(err, ErrBodyTooLarge):
		return "body_too_large"
	case errors.Is(err, ErrBlockedAddress):
		return "blocked_address"
	case errors.Is(err, ErrBlockedScheme):
		return "blocked_scheme"
	case errors.Is(err, ErrTooManyRedirects):
		return "too_many_redirects"
	case errors.Is(err, ErrRedirectRefused):
		return "redirect_offsite"
	case errors.Is(err, ErrUnsupportedEncoding):
		return "unsupported_encoding"
	case errors.Is(err, ErrDataLoss):
		return "data_loss"
	case errors.Is(err, ErrInvalidURL):
		return "invalid_url"
	case errors.Is(err, ErrNotHTML):
		return "not_html"
	case errors.Is(err, ErrClosed):
		return "closed"
	case errors.As(err, &se):
		return "http_" + strconv.Itoa(se.Code)
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, netguard.ErrDNS):
		return "dns"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "dns"
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return "timeout"
	}
	var opErr *net.OpError
	var urlErr *url.Error
	if errors.As(err, &opErr) || errors.As(err, &urlErr) || errors.Is(err, net.ErrClosed) {
		return "connection"
	}
	return "other"
}

// retryable reports whether a failed attempt may succeed if repeated.
func retryable(err error) bool {
	switch ErrorKind(err) {
	case "timeout", "connection", "data_loss":
		return true
	}
	return false
}

// normaliseError maps transport errors onto the sentinels: timeouts from
// the client, transport or context become ErrTimeout.
func normaliseError(err error) error {
	if err == nil {
		return nil
	}
	switch ErrorKind(err) {
	case "timeout":
		if !errors.Is(err, ErrTimeout) {
			return fmt.Errorf("%w: %w", ErrTimeout, err)
		}
	}
	return err
}
