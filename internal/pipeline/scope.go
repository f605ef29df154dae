package pipeline

import (
	"net/url"
	"strings"
	"sync"

	"github.com/gleaner-news/gleaner/internal/config"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/state"
)

// scope is a job's rules about which URLs belong to the crawl and what they
// are: allowed domains, include/exclude patterns, trap limits, and the URL
// patterns that mark articles and list pages.
type scope struct {
	job     *config.Job
	domains []string
}

func newScope(job *config.Job) (*scope, error) {
	domains := append([]string{}, job.AllowedDomains...)
	for i, d := range domains {
		domains[i] = strings.ToLower(strings.TrimPrefix(d, "."))
	}
	return &scope{job: job, domains: domains}, nil
}

// allowedDomain reports whether host is one of the job's domains or a subdomain of one.
func (s *scope) allowedDomain(host string) bool {
	host = strings.ToLower(host)
	if h, _, ok := strings.Cut(host, ":"); ok && !strings.Contains(host, "]") {
		host = h
	}
	for _, d := range s.domains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// reject returns why u (canonical, absolute) must not be crawled, or "".
// The reasons are the run summary's skip keys.
func (s *scope) reject(u *url.URL, raw string) string {
	lim := s.job.Limits
	switch {
	case !s.allowedDomain(u.Host):
		return "offsite"
	case lim.MaxURLLength > 0 && len(raw) > lim.MaxURLLength:
		return "trap:url_length"
	case lim.MaxPathDepth > 0 && pathDepth(u.Path) > lim.MaxPathDepth:
		return "trap:path_depth"
	case lim.MaxRepeatedSegments > 0 && maxSegmentRepeats(u.Path) > lim.MaxRepeatedSegments:
		return "trap:repeated_segment"
	}
	if len(s.job.Include) > 0 && !matchAny(s.job.Include, raw) {
		return "not_included"
	}
	if matchAny(s.job.Exclude, raw) {
		return "excluded"
	}
	return ""
}

// kindOf says what the job's URL patterns make of u: article, list, or fallback.
func (s *scope) kindOf(u string, fallback state.Kind) state.Kind {
	switch {
	case matchAny(s.job.ArticlePatterns, u):
		return state.KindArticle
	case matchAny(s.job.ListPatterns, u):
		return state.KindList
	}
	return fallback
}

// isArticle decides whether a fetched page is written: the job's patterns
// first, then the extractor's judgement.
func (s *scope) isArticle(u string, res *extract.Result) bool {
	switch s.kindOf(u, "") {
	case state.KindArticle:
		return true
	case state.KindList:
		return false
	}
	return res.IsArticle
}

func matchAny(patterns []config.Regexp, s string) bool {
	for _, p := range patterns {
		if p.MatchString(s) {
			return true
		}
	}
	return false
}

func pathDepth(p string) int {
	n := 0
	for _, seg := range strings.Split(p, "/") {
		if seg != "" {
			n++
		}
	}
	return n
}

// maxSegmentRepeats counts the most times one path segment occurs, the
// signature of relative-link loops such as /a/b/a/b/a/b/.
func maxSegmentRepeats(p string) int {
	counts := map[string]int{}
	most := 0
	for _, seg := range strings.Split(p, "/") {
		if seg == "" {
			continue
		}
		counts[seg]++
		most = max(most, counts[seg])
	}
	return most
}

// hostBudget enforces a run's page limits: per host and in all.
type hostBudget struct {
	mu      sync.Mutex
	perHost int // 0: no limit
	total   int // 0: no limit
	all     int
	seen    map[string]int
}

// take counts one fetch for raw's host. It returns "" when the budget allows
// the fetch, else the skip reason.
func (b *hostBudget) take(raw string) string {
	host := hostOf(raw)
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.total > 0 && b.all >= b.total:
		return "run_budget"
	case b.perHost > 0 && b.seen[host] >= b.perHost:
		return "host_budget"
	}
	b.all++
	b.seen[host]++
	return ""
}
