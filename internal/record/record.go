package record

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"
)

// SchemaVersion is the version of the record layout written in every record's
// schema_version field. It changes only when a field is removed or changes
// meaning; added fields keep the version.
const SchemaVersion = 1

// Record is one extracted article. String fields hold "" when the page gives
// no value; they are written as null. List fields are written as [] when empty.
type Record struct {
	// ID is stable for an article: derived from CanonicalURL (or URL when the
	// page names no canonical URL) by [ID]. All versions of an article share it.
	ID string
	// Version counts the distinct contents gleaner has written for ID,
	// starting at 1. A re-crawl that finds changed content writes Version+1.
	Version int
	// URL is the address the page was fetched from, after redirects.
	URL string
	// CanonicalURL is the page's own canonical address (link rel=canonical,
	// og:url or JSON-LD url), made absolute and normalised.
	CanonicalURL string
	// Title is the article's headline.
	Title string
	// Authors are the people who wrote the article, in page order.
	Authors []string
	// Source is the publisher an article was taken from (Chinese 来源).
	Source string
	// Editor is the responsible editor (Chinese 责任编辑), kept apart from Authors.
	Editor string
	// Published and Modified are ISO 8601 at the precision the page gives:
	// "2024-01-06" or "2024-01-06T10:30:00+08:00".
	Published string
	Modified  string
	// Summary is the standfirst or description the page gives.
	Summary string
	// Body is the article's plain text, one paragraph per line.
	Body string
	// BodyHTML is the article's sanitised HTML: no scripts, styles or event handlers.
	BodyHTML string
	// Lang is the primary subtag of the page's declared language ("en", "zh").
	Lang string
	// SiteName is the publication's name (og:site_name or JSON-LD publisher).
	SiteName string
	// Tags are the page's keywords and article tags, without duplicates.
	Tags []string
	// Image is the absolute URL of the article's lead image.
	Image string
	// FetchedAt is when the page was fetched (or read, for saved files), in UTC.
	FetchedAt time.Time
	// Status is the HTTP status of the fetch; 0 for saved files.
	Status int
	// Charset is the character encoding the page was decoded from, such as
	// "utf-8" or "gb18030"; CharsetSource says what decided it (bom, header,
	// meta, detect, default).
	Charset       string
	CharsetSource string
	// ContentHash identifies the extracted content (title and body); a new
	// version is written only when it changes.
	ContentHash string
	// TruncatedFields names the fields [Record.Truncate] cut to their limits.
	TruncatedFields []string
}

// ID returns the stable identifier of the article at canonicalURL: the first
// 16 bytes of its SHA-256, hex-encoded. Callers pass a canonicalised URL so
// that equivalent addresses share one id.
func ID(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return hex.EncodeToString(sum[:16])
}

// HashContent returns the content hash of an article's title and body, used
// to tell a changed article from an unchanged one.
func HashContent(title, body string) string {
	h := sha256.New()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// wire is the JSON layout of a Record: pointers and non-nil slices make the
// "absent is null, absent list is []" rule explicit.
type wire struct {
	ID            string   `json:"id"`
	Version       int      `json:"version"`
	URL           string   `json:"url"`
	CanonicalURL  *string  `json:"canonical_url"`
	Title         *string  `json:"title"`
	Authors       []string `json:"authors"`
	Source        *string  `json:"source"`
	Editor        *string  `json:"editor"`
	Published     *string  `json:"published"`
	Modified      *string  `json:"modified"`
	Summary       *string  `json:"summary"`
	Body          *string  `json:"body"`
	BodyHTML      *string  `json:"body_html"`
	Lang          *string  `json:"lang"`
	SiteName      *string  `json:"site_name"`
	Tags          []string `json:"tags"`
	Image         *string  `json:"image"`
	FetchedAt     *string  `json:"fetched_at"`
	Status        *int     `json:"status"`
	Charset       *string  `json:"charset"`
	CharsetSource *string  `json:"charset_source"`
	ContentHash   *string  `json:"content_hash"`
	Truncated     []string `json:"truncated_fields"`
	SchemaVersion int      `json:"schema_version"`
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func value(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// MarshalJSON writes the schema v1 layout: every key present, absent values
// null, absent lists []. FetchedAt is written in UTC at second precision and
// a zero Status as null. The slices of r are read, never kept.
func (r Record) MarshalJSON() ([]byte, error) {
	w := wire{
		ID: r.ID, Version: r.Version, URL: r.URL,
		CanonicalURL: nullable(r.CanonicalURL), Title: nullable(r.Title),
		Authors: list(r.Authors), Source: nullable(r.Source), Editor: nullable(r.Editor),
		Published: nullable(r.Published), Modified: nullable(r.Modified),
		Summary: nullable(r.Summary), Body: nullable(r.Body), BodyHTML: nullable(r.BodyHTML),
		Lang: nullable(r.Lang), SiteName: nullable(r.SiteName), Tags: list(r.Tags),
		Image: nullable(r.Image), Charset: nullable(r.Charset),
		CharsetSource: nullable(r.CharsetSource), ContentHash: nullable(r.ContentHash),
		Truncated: list(r.TruncatedFields), SchemaVersion: SchemaVersion,
	}
	if !r.FetchedAt.IsZero() {
		ts := r.FetchedAt.UTC().Format(time.RFC3339)
		w.FetchedAt = &ts
	}
	if r.Status != 0 {
		w.Status = &r.Status
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads the layout MarshalJSON writes; null lists become nil.
// Errors are those of encoding/json, or a fetched_at that is not RFC 3339.
func (r *Record) UnmarshalJSON(data []byte) error {
	var w wire
	if err := json.Unmarshal(data, &w); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	*r = Record{
		ID: w.ID, Version: w.Version, URL: w.URL,
		CanonicalURL: value(w.CanonicalURL), Title: value(w.Title), Authors: w.Authors,
		Source: value(w.Source), Editor: value(w.Editor), Published: value(w.Published),
		Modified: value(w.Modified), Summary: value(w.Summary), Body: value(w.Body),
		BodyHTML: value(w.BodyHTML), Lang: value(w.Lang), SiteName: value(w.SiteName),
		Tags: w.Tags, Image: value(w.Image), Charset: value(w.Charset),
		CharsetSource: value(w.CharsetSource), ContentHash: value(w.ContentHash),
	}
	if len(w.Truncated) > 0 {
		r.TruncatedFields = w.Truncated
	}
	if w.FetchedAt != nil {
		t, err := time.Parse(time.RFC3339, *w.FetchedAt)
		if err != nil {
			return fmt.Errorf("record: fetched_at: %w", err)
		}
		r.FetchedAt = t
	}
	if w.Status != nil {
		r.Status = *w.Status
	}
	return nil
}

// Field limits applied by [Record.Truncate], in bytes of UTF-8: generous for
// any real article, small enough that one hostile page cannot bloat a
// dataset row.
const (
	MaxShortField = 1 << 10 // title, source, editor, site name, language, charset
	MaxName       = 256     // each author and tag
	MaxNames      = 100     // authors, tags
	MaxURL        = 8 << 10 // url, canonical_url, image
	MaxSummary    = 8 << 10 // summary
	MaxBody       = 4 << 20 // body
	MaxBodyHTML   = 8 << 20 // body_html
)

// Truncate cuts every field to its limit (at a UTF-8 boundary) and records
// the names of the fields it cut in TruncatedFields, so a cut is never
// silent.
func (r *Record) Truncate() {
	var cut []string
	str := func(name string, s *string, limit int) {
		if len(*s) > limit {
			*s = cutUTF8(*s, limit)
			cut = append(cut, name)
		}
	}
	list := func(name string, l *[]string) {
		over := len(*l) > MaxNames
		if over {
			*l = (*l)[:MaxNames]
		}
		for i, s := range *l {
			if len(s) > MaxName {
				(*l)[i] = cutUTF8(s, MaxName)
				over = true
			}
		}
		if over {
			cut = append(cut, name)
		}
	}
	str("url", &r.URL, MaxURL)
	str("canonical_url", &r.CanonicalURL, MaxURL)
	str("title", &r.Title, MaxShortField)
	list("authors", &r.Authors)
	str("source", &r.Source, MaxShortField)
	str("editor", &r.Editor, MaxShortField)
	str("summary", &r.Summary, MaxSummary)
	str("body", &r.Body, MaxBody)
	str("body_html", &r.BodyHTML, MaxBodyHTML)
	str("lang", &r.Lang, MaxShortField)
	str("site_name", &r.SiteName, MaxShortField)
	list("tags", &r.Tags)
	str("image", &r.Image, MaxURL)
	str("charset", &r.Charset, MaxShortField)
	r.TruncatedFields = cut
}

// cutUTF8 returns the longest prefix of s of at most limit bytes that does
// not split a character.
func cutUTF8(s string, limit int) string {
	for limit > 0 && !utf8.RuneStart(s[limit]) {
		limit--
	}
	return s[:limit]
}
