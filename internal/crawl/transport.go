package crawl

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gleaner-news/gleaner/internal/netguard"
)

// callHeader carries a Fetch call's id through colly to the transport, which
// removes it before anything is sent. Go's client copies it onto redirects.
const callHeader = "X-Gleaner-Internal-Call"

// call is the transport's view of one attempt of one Fetch: the context that
// bounds it (colly gives requests its own context, not ours) and the final
// response headers, kept here because colly re-decodes bodies whose
// Content-Type names a charset and the body must reach the caller as sent.
type call struct {
	ctx    context.Context
	cancel context.CancelCauseFunc

	mu       sync.Mutex
	header   http.Header // final response headers, set by the transport
	status   int         // set by Crawler.onResponse
	body     []byte
	finalURL *url.URL
}

func (c *call) setHeader(h http.Header) {
	c.mu.Lock()
	c.header = h
	c.mu.Unlock()
}

// guardedTransport wraps an http.Transport with the scheme check, the
// decompressed-size limit, content-coding rules and the minimum-rate rule.
type guardedTransport struct {
	base    *http.Transport
	maxBody int64
	calls   *sync.Map // id → *call
}

// RoundTrip implements http.RoundTripper.
func (t *guardedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := netguard.CheckURL(req.URL); err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	var cl *call
	if id := req.Header.Get(callHeader); id != "" {
		v, ok := t.calls.Load(id)
		if !ok {
			return nil, fmt.Errorf("fetch call %s is over", id)
		}
		cl = v.(*call)
		req = req.Clone(cl.ctx)
		req.Header.Del(callHeader)
	}
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if err := t.guardBody(req.Context(), resp); err != nil {
		resp.Body.Close()
		return nil, err
	}
	if cl != nil {
		cl.setHeader(resp.Header.Clone())
		// Hide the Content-Type from colly so that it leaves the bytes alone
		// (it would transcode charset-labelled bodies); Fetch restores the
		// real header from the call.
		resp.Header.Del("Content-Type")
	}
	return resp, nil
}

// guardBody replaces resp.Body with a reader that decodes at most one
// content-coding layer and fails past maxBody decoded bytes, and marks the
// response uncompressed so that colly never gunzips it again (it would for
// Content-Type application/x-gzip and *.xml.gz URLs, without a limit).
func (t *guardedTransport) guardBody(ctx context.Context, resp *http.Response) error {
	coding := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if resp.Uncompressed {
		coding = "" // Go's transport decoded the one gzip layer it asked for
	}
	if resp.ContentLength > t.maxBody {
		return fmt.Errorf("%w: content-length %d over the %d-byte limit", ErrBodyTooLarge, resp.ContentLength, t.maxBody)
	}
	var decoded io.Reader = resp.Body
	switch coding {
	case "", "identity":
	case "gzip", "x-gzip":
		decoded = &lazyDecoder{src: resp.Body, open: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }}
	case "deflate":
		decoded = &lazyDecoder{src: resp.Body, open: openDeflate}
	default:
		return fmt.Errorf("%w: %q", ErrUnsupportedEncoding, coding)
	}
	if coding != "" && coding != "identity" {
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.ContentLength = -1
	}
	resp.Uncompressed = true
	resp.Body = newLimitedBody(ctx, decoded, resp.Body, t.maxBody)
	return nil
}

// openDeflate accepts both zlib-wrapped deflate (what the RFC means) and raw
// deflate (what some servers send).
func openDeflate(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err == nil && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 && head[0]&0x0f == 8 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// lazyDecoder opens its decoder on first read, so header errors surface as
// read errors (and so as data loss) rather than at RoundTrip.
type lazyDecoder struct {
	src  io.Reader
	open func(io.Reader) (io.Reader, error)
	dec  io.Reader
}

func (d *lazyDecoder) Read(p []byte) (int, error) {
	if d.dec == nil {
		dec, err := d.open(d.src)
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		d.dec = dec
	}
	return d.dec.Read(p)
}

// limitedBody enforces the decoded-size limit and the minimum transfer rate,
// and turns read failures into ErrDataLoss or ErrTimeout.
type limitedBody struct {
	ctx    context.Context
	r      io.Reader
	closer io.Closer
	limit  int64
	n      int64
	err    error

	window atomic.Int64 // bytes read in the current rate window
	timer  *time.Timer
	slow   atomic.Bool
}

func newLimitedBody(ctx context.Context, r io.Reader, closer io.Closer, limit int64) *limitedBody {
	b := &limitedBody{ctx: ctx, r: r, closer: closer, limit: limit}
	// A body that trickles in under the minimum rate is cut off by closing
	// the connection: a Read blocked on the network then returns.
	b.timer = time.AfterFunc(minRateWindow, b.checkRate)
	return b
}

func (b *limitedBody) checkRate() {
	if b.window.Swap(0) < minRateBytes {
		b.slow.Store(true)
		b.closer.Close()
		return
	}
	b.timer.Reset(minRateWindow)
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	// Read at most one byte past the limit: enough to know it was crossed.
	if room := b.limit - b.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	b.window.Add(int64(n))
	if b.n > b.limit {
		b.err = fmt.Errorf("%w: more than %d bytes after decompression", ErrBodyTooLarge, b.limit)
		b.timer.Stop()
		return n - int(b.n-b.limit), b.err
	}
	switch {
	case err == nil:
	case errors.Is(err, io.EOF):
		b.timer.Stop()
	case b.slow.Load():
		b.err = fmt.Errorf("%w: transfer under %d bytes per %s", ErrTimeout, minRateBytes, minRateWindow)
	case b.ctx.Err() != nil:
		b.err = fmt.Errorf("%w: %w", ErrTimeout, context.Cause(b.ctx))
		if errors.Is(context.Cause(b.ctx), context.Canceled) {
			b.err = context.Cause(b.ctx)
		}
	default:
		b.err = fmt.Errorf("%w: %w", ErrDataLoss, err)
	}
	if b.err != nil {
		b.timer.Stop()
		return n, b.err
	}
	return n, err
}

func (b *limitedBody) Close() error {
	b.timer.Stop()
	return b.closer.Close()
}
