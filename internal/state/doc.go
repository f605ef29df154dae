// Package state keeps a crawl's frontier and what it knows about pages,
// behind the Store interface: an embedded bbolt file now (Bolt), Redis later.
// Package statetest holds the contract every implementation must pass.
//
// # Model
//
// URLs are canonical (see package canon); the store compares them as bytes.
// An Entry moves through three places within a run:
//
//	Push → queued → Pop → in flight → Done  → done (this run)
//	                          └─────→ Retry → queued again (new position)
//
// The queue is FIFO by push sequence, so a crawl that pushes links as it
// finds them runs breadth-first. An Entry with a NotBefore time waits apart
// and joins the ready queue, at its original position, once Pop is called
// with now >= NotBefore. Push skips URLs already queued, in flight or done in
// this run and, unless forced, URLs with a stored Page.
//
// # Runs and resume
//
// Every Push, Pop, Done and Retry happens inside a run (BeginRun … EndRun).
// The store records in itself whether the last run completed. BeginRun after
// a run that did not (killed, or EndRun(ctx, false)) resumes: entries left
// in flight go back to the queue at their old positions and the done set is
// kept, so work is not redone. After a completed run the done set is cleared;
// queued entries (for example ones deferred by Retry-After) are kept in both
// cases.
//
// # Durability (Bolt)
//
// Each call is one bbolt read-write transaction. By default every commit is
// fsynced before the call returns: an acknowledged Done or PutPage survives
// kill -9 and power loss. With BoltOptions.NoSync, commits reach the kernel
// (so they survive kill -9 at once) and a background goroutine fsyncs at
// most every SyncInterval (default 1 s) after writes, so a power cut can
// lose up to that much state, and, because bbolt then cannot order its
// writes, can leave a file that fails to open. That is acceptable only
// because crawl state is re-derivable: the output JSON Lines file is the
// record of truth, and the pipeline reconciles pages from it on start.
package state
