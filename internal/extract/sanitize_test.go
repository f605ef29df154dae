package extract

import (
	"net/url"
	"strings"
	"testing"
)

func TestSanitizeBody(t *testing.T) {
	root := parseHTML(t, `<div id="a">
		<p onclick="steal()" style="color:red">Text <a href="javascript:alert(1)">bad link</a> <a href="/rel/page">good link</a></p>
		<img src="pic.jpg" onerror="alert(1)">
		<script>alert(1)</script><style>p{}</style>
		<svg onload="alert(1)"><circle r="1"/></svg>
		<iframe srcdoc="<script>alert(1)</script>"></iframe>
		<form action="/x"><input name="q"></form>
	</div>`)
	base, _ := url.Parse("https://news.example/2024/story.html")
	got := sanitizeBody(firstElement(root, "div"), base)
	for _, bad := range []string{"<script", "alert", "onclick", "onerror", "onload", "javascript:", "<svg", "<iframe", "srcdoc", "style=", "<style", "<form", "<input"} {
		if strings.Contains(got, bad) {
			t.Errorf("sanitised HTML keeps %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{`href="https://news.example/rel/page"`, `src="https://news.example/2024/pic.jpg"`, "good link", "Text"} {
		if !strings.Contains(got, want) {
			t.Errorf("sanitised HTML lacks %q:\n%s", want, got)
		}
	}
}

// A page's <base href> is what its relative URLs mean: the canonical link,
// og:image and the links and images of the stored body resolve against it,
// as a browser would, not against the page's own address.
func TestBaseHrefResolvesRelativeURLs(t *testing.T) {
	r := extractHTML(t, `<!doctype html><html lang="en"><head><title>Ferry timetable changes</title>
<base href="https://static.example.net/archive/2024/">
<link rel="canonical" href="ferry-timetable.html">
<meta property="og:image" content="img/ferry.jpg">
</head><body><article><h1>Ferry timetable changes</h1>
<p>The island ferry will run every forty minutes from Monday, the operator said, after a winter of complaints about
crowded morning crossings and missed connections at the mainland station.</p>
<p><img src="pics/quay.jpg" alt="The quay"> Passengers can read the <a href="timetable.pdf">new timetable</a> online,
and the old paper tickets stay valid until the end of the month, according to the operator's notice.</p>
</article></body></html>`)
	if want := "https://static.example.net/archive/2024/ferry-timetable.html"; r.Record.CanonicalURL != want {
		t.Errorf("canonical_url = %q, want %s", r.Record.CanonicalURL, want)
	}
	for _, want := range []string{"https://static.example.net/archive/2024/pics/quay.jpg", "https://static.example.net/archive/2024/timetable.pdf"} {
		if !strings.Contains(r.Record.BodyHTML, want) {
			t.Errorf("body_html lacks %s:\n%s", want, r.Record.BodyHTML)
		}
	}
	if want := "https://static.example.net/archive/2024/img/ferry.jpg"; r.Record.Image != want {
		t.Errorf("image = %q, want %s", r.Record.Image, want)
	}
}
