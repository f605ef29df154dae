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
		compact := strings.NewReplacer(" ", "", ".", "", "-", "").Replace(p)
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
// page's <h1>; without agreement it prefers og:title, then the JSON-LD
// headline, then the <title> tag, all stripped of the site name.
func chooseTitle(og, ld, tag string, h1, h2 []string, siteName, host string) (string, string) {
	cands := []struct{ from, v string }{{"og", og}, {"jsonld", ld}, {"title", tag}}
	for _, h := range append(append([]string{}, h1...), h2...) {
		if sameSite(h, siteName, host) || utf8.RuneCountInString(h) < 4 {
			continue
		}
		nh := normTitle(h)
		for _, c := range cands {
			if c.v == "" {
				continue
			}
			if normTitle(c.v) == nh || normTitle(stripSiteName(c.v, siteName, host)) == nh {
				return h, "h1=" + c.from
			}
			for _, p := range splitTitle(c.v) {
				if normTitle(p) == nh {
					return h, "h1~" + c.from
				}
			}
			// The heading is the candidate minus a site part on one side.
			if nc := normTitle(c.v); titleWords(h) >= 2 && (strings.HasSuffix(nc, nh) || strings.HasPrefix(nc, nh)) {
				if rest := strings.Trim(strings.Replace(nc, nh, "", 1), " |-–—:_»/·•"); rest != "" && len(rest) < len(nc) {
					return h, "heading~" + c.from
				}
			}
		}
	}
	// A single real <h1> is the title the reader sees, even when the
	// metadata words it differently.
	var real []string
	for _, h := range h1 {
		if !sameSite(h, siteName, host) && titleWords(h) >= 2 && utf8.RuneCountInString(h) <= 300 {
			real = append(real, h)
		}
	}
	if len(real) == 1 {
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
