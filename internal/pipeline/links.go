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

// followLinks queues the page's links that belong to the crawl.
func (r *run) followLinks(ctx context.Context, e state.Entry, doc *htmldoc.Document) {
	if !r.job.Sources.Links && e.Depth > 0 {
		return
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
	r.enqueue(ctx, e, cands)
}

// pushFeeds queues the feeds a page announces.
func (r *run) pushFeeds(ctx context.Context, e state.Entry, feeds []string) {
	cands := make([]candidate, 0, len(feeds))
	for _, f := range feeds {
		cands = append(cands, candidate{raw: f, kind: state.KindFeed})
	}
	r.enqueue(ctx, e, cands)
}

func (r *run) handleSitemap(ctx context.Context, e state.Entry, body []byte) {
	sm, err := discover.ParseSitemap(body)
	if err != nil {
		// A broken sitemap is an error entry; what it gave before breaking is still used.
		r.tally.fail(e.URL, "sitemap", err)
		if sm == nil {
			return
		}
	}
	cands := make([]candidate, 0, len(sm.URLs)+len(sm.Sitemaps))
	for _, s := range sm.Sitemaps {
		cands = append(cands, candidate{raw: s.URL, kind: state.KindSitemap, lastmod: latest(s)})
	}
	for _, u := range sm.URLs {
		cands = append(cands, candidate{raw: u.URL, kind: state.KindPage, lastmod: latest(u)})
	}
	r.enqueue(ctx, e, cands)
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
	r.enqueue(ctx, e, cands)
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
// they changed since we last saw them.
func (r *run) enqueue(ctx context.Context, from state.Entry, cands []candidate) {
	var fresh, again []state.Entry
	seen := make(map[string]bool, len(cands))
	var window time.Time
	if r.job.Since > 0 {
		window = r.now().Add(-r.job.Since.D())
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
		if !window.IsZero() && !c.lastmod.IsZero() && c.lastmod.Before(window) {
			r.tally.skip("too_old")
			continue
		}
		entry := state.Entry{URL: u, Depth: from.Depth + 1, Kind: r.scope.kindOf(u, c.kind), Referrer: from.URL, Lastmod: c.lastmod}
		if c.kind == state.KindSitemap || c.kind == state.KindFeed {
			entry.Depth = from.Depth // discovery documents do not use up crawl depth
		}
		known, ok, err := r.store.Page(ctx, u)
		switch {
		case err != nil:
			r.tally.fail(u, "state", err)
		case !ok:
			fresh = append(fresh, entry)
		case known.Kind != state.KindArticle:
			again = append(again, entry)
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
}
