package demo

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed site
var siteFS embed.FS

//go:embed expected.json
var expectedJSON []byte

// baseToken is replaced in robots.txt, sitemap.xml and feed.xml by the
// request's scheme and host.
const baseToken = "{{BASE}}"

// gbkPrefix is the section whose pages are GBK bytes served without a
// charset in the Content-Type header.
const gbkPrefix = "/caijing/"

// modTime is the Last-Modified of every page: the portal does not change
// while it runs, and a fixed time makes conditional GETs testable.
var modTime = time.Date(2024, 3, 7, 12, 0, 0, 0, time.UTC)

// page is one embedded file, read once when the handler is built.
type page struct {
	body        []byte
	contentType string
	etag        string
	templated   bool
}

// Handler serves the demo portal from the embedded files. Directory paths
// serve their index.html, "/world" redirects to "/world/", unknown paths
// get a 404 page. Pages carry an ETag and Last-Modified and honour
// conditional requests. Only GET and HEAD are allowed.
func Handler() http.Handler {
	pages := map[string]*page{}
	err := fs.WalkDir(siteFS, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := siteFS.ReadFile(p)
		if err != nil {
			return err
		}
		urlPath := strings.TrimPrefix(p, "site")
		if strings.HasSuffix(urlPath, "/index.html") {
			urlPath = strings.TrimSuffix(urlPath, "index.html")
		}
		sum := sha256.Sum256(body)
		pages[urlPath] = &page{
			body:        body,
			contentType: contentType(urlPath),
			etag:        `"` + hex.EncodeToString(sum[:8]) + `"`,
			templated:   bytes.Contains(body, []byte(baseToken)),
		}
		return nil
	})
	if err != nil {
		// The files are compiled in; failing to walk them is a build defect.
		panic("demo: reading embedded site: " + err.Error())
	}
	return &handler{pages: pages}
}

type handler struct {
	pages map[string]*page
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	pg, ok := h.pages[p]
	if !ok {
		if _, dir := h.pages[p+"/"]; dir && !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, path.Base(p)+"/", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method == http.MethodGet {
			w.Write([]byte(notFoundPage))
		}
		return
	}
	body := pg.body
	if pg.templated {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		body = bytes.ReplaceAll(body, []byte(baseToken), []byte(scheme+"://"+r.Host))
	} else {
		// Templated files vary with Host, so only fixed files carry an ETag.
		w.Header().Set("ETag", pg.etag)
	}
	w.Header().Set("Content-Type", pg.contentType)
	w.Header().Set("Cache-Control", "max-age=300")
	http.ServeContent(w, r, "", modTime, bytes.NewReader(body))
}

// contentType is the header each file is served with. GBK pages get no
// charset: the point of them is that only their <meta> says it.
func contentType(urlPath string) string {
	switch {
	case strings.HasPrefix(urlPath, gbkPrefix):
		return "text/html"
	case urlPath == "/robots.txt":
		return "text/plain; charset=utf-8"
	case urlPath == "/sitemap.xml":
		return "application/xml; charset=utf-8"
	case urlPath == "/feed.xml":
		return "application/rss+xml; charset=utf-8"
	}
	return "text/html; charset=utf-8"
}

const notFoundPage = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Page not found | Harbourline News</title></head>
<body><h1>Page not found</h1><p>The story you are looking for has been moved or withdrawn. 您访问的页面不存在。</p>
<p><a href="/">Back to the front page</a></p></body></html>
`
