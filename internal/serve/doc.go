// Package serve is the daemon behind `gleaner serve`: it keeps a folder of
// job files loaded, runs each job on its schedule, and answers an HTTP API
// with the jobs, their runs, the records runs wrote and Prometheus metrics.
//
// Contract:
//
//   - Jobs come from the *.yaml / *.yml files directly in [Options.ConfigDir]
//     (the rules of config.LoadDir). A job with a schedule runs on it (five
//     cron fields or a descriptor such as "@every 15m", in the server's local
//     time); a job without one runs only when triggered.
//   - One job never runs twice at once. A scheduled run that comes due while
//     a run of its job is going is skipped (counted in the job's status and
//     in gleaner_runs_skipped_total), never queued. A trigger then fails with
//     [ErrRunInProgress] (HTTP 409). Another process holding the job's lock
//     makes the run fail with pipeline's ErrLocked.
//   - The folder is reloaded by [Server.Reload] (the command calls it on
//     SIGHUP) and by polling file sizes and mtimes every
//     [Options.ReloadEvery]. A file that no longer loads keeps its previous
//     job running and scheduled and shows the problem (file:line: field:
//     message) as the job's config_error; a removed file unschedules its job
//     (a run in progress finishes).
//   - Serve runs until its context ends, then stops the schedules, cancels
//     running jobs (the pipeline puts in-flight pages back and flushes, so
//     the next run resumes), waits up to [Options.Grace] and returns.
//   - The API is plain JSON over net/http (see docs/serve.md). With
//     [Options.Token] set, every route but /healthz wants
//     "Authorization: Bearer <token>"; a listener beyond loopback without a
//     token is refused with [ErrTokenRequired].
//   - Metrics live in a registry owned by the Server, never the global one.
//
// Run ids are the pipeline's run stamps (UTC, "20060102T150405Z"): the names
// of the summaries in <output_dir>/<job>/runs/. A run started by the server
// is known by the stamp of its start; should the pipeline's own stamp fall on
// the next second, both ids find the run.
package serve
