package extract

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/andybalholm/cascadia"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
	"github.com/gleaner-news/gleaner/internal/record"
	"golang.org/x/net/html"
)

// ErrNoDocument is returned by Extract when it is given a nil document or a
// document without a parsed tree.
var ErrNoDocument = errors.New("extract: no document")

// Selectors are per-site CSS selectors that override the generic rules. An
// empty selector means "use the generic rules" for that field.
type Selectors struct {
	Title     string
	Authors   string
	Published string
	Modified  string
	Body      string
	// Drop lists selectors of noise to remove before the body is extracted.
	Drop []string
}

// Options configure an Extractor. The zero value is valid.
type Options struct {
	// Location is the site's time zone, applied to dates the page gives
	// without one. nil means none is known: such dates are written as local
	// time without an offset ("2024-01-06T10:30:00").
	Location *time.Location
	// Selectors are per-site overrides; empty fields use the generic rules.
	Selectors Selectors
	// Logger receives debug messages about extraction decisions; nil
	// discards them.
	Logger *slog.Logger
}

// Extractor turns parsed pages into records. It holds only read-only state
// after New, so one Extractor is safe for concurrent use.
type Extractor struct {
	loc    *time.Location
	sel    Selectors
	title  cascadia.Selector
	author cascadia.Selector
	pub    cascadia.Selector
	mod    cascadia.Selector
	log    *slog.Logger
}

// Result is what Extract learned about one page.
type Result struct {
	// Record holds the extracted fields. FetchedAt, Status and Version are
	// left zero: they belong to the fetch and the store, not the page.
	Record record.Record
	// IsArticle is true when the page is an article rather than a list or
	// other page.
	IsArticle bool
	// PageType is "article", "list" or "other".
	PageType string
	// Reason says briefly why PageType was chosen ("jsonld:NewsArticle",
	// "link-density", ...), for diagnosis.
	Reason string
}

// New validates and compiles the options. The error names the first
// selector that does not compile.
func New(opts Options) (*Extractor, error) {
	e := &Extractor{loc: opts.Location, sel: opts.Selectors, log: opts.Logger}
	if e.log == nil {
		e.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	compile := func(field, s string) (cascadia.Selector, error) {
		if s == "" {
			return nil, nil
		}
		c, err := cascadia.Compile(s)
		if err != nil {
			return nil, fmt.Errorf("selector %s %q: %w", field, s, err)
		}
		return c, nil
	}
	var err error
	if e.title, err = compile("title", opts.Selectors.Title); err != nil {
		return nil, err
	}
	if e.author, err = compile("authors", opts.Selectors.Authors); err != nil {
		return nil, err
	}
	if e.pub, err = compile("published", opts.Selectors.Published); err != nil {
		return nil, err
	}
	if e.mod, err = compile("modified", opts.Selectors.Modified); err != nil {
		return nil, err
	}
	if _, err = compile("body", opts.Selectors.Body); err != nil {
		return nil, err
	}
	for _, d := range opts.Selectors.Drop {
		if _, err = compile("drop", d); err != nil {
			return nil, err
		}
	}
	// Keep our own copy so a caller reusing the slice cannot race with us.
	e.sel.Drop = append([]string(nil), opts.Selectors.Drop...)
	return e, nil
}

// Extract reads doc's metadata and main text. It never re-parses the page
// and never mutates doc.Root: the body is extracted from a clone.
func (e *Extractor) Extract(doc *htmldoc.Document) (*Result, error) {
	if doc == nil || doc.Root == nil {
		return nil, ErrNoDocument
	}
	md := e.metadata(doc)

	body := extractBody(bodyInput{
		Root:     cloneTree(doc.Root),
		Base:     md.base,
		Title:    md.Title,
		Selector: e.sel.Body,
		Drop:     e.sel.Drop,
		Lang:     md.Lang,
	})
	pageType, reason := decidePage(doc.Root, pageSignals{
		URL:          doc.URL,
		OGType:       md.ogType,
		JSONLDTypes:  md.jsonldTypes,
		HasPublished: md.Published != "" && !lastResortDate(md.publishedFrom),
		Title:        md.Title,
	}, body)

	r := &Result{PageType: pageType, Reason: reason, IsArticle: pageType == "article"}
	rec := &r.Record
	if doc.URL != nil {
		rec.URL = doc.URL.String()
	}
	rec.CanonicalURL = md.Canonical
	rec.Title = md.Title
	rec.Authors = md.Authors
	rec.Source = md.Source
	rec.Editor = md.Editor
	rec.Published = md.Published
	rec.Modified = md.Modified
	rec.Body = body.Text
	rec.BodyHTML = body.HTML
	rec.Lang = md.Lang
	if rec.Lang == "" {
		rec.Lang = detectScriptLang(body.Text)
	}
	rec.SiteName = md.SiteName
	rec.Tags = md.Tags
	rec.Image = md.Image
	rec.Summary = md.summaryFor(body.Text)
	if rec.Summary == "" && body.Text != "" {
		rec.Summary = leadSummary(body.Text, rec.Lang)
	}
	rec.Charset = doc.Charset
	rec.CharsetSource = doc.CharsetSource
	rec.ContentHash = record.HashContent(rec.Title, rec.Body)
	switch {
	case rec.CanonicalURL != "":
		rec.ID = record.ID(rec.CanonicalURL)
	case rec.URL != "":
		rec.ID = record.ID(rec.URL)
	}
	e.log.Debug("extracted", "url", rec.URL, "page_type", pageType, "reason", reason,
		"title_from", md.titleFrom, "authors_from", md.authorsFrom, "published_from", md.publishedFrom)
	return r, nil
}

// cloneTree deep-copies n and its descendants, so the body side may mutate
// the copy while metadata is read from the original.
//
// The copies are carved out of two slabs, one for nodes and one for
// attributes, sized by a first walk: two allocations instead of one or two
// per node.
func cloneTree(n *html.Node) *html.Node {
	nodes, attrs := treeSize(n)
	slab := cloneSlab{nodes: make([]html.Node, nodes), attrs: make([]html.Attribute, attrs)}
	return slab.clone(n)
}

// treeSize counts the nodes and attributes of the tree under n.
func treeSize(n *html.Node) (nodes, attrs int) {
	nodes, attrs = 1, len(n.Attr)
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		cn, ca := treeSize(ch)
		nodes += cn
		attrs += ca
	}
	return nodes, attrs
}

// cloneSlab hands out the storage cloneTree fills.
type cloneSlab struct {
	nodes []html.Node
	attrs []html.Attribute
}

func (s *cloneSlab) clone(n *html.Node) *html.Node {
	c := &s.nodes[0]
	s.nodes = s.nodes[1:]
	c.Type, c.DataAtom, c.Data, c.Namespace = n.Type, n.DataAtom, n.Data, n.Namespace
	if k := len(n.Attr); k > 0 {
		// Capped, so an append to one node's attributes cannot spill
		// into the next node's.
		c.Attr = s.attrs[:k:k]
		copy(c.Attr, n.Attr)
		s.attrs = s.attrs[k:]
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.AppendChild(s.clone(ch))
	}
	return c
}
