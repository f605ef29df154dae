package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// titleSeps separate a title from a site name; spaced ones are safe in any
// language, the bare ones only next to Han text ("标题_网站名").
var (
	spacedSeps = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " « ", " / ", " · ", " • ", " ~ ", "｜", " ｜ "}
	bareSeps   = []string{"_", "|", "-", "—", "–", "｜"}
)

// splitTitle splits a title at site-name separators, keeping order.
func splitTitle(t string) []string {
	parts := []string{t}
	seps := spacedSeps
	if isHanString(t) {
		seps = append(append([]string{}, spacedSeps...), bareSeps...)
	}
	for _, sep := range seps {
		var next []string
		for _, p := range parts {
			for _, q := range strings.Split(p, sep) {
				if q = strings.TrimSpace(q); q != "" {
					next = append(next, q)
				}
			}
		}
		parts = next
	}
	return parts
}

// normTitle is the comparison form: NFKC, case-folded, spaces collapsed,
// trailing punctuation dropped.
func normTitle(s string) string {
	s = strings.ToLower(collapseSpace(norm.NFKC.String(s)))
	return strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

// hostCompactor strips what a host label leaves out of a site name
// ("Example News" ~ "examplenews").
var hostCompactor = strings.NewReplacer(" ", "", ".", "", "-", "")

// sameSite reports whether part names the site: equal to the site name,
// or to the host's main label ("example" for news.example.com).
func sameSite(part, siteName, host string) bool {
	p := normTitle(part)
	if p == "" {
		return false
	}
	if siteName != "" {
		s := normTitle(siteName)
		if p == s || strings.Contains(s, p) && utf8.RuneCountInString(p) >= 3 || strings.Contains(p, s) && utf8.RuneCountInString(s) >= 4 && utf8.RuneCountInString(p) <= utf8.RuneCountInString(s)+12 {
			return true
		}
	}
	if host != "" {
		compact := hostCompactor.Replace(p)
		for _, label := range strings.Split(strings.ToLower(host), ".") {
			if len(label) >= 3 && label != "www" && label != "com" && label != "news" && (compact == label || compact == strings.ReplaceAll(label, "-", "")) {
				return true
			}
		}
		if strings.Contains(p, ".") && strings.HasSuffix(strings.ToLower(host), strings.TrimPrefix(p, "www.")) {
			return true
		}
	}
	return false
}

// stripSiteName removes site-name prefixes and suffixes from a title. A
// part is removed when it names the site; failing that, a last part is
// removed when what remains is still a real title (readability's rule),
// so titles that legitimately contain a separator keep it.
func stripSiteName(t, siteName, host string) string {
	t = collapseSpace(t)
	parts := splitTitle(t)
	if len(parts) < 2 {
		// "Site: Title" prefix.
		if i := strings.Index(t, ": "); i > 0 && sameSite(t[:i], siteName, host) {
			return strings.TrimSpace(t[i+2:])
		}
		return t
	}
	var kept []string
	for _, p := range parts {
		if !sameSite(p, siteName, host) {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return t
	}
	if len(kept) < len(parts) {
		return rejoin(t, kept)
	}
	// No part is known to be the site. When the site's name is known, the
	// separator belongs to the title; otherwise drop the last part when the
	// rest has substance, as readability does.
	if siteName != "" {
		return t
	}
	rest := rejoin(t, parts[:len(parts)-1])
	if titleWords(rest) >= 3 && titleWords(parts[len(parts)-1]) <= 6 {
		return rest
	}
	return t
}

// rejoin returns the span of t from the first to the last kept part, so a
// separator inside the title stays as the page wrote it.
func rejoin(t string, kept []string) string {
	if len(kept) == 0 {
		return t
	}
	start := strings.Index(t, kept[0])
	last := kept[len(kept)-1]
	end := strings.LastIndex(t, last)
	if start < 0 || end < 0 || end+len(last) <= start {
		return kept[0]
	}
	return strings.TrimSpace(t[start : end+len(last)])
}

// titleWords counts words, counting each Han character as half a word.
func titleWords(s string) int {
	han := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return len(strings.Fields(s)) + han/2
}

// chooseTitle picks among the candidates the one that agrees with the
// page's visible headline; without agreement a single real <h1> wins, then
// og:title, the JSON-LD headline and the <title> tag, all stripped of the
// site name. A trailing subtitle is dropped from the result.
func chooseTitle(og, ld, tag string, h1, h2 []string, siteName, host string) (string, string) {
	t, from := agreedTitle(og, ld, tag, h1, h2, siteName, host)
	return stripSubtitle(t), from
}

// realHeadings keeps the headings that can be a title: not the site's name,
// not template placeholders, not too short, each text once.
func realHeadings(hs []string, siteName, host string) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range hs {
		k := normTitle(h)
		if seen[k] || sameSite(h, siteName, host) || utf8.RuneCountInString(h) < 4 ||
			strings.Contains(h, "{{") || utf8.RuneCountInString(h) > 300 {
			continue
		}
		seen[k] = true
		out = append(out, h)
	}
	return out
}

func agreedTitle(og, ld, tag string, h1, h2 []string, siteName, host string) (string, string) {
	// A site name that is the whole title is a template mistake; it would
	// strip everything.
	for _, c := range []string{og, ld, tag} {
		if c != "" && normTitle(c) == normTitle(siteName) {
			siteName = ""
		}
	}
	cands := []struct{ from, v string }{{"og", og}, {"jsonld", ld}, {"title", tag}}
	heads := realHeadings(h1, siteName, host)
	if len(heads) == 0 {
		// The <h1> is the logo or absent: second-level headings stand in.
		heads = realHeadings(h2, siteName, host)
	}
	if t, from := headingAgreement(heads, cands, siteName, host, false); t != "" {
		return t, from
	}
	// A second-level heading that is exactly the metadata title beats an
	// <h1> the metadata does not know (a blog's name); a partial match
	// does not, since sections often repeat part of the title.
	if len(realHeadings(h1, siteName, host)) > 0 {
		if t, from := headingAgreement(realHeadings(h2, siteName, host), cands, siteName, host, true); t != "" {
			return t, "h2" + from[2:]
		}
	}
	// A single real <h1> is the title the reader sees, even when the
	// metadata words it differently.
	var real []string
	for _, h := range realHeadings(h1, siteName, host) {
		if titleWords(h) >= 2 && !namesSite(h, cands) {
			real = append(real, h)
		}
	}
	if len(real) == 1 && len(h1) <= 3 {
		return real[0], "h1"
	}
	for _, c := range cands {
		if c.v != "" {
			if t := stripSiteName(c.v, siteName, host); t != "" {
				return t, c.from
			}
		}
	}
	if len(h1) > 0 {
		return h1[0], "h1"
	}
	return "", ""
}

// headingAgreement returns the first heading that a candidate confirms:
// equal to it, to it without the site name, or (unless exactOnly) to one
// of its parts or a prefix or suffix cut at a separator.
func headingAgreement(heads []string, cands []struct{ from, v string }, siteName, host string, exactOnly bool) (string, string) {
	for _, h := range heads {
		nh := normTitle(h)
		th := typoFold(nh)
		for _, c := range cands {
			if c.v == "" {
				continue
			}
			stripped := stripSiteName(c.v, siteName, host)
			for _, v := range []string{c.v, stripped} {
				if normTitle(v) == nh {
					if styledHeading(h, v) {
						return v, "h1~typo:" + c.from
					}
					return h, "h1=" + c.from
				}
				// The same words typeset differently: the metadata holds
				// the text as written, the heading as styled (curly
				// quotes, CSS capitals).
				if typoFold(normTitle(v)) == th && styledHeading(h, v) {
					return v, "h1~typo:" + c.from
				}
			}
			if exactOnly {
				continue
			}
			parts := splitTitle(c.v)
			for i, p := range parts {
				others := append(append([]string{}, parts[:i]...), parts[i+1:]...)
				if normTitle(p) == nh && !otherAgrees(others, cands, c.from) {
					return h, "h1~" + c.from
				}
				if typoFold(normTitle(p)) == th && styledHeading(h, p) && !otherAgrees(others, cands, c.from) {
					return p, "h1~typo:" + c.from
				}
			}
			// The heading is the candidate minus a site part on one side.
			if nc := normTitle(c.v); titleWords(h) >= 2 && len(nc) > len(nh) {
				switch {
				case strings.HasPrefix(nc, nh) && startsWithSep(nc[len(nh):]) &&
					!otherAgrees([]string{nc[len(nh):]}, cands, c.from):
					return h, "h1<" + c.from
				case strings.HasSuffix(nc, nh) && endsWithSep(nc[:len(nc)-len(nh)]) &&
					!otherAgrees([]string{nc[:len(nc)-len(nh)]}, cands, c.from):
					return h, "h1>" + c.from
				}
			}
		}
	}
	return "", ""
}

// namesSite reports whether heading h is the part of a candidate that is
// left over when the rest is the title another candidate gives: a blog's
// or site's name the page shows as its <h1>.
func namesSite(h string, cands []struct{ from, v string }) bool {
	nh := normTitle(h)
	for _, c := range cands {
		nc := normTitle(c.v)
		if c.v == "" || len(nc) <= len(nh) {
			continue
		}
		if strings.HasPrefix(nc, nh) && otherAgrees([]string{nc[len(nh):]}, cands, c.from) ||
			strings.HasSuffix(nc, nh) && otherAgrees([]string{nc[:len(nc)-len(nh)]}, cands, c.from) {
			return true
		}
	}
	return false
}

// otherAgrees reports whether the rest of a candidate around a matched
// part is what another candidate says the title is: then the matched part
// is the site or blog name ("Blog | Post" where og:title is "Post").
func otherAgrees(before []string, cands []struct{ from, v string }, except string) bool {
	b := normTitle(strings.Trim(strings.Join(before, " "), " |-–—:_»/·•"))
	if b == "" {
		return false
	}
	for _, c := range cands {
		if c.from != except && c.v != "" && normTitle(c.v) == b {
			return true
		}
	}
	return false
}

func startsWithSep(rest string) bool {
	r := strings.TrimLeft(rest, " ")
	return len(r) < len(rest) && r != "" && strings.ContainsAny(r[:1], "|-:/·•»~[(") ||
		strings.HasPrefix(r, "–") || strings.HasPrefix(r, "—") || strings.HasPrefix(rest, ": ") ||
		strings.HasPrefix(r, "｜") || strings.HasPrefix(rest, "_")
}

func endsWithSep(rest string) bool {
	r := strings.TrimRight(rest, " ")
	return len(r) < len(rest) && r != "" && strings.ContainsAny(r[len(r)-1:], "|-:/·•»~") ||
		strings.HasSuffix(r, "–") || strings.HasSuffix(r, "—") || strings.HasSuffix(r, "｜") || strings.HasSuffix(rest, "_")
}

// typoFold maps typographic variants to one form: curly quotes to straight
// ones, case folded (normTitle already lower-cases).
var typoFolder = strings.NewReplacer("‘", "'", "’", "'", "‚", "'", "′", "'", "`", "'", "´", "'",
	"“", `"`, "”", `"`, "„", `"`, "″", `"`, "«", `"`, "»", `"`)

func typoFold(s string) string { return typoFolder.Replace(s) }

// styledHeading reports whether heading h differs from the metadata text
// v only by styling: curly for straight quotes, or capitals a style sheet
// would apply (all capitals, or a lower-case first letter).
func styledHeading(h, v string) bool {
	if h == v {
		return false
	}
	if typoFold(h) != h && typoFold(v) == v && typoFold(h) == v {
		return true
	}
	if strings.EqualFold(h, v) || typoFold(strings.ToLower(h)) == typoFold(strings.ToLower(v)) {
		upper, lower := 0, 0
		for _, r := range h {
			switch {
			case unicode.IsUpper(r):
				upper++
			case unicode.IsLower(r):
				lower++
			}
		}
		first, _ := utf8.DecodeRuneInString(h)
		return lower == 0 && upper > 1 || unicode.IsLower(first)
	}
	return false
}

// stripSubtitle drops a short trailing part after a spaced pipe or dash
// ("Best Movers in NYC | Top 19 Companies", "Gym Workouts — Strength
// Training"): a section name, site or tagline rather than the headline. A
// long subtitle, one continuing the sentence in lower case ("— and why")
// or a list after a dash stays.
func stripSubtitle(t string) string {
	for {
		i, sep := lastSpacedSep(t)
		if i < 0 {
			return t
		}
		head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
		first, _ := utf8.DecodeRuneInString(tail)
		if titleWords(head) < 3 || titleWords(tail) > 5 || unicode.IsLower(first) || isHanString(t) {
			return t
		}
		// After a dash, a list ("Small, Fast, Expensive") or an
		// exclamation is the headline's own subtitle.
		if sep != " | " && (titleWords(tail) > 4 || strings.ContainsAny(tail, ",!")) {
			return t
		}
		t = head
	}
}

func lastSpacedSep(t string) (int, string) {
	best, bestSep := -1, ""
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if i := strings.LastIndex(t, sep); i > best {
			best, bestSep = i, sep
		}
	}
	return best, bestSep
}

// dublinCoreTitle returns the page's Dublin Core title, stripped of the
// site name, when it was written on its own: a catalogue name for the
// document that outranks a heading worded differently. SEO plugins copy
// the Open Graph title into dc.title; such a copy adds nothing and gives
// "".
func dublinCoreTitle(p *page, og, siteName, host string) string {
	dc := collapseSpace(p.first("dc:title", "dcterm:title", "dcterms:title", "dc.title", "dcterms.title"))
	if dc == "" {
		return ""
	}
	for _, other := range []string{p.first("og:title", "twitter:title"), p.titleTag} {
		if other != "" && normTitle(other) == normTitle(dc) {
			return ""
		}
	}
	return stripSiteName(dc, siteName, host)
}
