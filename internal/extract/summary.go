package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Summary limits: about two sentences of English, or of Chinese.
const (
	summaryMaxRunes    = 200
	summaryMaxHanRunes = 120
)

// leadSummary returns the opening sentence(s) of body for pages that give no
// summary of their own: the first real paragraph (not a byline, dateline,
// caption or other clutter), cut at sentence ends to at most ~200
// characters, or 120 for Chinese, Japanese and Korean. "" when body has no
// paragraph worth quoting.
func leadSummary(body string, lang string) string {
	for _, line := range strings.Split(body, "\n") {
		line = normalizeSpace(line)
		if line == "" || isClutterLine(line) || !leadWorthy(line) {
			continue
		}
		limit := summaryMaxRunes
		if isCJKLang(lang) || hanShareOf(line) > 0.3 {
			limit = summaryMaxHanRunes
		}
		return cutSentences(line, limit)
	}
	return ""
}

// leadWorthy reports a line that reads as a sentence of prose.
func leadWorthy(line string) bool {
	w := textWeight(line)
	if w < 40 {
		return false
	}
	for _, r := range line {
		if r == '.' || r == '!' || r == '?' || r == '。' || r == '！' || r == '？' || r == '，' || r == ',' {
			return true
		}
	}
	return w >= 100
}

func hanShareOf(s string) float64 {
	han, all := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		all++
		if isCJK(r) {
			han++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(han) / float64(all)
}

// cutSentences keeps whole sentences of s up to limit runes; a first
// sentence longer than limit is cut at a word boundary and marked "…".
func cutSentences(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	end, runes := 0, 0
	prev := rune(0)
	for i, r := range s {
		runes++
		if runes > limit {
			break
		}
		switch r {
		case '。', '！', '？', '；':
			end = i + utf8.RuneLen(r)
		case ' ':
			if (prev == '.' || prev == '!' || prev == '?') && i > 0 {
				end = i
			}
		}
		prev = r
	}
	if end > 0 {
		return strings.TrimSpace(s[:end])
	}
	// No sentence end within the limit: cut at the last space, or at the
	// limit for scripts without spaces.
	cut, runes := 0, 0
	for i := range s {
		if runes == limit-1 {
			cut = i
			break
		}
		runes++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
