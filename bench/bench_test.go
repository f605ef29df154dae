package bench

import (
	"context"
	"errors"
	"testing"

	"github.com/gleaner-news/gleaner/internal/eval"
)

func loadAEB(tb testing.TB) []eval.Page {
	tb.Helper()
	set, err := AEBSet(CorpusDir())
	if errors.Is(err, ErrNoCorpus) {
		tb.Skip("shared corpus not present:", err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	pages, err := LoadPages(set)
	if err != nil {
		tb.Fatal(err)
	}
	return pages
}

// BenchmarkExtract times one page per op, cycling through the AEB pages, for
// each extractor on one goroutine. pages/s is reported beside ns/op.
func BenchmarkExtract(b *testing.B) {
	pages := loadAEB(b)
	peers, err := Peers()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range peers {
		b.Run(p.Name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := p.Extract(ctx, pages[i%len(pages)]); err != nil {
					b.Logf("page %s: %v", pages[i%len(pages)].ID, err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// TestPeersExtract checks that every peer is wired up: each finds a body on
// most of a sample of AEB pages (every sixth, to stay fast) and scores a
// plausible body F1 with the shared metric. cmd/peercompare scores them all.
func TestPeersExtract(t *testing.T) {
	var pages []eval.Page
	for i, p := range loadAEB(t) {
		if i%6 == 0 {
			pages = append(pages, p)
		}
	}
	peers, err := Peers()
	if err != nil {
		t.Fatal(err)
	}
	set, err := AEBSet(CorpusDir())
	if err != nil {
		t.Fatal(err)
	}
	gold := make(map[string]string, len(set.Gold))
	for _, g := range set.Gold {
		gold[g.ID] = *g.Body
	}
	for _, p := range peers {
		var matches []eval.ShingleMatch
		empty := 0
		for _, page := range pages {
			pred, err := p.Extract(context.Background(), page)
			if err != nil || pred.Body == "" {
				empty++
			}
			matches = append(matches, eval.MatchShingles(eval.TokenizeCJK(gold[page.ID]), eval.TokenizeCJK(pred.Body)))
		}
		score := eval.ScoreBody(matches)
		t.Logf("%-15s body F1 %.3f on %d pages, %d empty", p.Name, score.F1, len(pages), empty)
		if empty > len(pages)/4 || score.F1 < 0.5 {
			t.Errorf("%s: %d of %d pages empty, body F1 %.3f", p.Name, empty, len(pages), score.F1)
		}
	}
}
