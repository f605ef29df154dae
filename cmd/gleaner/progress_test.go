package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgressLineShowsCounters(t *testing.T) {
	var c pipeline.Counters
	c.Fetched.Store(12)
	c.Queued.Store(5)
	c.Articles.Store(7)
	c.Errors.Store(1)
	var buf syncBuffer
	stop := startProgress(context.Background(), &buf, "line", &c, nil)
	stop() // draws the final line
	got := buf.String()
	for _, want := range []string{"fetched 12", "queued 5", "articles 7", "errors 1", "pages/s", "\r\033[K"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress line %q lacks %q", got, want)
		}
	}
	if !strings.HasSuffix(got, "\n") {
		t.Errorf("final progress line does not end the line: %q", got)
	}
}

// Without a terminal, auto mode writes log lines, never control sequences.
func TestProgressAutoWithoutTerminalLogs(t *testing.T) {
	var c pipeline.Counters
	var buf syncBuffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	stop := startProgress(context.Background(), &buf, "auto", &c, log)
	time.Sleep(10 * time.Millisecond)
	stop()
	if strings.Contains(buf.String(), "\033[") {
		t.Errorf("auto mode on a non-terminal drew a live line: %q", buf.String())
	}
	if stop := startProgress(context.Background(), &buf, "none", &c, log); stop == nil {
		t.Error("none mode returned a nil stop")
	}
}
