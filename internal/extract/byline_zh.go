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
var reZhLabel = regexp.MustCompile(`(?:(责任编辑|编辑|作者|执笔人|执笔|撰稿人|发文机关|发文单位|发布机构|记者|通讯员|撰文|文|稿源|来源|出处|发布于|发布时间|发表于|发表时间|发布日期|更新时间|更新于|时间|日期|摘要|导读|核心提示|浏览次数|浏览|点击数|点击|阅读|字号|文字|评论|分享到|标签)\s*[:：]|(发表于|发布于|更新于|写于))\s*`)

// scanLabels reads labelled fields from lines. A label counts only at the
// start of the line or after a non-Han character, so "原文:" is not "文:".
func scanLabels(lines []string, dp dateParser, siteName string) inline {
	var in inline
	for li, line := range lines {
		// Every label is Han: lines without Han text (most of a
		// non-Chinese page) cannot hold one.
		if !mayContainHan(line) {
			continue
		}
		if !strings.ContainsAny(line, ":：") && !strings.Contains(line, "表于") && !strings.Contains(line, "布于") &&
			!strings.Contains(line, "新于") && !strings.Contains(line, "写于") {
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
			if val == "" && end == len(line) && zhCreditLabels[label] && li+1 < len(lines) {
				val = labelValueBelow(lines[li+1])
			}
			if val == "" {
				continue
			}
			switch label {
			case "作者", "记者", "撰文", "文", "通讯员", "执笔人", "执笔", "撰稿人", "发文机关", "发文单位", "发布机构":
				if len(in.authors) == 0 {
					in.authors = zhNames(val, siteName)
					in.authorFrom = label
				}
			case "责任编辑", "编辑":
				if in.editor == "" {
					if names := zhNames(val, ""); len(names) > 0 {
						in.editor = strings.Join(names, "、")
						in.editorLabel = label
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

// zhCreditLabels name who wrote or issued a text. Government and
// document pages print them in a table, the value in the cell after the
// label ("发文机关：" then "吉林省人民政府").
var zhCreditLabels = map[string]bool{"作者": true, "记者": true, "撰文": true, "通讯员": true, "执笔人": true,
	"执笔": true, "撰稿人": true, "发文机关": true, "发文单位": true, "发布机构": true}

// labelValueBelow returns the line under a bare label when it reads as
// the label's value: short, and no label of its own.
func labelValueBelow(next string) string {
	if utf8.RuneCountInString(next) > 20 || strings.ContainsAny(next, ":：") {
		return ""
	}
	return strings.TrimSpace(next)
}

// zhNames splits a labelled byline value into names: names are separated
// by spaces, 、, commas; the value ends at the first thing that is not a
// name (a date, a bracket, a pipe, the next label word). Single characters
// split by spaces are one name ("赵 培"); a Latin alias in brackets stays
// with its name ("周思博 (Joel Spolsky)").
func zhNames(val, siteName string) []string {
	alias := ""
	if m := reZhAlias.FindStringSubmatch(val); m != nil {
		val, alias = m[1], " ("+m[2]+")"
	}
	if i := strings.IndexAny(val, "|丨【】[]()（）<:："); i >= 0 {
		// A word glued to a colon is the next field's label ("流泉
		// 访问统计：2005年…"); after a space the colon starts a note
		// ("赵 培 ：北京物资学院").
		glued := strings.ContainsRune(":：", []rune(val[i:])[0]) && i > 0 && val[i-1] != ' '
		val = strings.TrimRight(val[:i], " ")
		if j := strings.LastIndexByte(val, ' '); glued && j >= 0 {
			val = val[:j]
		}
	}
	for _, stop := range zhStopWords {
		if i := strings.Index(val, stop); i >= 0 {
			val = val[:i]
		}
	}
	var out []string
	single := false // the last name so far is one Han character
	for _, f := range strings.FieldsFunc(val, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",，、;；/", r)
	}) {
		f = strings.Trim(f, " .。:：")
		for _, prefix := range zhCreditPrefixes {
			f = strings.TrimPrefix(f, prefix)
		}
		if f == "" {
			continue
		}
		if unicode.IsDigit([]rune(f)[0]) {
			break // a date or a count: the names are over
		}
		if !isHanString(f) && len(out) > 0 {
			break // Latin after Chinese names is the next field, not a name
		}
		n := utf8.RuneCountInString(f)
		if isHanString(f) && n == 1 {
			if single {
				out[len(out)-1] += f
				continue
			}
			out = append(out, f)
			single = true
			continue
		}
		single = false
		if isHanString(f) && n > 8 {
			return nil // a sentence, not a byline ("记者：首先欢迎你…")
		}
		if !plausibleName(f, siteName) && f != "admin" {
			continue
		}
		out = append(out, f)
		if !isHanString(f) {
			break // a Latin handle ("admin", "zboygirl") stands alone
		}
	}
	if len(out) > 0 && utf8.RuneCountInString(out[len(out)-1]) == 1 {
		out = out[:len(out)-1] // a lone character is not a name
	}
	if len(out) == 1 && alias != "" {
		out[0] += alias
	}
	return dedupe(out)
}

// zhCreditPrefixes are the roles printed before reporters' names
// ("本报记者 王磊", "本报讯 记者李娜"), longest first.
var zhCreditPrefixes = []string{"本报通讯员", "本报记者", "特约记者", "实习记者", "本报讯", "通讯员", "记者"}

var (
	reZhAlias = regexp.MustCompile(`^\s*(\p{Han}{2,4})\s*[(（]([A-Za-z][A-Za-z .'-]{1,40})[)）]`)
	// Label words printed without a colon after a byline ("赵婕 出自[…]").
	zhStopWords = []string{"出自", "来自", "来源", "出处", "编辑", "发布", "发表", "时间", "日期", "浏览", "点击", "阅读", "字号", "评论"}
)

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

// reZhReporter finds "记者 王建宏 张文攀", "记者马俊峰/文" and "本报记者罗科苏盈发自北京"
// bylines, which portals print without a colon.
var reZhReporter = regexp.MustCompile(`(?:记者|通讯员|撰稿|文/|文／)[ \x{3000}]*(\p{Han}{2,4}(?:[ \x{3000}、，,]+\p{Han}{2,4})*)[ \x{3000}]*(?:$|[ \x{3000}/／)）】|丨。.]|报道|摄|发自|\p{Han}{2,6}报道)`)

// reZhCredit finds the credit in brackets that closes many Chinese
// articles: "（记者 胡晓蓉）", "（姚峰 上海报道）", "(信报记者 蔡雪婧)", "（袁源）".
var reZhCredit = regexp.MustCompile(`[（(][ \x{3000}]*(?:[\p{Han}·]{0,8}?(记者|通讯员)[ \x{3000}]*)?(\p{Han}{2,4}(?:[ \x{3000}、，,]+\p{Han}{2,4})*?)[ \x{3000}]*(?:\p{Han}{2,6}报道|报道|摄|/摄)?[ \x{3000}]*[)）]`)

// scanReporter reads colon-less reporter bylines from short lines.
func scanReporter(lines []string, siteName string) []string {
	short := func(i int) bool { return i < 0 || i >= len(lines) || utf8.RuneCountInString(lines[i]) <= 6 }
	for i, line := range lines {
		if n := utf8.RuneCountInString(line); n > 80 || n <= 6 && short(i-1) && short(i+1) {
			continue // long prose, or an item of a menu ("记者江湖" among board names)
		}
		for _, m := range reZhReporter.FindAllStringSubmatch(line, 3) {
			if names := leadingPersonNames(m[1], siteName); len(names) > 0 {
				return names
			}
		}
	}
	return nil
}

// zhCreditVerb reports a word that says how a story was made, not by
// whom ("综合报道", "现场摄影").
func zhCreditVerb(s string) bool {
	for _, v := range []string{"报道", "摄影", "整理", "编译", "供稿", "采写", "发自", "综合", "编辑"} {
		if strings.Contains(s, v) {
			return true
		}
	}
	return false
}

// reZhDatelineName finds the name a portal prints in brackets after the
// time on its dateline: "2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]".
var reZhDatelineName = regexp.MustCompile(`\d{1,2}:\d{2}(?::\d{2})?[ \x{3000}]*[\[【][ \x{3000}]*(\p{Han}{2,4}(?:[ \x{3000}、]+\p{Han}{2,4})*)[ \x{3000}]*[\]】]`)

// scanDatelineName reads that name from the lines near the title.
func scanDatelineName(lines []string, siteName string) []string {
	for _, line := range lines {
		if utf8.RuneCountInString(line) > 120 || !strings.ContainsAny(line, "[【") {
			continue
		}
		if m := reZhDatelineName.FindStringSubmatch(line); m != nil {
			if names := zhPersonNames(m[1], siteName, false); len(names) > 0 {
				return names
			}
		}
	}
	return nil
}

// scanCredit reads the bracketed credit of an article's text; without the
// word 记者 every name must start with a Chinese surname, so "（上）" or
// "（图片）" are not taken for people.
func scanCredit(lines []string, siteName string) []string {
	for _, line := range lines {
		if !strings.ContainsAny(line, "(（") {
			continue
		}
		for _, m := range reZhCredit.FindAllStringSubmatchIndex(line, -1) {
			credit := line[m[0]:m[1]]
			if utf8.RuneCountInString(credit) > 24 {
				continue
			}
			// Without the word 记者 the brackets must close the paragraph
			// after a finished sentence (or stand alone), as a credit does.
			if m[2] < 0 {
				before := strings.TrimSpace(line[:m[0]])
				last, _ := utf8.DecodeLastRuneInString(before)
				if strings.TrimSpace(line[m[1]:]) != "" || before != "" && !strings.ContainsRune("。！？!?”」…", last) {
					continue
				}
			}
			if names := zhPersonNames(line[m[4]:m[5]], siteName, m[2] >= 0); len(names) > 0 {
				return names
			}
			// Tibetan and Uyghur names in Han characters have no surname
			// ("（记者 格桑边觉）"); the bracket and the title vouch for four.
			if m[2] >= 0 {
				if names := zhNames(line[m[4]:m[5]], siteName); len(names) == 1 && utf8.RuneCountInString(names[0]) == 4 && isHanString(names[0]) && !zhOrgName(names[0]) && !zhCreditVerb(names[0]) {
					return names
				}
			}
		}
	}
	return nil
}

// leadingPersonNames keeps the names after a reporter's title up to the
// first that is not a person's: a dateline's place runs on after them
// ("记者 彭冲 山东冠县报道").
func leadingPersonNames(val, siteName string) []string {
	names := zhNames(val, siteName)
	for i, n := range names {
		if !zhPersonName(n, true) {
			return names[:i]
		}
	}
	return names
}

// mostlyHan reports whether a page's text is Chinese: Han characters
// outnumber Latin letters in its first lines. Blog and forum pages often
// carry a Latin <title> ("China-Pub blog--洞庭一叶") and no lang.
func mostlyHan(lines []string) bool {
	han, latin := 0, 0
	for i, l := range lines {
		if i == 400 {
			break
		}
		for _, r := range l {
			// Latin letters first: no Han character is below U+0250, and
			// most of a Latin page's runes are, so the Han table is
			// searched only for the rest.
			switch {
			case r < 0x250:
				if unicode.IsLetter(r) {
					latin++
				}
			case unicode.Is(unicode.Han, r):
				han++
			}
		}
	}
	return han > 50 && han > latin
}

// zhPersonNames splits names and keeps them only if each looks like a
// Chinese personal name: a surname and one or two more characters, or
// three after a reporter's title (reporter), which vouches for a name.
func zhPersonNames(val, siteName string, reporter bool) []string {
	names := zhNames(val, siteName)
	for _, n := range names {
		if !zhPersonName(n, reporter) {
			return nil
		}
	}
	return names
}

func zhPersonName(n string, reporter bool) bool {
	rs := []rune(n)
	if len(rs) < 2 || len(rs) > 4 || !isHanString(n) {
		return false
	}
	if len(rs) >= 3 && zhCompoundSurnames[string(rs[:2])] {
		return true
	}
	return (len(rs) <= 3 || reporter) && strings.ContainsRune(zhSurnames, rs[0])
}

// Common Chinese surnames, for telling a name from a word.
const zhSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由风"

var zhCompoundSurnames = map[string]bool{"欧阳": true, "司马": true, "上官": true, "诸葛": true, "东方": true,
	"皇甫": true, "尉迟": true, "公孙": true, "令狐": true, "慕容": true, "宇文": true, "长孙": true, "司徒": true,
	"夏侯": true, "端木": true, "西门": true, "南宫": true, "独孤": true}

// reZhPoster finds forum and blog posters: "本贴由大卫于2005年…发表",
// "由海姑娘张贴 @ 2005-06-14", "ggjjzhzz 发表于 2005-9-15",
// "发布时间 2005/03/15 22:36:13 by duscha".
var reZhPoster = regexp.MustCompile(`(?:本[贴帖]由\s*([^\s于]{2,20}?)\s*于|由\s*(\S{2,20}?)\s*张贴|^(\S{2,20})\s+发表于|\d{1,2}:\d{2}(?::\d{2})?\s+by\s+(\S{2,30}))`)

// scanPoster reads the first forum or blog poster credit in lines.
func scanPoster(lines []string, siteName string) []string {
	for _, line := range lines {
		if utf8.RuneCountInString(line) > 120 {
			continue
		}
		m := reZhPoster.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, g := range m[1:] {
			if g = strings.Trim(g, " .。:：〓"); g != "" && plausibleName(g, siteName) {
				return []string{g}
			}
		}
	}
	return nil
}

// nameSeparatorStripper removes the separators between names in a line.
var nameSeparatorStripper = strings.NewReplacer(" ", "", "、", "", "，", "")

// nameUnderHeading finds the names printed alone on a line under the
// article's heading, as reposted essays and papers credit their authors
// ("社会资本…的再就业" then "赵延东、风笑天"). The heading is a line that is
// the title, holds it or is held by it (a <title> adds the board and the
// site); on a page whose title is no help ("显示") its first line stands
// in. Every name must start with a surname, so a menu is not a credit.
func nameUnderHeading(window []string, title, siteName string) []string {
	nt := normTitle(title)
	located := false
	try := func(i int) []string {
		for _, next := range window[i+1 : min(len(window), i+3)] {
			if utf8.RuneCountInString(next) > 12 {
				continue
			}
			names := zhPersonNames(next, siteName, false)
			if len(names) > 0 && strings.Join(names, "") == nameSeparatorStripper.Replace(next) {
				return names
			}
		}
		return nil
	}
	for i, l := range window {
		nl := normTitle(l)
		if nt == "" || nl == "" {
			continue
		}
		heading := nl == nt || strings.Contains(nl, nt) && len(nl) < 2*len(nt)+20 ||
			utf8.RuneCountInString(nl) >= 6 && strings.Contains(nt, nl)
		if !heading {
			continue
		}
		located = true
		if names := try(i); len(names) > 0 {
			return names
		}
	}
	// Without a located title, only the first line's credit counts, and
	// only when text follows it, not more short items of a menu.
	if !located && len(window) > 2 && utf8.RuneCountInString(window[0]) >= 5 && !strings.ContainsAny(window[0], "|»>") &&
		utf8.RuneCountInString(window[2]) >= 10 {
		if names := try(0); len(names) > 0 && strings.Contains(window[1], names[0]) {
			return names
		}
	}
	return nil
}

// zhOrgName reports whether a credit names an organisation or a site,
// not a person: a Chinese name ending like one (网, 社, 报, 集团, …), a
// domain, a CMS account id.
func zhOrgName(n string) bool {
	if strings.Contains(n, ".") && !strings.Contains(n, " ") || strings.Contains(n, "_") && strings.ContainsAny(n, "0123456789") {
		return true
	}
	if !isHanString(n) {
		return false
	}
	for _, suffix := range []string{"网", "社", "报", "台", "集团", "公司", "出版社", "期刊", "中心", "网络", "政府", "委员会", "研究院", "杂志"} {
		if strings.HasSuffix(n, suffix) {
			return true
		}
	}
	return false
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
