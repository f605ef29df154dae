package htmldoc_test

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// Parse decodes and parses a page once; Links and Feeds read that one tree.
// Relative links resolve against <base href>, fragments are dropped, other
// schemes are left out and duplicates appear once.
func ExampleParse() {
	page := []byte(`<!DOCTYPE html><html><head>
<base href="/news/">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
</head><body>
<a href="2024/rates.html#comments">Rates  held</a>
<a href="2024/rates.html">again</a>
<a href="mailto:desk@example.com">Write to us</a>
<a href="https://other.example.org/x" rel="nofollow">Elsewhere</a>
</body></html>`)
	pageURL, _ := url.Parse("https://news.example.com/index.html")

	doc, err := htmldoc.Parse(page, "text/html; charset=utf-8", pageURL)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(doc.Charset, doc.CharsetSource)
	for _, l := range doc.Links() {
		fmt.Printf("%s %q rel=%q\n", l.URL, l.Text, l.Rel)
	}
	fmt.Println(doc.Feeds())
	// Output:
	// utf-8 header
	// https://news.example.com/news/2024/rates.html "Rates held" rel=""
	// https://other.example.org/x "Elsewhere" rel="nofollow"
	// [https://news.example.com/feed.xml]
}

// Binary bodies are refused before decoding; callers branch on ErrNotHTML.
func ExampleParse_notHTML() {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	_, err := htmldoc.Parse(png, "text/html", nil)
	fmt.Println(errors.Is(err, htmldoc.ErrNotHTML))
	fmt.Println(err)
	// Output:
	// true
	// htmldoc: not html: image/png
}
