package extract

import (
	"strings"
	"testing"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

func TestCleanAuthorsRoles(t *testing.T) {
	cases := []struct{ in, want string }{
		// Prefix words end at a space: names starting like them survive.
		{"Parisa Ostovari", "Parisa Ostovari"},
		{"Paramita (Guha) Ghosh", "Paramita (Guha) Ghosh"},
		{"Authored by: Dr. Ehsan Jazini", "Dr. Ehsan Jazini"},
		{"Recipe by PJ Hamel", "PJ Hamel"},
		{"View all posts by Craig Randall", "Craig Randall"},
		// A job title ends the list; what follows is the employer.
		{"By Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project", "Daniel Kahn Gillmor"},
		{"By Paul Frew, Home and Digital Security Expert", "Paul Frew"},
		{"Genevieve Carlton, Ph.D.", "Genevieve Carlton, Ph.D."},
		{"Written By: Cazzy Magennis Last Updated: August 1, 2025", "Cazzy Magennis"},
		{"By MixmasterFred in Woodworking", "MixmasterFred"},
		{"IndustrySelect on Tuesday", "IndustrySelect"},
		{"Martin Untersinger (avec Damien Leloup et Morgane Tual)", "Martin Untersinger (avec Damien Leloup et Morgane Tual)"},
		{"$25", ""},
		// A single letter beside "&" is part of one name.
		{"Mac & i", "Mac & i"},
		{"Jane Doe & John Roe", "Jane Doe|John Roe"},
	}
	for _, c := range cases {
		if got := strings.Join(cleanAuthors(c.in, ""), "|"); got != c.want {
			t.Errorf("cleanAuthors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVisibleAuthors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Rachel MacDonald Writer", "Rachel MacDonald"},
		{"Ben Silverman Games Editor", "Ben Silverman"},
		{"Mateusz HabernyFounder at Oakywood", "Mateusz Haberny"},
		{"by following the tips below and remaining vigilant", ""},
		{"By the end of this tutorial", ""},
		{"Sergio Martínez-Beltrán", "Sergio Martínez-Beltrán"},
		{"Marna van der Merwe", "Marna van der Merwe"},
	}
	for _, c := range cases {
		if got := strings.Join(visibleAuthors(c.in, ""), "|"); got != c.want {
			t.Errorf("visibleAuthors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWeakCredits(t *testing.T) {
	for _, c := range []struct {
		name, site, host string
		weak             bool
	}{
		{"Paycom", "Paycom.com", "", true},
		{"Automateed Team", "Automateed", "", true},
		{"The Commercial Appeal", "Memphis Commercial Appeal", "", true},
		{"andrew.keaveney", "", "", true},
		{"CC7567", "", "", true},
		{"Kneib Dentistry PC", "", "", true},
		{"Jane Doe", "The Daily Harbour", "www.harbour.example", false},
		{"Erin Spain", "", "", false},
	} {
		_, weak := splitWeak([]string{c.name}, c.site, c.host)
		if got := len(weak) == 1; got != c.weak {
			t.Errorf("weak(%q, site %q) = %v, want %v", c.name, c.site, got, c.weak)
		}
	}
}

// TestChooseAuthorsPages runs the whole chain on small pages.
func TestChooseAuthorsPages(t *testing.T) {
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, html, want string }{
		{"site name only: the company is the author",
			`<html><head><title>Ten tips | Swoogo</title><meta property="og:site_name" content="Swoogo">
			<meta name="author" content="Swoogo"></head><body><h1>Ten tips</h1><p>Text.</p></body></html>`,
			"Swoogo"},
		{"visible byline beats a site-name JSON-LD author",
			`<html><head><meta property="og:site_name" content="Corti">
			<script type="application/ld+json">{"@type":"BlogPosting","headline":"Speech","author":{"@type":"Organization","name":"Corti"}}</script>
			</head><body><h1>Speech</h1><div class="post-byline">By Joakim Edin</div><p>Text.</p></body></html>`,
			"Joakim Edin"},
		{"handle in JSON-LD waits for the visible byline",
			`<html><head><script type="application/ld+json">{"@type":"Article","headline":"Cats","author":"andrew.keaveney"}</script>
			</head><body><h1>Cats</h1><div class="author-info"><span class="author_name">Denise Everheart</span> is a writer.</div></body></html>`,
			"Denise Everheart"},
		{"name element inside a byline box, not its role",
			`<html><body><h1>Gardening</h1><div class="author-box"><h4 class="author-box__name">Liz Kenny</h4>
			<p>Former McKinsey Consultant</p></div><p>Text.</p></body></html>`,
			"Liz Kenny"},
		{"a lone category word in a byline box is not a name",
			`<html><body><h1>Budget</h1><div class="byline card__top-byline"><span class="byline__tag">Lifestyle</span>
			<span class="byline__date">March 12, 2025</span></div><p>Text.</p></body></html>`,
			""},
		{"university account is no author",
			`<html><head><meta property="og:site_name" content="Michigan Technological University">
			<script type="application/ld+json">{"@type":"WebPage","author":"Michigan Technological University"}</script></head>
			<body><h1>Admissions</h1><p>Text.</p></body></html>`,
			""},
	}
	for _, c := range cases {
		doc, err := htmldoc.Parse([]byte(c.html), "text/html", nil)
		if err != nil {
			t.Fatal(err)
		}
		md := ex.metadata(doc)
		if got := strings.Join(md.Authors, "|"); got != c.want {
			t.Errorf("%s: authors = %q (from %s), want %q", c.name, got, md.authorsFrom, c.want)
		}
	}
}

func TestPlaceholderAndWidgetCredits(t *testing.T) {
	for name, want := range map[string]bool{
		"Discuz! Team":           true,
		"admin":                  true,
		"page.head.extra.author": true,
		"GURUS - Drupal":         false,
		"Jane Doe":               false,
	} {
		if got := placeholderAuthor(name); got != want {
			t.Errorf("placeholderAuthor(%q) = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string]bool{"中国新闻网 文章 总阅读": false, "中国新闻网": false, "黄宇": true} {
		if got := looksLikeName(name); got != want {
			t.Errorf("looksLikeName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestDublinCoreBeforeAuthorMeta(t *testing.T) {
	ex, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := `<html><head><meta name="author" content="Site CMS Account"/>
	<meta name="DC.creator" content="Dublin Core name author"/>
	<meta property="dc:creator twitter:site_name" content="Dublin Core property author"/></head>
	<body><h1>Title</h1><p>Text.</p></body></html>`
	doc, err := htmldoc.Parse([]byte(page), "text/html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ex.metadata(doc).Authors, "|"); got != "Dublin Core property author" {
		t.Errorf("authors = %q, want the dc:creator property", got)
	}
}

func TestWrittenByAnywhere(t *testing.T) {
	cases := []struct {
		lines []string
		want  string
	}{
		{[]string{"Solar guide", "Lots of text here.", "Written by Emily Walker"}, "Emily Walker"},
		{[]string{"Written by: Elise Nass"}, "Elise Nass"},
		// A bio sentence or a long line is not the credit.
		{[]string{"Written by the team at Acme after years of research into what customers want"}, ""},
		{[]string{"By clicking accept you agree"}, ""},
	}
	for _, c := range cases {
		if got := strings.Join(writtenByAnywhere(c.lines, ""), "|"); got != c.want {
			t.Errorf("writtenByAnywhere(%q) = %q, want %q", c.lines, got, c.want)
		}
	}
}
