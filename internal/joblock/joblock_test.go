package joblock

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const childEnv = "GLEANER_JOBLOCK_CHILD"

// TestMain lets the test binary act as a lock holder: with childEnv set it
// acquires the lock named there, prints "locked" and waits to be killed.
func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		if _, err := Acquire(path); err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		fmt.Println("locked")
		select {}
	}
	os.Exit(m.Run())
}

func TestAcquireRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "jobs", "daily.lock")
	l, err := Acquire(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || strings.TrimSpace(string(b)) != fmt.Sprint(os.Getpid()) {
		t.Fatalf("lock file holds %q (%v), want our pid %d", b, err, os.Getpid())
	}
	// flock is per open file: a second open in this process is refused too.
	if _, err := Acquire(path); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Acquire: %v, want ErrLocked", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if err := l.Release(); err != nil {
		t.Fatalf("second Release: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("lock file must stay after Release: %v", err)
	}
	l2, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l2.Release()
}

// TestKilledHolder is D6: a second process is refused at once, and after the
// holder is killed with SIGKILL the lock is free again.
func TestKilledHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "job.lock")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("child said %q (%v)", line, err)
	}

	_, err = Acquire(path)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Acquire while child holds the lock: %v, want ErrLocked", err)
	}
	wantPID := fmt.Sprintf("pid %d", cmd.Process.Pid)
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), wantPID) {
		t.Errorf("error %q should name %s and %s", err, path, wantPID)
	}

	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	l, err := Acquire(path)
	if err != nil {
		t.Fatalf("Acquire after SIGKILL of the holder: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
}
