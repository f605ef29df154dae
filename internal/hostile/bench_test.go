package hostile

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/chaossite"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/robots"
)

// variantBytes returns the first robots.MaxBytes of a robots.txt variant,
// which is what the fetcher reads.
func variantBytes(name string) []byte {
	gen, _ := chaossite.RobotsVariant(name)
	var buf bytes.Buffer
	gen(&buf)
	return buf.Bytes()[:min(buf.Len(), robots.MaxBytes)]
}

// P7: parse of a capped 200k-wildcard robots.txt (target < 200 ms).
func BenchmarkP7RobotsParseWildcards(b *testing.B) {
	body := variantBytes("wildcards-200k")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		robots.Parse(body).ForAgent("gleaner")
	}
}

// P7/B16: one URL check against the capped wildcard and star files
// (target < 1 ms).
func BenchmarkP7RobotsCheck(b *testing.B) {
	for _, name := range []string{"wildcards-200k", "stars-100k"} {
		rules := robots.Parse(variantBytes(name)).ForAgent("gleaner")
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				rules.Allowed(fmt.Sprintf("/news/2024/%d/article-%d.a7.b.html?x=%d", i%12, i, i))
				i++
			}
		})
	}
}

// P24: parse and link extraction of a page with 50,000 links (target < 2 s).
func BenchmarkP24ParseLinks50k(b *testing.B) {
	var page strings.Builder
	page.WriteString("<html><body><ul>")
	for i := range 50000 {
		fmt.Fprintf(&page, `<li><a href="/page/out-%d">link %d</a></li>`, i, i)
	}
	page.WriteString("</ul></body></html>")
	body := []byte(page.String())
	u, _ := url.Parse("http://site.test/outlinks")
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		doc, err := htmldoc.Parse(body, "text/html", u)
		if err != nil {
			b.Fatal(err)
		}
		if len(doc.Links()) != 50000 {
			b.Fatal("links lost")
		}
	}
}

// B7: refusing a 1 MiB binary body labelled text/html (target < 50 ms).
func BenchmarkB7RefuseBinary(b *testing.B) {
	for _, kind := range []string{"png", "random"} {
		site := chaossite.New()
		resp, err := site.Client().Get(site.URL("/binary-as-html/" + kind))
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		resp.Body.Close()
		site.Close()
		body := buf.Bytes()
		b.Run(kind, func(b *testing.B) {
			for b.Loop() {
				if _, err := htmldoc.Parse(body, "text/html", nil); err == nil {
					b.Fatal("binary parsed")
				}
			}
		})
	}
}

// B12: a page nested 100,000 deep (target < 1 s).
func BenchmarkB12Deep100k(b *testing.B) {
	body := []byte("<html><body>" + strings.Repeat("<div>", 100000) + "x</body></html>")
	for b.Loop() {
		htmldoc.Parse(body, "text/html", nil)
	}
}
