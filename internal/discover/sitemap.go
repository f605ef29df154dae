package discover

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// CommonSitemapPaths are the places sites put sitemaps without announcing
// them in robots.txt, tried in this order. It is a fixed table: callers
// read it and must not modify it.
var CommonSitemapPaths = []string{"/sitemap.xml", "/sitemap_index.xml", "/sitemap-news.xml", "/news-sitemap.xml"}

// Sitemap is a parsed sitemap or sitemap index.
type Sitemap struct {
	// URLs are the pages of a <urlset> (or of a plain-text sitemap), with
	// lastmod as Modified and Google News publication_date and title.
	URLs []Entry
	// Sitemaps are the child sitemaps of a <sitemapindex>.
	Sitemaps []Entry
}

// ParseSitemap parses an XML sitemap (<urlset>), a sitemap index
// (<sitemapindex>) or a plain-text sitemap (one URL per line), gzipped or
// not. Errors wrap ErrTooLarge, ErrMalformed or ErrUnknownFormat. When the
// XML breaks part-way, the entries read before the break are returned with
// the error.
func ParseSitemap(body []byte) (*Sitemap, error) {
	text, err := prepare(body)
	if err != nil {
		return nil, err
	}
	text = trimStart(text)
	if len(text) == 0 {
		return nil, fmt.Errorf("%w: empty sitemap", ErrUnknownFormat)
	}
	if text[0] != '<' {
		return parseTextSitemap(text)
	}
	d := newXMLDecoder(text)
	root, err := rootElement(d)
	if err != nil {
		return nil, fmt.Errorf("%w: sitemap: %w", ErrMalformed, err)
	}
	var entryElement string
	switch root.Name.Local {
	case "urlset":
		entryElement = "url"
	case "sitemapindex":
		entryElement = "sitemap"
	default:
		return nil, fmt.Errorf("%w: root element <%s> is not a sitemap", ErrUnknownFormat, root.Name.Local)
	}
	sm := &Sitemap{}
	stack := []string{root.Name.Local}
	var cur *Entry
	var buf strings.Builder
	for len(stack) > 0 {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return sm, fmt.Errorf("%w: sitemap: %w", ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			buf.Reset()
			if t.Name.Local == entryElement && len(stack) == 2 {
				cur = &Entry{}
			}
		case xml.CharData:
			buf.Write(t)
		case xml.EndElement:
			name := stack[len(stack)-1]
			parent := ""
			if len(stack) >= 2 {
				parent = stack[len(stack)-2]
			}
			value := strings.TrimSpace(buf.String())
			switch {
			case cur != nil && name == entryElement && len(stack) == 2:
				if cur.URL != "" {
					if entryElement == "url" {
						sm.URLs = append(sm.URLs, *cur)
					} else {
						sm.Sitemaps = append(sm.Sitemaps, *cur)
					}
				}
				cur = nil
			case cur != nil && parent == entryElement && name == "loc":
				cur.URL = value
			case cur != nil && parent == entryElement && name == "lastmod":
				cur.Modified = ParseDate(value)
			case cur != nil && parent == "news" && name == "publication_date":
				cur.Published = ParseDate(value)
			case cur != nil && parent == "news" && name == "title":
				cur.Title = value
			}
			stack = stack[:len(stack)-1]
			buf.Reset()
		}
	}
	return sm, nil
}

// parseTextSitemap reads one absolute http(s) URL per line; other lines
// are skipped, and a text without any URL is not a sitemap.
func parseTextSitemap(text []byte) (*Sitemap, error) {
	sm := &Sitemap{}
	for line := range bytes.Lines(text) {
		s := strings.TrimSpace(string(line))
		if isWebURL(s) {
			sm.URLs = append(sm.URLs, Entry{URL: s})
		}
	}
	if len(sm.URLs) == 0 {
		return nil, fmt.Errorf("%w: neither XML nor a list of URLs", ErrUnknownFormat)
	}
	return sm, nil
}

// isWebURL reports whether s is an absolute http or https URL with a host.
func isWebURL(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n\x00") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && u.Host != ""
}
