package extract

import (
	"net/url"
	"testing"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

func TestUndatedPageStamp(t *testing.T) {
	// wpPage is a CMS page as SEO plugins mark it up: a WebPage graph with
	// the entry's creation stamp, og meta given as extra.
	wpPage := func(ldType, extraMeta, body string) string {
		return `<html><head><title>Graphic design courses</title>
<meta property="og:type" content="article">` + extraMeta + `
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
{"@type":"` + ldType + `","name":"Graphic design courses","datePublished":"2021-11-04T22:03:16+00:00","dateModified":"2024-12-02T19:55:45+00:00"},
{"@type":"WebSite","name":"Adult School"}]}</script>
</head><body><h1>Graphic design courses</h1>` + body + `
<p>Learn layout, colour and typography in our evening classes, taught by working designers in small groups.</p>
<p>Courses run every term and need no prior experience; bring a laptop and your ideas.</p></body></html>`
	}
	const modMeta = `<meta property="article:modified_time" content="2024-12-02T19:55:45+00:00">`
	cases := []struct{ name, ldType, meta, body, want string }{
		// A page, not a post: its stamp is no publication date.
		{"page stamp", "WebPage", modMeta, "", ""},
		// The page prints the day: it is the page's own date.
		{"stamp shown", "WebPage", modMeta, "<p>November 4, 2021</p>", "2021-11-04T22:03:16Z"},
		// A post carries article:published_time as well.
		{"post", "WebPage", modMeta + `<meta property="article:published_time" content="2021-11-04T22:03:16+00:00">`, "",
			"2021-11-04T22:03:16Z"},
		// An article object declares a publication.
		{"article object", "BlogPosting", modMeta, "", "2021-11-04T22:03:16Z"},
		// Without the page/post marker the declared date stands.
		{"no og dates", "WebPage", "", "", "2021-11-04T22:03:16Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := extractHTML(t, wpPage(c.ldType, c.meta, c.body)).Record.Published; got != c.want {
				t.Errorf("Published = %q, want %q", got, c.want)
			}
		})
	}
}

func TestFrontPageHasNoPublished(t *testing.T) {
	page := `<html><head><title>Example Agency - Marketing</title>
<meta property="og:type" content="website">
<meta property="article:published_time" content="2021-05-24T15:24:38+00:00"></head>
<body><h1>Marketing made to meet your business goals.</h1>
<p>Sunday, 31.03.2019</p><p>We plan, design and run campaigns for companies that want to grow, from the first idea to the last report.</p></body></html>`
	for path, want := range map[string]string{
		"/":               "",           // the site's front page
		"":                "",           // the same, written without a slash
		"/?ref=nav":       "",           // a query does not make it another page
		"/about-our-work": "2019-03-31", // any other page is dated (here by its dateline, earlier than the meta)
	} {
		u, _ := url.Parse("https://agency.example.com" + path)
		doc, err := htmldoc.Parse([]byte(page), "text/html; charset=utf-8", u)
		if err != nil {
			t.Fatal(err)
		}
		ex, _ := New(Options{})
		r, err := ex.Extract(doc)
		if err != nil {
			t.Fatal(err)
		}
		if r.Record.Published != want {
			t.Errorf("%q: Published = %q, want %q", path, r.Record.Published, want)
		}
	}
}
