package robots

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// allowed runs the whole path: parse, choose the group, match the URL's
// path and query as the crawler sends them.
func allowed(t testing.TB, robotsTxt, agent, rawURL string) bool {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatalf("bad test URL %q: %v", rawURL, err)
	}
	pq := u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		pq += "?" + u.RawQuery
	}
	return Parse([]byte(robotsTxt)).ForAgent(agent).Allowed(pq)
}

type verdict struct {
	agent, url string
	allow      bool
}

// The cases below follow google/robotstxt's robots_test.cc (the RFC 9309
// reference), plus the two places where temoto/robotstxt diverges.
var conformance = []struct {
	name   string
	robots string
	checks []verdict
}{
	{"empty file allows", "", []verdict{{"FooBot", "http://foo.bar/x/y", true}}},
	{"disallow all", "user-agent: FooBot\ndisallow: /\n", []verdict{{"FooBot", "http://foo.bar/x/y", false}}},
	{"line syntax: colon", "user-agent: FooBot\ndisallow: /\n", []verdict{{"FooBot", "http://foo.bar/x/y", false}}},
	{"line syntax: unknown keys", "foo: FooBot\nbar: /\n", []verdict{{"FooBot", "http://foo.bar/x/y", true}}},
	{"line syntax: missing colon accepted", "user-agent FooBot\ndisallow /\n", []verdict{{"FooBot", "http://foo.bar/x/y", false}}},
	{"groups", "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\ndisallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n",
		[]verdict{
			{"FooBot", "http://foo.bar/x/b", true}, {"FooBot", "http://foo.bar/z/d", true}, {"FooBot", "http://foo.bar/y/c", false},
			{"BarBot", "http://foo.bar/y/c", true}, {"BarBot", "http://foo.bar/w/a", true}, {"BarBot", "http://foo.bar/z/d", false},
			{"BazBot", "http://foo.bar/z/d", true},
			{"FooBot", "http://foo.bar/foo/bar/", false}, {"BarBot", "http://foo.bar/foo/bar/", false}, {"BazBot", "http://foo.bar/foo/bar/", false},
		}},
	{"sitemap does not end an agent run", "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n",
		[]verdict{{"FooBot", "http://foo.bar/", false}, {"BarBot", "http://foo.bar/", false}}},
	{"unknown line does not end an agent run", "User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n",
		[]verdict{{"FooBot", "http://foo.bar/", false}, {"BarBot", "http://foo.bar/", false}}},
	{"keys are case-insensitive", "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n",
		[]verdict{{"FooBot", "http://foo.bar/x/y", true}, {"FooBot", "http://foo.bar/a/b", false}}},
	{"mixed-case keys", "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n",
		[]verdict{{"FooBot", "http://foo.bar/x/y", true}, {"FooBot", "http://foo.bar/a/b", false}}},
	{"agent value case-insensitive, up to first space", "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
		[]verdict{{"Foo", "http://foo.bar/x/y", true}, {"Foo", "http://foo.bar/a/b", false}, {"foo", "http://foo.bar/a/b", false}}},
	{"agent with version", "User-agent: gleaner/1.0\nDisallow: /private/\n",
		[]verdict{{"gleaner", "http://foo.bar/private/x", false}, {"Gleaner", "http://foo.bar/public", true}}},
	{"specific group beats global", "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n",
		[]verdict{{"Foo", "http://foo.bar/x/y", true}, {"Other", "http://foo.bar/x/y", false}}},
	{"global group secondary", "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n",
		[]verdict{{"FooBot", "http://foo.bar/x/y", false}, {"BarBot", "http://foo.bar/x/y", true}}},
	{"no global group", "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n",
		[]verdict{{"QuxBot", "http://foo.bar/x/y", true}}},
	{"rule values are case-sensitive", "user-agent: FooBot\ndisallow: /X/\n",
		[]verdict{{"FooBot", "http://foo.bar/x/y", true}, {"FooBot", "http://foo.bar/X/y", false}}},
	{"tie: allow wins (same pattern)", "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n",
		[]verdict{{"FooBot", "http://foo.bar/x/page.html", true}}},
	{"tie: allow wins whatever the order (temoto divergence a)", "user-agent: FooBot\ndisallow: /\nallow: /\n",
		[]verdict{{"FooBot", "http://foo.bar/x/page.html", true}}},
	{"tie: equal octets, different patterns", "user-agent: gleaner\ndisallow: /ab*\nallow: /a*c\n",
		[]verdict{{"gleaner", "http://foo.bar/abc", true}, {"gleaner", "http://foo.bar/abd", false}}},
	{"longest match: wildcard disallow longer", "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n",
		[]verdict{{"FooBot", "http://foo.bar/page.html", false}, {"FooBot", "http://foo.bar/page", true}}},
	{"longest match: allow longer", "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
		[]verdict{{"FooBot", "http://foo.bar/x/page.html", true}, {"FooBot", "http://foo.bar/x/y.html", false}}},
	{"wildcard length counted in pattern octets (temoto divergence b)", "user-agent: gleaner\ndisallow: /*.a.b.c\nallow: /abcdefghij\n",
		[]verdict{{"gleaner", "http://foo.bar/abcdefghij.a.b.c", true}, {"gleaner", "http://foo.bar/zz.a.b.c", false}}},
	{"global and specific do not merge", "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
		[]verdict{{"FooBot", "http://foo.bar/x/page", true}, {"FooBot", "http://foo.bar/y/page", false}}},
	{"empty rules", "user-agent: FooBot\nallow: \ndisallow: \n",
		[]verdict{{"FooBot", "http://foo.bar/x/page", true}}},
	{"longer directory wins", "user-agent: FooBot\nallow: /x\ndisallow: /x/\n",
		[]verdict{{"FooBot", "http://foo.bar/x", true}, {"FooBot", "http://foo.bar/x/", false}, {"FooBot", "http://foo.bar/x/page", false}}},
	{"end anchor", "user-agent: FooBot\ndisallow: /\nallow: /$\n",
		[]verdict{{"FooBot", "http://foo.bar/", true}, {"FooBot", "http://foo.bar/page.html", false}}},
	{"query is part of the path", "user-agent: FooBot\ndisallow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par", false}, {"FooBot", "http://foo.bar/foo/bar?qux=other", true}}},
	{"non-ascii pattern is percent-encoded", "user-agent: FooBot\ndisallow: /foo/bar/ツ\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar/%E3%83%84", false}}},
	{"encoded pattern", "user-agent: FooBot\ndisallow: /foo/bar/%E3%83%84\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar/%E3%83%84", false}, {"FooBot", "http://foo.bar/foo/bar/%e3%83%84", false}}},
	{"unreserved escapes are not decoded", "user-agent: FooBot\ndisallow: /foo/bar/%62%61%7A\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar/baz", true}, {"FooBot", "http://foo.bar/foo/bar/%62%61%7A", false}}},
	{"special characters: star", "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar/quz", false}, {"FooBot", "http://foo.bar/foo/quz", true}, {"FooBot", "http://foo.bar/foo//quz", true}, {"FooBot", "http://foo.bar/foo/bax/quz", true}}},
	{"special characters: dollar", "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar", false}, {"FooBot", "http://foo.bar/foo/bar/qux", true}, {"FooBot", "http://foo.bar/foo/bar/", true}, {"FooBot", "http://foo.bar/foo/bar/baz", true}}},
	{"special characters: comments", "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
		[]verdict{{"FooBot", "http://foo.bar/foo/bar", true}, {"FooBot", "http://foo.bar/foo/quz", false}}},
	{"index.html is the directory", "User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n",
		[]verdict{{"foobot", "http://foo.com/allowed-slash/", true}, {"foobot", "http://foo.com/allowed-slash/index.htm", false}, {"foobot", "http://foo.com/allowed-slash/index.html", true}, {"foobot", "http://foo.com/anyother-url", false}}},
	{"docs: /p beats /", "user-agent: FooBot\nallow: /p\ndisallow: /\n", []verdict{{"FooBot", "http://example.com/page", true}}},
	{"docs: same folder", "user-agent: FooBot\nallow: /folder\ndisallow: /folder\n", []verdict{{"FooBot", "http://example.com/folder/page", true}}},
	{"docs: /*.htm", "user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n", []verdict{{"FooBot", "http://example.com/page.htm", false}}},
	{"docs: /fish", "user-agent: FooBot\ndisallow: /fish\n", []verdict{
		{"FooBot", "http://foo.bar/fish", false}, {"FooBot", "http://foo.bar/fish.html", false}, {"FooBot", "http://foo.bar/fish/salmon.html", false},
		{"FooBot", "http://foo.bar/fishheads", false}, {"FooBot", "http://foo.bar/fishheads/yummy.html", false}, {"FooBot", "http://foo.bar/fish.html?id=anything", false},
		{"FooBot", "http://foo.bar/Fish.asp", true}, {"FooBot", "http://foo.bar/catfish", true}, {"FooBot", "http://foo.bar/?id=fish", true}, {"FooBot", "http://foo.bar/bar", true}}},
	{"docs: /fish*", "user-agent: FooBot\ndisallow: /fish*\n", []verdict{
		{"FooBot", "http://foo.bar/fish", false}, {"FooBot", "http://foo.bar/fishheads/yummy.html", false}, {"FooBot", "http://foo.bar/Fish.bar", true}, {"FooBot", "http://foo.bar/catfish", true}}},
	{"docs: /fish/", "user-agent: FooBot\ndisallow: /fish/\n", []verdict{
		{"FooBot", "http://foo.bar/fish/", false}, {"FooBot", "http://foo.bar/fish/?salmon", false}, {"FooBot", "http://foo.bar/fish/salmon.html", false},
		{"FooBot", "http://foo.bar/fish", true}, {"FooBot", "http://foo.bar/fish.html", true}, {"FooBot", "http://foo.bar/Fish/Salmon.html", true}}},
	{"docs: /*.php", "user-agent: FooBot\ndisallow: /*.php\n", []verdict{
		{"FooBot", "http://foo.bar/filename.php", false}, {"FooBot", "http://foo.bar/folder/filename.php", false}, {"FooBot", "http://foo.bar/folder/filename.php?parameters", false},
		{"FooBot", "http://foo.bar/folder/any.php.file.html", false}, {"FooBot", "http://foo.bar/filename.php/", false}, {"FooBot", "http://foo.bar/index?f=filename.php/", false},
		{"FooBot", "http://foo.bar/", true}, {"FooBot", "http://foo.bar/windows.PHP", true}}},
	{"docs: /*.php$", "user-agent: FooBot\ndisallow: /*.php$\n", []verdict{
		{"FooBot", "http://foo.bar/filename.php", false}, {"FooBot", "http://foo.bar/folder/filename.php", false},
		{"FooBot", "http://foo.bar/filename.php?parameters", true}, {"FooBot", "http://foo.bar/filename.php/", true}, {"FooBot", "http://foo.bar/filename.php5", true}, {"FooBot", "http://foo.bar/windows.PHP", true}}},
	{"docs: /fish*.php", "user-agent: FooBot\ndisallow: /fish*.php\n", []verdict{
		{"FooBot", "http://foo.bar/fish.php", false}, {"FooBot", "http://foo.bar/fishheads/catfish.php?parameters", false}, {"FooBot", "http://foo.bar/Fish.PHP", true}}},
	{"runs of stars", "user-agent: gleaner\ndisallow: /********************/\n", []verdict{
		{"gleaner", "http://foo.bar/a/", false}, {"gleaner", "http://foo.bar//", false}, {"gleaner", "http://foo.bar/a", true}}},
	{"robots.txt is always allowed", "user-agent: *\ndisallow: /\n", []verdict{{"gleaner", "http://foo.bar/robots.txt", true}, {"gleaner", "http://foo.bar/robots.txt2", false}}},
	{"CR line endings and BOM", "\xef\xbb\xbfuser-agent: gleaner\rdisallow: /a\r\nallow: /a/b\r", []verdict{
		{"gleaner", "http://foo.bar/a/x", false}, {"gleaner", "http://foo.bar/a/b", true}}},
	{"disallow typo accepted", "user-agent: gleaner\ndisalow: /a\n", []verdict{{"gleaner", "http://foo.bar/a", false}}},
	{"fragment ignored", "user-agent: gleaner\ndisallow: /a$\n", []verdict{{"gleaner", "http://foo.bar/a#frag", false}}},
}

func TestConformance(t *testing.T) {
	for _, c := range conformance {
		for _, v := range c.checks {
			if got := allowed(t, c.robots, v.agent, v.url); got != v.allow {
				t.Errorf("%s: %s %s: allowed=%v, want %v", c.name, v.agent, v.url, got, v.allow)
			}
		}
	}
}

func TestCrawlDelayAndSitemaps(t *testing.T) {
	r := Parse([]byte("Sitemap: https://a.test/s1.xml\nUser-agent: *\nCrawl-delay: 2.5\nDisallow: /x\n\nUser-agent: gleaner\nCrawl-delay: 1\n# c\nsitemap: https://a.test/s2.xml.gz\n"))
	if got := r.Sitemaps(); len(got) != 2 || got[0] != "https://a.test/s1.xml" || got[1] != "https://a.test/s2.xml.gz" {
		t.Errorf("sitemaps = %v", got)
	}
	if d, ok := r.ForAgent("gleaner").CrawlDelay(); !ok || d != time.Second {
		t.Errorf("gleaner crawl-delay = %v %v", d, ok)
	}
	if d, ok := r.ForAgent("other").CrawlDelay(); !ok || d != 2500*time.Millisecond {
		t.Errorf("other crawl-delay = %v %v", d, ok)
	}
	if _, ok := Parse([]byte("User-agent: *\nCrawl-delay: soon\n")).ForAgent("x").CrawlDelay(); ok {
		t.Error("garbage crawl-delay accepted")
	}
}

func TestAllowAllDisallowAll(t *testing.T) {
	if !AllowAll().Allowed("/x") || !(*Rules)(nil).Allowed("/x") {
		t.Error("AllowAll refused")
	}
	d := DisallowAll()
	if d.Allowed("/x") || d.Allowed("/") || !d.Allowed("/robots.txt") || !d.DisallowsAll() {
		t.Error("DisallowAll wrong")
	}
}

func TestBodyCap(t *testing.T) {
	// A rule at 450 KiB is honoured; one past 512 KiB is dropped.
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for b.Len() < 450<<10 {
		b.WriteString("# padding padding padding padding padding padding padding\n")
	}
	b.WriteString("Disallow: /x\n")
	for b.Len() < 600<<10 {
		b.WriteString("# padding padding padding padding padding padding padding\n")
	}
	b.WriteString("Disallow: /y\n")
	rules := Parse([]byte(b.String())).ForAgent("gleaner")
	if rules.Allowed("/x") {
		t.Error("rule at 450 KiB not honoured")
	}
	if !rules.Allowed("/y") {
		t.Error("rule past 512 KiB honoured")
	}
}

// bigRobots builds n distinct wildcard rules, the shape that made temoto
// take milliseconds per URL.
func bigRobots(n int) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	for i := range n {
		fmt.Fprintf(&b, "Disallow: /*.a%d.b%d$\nAllow: /dir%d/*/page\n", i, i*7, i)
	}
	return []byte(b.String())
}

func TestManyRules(t *testing.T) {
	rules := Parse(bigRobots(8000)).ForAgent("gleaner")
	if rules.Len() != 16000 {
		t.Fatalf("compiled %d rules, want 16000", rules.Len())
	}
	if rules.Allowed("/x/y.a123.b861") {
		t.Error("wildcard rule 123 not applied")
	}
	if !rules.Allowed("/x/y.a123.b862") {
		t.Error("wrong wildcard rule applied")
	}
	if !rules.Allowed("/dir77/q/page") || !rules.Allowed("/news/2024/story.html") {
		t.Error("allowed path refused")
	}
}

func BenchmarkParse100kRules(b *testing.B) {
	body := bigRobots(50000) // 100k rules, about 3.4 MB; Parse reads the first 512 KiB
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Parse(body).ForAgent("gleaner")
	}
}

func BenchmarkAllowed100kRules(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("User-agent: *\n")
	for i := range 50000 {
		fmt.Fprintf(&sb, "Disallow: /*.a%d.b$\nAllow: /d%d/*/p\n", i, i)
	}
	r := &Robots{}
	// Bypass the 512 KiB cap to measure matching with all 100k rules compiled.
	for _, line := range strings.Split(sb.String(), "\n") {
		*r = *mergeParse(r, line)
	}
	rules := r.ForAgent("gleaner")
	if rules.Len() != 100000 {
		b.Fatalf("compiled %d rules", rules.Len())
	}
	paths := []string{"/news/2024/05/some-long-article-slug-here.html?id=12345", "/x.a49999.b", "/d123/z/p", "/"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		rules.Allowed(paths[i%len(paths)])
	}
}

// mergeParse appends one line's worth of parsing to r (benchmark helper for
// inputs larger than MaxBytes).
func mergeParse(r *Robots, line string) *Robots {
	if len(r.groups) == 0 {
		r.groups = append(r.groups, group{agents: []string{"*"}})
	}
	key, value, ok := splitLine([]byte(line))
	if ok && (key == "allow" || key == "disallow") && value != "" {
		r.groups[0].rules = append(r.groups[0].rules, rawRule{allow: key == "allow", pattern: value})
	}
	return r
}
