package robots

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// MaxBytes is how much of a robots.txt body is read; the rest is dropped
// (RFC 9309 section 2.5 sets the floor at 500 kibibytes).
const MaxBytes = 512 << 10

// Robots is one parsed robots.txt file. It is immutable and safe for
// concurrent use.
type Robots struct {
	groups   []group
	sitemaps []string
}

// group is the set of user agents a run of User-agent lines names, and the
// lines that follow them.
type group struct {
	agents     []string // lower-case product tokens; "*" for the catch-all
	rules      []rawRule
	crawlDelay time.Duration
	hasDelay   bool
}

type rawRule struct {
	allow   bool
	pattern string
}

// Sitemaps returns the Sitemap: URLs named anywhere in the file, in order.
func (r *Robots) Sitemaps() []string {
	return append([]string(nil), r.sitemaps...)
}

// Parse reads a robots.txt body. It never fails; see the package contract.
func Parse(body []byte) *Robots {
	if len(body) > MaxBytes {
		body = body[:MaxBytes]
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	r := &Robots{}
	var cur *group
	inAgents := false // true while reading consecutive User-agent lines
	for len(body) > 0 {
		var line []byte
		if i := bytes.IndexAny(body, "\r\n"); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, nil
		}
		key, value, ok := splitLine(line)
		if !ok {
			continue
		}
		switch key {
		case "user-agent":
			if !inAgents {
				r.groups = append(r.groups, group{})
				cur = &r.groups[len(r.groups)-1]
				inAgents = true
			}
			if tok := productToken(value); tok != "" {
				cur.agents = append(cur.agents, tok)
			}
		case "allow", "disallow":
			inAgents = false
			if cur == nil || value == "" {
				continue // rules before any group, and empty rules, mean nothing
			}
			cur.rules = append(cur.rules, rawRule{allow: key == "allow", pattern: value})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if secs, err := strconv.ParseFloat(value, 64); err == nil && secs >= 0 && secs < 1e6 {
				cur.crawlDelay = time.Duration(secs * float64(time.Second))
				cur.hasDelay = true
			}
		case "sitemap":
			// Sitemap lines stand outside groups and do not end a run of agents.
			if value != "" {
				r.sitemaps = append(r.sitemaps, value)
			}
		default:
			// Unknown lines are skipped without ending a run of user-agent
			// lines, as Google's parser does.
		}
	}
	return r
}

// keyAliases folds the spellings Google's parser accepts onto the RFC keys.
var keyAliases = map[string]string{
	"user-agent": "user-agent", "useragent": "user-agent", "user agent": "user-agent",
	"allow":    "allow",
	"disallow": "disallow", "dissallow": "disallow", "dissalow": "disallow", "disalow": "disallow",
	"diasllow": "disallow", "disallaw": "disallow",
	"crawl-delay": "crawl-delay", "crawldelay": "crawl-delay",
	"sitemap": "sitemap", "site-map": "sitemap",
}

// splitLine splits "Key: value # comment" into a folded key and a trimmed value.
func splitLine(line []byte) (key, value string, ok bool) {
	if i := bytes.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	s := strings.TrimSpace(string(line))
	if s == "" {
		return "", "", false
	}
	i := strings.IndexByte(s, ':')
	if i < 0 {
		// Google accepts "Key value" when the separator is whitespace.
		i = strings.IndexAny(s, " \t")
		if i < 0 {
			return "", "", false
		}
	}
	k, found := keyAliases[strings.ToLower(strings.TrimSpace(s[:i]))]
	if !found {
		return "?", "", true
	}
	return k, strings.TrimSpace(s[i+1:]), true
}

// productToken keeps the leading [A-Za-z_-] run of a User-agent value,
// lower-cased; "*" stays "*".
func productToken(v string) string {
	if strings.HasPrefix(v, "*") {
		return "*"
	}
	end := 0
	for end < len(v) {
		c := v[end]
		if c == '-' || c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z') {
			end++
			continue
		}
		break
	}
	return strings.ToLower(v[:end])
}

// ForAgent compiles the rules that apply to the crawler whose product token
// is product (case-insensitive, e.g. "gleaner").
func (r *Robots) ForAgent(product string) *Rules {
	product = strings.ToLower(productToken(product))
	var specific, global []*group
	for i := range r.groups {
		g := &r.groups[i]
		isSpecific, isGlobal := false, false
		for _, a := range g.agents {
			isSpecific = isSpecific || (a == product && product != "")
			isGlobal = isGlobal || a == "*"
		}
		switch {
		case isSpecific:
			specific = append(specific, g)
		case isGlobal:
			global = append(global, g)
		}
	}
	chosen := specific
	if len(chosen) == 0 {
		chosen = global
	}
	var raw []rawRule
	rules := &Rules{}
	for _, g := range chosen {
		raw = append(raw, g.rules...)
		if g.hasDelay && (!rules.hasDelay || g.crawlDelay > rules.crawlDelay) {
			rules.crawlDelay, rules.hasDelay = g.crawlDelay, true
		}
	}
	rules.compile(raw)
	return rules
}
