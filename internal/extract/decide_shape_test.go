package extract

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestShapeOf(t *testing.T) {
	page := `<html><head><meta property="product:price:amount" content="19.99">
<meta name="author" content="Ann Lee"></head><body>
<nav><a href="/">Home</a><pre>not counted: furniture</pre></nav>
<h1>Widget</h1><h2>Specs</h2>
<span itemprop="price">19.99</span>
<button class="btn">Add to cart</button><input type="submit" value="Buy now">
<a href="https://github.com/x/y/edit/main/page.md">Edit this page</a>
<div class="version-switcher">v2</div><select class="docs-version"><option>v1</option></select>
<pre>code 1</pre><pre>code 2</pre>
<a href="/contact">Contact us</a><a href="/demo">Book a demo</a><a href="/quote">Get a free quote</a>
<a href="/about">About the company and its long history of making widgets</a>
<a href="tel:+15550100">555-0100</a>
<form><input type="text" name="name"><input type="email" name="mail"><textarea></textarea></form>
<form role="search"><input type="text" name="q"></form>
<time datetime="2024-01-06">6 Jan</time><a rel="author" href="/ann">Ann</a>
</body></html>`
	got := shapeOf(parseHTML(t, page))
	want := pageShape{
		Prices: 2, Carts: 2, EditLinks: 1, VersionPickers: 2, CodeBlocks: 2, CTAs: 3, Bylines: 2,
	}
	if got != want {
		t.Errorf("shapeOf =\n%+v\nwant\n%+v", got, want)
	}
}

func TestWeVoiceShare(t *testing.T) {
	tests := []struct {
		text string
		min  float64
		max  float64
	}{
		{"We help you grow. Our team builds what our clients need, and we deliver.", 0.25, 0.5},
		{"The river rose three metres overnight and flooded the lower town.", 0, 0},
		{"", 0, 0},
		{"Trust us. We’re here.", 0.4, 0.6},
	}
	for _, tt := range tests {
		if got := weVoiceShare(tt.text); got < tt.min || got > tt.max {
			t.Errorf("weVoiceShare(%q) = %.3f, want in [%.2f, %.2f]", tt.text, got, tt.min, tt.max)
		}
	}
}

func TestSlugWords(t *testing.T) {
	tests := map[string]int{
		"/blog/what-are-the-basics-of-event-planning/": 7,
		"/services/consulting":                         1,
		"/2024/01/06/":                                 0,
		"/":                                            0,
		"":                                             0,
		"/news/12345-flood_warning-issued.html":        3,
		"/gn/20240106/1187.html":                       0,
	}
	for path, want := range tests {
		if got := slugWords(path); got != want {
			t.Errorf("slugWords(%q) = %d, want %d", path, got, want)
		}
	}
}

func TestHeadlineTitle(t *testing.T) {
	for _, title := range []string{"How to Plant Tomatoes", "What Is Cloud Computing?", "10 Tips for Online Success",
		"The Ultimate Car Maintenance Checklist", "Certificate vs. Certification"} {
		if !isHeadlineTitle(title) {
			t.Errorf("isHeadlineTitle(%q) = false, want true", title)
		}
	}
	for _, title := range []string{"Cybersecurity Consulting Services", "Online Tuition and Financing", "Pricing", ""} {
		if isHeadlineTitle(title) {
			t.Errorf("isHeadlineTitle(%q) = true, want false", title)
		}
	}
	if got := headlineWords("播客热潮迅速蔓延 挑逗传统传媒业"); got != 7 {
		t.Errorf("headlineWords(CJK) = %d, want 7", got)
	}
	if got := headlineWords("Getting LEAN with Digital Ad UX"); got != 6 {
		t.Errorf("headlineWords = %d, want 6", got)
	}
}

// servicePage is a business's page about itself: headings, short bullet
// points, "we" and "our", and calls to action.
func servicePage() string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Data Analytics Services</title></head><body><h1>Data Analytics Services</h1>`)
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, `<section><h2>Our service %d</h2><p>We help our clients turn data into decisions, and our team delivers results for you, from strategy to dashboards and beyond.</p>`+
			`<ul><li>Fast setup</li><li>Expert team</li><li>Proven results</li></ul><a class="btn" href="/contact">Get a free quote</a></section>`, i)
	}
	b.WriteString(`<a href="/demo">Book a demo</a><a href="/contact">Contact us</a></body></html>`)
	return b.String()
}

// guidePage is an evergreen guide: paragraphs of prose, no date, no
// byline, a headline title.
func guidePage(title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><title>%s</title></head><body><h1>%s</h1>`, title, title)
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, `<p>Step %d of the guide explains at some length how a beginner should think about the task, `+
			`which mistakes are common, and why the order of the steps matters for a good result.</p>`, i)
	}
	b.WriteString(`</body></html>`)
	return b.String()
}

// docsPage is a generated documentation page: prose and code, an edit
// link and a version selector.
func docsPage() string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Resource blocks</title></head><body><aside><select class="version-select"><option>v1.9</option><option>v1.8</option></select></aside><h1>Resource blocks</h1>`)
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&b, `<p>Section %d explains how the resource block is declared, which arguments it accepts, and how it behaves when the configuration changes.</p><pre>resource "x" "y%d" {}</pre>`, i, i)
	}
	b.WriteString(`<a href="https://github.com/org/docs/edit/main/resource.md">Edit this page on GitHub</a></body></html>`)
	return b.String()
}

// productPage is a shop's product page with price markup and a cart button.
func productPage() string {
	var b strings.Builder
	b.WriteString(`<html><head><title>Executive Chair</title><meta property="og:price:amount" content="249.00"></head><body><h1>Executive Chair</h1>`)
	b.WriteString(`<span itemprop="price" content="249.00">$249.00</span><button>Add to Cart</button>`)
	for i := 0; i < 6; i++ {
		fmt.Fprintf(&b, `<p>Feature %d: the chair is upholstered in soft vinyl, with padded arms, a tilt lock and a seat that adjusts to your height.</p>`, i)
	}
	b.WriteString(`</body></html>`)
	return b.String()
}

func TestDecidePageStructure(t *testing.T) {
	tests := []struct {
		name, page, url, title string
		published              bool
		want                   string
		reason                 string
	}{
		{"evergreen guide without date", guidePage("How to Start Music Lessons: A Beginner's Guide"),
			"https://music.example/resources/beginners-guide-to-starting-music-lessons/",
			"How to Start Music Lessons: A Beginner's Guide", false, pageArticle, "headline"},
		{"service page", servicePage(), "https://agency.example/services/data-analytics/",
			"Data Analytics Services", true, pageOther, "we-voice"},
		{"documentation", docsPage(), "https://developer.example/terraform/language/block/resource",
			"Resource blocks", true, pageOther, "docs-layout"},
		{"product", productPage(), "https://shop.example/chairs/executive-chair",
			"Executive Chair", true, pageOther, "price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := url.Parse(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			root := parseHTML(t, tt.page)
			body := extractBody(bodyInput{Root: cloneTree(root), Base: u, Title: tt.title})
			got, reason := decidePage(root, pageSignals{URL: u, HasPublished: tt.published, Title: tt.title}, body)
			if got != tt.want || !strings.Contains(reason, tt.reason) {
				t.Errorf("decidePage = %s (%s), want %s (reason containing %q)", got, reason, tt.want, tt.reason)
			}
		})
	}
}

// An SEO plugin's og:article on a page whose structured data is a bare
// WebPage counts less than on a post with an Article piece.
func TestDecidePageOGArticleOnPlainPage(t *testing.T) {
	u, _ := url.Parse("https://firm.example/services/consulting/")
	root := parseHTML(t, syntheticArticle(8))
	body := extractBody(bodyInput{Root: cloneTree(root), Base: u})
	_, pageReason := decidePage(root, pageSignals{URL: u, OGType: "article", JSONLDTypes: []string{"WebPage", "Organization"}}, body)
	if !strings.Contains(pageReason, "og:article-page") {
		t.Errorf("bare WebPage: reason %q, want og:article-page", pageReason)
	}
	_, postReason := decidePage(root, pageSignals{URL: u, OGType: "article", JSONLDTypes: []string{"WebPage", "BlogPosting"}}, body)
	if !strings.Contains(postReason, "og:article") || strings.Contains(postReason, "og:article-page") {
		t.Errorf("post: reason %q, want og:article", postReason)
	}
}
