package state_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/state"
)

// benchCycle measures one page's worth of state traffic: Pop, Done and a
// Push of one new link, with queueSize entries already waiting.
func benchCycle(b *testing.B, opts state.BoltOptions, queueSize int) {
	ctx := context.Background()
	s, err := state.OpenBolt(filepath.Join(b.TempDir(), "state.db"), opts)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := s.BeginRun(ctx, "bench"); err != nil {
		b.Fatal(err)
	}
	const chunk = 10_000
	for i := 0; i < queueSize; i += chunk {
		es := make([]state.Entry, 0, chunk)
		for j := i; j < min(i+chunk, queueSize); j++ {
			es = append(es, state.Entry{URL: fmt.Sprintf("http://example.com/seed/%d", j), Kind: state.KindPage})
		}
		if _, err := s.Push(ctx, false, es...); err != nil {
			b.Fatal(err)
		}
	}
	now := time.Now()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := s.Push(ctx, false, state.Entry{URL: fmt.Sprintf("http://example.com/new/%d", i)}); err != nil {
			b.Fatal(err)
		}
		e, ok, err := s.Pop(ctx, now)
		if err != nil || !ok {
			b.Fatal(ok, err)
		}
		if err := s.Done(ctx, e.URL); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCycleSync(b *testing.B)   { benchCycle(b, state.BoltOptions{}, 1000) }
func BenchmarkCycleNoSync(b *testing.B) { benchCycle(b, state.BoltOptions{NoSync: true}, 1000) }

// BenchmarkCycleNoSyncQueue100k shows Pop does not scan the queue.
func BenchmarkCycleNoSyncQueue100k(b *testing.B) {
	benchCycle(b, state.BoltOptions{NoSync: true}, 100_000)
}
