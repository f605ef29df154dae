package htmldoc

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/gleaner-news/gleaner/internal/charset"
)

// Errors callers branch on.
var (
	// ErrNotHTML means the body is binary (an image, an archive, a PDF, or
	// bytes full of NULs and control codes). The error wraps it with the
	// sniffed media type, such as "htmldoc: not html: image/png".
	ErrNotHTML = errors.New("htmldoc: not html")
	// ErrParseDepth means the page is nested too deeply for the parser even
	// after the flattening fallback.
	ErrParseDepth = errors.New("htmldoc: nesting too deep")
)

// Values of Document.Fallback.
const (
	// FallbackNone: the page parsed as it is.
	FallbackNone = ""
	// FallbackFlatten: the page was too deeply nested and was re-parsed
	// after the tokenizer dropped open tags beyond a depth limit; text is
	// kept, some structure is lost.
	FallbackFlatten = "flatten"
)

// Document is one decoded and parsed page. Root is owned by the Document:
// callers that mutate the tree (readability does) work on a clone. Its
// methods only read, so a Document that nobody mutates is safe for
// concurrent use.
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
	// Fallback says which parse path produced Root: FallbackNone ("") for
	// the normal parse, FallbackFlatten when excess nesting was dropped.
	Fallback string
}

// Parse decodes body (using the HTTP Content-Type header value, which may be
// empty) and parses it once. pageURL may be nil. Errors wrap ErrNotHTML for
// binary bodies and ErrParseDepth for nesting the fallback could not cure.
func Parse(body []byte, contentType string, pageURL *url.URL) (*Document, error) {
	if kind := sniffBinary(body, contentType); kind != "" {
		return nil, fmt.Errorf("%w: %s", ErrNotHTML, kind)
	}
	dec := charset.Decode(body, contentType)
	doc := &Document{
		URL:             pageURL,
		Charset:         dec.Charset,
		CharsetSource:   dec.Source,
		CharsetMismatch: dec.Mismatch,
	}
	root, err := html.Parse(bytes.NewReader(dec.Text))
	if err == nil {
		doc.Root = root
		return doc, nil
	}
	if !isDepthError(err) {
		return nil, fmt.Errorf("htmldoc: parse: %w", err)
	}
	// Drop excess nesting and try again; a second, harsher limit covers
	// markup where the parser's own implied elements add depth.
	for _, limit := range flattenDepths {
		root, err = html.Parse(bytes.NewReader(flatten(dec.Text, limit)))
		if err == nil {
			doc.Root = root
			doc.Fallback = FallbackFlatten
			return doc, nil
		}
		if !isDepthError(err) {
			return nil, fmt.Errorf("htmldoc: parse flattened page: %w", err)
		}
	}
	return nil, fmt.Errorf("%w: %w", ErrParseDepth, err)
}

// isDepthError recognises x/net/html's nesting limit, which has no
// exported error value.
func isDepthError(err error) bool {
	return strings.Contains(err.Error(), "open stack of elements")
}
