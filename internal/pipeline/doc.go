// Package pipeline runs one crawl job end to end: frontier → fetch → decode
// and parse once → links and article from that one tree → record → JSON Lines.
//
// A run owns its job's output folder, <output_dir>/<job>/:
//
//	.lock                       held while a run is going (see internal/joblock)
//	state.db                    crawl state: frontier, pages seen, versions (internal/state)
//	articles-<UTC stamp>.jsonl  the records this run wrote (created on the first record)
//	runs/<UTC stamp>.json       the run summary
//	reconciled.json             output files whose records are known to the state
//
// Run stamps are unique per job: a run started in the same second as an
// earlier one takes the next free second, so no two runs share a file.
//
// Incremental runs: start pages, list pages, feeds and sitemaps are
// re-fetched with If-None-Match / If-Modified-Since; a 304 re-checks the
// list pages and child sitemaps the page led to last time (state.Page.Links);
// known articles are fetched again only with the job's recheck, or when a
// sitemap or feed dates them after they were last seen; a changed article
// (content hash) gets a record with the same id and the next version.
// Pages beyond a run's budget stay in the frontier for the next run.
// docs/crawling.md is the user's guide to all of this.
//
// Every failure on a page becomes an entry in the run's [Summary]; nothing
// stops the run but a cancelled context, which stops new fetches, puts
// in-flight pages back in the frontier and flushes what was written, so the
// next run resumes. A run killed outright resumes too: records already in the
// output are reconciled into the state on the next start, so none is written twice.
package pipeline
