package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// page is what one walk over the original tree collects for the metadata
// chain. Nothing here is decided yet: the chain in metadata.go picks.
type page struct {
	htmlLang string
	titleTag string
	h1       []string
	h2       []string // first few <h2>, for pages whose <h1> is the logo
	h1Line   int      // index in lines of the first <h1>, -1 if none
	// meta maps the lower-cased name, property, itemprop or http-equiv of
	// each <meta> to its contents in page order.
	meta      map[string][]string
	canonical string
	jsonld    []string
	// itemprop holds elements (not <meta>) carrying itemprop values the
	// chain reads, keyed by the lower-cased property.
	itemprop map[string][]*html.Node
	times    []*html.Node // <time> elements, page order
	bylines  []*html.Node // elements whose class/id/rel suggests a byline
	relAuth  []*html.Node // <a rel=author>
	// lines are the page's visible text, one per block, in order, so text
	// patterns near the title can be matched without a regexp over HTML.
	lines []string
}

const (
	maxLines   = 3000
	maxBylines = 20
)

// blockTags end a line of text.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "dd": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "table": true, "td": true, "th": true, "tr": true,
	"ul": true, "body": true, "center": true,
}

// scanPage walks root once.
func scanPage(root *html.Node) *page {
	p := &page{meta: map[string][]string{}, itemprop: map[string][]*html.Node{}, h1Line: -1}
	var line strings.Builder
	flush := func() {
		if line.Len() == 0 {
			return
		}
		if t := collapseSpace(line.String()); t != "" && len(p.lines) < maxLines {
			p.lines = append(p.lines, t)
		}
		line.Reset()
	}
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		switch n.Type {
		case html.TextNode:
			if !inHead {
				line.WriteString(n.Data)
			}
			return
		case html.ElementNode:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inHead)
			}
			return
		}
		tag := n.Data
		switch tag {
		case "html":
			p.htmlLang = attr(n, "lang")
			if p.htmlLang == "" {
				p.htmlLang = attr(n, "xml:lang")
			}
		case "head":
			inHead = true
		case "title":
			if p.titleTag == "" && n.Namespace == "" {
				p.titleTag = collapseSpace(nodeText(n))
			}
			return
		case "meta":
			content, ok := attrOK(n, "content")
			if !ok {
				content = attr(n, "value")
			}
			content = strings.TrimSpace(content)
			if content == "" {
				return
			}
			for _, k := range []string{"name", "property", "itemprop", "http-equiv"} {
				if v := attr(n, k); v != "" {
					// property may hold several space-separated names (RDFa).
					for _, key := range strings.Fields(strings.ToLower(v)) {
						p.meta[key] = append(p.meta[key], content)
					}
				}
			}
			return
		case "link":
			rel := strings.ToLower(attr(n, "rel"))
			if hasWord(rel, "canonical") && p.canonical == "" {
				p.canonical = strings.TrimSpace(attr(n, "href"))
			}
			return
		case "script":
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				p.jsonld = append(p.jsonld, n.FirstChild.Data)
			}
			return
		case "style", "noscript", "template", "svg", "iframe", "select", "option", "button":
			return
		case "h1":
			flush()
			if p.h1Line < 0 {
				p.h1Line = len(p.lines)
			}
			if t := collapseSpace(nodeText(n)); t != "" {
				p.h1 = append(p.h1, t)
			}
		case "h2":
			if len(p.h2) < 5 {
				if t := collapseSpace(nodeText(n)); t != "" {
					p.h2 = append(p.h2, t)
				}
			}
		case "time":
			p.times = append(p.times, n)
		case "a":
			if hasWord(strings.ToLower(attr(n, "rel")), "author") {
				p.relAuth = append(p.relAuth, n)
			}
		}
		if ip := attr(n, "itemprop"); ip != "" {
			for _, key := range strings.Fields(strings.ToLower(ip)) {
				p.itemprop[key] = append(p.itemprop[key], n)
			}
		}
		if !inHead && len(p.bylines) < maxBylines && looksLikeBylineElement(n) {
			p.bylines = append(p.bylines, n)
		}
		block := blockTags[tag]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
		if block {
			flush()
		} else if tag == "span" || tag == "a" || tag == "em" || tag == "strong" || tag == "font" || tag == "time" {
			// Inline elements on a byline line are often glued together
			// without spaces ("作者:admin发布于:..."): keep a boundary.
			line.WriteByte(' ')
		}
	}
	walk(root, false)
	flush()
	return p
}

// looksLikeBylineElement reports whether n's class, id, rel or itemprop
// names an author or byline.
func looksLikeBylineElement(n *html.Node) bool {
	switch n.Data {
	case "body", "html", "article", "main", "section", "script", "style", "meta", "link":
		return false
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "rel", "itemprop", "data-testid":
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "byline") || strings.Contains(v, "author") {
				// "author-bio", "authors-list" blocks and comment authors are not bylines.
				if strings.Contains(v, "comment") || strings.Contains(v, "bio") || strings.Contains(v, "avatar") ||
					strings.Contains(v, "-img") || strings.Contains(v, "image") || strings.Contains(v, "photo") {
					return false
				}
				return true
			}
		}
	}
	return false
}

// collapseSpace trims s and folds runs of white space (including the
// ideographic space and no-break space) into one ASCII space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', '\u200b', '\ufeff':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// first returns the first non-empty value of the named meta keys, in key order.
func (p *page) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range p.meta[k] {
			if v = strings.TrimSpace(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// itempropValue returns the value of an itemprop element as microdata
// defines it: content, datetime, href/src, else its text.
func itempropValue(n *html.Node) string {
	for _, k := range []string{"content", "datetime"} {
		if v, ok := attrOK(n, k); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return collapseSpace(nodeText(n))
}
