package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// wantErr is one expected problem: line, field and a piece of the message.
type wantErr struct {
	line  int
	field string
	msg   string
}

func TestParseReportsEveryProblemWithLineAndField(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []wantErr
	}{
		{
			name: "misspelt keys with suggestions",
			yaml: "start_urls: [\"https://news.example.com/\"]\n" +
				"max_dept: 3\n" +
				"politeness:\n" +
				"  dealy: 2s\n" +
				"  zzzzzzzz: 1\n",
			want: []wantErr{
				{2, "max_dept", `unknown field (did you mean "max_depth"?)`},
				{4, "politeness.dealy", `unknown field in politeness (did you mean "delay"?)`},
				{5, "politeness.zzzzzzzz", "unknown field in politeness"},
			},
		},
		{
			name: "missing start_urls",
			yaml: "name: empty\nmax_depth: 2\n",
			want: []wantErr{{0, "start_urls", "required"}},
		},
		{
			name: "bad start urls",
			yaml: "start_urls:\n  - https://ok.example.com/\n  - ftp://files.example.com/\n  - /relative/path\n  - \"http://\"\n",
			want: []wantErr{
				{3, "start_urls[1]", "must be absolute"},
				{4, "start_urls[2]", "must be absolute"},
				{5, "start_urls[3]", "has no host"},
			},
		},
		{
			name: "wrong types",
			yaml: "start_urls: https://news.example.com/\n" +
				"max_depth: deep\n" +
				"recheck: sometimes\n" +
				"politeness: fast\n" +
				"include: {a: b}\n" +
				"name: [a, b]\n",
			want: []wantErr{
				{2, "max_depth", `expected a whole number, got "deep"`},
				{3, "recheck", `expected true or false, got "sometimes"`},
				{4, "politeness", `expected a mapping of keys for politeness, got "fast"`},
				{5, "include", "expected a list, got a mapping"},
				{6, "name", "expected a string, got a list"},
			},
		},
		{
			name: "invalid regexps, durations, sizes and zone",
			yaml: "start_urls: [\"https://news.example.com/\"]\n" +
				"include:\n" +
				"  - '/news/'\n" +
				"  - '(unclosed'\n" +
				"since: 7 days\n" +
				"time_zone: Mars/Olympus_Mons\n" +
				"politeness:\n" +
				"  delay: 2\n" +
				"  timeout: -5s\n" +
				"limits:\n" +
				"  max_body_bytes: 8 parsecs\n",
			want: []wantErr{
				{4, "include[1]", "invalid regexp: missing closing )"},
				{5, "since", `unknown unit "days"`},
				{6, "time_zone", `unknown time zone "Mars/Olympus_Mons"`},
				{8, "politeness.delay", "needs a unit"},
				{9, "politeness.timeout", "negative duration"},
				{11, "limits.max_body_bytes", `unknown unit "parsecs"`},
			},
		},
		{
			name: "out of range numbers",
			yaml: "start_urls: [\"https://news.example.com/\"]\n" +
				"max_depth: -1\n" +
				"politeness:\n" +
				"  parallelism: 0\n" +
				"  max_retries: 11\n" +
				"limits:\n" +
				"  max_outlinks: 0\n" +
				"  max_pages: -3\n" +
				"  max_body_bytes: 10\n",
			want: []wantErr{
				{2, "max_depth", "must be 0 or more"},
				{4, "politeness.parallelism", "must be at least 1, got 0"},
				{5, "politeness.max_retries", "between 0 and 10"},
				{7, "limits.max_outlinks", "must be at least 1"},
				{8, "limits.max_pages", "must be 0 (unlimited) or more"},
				{9, "limits.max_body_bytes", "at least 1KiB"},
			},
		},
		{
			name: "circuit breaker",
			yaml: "start_urls: [\"https://news.example.com/\"]\n" +
				"politeness:\n" +
				"  breaker_failures: 0\n" +
				"  breaker_cooldown: 100ms\n",
			want: []wantErr{
				{3, "politeness.breaker_failures", "between 1 and 100, got 0"},
				{4, "politeness.breaker_cooldown", "at least 1s"},
			},
		},
		{
			name: "hosts, schedule, name, contact",
			yaml: "name: ../escape\n" +
				"start_urls: [\"https://news.example.com/\"]\n" +
				"allowed_domains: [\"https://example.com/\"]\n" +
				"allow_hosts: [\"127.0.0.1\", \"intranet.local\", \"bad host\"]\n" +
				"schedule: \"61 * * * *\"\n" +
				"politeness:\n" +
				"  contact_url: mailto:ops@example.com\n",
			want: []wantErr{
				{1, "name", "must be 1-100 letters"},
				{3, "allowed_domains[0]", "is not a host name"},
				{4, "allow_hosts[2]", "is not a host name"},
				{5, "schedule", "invalid schedule"},
				{7, "politeness.contact_url", "must be absolute"},
			},
		},
		{
			name: "duplicate key",
			yaml: "start_urls: [\"https://news.example.com/\"]\nmax_depth: 2\nmax_depth: 3\n",
			want: []wantErr{{3, "max_depth", "duplicate key (first set on line 2)"}},
		},
		{
			name: "syntax error",
			yaml: "start_urls: [\"https://news.example.com/\"\nmax_depth: 2\n",
			want: []wantErr{{0, "", "invalid YAML"}},
		},
		{
			name: "two documents",
			yaml: "start_urls: [\"https://a.example.com/\"]\n---\nstart_urls: [\"https://b.example.com/\"]\n",
			want: []wantErr{{2, "", "more than one YAML document"}},
		},
		{
			name: "top level is a list",
			yaml: "- https://news.example.com/\n",
			want: []wantErr{{1, "", "expected a mapping of keys for the job"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, err := Parse([]byte(tt.yaml), "configs/bad.yaml")
			if err == nil {
				t.Fatalf("Parse succeeded, want %d errors; job %+v", len(tt.want), j)
			}
			if j != nil {
				t.Errorf("Parse returned a job along with errors")
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false for %v", err)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error is %T, want Errors", err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				e := errs[i]
				if e.File != "configs/bad.yaml" {
					t.Errorf("error %d file = %q", i, e.File)
				}
				// The syntax error's line depends on the parser; check only that it has one.
				if tt.name == "syntax error" {
					if e.Line == 0 {
						t.Errorf("syntax error has no line: %v", e)
					}
				} else if e.Line != w.line {
					t.Errorf("error %d line = %d, want %d (%v)", i, e.Line, w.line, e)
				}
				if e.Field != w.field {
					t.Errorf("error %d field = %q, want %q (%v)", i, e.Field, w.field, e)
				}
				if !strings.Contains(e.Msg, w.msg) {
					t.Errorf("error %d msg = %q, want it to contain %q", i, e.Msg, w.msg)
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := Parse([]byte("start_urls: [\"https://news.example.com/\"]\npoliteness:\n  max_dept: 3\n"), "configs/x.yaml")
	want := `configs/x.yaml:3: politeness.max_dept: unknown field in politeness`
	if err == nil || err.Error() != want {
		t.Errorf("error text:\n%v\nwant:\n%s", err, want)
	}
	_, err = Parse([]byte("start_urls: [\"https://news.example.com/\"]\nmax_dept: 3\nmax_pagse: 1\nmax_pages: 2\npoliteness: {max_depth: 1}\n"), "configs/x.yaml")
	want = "configs/x.yaml:2: max_dept: unknown field (did you mean \"max_depth\"?)\n" +
		"configs/x.yaml:3: max_pagse: unknown field\n" +
		"configs/x.yaml:4: max_pages: unknown field (\"max_pages\" belongs under limits)\n" +
		"configs/x.yaml:5: politeness.max_depth: unknown field in politeness (\"max_depth\" belongs at the top level)"
	if err == nil || err.Error() != want {
		t.Errorf("error text:\n%v\nwant:\n%s", err, want)
	}
}

func TestDefaults(t *testing.T) {
	j, err := Parse([]byte("start_urls:\n  - https://News.Example.com/world/\n  - https://news.example.com/tech/\n  - http://blog.example.org:8080/\n"), "jobs/daily-news.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Name", j.Name, "daily-news"},
		{"AllowedDomains", strings.Join(j.AllowedDomains, ","), "news.example.com,blog.example.org"},
		{"MaxDepth", j.MaxDepth, 5},
		{"Sources", j.Sources, Sources{Links: true, Sitemaps: true, Feeds: true}},
		{"Since", j.Since, Duration(0)},
		{"Recheck", j.Recheck, false},
		{"OutputDir", j.OutputDir, "output"},
		{"TimeZone", j.TimeZone.String(), "UTC"},
		{"ContactURL", j.Politeness.ContactURL, "https://github.com/gleaner-news/gleaner"},
		{"UserAgent", j.Politeness.UserAgent, "gleaner/" + Version() + " (+https://github.com/gleaner-news/gleaner)"},
		{"Delay", j.Politeness.Delay.D(), time.Second},
		{"Parallelism", j.Politeness.Parallelism, 1},
		{"ObeyRobots", j.Politeness.Robots(), true},
		{"MaxRetries", j.Politeness.MaxRetries, 2},
		{"Timeout", j.Politeness.Timeout.D(), 30 * time.Second},
		{"BreakerFailures", j.Politeness.BreakerFailures, 5},
		{"BreakerCooldown", j.Politeness.BreakerCooldown.D(), 2 * time.Minute},
		{"MaxPagesPerHost", j.Limits.MaxPagesPerHost, 5000},
		{"MaxBodyBytes", j.Limits.MaxBodyBytes, Size(8 << 20)},
		{"MaxPathDepth", j.Limits.MaxPathDepth, 20},
		{"MaxRepeatedSegments", j.Limits.MaxRepeatedSegments, 2},
		{"MaxURLLength", j.Limits.MaxURLLength, 2083},
		{"MaxOutlinks", j.Limits.MaxOutlinks, 1000},
		{"MaxPages", j.Limits.MaxPages, 0},
		{"Schedule", j.Schedule, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestExplicitZerosAreKept(t *testing.T) {
	yaml := "start_urls: [\"https://news.example.com/\"]\n" +
		"max_depth: 0\n" +
		"sources: {links: false, sitemaps: true, feeds: false}\n" +
		"politeness:\n  delay: 0\n  max_retries: 0\n  obey_robots: false\n" +
		"allowed_domains: []\n"
	j, err := Parse([]byte(yaml), "zero.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if j.MaxDepth != 0 || j.Politeness.Delay != 0 || j.Politeness.MaxRetries != 0 {
		t.Errorf("explicit zeros replaced: depth %d delay %v retries %d", j.MaxDepth, j.Politeness.Delay, j.Politeness.MaxRetries)
	}
	if j.Sources != (Sources{Sitemaps: true}) {
		t.Errorf("Sources = %+v", j.Sources)
	}
	if j.Politeness.Robots() {
		t.Error("obey_robots: false ignored")
	}
	if len(j.AllowedDomains) != 0 {
		t.Errorf("allowed_domains: [] replaced by %v", j.AllowedDomains)
	}
}

func TestFullJob(t *testing.T) {
	yaml := `name: portal
start_urls: ["https://news.example.com/"]
allowed_domains: [example.com]
max_depth: 3
include: ['^https://news\.example\.com/']
exclude: ['/tag/', '\?page=\d{3,}']
article_patterns: ['/\d{8}/\d+\.html$']
list_patterns: ['/index_\d+\.html$']
since: 1w2d
recheck: true
politeness:
  user_agent: "ExampleBot/2.0 (+https://bot.example.com/)"
  delay: 250ms
  parallelism: 4
  max_retries: 3
  timeout: 1m30s
limits:
  max_body_bytes: 512KiB
  max_pages: 200
output_dir: /var/lib/gleaner
time_zone: Asia/Shanghai
selectors:
  title: h1.headline
  body: "#article-body"
  drop: [".share-bar", "aside.related"]
allow_hosts: ["10.1.2.3", "intranet.corp.example"]
schedule: "@every 15m"
`
	j, err := Parse([]byte(yaml), "portal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !j.Include[0].MatchString("https://news.example.com/a") || j.Include[0].MatchString("https://evil.example/news.example.com/") {
		t.Error("include pattern not compiled as written")
	}
	if !j.ArticlePatterns[0].MatchString("https://news.example.com/guonei/20240106/1187.html") {
		t.Error("article pattern does not match a dated article URL")
	}
	if j.Since.D() != 9*24*time.Hour {
		t.Errorf("Since = %v", j.Since)
	}
	if j.Politeness.UserAgent != "ExampleBot/2.0 (+https://bot.example.com/)" {
		t.Errorf("UserAgent = %q", j.Politeness.UserAgent)
	}
	if j.Politeness.Timeout.D() != 90*time.Second || j.Politeness.Delay.D() != 250*time.Millisecond {
		t.Errorf("Timeout %v Delay %v", j.Politeness.Timeout, j.Politeness.Delay)
	}
	if j.Limits.MaxBodyBytes != 512<<10 || j.Limits.MaxPages != 200 {
		t.Errorf("limits %+v", j.Limits)
	}
	if j.TimeZone.String() != "Asia/Shanghai" {
		t.Errorf("TimeZone = %v", j.TimeZone)
	}
	if got := time.Date(2024, 1, 6, 8, 0, 0, 0, j.TimeZone.Loc()).UTC().Hour(); got != 0 {
		t.Errorf("Asia/Shanghai 08:00 is %02d:00 UTC, want 00:00", got)
	}
	if len(j.Selectors.Drop) != 2 || j.Selectors.Body != "#article-body" {
		t.Errorf("Selectors = %+v", j.Selectors)
	}
	if j.Line("politeness.parallelism") != 14 || j.Line("start_urls[0]") != 2 {
		t.Errorf("Line: parallelism %d, start_urls[0] %d", j.Line("politeness.parallelism"), j.Line("start_urls[0]"))
	}
}

func TestValidateAfterChangesKeepsFileLines(t *testing.T) {
	j, err := Parse([]byte("start_urls: [\"https://news.example.com/\"]\npoliteness:\n  parallelism: 2\n"), "job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Validate(); err != nil {
		t.Fatalf("re-validating a valid job: %v", err)
	}
	j.Politeness.Parallelism = 0 // as a --parallelism=0 flag would
	j.StartURLs = append(j.StartURLs, "news.example.com/tech")
	err = j.Validate()
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("Validate = %v, want 2 errors", err)
	}
	if errs[0].Line != 1 || errs[0].Field != "start_urls[1]" {
		t.Errorf("added start URL error: %v (want line 1 of its list)", errs[0])
	}
	if errs[1].Line != 3 || errs[1].Field != "politeness.parallelism" {
		t.Errorf("parallelism error: %v", errs[1])
	}
	j.Politeness.Parallelism = 4
	j.StartURLs = j.StartURLs[:1]
	if err := j.Validate(); err != nil {
		t.Errorf("fixed job still invalid: %v", err)
	}
}

func TestJobBuiltInCode(t *testing.T) {
	j := &Job{Name: "adhoc", StartURLs: []string{"http://127.0.0.1:8080/"}}
	j.ApplyDefaults()
	if err := j.Validate(); err != nil {
		t.Fatal(err)
	}
	if j.MaxDepth != 5 || j.AllowedDomains[0] != "127.0.0.1" {
		t.Errorf("defaults: depth %d domains %v", j.MaxDepth, j.AllowedDomains)
	}
	bad := &Job{}
	bad.ApplyDefaults()
	err := bad.Validate()
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "name: required") || !strings.Contains(err.Error(), "start_urls: required") {
		t.Errorf("empty job: %v", err)
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]time.Duration{
		"0":      0,
		"250ms":  250 * time.Millisecond,
		"1.5s":   1500 * time.Millisecond,
		"36h":    36 * time.Hour,
		"7d":     7 * 24 * time.Hour,
		"1w2d":   9 * 24 * time.Hour,
		"1d12h":  36 * time.Hour,
		"2w":     14 * 24 * time.Hour,
		"1h30m":  90 * time.Minute,
		" 15m ":  15 * time.Minute,
		"0.5d":   12 * time.Hour,
		"100µs":  100 * time.Microsecond,
		"3m10s5": 0, // placeholder replaced below: a trailing number without unit is an error
	}
	delete(good, "3m10s5")
	for in, want := range good {
		got, err := ParseDuration(in)
		if err != nil || got.D() != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "5", "-1s", "3m10s5", "7 days", "1y", "d", "1..5s", "99999999999w"} {
		if got, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, got)
		}
	}
	for _, d := range []Duration{Duration(7 * 24 * time.Hour), Duration(90 * time.Second), Duration(36 * time.Hour)} {
		back, err := ParseDuration(d.String())
		if err != nil || back != d {
			t.Errorf("round trip of %v via %q = %v, %v", d.D(), d.String(), back, err)
		}
	}
}

func TestParseSize(t *testing.T) {
	good := map[string]Size{
		"8MiB": 8 << 20, "512KiB": 512 << 10, "1MB": 1000000, "4096": 4096,
		"1 GiB": 1 << 30, "2kb": 2000, "0.5MiB": 512 << 10, "100B": 100, "8mib": 8 << 20,
	}
	for in, want := range good {
		got, err := ParseSize(in)
		if err != nil || got != want {
			t.Errorf("ParseSize(%q) = %v, %v; want %v", in, int64(got), err, int64(want))
		}
	}
	for _, in := range []string{"", "MiB", "-1KiB", "8 parsecs", "1.5", "99999999999GiB", "1e3"} {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", in, got)
		}
	}
	if s := Size(8 << 20).String(); s != "8MiB" {
		t.Errorf("Size(8MiB).String() = %q", s)
	}
}

func TestLoadDirWithOneBrokenFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"alpha.yaml":   "start_urls: [\"https://alpha.example.com/\"]\n",
		"beta.yml":     "start_urls: [\"https://beta.example.com/\"]\nschedule: \"@every 15m\"\n",
		"broken.yaml":  "start_urls: [\"https://broken.example.com/\"]\npoliteness:\n  delay: soon\n",
		"notes.txt":    "not a job",
		"gamma.yaml":   "name: alpha\nstart_urls: [\"https://gamma.example.com/\"]\n",
		".hidden.yaml": "garbage: [",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	jobs, errs := LoadDir(dir)
	var names []string
	for _, j := range jobs {
		names = append(names, j.Name)
	}
	if strings.Join(names, ",") != "alpha,beta" {
		t.Errorf("jobs = %v, want alpha,beta", names)
	}
	if len(errs) != 2 {
		t.Fatalf("errors = %v, want 2", errs)
	}
	broken := filepath.Join(dir, "broken.yaml")
	if want := broken + ":3: politeness.delay: "; !strings.HasPrefix(errs[0].Error(), want) {
		t.Errorf("first error %q, want prefix %q", errs[0], want)
	}
	if !errors.Is(errs[1], ErrInvalid) || !strings.Contains(errs[1].Error(), "already used by") {
		t.Errorf("duplicate name error: %v", errs[1])
	}
	if _, errs := LoadDir(filepath.Join(dir, "missing")); len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("missing folder: %v", errs)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, os.ErrNotExist) || errors.Is(err, ErrInvalid) {
		t.Errorf("Load(missing) = %v", err)
	}
}

func TestSampleConfigsLoad(t *testing.T) {
	for _, name := range []string{"example.yaml", "demo.yaml"} {
		path := filepath.Join("..", "..", "configs", name)
		if _, err := os.Stat(path); err != nil {
			t.Logf("skipping %s: %v", name, err)
			continue
		}
		if _, err := Load(path); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestHugePatternRejectedAtLoad(t *testing.T) {
	yaml := "start_urls: [\"https://news.example.com/\"]\nexclude:\n  - '" + strings.Repeat("a", maxPatternLen+1) + "'\n"
	_, err := Parse([]byte(yaml), "huge.yaml")
	var e *Error
	if !errors.As(err, &e) || e.Field != "exclude[0]" || e.Line != 3 || !strings.Contains(e.Msg, "more than the 4096 allowed") {
		t.Errorf("huge pattern: %v", err)
	}
}

// A schedule may name its own zone with a CRON_TZ= prefix; without one it
// is the server's local zone. An unknown zone is a config error.
func TestScheduleTimeZone(t *testing.T) {
	j, err := Parse([]byte("start_urls: [\"https://news.example.com/\"]\nschedule: \"CRON_TZ=Asia/Shanghai 0 8 * * *\"\n"), "tz.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sched, err := ScheduleParser().Parse(j.Schedule)
	if err != nil {
		t.Fatal(err)
	}
	after := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC) // 08:00 in Shanghai
	if got, want := sched.Next(after), time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("next run %s, want %s (08:00 Asia/Shanghai)", got.UTC(), want)
	}
	_, err = Parse([]byte("start_urls: [\"https://news.example.com/\"]\nschedule: \"CRON_TZ=Nowhere/Zone 0 8 * * *\"\n"), "tz.yaml")
	if err == nil || !strings.Contains(err.Error(), "tz.yaml:2: schedule: invalid schedule") {
		t.Errorf("unknown zone: err = %v", err)
	}
}
