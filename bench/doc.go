// Package bench compares gleaner's extractor with two Go peers on the same
// pages: go-trafilatura (with its readability and dom-distiller fallbacks on,
// as in the published AEB run) and readeck's go-readability v2.
//
// It is a module of its own, so the peers' dependencies stay out of gleaner's
// go.mod and out of the main module's "go test ./...". Run from bench/:
//
//	go test -bench . -benchmem ./...        # per-page time and allocations
//	go run ./cmd/peercompare                # body F1, pages/s, allocations, ratios
//
// Both read the scrapinghub AEB pages from ../shared/corpus/aeb (override
// with GLEANER_CORPUS=/path/to/corpus) and skip when they are absent. Each
// extractor starts from the page's bytes and parses them itself, on one
// goroutine. Body F1 uses internal/eval's AEB metric, the one "gleaner eval"
// prints.
package bench
