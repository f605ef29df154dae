package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input panics the decoder and that every failure
// is an ErrInvalid with a file name.
func FuzzParse(f *testing.F) {
	f.Add([]byte("start_urls: [\"https://news.example.com/\"]\n"))
	f.Add([]byte("a: &x [1, *x]\n"))
	f.Add([]byte("politeness: {delay: 1w2d3h, parallelism: 99999999999999999999}\n"))
	if data, err := os.ReadFile(filepath.Join("..", "..", "configs", "example.yaml")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		j, err := Parse(data, "fuzz.yaml")
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error not ErrInvalid: %v", err)
			}
			return
		}
		if err := j.Validate(); err != nil {
			t.Fatalf("valid job fails re-validation: %v", err)
		}
	})
}
