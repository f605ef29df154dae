package pipeline

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/discover"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/state"
)

// nextRun is how far a page that failed transiently (after the fetcher's
// own retries) or was deferred by its host is pushed back: past the end of
// this run. The next run's BeginRun makes it ready again.
const nextRun = 24 * time.Hour

// visit fetches one frontier entry and handles what comes back. It always
// settles the entry: Done, or back in the frontier.
func (r *run) visit(ctx context.Context, e state.Entry) {
	bg := context.WithoutCancel(ctx)
	known, isKnown, err := r.store.Page(bg, e.URL)
	if err != nil {
		r.tally.fail(e.URL, "state", err)
		r.done(bg, e)
		return
	}
	if reason := r.hostPages.take(e.URL); reason != "" {
		// Over this run's budget: the page is the next run's to fetch.
		r.tally.skip(reason)
		r.park(bg, e, false)
		return
	}

	req := crawl.Request{URL: e.URL, Header: http.Header{}}
	if isKnown {
		if known.ETag != "" {
			req.Header.Set("If-None-Match", known.ETag)
		}
		if known.LastModified != "" {
			req.Header.Set("If-Modified-Since", known.LastModified)
		}
	}
	began := time.Now()
	resp, err := r.crawler.Fetch(ctx, req)
	if resp != nil {
		r.counters.Fetched.Add(1)
	}
	// The observer hears of every request that went out: answered, or failed on the wire.
	notSent := errors.Is(err, crawl.ErrRobotsDisallowed) || errors.Is(err, crawl.ErrDeferred) ||
		errors.Is(err, crawl.ErrBlockedAddress) || errors.Is(err, crawl.ErrBlockedScheme)
	if r.opts.Observer != nil && ctx.Err() == nil && !notSent {
		status, elapsed := 0, time.Since(began)
		if resp != nil {
			status, elapsed = resp.Status, resp.Elapsed
		}
		r.opts.Observer.Fetched(hostOf(e.URL), status, elapsed)
	}
	if err != nil {
		r.fetchFailed(ctx, e, err)
		return
	}

	page := known
	if !isKnown {
		page = state.Page{URL: e.URL, Kind: e.Kind, FirstSeen: r.now().UTC()}
	}
	page.LastSeen = r.now().UTC()
	page.Status = resp.Status
	if resp.Status == http.StatusNotModified {
		r.counters.NotModified.Add(1)
		r.putPage(bg, page)
		r.recheckLinks(bg, e, known)
		r.done(bg, e)
		return
	}
	page.ETag = resp.Header.Get("ETag")
	page.LastModified = resp.Header.Get("Last-Modified")

	switch kind := discover.IsFeedOrSitemap(resp.Header.Get("Content-Type"), resp.Body); {
	case kind == "sitemap" || (kind == "" && e.Kind == state.KindSitemap && looksXMLish(resp.Body)):
		page.Kind = state.KindSitemap
		page.Links = r.handleSitemap(bg, e, resp.Body)
	case kind == "feed":
		page.Kind = state.KindFeed
		page.Links = nil
		r.handleFeed(bg, e, resp.Body)
	default:
		page.Kind, page.Links = r.handleHTML(ctx, e, resp, page)
		if page.Kind == "" { // failed; already counted
			r.done(bg, e)
			return
		}
	}
	if page.Kind != state.KindArticle { // articles store their page state with the record
		r.putPage(bg, page)
	}
	r.done(bg, e)
}

// fetchFailed sorts a failed fetch: skips by rule, transient failures back to
// the frontier, the rest into the summary.
func (r *run) fetchFailed(ctx context.Context, e state.Entry, err error) {
	bg := context.WithoutCancel(ctx)
	if ctx.Err() != nil {
		// Stopping: the page goes back to the frontier for the next run.
		if rerr := r.store.Retry(bg, e); rerr != nil {
			r.tally.fail(e.URL, "state", rerr)
		}
		return
	}
	kind := crawl.ErrorKind(err)
	switch {
	case errors.Is(err, crawl.ErrRobotsDisallowed):
		r.tally.skip("robots")
	case errors.Is(err, crawl.ErrRedirectRefused):
		// The page moved off the job's domains; the new address was not fetched.
		r.tally.skip("redirect_offsite")
	case e.Kind == state.KindSitemap && errors.Is(err, crawl.ErrHTTPStatus) && e.Depth == 0 && isGuessedSitemap(e.URL):
		// A guessed sitemap path that is not there is not an error.
		r.tally.skip("no_sitemap")
	case errors.Is(err, crawl.ErrDeferred):
		// The host asked us to come back much later: keep the URL for a later run.
		r.tally.skip("deferred")
		r.park(bg, e, true)
		return
	case transient(kind):
		// Failed after the fetcher's retries: counted, and kept for a later run
		// rather than marked visited.
		r.tally.fail(e.URL, kind, err)
		r.park(bg, e, true)
		return
	default:
		r.tally.fail(e.URL, kind, err)
	}
	r.done(bg, e)
}

// handleHTML decodes and parses the page once, follows its links and writes
// it when it is an article. It returns the page's kind, or "" on failure,
// and the links it queued.
func (r *run) handleHTML(ctx context.Context, e state.Entry, resp *crawl.Response, page state.Page) (state.Kind, []string) {
	doc, err := htmldoc.Parse(resp.Body, resp.Header.Get("Content-Type"), resp.URL)
	if err != nil {
		kind := "parse"
		if errors.Is(err, htmldoc.ErrNotHTML) {
			kind = "not_html"
		}
		r.tally.fail(e.URL, kind, err)
		return "", nil
	}
	bg := context.WithoutCancel(ctx)
	links := r.followLinks(bg, e, doc)
	if r.job.Sources.Feeds {
		r.pushFeeds(bg, e, doc.Feeds())
	}

	res, err := r.extractSafely(doc)
	if err != nil {
		r.tally.fail(e.URL, extractErrorKind(err), err)
		return "", nil
	}
	if !r.scope.isArticle(resp.URL.String(), res) {
		return state.KindList, links
	}
	if err := r.writeArticle(bg, e, resp, page, res); err != nil {
		r.tally.fail(e.URL, "output", err)
		return "", nil
	}
	return state.KindArticle, nil
}

// Extraction failures that stay on their page.
var (
	errExtractPanic   = errors.New("extraction panicked")
	errExtractTimeout = errors.New("extraction timed out")
)

func extractErrorKind(err error) string {
	switch {
	case errors.Is(err, errExtractPanic):
		return "extract_panic"
	case errors.Is(err, errExtractTimeout):
		return "extract_timeout"
	}
	return "extract"
}

// extractSafely runs the extractor with a deadline and turns a panic into an
// error, so one pathological page cannot stop or stall the run. A timed-out
// extraction's goroutine is abandoned (Go cannot kill it); extractCap bounds
// how many can pile up and how many pages are extracted at once.
func (r *run) extractSafely(doc *htmldoc.Document) (*extract.Result, error) {
	type outcome struct {
		res *extract.Result
		err error
	}
	timer := time.NewTimer(r.opts.ExtractTimeout)
	defer timer.Stop()
	select {
	case r.extractCap <- struct{}{}:
	case <-timer.C:
		// Every slot is held by extractions that overran their deadline.
		return nil, errExtractTimeout
	}
	// No context: a page already fetched when the run is stopped is
	// finished (extracted and written), not failed.
	ch := make(chan outcome, 1)
	go func() {
		defer func() { <-r.extractCap }()
		defer func() {
			if p := recover(); p != nil {
				r.log.Error("extraction panicked", "url", doc.URL, "panic", p, "stack", string(debug.Stack()))
				ch <- outcome{err: fmt.Errorf("%w: %v", errExtractPanic, p)}
			}
		}()
		res, err := r.extract(doc)
		ch <- outcome{res, err}
	}()
	select {
	case o := <-ch:
		return o.res, o.err
	case <-timer.C:
		return nil, errExtractTimeout
	}
}

// transient reports whether a failure of this kind may pass by itself.
func transient(kind string) bool {
	switch kind {
	case "timeout", "connection", "data_loss", "dns", "http_429":
		return true
	}
	return strings.HasPrefix(kind, "http_5")
}

func (r *run) done(ctx context.Context, e state.Entry) {
	if err := r.store.Done(ctx, e.URL); err != nil {
		r.tally.fail(e.URL, "state", err)
	}
}

func (r *run) putPage(ctx context.Context, p state.Page) {
	if err := r.store.PutPage(ctx, p); err != nil {
		r.tally.fail(p.URL, "state", err)
	}
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Host
}

func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

func isGuessedSitemap(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for _, p := range discover.CommonSitemapPaths {
		if u.Path == p {
			return true
		}
	}
	return false
}

func looksXMLish(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', 0xEF, 0xBB, 0xBF:
			continue
		}
		return c == '<' || c == 0x1f
	}
	return false
}
