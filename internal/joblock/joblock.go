package joblock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// ErrLocked means another open file description, normally another process,
// holds the lock. The wrapping error names the lock file and, when it could
// be read, the holder's pid.
var ErrLocked = errors.New("job locked")

// Lock is a held job lock. Release it when the run ends; if the process dies
// instead, the kernel releases it. Its methods are safe for concurrent use.
type Lock struct {
	mu   sync.Mutex
	path string
	file *os.File // nil once released
}

// Acquire creates path (and its directory, 0755) if needed, takes an
// exclusive lock on it without waiting and writes the current pid into it.
// It returns an error wrapping ErrLocked when the lock is held elsewhere.
func Acquire(path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("joblock: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("joblock: %w", err)
	}
	if err := flock(f, unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			if pid, ok := readPID(path); ok {
				return nil, fmt.Errorf("%w: %s is held by pid %d", ErrLocked, path, pid)
			}
			return nil, fmt.Errorf("%w: %s is held by another process", ErrLocked, path)
		}
		return nil, fmt.Errorf("joblock: flock %s: %w", path, err)
	}
	// The pid is informational (for the ErrLocked message and for people);
	// the flock is what excludes.
	if err := writePID(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("joblock: write pid to %s: %w", path, err)
	}
	return &Lock{path: path, file: f}, nil
}

// Path returns the lock file's path.
func (l *Lock) Path() string { return l.path }

// Release empties the pid, unlocks and closes the lock file. It is safe to
// call more than once; later calls return nil.
func (l *Lock) Release() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.file == nil {
		return nil
	}
	f := l.file
	l.file = nil
	truncErr := f.Truncate(0)
	unlockErr := flock(f, unix.LOCK_UN)
	closeErr := f.Close()
	if err := errors.Join(truncErr, unlockErr, closeErr); err != nil {
		return fmt.Errorf("joblock: release %s: %w", l.path, err)
	}
	return nil
}

func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			return err
		}
	}
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

func readPID(path string) (int, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}
