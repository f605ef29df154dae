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
// Every failure on a page becomes an entry in the run's [Summary]; nothing
// stops the run but a cancelled context, which stops new fetches, puts
// in-flight pages back in the frontier and flushes what was written, so the
// next run resumes. A run killed outright resumes too: records already in the
// output are reconciled into the state on the next start, so none is written twice.
package pipeline
