package state_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/state"
	"github.com/gleaner-news/gleaner/internal/state/statetest"
)

const childEnv = "GLEANER_STATE_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		childCrawl(path)
		os.Exit(3)
	}
	os.Exit(m.Run())
}

func boltBackend(opts state.BoltOptions) statetest.Backend {
	return func(t *testing.T) func() state.Store {
		path := filepath.Join(t.TempDir(), "state.db")
		return func() state.Store {
			s, err := state.OpenBolt(path, opts)
			if err != nil {
				t.Fatalf("OpenBolt: %v", err)
			}
			return s
		}
	}
}

func TestBoltContract(t *testing.T) {
	statetest.ContractTest(t, boltBackend(state.BoltOptions{}))
}

func TestBoltContractNoSync(t *testing.T) {
	statetest.ContractTest(t, boltBackend(state.BoltOptions{NoSync: true, SyncInterval: 10 * time.Millisecond}))
}

func TestOpenBoltFileAndBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.db")
	s, err := state.OpenBolt(path, state.BoltOptions{})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("store file mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	// bbolt's flock is per open file, so a second open in this process is
	// refused like one from another process would be.
	_, err = state.OpenBolt(path, state.BoltOptions{OpenTimeout: 50 * time.Millisecond})
	if !errors.Is(err, state.ErrBusy) {
		t.Fatalf("second OpenBolt: %v, want ErrBusy", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, _, err := s.Len(context.Background()); !errors.Is(err, state.ErrClosed) {
		t.Fatalf("Len after Close: %v, want ErrClosed", err)
	}
}

func TestOpenBoltCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	os.WriteFile(path, make([]byte, 64<<10), 0o600)
	if _, err := state.OpenBolt(path, state.BoltOptions{}); err == nil {
		t.Fatal("opening a zeroed file should fail")
	}
}

// childCrawl runs a crawl loop against the store and prints "done URL"
// after each acknowledged Done, until killed.
func childCrawl(path string) {
	ctx := context.Background()
	s, err := state.OpenBolt(path, state.BoltOptions{NoSync: os.Getenv("NOSYNC") != ""})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	resumed, err := s.BeginRun(ctx, "child")
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	if !resumed {
		var seeds []state.Entry
		for i := range 2000 {
			seeds = append(seeds, state.Entry{URL: fmt.Sprintf("http://example.com/%d", i)})
		}
		if _, err := s.Push(ctx, false, seeds...); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
	}
	fmt.Println("ready")
	for {
		e, ok, err := s.Pop(ctx, time.Now())
		if err != nil || !ok {
			fmt.Println("error: pop", ok, err)
			os.Exit(2)
		}
		if err := s.Done(ctx, e.URL); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("done", e.URL)
	}
}

// TestKilledProcessResumes kills a crawling process with SIGKILL and checks
// that the next run resumes: nothing acknowledged as done is handed out
// again, and nothing is lost.
func TestKilledProcessResumes(t *testing.T) {
	for _, noSync := range []bool{false, true} {
		t.Run(fmt.Sprintf("NoSync=%v", noSync), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			acked := make(map[string]bool)
			for round := range 3 {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), childEnv+"="+path)
				if noSync {
					cmd.Env = append(cmd.Env, "NOSYNC=1")
				}
				stdout, err := cmd.StdoutPipe()
				if err != nil {
					t.Fatal(err)
				}
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				sc := bufio.NewScanner(stdout)
				if !sc.Scan() || sc.Text() != "ready" {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("round %d: child said %q", round, sc.Text())
				}
				for n := 0; n < 50+round*37 && sc.Scan(); n++ {
					var url string
					if _, err := fmt.Sscanf(sc.Text(), "done %s", &url); err != nil {
						cmd.Process.Kill()
						t.Fatalf("child: %q", sc.Text())
					}
					if acked[url] {
						cmd.Process.Kill()
						t.Fatalf("round %d: %s handed out again after its Done was acknowledged", round, url)
					}
					acked[url] = true
				}
				cmd.Process.Kill()
				for sc.Scan() {
					var url string
					if _, err := fmt.Sscanf(sc.Text(), "done %s", &url); err == nil {
						acked[url] = true
					}
				}
				cmd.Wait()
			}

			s, err := state.OpenBolt(path, state.BoltOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			resumed, err := s.BeginRun(ctx, "check")
			if err != nil || !resumed {
				t.Fatalf("BeginRun = %v, %v; want resumed", resumed, err)
			}
			queued, inFlight, err := s.Len(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if inFlight != 0 || queued+len(acked) != 2000 {
				t.Fatalf("after kills: %d queued + %d acknowledged (in flight %d), want 2000 in all",
					queued, len(acked), inFlight)
			}
			for {
				e, ok, err := s.Pop(ctx, time.Now())
				if err != nil {
					t.Fatal(err)
				}
				if !ok {
					break
				}
				if acked[e.URL] {
					t.Fatalf("%s is queued again after its Done was acknowledged", e.URL)
				}
			}
		})
	}
}
