package chaossite

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// big streams ?mb= MiB of HTML (default 2048: 2 GiB) without a
// Content-Length, or with the true one when declare=1 (a client should
// refuse that before reading).
func (s *Site) big(w http.ResponseWriter, r *http.Request) {
	mb, err := strconv.ParseInt(r.URL.Query().Get("mb"), 10, 64)
	if err != nil || mb <= 0 {
		mb = 2048
	}
	total := mb << 20
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.URL.Query().Get("declare") == "1" {
		w.Header().Set("Content-Length", strconv.FormatInt(total, 10))
	}
	w.WriteHeader(http.StatusOK)
	chunk := []byte(strings.Repeat("<p>"+filler+"</p>\n", 64<<10/(len(filler)+8)))
	for sent := int64(0); sent < total; {
		n := min(int64(len(chunk)), total-sent)
		if _, err := w.Write(chunk[:n]); err != nil {
			return
		}
		sent += n
	}
}

// Magic numbers of the binary bodies.
var binaryHeads = map[string][]byte{
	"png": {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'},
	"zip": {'P', 'K', 3, 4, 0x14, 0, 0, 0, 8, 0},
	"pdf": []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
}

// binaryAsHTML serves 1 MiB of binary content labelled text/html.
func binaryAsHTML(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	head, ok := binaryHeads[kind]
	if !ok && kind != "random" {
		http.Error(w, "unknown kind", http.StatusNotFound)
		return
	}
	body := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(uint64(len(kind)), 42))
	for i := range body {
		body[i] = byte(rng.Uint32())
	}
	for i := 0; i < len(body); i += 97 {
		body[i] = 0 // NULs throughout, as in real binaries
	}
	copy(body, head)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(body)
}

func redirect(w http.ResponseWriter, r *http.Request) {
	to := r.URL.Query().Get("to")
	code, err := strconv.Atoi(r.URL.Query().Get("code"))
	if err != nil || code < 300 || code > 399 {
		code = http.StatusFound
	}
	// Set the header directly: http.Redirect would clean up or refuse
	// hostile targets (file:, data:, CR/LF) that tests need verbatim.
	w.Header()["Location"] = []string{to}
	w.WriteHeader(code)
}

func redirectChain(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 {
		http.Error(w, "bad count", http.StatusBadRequest)
		return
	}
	if n == 0 {
		writeHTML(w, http.StatusOK, Page("End of the chain", strings.Repeat(filler, 3)))
		return
	}
	http.Redirect(w, r, "/redirect-chain/"+strconv.Itoa(n-1), http.StatusFound)
}

func redirectLoop(w http.ResponseWriter, r *http.Request) {
	next := "b"
	if r.URL.Query().Get("at") == "b" {
		next = "a"
	}
	http.Redirect(w, r, "/redirect-loop?at="+next, http.StatusFound)
}

// calendar links the previous and next day, forever in both directions.
func calendar(w http.ResponseWriter, r *http.Request) {
	y, err1 := strconv.Atoi(r.PathValue("y"))
	m, err2 := strconv.Atoi(r.PathValue("m"))
	d, err3 := strconv.Atoi(r.PathValue("d"))
	if err1 != nil || err2 != nil || err3 != nil {
		http.Error(w, "bad date", http.StatusBadRequest)
		return
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	link := func(t time.Time) string { return t.Format("/cal/2006/1/2") }
	writeHTML(w, http.StatusOK, Page("Events on "+day.Format("2006-01-02"), "No events.",
		link(day.AddDate(0, 0, -1)), link(day.AddDate(0, 0, 1)), link(day.AddDate(0, 1, 0)), link(day.AddDate(1, 0, 0))))
}

// loop links relatively, so each page's links are one segment deeper:
// /loop/a/ links a/ and b/, giving /loop/a/a/, /loop/a/b/, ...
func loop(w http.ResponseWriter, r *http.Request) {
	if !strings.HasSuffix(r.URL.Path, "/") {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	writeHTML(w, http.StatusOK, Page("Loop "+r.URL.Path, filler, "a/", "b/"))
}

// sid gives every link a new random session id, as old portals do.
func sid(w http.ResponseWriter, r *http.Request) {
	var links []string
	for i := 1; i <= 3; i++ {
		links = append(links, fmt.Sprintf("/sid/p%d?sid=%016x", i, rand.Uint64()))
	}
	writeHTML(w, http.StatusOK, Page("Session page "+r.PathValue("page"), filler, links...))
}

func outlinks(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n > 10_000_000 {
		http.Error(w, "bad count", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Many links</title></head><body><ul>")
	for i := range n {
		fmt.Fprintf(w, "<li><a href=\"/page/out-%d\">link %d</a></li>", i, i)
	}
	fmt.Fprint(w, "</ul></body></html>")
}

// deep streams n nested divs; with article=1 it is an article whose body
// sits inside the nesting.
func deep(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n > 10_000_000 {
		http.Error(w, "bad depth", http.StatusBadRequest)
		return
	}
	articleMode := r.URL.Query().Get("article") == "1"
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Deep page</title></head><body>")
	if articleMode {
		fmt.Fprint(w, "<article><h1>Deep page</h1>")
	}
	open := strings.Repeat("<div>", 1024)
	for left := n; left > 0; left -= 1024 {
		fmt.Fprint(w, open[:5*min(left, 1024)])
	}
	if articleMode {
		for range 5 {
			fmt.Fprintf(w, "<p>%s</p>", filler)
		}
	} else {
		fmt.Fprint(w, "deep text")
	}
	close := strings.Repeat("</div>", 1024)
	for left := n; left > 0; left -= 1024 {
		fmt.Fprint(w, close[:6*min(left, 1024)])
	}
	if articleMode {
		fmt.Fprint(w, "</article>")
	}
	fmt.Fprint(w, "</body></html>")
}

// QueryEscape is url.QueryEscape, for building /redirect?to= targets.
func QueryEscape(s string) string { return url.QueryEscape(s) }
