package chaossite

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strings"
	"testing"
)

func get(t *testing.T, s *Site, path string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL(path), nil)
	req.Header.Set("Accept-Encoding", "identity") // see the raw bytes
	resp, err := s.Client().Transport.RoundTrip(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// countZeros reads r to the end and checks every byte is zero.
func countZeros(t *testing.T, r io.Reader) int64 {
	t.Helper()
	buf := make([]byte, 64<<10)
	var n int64
	for {
		k, err := r.Read(buf)
		for _, b := range buf[:k] {
			if b != 0 {
				t.Fatal("non-zero byte in bomb")
			}
		}
		n += int64(k)
		if err == io.EOF {
			return n
		}
		if err != nil {
			t.Fatalf("decode after %d bytes: %v", n, err)
		}
	}
}

func TestBombsDecodeToTheirSize(t *testing.T) {
	s := New()
	defer s.Close()
	const size = 5 << 20
	open := map[string]func(io.Reader) (io.Reader, error){
		"gzip":       func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
		"deflate":    func(r io.Reader) (io.Reader, error) { return zlib.NewReader(r) },
		"rawdeflate": func(r io.Reader) (io.Reader, error) { return flate.NewReader(r), nil },
	}
	for kind, opener := range open {
		resp := get(t, s, "/bomb/"+kind+"?size=5m")
		compressed, _ := io.ReadAll(resp.Body)
		if len(compressed) > size/100 {
			t.Errorf("%s: %d compressed bytes, not a bomb", kind, len(compressed))
		}
		r, err := opener(bytes.NewReader(compressed))
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if n := countZeros(t, r); n != size {
			t.Errorf("%s: decoded %d bytes, want %d", kind, n, size)
		}
	}
	resp := get(t, s, "/bomb/nested?size=3m")
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip, gzip" {
		t.Errorf("nested Content-Encoding %q", ce)
	}
	outer, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	inner, err := gzip.NewReader(outer)
	if err != nil {
		t.Fatal(err)
	}
	if n := countZeros(t, inner); n != 3<<20 {
		t.Errorf("nested: %d bytes", n)
	}
	resp = get(t, s, "/ct-gzip?size=2m")
	if resp.Header.Get("Content-Type") != "application/x-gzip" || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("ct-gzip headers: %v", resp.Header)
	}
}

func TestCharsetMatrixEncodes(t *testing.T) {
	for _, enc := range Encodings {
		for _, decl := range Declarations {
			ct, body, err := CharsetPage(enc, decl)
			if err != nil {
				t.Fatalf("%s/%s: %v", enc, decl, err)
			}
			if !strings.HasPrefix(ct, "text/html") || len(body) < 100 {
				t.Errorf("%s/%s: %q, %d bytes", enc, decl, ct, len(body))
			}
			if decl == "meta-late" && bytes.Index(body, []byte("<meta")) < 2048 {
				t.Errorf("%s/%s: meta not late", enc, decl)
			}
		}
	}
}

func TestEndpoints(t *testing.T) {
	s := New()
	defer s.Close()
	cases := map[string]int{
		"/status/503": 503, "/delay/1": 200, "/redirect-chain/2": 302, "/redirect-loop": 302,
		"/cal/2024/1/31": 200, "/loop/a/": 200, "/sid": 200, "/outlinks/3": 200, "/deep/10": 200,
		"/charset/gbk/none": 200, "/robots/big-600k": 200, "/binary-as-html/png": 200, "/flaky/1": 503,
		"/retry-after/7": 429, "/big?mb=1": 200, "/robots.txt": 200, "/nothing-here": 404,
	}
	for path, want := range cases {
		if got := get(t, s, path).StatusCode; got != want {
			t.Errorf("%s: status %d, want %d", path, got, want)
		}
	}
	if get(t, s, "/flaky/1").StatusCode != 200 || get(t, s, "/retry-after/7").StatusCode != 200 {
		t.Error("flaky/retry-after do not recover")
	}
	body, _ := io.ReadAll(get(t, s, "/robots/big-600k").Body)
	if i := bytes.Index(body, []byte("Disallow: /x\n")); len(body) != 600<<10 || i < 440<<10 || i > 450<<10 {
		t.Errorf("big-600k: %d bytes, rule at %d", len(body), i)
	}
	body, _ = io.ReadAll(get(t, s, "/big?mb=1").Body)
	if len(body) != 1<<20 {
		t.Errorf("big: %d bytes", len(body))
	}
	if len(s.Hits("/flaky/")) != 2 || s.MaxInFlight("127.0.0.1") < 1 {
		t.Errorf("log or gauge wrong: %d hits, max %d", len(s.Hits("/flaky/")), s.MaxInFlight("127.0.0.1"))
	}
	// Malformed bodies fail to read in full.
	for _, p := range []string{"/drop-mid-body", "/cl-mismatch", "/broken-chunked"} {
		if _, err := io.ReadAll(get(t, s, p).Body); err == nil {
			t.Errorf("%s: body read without error", p)
		}
	}
}

func TestRaw(t *testing.T) {
	raw, err := NewRaw()
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	resp, err := http.Get(raw.URL("/ok"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "raw ok") {
		t.Errorf("raw /ok body %q", b)
	}
	if _, err := http.Get(raw.URL("/bad-status")); err == nil {
		t.Error("bad status line accepted")
	}
	if len(raw.Requests()) != 2 {
		t.Errorf("raw log %v", raw.Requests())
	}
}

func TestTLSSiteAndHostRouting(t *testing.T) {
	s := NewTLS()
	defer s.Close()
	resp, err := s.Client().Get(s.URL("/page/x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(s.Certificate()) == 0 || !strings.HasPrefix(s.URL("/"), "https://") {
		t.Errorf("TLS site: status %d, %d certs, url %s", resp.StatusCode, len(s.Certificate()), s.URL("/"))
	}
	// Host-header routing: robots.txt and the log are per host name.
	s.SetRobots("a.test", Robots{Body: "User-agent: *\nDisallow: /\n"})
	req, _ := http.NewRequest("GET", s.URL("/robots.txt"), nil)
	req.Host = "a.test:" + s.Port()
	resp, err = s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), "Disallow: /") || len(s.HostHits("a.test")) != 1 {
		t.Errorf("host routing: body %q, %d hits for a.test", body, len(s.HostHits("a.test")))
	}
	if got := s.HostURL("a.test", "/x"); got != "https://a.test:"+s.Port()+"/x" {
		t.Errorf("HostURL = %s", got)
	}
}

func TestResetAndTakeLog(t *testing.T) {
	s := New()
	defer s.Close()
	req, _ := http.NewRequest("GET", s.URL("/reset?n=1"), nil)
	// A fresh transport: no reused connection, so no silent retry by the client.
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	if resp, err := tr.RoundTrip(req); err == nil {
		resp.Body.Close()
		t.Fatalf("/reset answered %d", resp.StatusCode)
	} else if !strings.Contains(err.Error(), "reset") && !strings.Contains(err.Error(), "EOF") {
		t.Errorf("/reset: %v, want a reset connection", err)
	}
	get(t, s, "/status/500?n=2")
	taken := s.TakeLog()
	if len(taken) != 2 || taken[0].Target != "/reset?n=1" || taken[1].Path() != "/status/500" {
		t.Fatalf("TakeLog: %+v", taken)
	}
	if len(s.Log()) != 0 || len(s.TakeLog()) != 0 {
		t.Error("log not emptied by TakeLog")
	}
	get(t, s, "/page/x")
	if l := s.TakeLog(); len(l) != 1 || l[0].Target != "/page/x" {
		t.Errorf("log after TakeLog: %+v", l)
	}
}
