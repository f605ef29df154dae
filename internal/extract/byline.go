package extract

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// Leading words that introduce a byline rather than belong to a name.
	reBylinePrefix = regexp.MustCompile(`(?i)^\s*(?:(?:written|posted|published|reported|story|words|text|photos?)\s+)?(?:by|von|par|por|door|di|av|af|autor(?:in)?|author|authors|auteur|作者|记者|撰文|文)\s*[:：/]?\s*`)
	// Where a byline stops being names: dates, "Updated", separators.
	reBylineStop = regexp.MustCompile(`(?i)\s*(?:\||•|·|—|–|\bon\s+(?:\w+\s+)?\d|\bpublished\b|\bupdated\b|\bposted\b|\blast\s+modified\b|\d{1,2}:\d{2}|\d{4}[-/年.]\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmin(?:ute)?s?\s+read\b|\bfollow\b|\bshare\b).*$`)
	reSplitNames = regexp.MustCompile(`\s*(?:,|、|，|;|；|&|\band\b|\bund\b|\bet\b|\by\b| 和 |\bwith\b)\s*`)
	// Job titles that follow a name ("Jane Doe, Staff Writer").
	reRole = regexp.MustCompile(`(?i)^(?:the\s+)?(?:senior\s+|chief\s+|staff\s+|special\s+|contributing\s+|associate\s+|managing\s+|executive\s+|deputy\s+)*(?:staff|writer|reporter|editor|correspondent|contributor|columnist|journalist|producer|photographer|analyst|news\s+desk|desk|team|intern|guest\s+author|guest|author|administrator)s?$`)
	// Professional credentials that stay attached to a name.
	reCredential = regexp.MustCompile(`^(?:[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|RDN?|MBA|CPA|MSc|BSc|LD|CDN|CSSD|FAND)$`)
)

// cleanAuthors turns one raw byline into names: prefixes ("By"), roles,
// dates, emails and URLs removed; split on commas, "and", 、 and similar.
// siteName, when known, is rejected as an author.
func cleanAuthors(raw, siteName string) []string {
	s := collapseSpace(html.UnescapeString(raw)) // metas are often escaped twice
	if s == "" || len(s) > 400 {
		return nil
	}
	s = reBylinePrefix.ReplaceAllString(s, "")
	s = reBylineStop.ReplaceAllString(s, "")
	var out []string
	for _, part := range reSplitNames.Split(s, -1) {
		part = strings.Trim(part, " .:：-–—|/()[]【】\"'“”")
		part = reBylinePrefix.ReplaceAllString(part, "")
		if part == "" {
			continue
		}
		if reCredential.MatchString(part) && len(out) > 0 {
			out[len(out)-1] += ", " + part
			continue
		}
		if reRole.MatchString(part) {
			continue
		}
		if !plausibleName(part, siteName) {
			continue
		}
		out = append(out, part)
	}
	return dedupe(out)
}

// plausibleName rejects values that are not a person's (or a desk's) name:
// URLs, emails, long phrases, the site's own name.
func plausibleName(s, siteName string) bool {
	if strings.ContainsAny(s, "@=<>{}\"■□●◆★") || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n < 2 && !isHanString(s) || n > 60 {
		return false
	}
	if siteName != "" && strings.EqualFold(s, siteName) {
		return false
	}
	if isHanString(s) {
		return n <= 12
	}
	words := strings.Fields(s)
	if len(words) > 5 {
		return false
	}
	digits := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits > 0 && len(words) > 1 {
		return false
	}
	switch strings.ToLower(s) {
	case "staff", "unknown", "anonymous", "null", "undefined", "guest", "share", "facebook", "twitter",
		"email", "print", "comments", "comment", "more", "follow", "view all posts", "posts":
		return false
	}
	return true
}

// isHanString reports whether s is mostly Han characters.
func isHanString(s string) bool {
	han, other := 0, 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		} else if !unicode.IsSpace(r) {
			other++
		}
	}
	return han > 0 && han >= other
}

func dedupe(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		k := strings.ToLower(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}
