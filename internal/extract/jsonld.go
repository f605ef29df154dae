package extract

import (
	"encoding/json"
	"strconv"
	"strings"
)

// ldArticle is what the metadata chain reads from a page's JSON-LD: the best
// article-like object's fields plus every @type seen (for the page decision).
type ldArticle struct {
	types       []string
	typ         string // type of the chosen object
	headline    string
	authors     []string
	published   string
	modified    string
	description string
	keywords    []string
	section     string
	image       string
	url         string
	publisher   string
	lang        string
	siteName    string // from a WebSite object
}

// parseJSONLD reads the page's ld+json blocks. Malformed blocks are skipped
// after one repair attempt: sites often leave raw newlines in strings.
func parseJSONLD(blocks []string) *ldArticle {
	ld := &ldArticle{}
	var objs []map[string]any
	for _, b := range blocks {
		v, ok := decodeLD(b)
		if !ok {
			continue
		}
		collectLD(v, &objs, 0)
	}
	if len(objs) == 0 {
		return ld
	}
	byID := map[string]map[string]any{}
	for _, o := range objs {
		if id, _ := o["@id"].(string); id != "" {
			if _, seen := byID[id]; !seen {
				byID[id] = o
			}
		}
	}
	var best map[string]any
	bestRank := 0
	for _, o := range objs {
		for _, t := range ldTypes(o) {
			ld.types = append(ld.types, t)
			r := ldTypeRank(t)
			if r > bestRank {
				best, bestRank, ld.typ = o, r, t
			}
			if t == "WebSite" && ld.siteName == "" {
				ld.siteName = ldString(o["name"])
			}
		}
	}
	if best == nil {
		return ld
	}
	ld.headline = ldString(best["headline"])
	if ld.headline == "" && bestRank >= 3 {
		ld.headline = ldString(best["name"])
	}
	ld.authors = ldNames(best["author"], byID)
	if len(ld.authors) == 0 {
		ld.authors = ldNames(best["creator"], byID)
	}
	ld.published = ldString(best["datePublished"])
	if ld.published == "" {
		ld.published = ldString(best["dateCreated"])
	}
	ld.modified = ldString(best["dateModified"])
	ld.description = ldString(best["description"])
	ld.keywords = ldList(best["keywords"])
	ld.section = ldString(best["articleSection"])
	ld.image = ldURL(best["image"])
	if ld.image == "" {
		ld.image = ldURL(best["thumbnailUrl"])
	}
	ld.url = ldURL(best["url"])
	if ld.url == "" {
		ld.url = ldURL(best["mainEntityOfPage"])
	}
	if pubs := ldNames(best["publisher"], byID); len(pubs) > 0 {
		ld.publisher = pubs[0]
	}
	ld.lang = ldString(best["inLanguage"])
	return ld
}

func decodeLD(s string) (any, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	// CDATA wrappers, commented out for scripts ("//<![CDATA[") or bare.
	s = strings.TrimPrefix(strings.TrimSpace(s), "//")
	s = strings.TrimPrefix(s, "<![CDATA[")
	s = strings.TrimSuffix(strings.TrimSpace(s), "]]>")
	s = strings.TrimSuffix(strings.TrimSpace(s), "//")
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return v, true
	}
	// Raw control characters inside strings are the common breakage.
	repaired := strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
	if err := json.Unmarshal([]byte(repaired), &v); err == nil {
		return v, true
	}
	return nil, false
}

// collectLD flattens arrays, @graph and mainEntity into a list of objects.
func collectLD(v any, out *[]map[string]any, depth int) {
	if depth > 6 || len(*out) > 200 {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectLD(e, out, depth+1)
		}
	case map[string]any:
		*out = append(*out, x)
		if g, ok := x["@graph"]; ok {
			collectLD(g, out, depth+1)
		}
		for _, k := range []string{"mainEntity", "mainEntityOfPage", "hasPart", "itemListElement"} {
			if me, ok := x[k].(map[string]any); ok && len(ldTypes(me)) > 0 {
				collectLD(me, out, depth+1)
			}
		}
	}
}

func ldTypes(o map[string]any) []string {
	var ts []string
	switch t := o["@type"].(type) {
	case string:
		ts = append(ts, t)
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				ts = append(ts, s)
			}
		}
	}
	for i, t := range ts {
		// "http://schema.org/NewsArticle" → "NewsArticle"
		if j := strings.LastIndexAny(t, "/#:"); j >= 0 {
			ts[i] = t[j+1:]
		}
	}
	return ts
}

// ldTypeRank orders the types that can describe the page's main content.
func ldTypeRank(t string) int {
	switch {
	case strings.HasSuffix(t, "Article"), strings.HasSuffix(t, "Posting"), t == "Report", t == "Review":
		return 4
	case t == "Recipe", t == "VideoObject", t == "CreativeWork", t == "HowTo", t == "QAPage", t == "Question":
		return 3
	case strings.HasSuffix(t, "WebPage"), t == "ItemPage", t == "ProfilePage":
		return 2
	}
	return 0
}

func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldString(x["@value"]); s != "" {
			return s
		}
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

func ldList(v any) []string {
	switch x := v.(type) {
	case string:
		var out []string
		for _, p := range strings.Split(x, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldList(e)...)
		}
		return out
	}
	return nil
}

func ldURL(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := ldURL(e); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range []string{"url", "contentUrl", "@id"} {
			if s, ok := x[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// ldNames reads person or organisation names from a string, an object
// (name, or a reference by @id into the graph) or an array of those.
func ldNames(v any, byID map[string]map[string]any) []string {
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, ldNames(e, byID)...)
		}
		return out
	case map[string]any:
		name := ldString(x["name"])
		if name == "" {
			given, family := ldString(x["givenName"]), ldString(x["familyName"])
			name = strings.TrimSpace(given + " " + family)
		}
		if name == "" {
			if id, _ := x["@id"].(string); id != "" {
				if ref, ok := byID[id]; ok && len(ref) > 1 {
					if _, has := ref["@id"]; has && !sameMap(ref, x) {
						return ldNames(ref, nil)
					}
				}
			}
		}
		if name != "" {
			return []string{name}
		}
	}
	return nil
}

func sameMap(a, b map[string]any) bool {
	return len(a) == len(b) && a["@id"] == b["@id"] && a["name"] == b["name"]
}
