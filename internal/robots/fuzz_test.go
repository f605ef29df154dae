package robots

import (
	"strings"
	"testing"
)

// referenceAllowed is the obvious matcher for plain prefix rules: the
// longest matching pattern wins, Allow on a tie.
func referenceAllowed(rules []rawRule, path string) bool {
	best, allow := -1, true
	for _, r := range rules {
		if r.pattern == "" || !strings.HasPrefix(path, r.pattern) {
			continue
		}
		if len(r.pattern) > best || (len(r.pattern) == best && r.allow) {
			best, allow = len(r.pattern), r.allow
		}
	}
	return allow
}

// plain reports whether s needs no normalisation and has no operators.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x21 || c >= 0x7f || c == '*' || c == '$' || c == '%' || c == '#' {
			return false
		}
	}
	return true
}

func FuzzRobots(f *testing.F) {
	f.Add("user-agent: *\ndisallow: /a\nallow: /a/b\n", "/a/b/c")
	f.Add("User-agent: gleaner\nDisallow: /*.php$\nAllow: /x\n", "/x.php")
	f.Add("user-agent: *\ndisallow: /\nallow: /$\ncrawl-delay: 3\nsitemap: /s.xml", "/")
	f.Add("user-agent:*\ndisallow:/**a**b*$\n", "/xaxb")
	f.Add("\xef\xbb\xbfuser-agent gleaner\rdisallow /%e3%83\n", "/%E3%83%84")
	f.Fuzz(func(t *testing.T, body, path string) {
		parsed := Parse([]byte(body))
		rules := parsed.ForAgent("gleaner")
		got := rules.Allowed(path)
		_ = parsed.Sitemaps()
		_, _ = rules.CrawlDelay()

		// Prefix-only files must agree with the reference matcher.
		var raw []rawRule
		for _, g := range parsed.groups {
			for _, r := range g.rules {
				if !plain(r.pattern) || r.pattern[0] != '/' {
					return
				}
			}
		}
		if !plain(path) || !strings.HasPrefix(path, "/") || path == "/robots.txt" {
			return
		}
		// Rebuild the rules of the chosen group(s) the simple way.
		for _, g := range chosenGroups(parsed, "gleaner") {
			raw = append(raw, g.rules...)
		}
		for _, r := range raw {
			if strings.HasSuffix(r.pattern, "/index.html") || strings.HasSuffix(r.pattern, "/index.htm") {
				return // Google's directory extension is not in the reference
			}
		}
		if want := referenceAllowed(raw, path); got != want {
			t.Fatalf("Allowed(%q) = %v, reference says %v; rules %+v", path, got, want, raw)
		}
	})
}

// chosenGroups repeats the group choice in the plainest way.
func chosenGroups(r *Robots, agent string) []group {
	var specific, global []group
	for _, g := range r.groups {
		has := func(a string) bool {
			for _, x := range g.agents {
				if x == a {
					return true
				}
			}
			return false
		}
		if has(agent) {
			specific = append(specific, g)
		} else if has("*") {
			global = append(global, g)
		}
	}
	if len(specific) > 0 {
		return specific
	}
	return global
}
