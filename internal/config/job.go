package config

import (
	"runtime/debug"
	"time"
)

// Defaults, also stated on the fields they fill.
const (
	DefaultMaxDepth            = 5
	DefaultOutputDir           = "output"
	DefaultContactURL          = "https://github.com/gleaner-news/gleaner"
	DefaultDelay               = Duration(1e9) // 1s
	DefaultParallelism         = 1
	DefaultMaxRetries          = 2
	DefaultTimeout             = Duration(30e9) // 30s
	DefaultBreakerFailures     = 5
	DefaultBreakerCooldown     = Duration(120e9) // 2m
	DefaultMaxPagesPerHost     = 5000
	DefaultMaxBodyBytes        = Size(8 << 20)
	DefaultMaxPathDepth        = 20
	DefaultMaxRepeatedSegments = 2
	DefaultMaxURLLength        = 2083
	DefaultMaxOutlinks         = 1000
)

// Job is one crawl: what to fetch, how, and where records go. Load and Parse
// return it with defaults applied and validated. The zero value is not
// usable until [Job.ApplyDefaults] and [Job.Validate] have run.
type Job struct {
	// Name identifies the job in logs, state and output paths. Default: the
	// file's base name without .yaml/.yml. Letters, digits, '.', '_' and '-'
	// only, not starting with '.'.
	Name string `yaml:"name"`
	// StartURLs are the seeds. Required; each an absolute http(s) URL.
	StartURLs []string `yaml:"start_urls"`
	// AllowedDomains limits the crawl to these hosts; a domain also allows
	// its subdomains ("example.com" allows "news.example.com"). Default: the
	// hosts of StartURLs.
	AllowedDomains []string `yaml:"allowed_domains"`
	// MaxDepth is how many links away from a start URL the crawl goes.
	// Default 5; 0 fetches the start URLs only.
	MaxDepth int `yaml:"max_depth"`
	// Include, when not empty, admits only URLs matching one of the patterns
	// (start URLs are always fetched). Default: none (all URLs).
	Include []Regexp `yaml:"include"`
	// Exclude drops URLs matching any pattern; it wins over Include. Default: none.
	Exclude []Regexp `yaml:"exclude"`
	// ArticlePatterns: URLs matching one are articles, decided before any
	// page heuristics. Default: none (heuristics decide).
	ArticlePatterns []Regexp `yaml:"article_patterns"`
	// ListPatterns: URLs matching one are list pages, followed for links but
	// never written as records. Default: none.
	ListPatterns []Regexp `yaml:"list_patterns"`
	// Sources says where URLs come from. Default: links, sitemaps and feeds all on.
	Sources Sources `yaml:"sources"`
	// Since skips sitemap and feed entries dated older than this ("7d",
	// "36h"). Default 0: no window.
	Since Duration `yaml:"since"`
	// Recheck re-fetches articles already stored (with a conditional GET) to
	// catch changes. Default false: known articles are skipped.
	Recheck bool `yaml:"recheck"`
	// Politeness is how the crawl treats the sites it visits.
	Politeness Politeness `yaml:"politeness"`
	// Limits bound the crawl against traps and huge pages.
	Limits Limits `yaml:"limits"`
	// OutputDir is where records go, in <OutputDir>/<Name>/. Default "output".
	OutputDir string `yaml:"output_dir"`
	// TimeZone reads dates that name no zone. Default UTC.
	TimeZone Location `yaml:"time_zone"`
	// Selectors are per-site CSS selectors that take precedence over
	// extraction heuristics. Default: none. Checked by the extract package.
	Selectors Selectors `yaml:"selectors"`
	// AllowHosts are hosts (names or IP addresses) that may be fetched
	// although they resolve to private or loopback addresses: local tests
	// and intranet portals. Default: none; private addresses are refused.
	AllowHosts []string `yaml:"allow_hosts"`
	// Schedule is when `gleaner serve` runs the job: a five-field cron
	// expression ("*/30 * * * *") or a descriptor ("@hourly", "@every 15m").
	// Default "": run only when asked.
	Schedule string `yaml:"schedule"`

	// file and lines remember where each key was, so Validate can report
	// lines after fields were changed in code. lines doubles as "the file
	// named this key", which keeps explicit zeros from being defaulted.
	file  string
	lines map[string]int
}

// Sources chooses the ways URLs are discovered.
type Sources struct {
	// Links follows links found in pages. Default true.
	Links bool `yaml:"links"`
	// Sitemaps reads sitemaps named by robots.txt and /sitemap.xml. Default true.
	Sitemaps bool `yaml:"sitemaps"`
	// Feeds reads RSS/Atom feeds linked from pages. Default true.
	Feeds bool `yaml:"feeds"`
}

// Politeness is how a job treats the sites it crawls.
type Politeness struct {
	// UserAgent is sent with every request. Default
	// "gleaner/<version> (+<ContactURL>)"; a job may replace the whole string.
	UserAgent string `yaml:"user_agent"`
	// ContactURL is where site owners learn about the crawler; it goes into
	// the default UserAgent. Default https://github.com/gleaner-news/gleaner.
	ContactURL string `yaml:"contact_url"`
	// Delay is the least time between two requests to one host. Default 1s.
	Delay Duration `yaml:"delay"`
	// Parallelism is how many requests run at once to one host. Default 1; at least 1.
	Parallelism int `yaml:"parallelism"`
	// Hosts overrides Delay and Parallelism for single hosts (an image or
	// API host that allows more, a fragile one that wants less). Default none.
	Hosts []HostPoliteness `yaml:"hosts"`
	// ObeyRobots follows robots.txt. Default true (nil means true).
	ObeyRobots *bool `yaml:"obey_robots"`
	// MaxRetries is how many times a failed fetch (network error, 429, 5xx)
	// is retried. Default 2; at most 10.
	MaxRetries int `yaml:"max_retries"`
	// Timeout bounds one whole request. Default 30s.
	Timeout Duration `yaml:"timeout"`
	// BreakerFailures is how many failed fetches in a row (after retries)
	// open a host's circuit breaker: its pages then wait for a later run
	// rather than hammer a host that is down. Default 5; 1 to 100.
	BreakerFailures int `yaml:"breaker_failures"`
	// BreakerCooldown is how long an open breaker holds a host back before
	// one probe is let through. Default 2m.
	BreakerCooldown Duration `yaml:"breaker_cooldown"`
}

// Robots reports whether robots.txt is obeyed (ObeyRobots, default true).
func (p Politeness) Robots() bool { return p.ObeyRobots == nil || *p.ObeyRobots }

// Limits bound a crawl.
type Limits struct {
	// MaxPagesPerHost caps pages fetched from one host per run. Default 5000.
	MaxPagesPerHost int `yaml:"max_pages_per_host"`
	// MaxBodyBytes caps a response body after decompression. Default 8MiB.
	MaxBodyBytes Size `yaml:"max_body_bytes"`
	// MaxPathDepth drops URLs with more path segments. Default 20.
	MaxPathDepth int `yaml:"max_path_depth"`
	// MaxRepeatedSegments drops URLs repeating one path segment more often
	// (/a/b/a/b/a/). Default 2.
	MaxRepeatedSegments int `yaml:"max_repeated_segments"`
	// MaxURLLength drops longer URLs. Default 2083.
	MaxURLLength int `yaml:"max_url_length"`
	// MaxOutlinks caps links taken from one page. Default 1000.
	MaxOutlinks int `yaml:"max_outlinks"`
	// MaxPages caps pages fetched per run over all hosts. Default 0: unlimited.
	MaxPages int `yaml:"max_pages"`
}

// Selectors are CSS selectors for one site's templates. Empty means "use
// the heuristics".
type Selectors struct {
	// Title selects the element whose text is the headline.
	Title string `yaml:"title"`
	// Authors selects the elements whose texts are the authors' names.
	Authors string `yaml:"authors"`
	// Published selects the element holding the publication date.
	Published string `yaml:"published"`
	// Modified selects the element holding the last-modified date.
	Modified string `yaml:"modified"`
	// Body selects the article body; when it matches, its matches are the
	// body instead of the generic choice.
	Body string `yaml:"body"`
	// Drop removes matching elements from the body before extraction
	// (share bars, "related" boxes).
	Drop []string `yaml:"drop"`
}

// HostPoliteness is one host's override of the job's politeness.
type HostPoliteness struct {
	// Host is the host name the override applies to (exactly; not its subdomains).
	Host string `yaml:"host"`
	// Delay replaces politeness.delay for the host; 0 keeps the job's.
	Delay Duration `yaml:"delay"`
	// Parallelism replaces politeness.parallelism for the host; 0 keeps the job's.
	Parallelism int `yaml:"parallelism"`
}

// UserAgent returns gleaner's default User-Agent for a version and contact URL.
func UserAgent(version, contactURL string) string {
	return "gleaner/" + version + " (+" + contactURL + ")"
}

// Version is the module version embedded by the Go toolchain, or "dev" for
// builds without one.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return info.Main.Version
}

// named reports whether the job file set the key at path.
func (j *Job) named(path string) bool {
	_, ok := j.lines[path]
	return ok
}

// ApplyDefaults fills every field the file did not name and that holds its
// zero value with the default stated on the field. Keys named in the file
// keep their value even when zero. On a Job built in code, zero means unset:
// set MaxDepth = 0 or a Sources flag to false after ApplyDefaults.
func (j *Job) ApplyDefaults() {
	if j.Name == "" && j.file != "" {
		j.Name = nameFromFile(j.file)
	}
	if j.MaxDepth == 0 && !j.named("max_depth") {
		j.MaxDepth = DefaultMaxDepth
	}
	if len(j.AllowedDomains) == 0 && !j.named("allowed_domains") {
		j.AllowedDomains = hostsOf(j.StartURLs)
	}
	s := &j.Sources
	if !s.Links && !j.named("sources.links") {
		s.Links = true
	}
	if !s.Sitemaps && !j.named("sources.sitemaps") {
		s.Sitemaps = true
	}
	if !s.Feeds && !j.named("sources.feeds") {
		s.Feeds = true
	}
	if j.OutputDir == "" {
		j.OutputDir = DefaultOutputDir
	}
	p := &j.Politeness
	if p.ContactURL == "" {
		p.ContactURL = DefaultContactURL
	}
	if p.UserAgent == "" {
		p.UserAgent = UserAgent(Version(), p.ContactURL)
	}
	if p.Delay == 0 && !j.named("politeness.delay") {
		p.Delay = DefaultDelay
	}
	if p.Parallelism == 0 && !j.named("politeness.parallelism") {
		p.Parallelism = DefaultParallelism
	}
	if p.ObeyRobots == nil {
		obey := true
		p.ObeyRobots = &obey
	}
	if p.MaxRetries == 0 && !j.named("politeness.max_retries") {
		p.MaxRetries = DefaultMaxRetries
	}
	if p.Timeout == 0 && !j.named("politeness.timeout") {
		p.Timeout = DefaultTimeout
	}
	defaultInt(&p.BreakerFailures, DefaultBreakerFailures, j.named("politeness.breaker_failures"))
	if p.BreakerCooldown == 0 && !j.named("politeness.breaker_cooldown") {
		p.BreakerCooldown = DefaultBreakerCooldown
	}
	l := &j.Limits
	defaultInt(&l.MaxPagesPerHost, DefaultMaxPagesPerHost, j.named("limits.max_pages_per_host"))
	if l.MaxBodyBytes == 0 && !j.named("limits.max_body_bytes") {
		l.MaxBodyBytes = DefaultMaxBodyBytes
	}
	defaultInt(&l.MaxPathDepth, DefaultMaxPathDepth, j.named("limits.max_path_depth"))
	defaultInt(&l.MaxRepeatedSegments, DefaultMaxRepeatedSegments, j.named("limits.max_repeated_segments"))
	defaultInt(&l.MaxURLLength, DefaultMaxURLLength, j.named("limits.max_url_length"))
	defaultInt(&l.MaxOutlinks, DefaultMaxOutlinks, j.named("limits.max_outlinks"))
	if j.TimeZone.Location == nil {
		j.TimeZone.Location = time.UTC
	}
}

func defaultInt(v *int, def int, named bool) {
	if *v == 0 && !named {
		*v = def
	}
}
