package extract

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		loc  *time.Location
		want string
	}{
		{"2024-01-06", nil, "2024-01-06"},
		{"2024-01-06T10:30:00+08:00", nil, "2024-01-06T10:30:00+08:00"},
		{"2024-01-06T10:30", shanghai, "2024-01-06T10:30:00+08:00"},
		{"2024-01-06T10:30", nil, "2024-01-06T10:30:00"},
		{"2024-01-06T02:30:00Z", nil, "2024-01-06T02:30:00Z"},
		{"发布于:2024-01-06 文字:【大】", nil, "2024-01-06"},
		{"2024年1月6日 10:30", nil, "2024-01-06T10:30:00"},
		{"2024年1月", nil, "2024-01"},
		{"January 6, 2024", nil, "2024-01-06"},
		{"Published Jan. 6, 2024 at 3:05 pm", nil, "2024-01-06T15:05:00"},
		{"6. Januar 2024", nil, "2024-01-06"},
		{"06.01.2024 um 10:30", nil, "2024-01-06T10:30:00"},
		{"Sat, 06 Jan 2024 10:30:00 GMT", nil, "2024-01-06T10:30:00Z"},
		{"2005年3月11日12:12 来源：人民网", nil, "2005-03-11T12:12:00"},
		{"发表于05年9月7日 11:57 AM", nil, "2005-09-07T11:57:00"},
		{"发布日期： 7/5/2005 9:23:57 PM", nil, "2005-07-05T21:23:57"},
		{"© 1985", nil, ""},
		{"1989-12-31", nil, ""},
		{"2031-05-01", nil, ""},
		{"no date here", nil, ""},
	}
	for _, c := range cases {
		dp := dateParser{loc: c.loc, now: now}
		if got := dp.parse(c.in); got != c.want {
			t.Errorf("parse(%q, %v) = %q, want %q", c.in, c.loc, got, c.want)
		}
	}
}

func TestDateFromURL(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for in, want := range map[string]string{
		"/xinwen/20240106/1187.html": "2024-01-06",
		"/news/2024/01/06/story":     "2024-01-06",
		"/2024-01-06-some-title":     "2024-01-06",
		"/blog/2023/11/a-post":       "2023-11",
		"/item/12345678901":          "",
		"/products/20241399/":        "",
	} {
		if got := dp.dateFromURL(in); got != want {
			t.Errorf("dateFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanAuthors(t *testing.T) {
	cases := []struct{ in, site, want string }{
		{"By Jane Lee and Omar Haddad, Staff Writers", "", "Jane Lee|Omar Haddad"},
		{"by Korin Miller | Published Jan 29, 2025", "", "Korin Miller"},
		{"Dylan Bailey, MS, RD, FAND", "", "Dylan Bailey, MS, RD, FAND"},
		{"https://www.facebook.com/someone", "", ""},
		{"jane@example.com", "", ""},
		{"The Daily Harbour", "The Daily Harbour", ""},
		{"张伟、李娜", "", "张伟|李娜"},
		{"Von Anna Schmidt und Jonas Weber", "", "Anna Schmidt|Jonas Weber"},
	}
	for _, c := range cases {
		if got := strings.Join(cleanAuthors(c.in, c.site), "|"); got != c.want {
			t.Errorf("cleanAuthors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestScanLabels(t *testing.T) {
	dp := dateParser{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	in := scanLabels([]string{
		"作者:admin 发布于:2024-01-06 文字:【大】【中】【小】",
		"来源：新华社 责任编辑：王五",
		"摘要:这是一段足够长的摘要文字，用来检验摘要标签的识别。",
		"原文:不是作者行",
	}, dp, "")
	if strings.Join(in.authors, "|") != "admin" || in.published != "2024-01-06" || in.source != "新华社" ||
		in.editor != "王五" || !strings.HasPrefix(in.summary, "这是一段") {
		t.Errorf("scanLabels = %+v", in)
	}
	if got := scanReporter([]string{"光明日报记者 王建宏 张文攀"}, ""); strings.Join(got, "|") != "王建宏|张文攀" {
		t.Errorf("scanReporter = %q", got)
	}
}

func TestStripSiteName(t *testing.T) {
	cases := []struct{ in, site, host, want string }{
		{"聚焦黄浦新年第一会_傲视皇朝注册", "", "portal.example", "聚焦黄浦新年第一会"},
		{"城市公园新增十条健身步道-晨光新闻网", "", "", "城市公园新增十条健身步道"},
		{"Council Approves Plan | The Daily Harbour", "The Daily Harbour", "", "Council Approves Plan"},
		{"The Daily Harbour: Council Approves Plan", "The Daily Harbour", "", "Council Approves Plan"},
		{"Council Approves Plan :: Harbour", "", "harbour.example", "Council Approves Plan"},
		{"Star Wars - The Last Jedi", "", "", "Star Wars - The Last Jedi"},
		{"Spider-Man: No Way Home review – a joyous multiverse", "Film Weekly", "", "Spider-Man: No Way Home review – a joyous multiverse"},
	}
	for _, c := range cases {
		if got := stripSiteName(c.in, c.site, c.host); got != c.want {
			t.Errorf("stripSiteName(%q, %q, %q) = %q, want %q", c.in, c.site, c.host, got, c.want)
		}
	}
}

func TestNewRejectsBadSelector(t *testing.T) {
	_, err := New(Options{Selectors: Selectors{Authors: "div[[bad"}})
	if err == nil || !strings.Contains(err.Error(), "authors") || !strings.Contains(err.Error(), "div[[bad") {
		t.Fatalf("New with a bad selector: err = %v, want one naming the field and selector", err)
	}
}

func TestChooseTitle(t *testing.T) {
	cases := []struct {
		name, og, ld, tag string
		h1, h2            []string
		site, want        string
	}{
		{"h1 agrees with og minus site", "Council Approves Plan | Harbour", "", "", []string{"Council Approves Plan"}, nil, "Harbour", "Council Approves Plan"},
		{"curly heading, straight metadata", "Why Hasn't Tutoring Worked?", "", "", []string{"Why Hasn’t Tutoring Worked?"}, nil, "", "Why Hasn't Tutoring Worked?"},
		{"all-caps heading takes metadata casing", "", "", "Tips for Online Success | Labs", []string{"TIPS FOR ONLINE SUCCESS"}, nil, "", "Tips for Online Success"},
		{"duplicated h1 is one headline", "Different wording entirely here", "", "", []string{"Setting up a workspace", "Setting up a workspace"}, nil, "", "Setting up a workspace"},
		{"h2 equal to title beats a blog-name h1", "", "", "Progress Report #39", []string{"Antoyo's Blog"}, []string{"Progress Report #39", "Status"}, "", "Progress Report #39"},
		{"section h2 repeating part of og does not beat the h1", "What is Social Commerce - A guided introduction", "", "",
			[]string{"An introduction to social commerce: What brands need to know"}, []string{"What is social commerce?"}, "Emplifi",
			"An introduction to social commerce: What brands need to know"},
		{"h1 that is the blog name before the og title", "Open Verilog flow for GreenPak4", "", "Silicon Exposed | Open Verilog flow for GreenPak4",
			[]string{"Silicon Exposed"}, []string{"So what's a GreenPak?"}, "", "Open Verilog flow for GreenPak4"},
		{"short dash subtitle dropped", "", "", "", []string{"Gym Workouts for Beginners — Strength Training"}, nil, "", "Gym Workouts for Beginners"},
		{"pipe section dropped", "", "", "", []string{"How meditation rewires brains | Opinion"}, nil, "", "How meditation rewires brains"},
		{"list subtitle kept", "", "", "", []string{"Review: The X-100 Camera – Small, Fast, Expensive"}, nil, "", "Review: The X-100 Camera – Small, Fast, Expensive"},
		{"lower-case continuation kept", "", "", "", []string{"The most popular workout — and 5 trends to expect"}, nil, "", "The most popular workout — and 5 trends to expect"},
	}
	for _, c := range cases {
		if got, from := chooseTitle(c.og, c.ld, c.tag, c.h1, c.h2, c.site, "example.com"); got != c.want {
			t.Errorf("%s: chooseTitle = %q (%s), want %q", c.name, got, from, c.want)
		}
	}
}

func TestDatesPageConventions(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	lines := []string{"发表时间： 06/02/2022 - 13:48", "更早: 13/02/2022"}
	dp := dateParser{now: now, order: &slashOrder{lines: lines}}
	if got := dp.parse(lines[0]); got != "2022-02-06T13:48:00" {
		t.Errorf("day-first page: parse = %q", got)
	}
	if slashDayFirst([]string{"1/31/2006", "13/02/2022"}) {
		t.Error("a page with both orders must not be read day first")
	}
	// The page's local time of a UTC instant wins; a different day or a
	// time no zone explains does not.
	for _, c := range []struct{ utc, shown, want string }{
		{"2022-02-06T12:48:06Z", "2022-02-06T13:48:00", "2022-02-06T13:48:00"},
		{"2023-11-09T03:28:35Z", "2023-11-08", "2023-11-08"},
		{"2023-11-09T03:28:35Z", "2023-11-09", ""},
		{"2025-12-18T09:30:00Z", "2025-12-19", ""},
		{"2022-02-06T12:48:06Z", "2022-02-06T13:17:00", ""},
	} {
		if got := dp.localDate(c.utc, c.shown); got != c.want {
			t.Errorf("localDate(%q, %q) = %q, want %q", c.utc, c.shown, got, c.want)
		}
	}
	window := []string{"2006年12月(5)", "12/01/2004 - 01/01/2005", "湘菜粤菜 兵分两路 (图) 2005-06-14 03:25:55"}
	if got := dp.nearTitleDate(window); got != "2005-06-14T03:25:55" {
		t.Errorf("nearTitleDate skipped archive lines badly: %q", got)
	}
	en := scanEnglish([]string{"Published March 3, 2022 · Updated March 5, 2022"}, dp, "")
	if en.published != "2022-03-03" || en.modified != "2022-03-05" {
		t.Errorf("scanEnglish one-line published/updated = %q / %q", en.published, en.modified)
	}
	zh := scanLabels([]string{"ggjjzhzz 发表于 2005-9-15 11:46:00"}, dp, "")
	if zh.published != "2005-09-15T11:46:00" {
		t.Errorf("scanLabels 发表于 without colon = %q", zh.published)
	}
}

func TestZhBylines(t *testing.T) {
	for in, want := range map[string]string{
		"本报记者 王磊 李娜":               "王磊|李娜",
		"赵 培 ：北京物资学院":              "赵培",
		"赵婕 出自[人民文学出版社]":           "赵婕",
		"周思博 (Joel Spolsky)":       "周思博 (Joel Spolsky)",
		"首先欢迎你来到新华网接受我们的采访，既然你是专家": "",
	} {
		if got := strings.Join(zhNames(in, ""), "|"); got != want {
			t.Errorf("zhNames(%q) = %q, want %q", in, got, want)
		}
	}
	for line, want := range map[string]string{
		"推动云南工业高质量发展。（记者 胡晓蓉）":           "胡晓蓉",
		"所有的改革难道不都是利益再分配的过程吗？”（姚峰 上海报道）": "姚峰",
		"到头来，一位自甘穷酸的外科医生。 （袁源）":          "袁源",
		"感觉还不如普通的运动鞋（普通）款式":              "",
		"新款（伊兰特）上市":                      "",
	} {
		if got := strings.Join(scanCredit([]string{line}, ""), "|"); got != want {
			t.Errorf("scanCredit(%q) = %q, want %q", line, got, want)
		}
	}
	for line, want := range map[string]string{
		"顶端新闻·河南商报记者马俊峰/文受访者供图": "马俊峰",
		"本报记者罗科苏盈发自北京":          "罗科苏盈",
		"在线荐稿 记者博客 联系记者":        "",
	} {
		if got := strings.Join(scanReporter([]string{line}, ""), "|"); got != want {
			t.Errorf("scanReporter(%q) = %q, want %q", line, got, want)
		}
	}
	for line, want := range map[string]string{
		"本贴由大卫于2005年8月12日16:12:21在〖心灵体操〗发表.":          "大卫",
		"ggjjzhzz 发表于 2005-9-15 11:46:00":             "ggjjzhzz",
		"〓 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓": "duscha",
	} {
		if got := strings.Join(scanPoster([]string{line}, ""), "|"); got != want {
			t.Errorf("scanPoster(%q) = %q, want %q", line, got, want)
		}
	}
	for _, org := range []string{"云南网", "大汉网络", "51offer.com", "L_104485", "新华社"} {
		if !zhOrgName(org) {
			t.Errorf("zhOrgName(%q) = false", org)
		}
	}
}
