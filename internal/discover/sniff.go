package discover

import (
	"bytes"
	"mime"
	"strings"
)

// Kinds returned by IsFeedOrSitemap.
const (
	KindSitemap = "sitemap"
	KindFeed    = "feed"
)

// sniffBytes bounds how much of a body (after gzip) IsFeedOrSitemap reads.
const sniffBytes = 64 << 10

// IsFeedOrSitemap tells from a Content-Type value (which may be empty) and
// the body whether a response is a sitemap ("sitemap"), a feed ("feed") or
// neither (""). Feed media types decide alone; otherwise the root element
// of an XML body (or gzipped XML body) decides, and a text/plain body whose
// first line is a URL is a plain-text sitemap. It reads a bounded prefix.
func IsFeedOrSitemap(contentType string, body []byte) string {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	switch strings.ToLower(mediaType) {
	case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
		return KindFeed
	}
	if bytes.HasPrefix(body, gzipMagic) {
		// A truncated gzip stream is expected here: read what decompresses.
		head, err := gunzipPrefix(body, sniffBytes)
		if err != nil {
			return ""
		}
		body = head
	}
	head := trimStart(body[:min(len(body), sniffBytes)])
	switch {
	case len(head) == 0:
		return ""
	case head[0] == '{':
		if bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return KindFeed
		}
		return ""
	case head[0] == '<':
		root, err := rootElement(newXMLDecoder(head))
		if err != nil {
			return ""
		}
		switch root.Name.Local {
		case "urlset", "sitemapindex":
			return KindSitemap
		case "rss", "RDF", "feed":
			return KindFeed
		}
		return ""
	case strings.EqualFold(mediaType, "text/plain"):
		first, _, _ := bytes.Cut(head, []byte("\n"))
		if isWebURL(strings.TrimSpace(string(first))) {
			return KindSitemap
		}
	}
	return ""
}
