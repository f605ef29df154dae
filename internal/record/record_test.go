package record_test

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/gleaner-news/gleaner/internal/record"
)

// Every key is present in every record; absent values are null and absent
// lists are [], so JSON Lines files load as one table.
func TestAbsentValuesAreNullAndEmptyLists(t *testing.T) {
	data, err := json.Marshal(record.Record{ID: record.ID("http://a.example/x"), Version: 1, URL: "http://a.example/x"})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	keys := []string{"id", "version", "url", "canonical_url", "title", "authors", "source", "editor",
		"published", "modified", "summary", "body", "body_html", "lang", "site_name", "tags", "image",
		"fetched_at", "status", "charset", "charset_source", "content_hash", "truncated_fields", "schema_version"}
	if len(m) != len(keys) {
		t.Errorf("record has %d keys, want %d: %s", len(m), len(keys), data)
	}
	for _, k := range keys {
		v, ok := m[k]
		switch {
		case !ok:
			t.Errorf("key %q missing", k)
		case k == "authors" || k == "tags" || k == "truncated_fields":
			if l, isList := v.([]any); !isList || len(l) != 0 {
				t.Errorf("%s = %v, want []", k, v)
			}
		case k == "id" || k == "url" || k == "version" || k == "schema_version":
		default:
			if v != nil {
				t.Errorf("%s = %v, want null", k, v)
			}
		}
	}
	if m["schema_version"] != float64(record.SchemaVersion) {
		t.Errorf("schema_version = %v", m["schema_version"])
	}
}

func TestRoundTrip(t *testing.T) {
	in := record.Record{
		ID: record.ID("https://news.example.com/a"), Version: 2, URL: "https://news.example.com/a?utm_source=x",
		CanonicalURL: "https://news.example.com/a", Title: "标题 <b>", Authors: []string{"王磊", "李娜"},
		Source: "新华社", Editor: "孙婷", Published: "2024-01-06", Modified: "2024-01-06T10:30:00+08:00",
		Summary: "摘要", Body: "第一段\n第二段", BodyHTML: "<p>第一段</p>", Lang: "zh", SiteName: "Example",
		Tags: []string{"economy"}, Image: "https://news.example.com/a.jpg",
		FetchedAt: time.Date(2024, 1, 6, 2, 30, 0, 0, time.UTC), Status: 200, Charset: "gb18030",
		CharsetSource: "meta", ContentHash: record.HashContent("标题", "第一段\n第二段"),
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "\n") {
		t.Errorf("a record must be one line: %s", data)
	}
	var out record.Record
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip changed the record:\n in %+v\nout %+v", in, out)
	}
}

func TestIDIsStableAndHashChangesWithContent(t *testing.T) {
	first, again := record.ID("https://a.example/x"), record.ID("https://a.example/x")
	if first != again {
		t.Error("ID is not deterministic")
	}
	if record.ID("https://a.example/x") == record.ID("https://a.example/y") {
		t.Error("different URLs share an ID")
	}
	if len(record.ID("x")) != 32 {
		t.Errorf("ID length %d, want 32 hex characters", len(record.ID("x")))
	}
	if record.HashContent("t", "body") == record.HashContent("t", "body changed") {
		t.Error("content hash ignores the body")
	}
	if record.HashContent("ab", "c") == record.HashContent("a", "bc") {
		t.Error("content hash runs title and body together")
	}
}

// The JSON Schema in docs/ must name exactly the keys a record has.
func TestSchemaFileMatchesRecord(t *testing.T) {
	raw, err := os.ReadFile("../../docs/record.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	data, err := json.Marshal(record.Record{})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
		if _, ok := schema.Properties[k]; !ok {
			t.Errorf("schema has no property %q", k)
		}
	}
	sort.Strings(keys)
	req := append([]string{}, schema.Required...)
	sort.Strings(req)
	if !reflect.DeepEqual(keys, req) {
		t.Errorf("schema requires %v, records have %v", req, keys)
	}
}

// A hostile page cannot bloat a row: Truncate cuts fields to their limits at
// character boundaries and names what it cut.
func TestTruncateNamesWhatItCut(t *testing.T) {
	long := strings.Repeat("标题", record.MaxShortField) // 6 bytes a pair
	names := make([]string, record.MaxNames+5)
	for i := range names {
		names[i] = "Name"
	}
	r := record.Record{Title: long, Authors: names, Summary: "short", Tags: []string{strings.Repeat("x", record.MaxName+1)}}
	r.Truncate()
	if len(r.Title) > record.MaxShortField || !utf8.ValidString(r.Title) || !strings.HasPrefix(long, r.Title) {
		t.Errorf("title cut to %d bytes, valid UTF-8 %v", len(r.Title), utf8.ValidString(r.Title))
	}
	if len(r.Authors) != record.MaxNames || len(r.Tags[0]) != record.MaxName || r.Summary != "short" {
		t.Errorf("authors %d, tag %d bytes, summary %q", len(r.Authors), len(r.Tags[0]), r.Summary)
	}
	if strings.Join(r.TruncatedFields, ",") != "title,authors,tags" {
		t.Errorf("truncated_fields = %v, want title, authors, tags", r.TruncatedFields)
	}
	clean := record.Record{Title: "ok"}
	clean.Truncate()
	if clean.TruncatedFields != nil {
		t.Errorf("nothing cut, yet truncated_fields = %v", clean.TruncatedFields)
	}
}
