package robots

import (
	"sort"
	"strings"
	"time"
)

// Rules are the compiled rules of one user agent. The zero value and nil
// allow everything. Rules are immutable and safe for concurrent use.
type Rules struct {
	// buckets holds the rules by their literal prefix (the pattern up to the
	// first "*" or "$"); lengths lists the distinct prefix lengths, so a URL
	// is looked up once per length instead of once per rule.
	buckets map[string][]rule
	lengths []int
	// grams indexes the wildcard rules that have a literal piece of at least
	// three octets by the rarest trigram of that piece: a URL then only
	// visits rules whose trigram it contains, instead of every "/*..." rule.
	grams      map[string][]gramRule
	disallowed bool // DisallowAll: every path but /robots.txt is refused
	crawlDelay time.Duration
	hasDelay   bool
	count      int
}

// rule is one compiled Allow or Disallow line.
type rule struct {
	allow    bool
	priority int      // pattern length in octets: longer wins
	segments []string // literal pieces after each "*"; nil for a plain prefix
	anchored bool     // pattern ended in "$"
	mask     uint64   // octets the segments need (bit = octet % 64), a cheap pre-filter
}

// gramRule is a wildcard rule filed under a trigram, with its literal prefix.
type gramRule struct {
	prefix string
	rule
}

// AllowAll returns rules that allow everything (robots.txt absent or 4xx).
func AllowAll() *Rules { return &Rules{} }

// DisallowAll returns rules that refuse everything but /robots.txt
// (robots.txt unreachable: 5xx, 429, network errors).
func DisallowAll() *Rules { return &Rules{disallowed: true} }

// CrawlDelay returns the group's Crawl-delay and whether it had one. The
// value is as written; callers cap it.
func (r *Rules) CrawlDelay() (time.Duration, bool) {
	if r == nil {
		return 0, false
	}
	return r.crawlDelay, r.hasDelay
}

// Len returns the number of distinct compiled rules.
func (r *Rules) Len() int {
	if r == nil {
		return 0
	}
	return r.count
}

// DisallowsAll reports whether these are the DisallowAll rules.
func (r *Rules) DisallowsAll() bool { return r != nil && r.disallowed }

func (r *Rules) compile(raw []rawRule) {
	r.buckets = make(map[string][]rule)
	seen := make(map[rawRule]bool, len(raw))
	lengths := make(map[int]bool)
	for _, rr := range raw {
		p := normalisePattern(rr.pattern)
		if p == "" {
			continue
		}
		key := rawRule{allow: rr.allow, pattern: p}
		if seen[key] {
			continue
		}
		seen[key] = true
		r.add(rr.allow, p, lengths)
		// Google treats an allowed ".../index.html" as allowing its directory.
		if rr.allow {
			for _, suffix := range []string{"/index.html", "/index.htm"} {
				if dir, ok := strings.CutSuffix(p, suffix); ok && !strings.ContainsAny(dir, "*$") {
					r.add(true, dir+"/$", lengths)
				}
			}
		}
	}
	r.indexTrigrams()
	clear(lengths)
	for prefix := range r.buckets {
		lengths[len(prefix)] = true
	}
	for n := range lengths {
		r.lengths = append(r.lengths, n)
	}
	sort.Ints(r.lengths)
	for k, rs := range r.buckets {
		// Highest priority first, Allow before Disallow on a tie: the first
		// rule of a bucket that matches is that bucket's answer.
		sort.SliceStable(rs, func(i, j int) bool {
			if rs[i].priority != rs[j].priority {
				return rs[i].priority > rs[j].priority
			}
			return rs[i].allow && !rs[j].allow
		})
		r.buckets[k] = rs
	}
}

func (r *Rules) add(allow bool, p string, lengths map[int]bool) {
	prio := len(p)
	body := p
	anchored := false
	if strings.HasSuffix(body, "$") {
		body, anchored = body[:len(body)-1], true
	}
	// A "$" before the end is a literal character in Google's parser and in
	// the RFC grammar it cannot appear; treat it literally.
	prefix, rest, hasStar := strings.Cut(body, "*")
	ru := rule{allow: allow, priority: prio, anchored: anchored}
	if hasStar {
		// Empty pieces from runs of "*" mean nothing; one empty piece is kept
		// so the rule stays a wildcard rule.
		ru.segments = compactSegments(strings.Split(rest, "*"))
		for _, seg := range ru.segments {
			for i := 0; i < len(seg); i++ {
				ru.mask |= 1 << (seg[i] % 64)
			}
		}
	}
	if _, ok := r.buckets[prefix]; !ok {
		lengths[len(prefix)] = true
	}
	r.buckets[prefix] = append(r.buckets[prefix], ru)
	r.count++
}

// indexTrigrams moves wildcard rules with a piece of three or more octets
// from the prefix buckets to the trigram index.
func (r *Rules) indexTrigrams() {
	freq := make(map[string]int)
	for _, rs := range r.buckets {
		for i := range rs {
			for _, seg := range rs[i].segments {
				for j := 0; j+3 <= len(seg); j++ {
					freq[seg[j:j+3]]++
				}
			}
		}
	}
	if len(freq) == 0 {
		return
	}
	r.grams = make(map[string][]gramRule)
	for prefix, rs := range r.buckets {
		kept := rs[:0]
		for _, ru := range rs {
			gram := ""
			for _, seg := range ru.segments {
				for j := 0; j+3 <= len(seg); j++ {
					if g := seg[j : j+3]; gram == "" || freq[g] < freq[gram] {
						gram = g
					}
				}
			}
			if gram == "" {
				kept = append(kept, ru)
				continue
			}
			r.grams[gram] = append(r.grams[gram], gramRule{prefix: prefix, rule: ru})
		}
		if len(kept) == 0 {
			delete(r.buckets, prefix)
		} else {
			r.buckets[prefix] = kept
		}
	}
}

func compactSegments(segs []string) []string {
	out := segs[:0]
	for _, s := range segs {
		if s != "" {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// Allowed reports whether a URL path may be fetched. pathQuery is the part
// of the URL after the authority without the fragment, percent-encoded as
// sent ("/a/b?x=1"); "" means "/".
func (r *Rules) Allowed(pathQuery string) bool {
	if pathQuery == "" {
		pathQuery = "/"
	}
	if pathQuery == "/robots.txt" {
		return true
	}
	if r == nil {
		return true
	}
	if r.disallowed {
		return false
	}
	if len(r.buckets) == 0 && len(r.grams) == 0 {
		return true
	}
	path := normalisePath(pathQuery)
	var pathMask uint64
	maskReady := false
	best, bestAllow := -1, true
	for _, n := range r.lengths {
		if n > len(path) {
			break
		}
		rs, ok := r.buckets[path[:n]]
		if !ok {
			continue
		}
		rest := path[n:]
		for i := range rs {
			ru := &rs[i]
			if ru.priority < best || (ru.priority == best && (bestAllow || !ru.allow)) {
				break // nothing later in this bucket can beat the current answer
			}
			if ru.segments != nil && !maskReady {
				pathMask, maskReady = octetMask(path), true
			}
			if ru.matches(rest, pathMask) {
				best, bestAllow = ru.priority, ru.allow
				break
			}
		}
	}
	if len(r.grams) > 0 {
		if !maskReady {
			pathMask = octetMask(path)
		}
		var seen map[string]bool
		for j := 0; j+3 <= len(path); j++ {
			g := path[j : j+3]
			rs, ok := r.grams[g]
			if !ok {
				continue
			}
			if seen == nil {
				seen = make(map[string]bool)
			}
			if seen[g] {
				continue
			}
			seen[g] = true
			for i := range rs {
				ru := &rs[i]
				if ru.priority < best || (ru.priority == best && (bestAllow || !ru.allow)) {
					continue
				}
				if strings.HasPrefix(path, ru.prefix) && ru.matches(path[len(ru.prefix):], pathMask) {
					best, bestAllow = ru.priority, ru.allow
				}
			}
		}
	}
	return bestAllow
}

func octetMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		m |= 1 << (s[i] % 64)
	}
	return m
}

// matches checks the part of the pattern after its literal prefix against
// rest, the part of the path after that prefix. Wildcard pieces are found
// leftmost-first, which is optimal for patterns whose only operator is "*":
// no backtracking is ever needed.
func (ru *rule) matches(rest string, pathMask uint64) bool {
	if ru.segments == nil {
		return !ru.anchored || rest == ""
	}
	if ru.mask&^pathMask != 0 {
		return false
	}
	last := len(ru.segments) - 1
	for i, seg := range ru.segments {
		if i == last && ru.anchored {
			return strings.HasSuffix(rest, seg)
		}
		j := strings.Index(rest, seg)
		if j < 0 {
			return false
		}
		rest = rest[j+len(seg):]
	}
	return true
}

const upperHex = "0123456789ABCDEF"

// normalisePattern percent-encodes octets outside ASCII and upper-cases
// existing escapes, so "/ツ" and "/%e3%83%84" both match "/%E3%83%84". A
// pattern must start with "/" or "*"; others get a leading "/" as Google does.
func normalisePattern(p string) string {
	if p == "" {
		return ""
	}
	if p[0] != '/' && p[0] != '*' {
		p = "/" + p
	}
	return normaliseEscapes(p)
}

func normalisePath(p string) string {
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p = p[:i]
	}
	return normaliseEscapes(p)
}

func normaliseEscapes(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || (s[i] == '%' && i+2 < len(s) && (isLowerHex(s[i+1]) || isLowerHex(s[i+2]))) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			b.WriteByte('%')
			b.WriteByte(upperHex[c>>4])
			b.WriteByte(upperHex[c&15])
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte('%')
			b.WriteByte(toUpper(s[i+1]))
			b.WriteByte(toUpper(s[i+2]))
			i += 2
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool      { return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'f') }
func isLowerHex(c byte) bool { return c >= 'a' && c <= 'f' }
func toUpper(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 0x20
	}
	return c
}
