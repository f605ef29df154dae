// Command peercompare prints, for gleaner and its Go peers on the AEB pages,
// the body F1 (AEB metric, as "gleaner eval" computes it), pages per second
// and allocations per page on one goroutine, and gleaner's ratios to each
// peer. Run it from bench/: go run ./cmd/peercompare [-corpus DIR] [-rounds N].
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/gleaner-news/gleaner/bench"
	"github.com/gleaner-news/gleaner/internal/eval"
)

// measure is one extractor's figures.
type measure struct {
	name                  string
	f1, f1Unsplit         float64
	pagesPerSec           float64
	pagesPerCPUSec        float64
	allocsPage, bytesPage float64
	failed                int
}

func main() {
	corpus := flag.String("corpus", bench.CorpusDir(), "corpus root holding aeb/")
	rounds := flag.Int("rounds", 3, "timed passes over the pages per extractor (the best is kept)")
	flag.Parse()
	os.Exit(run(*corpus, *rounds))
}

func run(corpus string, rounds int) int {
	set, err := bench.AEBSet(corpus)
	if errors.Is(err, bench.ErrNoCorpus) {
		fmt.Println("peercompare: skipped:", err)
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "peercompare:", err)
		return 2
	}
	pages, err := bench.LoadPages(set)
	if err != nil {
		fmt.Fprintln(os.Stderr, "peercompare:", err)
		return 2
	}
	peers, err := bench.Peers()
	if err != nil {
		fmt.Fprintln(os.Stderr, "peercompare:", err)
		return 2
	}
	ctx := context.Background()
	var results []measure
	for _, p := range peers {
		report, err := eval.Evaluate(ctx, set, p.Extract, eval.Options{Workers: 1})
		if err != nil {
			fmt.Fprintln(os.Stderr, "peercompare:", err)
			return 1
		}
		m := measure{name: p.Name, f1: report.Body.F1, f1Unsplit: report.BodyUnsplit.F1, failed: len(report.Errors)}
		m.pagesPerSec, m.pagesPerCPUSec, m.allocsPage, m.bytesPage = timePasses(ctx, p.Extract, pages, rounds)
		results = append(results, m)
	}
	fmt.Printf("AEB: %d pages, 1 goroutine, best of %d passes, GOMAXPROCS %d, %s\n\n", len(pages), rounds, runtime.GOMAXPROCS(0), runtime.Version())
	fmt.Printf("%-15s %8s %10s %9s %12s %12s %12s %7s\n", "extractor", "body F1", "F1 unsplit", "pages/s", "pages/CPU-s", "allocs/page", "KiB/page", "failed")
	for _, m := range results {
		fmt.Printf("%-15s %8.3f %10.3f %9.1f %12.1f %12.0f %12.0f %7d\n", m.name, m.f1, m.f1Unsplit, m.pagesPerSec, m.pagesPerCPUSec, m.allocsPage, m.bytesPage/1024, m.failed)
	}
	g := results[0]
	fmt.Println("\ngleaner / peer (speed > 1: gleaner faster; allocs < 1: gleaner allocates less;")
	fmt.Println("CPU speed counts the process's CPU time, GC included, and is steadier on a busy machine):")
	for _, m := range results[1:] {
		fmt.Printf("  vs %-15s F1 %+.3f   speed x%.2f   CPU speed x%.2f   allocs x%.2f   bytes x%.2f\n",
			m.name, g.f1-m.f1, g.pagesPerSec/m.pagesPerSec, g.pagesPerCPUSec/m.pagesPerCPUSec, g.allocsPage/m.allocsPage, g.bytesPage/m.bytesPage)
	}
	return 0
}

// timePasses runs extract over all pages rounds times and returns the best
// pass's pages per wall second and per CPU second, with allocations per page.
func timePasses(ctx context.Context, extract eval.ExtractFunc, pages []eval.Page, rounds int) (pagesPerSec, pagesPerCPUSec, allocs, bytes float64) {
	var before, after runtime.MemStats
	for range max(1, rounds) {
		runtime.GC()
		runtime.ReadMemStats(&before)
		cpuStart := cpuTime()
		start := time.Now()
		for _, p := range pages {
			_, _ = extract(ctx, p) // failures are counted by the scored pass
		}
		elapsed := time.Since(start)
		cpu := cpuTime() - cpuStart
		runtime.ReadMemStats(&after)
		if pps := float64(len(pages)) / elapsed.Seconds(); pps > pagesPerSec {
			pagesPerSec = pps
			allocs = float64(after.Mallocs-before.Mallocs) / float64(len(pages))
			bytes = float64(after.TotalAlloc-before.TotalAlloc) / float64(len(pages))
		}
		if cpu > 0 {
			pagesPerCPUSec = max(pagesPerCPUSec, float64(len(pages))/cpu.Seconds())
		}
	}
	return pagesPerSec, pagesPerCPUSec, allocs, bytes
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
