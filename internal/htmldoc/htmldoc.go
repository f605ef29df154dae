// Package htmldoc turns fetched bytes into one parsed page: decoded once,
// parsed once, shared by link discovery and extraction.
package htmldoc

import (
	"bytes"
	"fmt"
	"net/url"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// Document is one decoded and parsed page. Root is owned by the Document:
// callers that mutate the tree (readability does) work on a clone.
type Document struct {
	// URL is the page's address after redirects; nil for a saved file
	// given without one.
	URL *url.URL
	// Root is the parsed tree.
	Root *html.Node
	// Charset names the encoding the bytes were decoded from ("utf-8", "gb18030", ...).
	Charset string
	// CharsetSource says what decided Charset: "bom", "header", "meta", "detect" or "default".
	CharsetSource string
	// CharsetMismatch is true when the declared charset did not fit the bytes
	// and another one was used.
	CharsetMismatch bool
}

// Parse decodes body (using the HTTP Content-Type header value, which may be
// empty) and parses it. TEMPORARY minimal version: replaced by the charset work.
func Parse(body []byte, contentType string, pageURL *url.URL) (*Document, error) {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	root, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	return &Document{URL: pageURL, Root: root, Charset: "utf-8", CharsetSource: "default"}, nil
}
