package chaossite

import (
	"bufio"
	"fmt"
	"html"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Site) routes() {
	m := s.mux
	m.HandleFunc("GET /status/{code}", s.status)
	m.HandleFunc("GET /delay/{ms}", s.delay)
	m.HandleFunc("GET /trickle/{bps}", s.trickle)
	m.HandleFunc("GET /hang", s.hang)
	m.HandleFunc("GET /drop-mid-body", rawReply(dropMidBody))
	m.HandleFunc("GET /cl-mismatch", rawReply(clMismatch))
	m.HandleFunc("GET /broken-chunked", rawReply(brokenChunked))
	m.HandleFunc("GET /reset", reset)
	m.HandleFunc("GET /bomb/{kind}", s.bomb)
	m.HandleFunc("GET /ct-gzip", s.ctGzip)
	m.HandleFunc("GET /sitemap.xml.gz", s.ctGzip)
	m.HandleFunc("GET /big", s.big)
	m.HandleFunc("GET /binary-as-html/{kind}", binaryAsHTML)
	m.HandleFunc("GET /redirect", redirect)
	m.HandleFunc("GET /redirect-chain/{n}", redirectChain)
	m.HandleFunc("GET /redirect-loop", redirectLoop)
	m.HandleFunc("GET /cal/{y}/{m}/{d}", calendar)
	m.HandleFunc("GET /loop/", loop)
	m.HandleFunc("GET /sid", sid)
	m.HandleFunc("GET /sid/{page}", sid)
	m.HandleFunc("GET /outlinks/{n}", outlinks)
	m.HandleFunc("GET /deep/{n}", deep)
	m.HandleFunc("GET /charset/{enc}/{decl}", charsetPage)
	m.HandleFunc("GET /robots/{variant}", robotsVariant)
	m.HandleFunc("GET /robots.txt", s.robotsTxt)
	m.HandleFunc("GET /retry-after/{value}", s.retryAfter)
	m.HandleFunc("GET /flaky/{n}", s.flaky)
	m.HandleFunc("GET /page/{name...}", article)
	m.HandleFunc("GET /links", linkPage)
}

// Page returns a small, valid HTML article page with the given links.
func Page(title, body string, links ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head><body><article><h1>%s</h1><p>%s</p></article><ul>",
		html.EscapeString(title), html.EscapeString(title), html.EscapeString(body))
	for _, l := range links {
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>", html.EscapeString(l), html.EscapeString(l))
	}
	b.WriteString("</ul></body></html>\n")
	return b.String()
}

const filler = "This is an ordinary paragraph of a test article, long enough for the extractor to treat the page as text. "

func writeHTML(w http.ResponseWriter, code int, doc string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprint(w, doc)
}

func article(w http.ResponseWriter, r *http.Request) {
	writeHTML(w, http.StatusOK, Page("Page "+r.URL.Path, strings.Repeat(filler, 5)))
}

// linkPage links every ?to= value, verbatim.
func linkPage(w http.ResponseWriter, r *http.Request) {
	writeHTML(w, http.StatusOK, Page("Links", filler, r.URL.Query()["to"]...))
}

func (s *Site) status(w http.ResponseWriter, r *http.Request) {
	code, err := strconv.Atoi(r.PathValue("code"))
	if err != nil || code < 100 || code > 999 {
		http.Error(w, "bad code", http.StatusBadRequest)
		return
	}
	writeHTML(w, code, Page("Status "+strconv.Itoa(code), filler))
}

// sleepCtx waits d, or until the request or the site ends; it reports
// whether the full time passed.
func (s *Site) sleepCtx(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.quit:
	}
	return false
}

func (s *Site) delay(w http.ResponseWriter, r *http.Request) {
	ms, err := strconv.Atoi(r.PathValue("ms"))
	if err != nil || ms < 0 {
		http.Error(w, "bad delay", http.StatusBadRequest)
		return
	}
	if !s.sleepCtx(r, time.Duration(ms)*time.Millisecond) {
		return
	}
	writeHTML(w, http.StatusOK, Page("Delayed "+strconv.Itoa(ms)+"ms", filler))
}

// trickle sends the headers at once, then a 64 KiB page at bps bytes per
// second.
func (s *Site) trickle(w http.ResponseWriter, r *http.Request) {
	bps, err := strconv.Atoi(r.PathValue("bps"))
	if err != nil || bps <= 0 {
		http.Error(w, "bad rate", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	_ = rc.Flush()
	body := []byte(Page("Trickle", strings.Repeat(filler, 64<<10/len(filler))))
	// Send in ten slices a second so that low rates still move steadily.
	chunk := max(bps/10, 1)
	tick := time.Second * time.Duration(chunk) / time.Duration(bps)
	for len(body) > 0 {
		n := min(chunk, len(body))
		if _, err := w.Write(body[:n]); err != nil {
			return
		}
		_ = rc.Flush()
		body = body[n:]
		if !s.sleepCtx(r, tick) {
			return
		}
	}
}

// hang reads the request and never answers, until the client gives up or
// the site closes.
func (s *Site) hang(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.quit:
	}
}

// rawReply hijacks the connection and writes what fn writes, then closes it.
func rawReply(fn func(*bufio.Writer)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, "cannot hijack", http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		fn(buf.Writer)
		_ = buf.Flush()
	}
}

// reset closes the connection with a TCP RST before any byte of a
// response: what a crashing server or a middlebox dropping state looks like.
func reset(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "cannot hijack", http.StatusInternalServerError)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // close sends RST instead of FIN
	}
	conn.Close()
}

func dropMidBody(w *bufio.Writer) {
	fmt.Fprint(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n")
	fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Dropped</title></head><body><article><p>")
	fmt.Fprint(w, strings.Repeat("x", 3000))
}

func clMismatch(w *bufio.Writer) {
	body := Page("Short body", "The server promised more than this.")
	fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s", len(body)+5000, body)
}

func brokenChunked(w *bufio.Writer) {
	fmt.Fprint(w, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
	fmt.Fprint(w, "20\r\n<!DOCTYPE html><html><body><p>ok\r\n")
	fmt.Fprint(w, "zz-not-a-size\r\ngarbage\r\n0\r\n\r\n")
}

func (s *Site) retryAfter(w http.ResponseWriter, r *http.Request) {
	times := 1
	if v, err := strconv.Atoi(r.URL.Query().Get("times")); err == nil {
		times = v
	}
	if s.count(r.URL.RequestURI()) <= times {
		value := r.PathValue("value")
		if rest, ok := strings.CutPrefix(value, "date+"); ok {
			secs, _ := strconv.Atoi(rest)
			value = time.Now().Add(time.Duration(secs) * time.Second).UTC().Format(http.TimeFormat)
		}
		w.Header().Set("Retry-After", value)
		writeHTML(w, http.StatusTooManyRequests, Page("Too many requests", filler))
		return
	}
	writeHTML(w, http.StatusOK, Page("After the wait", strings.Repeat(filler, 3)))
}

func (s *Site) flaky(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		http.Error(w, "bad count", http.StatusBadRequest)
		return
	}
	code := http.StatusServiceUnavailable
	if c, err := strconv.Atoi(r.URL.Query().Get("code")); err == nil {
		code = c
	}
	if s.count(r.URL.RequestURI()) <= n {
		writeHTML(w, code, Page("Failing", filler))
		return
	}
	writeHTML(w, http.StatusOK, Page("Recovered", strings.Repeat(filler, 3)))
}
