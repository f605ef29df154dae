package extract

import "github.com/gleaner-news/gleaner/internal/htmldoc"

// metadata is every field the metadata chain decided, plus the signals the
// page decision needs and where each main field came from (for logs).
type metadata struct {
	Title, Source, Editor, Published, Modified string
	Authors, Tags                              []string
	Lang, SiteName, Canonical, Image           string

	summary     string
	ogType      string
	jsonldTypes []string

	titleFrom, authorsFrom, publishedFrom string
}

func (e *Extractor) metadata(doc *htmldoc.Document) *metadata {
	return &metadata{}
}

// summaryFor returns the page's own summary when it is real prose.
func (m *metadata) summaryFor(body string) string { return m.summary }
