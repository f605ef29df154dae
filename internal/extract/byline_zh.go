package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labelled fields in the text near a Chinese article's title, as portal
// templates print them: "作者:admin 发布于:2024-01-06 文字:【大】【中】【小】",
// "来源：新华社 责任编辑：王五 2024年1月6日 10:30".
// Verbs ending in 于 ("发表于2024年…") need no colon.
var reZhLabel = regexp.MustCompile(`(?:(责任编辑|编辑|作者|记者|通讯员|撰文|文|稿源|来源|出处|发布于|发布时间|发表于|发表时间|发布日期|更新时间|更新于|时间|日期|摘要|导读|核心提示|浏览次数|浏览|点击数|点击|阅读|字号|文字|评论|分享到|标签)\s*[:：]|(发表于|发布于|更新于|写于))\s*`)

// inline holds what the text patterns found.
type inline struct {
	authors   []string
	editor    string
	source    string
	published string
	modified  string
	summary   string
	// rawAuthor is the literal 作者 value, kept even when it is not a
	// plausible person name (a page's "作者:admin" is its byline).
	authorFrom string
}

// scanLabels reads labelled fields from lines. A label counts only at the
// start of the line or after a non-Han character, so "原文:" is not "文:".
func scanLabels(lines []string, dp dateParser, siteName string) inline {
	var in inline
	for _, line := range lines {
		if !strings.ContainsAny(line, ":：于") {
			continue
		}
		ms := reZhLabel.FindAllStringSubmatchIndex(line, -1)
		var kept [][]int
		for _, m := range ms {
			if m[0] > 0 {
				prev, _ := utf8.DecodeLastRuneInString(line[:m[0]])
				if unicode.Is(unicode.Han, prev) {
					continue
				}
			}
			kept = append(kept, m)
		}
		for i, m := range kept {
			label := ""
			if m[2] >= 0 {
				label = line[m[2]:m[3]]
			} else {
				label = line[m[4]:m[5]]
			}
			end := len(line)
			if i+1 < len(kept) {
				end = kept[i+1][0]
			}
			val := strings.TrimSpace(line[m[1]:end])
			if val == "" {
				continue
			}
			switch label {
			case "作者", "记者", "撰文", "文", "通讯员":
				if len(in.authors) == 0 {
					in.authors = zhNames(val, siteName)
					in.authorFrom = label
				}
			case "责任编辑", "编辑":
				if in.editor == "" {
					if names := zhNames(val, ""); len(names) > 0 {
						in.editor = strings.Join(names, "、")
					}
				}
			case "来源", "稿源", "出处":
				if in.source == "" {
					in.source = zhSource(val)
				}
			case "发布于", "发布时间", "发表于", "发表时间", "发布日期", "写于", "时间", "日期":
				if in.published == "" {
					in.published = dp.parse(val)
				}
			case "更新时间", "更新于":
				if in.modified == "" {
					in.modified = dp.parse(val)
				}
			case "摘要", "导读", "核心提示":
				if in.summary == "" && utf8.RuneCountInString(val) >= 10 {
					in.summary = val
				}
			}
		}
	}
	return in
}

// zhNames splits a labelled byline value into names: names are separated
// by spaces, 、, commas; the value ends at the first thing that is not a
// name (a date, a bracket, a pipe).
func zhNames(val, siteName string) []string {
	if i := strings.IndexAny(val, "|丨【[(（<"); i >= 0 {
		val = val[:i]
	}
	var out []string
	for _, f := range strings.FieldsFunc(val, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、;；/", r)
	}) {
		f = strings.Trim(f, " .。:：")
		if f == "" {
			continue
		}
		if unicode.IsDigit([]rune(f)[0]) {
			break // a date or a count: the names are over
		}
		if !isHanString(f) && len(out) > 0 {
			break // Latin after Chinese names is the next field, not a name
		}
		if !plausibleName(f, siteName) && f != "admin" {
			continue
		}
		out = append(out, f)
		if !isHanString(f) {
			break // a Latin handle ("admin", "zboygirl") stands alone
		}
	}
	return dedupe(out)
}

func zhSource(val string) string {
	if i := strings.IndexAny(val, " |丨【[(（<\u3000"); i >= 0 {
		val = val[:i]
	}
	val = strings.Trim(val, " .。:：")
	if utf8.RuneCountInString(val) > 30 {
		return ""
	}
	return val
}

// reZhReporter finds "记者 王建宏 张文攀" and "记者马俊峰/文" bylines,
// which portals print without a colon.
var reZhReporter = regexp.MustCompile(`(?:记者|通讯员|撰稿|文/|文／)[ \x{3000}]*(\p{Han}{2,4}(?:[ \x{3000}、，,]+\p{Han}{2,4})*)(?:$|[ \x{3000}/／)）】|丨。.]|报道|摄)`)

// scanReporter reads colon-less reporter bylines from short lines.
func scanReporter(lines []string, siteName string) []string {
	for _, line := range lines {
		if utf8.RuneCountInString(line) > 40 {
			continue
		}
		if m := reZhReporter.FindStringSubmatch(line); m != nil {
			if names := zhNames(m[1], siteName); len(names) > 0 {
				return names
			}
		}
	}
	return nil
}

// personalSource reports whether a 来源 value is a person's name (2 to 4
// Han characters, not an organisation's), which some pages print there.
func personalSource(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || !isHanString(s) {
		return false
	}
	for _, suffix := range []string{"报", "网", "社", "台", "局", "部", "会", "院", "站", "刊", "所", "办", "厅", "委", "中心", "公司", "集团", "政府", "日报", "本站", "原创", "转载", "网络", "综合", "新闻"} {
		if strings.HasSuffix(s, suffix) || strings.HasPrefix(s, suffix) {
			return false
		}
	}
	return true
}

// English bylines and dates printed near the title.
var (
	reEnBy = regexp.MustCompile(`(?i)^(?:written\s+|posted\s+|story\s+)?by\s+\S`)
	// Labels that say which date follows; one line may carry both
	// ("Published March 3, 2022 · Updated March 5, 2022").
	reEnDateLabel = regexp.MustCompile(`(?i)\b(first published|originally published|published|posted|date|last updated|updated|last modified|modified)\b(?:\s+on)?\s*:?\s*`)
)

// scanEnglish reads "By …", "Published …" and "Updated …" lines.
func scanEnglish(lines []string, dp dateParser, siteName string) inline {
	var in inline
	for _, line := range lines {
		if len(line) > 200 {
			continue
		}
		labels := reEnDateLabel.FindAllStringSubmatchIndex(line, -1)
		if len(in.authors) == 0 && reEnBy.MatchString(line) {
			in.authors = cleanAuthors(line, siteName)
			if in.published == "" && len(labels) == 0 {
				in.published = dp.parse(line)
			}
		}
		for i, m := range labels {
			// A label counts at the start of the line or after a byline,
			// a separator or a date, not inside a sentence.
			if m[0] > 0 && !reEnBy.MatchString(line) && !strings.ContainsAny(line[max(0, m[0]-3):m[0]], "|·•—–-,(") && !unicode.IsDigit(lastRune(line[:m[0]])) {
				continue
			}
			end := len(line)
			if i+1 < len(labels) {
				end = labels[i+1][0]
			}
			seg := line[m[1]:end]
			switch strings.ToLower(line[m[2]:m[3]]) {
			case "last updated", "updated", "last modified", "modified":
				if in.modified == "" {
					in.modified = dp.parse(seg)
				}
			default:
				if in.published == "" {
					in.published = dp.parse(seg)
				}
			}
		}
	}
	return in
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r
}
