package config

import (
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkParseExample(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "configs", "example.yaml"))
	if err != nil {
		b.Skip("configs/example.yaml not found")
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(data, "example.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
