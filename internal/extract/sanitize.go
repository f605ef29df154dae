package extract

import (
	"bytes"
	"net/url"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// bodyPolicy is a UGC-like policy for stored article HTML: text structure,
// links, images and tables; no scripts, styles, frames, event handlers,
// inline styles or javascript: URLs. A bluemonday policy is safe for
// concurrent use once built.
var bodyPolicy = newBodyPolicy()

func newBodyPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}

// urlAttrs are the attributes made absolute before sanitising.
var urlAttrs = map[string]bool{"href": true, "src": true, "poster": true}

// sanitizeBody renders n with relative links and images made absolute
// against base (when given) and passes it through bodyPolicy.
func sanitizeBody(n *html.Node, base *url.URL) string {
	if base != nil {
		absolutize(n, base)
	}
	var buf bytes.Buffer
	if err := html.Render(&buf, n); err != nil {
		return ""
	}
	return strings.TrimSpace(bodyPolicy.Sanitize(buf.String()))
}

// absolutize rewrites relative href/src/poster values under n; srcset is
// dropped (the policy would drop it too) after promoting a lazy image's
// data-src.
func absolutize(n *html.Node, base *url.URL) {
	if n.Type == html.ElementNode {
		if n.Data == "img" && attr(n, "src") == "" {
			if ds := attr(n, "data-src"); ds != "" {
				n.Attr = append(n.Attr, html.Attribute{Key: "src", Val: ds})
			}
		}
		for i, at := range n.Attr {
			if !urlAttrs[at.Key] {
				continue
			}
			v := strings.TrimSpace(at.Val)
			if v == "" || strings.HasPrefix(v, "#") {
				continue
			}
			u, err := url.Parse(v)
			if err != nil {
				continue
			}
			n.Attr[i].Val = base.ResolveReference(u).String()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		absolutize(c, base)
	}
}
