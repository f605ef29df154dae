package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server is the demo portal listening on a loopback port.
type Server struct {
	// URL is the portal's base address, "http://127.0.0.1:<port>", without
	// a trailing slash.
	URL string

	srv       *http.Server
	done      chan struct{}
	closeOnce sync.Once
	closeErr  error
}

// PreferredAddr is where Start listens when the port is free: the same
// address on every run keeps the demo's URLs, and so its record ids, stable,
// so a second `gleaner demo` shows an incremental run (304s, nothing new).
const PreferredAddr = "127.0.0.1:8474"

// Start serves [Handler] on 127.0.0.1 until ctx ends or Close is called: at
// PreferredAddr, or at a free port when that one is taken. It returns once
// the listener is open, so requests to URL succeed immediately.
func Start(ctx context.Context) (*Server, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", PreferredAddr)
	if err != nil {
		ln, err = lc.Listen(ctx, "tcp", "127.0.0.1:0")
	}
	if err != nil {
		return nil, fmt.Errorf("demo: listen on loopback: %w", err)
	}
	s := &Server{
		URL: "http://" + ln.Addr().String(),
		srv: &http.Server{
			Handler:           Handler(),
			ReadHeaderTimeout: 10 * time.Second,
		},
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		// Serve returns ErrServerClosed after Close; nothing else to report.
		_ = s.srv.Serve(ln)
	}()
	go func() {
		select {
		case <-ctx.Done():
			s.Close()
		case <-s.done:
		}
	}()
	return s, nil
}

// Close stops the server, dropping open connections, and waits until it has
// stopped. It is safe to call more than once and after ctx ended.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		err := s.srv.Close()
		<-s.done
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.closeErr = fmt.Errorf("demo: close: %w", err)
		}
	})
	return s.closeErr
}
