package extract

import (
	"net/url"

	"golang.org/x/net/html"
)

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
