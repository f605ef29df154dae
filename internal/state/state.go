package state

import (
	"context"
	"errors"
	"time"
)

// Kind says what a URL is known or expected to be.
type Kind string

// Kinds of URL.
const (
	KindPage    Kind = "page" // not known yet
	KindList    Kind = "list"
	KindArticle Kind = "article"
	KindFeed    Kind = "feed"
	KindSitemap Kind = "sitemap"
)

// Entry is one URL in the frontier.
type Entry struct {
	URL       string    `json:"url"`                 // canonical; required
	Depth     int       `json:"depth,omitempty"`     // links from a start URL (0 for start URLs)
	Kind      Kind      `json:"kind,omitempty"`      // what the URL is expected to be; "" is KindPage
	Referrer  string    `json:"referrer,omitempty"`  // the page the URL was found on
	Attempts  int       `json:"attempts,omitempty"`  // failed fetches so far, kept by Retry
	NotBefore time.Time `json:"not_before,omitzero"` // zero: ready at once
	Lastmod   time.Time `json:"lastmod,omitzero"`    // from a sitemap or feed
}

// Page is what the store remembers about a fetched URL across runs: enough
// for conditional GETs and content-hash dedup.
type Page struct {
	URL          string    `json:"url"`                     // canonical
	Kind         Kind      `json:"kind,omitempty"`          // what the fetch showed the page to be
	Status       int       `json:"status,omitempty"`        // HTTP status of the last fetch
	ETag         string    `json:"etag,omitempty"`          // for If-None-Match
	LastModified string    `json:"last_modified,omitempty"` // header value, for If-Modified-Since
	ContentHash  string    `json:"content_hash,omitempty"`  // record.HashContent of the last version written
	RecordID     string    `json:"record_id,omitempty"`     // record.ID of the article
	Version      int       `json:"version,omitempty"`       // last record version written
	FirstSeen    time.Time `json:"first_seen,omitzero"`
	LastSeen     time.Time `json:"last_seen,omitzero"`
	// Links are the in-scope URLs a list page or sitemap index pointed to
	// when it was last fetched (canonical). A later 304 for the page re-checks
	// them without the body, so an unchanged home page still leads to its
	// section pages. Empty for articles.
	Links []string `json:"links,omitempty"`
}

// Store is the crawl state. Implementations are safe for concurrent use.
type Store interface {
	// BeginRun starts a run. In-flight entries left by a killed run go back
	// to the queue (resume). If the previous run completed, the per-run done
	// set is cleared; if it did not, it is kept so the resumed run does not
	// redo work. resumed reports the latter case. Entries an earlier run
	// deferred (NotBefore in the future) become ready: each run retries what
	// the last one put off. ErrRunActive if this handle already has a run.
	BeginRun(ctx context.Context, runID string) (resumed bool, err error)
	// EndRun ends the run, marking it completed or, with complete=false,
	// interrupted. Entries still in flight go back to the queue; queued
	// entries are kept for the next run either way.
	EndRun(ctx context.Context, complete bool) error
	// Push adds entries to the frontier, skipping URLs already queued, in
	// flight or done in this run; unless force, it also skips URLs with a
	// stored Page (known articles). It returns how many were added. An
	// entry without a URL is ErrInvalidEntry and nothing is added.
	Push(ctx context.Context, force bool, entries ...Entry) (int, error)
	// Pop moves the oldest ready entry (NotBefore <= now) to in flight.
	// ok is false when none is ready.
	Pop(ctx context.Context, now time.Time) (e Entry, ok bool, err error)
	// Done moves an in-flight URL to this run's done set. Done of a URL
	// already done is a no-op; of any other URL, ErrNotInFlight.
	Done(ctx context.Context, url string) error
	// Retry puts the in-flight e.URL back at the end of the queue with
	// e's NotBefore, Attempts and other fields. ErrNotInFlight otherwise.
	Retry(ctx context.Context, e Entry) error
	// Len reports queued entries (ready or not) and in-flight ones.
	Len(ctx context.Context) (queued, inFlight int, err error)
	// Page returns the stored Page for url; ok is false if there is none.
	Page(ctx context.Context, url string) (Page, bool, error)
	// PutPage stores p under p.URL, replacing any previous one.
	PutPage(ctx context.Context, p Page) error
	// Close releases the store. It does not end the run: a run not ended
	// is resumed by the next BeginRun.
	Close() error
}

// Errors callers branch on.
var (
	// ErrNoRun: Push, Pop, Done, Retry or EndRun was called outside a run.
	ErrNoRun = errors.New("state: no run begun")
	// ErrRunActive: BeginRun on a handle whose run has not ended.
	ErrRunActive = errors.New("state: a run is already active on this store")
	// ErrNotInFlight: Done or Retry of a URL that was not popped in this run.
	ErrNotInFlight = errors.New("state: url is not in flight")
	// ErrInvalidEntry: Push of an entry, or PutPage of a page, without a URL.
	ErrInvalidEntry = errors.New("state: invalid entry")
	// ErrClosed: a call on a store after Close.
	ErrClosed = errors.New("state: store closed")
	// ErrBusy: another process has the store file open (Bolt's open timeout).
	ErrBusy = errors.New("state: store is in use by another process")
)
