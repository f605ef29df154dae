package pipeline

import (
	"testing"
	"time"
)

func TestURLDay(t *testing.T) {
	cases := map[string]string{
		"/2024/01/06/story":        "2024-01-06",
		"/cal/2024/1/6":            "2024-01-06",
		"/news/20240106/1187.html": "2024-01-06",
		"/2024-01-06-title":        "2024-01-06",
		"/a/2023/12/31":            "2023-12-31",
		"/2024/01/":                "", // a month archive, not a day
		"/2024/02/30/x":            "", // no such day
		"/2024/13/01/x":            "",
		"/1187.html":               "",
		"/p/120240106":             "", // digits inside a longer number
		"/article/20500101.html":   "", // eight digits as a file name: an id as often as a date
		"/20240106":                "",
		"/page/2":                  "",
	}
	for path, want := range cases {
		day, ok := urlDay(path)
		got := ""
		if ok {
			got = day.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("urlDay(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestDateWindowSkip(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	week := now.Add(-7 * 24 * time.Hour)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	cases := []struct {
		path    string
		lastmod time.Time
		window  time.Time
		want    string
	}{
		{"/2026/03/11/tomorrow", time.Time{}, time.Time{}, ""},
		{"/2026/03/13/ahead", time.Time{}, time.Time{}, "trap:future_date"},
		{"/cal/2027/3/10", time.Time{}, week, "trap:future_date"},
		{"/2020/01/01/old", time.Time{}, time.Time{}, ""}, // no window: old is fine
		{"/2020/01/01/old", time.Time{}, week, "too_old"},
		{"/2026/03/03/edge", time.Time{}, week, ""}, // the window's first day
		{"/2026/03/02/before", time.Time{}, week, "too_old"},
		{"/2020/01/01/updated", day("2026-03-09"), week, ""}, // the sitemap date decides
		{"/undated", day("2026-01-01"), week, "too_old"},
		{"/undated", time.Time{}, week, ""},
	}
	for _, c := range cases {
		if got := dateWindowSkip(c.path, c.lastmod, now, c.window); got != c.want {
			t.Errorf("dateWindowSkip(%q, lastmod %v, window %v) = %q, want %q",
				c.path, c.lastmod.Format(time.DateOnly), c.window.Format(time.DateOnly), got, c.want)
		}
	}
}
