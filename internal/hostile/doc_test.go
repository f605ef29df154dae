// Package hostile runs the test plan of docs/hostile-web.md (cases P, B, S
// and F1-F3) against gleaner's real fetcher (internal/crawl), parser
// (internal/htmldoc) and pipeline (internal/pipeline), with the
// fault-injecting site of internal/chaossite.
//
// Safety: every test dials loopback only. The dialers given to the fetcher
// refuse (and fail the test on) any address outside 127.0.0.0/8 and ::1,
// and address-policy cases (S1-S4) name internal addresses that a recording
// hook sees but that are never dialled. A canary listener must see no
// connection.
//
// Long waits are shortened for CI; `go test ./internal/hostile -long` runs
// the full-length versions (header timeout, Crawl-delay cap, F3's plan
// latencies). The F2 soak grows its site for 6 s in CI; a developer runs the
// real one by hand: `go test ./internal/hostile -run TestF2Soak -soak 24h
// -timeout 0 -v` (RSS bounds are asserted from -soak 10m on).
package hostile
