package extract

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// dateEvidence is what the published/modified choice reads: the page walk,
// its JSON-LD, the lines around the title and the labelled dates the text
// scanners found there.
type dateEvidence struct {
	doc    *htmldoc.Document
	page   *page
	ld     *ldArticle
	window []string
	// labelled dates from the Chinese (发布时间：…) and English
	// ("Published …", "Updated …") line scanners.
	zh, en         inline
	pubSel, modSel cascadia.Selector
}

// chosenDates is the outcome: the dates and where Published came from.
type chosenDates struct {
	published, publishedFrom, modified string
}

// chooseDates runs the date precedence chain (see doc.go) and then the
// corrections that make the result the date the page itself shows.
func (e *Extractor) chooseDates(dp dateParser, ev dateEvidence) chosenDates {
	var out chosenDates
	p := ev.page
	tryDate := func(dst *string, from *string, name string, raws ...string) {
		if *dst != "" {
			return
		}
		for _, r := range raws {
			if d := dp.parse(r); d != "" {
				*dst = d
				if from != nil {
					*from = name
				}
				return
			}
		}
	}
	pub, from := &out.published, &out.publishedFrom
	if ev.pubSel != nil {
		tryDate(pub, from, "selector", e.selectDates(ev.doc.Root, ev.pubSel)...)
	}
	tryDate(pub, from, "jsonld", ev.ld.published)
	for _, k := range metaPublishedKeys {
		tryDate(pub, from, "meta:"+k, p.meta[k]...)
	}
	for _, n := range p.itemprop["datepublished"] {
		tryDate(pub, from, "itemprop", itempropValue(n))
	}
	for _, n := range p.times {
		if _, ok := attrOK(n, "pubdate"); ok {
			tryDate(pub, from, "time-pubdate", attr(n, "datetime"), nodeText(n))
		}
	}
	tryDate(pub, from, "text:zh", ev.zh.published)
	tryDate(pub, from, "text:en", ev.en.published)
	for _, n := range p.times {
		tryDate(pub, from, "time", attr(n, "datetime"), nodeText(n))
	}
	for _, n := range p.bylines {
		tryDate(pub, from, "byline-element", collapseSpace(nodeText(n)))
	}
	if *pub == "" {
		if d := dp.nearTitleDate(ev.window); d != "" {
			*pub, *from = d, "text:near-title"
		}
	}
	// A date alone is upgraded by a later source giving the same day with
	// its time: the page's own time is more precise than, say, the URL.
	if len(*pub) == len("2006-01-02") {
		for _, c := range append([]string{ev.zh.published, ev.en.published}, ev.window...) {
			if d := dp.parse(c); len(d) > len(*pub) && strings.HasPrefix(d, *pub) {
				*pub = d
				break
			}
		}
	}
	if *pub == "" {
		var path string
		if ev.doc.URL != nil {
			path = ev.doc.URL.Path
		}
		if d := dp.dateFromURL(path); d != "" {
			*pub, *from = d, "url"
		}
	} else if isUTC(*pub) {
		// A UTC timestamp is an instant; the page's own date is the local
		// one its "Published"/发表时间 line shows, when that is the same
		// instant.
		for _, shown := range []string{ev.zh.published, ev.en.published} {
			if d := dp.localDate(*pub, shown); d != "" {
				*pub = d
				break
			}
		}
	}

	mod := &out.modified
	if ev.modSel != nil {
		tryDate(mod, nil, "", e.selectDates(ev.doc.Root, ev.modSel)...)
	}
	tryDate(mod, nil, "", ev.ld.modified)
	for _, k := range metaModifiedKeys {
		tryDate(mod, nil, "", p.meta[k]...)
	}
	for _, n := range p.itemprop["datemodified"] {
		tryDate(mod, nil, "", itempropValue(n))
	}
	tryDate(mod, nil, "", ev.zh.modified, ev.en.modified)
	return out
}
