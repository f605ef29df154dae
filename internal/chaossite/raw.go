package chaossite

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Raw is a raw-TCP HTTP/1.1 server for responses net/http will not produce:
// it reads one request head per connection, looks its path up in a table of
// canned byte strings and writes that, then closes the connection.
type Raw struct {
	ln     net.Listener
	wg     sync.WaitGroup
	mu     sync.Mutex
	routes map[string]string
	log    []string
}

// rawResponses are the canned answers a Raw serves by default, by path:
// /bad-status, /no-headers-end, /cl-mismatch, /broken-chunked, /double-cl,
// /huge-header (a 100 KiB header line) and /ok.
var rawResponses = map[string]string{
	"/bad-status":     "HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\nok",
	"/no-headers-end": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n",
	"/cl-mismatch":    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n<html><body>short</body></html>",
	"/broken-chunked": "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\nxyz\r\n",
	"/double-cl":      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10\r\nContent-Length: 20\r\n\r\n0123456789",
	"/huge-header":    "HTTP/1.1 200 OK\r\nX-Big: " + strings.Repeat("a", 100<<10) + "\r\nContent-Length: 2\r\n\r\nok",
	"/ok":             "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 41\r\n\r\n<html><body><p>raw ok</p></body></html>\n\n",
}

// NewRaw listens on 127.0.0.1 and serves the canned answers listed at
// rawResponses; Set adds or replaces answers for this server only.
func NewRaw() (*Raw, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("raw server: %w", err)
	}
	r := &Raw{ln: ln, routes: map[string]string{}}
	for k, v := range rawResponses {
		r.routes[k] = v
	}
	r.wg.Add(1)
	go r.serve()
	return r, nil
}

// Set makes path answer with the given bytes.
func (r *Raw) Set(path, response string) {
	r.mu.Lock()
	r.routes[path] = response
	r.mu.Unlock()
}

// URL returns "http://127.0.0.1:PORT" + path.
func (r *Raw) URL(path string) string { return "http://" + r.ln.Addr().String() + path }

// Requests returns the request lines received, in order.
func (r *Raw) Requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.log...)
}

func (r *Raw) serve() {
	defer r.wg.Done()
	for {
		conn, err := r.ln.Accept()
		if err != nil {
			return
		}
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(10 * time.Second))
			req, err := http.ReadRequest(bufio.NewReader(conn))
			if err != nil {
				return
			}
			r.mu.Lock()
			r.log = append(r.log, req.Method+" "+req.URL.RequestURI())
			resp, ok := r.routes[req.URL.Path]
			r.mu.Unlock()
			if !ok {
				resp = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
			}
			io.WriteString(conn, resp)
		}()
	}
}

// Close stops the server and waits for its connections to end.
func (r *Raw) Close() error {
	err := r.ln.Close()
	r.wg.Wait()
	return err
}
