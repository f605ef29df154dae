package htmldoc

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/idna"
	"golang.org/x/text/encoding"

	"github.com/gleaner-news/gleaner/internal/charset"
)

// MaxURLLength is the longest URL Links and Feeds return, the limit of
// the browsers that have one; longer addresses are mostly traps.
const MaxURLLength = 2083

// Link is one hyperlink of a page.
type Link struct {
	// URL is absolute, http or https, without fragment.
	URL string
	// Text is the link's text with white space collapsed (for <area>, its
	// alt text).
	Text string
	// Rel is the rel attribute as written ("nofollow", "next", ...).
	Rel string
}

// BaseURL returns the address relative links resolve against: the first
// <base href> (itself resolved against the page URL), or the page URL. It
// returns nil when neither gives an absolute http or https address. The
// result may be d.URL itself: callers must not modify it.
func (d *Document) BaseURL() *url.URL {
	page := d.URL
	if page != nil && !isWebURL(page) {
		page = nil
	}
	var href string
	found := false
	walk(d.Root, func(n *html.Node) bool {
		if n.DataAtom == atom.Base {
			if v, ok := attr(n, "href"); ok {
				href, found = v, true
				return false
			}
		}
		return true
	})
	if !found {
		return page
	}
	r := resolver{base: page}
	u, ok := r.resolve(href)
	if !ok {
		return page
	}
	return u
}

// Links returns every <a href> and <area href> of the page, resolved to
// absolute http or https URLs without fragment, deduplicated by URL and in
// page order. Links to other schemes (javascript:, mailto:, tel:, data:),
// fragment-only links, URLs with control characters and URLs longer than
// MaxURLLength are left out. The slice is new on every call and the caller's
// to keep; it is nil when the page has no links.
func (d *Document) Links() []Link {
	r := d.resolver()
	seen := map[string]bool{}
	var links []Link
	walk(d.Root, func(n *html.Node) bool {
		if n.DataAtom != atom.A && n.DataAtom != atom.Area {
			return true
		}
		href, ok := attr(n, "href")
		if !ok {
			return true
		}
		u, ok := r.resolve(href)
		if !ok {
			return true
		}
		s := u.String()
		if seen[s] {
			return true
		}
		seen[s] = true
		rel, _ := attr(n, "rel")
		var text string
		if n.DataAtom == atom.Area {
			text, _ = attr(n, "alt")
			text = strings.Join(strings.Fields(text), " ")
		} else {
			text = textOf(n)
		}
		links = append(links, Link{URL: s, Text: text, Rel: rel})
		return true
	})
	return links
}

// feedTypes are the media types of <link rel="alternate"> that announce a
// feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
}

// Feeds returns the absolute URLs of the feeds the page announces with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">,
// deduplicated, in page order. The slice is new on every call; nil when the
// page announces no feed.
func (d *Document) Feeds() []string {
	r := d.resolver()
	seen := map[string]bool{}
	var feeds []string
	walk(d.Root, func(n *html.Node) bool {
		if n.DataAtom != atom.Link {
			return true
		}
		rel, _ := attr(n, "rel")
		typ, _ := attr(n, "type")
		if !hasToken(rel, "alternate") {
			return true
		}
		mediaType, _, _ := strings.Cut(typ, ";")
		if !feedTypes[strings.ToLower(strings.TrimSpace(mediaType))] {
			return true
		}
		href, _ := attr(n, "href")
		u, ok := r.resolve(href)
		if !ok {
			return true
		}
		if s := u.String(); !seen[s] {
			seen[s] = true
			feeds = append(feeds, s)
		}
		return true
	})
	return feeds
}

func (d *Document) resolver() resolver {
	return resolver{base: d.BaseURL(), queryEncoding: queryEncoding(d.Charset)}
}

// queryEncoding is the encoding browsers use for the query of a page's
// relative URLs: the page's own, except UTF-16 pages, which use UTF-8.
func queryEncoding(name string) encoding.Encoding {
	switch name {
	case "", charset.UTF8, charset.UTF16LE, charset.UTF16BE:
		return nil
	}
	return charset.Encoding(name)
}

// resolver turns href attribute values into absolute URLs.
type resolver struct {
	base *url.URL
	// queryEncoding encodes non-ASCII query characters; nil means UTF-8.
	queryEncoding encoding.Encoding
}

// resolve returns href as an absolute http or https URL without fragment,
// or false when it is not one or breaks a limit.
func (r resolver) resolve(href string) (*url.URL, bool) {
	// Browsers strip leading and trailing C0 controls and spaces.
	href = strings.TrimFunc(href, func(c rune) bool { return c <= ' ' })
	if href == "" || href[0] == '#' {
		return nil, false
	}
	for i := 0; i < len(href); i++ {
		if href[i] < ' ' || href[i] == 0x7F {
			return nil, false // CR, LF, NUL and friends: header injection bait
		}
	}
	if scheme, ok := schemeOf(href); ok && scheme != "http" && scheme != "https" {
		return nil, false
	}
	href, _, _ = strings.Cut(href, "#")
	beforeQuery, query, hasQuery := strings.Cut(href, "?")
	// For http(s), browsers read a backslash as a slash.
	beforeQuery = strings.ReplaceAll(beforeQuery, `\`, "/")
	ref := beforeQuery
	if hasQuery {
		ref += "?" + encodeQuery(query, r.queryEncoding)
	}
	u, err := url.Parse(ref)
	if err != nil {
		return nil, false
	}
	if !u.IsAbs() {
		if r.base == nil {
			return nil, false
		}
		u = r.base.ResolveReference(u)
	}
	u.Fragment, u.RawFragment = "", ""
	u.Scheme = strings.ToLower(u.Scheme)
	if !isWebURL(u) || u.Opaque != "" {
		return nil, false
	}
	host := u.Hostname()
	if host == "" {
		return nil, false
	}
	if !isASCII(host) {
		// Internationalised names go out as punycode, as browsers send them.
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil || ascii == "" {
			return nil, false
		}
		host = ascii
	}
	host = strings.ToLower(host)
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port := u.Port(); port != "" {
		host += ":" + port
	}
	u.Host = host
	if len(u.String()) > MaxURLLength {
		return nil, false
	}
	return u, true
}

// encodeQuery percent-encodes a query string as browsers do: characters
// outside printable ASCII in the page's encoding (UTF-8 when enc is nil),
// characters the encoding lacks as an HTML numeric reference ("&#NNNN;"),
// and space, quotes and angle brackets as %XX. Existing escapes stay.
func encodeQuery(query string, enc encoding.Encoding) string {
	var encoder *encoding.Encoder
	if enc != nil {
		encoder = enc.NewEncoder()
	}
	var b strings.Builder
	for _, c := range query {
		if c < 0x80 {
			if c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == 0x7F {
				writePercent(&b, []byte{byte(c)})
			} else {
				b.WriteRune(c)
			}
			continue
		}
		if encoder == nil {
			writePercent(&b, []byte(string(c)))
			continue
		}
		encoded, err := encoder.Bytes([]byte(string(c)))
		if err != nil {
			writePercent(&b, []byte("&#"+strconv.Itoa(int(c))+";"))
			continue
		}
		writePercent(&b, encoded)
	}
	return b.String()
}

func writePercent(b *strings.Builder, bs []byte) {
	const hex = "0123456789ABCDEF"
	for _, c := range bs {
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// schemeOf returns the lower-cased scheme of an absolute reference.
func schemeOf(href string) (string, bool) {
	for i := 0; i < len(href); i++ {
		c := href[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return strings.ToLower(href[:i]), true
		default:
			return "", false
		}
	}
	return "", false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isWebURL(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// walk calls visit for n and its descendants in document order until visit
// returns false. It uses an explicit stack: trees may be hundreds deep.
func walk(n *html.Node, visit func(*html.Node) bool) {
	if n == nil {
		return
	}
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && !visit(n) {
			return
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasToken(list, token string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, token) {
			return true
		}
	}
	return false
}

// textOf returns n's text content with white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
