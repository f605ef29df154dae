package state_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gleaner-news/gleaner/internal/state"
)

// A run pushes links as it finds them and pops them breadth-first; a URL
// already queued, in flight or done is not queued twice. A run that is not
// ended (the process was killed) is resumed by the next BeginRun.
func ExampleOpenBolt() {
	dir, err := os.MkdirTemp("", "gleaner-state-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "news", "state.db")
	ctx := context.Background()
	now := time.Date(2024, 1, 6, 12, 0, 0, 0, time.UTC)

	store, err := state.OpenBolt(path, state.BoltOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := store.BeginRun(ctx, "20240106T120000Z"); err != nil {
		fmt.Println(err)
		return
	}
	home := "https://news.example.com/"
	store.Push(ctx, false, state.Entry{URL: home, Kind: state.KindList})
	e, _, _ := store.Pop(ctx, now)
	added, _ := store.Push(ctx, false,
		state.Entry{URL: "https://news.example.com/a", Depth: 1, Referrer: home},
		state.Entry{URL: "https://news.example.com/b", Depth: 1, Referrer: home},
		state.Entry{URL: home}, // in flight: skipped
	)
	store.Done(ctx, e.URL)
	fmt.Println("added", added)

	next, _, _ := store.Pop(ctx, now) // taken, then the process dies
	fmt.Println("in flight:", next.URL)
	store.Close() // no EndRun: the run is left unfinished

	store, err = state.OpenBolt(path, state.BoltOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	resumed, _ := store.BeginRun(ctx, "20240106T120500Z")
	queued, inFlight, _ := store.Len(ctx)
	fmt.Println("resumed", resumed, "queued", queued, "in flight", inFlight)
	for {
		e, ok, err := store.Pop(ctx, now)
		if err != nil || !ok {
			break
		}
		fmt.Println("pop", e.URL, e.Depth)
		store.Done(ctx, e.URL)
	}
	fmt.Println(store.EndRun(ctx, true))
	// Output:
	// added 2
	// in flight: https://news.example.com/a
	// resumed true queued 2 in flight 0
	// pop https://news.example.com/a 1
	// pop https://news.example.com/b 1
	// <nil>
}
