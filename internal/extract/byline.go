package extract

import (
	stdhtml "html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

var (
	// Leading words that introduce a byline rather than belong to a name.
	// Latin words must end at a space or colon, so "Parisa" is not "Par isa".
	reBylinePrefix = regexp.MustCompile(`(?i)^\s*(?:(?:(?:view\s+all|more)\s+(?:posts|articles|stories)\s+by|(?:posts|articles|stories)\s+by|more\s+(?:about|from))(?:\s*[:：]\s*|\s+)|(?:(?:written|posted|published|reported|story|words|text|photos?|recipe|authored|compiled|created)\s+)?(?:by|von|par|por|door|di|av|af|autor(?:in)?|author|authors|auteur)(?:\s*[:：/]\s*|\s+|$)|(?:作者|记者|撰文)\s*[:：/]?\s*|文\s*[:：/]\s*)`)
	// Where a byline stops being names: dates, "Updated", separators.
	reBylineStop = regexp.MustCompile(`(?i)\s*(?:\||•|·|⋅|—|–|\bon\s+(?:\w+\s+)?\d|\bon\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bon\s+behalf\b|\blast\s+(?:updated|modified|reviewed|edited)\b|\b(?:medically\s+)?(?:reviewed|edited|fact[- ]checked|illustrated|narrated)\s+by\b|\bpublished\b|\bupdated\b|\bposted\b|\d{1,2}:\d{2}|\d{4}[-/年.]\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmin(?:ute)?s?\s+read\b|\bfollow\b|\bshare\b).*$`)
	// A category after the name ("By Fred in Woodworking"); case matters.
	reBylineIn = regexp.MustCompile(`\s+in\s+\p{Lu}.*$`)
	// Strong separators between credits; "and" and its kin split further
	// unless the part is a role.
	reSplitParts = regexp.MustCompile(`\s*(?:,|，|;|；)\s*`)
	reSplitNames = regexp.MustCompile(`\s*(?:、|&|\band\b|\bund\b|\bet\b|\by\b| 和 |\bwith\b)\s*`)
	// Job titles that follow a name ("Jane Doe, Staff Writer").
	reRole = regexp.MustCompile(`(?i)^(?:the\s+)?(?:senior\s+|sr\.?\s+|chief\s+|staff\s+|special\s+|contributing\s+|associate\s+|managing\s+|executive\s+|deputy\s+)*(?:staff|writer|reporter|editor|correspondent|contributor|columnist|journalist|producer|photographer|analyst|news\s+desk|desk|team|intern|guest\s+author|guest|author|administrator)s?$`)
	// Nouns that end a job title ("Senior Staff Technologist", "Home and
	// Digital Security Expert"): a comma part ending in one is a role.
	reRoleNoun  = regexp.MustCompile(`(?i)(?:^|\s)(?:writer|reporter|editor|editor-in-chief|correspondent|contributor|columnist|journalist|producer|photographer|analyst|intern|expert|director|founder|co-founder|cofounder|ceo|cto|cfo|president|manager|officer|lead|head|specialist|consultant|technologist|strategist|scientist|researcher|engineer|developer|designer|marketer|dietitian|nutritionist|attorney|lawyer|partner|advisor|adviser|coach|instructor|professor|lecturer|fellow|student|winemaker|chef|reviewer|grader|owner|member|volunteer|blogger|host|curator|coordinator|representative|associate|executive|staff|team|desk)s?\.?$`)
	reBracketed = regexp.MustCompile(`\([^()]*\)`)
	// Professional credentials that stay attached to a name. Capitals
	// alone (MBA, CPA, RDN, CSSD) are any 2-6 letters, so only credentials
	// with dots or lower case are listed.
	reCredential = regexp.MustCompile(`^(?:[A-Z]{2,6}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|MSc|BSc)$`)
)

// cleanAuthors turns one raw byline into names: prefixes ("By"), roles,
// dates, emails and URLs removed; split on commas, "and", 、 and similar
// (never inside brackets). A comma part that is a job title ends the
// list: what follows it is the employer ("Jane Doe, Staff Technologist,
// ACLU"). siteName, when known, is rejected as an author.
func cleanAuthors(raw, siteName string) []string {
	s := collapseSpace(stdhtml.UnescapeString(raw)) // metas are often escaped twice
	if s == "" || len(s) > 400 {
		return nil
	}
	s = reBylinePrefix.ReplaceAllString(s, "")
	s = reBylineStop.ReplaceAllString(s, "")
	s = reBylineIn.ReplaceAllString(s, "")
	var out []string
parts:
	for i, part := range splitOutsideBrackets(s, reSplitParts) {
		part = trimName(part)
		if part == "" {
			continue
		}
		if reCredential.MatchString(part) && len(out) > 0 {
			out[len(out)-1] += ", " + part
			continue
		}
		if reRole.MatchString(part) {
			continue
		}
		if i > 0 && len(out) > 0 && reRoleNoun.MatchString(part) {
			break parts // "Paul Frew, Home and Digital Security Expert, Acme"
		}
		names := splitOutsideBrackets(part, reSplitNames)
		for _, name := range names {
			// A single letter beside "&" belongs to one name ("Mac & i",
			// "AT & T"), not to a list of people.
			if r := []rune(trimName(name)); len(names) > 1 && len(r) == 1 && unicode.IsLetter(r[0]) && !unicode.Is(unicode.Han, r[0]) {
				names = []string{part}
				break
			}
		}
		for _, name := range names {
			name = joinSpacedHan(reBylinePrefix.ReplaceAllString(trimName(name), ""))
			if name == "" || reRole.MatchString(name) || !plausibleName(name, siteName) {
				continue
			}
			out = append(out, name)
		}
	}
	return dedupe(out)
}

// joinSpacedHan closes the spaces a template puts between the characters
// of a Chinese name to align it ("赵  培" is 赵培).
func joinSpacedHan(s string) string {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 4 {
		return s
	}
	for _, w := range f {
		if utf8.RuneCountInString(w) != 1 || !unicode.Is(unicode.Han, []rune(w)[0]) {
			return s
		}
	}
	return strings.Join(f, "")
}

// trimName strips the punctuation around a name, keeping brackets that
// belong to it ("Bruno (Henrique) Rodrigues", "Kuhn (bkuhn)") and the
// full stop of a credential or initial ("Ph.D.", "Jr.").
func trimName(s string) string {
	s = strings.Trim(s, " :：-–—|/\"'“”【】»«›‹>")
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && strings.Count(s, "(") == 1 {
		s = s[1 : len(s)-1]
	}
	for _, br := range [][2]string{{"(", ")"}, {"[", "]"}} {
		if strings.Count(s, br[0]) < strings.Count(s, br[1]) {
			s = strings.TrimRight(s, br[1])
		}
		if strings.Count(s, br[0]) > strings.Count(s, br[1]) {
			s = strings.TrimLeft(s, br[0])
		}
	}
	s = strings.Trim(s, " :：-–—|/")
	if strings.HasSuffix(s, ".") {
		f := strings.Fields(s)
		if last := f[len(f)-1]; !(strings.Count(last, ".") >= 2 || reCredential.MatchString(last)) {
			s = strings.TrimRight(s, ". ")
		}
	}
	return strings.TrimSpace(s)
}

// splitOutsideBrackets splits s at matches of sep that are not inside
// round brackets.
func splitOutsideBrackets(s string, sep *regexp.Regexp) []string {
	if !strings.Contains(s, "(") {
		return sep.Split(s, -1)
	}
	var out []string
	start := 0
	for _, m := range sep.FindAllStringIndex(s, -1) {
		if strings.Count(s[:m[0]], "(") > strings.Count(s[:m[0]], ")") {
			continue
		}
		out = append(out, s[start:m[0]])
		start = m[1]
	}
	return append(out, s[start:])
}

// plausibleName rejects values that are not a person's (or a desk's) name:
// URLs, emails, long phrases, the site's own name.
func plausibleName(s, siteName string) bool {
	if strings.ContainsAny(s, "@=<>{}\"■□●◆★") || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") {
		return false
	}
	n := utf8.RuneCountInString(s)
	if n < 2 && !isHanString(s) || n > 60 || strings.IndexFunc(s, unicode.IsLetter) < 0 {
		return false
	}
	if siteName != "" && strings.EqualFold(s, siteName) {
		return false
	}
	if isHanString(s) {
		return n <= 12
	}
	// Words in brackets are an alias or a note, not more name.
	words := strings.Fields(reBracketed.ReplaceAllString(s, ""))
	if len(words) > 5 {
		return false
	}
	digits := 0
	for _, r := range s {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	if digits > 0 && len(words) > 1 {
		return false
	}
	switch strings.ToLower(s) {
	case "staff", "unknown", "anonymous", "null", "undefined", "guest", "share", "facebook", "twitter",
		"email", "print", "comments", "comment", "more", "follow", "view all posts", "posts", "full bio", "bio",
		"read more", "view profile", "webmaster", "about", "about the author", "contact":
		return false
	}
	return true
}

// isHanString reports whether s is mostly Han characters.
func isHanString(s string) bool {
	han, other := 0, 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han++
		} else if !unicode.IsSpace(r) {
			other++
		}
	}
	return han > 0 && han >= other
}

func dedupe(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		k := strings.ToLower(s)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, s)
	}
	return out
}

// nameParticles are the lower-case words inside personal names.
var nameParticles = map[string]bool{"de": true, "da": true, "di": true, "del": true, "della": true, "der": true,
	"den": true, "van": true, "von": true, "la": true, "le": true, "du": true, "dos": true, "das": true, "do": true,
	"bin": true, "ibn": true, "al": true, "el": true, "ter": true, "ten": true, "zu": true, "y": true, "e": true,
	"st.": true, "mc": true}

// looksLikeName reports whether visible text is shaped like a person's
// name (or a handle): a lone word, or up to six words that each start
// with a capital, an initial or a particle. Text on a page that fails
// this is a sentence, a bio or a category, not a credit.
func looksLikeName(s string) bool {
	if isHanString(s) {
		// Chinese names have no spaces; words apart are a widget's labels
		// ("中国新闻网 文章 总阅读").
		// A single character is a word or a fragment ("章" of "文章").
		n := utf8.RuneCountInString(s)
		return !strings.Contains(s, " ") && n >= 2 && n <= 8 && !zhOrgName(s)
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	if len(words) == 1 {
		return true
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(\"'“"))
		if unicode.IsUpper(r) || nameParticles[strings.ToLower(w)] || reCredential.MatchString(strings.Trim(w, ",()")) {
			continue
		}
		if !unicode.IsLetter(r) && r != utf8.RuneError {
			continue
		}
		return false
	}
	return true
}

// roleTail strips a job title printed after a name without a comma
// ("Rachel MacDonald Writer", "Ben Silverman Games Editor",
// "Mateusz HabernyFounder at Oakywood"): from the first role noun, back
// over words that are capitalised modifiers, as long as two name words
// remain.
func roleTail(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		// A title glued to the surname: "HabernyFounder".
		if i > 0 {
			if j := gluedRole(w); j > 0 {
				words = append(append([]string{}, words[:i]...), w[:j])
				return strings.Join(words, " ")
			}
		}
		if i < 2 || !reRoleNoun.MatchString(w) {
			continue
		}
		cut := i
		for cut > 2 && roleModifiers[strings.ToLower(words[cut-1])] {
			cut--
		}
		return strings.Join(words[:cut], " ")
	}
	return name
}

// roleModifiers precede a role noun in a job title ("Senior Tech Reporter").
var roleModifiers = map[string]bool{"senior": true, "sr.": true, "staff": true, "chief": true, "lead": true,
	"head": true, "former": true, "contributing": true, "managing": true, "executive": true, "deputy": true,
	"associate": true, "assistant": true, "special": true, "guest": true, "freelance": true, "tech": true,
	"technology": true, "games": true, "gaming": true, "business": true, "sports": true, "health": true,
	"science": true, "politics": true, "political": true, "travel": true, "food": true, "music": true,
	"film": true, "news": true, "features": true, "opinion": true, "digital": true, "social": true,
	"media": true, "content": true, "marketing": true, "product": true, "data": true, "video": true,
	"photo": true, "copy": true, "web": true, "national": true, "foreign": true, "legal": true, "medical": true,
	"investigative": true, "entertainment": true, "culture": true, "style": true, "fashion": true,
	"editorial": true, "research": true, "commerce": true, "shopping": true, "deals": true, "review": true,
	"reviews": true, "general": true, "regional": true, "local": true, "weekend": true, "night": true,
	"&": true, "and": true, "of": true, "the": true}

// gluedRole returns where a role noun glued to a name begins in w
// ("HabernyFounder" gives 6), or 0.
func gluedRole(w string) int {
	for i, r := range w {
		if i == 0 || !unicode.IsUpper(r) {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(w[:i])
		if unicode.IsLower(prev) && reRoleNoun.MatchString(w[i:]) && strings.ToLower(w[i:]) != "team" {
			return i
		}
	}
	return 0
}

// visibleAuthors cleans a byline read from the page's text, which is
// noisier than metadata: every name must look like one, or the whole
// text is rejected.
func visibleAuthors(raw, siteName string) []string {
	names := cleanAuthors(raw, siteName)
	for i, n := range names {
		n = roleTail(n)
		if !looksLikeName(n) {
			return nil
		}
		names[i] = n
	}
	return names
}

// authorInputs is what the metadata chain hands to chooseAuthors: the
// page's walk, its JSON-LD, the labelled text found near the title.
type authorInputs struct {
	page     *page
	ld       *ldArticle
	zh, en   inline
	window   []string // lines near the title
	title    string
	siteName string
	host     string
	zhPage   bool
}

// chooseAuthors picks the page's authors and names the source they came
// from. Declared authors (JSON-LD, then <meta>) win when they name people;
// a declared value that is the site, an organisation or an account
// handle waits until the visible credits (microdata, labelled text,
// rel=author, byline elements, "By …" lines) have been tried, and is used
// only when the page shows nobody else.
func chooseAuthors(in authorInputs) ([]string, string) {
	p := in.page
	var fallback []string
	fallbackFrom := ""
	keepFallback := func(names []string, from string) {
		if fallback == nil && len(names) > 0 {
			fallback, fallbackFrom = names, from
		}
	}
	// declared cleans metadata values; names that are not credits at
	// all (placeholders, zh portals' own accounts) are dropped here.
	declared := func(raws ...string) []string {
		var names []string
		for _, r := range raws {
			for _, n := range cleanAuthors(r, "") {
				if placeholderAuthor(n) || strings.ContainsAny(n, ":：") || in.zhPage && (zhOrgName(n) || corporateSuffix(n) || sameAsSite(n, in.siteName, in.host)) {
					continue
				}
				names = append(names, n)
			}
		}
		return dedupe(names)
	}
	try := func(from string, names []string) ([]string, bool) {
		strong, weak := splitWeak(names, in.siteName, in.host)
		if len(strong) > 0 {
			return strong, true
		}
		keepFallback(weak, from)
		return nil, false
	}
	if names, ok := try("jsonld", declared(in.ld.authors...)); ok {
		return names, "jsonld"
	}
	for _, k := range metaAuthorKeys {
		if names, ok := try("meta:"+k, declared(p.meta[k]...)); ok {
			return names, "meta:" + k
		}
	}
	// Microdata authors beside the first one: cards of related posts
	// further down carry their own.
	var ip []string
	var ipParent *html.Node
	for _, n := range p.itemprop["author"] {
		if n.Data == "meta" {
			continue
		}
		if ipParent == nil {
			ipParent = n.Parent
		} else if n.Parent != ipParent {
			continue
		}
		ip = append(ip, itempropName(n))
	}
	if names, ok := try("itemprop", declared(ip...)); ok {
		return names, "itemprop"
	}
	if len(in.zh.authors) > 0 {
		return in.zh.authors, "text:" + in.zh.authorFrom
	}
	var rel []string
	for _, n := range p.relAuth {
		rel = append(rel, visibleAuthors(spacedText(n), "")...)
	}
	if names, ok := try("rel-author", dedupe(rel)); ok {
		return names, "rel-author"
	}
	if names, ok := try("byline-element", stripSite(bylineElementNames(p.bylines), in.siteName)); ok {
		return names, "byline-element"
	}
	if len(in.en.authors) > 0 {
		if names, ok := try("text:by", stripSite(in.en.authors, in.siteName)); ok {
			return names, "text:by"
		}
	}
	if !in.zhPage {
		if names, ok := try("text:written-by", stripSite(writtenByAnywhere(p.lines, in.siteName), in.siteName)); ok {
			return names, "text:written-by"
		}
	}
	if in.zhPage {
		if names, from := zhTextAuthors(p.lines, in.window, in.title, in.siteName); len(names) > 0 {
			return names, from
		}
	}
	// Last resorts, for pages whose only credit is the editor or a person
	// named as the source: the editor stays in Editor as well. A 责任编辑
	// (desk editor) under a named source ("来源：新华社") signed off an
	// agency's story and is not its author; a plain 编辑 on a page is
	// usually the one who put it together.
	if in.zh.editor != "" && (in.zh.editorLabel == "编辑" || in.zh.source == "") {
		return strings.Split(in.zh.editor, "、"), "text:editor"
	}
	if personalSource(in.zh.source) {
		return []string{in.zh.source}, "text:source"
	}
	if in.zhPage {
		return nil, "" // Chinese portals credit their own site in metadata: not an author
	}
	// The site or an organisation credited as the author, when nobody
	// else is: a company blog's post is by the company.
	var keep []string
	for _, n := range fallback {
		if !corporateSuffix(n) {
			keep = append(keep, n)
		}
	}
	if len(keep) > 0 {
		return keep, fallbackFrom + ":site"
	}
	return nil, ""
}

// splitWeak separates people from credits that name the site, an
// organisation or an account handle.
func splitWeak(names []string, siteName, host string) (strong, weak []string) {
	for _, n := range names {
		if sameAsSite(n, siteName, host) || handleLike(n) || corporateSuffix(n) {
			weak = append(weak, n)
		} else {
			strong = append(strong, n)
		}
	}
	return strong, weak
}

// foldKey is the comparison form of a name: letters and digits only,
// lower-cased.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameAsSite reports whether a credit is the site itself: its name, part
// of it ("Paycom" of "Paycom.com"), the name plus a word ("Automateed
// Team"), or a label of the host.
func sameAsSite(name, siteName, host string) bool {
	k := foldKey(strings.TrimPrefix(strings.ToLower(name), "the "))
	if k == "" {
		return false
	}
	if s := foldKey(siteName); s != "" {
		if k == s || len(k) >= 4 && strings.Contains(s, k) || len(s) >= 4 && strings.Contains(k, s) {
			return true
		}
	}
	for _, label := range strings.Split(strings.ToLower(host), ".") {
		if len(label) >= 4 && (label == k || len(k) >= 5 && strings.Contains(label, k)) {
			return true
		}
	}
	return false
}

// handleLike reports whether a credit is an account name rather than a
// person's: one token with dots, underscores, digits or no capital
// ("andrew.keaveney", "CC7567", "editor2").
func handleLike(name string) bool {
	if strings.ContainsAny(name, " ") || isHanString(name) {
		return false
	}
	return strings.ContainsAny(name, "._@0123456789") || strings.ToLower(name) == name
}

// corporateSuffix reports whether a credit ends like a company's or an
// institution's name.
func corporateSuffix(name string) bool {
	f := strings.Fields(strings.ToLower(strings.Trim(name, "() ")))
	if len(f) < 2 {
		return false
	}
	switch strings.Trim(f[len(f)-1], ".,()") {
	case "inc", "llc", "ltd", "corp", "corporation", "gmbh", "plc", "pc", "group", "university", "college",
		"official", "llp", "limited", "research", "publishers", "publishing", "press":
		return true
	}
	return false
}

// placeholderAuthor reports values that credit nobody: CMS accounts and
// unfilled template fields.
func placeholderAuthor(name string) bool {
	switch strings.ToLower(name) {
	case "admin", "administrator", "webmaster", "root", "user", "editor", "author", "default", "system", "wordpress":
		return true
	}
	if strings.Contains(name, "{{") || strings.Contains(name, "${") {
		return true
	}
	// The CMS's own credit left in a template ("Discuz! Team").
	lower := strings.ToLower(name)
	for _, cms := range []string{"discuz", "comsenz", "phpwind", "dedecms", "joomla", "wordpress"} {
		if strings.Contains(lower, cms) && (lower == cms || strings.HasSuffix(lower, " team")) {
			return true
		}
	}
	// "page.head.extra.author"
	return !strings.Contains(name, " ") && strings.Count(name, ".") >= 2 && strings.ToLower(name) == name
}

// bylineElementNames reads the first byline element that holds a
// plausible credit. Within an element, a part naming the name (class or
// itemprop "name", as Readability reads it) is preferred to the whole,
// which often adds a role, a date or a bio.
func bylineElementNames(nodes []*html.Node) []string {
	for _, n := range nodes {
		// A caption inside an author card ("文章", "总阅读") labels a
		// count, not a person.
		if cl := strings.ToLower(attr(n, "class")); strings.Contains(cl, "label") || strings.Contains(cl, "count") {
			continue
		}
		text, named := nameText(n), true
		if text == "" {
			text, named = spacedText(n), false
		}
		if text == "" || utf8.RuneCountInString(text) > 160 {
			continue
		}
		names := visibleAuthors(text, "")
		// A lone word is a name only where the page says so: a name
		// element or "By …"; otherwise it is a category or a weekday.
		if len(names) == 1 && !strings.Contains(names[0], " ") && !isHanString(names[0]) && !named && !reBylinePrefix.MatchString(text) {
			continue
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// stripSite removes the site's name printed after a person's
// ("Brian Truitt USA TODAY").
func stripSite(names []string, siteName string) []string {
	if siteName == "" {
		return names
	}
	for i, n := range names {
		if len(n) > len(siteName)+3 && strings.HasSuffix(strings.ToLower(n), " "+strings.ToLower(siteName)) {
			if rest := strings.TrimSpace(n[:len(n)-len(siteName)]); looksLikeName(rest) && strings.Contains(rest, " ") && unicode.IsLetter(lastRune(rest)) {
				names[i] = rest
			}
		}
	}
	return names
}

// nameText returns the text of the elements under n whose itemprop is
// name, or whose class names an author's or byline's name, joined with
// commas (a byline may hold several); "" if there are none.
func nameText(n *html.Node) string {
	var names []string
	budget := 300
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		for ch := c.FirstChild; ch != nil && budget > 0; ch = ch.NextSibling {
			budget--
			if ch.Type != html.ElementNode {
				continue
			}
			ip := strings.ToLower(attr(ch, "itemprop"))
			cl := strings.ToLower(attr(ch, "class"))
			if hasWord(ip, "name") || strings.Contains(cl, "name") && (strings.Contains(cl, "author") || strings.Contains(cl, "byline")) {
				if t := spacedText(ch); t != "" {
					names = append(names, t)
					continue
				}
			}
			walk(ch)
		}
	}
	walk(n)
	return strings.Join(names, ", ")
}

// inlineTags join their text to their neighbours' without a space.
var inlineTags = map[string]bool{"b": true, "i": true, "em": true, "strong": true, "u": true, "sup": true,
	"sub": true, "small": true, "mark": true, "abbr": true, "font": true}

// spacedText is n's text with a space at element boundaries, so parts a
// template glues together ("Dec 17, 2025<span>Julian K. Arni</span>")
// stay apart.
func spacedText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			return
		case html.ElementNode:
			switch c.Data {
			case "script", "style", "noscript", "template", "svg", "button", "select":
				return
			}
		}
		sep := c.Type == html.ElementNode && !inlineTags[c.Data]
		if sep {
			b.WriteByte(' ')
		}
		for ch := c.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
		if sep {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapseSpace(b.String())
}
