package extract

// TEMPORARY: minimal stand-ins for the body side's functions so the package
// compiles until body.go, decide.go and summary.go land. Deleted then.

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

type bodyInput struct {
	Root     *html.Node
	URL      *url.URL
	Title    string
	Selector string
	Drop     []string
	Lang     string
}

type bodyResult struct {
	Text        string
	HTML        string
	Paragraphs  int
	LinkDensity float64
}

func extractBody(in bodyInput) bodyResult {
	var paras []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			if t := strings.TrimSpace(nodeText(n)); t != "" {
				paras = append(paras, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(in.Root)
	return bodyResult{Text: strings.Join(paras, "\n"), Paragraphs: len(paras)}
}

type pageSignals struct {
	URL          *url.URL
	OGType       string
	JSONLDTypes  []string
	HasPublished bool
	Title        string
}

func decidePage(root *html.Node, sig pageSignals, body bodyResult) (string, string) {
	if body.Paragraphs >= 3 {
		return "article", "stub"
	}
	return "other", "stub"
}

func leadSummary(body string, lang string) string {
	first, _, _ := strings.Cut(body, "\n")
	return first
}
