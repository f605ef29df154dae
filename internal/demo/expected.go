package demo

import (
	"encoding/json"
	"fmt"
)

// ExpectedArticle is what a careful reader takes from one article page of
// the portal. Text fields are as the page shows them after decoding, with
// white space (including the ideographic space U+3000 that indents Chinese
// paragraphs) trimmed at both ends.
type ExpectedArticle struct {
	// Path is the URL path, such as "/guonei/20240106/1187.html".
	Path string `json:"path"`
	// Lang is "en" or "zh".
	Lang string `json:"lang"`
	// Charset is the page's encoding: "utf-8" or "gbk" (the GBK pages
	// declare gb2312 in a meta tag; decode them as GB18030).
	Charset string `json:"charset"`
	// Title is the headline (the <h1>), without the site name.
	Title string `json:"title"`
	// Authors are the writers in page order; empty when the page names none
	// (an agency credit is Source, an editor is Editor, never an author).
	Authors []string `json:"authors"`
	// Published is ISO 8601 at the precision the page gives: "2024-01-06"
	// for a date, RFC 3339 for a time. Chinese pages print local times
	// without a zone; they are UTC+8 here (the demo job's Asia/Shanghai).
	// Compare times as instants: "2024-03-05T08:15:00Z" equals
	// "2024-03-05T08:15:00+00:00".
	Published string `json:"published"`
	// Modified is the page's last-updated time, "" when it gives none.
	Modified string `json:"modified,omitempty"`
	// Source is the 来源 credit, "" when absent.
	Source string `json:"source,omitempty"`
	// Editor is the 责任编辑, "" when absent.
	Editor string `json:"editor,omitempty"`
	// SummaryStart is the start of the standfirst / 摘要 (40 characters for
	// English, 15 for Chinese); a record's summary should begin with it.
	SummaryStart string `json:"summary_start"`
	// FirstParagraph and LastParagraph are the first and last paragraphs of
	// the article text; Paragraphs is how many there are. The English
	// standfirst (above the byline) is the summary, not the first paragraph;
	// the （责任编辑:…） line closing 国内 texts is a credit, not the last one.
	FirstParagraph string `json:"first_paragraph"`
	LastParagraph  string `json:"last_paragraph"`
	Paragraphs     int    `json:"paragraphs"`
	// Tags are the page's topic tags (article:tag or keywords).
	Tags []string `json:"tags"`
	// NotInBody are strings on the page that are not article text (bylines,
	// boilerplate, advertisements, related and previous/next titles); none
	// may appear in the extracted body.
	NotInBody []string `json:"not_in_body"`
}

// truth is the layout of expected.json.
type truth struct {
	Articles    []ExpectedArticle `json:"articles"`
	NonArticles []string          `json:"non_articles"`
	Disallowed  []string          `json:"disallowed"`
	Missing     []string          `json:"missing"`
}

// Deliberately unreachable paths, linked from the home page.
const (
	// DisallowedPath is served but disallowed by robots.txt; a polite
	// crawler never requests it.
	DisallowedPath = "/admin/"
	// MissingPath is linked but answers 404 (a withdrawn story).
	MissingPath = "/world/2023/12/31/ferry-timetable.html"
)

// Expected returns the ground truth: every article, and the paths of the
// pages that are served but are not articles (home, section and list
// pages, tag, search, about and contact pages; robots.txt, the sitemap and
// the feed are not listed). The slices are fresh copies on each call.
func Expected() ([]ExpectedArticle, []string, error) {
	var t truth
	if err := json.Unmarshal(expectedJSON, &t); err != nil {
		return nil, nil, fmt.Errorf("demo: reading expected.json: %w", err)
	}
	return t.Articles, t.NonArticles, nil
}
