package htmldoc

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLinksGBKQuery is case B11 of the hostile-web plan: queries are encoded
// in the page's charset, paths in UTF-8.
func TestLinksGBKQuery(t *testing.T) {
	body := gbk(t, `<html><head><meta charset="gbk"></head><body>`+
		`<a href="/s?kw=中文">搜索</a> <a href="/路径">路径</a> <a href="/s?q=€&amp;x=&#x20000;">符号</a></body></html>`)
	doc, err := Parse(body, "text/html", mustURL(t, "http://www.example.cn/news/"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{URL: "http://www.example.cn/s?kw=%D6%D0%CE%C4", Text: "搜索"},
		{URL: "http://www.example.cn/%E8%B7%AF%E5%BE%84", Text: "路径"},
		// The page is handled as GB18030: € is A2E3 there (a GBK-labelled
		// page in a browser would send 0x80), and 𠀀 (written as a
		// reference, GBK lacks it) has four bytes.
		{URL: "http://www.example.cn/s?q=%A2%E3&x=%95%32%82%36", Text: "符号"},
	}
	if got := doc.Links(); !reflect.DeepEqual(got, want) {
		t.Errorf("Links() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestLinksUTF8Query(t *testing.T) {
	doc, err := Parse([]byte(`<a href="/s?kw=中文 x">a</a>`), "text/html; charset=utf-8", mustURL(t, "https://example.com/"))
	if err != nil {
		t.Fatal(err)
	}
	want := "https://example.com/s?kw=%E4%B8%AD%E6%96%87%20x"
	if got := doc.Links(); len(got) != 1 || got[0].URL != want {
		t.Errorf("Links() = %+v, want %s", got, want)
	}
}

func TestLinksFiltering(t *testing.T) {
	long := "/" + strings.Repeat("a", MaxURLLength)
	page := `<html><head><base href="/section/"></head><body>
<a href="story.html#comments">Story <b>one</b></a>
<a href="story.html">duplicate</a>
<a href="#top">fragment only</a>
<a href="javascript:void(0)">js</a>
<a href="JavaScript:alert(1)">js upper</a>
<a href="mailto:desk@example.com">mail</a>
<a href="tel:+861012345">tel</a>
<a href="data:text/html,hi">data</a>
<a href="ftp://example.com/file">ftp</a>
<a href="/x%0d%0aX-Injected:%201">encoded CRLF stays encoded</a>
<a href="/bad&#13;&#10;X-Injected: 1">raw CRLF</a>
<a href="/nul&#0;">nul</a>
<a href="` + long + `">too long</a>
<a href="  /padded  " rel="nofollow">padded</a>
<a href="\back\slash">backslash</a>
<a href="\\other.example.org\p">double backslash</a>
<a href="//other.example.org/p?q=1">protocol relative</a>
<a href="HTTPS://Example.COM:8443/Up">upper</a>
<a href="http://中文.example/路">idn</a>
<a>no href</a>
<map><area href="/map/a" alt="Area  one"></map>
</body></html>`
	doc, err := Parse([]byte(page), "text/html; charset=utf-8", mustURL(t, "http://example.com/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{
		{URL: "http://example.com/section/story.html", Text: "Story one"},
		{URL: "http://example.com/x%0d%0aX-Injected:%201", Text: "encoded CRLF stays encoded"},
		{URL: "http://example.com/nul%EF%BF%BD", Text: "nul"}, // the parser turns NUL into U+FFFD
		{URL: "http://example.com/padded", Text: "padded", Rel: "nofollow"},
		{URL: "http://example.com/back/slash", Text: "backslash"},
		{URL: "http://other.example.org/p", Text: "double backslash"},
		{URL: "http://other.example.org/p?q=1", Text: "protocol relative"},
		{URL: "https://example.com:8443/Up", Text: "upper"},
		{URL: "http://xn--fiq228c.example/%E8%B7%AF", Text: "idn"},
		{URL: "http://example.com/map/a", Text: "Area one"},
	}
	got := doc.Links()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Links() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		page, url, want string
	}{
		{`<base href="https://cdn.example.net/a/">`, "http://example.com/x", "https://cdn.example.net/a/"},
		{`<base href="../up/">`, "http://example.com/a/b/c", "http://example.com/a/up/"},
		{`<base target="_blank"><base href="/second/">`, "http://example.com/", "http://example.com/second/"},
		{`<base href="javascript:alert(1)">`, "http://example.com/p", "http://example.com/p"},
		{`<p>no base</p>`, "http://example.com/p", "http://example.com/p"},
		{`<base href="http://abs.example/">`, "", "http://abs.example/"},
		{`<p>no base</p>`, "", ""},
	}
	for _, tt := range tests {
		var pageURL *url.URL
		if tt.url != "" {
			pageURL = mustURL(t, tt.url)
		}
		doc, err := Parse([]byte(tt.page), "", pageURL)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if u := doc.BaseURL(); u != nil {
			got = u.String()
		}
		if got != tt.want {
			t.Errorf("%s on %q: BaseURL() = %q, want %q", tt.page, tt.url, got, tt.want)
		}
	}
}

func TestLinksWithoutPageURL(t *testing.T) {
	doc, err := Parse([]byte(`<a href="/rel">r</a><a href="https://abs.example/x">a</a>`), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := doc.Links()
	if len(got) != 1 || got[0].URL != "https://abs.example/x" {
		t.Errorf("Links() = %+v", got)
	}
}

func TestFeeds(t *testing.T) {
	page := `<html><head>
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="Alternate feed" type="application/atom+xml; charset=utf-8" href="https://example.com/atom">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="/rss.xml#dup">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="stylesheet" type="application/rss+xml" href="/not-a-feed">
<link rel="alternate" type="application/rss+xml" href="javascript:x">
</head><body></body></html>`
	doc, err := Parse([]byte(page), "", mustURL(t, "https://example.com/news/"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://example.com/rss.xml", "https://example.com/atom", "https://example.com/news/feed.json"}
	if got := doc.Feeds(); !reflect.DeepEqual(got, want) {
		t.Errorf("Feeds() = %q, want %q", got, want)
	}
}

func FuzzLinkExtract(f *testing.F) {
	f.Add([]byte(`<base href="/b/"><a href="x?q=中文#f">x</a><area href="//h.example/%zz">`), "text/html; charset=gbk", "http://example.com/")
	f.Add([]byte(`<a href="http://[::1]:8080/p">v6</a><a href="HTTP://ex.com:80/a">`), "", "https://example.com/a/b")
	f.Add([]byte(`<a href="\\\\evil.example\\x">`), "", "http://example.com/")
	f.Add([]byte(`<link rel=alternate type=application/rss+xml href="http://xn--/">`), "", "")
	f.Fuzz(func(t *testing.T, body []byte, contentType, page string) {
		pageURL, err := url.Parse(page)
		if err != nil {
			pageURL = nil
		}
		doc, err := Parse(body, contentType, pageURL)
		if err != nil {
			return
		}
		check := func(s string) {
			if len(s) > MaxURLLength || !utf8.ValidString(s) {
				t.Fatalf("bad output %q", s)
			}
			u, err := url.Parse(s)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				t.Fatalf("output %q is not an absolute http(s) URL (err %v)", s, err)
			}
			if strings.ContainsAny(s, "\r\n\x00") {
				t.Fatalf("control character in %q", s)
			}
		}
		for _, l := range doc.Links() {
			check(l.URL)
		}
		for _, s := range doc.Feeds() {
			check(s)
		}
	})
}
