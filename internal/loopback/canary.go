package loopback

import (
	"net"
	"sync/atomic"
	"testing"
)

// Canary is a loopback listener that counts the connections it accepts and
// closes each at once. A test points URLs that must be refused at it and
// asserts that Hits stays 0: any connection means a guard failed.
type Canary struct {
	ln   net.Listener
	hits atomic.Int64
	done chan struct{}
}

// NewCanary listens on 127.0.0.1 at a free port until the test ends.
func NewCanary(t testing.TB) *Canary {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("canary: %v", err)
	}
	c := &Canary{ln: ln, done: make(chan struct{})}
	go c.serve()
	t.Cleanup(c.close)
	return c
}

func (c *Canary) serve() {
	defer close(c.done)
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			return
		}
		c.hits.Add(1)
		conn.Close()
	}
}

// close stops the listener and waits for its accept loop to end.
func (c *Canary) close() {
	c.ln.Close()
	<-c.done
}

// Addr returns "127.0.0.1:PORT".
func (c *Canary) Addr() string { return c.ln.Addr().String() }

// Port returns the canary's port.
func (c *Canary) Port() string {
	_, port, _ := net.SplitHostPort(c.Addr())
	return port
}

// Hits returns the number of connections accepted so far.
func (c *Canary) Hits() int64 { return c.hits.Load() }
