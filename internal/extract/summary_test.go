package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLeadSummary(t *testing.T) {
	long := strings.Repeat("word ", 60)
	tests := []struct {
		name, body, lang, want string
	}{
		{"first sentences within the limit",
			"By Jane Doe\nThe council voted on Tuesday to close the bridge. Repairs will take a year. Traffic will be diverted through the town centre for the whole of that time, officials said, and buses will run every ten minutes.",
			"en", "The council voted on Tuesday to close the bridge. Repairs will take a year."},
		{"skips Chinese clutter lines",
			"当前位置：首页 > 新闻\n作者:admin 发布于:2024-01-06\n　　记者今天从市政府获悉，全市今年将新建学校十所。这些学校将在明年投入使用。",
			"zh", "记者今天从市政府获悉，全市今年将新建学校十所。这些学校将在明年投入使用。"},
		{"cuts a long sentence at a word", long, "en", strings.TrimSpace(long[:strings.LastIndexByte(long[:199], ' ')]) + "…"},
		{"nothing worth quoting", "Home\nShare Tweet Email", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := leadSummary(tt.body, tt.lang); got != tt.want {
				t.Errorf("leadSummary = %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLeadSummaryChineseLimit(t *testing.T) {
	body := strings.Repeat("这是一个很长的句子，没有句号而且一直写下去", 20)
	got := leadSummary(body, "zh")
	if n := utf8.RuneCountInString(got); n > summaryMaxHanRunes+1 || n < 60 {
		t.Errorf("summary of %d runes: %q", n, got)
	}
}
