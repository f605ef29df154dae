package serve

import "errors"

// Sentinel errors callers branch on (the API maps them to HTTP statuses).
var (
	// ErrUnknownJob: no loaded job has that name (404).
	ErrUnknownJob = errors.New("unknown job")
	// ErrRunInProgress: the job is running; a new run is refused, not queued (409).
	ErrRunInProgress = errors.New("a run of this job is in progress")
	// ErrRunNotFound: the job has no run with that id (404).
	ErrRunNotFound = errors.New("run not found")
	// ErrTokenRequired: the listener is not on loopback and no token is set.
	ErrTokenRequired = errors.New("a bearer token is required to listen beyond loopback")
	// ErrShuttingDown: the server is stopping and starts no new runs (503).
	ErrShuttingDown = errors.New("server is shutting down")
)
