package pipeline

import (
	"context"
	"net/url"
	"time"

	"github.com/gleaner-news/gleaner/internal/canon"
	"github.com/gleaner-news/gleaner/internal/discover"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/state"
)

// candidate is a discovered URL on its way into the frontier.
type candidate struct {
	raw     string
	kind    state.Kind
	lastmod time.Time
}

// followLinks queues the page's links that belong to the crawl and returns
// the ones it queued or re-checks (stored with the page for later 304s).
// At the job's MaxDepth the links are not followed: new ones are counted as
// max_depth skips.
func (r *run) followLinks(ctx context.Context, e state.Entry, doc *htmldoc.Document) []string {
	if !r.job.Sources.Links {
		// The job finds its URLs in sitemaps and feeds only; start pages are
		// fetched for the feeds they announce.
		return nil
	}
	links := doc.Links()
	if max := r.job.Limits.MaxOutlinks; max > 0 && len(links) > max {
		r.tally.skip("trap:outlinks")
		links = links[:max]
	}
	cands := make([]candidate, 0, len(links))
	for _, l := range links {
		cands = append(cands, candidate{raw: l.URL, kind: state.KindPage})
	}
	return r.enqueue(ctx, e, cands, e.Depth >= r.job.MaxDepth)
}

// pushFeeds queues the feeds a page announces.
func (r *run) pushFeeds(ctx context.Context, e state.Entry, feeds []string) {
	cands := make([]candidate, 0, len(feeds))
	for _, f := range feeds {
		cands = append(cands, candidate{raw: f, kind: state.KindFeed})
	}
	r.enqueue(ctx, e, cands, false)
}

// handleSitemap queues a sitemap's URLs and child sitemaps. It returns the
// child sitemaps it queued, stored with the page so that a later 304 for an
// index still re-checks its children.
func (r *run) handleSitemap(ctx context.Context, e state.Entry, body []byte) []string {
	sm, err := discover.ParseSitemap(body)
	if err != nil {
		// A broken sitemap is an error entry; what it gave before breaking is still used.
		r.tally.fail(e.URL, "sitemap", err)
		if sm == nil {
			return nil
		}
	}
	children := make([]candidate, 0, len(sm.Sitemaps))
	for _, s := range sm.Sitemaps {
		children = append(children, candidate{raw: s.URL, kind: state.KindSitemap, lastmod: latest(s)})
	}
	pages := make([]candidate, 0, len(sm.URLs))
	for _, u := range sm.URLs {
		pages = append(pages, candidate{raw: u.URL, kind: state.KindPage, lastmod: latest(u)})
	}
	queued := r.enqueue(ctx, e, children, false)
	r.enqueue(ctx, e, pages, false)
	return queued
}

func (r *run) handleFeed(ctx context.Context, e state.Entry, body []byte) {
	feed, err := discover.ParseFeed(body)
	if err != nil {
		r.tally.fail(e.URL, "feed", err)
		if feed == nil {
			return
		}
	}
	cands := make([]candidate, 0, len(feed.Items))
	for _, it := range feed.Items {
		cands = append(cands, candidate{raw: it.URL, kind: state.KindPage, lastmod: latest(it)})
	}
	r.enqueue(ctx, e, cands, false)
}

// recheckLinks re-queues the links a page had when it was last fetched: the
// page answered 304, so they are the same, and the list pages and sitemaps
// among them still need their own conditional check this run.
func (r *run) recheckLinks(ctx context.Context, e state.Entry, known state.Page) {
	if len(known.Links) == 0 {
		return
	}
	kind := state.KindPage
	beyond := false
	switch known.Kind {
	case state.KindSitemap:
		kind = state.KindSitemap
	case state.KindList, state.KindPage:
		if !r.job.Sources.Links {
			return
		}
		beyond = e.Depth >= r.job.MaxDepth
	default:
		return
	}
	cands := make([]candidate, 0, len(known.Links))
	for _, l := range known.Links {
		cands = append(cands, candidate{raw: l, kind: kind})
	}
	r.enqueue(ctx, e, cands, beyond)
}

func latest(en discover.Entry) time.Time {
	if en.Modified.After(en.Published) {
		return en.Modified
	}
	return en.Published
}

// enqueue filters candidates through the job's scope and pushes them.
// Unknown URLs are pushed once; known list pages, feeds and sitemaps are
// pushed again (forced) so each run re-checks them conditionally; known
// articles only when the job asks for rechecks or a sitemap or feed says
// they changed since we last saw them. With beyondDepth nothing but
// sitemaps and feeds is pushed: new URLs are counted as max_depth skips.
// It returns the URLs that are not known articles, in order, for
// [state.Page.Links].
func (r *run) enqueue(ctx context.Context, from state.Entry, cands []candidate, beyondDepth bool) []string {
	var fresh, again []state.Entry
	var links []string
	seen := make(map[string]bool, len(cands))
	now := r.now()
	var window time.Time
	if r.job.Since > 0 {
		window = now.Add(-r.job.Since.D())
	}
	for _, c := range cands {
		u, err := canon.Canonicalize(c.raw)
		if err != nil {
			r.tally.skip("invalid_url")
			continue
		}
		if seen[u] || u == from.URL {
			continue
		}
		seen[u] = true
		parsed, err := url.Parse(u)
		if err != nil {
			r.tally.skip("invalid_url")
			continue
		}
		if reason := r.scope.reject(parsed, u); reason != "" {
			r.tally.skip(reason)
			continue
		}
		if reason := dateWindowSkip(parsed.Path, c.lastmod, now, window); reason != "" {
			r.tally.skip(reason)
			continue
		}
		known, ok, err := r.store.Page(ctx, u)
		if err != nil {
			r.tally.fail(u, "state", err)
			continue
		}
		kind := c.kind
		if ok && kind == state.KindPage {
			kind = known.Kind // what the URL turned out to be last time
		}
		discovery := kind == state.KindSitemap || kind == state.KindFeed
		if beyondDepth && !discovery {
			if !ok {
				r.tally.skip("max_depth")
			}
			continue
		}
		entry := state.Entry{URL: u, Depth: from.Depth + 1, Kind: r.scope.kindOf(u, kind), Referrer: from.URL, Lastmod: c.lastmod}
		if discovery {
			entry.Depth = from.Depth // discovery documents do not use up crawl depth
		}
		switch {
		case !ok:
			fresh = append(fresh, entry)
			links = append(links, u)
		case known.Kind != state.KindArticle:
			again = append(again, entry)
			links = append(links, u)
		case r.job.Recheck || (!c.lastmod.IsZero() && c.lastmod.After(known.LastSeen)):
			again = append(again, entry)
		}
	}
	if len(fresh) > 0 {
		if _, err := r.store.Push(ctx, false, fresh...); err != nil {
			r.tally.fail(from.URL, "state", err)
		}
	}
	if len(again) > 0 {
		if _, err := r.store.Push(ctx, true, again...); err != nil {
			r.tally.fail(from.URL, "state", err)
		}
	}
	return links
}
