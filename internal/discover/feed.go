package discover

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Feed is a parsed RSS, Atom or JSON Feed document.
type Feed struct {
	// Format is "rss" (RSS 0.9x and 2.0), "rdf" (RSS 1.0), "atom" or
	// "json".
	Format string
	// Title is the feed's own title.
	Title string
	// Link is the site the feed belongs to (RSS channel link, Atom
	// alternate link, JSON Feed home_page_url), as given.
	Link string
	// Items are the feed's entries in document order; items without any
	// URL are left out.
	Items []Entry
}

// ParseFeed parses RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 (and 0.3)
// and JSON Feed. The charset named in the XML declaration is honoured (a
// gb2312 feed is decoded as GB18030). An item's URL is its link, or its
// guid when that is a permalink URL; relative item URLs are resolved
// against the feed's link when that is absolute. Errors wrap ErrTooLarge,
// ErrMalformed or ErrUnknownFormat; when the XML breaks part-way, the items
// read before the break are returned with the error.
func ParseFeed(body []byte) (*Feed, error) {
	text, err := prepare(body)
	if err != nil {
		return nil, err
	}
	text = trimStart(text)
	switch {
	case len(text) == 0:
		return nil, fmt.Errorf("%w: empty feed", ErrUnknownFormat)
	case text[0] == '{':
		return parseJSONFeed(text)
	case text[0] != '<':
		return nil, fmt.Errorf("%w: neither XML nor JSON", ErrUnknownFormat)
	}
	d := newXMLDecoder(text)
	root, err := rootElement(d)
	if err != nil {
		return nil, fmt.Errorf("%w: feed: %w", ErrMalformed, err)
	}
	p := feedParser{feed: &Feed{}}
	switch root.Name.Local {
	case "rss":
		p.feed.Format, p.itemElement, p.headElement = "rss", "item", "channel"
	case "RDF":
		p.feed.Format, p.itemElement, p.headElement = "rdf", "item", "channel"
	case "feed":
		p.feed.Format, p.itemElement, p.headElement = "atom", "entry", "feed"
	default:
		return nil, fmt.Errorf("%w: root element <%s> is not a feed", ErrUnknownFormat, root.Name.Local)
	}
	err = p.run(d, root)
	p.feed.resolveItems()
	if err != nil {
		return p.feed, err
	}
	return p.feed, nil
}

// feedParser walks an RSS, RDF or Atom token stream. Fields are matched by
// local name and parent element, so namespace prefixes (dc:date,
// atom:link, content:encoded) and their absence both work.
type feedParser struct {
	feed        *Feed
	itemElement string // "item" or "entry"
	headElement string // the element whose children describe the feed
	cur         *Entry
	permalink   bool // the current guid's isPermaLink is not "false"
	guidIsLink  bool // the current guid is a permalink URL, usable as URL
}

func (p *feedParser) run(d *xml.Decoder, root xml.StartElement) error {
	// For Atom, headElement is the root itself: its children describe the feed.
	stack := []string{root.Name.Local}
	var buf strings.Builder
	for len(stack) > 0 {
		tok, err := d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("%w: feed: %w", ErrMalformed, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := stack[len(stack)-1]
			stack = append(stack, t.Name.Local)
			buf.Reset()
			p.start(t, parent)
		case xml.CharData:
			buf.Write(t)
		case xml.EndElement:
			name := stack[len(stack)-1]
			parent := ""
			if len(stack) >= 2 {
				parent = stack[len(stack)-2]
			}
			p.end(name, parent, strings.TrimSpace(buf.String()))
			stack = stack[:len(stack)-1]
			buf.Reset()
		}
	}
	return nil
}

func (p *feedParser) start(se xml.StartElement, parent string) {
	name := se.Name.Local
	switch {
	case name == p.itemElement && p.cur == nil:
		p.cur = &Entry{}
		p.guidIsLink = false
		if about, ok := attrValue(se, "about"); ok { // RSS 1.0 rdf:about
			p.cur.GUID = strings.TrimSpace(about)
		}
	case name == "link":
		// Atom-style link: <link rel="alternate" href="..."/>.
		href, ok := attrValue(se, "href")
		if !ok {
			return
		}
		if rel, _ := attrValue(se, "rel"); rel != "" && rel != "alternate" {
			return
		}
		href = strings.TrimSpace(href)
		switch {
		case p.cur != nil && parent == p.itemElement && p.cur.URL == "":
			p.cur.URL = href
		case p.cur == nil && parent == p.headElement && p.feed.Link == "":
			p.feed.Link = href
		}
	case name == "guid" && p.cur != nil:
		isPermaLink, _ := attrValue(se, "isPermaLink")
		p.permalink = !strings.EqualFold(strings.TrimSpace(isPermaLink), "false")
	}
}

func (p *feedParser) end(name, parent, value string) {
	if p.cur == nil {
		if parent == p.headElement {
			switch name {
			case "title":
				if p.feed.Title == "" {
					p.feed.Title = value
				}
			case "link":
				if p.feed.Link == "" {
					p.feed.Link = value
				}
			}
		}
		return
	}
	if name == p.itemElement {
		if p.cur.URL == "" && p.guidIsLink {
			p.cur.URL = p.cur.GUID
		}
		if p.cur.URL != "" {
			p.feed.Items = append(p.feed.Items, *p.cur)
		}
		p.cur = nil
		return
	}
	if parent != p.itemElement {
		return
	}
	switch name {
	case "link":
		if p.cur.URL == "" {
			p.cur.URL = value
		}
	case "origLink": // feedburner keeps the publisher's URL here
		if value != "" {
			p.cur.URL = value
		}
	case "title":
		p.cur.Title = value
	case "pubDate", "published", "issued", "date", "created":
		if p.cur.Published.IsZero() {
			p.cur.Published = ParseDate(value)
		}
	case "updated", "modified":
		p.cur.Modified = ParseDate(value)
	case "guid":
		p.cur.GUID = value
		p.guidIsLink = p.permalink && isWebURL(value)
	case "id":
		p.cur.GUID = value
	}
}

// resolveItems makes relative item URLs absolute against the feed's link.
func (f *Feed) resolveItems() {
	if !isWebURL(f.Link) {
		return
	}
	base, err := url.Parse(f.Link)
	if err != nil {
		return
	}
	for i := range f.Items {
		it := &f.Items[i]
		if isWebURL(it.URL) {
			continue
		}
		ref, err := url.Parse(it.URL)
		if err != nil {
			continue
		}
		it.URL = base.ResolveReference(ref).String()
	}
}

// jsonFeed is the subset of JSON Feed 1.x that discovery needs.
type jsonFeed struct {
	Version     string `json:"version"`
	Title       string `json:"title"`
	HomePageURL string `json:"home_page_url"`
	Items       []struct {
		ID            json.RawMessage `json:"id"` // a string by the spec, a number in the wild
		URL           string          `json:"url"`
		ExternalURL   string          `json:"external_url"`
		Title         string          `json:"title"`
		DatePublished string          `json:"date_published"`
		DateModified  string          `json:"date_modified"`
	} `json:"items"`
}

func parseJSONFeed(text []byte) (*Feed, error) {
	var jf jsonFeed
	if err := json.Unmarshal(text, &jf); err != nil {
		return nil, fmt.Errorf("%w: json feed: %w", ErrMalformed, err)
	}
	if !strings.Contains(jf.Version, "jsonfeed.org/version") {
		return nil, fmt.Errorf("%w: json without a JSON Feed version", ErrUnknownFormat)
	}
	f := &Feed{Format: "json", Title: strings.TrimSpace(jf.Title), Link: strings.TrimSpace(jf.HomePageURL)}
	for _, it := range jf.Items {
		e := Entry{
			URL:       strings.TrimSpace(it.URL),
			Title:     strings.TrimSpace(it.Title),
			Published: ParseDate(it.DatePublished),
			Modified:  ParseDate(it.DateModified),
			GUID:      rawString(it.ID),
		}
		if e.URL == "" {
			e.URL = strings.TrimSpace(it.ExternalURL)
		}
		if e.URL != "" {
			f.Items = append(f.Items, e)
		}
	}
	f.resolveItems()
	return f, nil
}

// rawString renders a JSON string or number as text.
func rawString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(string(raw))
}
