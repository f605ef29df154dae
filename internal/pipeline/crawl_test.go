package pipeline_test

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gleaner-news/gleaner/internal/pipeline"
)

// Issue 2 §10, P1: robots.txt is obeyed; the disallowed page is never
// requested (checked in the server's log) and counted as a robots skip.
func TestRobotsDisallowedPathNeverRequested(t *testing.T) {
	site := newsSite(t)
	site.set("/robots.txt", "text/plain", "User-agent: *\nDisallow: /admin/\n")
	site.html("/", listPage("Home", "/world/", "/tech/", "/admin/", "/admin/2024/03/05/x.html"))
	site.html("/admin/", listPage("Admin"))
	job := newJob(t, site, newsJob)
	sum := runJob(t, job, pipeline.Options{})
	for _, h := range site.takeHits() {
		if strings.HasPrefix(h.path, "/admin") {
			t.Errorf("disallowed path requested: %s", h.path)
		}
	}
	if sum.Skipped["robots"] != 2 || sum.ArticlesWritten != 3 {
		t.Errorf("skipped %v, written %d; want robots=2 and the 3 allowed articles", sum.Skipped, sum.ArticlesWritten)
	}
}

// Issue 2 §10: list pages are followed but not written; articles are written.
// The job's patterns decide first, the extractor's judgement otherwise.
func TestListPagesFollowedNotWritten(t *testing.T) {
	site := newsSite(t)
	// Two pages no pattern names: a long article and a page of links.
	site.html("/world/", listPage("World", "/world/2024/03/05/a.html", "/world/2024/03/04/b.html", "/features/long-read", "/features/"))
	site.html("/features/long-read", story("A long read about ferries",
		"The ferry service has run for ninety years, and the crews who work it describe a job that has changed less than the town around it.",
		"Each morning begins with a safety check of the hull and engines, a routine the captain says he could do with his eyes closed.",
		"Passenger numbers have risen every year since the bridge closed, and the company is now looking at buying a second vessel."))
	hrefs := []string{}
	for _, p := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		hrefs = append(hrefs, "/features/"+p+"/")
	}
	site.html("/features/", listPage("Features", hrefs...))
	job := newJob(t, site, newsJob+"list_patterns: ['/(world|tech)/$']\nmax_depth: 2\n")
	runJob(t, job, pipeline.Options{})
	got := recordPaths(t, readRecords(t, job))
	slices.Sort(got)
	want := []string{"/features/long-read", "/tech/2024/03/03/c.html", "/world/2024/03/04/b.html", "/world/2024/03/05/a.html"}
	if !slices.Equal(got, want) {
		t.Errorf("records %v, want %v (list pages followed, not written)", got, want)
	}
}

// Issue 2 §10, B8: a GBK page served with a bare "Content-Type: text/html"
// that declares gb2312 only in <meta> is decoded right.
func TestGBKPageWithBareContentType(t *testing.T) {
	title := "寒潮南下 南方多地气温骤降超十摄氏度"
	paras := []string{
		"受强冷空气影响，南方多地气温在二十四小时内下降超过十摄氏度，部分地区出现冰冻天气。",
		"气象部门提醒公众注意防寒保暖，交通部门加强道路巡查，确保群众出行安全。",
		"专家表示，本轮寒潮影响范围广、降温幅度大，持续时间可能超过一周。",
	}
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>` + title + `_港湾新闻网</title></head><body><div id="content"><h1>` + title + `</h1>`
	for _, p := range paras {
		page += "<p>" + p + "</p>"
	}
	page += "</div></body></html>"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	site := newTestSite(t)
	site.html("/", listPage("首页", "/guonei/20240106/1187.html"))
	site.set("/guonei/20240106/1187.html", "text/html", gbk)
	job := newJob(t, site, "start_urls: [\"{{BASE}}/\"]\narticle_patterns: ['/\\d{8}/\\d+\\.html$']\n"+linksOnly)
	runJob(t, job, pipeline.Options{})
	recs := readRecords(t, job)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	r := recs[0]
	if r.Title != title {
		t.Errorf("title %q, want %q", r.Title, title)
	}
	if r.Charset != "gb18030" {
		t.Errorf("charset %q, want gb18030 (GBK decoded as its superset)", r.Charset)
	}
	for _, p := range paras {
		if !strings.Contains(r.Body, p) {
			t.Errorf("body lacks %q:\n%s", p, r.Body)
		}
	}
	if strings.ContainsRune(r.Body, '\uFFFD') {
		t.Errorf("body holds U+FFFD")
	}
}
