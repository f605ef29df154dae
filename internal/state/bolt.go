package state

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// BoltOptions configures OpenBolt. The zero value is the safe default.
type BoltOptions struct {
	// OpenTimeout bounds the wait for bbolt's file lock, held by any other
	// process that has the store open. Zero means 2 s. On timeout OpenBolt
	// fails with ErrBusy instead of hanging.
	OpenTimeout time.Duration
	// NoSync skips the fsync of each commit and fsyncs in the background
	// every SyncInterval instead. See the package documentation for what a
	// power cut can then cost.
	NoSync bool
	// SyncInterval is the background fsync period with NoSync. Zero means 1 s.
	SyncInterval time.Duration
	// Logger receives background sync failures. Nil discards.
	Logger *slog.Logger
}

// Bolt is a Store in one bbolt file.
type Bolt struct {
	db  *bolt.DB
	log *slog.Logger

	mu     sync.Mutex
	active bool // a run is begun on this handle
	closed bool

	dirty atomic.Bool // written since the last background sync (NoSync only)
	stop  chan struct{}
	done  chan struct{}
}

var _ Store = (*Bolt)(nil)

// OpenBolt opens or creates the store file at path (mode 0600, directory
// 0755). It fails with an error wrapping ErrBusy when another process has the
// file open for longer than OpenTimeout.
func OpenBolt(path string, opts BoltOptions) (*Bolt, error) {
	timeout := opts.OpenTimeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	interval := opts.SyncInterval
	if interval == 0 {
		interval = time.Second
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, NoSync: opts.NoSync})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, fmt.Errorf("%w: %s (waited %v)", ErrBusy, path, timeout)
		}
		return nil, fmt.Errorf("state: open %s: %w", path, err)
	}
	if err := db.Update(createBuckets); err != nil {
		db.Close()
		return nil, fmt.Errorf("state: init %s: %w", path, err)
	}
	b := &Bolt{db: db, log: log, stop: make(chan struct{}), done: make(chan struct{})}
	if opts.NoSync {
		go b.syncLoop(interval)
	} else {
		close(b.done)
	}
	return b, nil
}

// Path returns the store file's path.
func (b *Bolt) Path() string { return b.db.Path() }

// update runs fn in one read-write transaction after checking the handle.
func (b *Bolt) update(ctx context.Context, needRun bool, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b.mu.Lock()
	closed, active := b.closed, b.active
	b.mu.Unlock()
	if closed {
		return ErrClosed
	}
	if needRun && !active {
		return ErrNoRun
	}
	err := b.db.Update(fn)
	b.dirty.Store(true)
	return err
}

func (b *Bolt) view(ctx context.Context, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b.mu.Lock()
	closed := b.closed
	b.mu.Unlock()
	if closed {
		return ErrClosed
	}
	return b.db.View(fn)
}

func (b *Bolt) syncLoop(interval time.Duration) {
	defer close(b.done)
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-b.stop:
			return
		case <-t.C:
			if b.dirty.Swap(false) {
				if err := b.db.Sync(); err != nil {
					b.log.Error("state: background sync failed", "path", b.db.Path(), "err", err)
				}
			}
		}
	}
}

// Close stops the background sync, fsyncs and closes the file. A run still
// active is left as it is, to be resumed. Calling Close again returns nil.
func (b *Bolt) Close() error {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return nil
	}
	b.closed = true
	b.mu.Unlock()
	select {
	case <-b.done:
	default:
		close(b.stop)
		<-b.done
	}
	syncErr := b.db.Sync()
	closeErr := b.db.Close()
	if err := errors.Join(syncErr, closeErr); err != nil {
		return fmt.Errorf("state: close: %w", err)
	}
	return nil
}
