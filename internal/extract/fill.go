package extract

// Choosing between readability's candidate and ours when ours holds all of
// readability's plus what readability missed: the article's beginning
// (extendsReadability) or blocks it dropped from the middle (the rest of
// this comment, fillsReadability).
//
// Readability scores paragraphs one by one and keeps the siblings of its
// best container that pass its tests: a section of an article it finds
// weaker (a table, a run of short list items, a block in a wrapper of its
// own) falls out from between paragraphs it keeps. Our density candidate
// keeps such a section. What lies after an article (comments, related
// stories, live feeds) or before it (tickers, bylines) is where the
// boilerplate is, so only the text ours adds between readability's first
// and last long paragraphs counts as evidence, and a listing there (teaser
// cards each stamped with a date) disqualifies it.

import "strings"

const (
	// fillAnchorWeight is the weight of a line of readability's that
	// marks the article's extent: a paragraph of prose, not a heading or
	// a caption.
	fillAnchorWeight = 80
	// fillMinShare is the good text ours must add inside that extent,
	// as a share of readability's good text.
	fillMinShare = 0.1
	// fillMaxOutside bounds the text ours adds outside it, as a share of
	// readability's good text: beyond that, ours is mostly something else.
	fillMaxOutside = 1.0
	// dateLineWeight is the longest line taken for an item's date stamp.
	dateLineWeight = 40
)

// coversReadability reports whether ours holds at least extendMinCover of
// readability's lines by weight, and returns readability's lines as a set.
func coversReadability(read, ours []string) (inRead map[string]bool, ok bool) {
	inOurs := make(map[string]bool, len(ours))
	for _, l := range ours {
		inOurs[l] = true
	}
	inRead = make(map[string]bool, len(read))
	total, covered := 0, 0
	for _, l := range read {
		inRead[l] = true
		w := textWeight(l)
		total += w
		if inOurs[l] {
			covered += w
		}
	}
	return inRead, float64(covered) >= extendMinCover*float64(total)
}

// fillsReadability reports whether ours is readability's article with the
// blocks readability dropped from between its paragraphs put back: ours
// holds readability's lines, adds good text of at least fillMinShare of
// readability's good text between readability's first and last long
// paragraph, no dated item lines there, and not more than fillMaxOutside
// before or after.
func fillsReadability(read []string, readGood float64, ours []string) bool {
	if len(read) == 0 || readGood <= 0 {
		return false
	}
	inRead, ok := coversReadability(read, ours)
	if !ok {
		return false
	}
	first, last := -1, -1
	for i, l := range ours {
		if inRead[l] && textWeight(l) >= fillAnchorWeight {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 || first == last {
		return false
	}
	var inside []string
	outside := 0
	for i, l := range ours {
		switch {
		case inRead[l]:
		case i > first && i < last:
			if isDateStamp(l) {
				return false
			}
			inside = append(inside, l)
		default:
			outside += textWeight(l)
		}
	}
	_, insideGood := scoreLines(inside)
	return insideGood >= fillMinShare*readGood && float64(outside) <= fillMaxOutside*readGood
}

// isDateStamp reports a short line holding a full date: the stamp on a
// teaser card or a post, which an article's own sections do not carry.
func isDateStamp(l string) bool {
	if textWeight(l) >= dateLineWeight || !strings.ContainsAny(l, "0123456789") {
		return false
	}
	return rxPostDate.MatchString(l) || rxPostDateEN.MatchString(l)
}

// An article readability took only part of: its pick (one section of a
// page builder's rows, the body after an intro kept in sibling blocks) lies
// whole inside our candidate, which adds clean prose of at least
// extendMinShare of readability's score, some of it (extendMinLead) before
// readability's first line. Comments, live feeds and related stories come
// after an article, never before it, so the lead is what tells a missed
// beginning from a page's trailing chatter.
const (
	extendMinCover = 0.9
	extendMinShare = 0.5
	extendMinClean = 0.75
	extendMinLead  = 0.1
)

// extendsReadability reports whether ours holds readability's lines (by
// weight, at least extendMinCover of them) plus the rest of the article:
// more prose, mostly good lines, part of it ahead of readability's start.
// Teaser lines (a blurb cut off with an ellipsis) do not count as a lead:
// a ticker above an article is no part of it.
func extendsReadability(read []string, readScore float64, ours []string) bool {
	if len(read) == 0 || readScore <= 0 {
		return false
	}
	inRead, ok := coversReadability(read, ours)
	if !ok {
		return false
	}
	var extra, lead []string
	reached := false
	for _, l := range ours {
		if inRead[l] {
			reached = true
			continue
		}
		extra = append(extra, l)
		if !reached && !strings.HasSuffix(l, "...") && !strings.HasSuffix(l, "…") {
			lead = append(lead, l)
		}
	}
	extraScore, extraGood := scoreLines(extra)
	leadScore, _ := scoreLines(lead)
	return extraScore >= extendMinShare*readScore &&
		extraScore >= extendMinClean*extraGood &&
		leadScore >= extendMinLead*readScore
}
