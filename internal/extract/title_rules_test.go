package extract

import (
	"strings"
	"testing"
)

// summaryPage is an article with the given head elements and two
// paragraphs of body text.
func summaryPage(head string) string {
	return `<!doctype html><html lang="en"><head><title>Harbour seals return to the estuary</title>` + head + `</head>
<body><article><h1>Harbour seals return to the estuary</h1>
<p>Harbour seals have returned to the estuary for the first time in forty years, counters from the wildlife trust said on Monday after a week of surveys.</p>
<p>The animals were seen hauled out on the sandbanks at low tide, where volunteers counted more than sixty adults and a dozen pups along the channel.</p>
</article></body></html>`
}

func TestSummaryChoice(t *testing.T) {
	cases := []struct{ name, head, want string }{
		{"og before plain description, as Readability reads them",
			`<meta name="description" content="Site-wide blurb about the wildlife trust and its many projects.">
<meta property="og:description" content="Seals are back in the estuary after forty years.">`,
			"Seals are back in the estuary after forty years."},
		{"Dublin Core first",
			`<meta property="og:description" content="Seals are back in the estuary after forty years.">
<meta name="DC.description" content="Forty years on, harbour seals breed in the estuary again.">`,
			"Forty years on, harbour seals breed in the estuary again."},
		{"JSON-LD in a bare CDATA section",
			`<meta property="og:description" content="Seals are back in the estuary after forty years.">
<script type="application/ld+json">
  <![CDATA[
  {"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour seals return to the estuary","description":"Volunteers counted sixty seals on the sandbanks."}
  ]]>
</script>`,
			"Volunteers counted sixty seals on the sandbanks."},
		{"references escaped twice are decoded",
			`<meta name="description" content="The seals&amp;#039; return: &amp;quot;a small miracle&amp;quot;, volunteers say.">`,
			`The seals' return: "a small miracle", volunteers say.`},
		{"a literal ampersand stays",
			`<meta name="description" content="Seals &amp; pups: sixty adults counted on the estuary banks.">`,
			"Seals & pups: sixty adults counted on the estuary banks."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := extractHTML(t, summaryPage(c.head))
			if r.Record.Summary != c.want {
				t.Errorf("summary %q, want %q", r.Record.Summary, c.want)
			}
		})
	}
}

func TestSummaryFallsBackToLead(t *testing.T) {
	r := extractHTML(t, summaryPage(""))
	if !strings.HasPrefix(r.Record.Summary, "Harbour seals have returned to the estuary") {
		t.Errorf("summary %q, want the lead paragraph", r.Record.Summary)
	}
}

func TestDublinCoreTitle(t *testing.T) {
	page := func(head string) string {
		return `<!doctype html><html lang="en"><head><title>Title Element</title>` + head + `</head>
<body><article><h1>Test document title</h1>
<p>Harbour seals have returned to the estuary for the first time in forty years, counters from the wildlife trust said on Monday after a week of surveys.</p>
</article></body></html>`
	}
	cases := []struct{ name, head, want string }{
		{"a Dublin Core title of its own outranks the heading",
			`<meta property="x:title dc:title" content="Preferred title"><meta property="og:title" content="A title">`,
			"Preferred title"},
		{"a copy of the Open Graph title does not",
			`<meta name="dc.title" content="Seals back in the estuary"><meta property="og:title" content="Seals back in the estuary">`,
			"Test document title"},
		{"no Dublin Core title: the heading", ``, "Test document title"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := extractHTML(t, page(c.head)).Record.Title; got != c.want {
				t.Errorf("title %q, want %q", got, c.want)
			}
		})
	}
}
