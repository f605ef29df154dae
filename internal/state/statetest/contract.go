package statetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/state"
)

// Backend creates, for one subtest, a fresh and empty backing store (a temp
// file, a Redis key prefix) and returns a function that opens a Store on it.
// Calling open again after Close must reopen the same data: that is how the
// contract checks resume.
type Backend func(t *testing.T) (open func() state.Store)

// ContractTest runs the Store contract against newBackend.
func ContractTest(t *testing.T, newBackend Backend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, open func() state.Store)
	}{
		{"FIFO", testFIFO},
		{"EntryFields", testEntryFields},
		{"Dedup", testDedup},
		{"ForceKnownPage", testForce},
		{"NotBefore", testNotBefore},
		{"Retry", testRetry},
		{"NextRunRetriesDeferred", testNextRunRetriesDeferred},
		{"DoneAndRetryErrors", testDoneErrors},
		{"RunRequired", testRunRequired},
		{"ResumeAfterReopen", testResume},
		{"CompletedRunClearsDone", testCompleted},
		{"InterruptedRunKeepsDone", testInterrupted},
		{"Pages", testPages},
		{"Concurrent", testConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newBackend(t))
		})
	}
}

var t0 = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func u(i int) string { return fmt.Sprintf("http://example.com/p/%d", i) }

// begin opens a store, begins a run and closes the store at cleanup.
func begin(t *testing.T, open func() state.Store) state.Store {
	t.Helper()
	s := open()
	t.Cleanup(func() { s.Close() })
	if _, err := s.BeginRun(context.Background(), "run-1"); err != nil {
		t.Fatalf("BeginRun: %v", err)
	}
	return s
}

func push(t *testing.T, s state.Store, force bool, urls ...string) int {
	t.Helper()
	es := make([]state.Entry, len(urls))
	for i, url := range urls {
		es[i] = state.Entry{URL: url}
	}
	n, err := s.Push(context.Background(), force, es...)
	if err != nil {
		t.Fatalf("Push: %v", err)
	}
	return n
}

func pop(t *testing.T, s state.Store, now time.Time) (state.Entry, bool) {
	t.Helper()
	e, ok, err := s.Pop(context.Background(), now)
	if err != nil {
		t.Fatalf("Pop: %v", err)
	}
	return e, ok
}

// popAll pops until nothing is ready and returns the URLs in order.
func popAll(t *testing.T, s state.Store, now time.Time) []string {
	t.Helper()
	var got []string
	for {
		e, ok := pop(t, s, now)
		if !ok {
			return got
		}
		got = append(got, e.URL)
	}
}

func wantLen(t *testing.T, s state.Store, queued, inFlight int) {
	t.Helper()
	q, f, err := s.Len(context.Background())
	if err != nil {
		t.Fatalf("Len: %v", err)
	}
	if q != queued || f != inFlight {
		t.Fatalf("Len = %d queued, %d in flight; want %d, %d", q, f, queued, inFlight)
	}
}

func wantOrder(t *testing.T, got []string, want ...string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func testFIFO(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	if _, ok := pop(t, s, t0); ok {
		t.Fatal("Pop on an empty store returned an entry")
	}
	if n := push(t, s, false, u(1), u(2), u(3)); n != 3 {
		t.Fatalf("Push added %d, want 3", n)
	}
	push(t, s, false, u(4))
	wantLen(t, s, 4, 0)
	e, _ := pop(t, s, t0)
	push(t, s, false, u(5)) // pushed while popping: goes last
	wantOrder(t, append([]string{e.URL}, popAll(t, s, t0)...), u(1), u(2), u(3), u(4), u(5))
	wantLen(t, s, 0, 5)
}

func testEntryFields(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	in := state.Entry{URL: u(1), Depth: 3, Kind: state.KindArticle, Referrer: u(0),
		Attempts: 2, Lastmod: t0.Add(-time.Hour)}
	if _, err := s.Push(context.Background(), false, in); err != nil {
		t.Fatal(err)
	}
	got, ok := pop(t, s, t0)
	if !ok || got.URL != in.URL || got.Depth != 3 || got.Kind != state.KindArticle ||
		got.Referrer != u(0) || got.Attempts != 2 || !got.Lastmod.Equal(in.Lastmod) || !got.NotBefore.IsZero() {
		t.Fatalf("popped %+v, pushed %+v", got, in)
	}
	if _, err := s.Push(context.Background(), false, state.Entry{URL: u(2)}, state.Entry{}); !errors.Is(err, state.ErrInvalidEntry) {
		t.Fatalf("Push of an entry without URL: %v, want ErrInvalidEntry", err)
	}
	wantLen(t, s, 0, 1) // nothing of the rejected batch was added
}

func testDedup(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	if n := push(t, s, false, u(1), u(1), u(2)); n != 2 {
		t.Fatalf("duplicate within one Push: added %d, want 2", n)
	}
	if n := push(t, s, true, u(1)); n != 0 {
		t.Fatalf("queued URL pushed again (force): added %d, want 0", n)
	}
	e, _ := pop(t, s, t0)
	if n := push(t, s, true, e.URL); n != 0 {
		t.Fatalf("in-flight URL pushed again: added %d, want 0", n)
	}
	if err := s.Done(ctx, e.URL); err != nil {
		t.Fatal(err)
	}
	if n := push(t, s, true, e.URL); n != 0 {
		t.Fatalf("done URL pushed again in the same run: added %d, want 0", n)
	}
	wantLen(t, s, 1, 0)
}

func testForce(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	if err := s.PutPage(ctx, state.Page{URL: u(1), Kind: state.KindArticle, Status: 200}); err != nil {
		t.Fatal(err)
	}
	if n := push(t, s, false, u(1), u(2)); n != 1 {
		t.Fatalf("known page without force: added %d, want 1 (only the unknown one)", n)
	}
	if n := push(t, s, true, u(1)); n != 1 {
		t.Fatalf("known page with force: added %d, want 1", n)
	}
	wantOrder(t, popAll(t, s, t0), u(2), u(1))
}

func testNotBefore(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	_, err := s.Push(ctx, false,
		state.Entry{URL: u(1), NotBefore: t0.Add(10 * time.Second)},
		state.Entry{URL: u(2)},
		state.Entry{URL: u(3), NotBefore: t0.Add(5 * time.Second)},
		state.Entry{URL: u(4), NotBefore: t0.Add(-time.Second)},
	)
	if err != nil {
		t.Fatal(err)
	}
	wantLen(t, s, 4, 0)
	wantOrder(t, popAll(t, s, t0), u(2), u(4))
	wantLen(t, s, 2, 2)
	push(t, s, false, u(5))
	// Once due, u(1) and u(3) take their push positions, before u(5).
	wantOrder(t, popAll(t, s, t0.Add(10*time.Second)), u(1), u(3), u(5))
	wantLen(t, s, 0, 5)
}

func testRetry(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	push(t, s, false, u(1), u(2))
	e, _ := pop(t, s, t0)
	e.Attempts++
	e.NotBefore = t0.Add(time.Minute)
	if err := s.Retry(ctx, e); err != nil {
		t.Fatal(err)
	}
	wantLen(t, s, 2, 0)
	wantOrder(t, popAll(t, s, t0), u(2))
	got, ok := pop(t, s, t0.Add(time.Minute))
	if !ok || got.URL != u(1) || got.Attempts != 1 || !got.NotBefore.Equal(e.NotBefore) {
		t.Fatalf("after retry popped %+v, %v", got, ok)
	}
	// A retry without NotBefore goes to the back of the ready queue.
	push(t, s, false, u(3))
	got.NotBefore = time.Time{}
	if err := s.Retry(ctx, got); err != nil {
		t.Fatal(err)
	}
	wantOrder(t, popAll(t, s, t0), u(3), u(1))
}

// testNextRunRetriesDeferred: an entry deferred past the end of a run is
// ready at once in the next run, whatever its NotBefore.
func testNextRunRetriesDeferred(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	push(t, s, false, u(1))
	e, _ := pop(t, s, t0)
	e.NotBefore = t0.Add(24 * time.Hour)
	if err := s.Retry(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, ok := pop(t, s, t0); ok {
		t.Fatal("deferred entry popped in the same run")
	}
	if err := s.EndRun(ctx, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BeginRun(ctx, "next"); err != nil {
		t.Fatal(err)
	}
	got, ok := pop(t, s, t0.Add(time.Hour))
	if !ok || got.URL != u(1) {
		t.Fatalf("next run popped %+v, %v; want the deferred entry", got, ok)
	}
}

func testDoneErrors(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	push(t, s, false, u(1))
	if err := s.Done(ctx, u(1)); !errors.Is(err, state.ErrNotInFlight) {
		t.Fatalf("Done of a queued URL: %v, want ErrNotInFlight", err)
	}
	if err := s.Done(ctx, u(9)); !errors.Is(err, state.ErrNotInFlight) {
		t.Fatalf("Done of an unknown URL: %v, want ErrNotInFlight", err)
	}
	if err := s.Retry(ctx, state.Entry{URL: u(1)}); !errors.Is(err, state.ErrNotInFlight) {
		t.Fatalf("Retry of a queued URL: %v, want ErrNotInFlight", err)
	}
	pop(t, s, t0)
	if err := s.Done(ctx, u(1)); err != nil {
		t.Fatal(err)
	}
	if err := s.Done(ctx, u(1)); err != nil {
		t.Fatalf("second Done: %v, want nil", err)
	}
	if err := s.Retry(ctx, state.Entry{URL: u(1)}); !errors.Is(err, state.ErrNotInFlight) {
		t.Fatalf("Retry of a done URL: %v, want ErrNotInFlight", err)
	}
	wantLen(t, s, 0, 0)
}

func testRunRequired(t *testing.T, open func() state.Store) {
	s := open()
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Push(ctx, false, state.Entry{URL: u(1)}); !errors.Is(err, state.ErrNoRun) {
		t.Fatalf("Push before BeginRun: %v, want ErrNoRun", err)
	}
	if _, _, err := s.Pop(ctx, t0); !errors.Is(err, state.ErrNoRun) {
		t.Fatalf("Pop before BeginRun: %v, want ErrNoRun", err)
	}
	if err := s.EndRun(ctx, true); !errors.Is(err, state.ErrNoRun) {
		t.Fatalf("EndRun before BeginRun: %v, want ErrNoRun", err)
	}
	if resumed, err := s.BeginRun(ctx, "a"); err != nil || resumed {
		t.Fatalf("first BeginRun = %v, %v; want false, nil", resumed, err)
	}
	if _, err := s.BeginRun(ctx, "b"); !errors.Is(err, state.ErrRunActive) {
		t.Fatalf("second BeginRun: %v, want ErrRunActive", err)
	}
	if err := s.EndRun(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Push(ctx, false, state.Entry{URL: u(1)}); !errors.Is(err, state.ErrNoRun) {
		t.Fatalf("Push after EndRun: %v, want ErrNoRun", err)
	}
}

// testResume is the crash case: a run that never ended, a store closed
// (or a process killed) with entries in flight.
func testResume(t *testing.T, open func() state.Store) {
	ctx := context.Background()
	s := open()
	if _, err := s.BeginRun(ctx, "run-1"); err != nil {
		t.Fatal(err)
	}
	push(t, s, false, u(1), u(2), u(3), u(4))
	a, _ := pop(t, s, t0)
	pop(t, s, t0) // u(2) stays in flight
	if err := s.Done(ctx, a.URL); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open()
	defer s.Close()
	resumed, err := s.BeginRun(ctx, "run-2")
	if err != nil || !resumed {
		t.Fatalf("BeginRun after an unfinished run = %v, %v; want resumed", resumed, err)
	}
	wantLen(t, s, 3, 0)
	if n := push(t, s, false, u(1), u(5)); n != 1 {
		t.Fatalf("resumed run re-added a done URL: added %d, want 1", n)
	}
	wantOrder(t, popAll(t, s, t0), u(2), u(3), u(4), u(5))
}

func testCompleted(t *testing.T, open func() state.Store) {
	ctx := context.Background()
	s := begin(t, open)
	push(t, s, false, u(1))
	pop(t, s, t0)
	if err := s.Done(ctx, u(1)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Push(ctx, false, state.Entry{URL: u(2), NotBefore: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := s.EndRun(ctx, true); err != nil {
		t.Fatal(err)
	}
	resumed, err := s.BeginRun(ctx, "run-2")
	if err != nil || resumed {
		t.Fatalf("BeginRun after a completed run = %v, %v; want fresh", resumed, err)
	}
	if n := push(t, s, false, u(1)); n != 1 {
		t.Fatalf("done set not cleared: added %d, want 1", n)
	}
	wantLen(t, s, 2, 0) // the deferred u(2) is still queued
	wantOrder(t, popAll(t, s, t0.Add(time.Hour)), u(2), u(1))
}

func testInterrupted(t *testing.T, open func() state.Store) {
	ctx := context.Background()
	s := begin(t, open)
	push(t, s, false, u(1), u(2), u(3))
	pop(t, s, t0)
	if err := s.Done(ctx, u(1)); err != nil {
		t.Fatal(err)
	}
	pop(t, s, t0) // u(2) in flight when interrupted
	if err := s.EndRun(ctx, false); err != nil {
		t.Fatal(err)
	}
	wantLen(t, s, 2, 0)
	resumed, err := s.BeginRun(ctx, "run-2")
	if err != nil || !resumed {
		t.Fatalf("BeginRun after an interrupted run = %v, %v; want resumed", resumed, err)
	}
	if n := push(t, s, false, u(1)); n != 0 {
		t.Fatalf("done set lost: added %d, want 0", n)
	}
	wantOrder(t, popAll(t, s, t0), u(2), u(3))
}

func testPages(t *testing.T, open func() state.Store) {
	s := open()
	defer s.Close()
	ctx := context.Background()
	if _, ok, err := s.Page(ctx, u(1)); err != nil || ok {
		t.Fatalf("Page of an unknown URL = %v, %v", ok, err)
	}
	p := state.Page{URL: u(1), Kind: state.KindArticle, Status: 200, ETag: `"abc"`,
		LastModified: "Fri, 01 May 2026 10:00:00 GMT", ContentHash: "sha256:00", RecordID: "r1",
		Version: 1, FirstSeen: t0, LastSeen: t0}
	if err := s.PutPage(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Version, p.RecordID, p.LastSeen = 2, "r2", t0.Add(time.Hour)
	if err := s.PutPage(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Page(ctx, u(1))
	if err != nil || !ok {
		t.Fatalf("Page = %v, %v", ok, err)
	}
	if got.Version != 2 || got.RecordID != "r2" || got.ETag != p.ETag || got.LastModified != p.LastModified ||
		got.ContentHash != p.ContentHash || !got.FirstSeen.Equal(t0) || !got.LastSeen.Equal(p.LastSeen) ||
		got.Status != 200 || got.Kind != state.KindArticle {
		t.Fatalf("Page = %+v, want %+v", got, p)
	}
	if err := s.PutPage(ctx, state.Page{}); !errors.Is(err, state.ErrInvalidEntry) {
		t.Fatalf("PutPage without URL: %v, want ErrInvalidEntry", err)
	}
}

// testConcurrent pushes overlapping URL sets from 8 goroutines while they
// also pop and ack: every URL must be handed out exactly once.
func testConcurrent(t *testing.T, open func() state.Store) {
	s := begin(t, open)
	ctx := context.Background()
	const workers, perWorker = 8, 60
	var (
		mu     sync.Mutex
		popped = make(map[string]int)
		wg     sync.WaitGroup
	)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				// Workers w and w+1 push overlapping halves.
				url := u((w*perWorker/2 + i) % (workers * perWorker / 2))
				if _, err := s.Push(ctx, false, state.Entry{URL: url}); err != nil {
					t.Error(err)
					return
				}
				e, ok, err := s.Pop(ctx, t0)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					continue
				}
				mu.Lock()
				popped[e.URL]++
				mu.Unlock()
				if i%5 == 0 && e.Attempts == 0 {
					e.Attempts++
					err = s.Retry(ctx, e)
				} else {
					err = s.Done(ctx, e.URL)
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, url := range popAll(t, s, t0) {
		popped[url]++
		if err := s.Done(ctx, url); err != nil {
			t.Fatal(err)
		}
	}
	wantLen(t, s, 0, 0)
	distinct := workers * perWorker / 2
	if len(popped) != distinct {
		t.Fatalf("%d distinct URLs popped, want %d", len(popped), distinct)
	}
	for url, n := range popped {
		if n < 1 || n > 2 { // at most once more after a Retry
			t.Fatalf("%s popped %d times", url, n)
		}
	}
}
