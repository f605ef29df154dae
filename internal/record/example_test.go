package record_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gleaner-news/gleaner/internal/record"
)

// A record is written with every key present: absent values are null and
// absent lists are [], so each JSON line has the same columns.
func ExampleRecord_MarshalJSON() {
	canonical := "https://news.example.com/2024/01/06/rates"
	r := record.Record{
		ID:           record.ID(canonical),
		Version:      1,
		URL:          canonical + "?utm_source=feed",
		CanonicalURL: canonical,
		Title:        "Rates held",
		Authors:      []string{"Jane Doe"},
		Published:    "2024-01-06",
		Body:         "The central bank held rates.",
		FetchedAt:    time.Date(2024, 1, 6, 2, 30, 0, 0, time.UTC),
		Status:       200,
		Charset:      "utf-8",
	}
	r.ContentHash = record.HashContent(r.Title, r.Body)

	line, err := json.Marshal(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	var back record.Record
	if err := json.Unmarshal(line, &back); err != nil {
		fmt.Println(err)
		return
	}
	var columns map[string]any
	_ = json.Unmarshal(line, &columns)

	fmt.Println("id:", r.ID)
	fmt.Println("columns:", len(columns))
	fmt.Println("tags:", columns["tags"], "editor:", columns["editor"])
	fmt.Println("fetched_at:", columns["fetched_at"])
	fmt.Println("round trip keeps the title:", back.Title == r.Title)
	// Output:
	// id: 58ec65a515b3c8c28a3f23731cbddd58
	// columns: 24
	// tags: [] editor: <nil>
	// fetched_at: 2024-01-06T02:30:00Z
	// round trip keeps the title: true
}
