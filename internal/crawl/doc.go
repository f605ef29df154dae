// Package crawl is gleaner's fetcher: the only package that imports colly.
//
// A Crawler wraps one colly Collector (synchronous, URL revisits allowed,
// colly's own robots.txt handling and body limit switched off) and adds what
// colly lacks:
//
//   - robots.txt per RFC 9309 (package robots), fetched once per
//     scheme+host+port with a single flight, cached 24 h, negative-cached
//     with a growing TTL when unreachable, Crawl-delay honoured up to 30 s;
//   - politeness per scheme+host+port: at most Parallelism requests in
//     flight, at least Delay between request starts, a slow-down on 429/503,
//     Retry-After, a circuit breaker, and a global cap on concurrency;
//   - retries of 429, 5xx and network errors with capped exponential
//     equal-jitter backoff;
//   - a body limit applied to the decompressed stream, one content-coding
//     layer at most, and read errors reported as errors, never as a
//     truncated page;
//   - the network safety guard (package netguard): http/https only, a
//     dial-time address policy, at most 5 redirects each re-checked, no
//     caller-set credentials on a redirect off the first origin (an
//     https→http downgrade included), a public-suffix-aware cookie jar per
//     Crawler, and no proxy from the environment.
//
// Fetch is synchronous and safe for concurrent use: the caller (the
// pipeline) owns the frontier and deduplication, and runs as many Fetch calls
// at once as it likes; the Crawler makes them wait their turn per host.
//
// Errors wrap the sentinels of this package; ErrorKind turns any of them into
// a short stable word for run summaries.
package crawl
