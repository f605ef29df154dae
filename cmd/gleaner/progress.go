package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// Progress display intervals: a terminal line is redrawn often; without a
// terminal a log line now and then is enough for a scheduler's log.
const (
	progressLineEvery = 250 * time.Millisecond
	progressLogEvery  = 30 * time.Second
)

// startProgress shows a run's counters until the returned stop is called.
// mode is auto, line, log or none; auto picks line on a terminal, else log.
func startProgress(ctx context.Context, w io.Writer, mode string, c *pipeline.Counters, log *slog.Logger) (stop func()) {
	if mode == "auto" {
		mode = "log"
		if isTerminal(w) {
			mode = "line"
		}
	}
	if mode == "none" || (mode == "log" && log == nil) {
		return func() {}
	}
	every := progressLogEvery
	if mode == "line" {
		every = progressLineEvery
	}
	started := time.Now()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(every)
		defer tick.Stop()
		stopping := ctx.Done()
		for {
			select {
			case <-done:
				if mode == "line" {
					fmt.Fprintf(w, "\r\033[K%s\n", progressText(c, time.Since(started)))
				}
				return
			case <-stopping:
				// The run is stopping; draw once more, then wait for done.
				stopping = nil
			case <-tick.C:
			}
			elapsed := time.Since(started)
			if mode == "line" {
				fmt.Fprintf(w, "\r\033[K%s", progressText(c, elapsed))
				continue
			}
			log.Info("progress", "fetched", c.Fetched.Load(), "queued", c.Queued.Load(),
				"articles", c.Articles.Load(), "errors", c.Errors.Load(), "elapsed", elapsed.Round(time.Second))
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

func progressText(c *pipeline.Counters, elapsed time.Duration) string {
	fetched := c.Fetched.Load()
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(fetched) / s
	}
	return fmt.Sprintf("fetched %d  queued %d  articles %d  errors %d  %.1f pages/s  %s",
		fetched, c.Queued.Load(), c.Articles.Load(), c.Errors.Load(), rate, elapsed.Round(time.Second))
}
