package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// DefaultSyncInterval is the group-commit interval used when
// WriterOptions.SyncInterval is zero.
const DefaultSyncInterval = time.Second

var (
	// ErrClosed is returned by Write and Sync after Close.
	ErrClosed = errors.New("output: writer closed")
	// ErrBroken is wrapped by every call after a write that could not be
	// undone or an fsync that failed; reopen the file to continue.
	ErrBroken = errors.New("output: writer broken")
)

// WriterOptions configures a Writer. The zero value is ready to use.
type WriterOptions struct {
	// SyncInterval is the longest time a written line waits for fsync.
	// Zero means DefaultSyncInterval; a negative value fsyncs after every
	// Write (slow; for tests and paranoid jobs).
	SyncInterval time.Duration
	// Logger receives tail repairs and background sync failures.
	// Nil means slog.New(slog.DiscardHandler).
	Logger *slog.Logger
}

// Writer appends JSON lines to one file. It is safe for concurrent use.
type Writer struct {
	path     string
	interval time.Duration
	log      *slog.Logger

	mu     sync.Mutex
	file   *os.File
	size   int64 // bytes of whole lines in the file
	dirty  bool  // written since the last fsync
	broken error // sticky; wraps ErrBroken
	closed bool
	buf    bytes.Buffer

	stop chan struct{}
	done chan struct{}
}

// OpenWriter opens path for appending, creating its directory (0755) and the
// file (0644) as needed. An existing file first has its torn last line
// removed (see RepairTail). Close the Writer to stop its sync goroutine.
func OpenWriter(path string, opts WriterOptions) (*Writer, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	interval := opts.SyncInterval
	if interval == 0 {
		interval = DefaultSyncInterval
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	removed, err := RepairTail(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if removed > 0 {
		log.Warn("removed torn last line", "path", path, "bytes", removed)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("output: %w", err)
	}
	w := &Writer{
		path:     path,
		interval: interval,
		log:      log,
		file:     f,
		size:     fi.Size(),
		stop:     make(chan struct{}),
		done:     make(chan struct{}),
	}
	if interval > 0 {
		go w.syncLoop()
	} else {
		close(w.done)
	}
	return w, nil
}

// Path returns the file's path.
func (w *Writer) Path() string { return w.path }

// Write encodes v as one JSON line (HTML characters are not escaped) and
// appends it with a single write call. When Write returns nil the line is in
// the file (durable on disk within SyncInterval). Encoding errors leave the
// file untouched. After Close it returns ErrClosed; once the Writer broke,
// every call returns the sticky error, which wraps ErrBroken and the cause.
// Write does not keep v.
func (w *Writer) Write(v any) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // Encode appends the '\n'
		return fmt.Errorf("output: encode: %w", err)
	}
	line := w.buf.Bytes()
	// Encoder output is compact and escapes control characters, so the
	// only newline is the final one; check anyway, a stray one would split
	// a record in two.
	if bytes.IndexByte(line[:len(line)-1], '\n') >= 0 {
		return fmt.Errorf("output: encoded value contains a newline")
	}
	n, err := w.file.Write(line)
	if err != nil {
		w.undoPartial(int64(n), err)
		return fmt.Errorf("output: write %s: %w", w.path, err)
	}
	w.size += int64(n)
	w.dirty = true
	if w.interval < 0 {
		return w.syncLocked()
	}
	return nil
}

// undoPartial cuts a partly written line off the file.
func (w *Writer) undoPartial(n int64, cause error) {
	if n == 0 {
		return
	}
	if err := w.file.Truncate(w.size); err != nil {
		w.broken = fmt.Errorf("%w: partial line of %d bytes left after %w; truncate: %w", ErrBroken, n, cause, err)
		w.log.Error("output: cannot remove partial line", "path", w.path, "err", err)
	}
}

func (w *Writer) usable() error {
	if w.closed {
		return ErrClosed
	}
	return w.broken
}

// Sync fsyncs the file now.
func (w *Writer) Sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.usable(); err != nil {
		return err
	}
	return w.syncLocked()
}

func (w *Writer) syncLocked() error {
	if !w.dirty {
		return nil
	}
	if err := w.file.Sync(); err != nil {
		w.broken = fmt.Errorf("%w: fsync %s: %w", ErrBroken, w.path, err)
		return w.broken
	}
	w.dirty = false
	return nil
}

func (w *Writer) syncLoop() {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			w.mu.Lock()
			if w.usable() == nil {
				if err := w.syncLocked(); err != nil {
					w.log.Error("output: background sync failed", "path", w.path, "err", err)
				}
			}
			w.mu.Unlock()
		}
	}
}

// Close stops the sync goroutine, fsyncs and closes the file. It returns the
// sticky error if the Writer broke. Calling Close again returns nil.
func (w *Writer) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	if w.interval > 0 {
		close(w.stop)
	}
	<-w.done

	w.mu.Lock()
	defer w.mu.Unlock()
	syncErr := w.broken
	if syncErr == nil {
		syncErr = w.syncLocked()
	}
	closeErr := w.file.Close()
	if closeErr != nil {
		closeErr = fmt.Errorf("output: close %s: %w", w.path, closeErr)
	}
	return errors.Join(syncErr, closeErr)
}
