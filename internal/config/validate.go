package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// cronParser accepts what `gleaner serve` runs: five-field expressions and
// descriptors (@daily, @every 15m).
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ScheduleParser returns the parser that reads [Job.Schedule]: five cron
// fields (minute to day of week) or a descriptor ("@hourly", "@every 15m").
// Validate accepts exactly what it parses, so a scheduler built with it can
// run every job that loaded. The value is a copy; it is safe for concurrent
// use.
func ScheduleParser() cron.Parser { return cronParser }

var (
	validName = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*$`)
	// validHost accepts DNS names (letters, digits, hyphens, dots, and
	// underscores seen on real intranets) and IPv4 literals.
	validHost = regexp.MustCompile(`^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$`)
)

// Validate checks the job as it is now and returns [Errors] listing every
// problem, or nil. It can be re-run after fields were changed in code;
// problems in fields that came from the file keep the file's line.
func (j *Job) Validate() error {
	v := validator{j: j}
	if j.Name == "" {
		v.fail("name", "required (or load the job from a file, whose name is the default)")
	} else if !validName.MatchString(j.Name) || len(j.Name) > 100 {
		v.fail("name", "%q must be 1-100 letters, digits, '.', '_' or '-', not starting with '.'", j.Name)
	}
	if len(j.StartURLs) == 0 {
		v.fail("start_urls", "required: at least one absolute http(s) URL")
	}
	for i, u := range j.StartURLs {
		v.checkURL(fmt.Sprintf("start_urls[%d]", i), u)
	}
	for i, d := range j.AllowedDomains {
		v.checkHost(fmt.Sprintf("allowed_domains[%d]", i), d)
	}
	if j.MaxDepth < 0 {
		v.fail("max_depth", "must be 0 or more, got %d", j.MaxDepth)
	}
	for name, list := range map[string][]Regexp{"include": j.Include, "exclude": j.Exclude,
		"article_patterns": j.ArticlePatterns, "list_patterns": j.ListPatterns} {
		for i, re := range list {
			if re.Regexp == nil {
				v.fail(fmt.Sprintf("%s[%d]", name, i), "empty pattern")
			}
		}
	}
	if j.Since < 0 {
		v.fail("since", "must not be negative")
	}
	v.checkPoliteness()
	v.checkLimits()
	if strings.TrimSpace(j.OutputDir) == "" {
		v.fail("output_dir", "must not be empty")
	}
	for i, d := range j.Selectors.Drop {
		if strings.TrimSpace(d) == "" {
			v.fail(fmt.Sprintf("selectors.drop[%d]", i), "empty selector")
		}
	}
	for i, h := range j.AllowHosts {
		v.checkHost(fmt.Sprintf("allow_hosts[%d]", i), h)
	}
	if j.Schedule != "" {
		if _, err := cronParser.Parse(j.Schedule); err != nil {
			v.fail("schedule", "invalid schedule %q: %v (examples: \"*/30 * * * *\", \"@hourly\", \"@every 15m\")", j.Schedule, err)
		}
	}
	sortErrors(v.errs)
	return v.errs.asError()
}

func (v *validator) checkPoliteness() {
	p := v.j.Politeness
	if strings.ContainsAny(p.UserAgent, "\r\n\x00") {
		v.fail("politeness.user_agent", "must be one line")
	}
	if p.ContactURL != "" {
		v.checkURL("politeness.contact_url", p.ContactURL)
	}
	if p.Delay < 0 {
		v.fail("politeness.delay", "must not be negative")
	}
	for i, h := range p.Hosts {
		field := fmt.Sprintf("politeness.hosts[%d]", i)
		if h.Host == "" {
			v.fail(field+".host", "required: the host name the override applies to")
		} else {
			v.checkHost(field+".host", h.Host)
		}
		if h.Delay < 0 {
			v.fail(field+".delay", "must not be negative")
		}
		if h.Parallelism < 0 || h.Parallelism > 64 {
			v.fail(field+".parallelism", "must be between 0 (the job's) and 64, got %d", h.Parallelism)
		}
	}
	if p.Parallelism < 1 {
		v.fail("politeness.parallelism", "must be at least 1, got %d", p.Parallelism)
	}
	if p.MaxRetries < 0 || p.MaxRetries > 10 {
		v.fail("politeness.max_retries", "must be between 0 and 10, got %d", p.MaxRetries)
	}
	if p.Timeout <= 0 {
		v.fail("politeness.timeout", "must be more than 0")
	}
	if p.BreakerFailures < 1 || p.BreakerFailures > 100 {
		v.fail("politeness.breaker_failures", "must be between 1 and 100, got %d", p.BreakerFailures)
	}
	if p.BreakerCooldown < Duration(time.Second) {
		v.fail("politeness.breaker_cooldown", "must be at least 1s")
	}
}

func (v *validator) checkLimits() {
	l := v.j.Limits
	positive := []struct {
		field string
		value int
	}{
		{"limits.max_pages_per_host", l.MaxPagesPerHost},
		{"limits.max_path_depth", l.MaxPathDepth},
		{"limits.max_repeated_segments", l.MaxRepeatedSegments},
		{"limits.max_url_length", l.MaxURLLength},
		{"limits.max_outlinks", l.MaxOutlinks},
	}
	for _, f := range positive {
		if f.value < 1 {
			v.fail(f.field, "must be at least 1, got %d", f.value)
		}
	}
	if l.MaxPages < 0 {
		v.fail("limits.max_pages", "must be 0 (unlimited) or more, got %d", l.MaxPages)
	}
	if l.MaxBodyBytes < 1024 {
		v.fail("limits.max_body_bytes", "must be at least 1KiB, got %s", l.MaxBodyBytes)
	}
}

// validator collects problems found by Validate, placing each on the line
// its key had in the file.
type validator struct {
	j    *Job
	errs Errors
}

func (v *validator) fail(field, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.j.file, Line: v.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

// line finds field's line, or its nearest ancestor's: "start_urls[2]" set
// in code falls back to "start_urls"; a missing key falls back to 0.
func (v *validator) line(field string) int {
	for field != "" {
		if l, ok := v.j.lines[field]; ok {
			return l
		}
		if i := strings.LastIndexAny(field, ".["); i >= 0 {
			field = field[:i]
		} else {
			break
		}
	}
	return 0
}

func (v *validator) checkURL(field, raw string) {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil:
		v.fail(field, "invalid URL %q", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		v.fail(field, "URL %q must be absolute, starting with http:// or https://", raw)
	case u.Host == "" || u.Hostname() == "":
		v.fail(field, "URL %q has no host", raw)
	case u.User != nil:
		v.fail(field, "URL %q must not carry credentials", raw)
	}
}

func (v *validator) checkHost(field, host string) {
	h := strings.ToLower(strings.TrimSpace(host))
	if strings.HasPrefix(h, "[") && strings.HasSuffix(h, "]") {
		h = h[1 : len(h)-1]
	}
	if net.ParseIP(h) != nil {
		return
	}
	if !validHost.MatchString(h) {
		v.fail(field, "%q is not a host name (write \"example.com\", without scheme, port or path)", host)
	}
}

// hostsOf returns the distinct lower-case host names of urls, skipping
// those that do not parse (Validate reports them).
func hostsOf(urls []string) []string {
	var hosts []string
	seen := map[string]bool{}
	for _, raw := range urls {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || u.Hostname() == "" {
			continue
		}
		h := strings.ToLower(u.Hostname())
		if !seen[h] {
			seen[h] = true
			hosts = append(hosts, h)
		}
	}
	return hosts
}
