package demo

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The generator (gen/) writes expected.json from its own copy of the
// ExpectedArticle layout, since it cannot import this package (the package
// embeds what the generator writes). This keeps the two layouts in step:
// the file holds no key ExpectedArticle lacks, and every key ExpectedArticle
// writes is in the file.
func TestExpectedJSONMatchesExpectedArticle(t *testing.T) {
	dec := json.NewDecoder(bytes.NewReader(expectedJSON))
	dec.DisallowUnknownFields()
	var tr truth
	if err := dec.Decode(&tr); err != nil {
		t.Fatalf("expected.json has keys the demo package does not read: %v", err)
	}
	var raw struct {
		Articles []map[string]json.RawMessage `json:"articles"`
	}
	if err := json.Unmarshal(expectedJSON, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Articles) != len(tr.Articles) || len(tr.Articles) == 0 {
		t.Fatalf("%d raw articles, %d decoded", len(raw.Articles), len(tr.Articles))
	}
	for i, a := range tr.Articles {
		data, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(data, &keys); err != nil {
			t.Fatal(err)
		}
		for k := range keys {
			if _, ok := raw.Articles[i][k]; !ok {
				t.Errorf("%s: expected.json has no %q", a.Path, k)
			}
		}
	}
}
