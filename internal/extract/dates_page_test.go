package extract

import "testing"

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
