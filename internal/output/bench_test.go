package output

import (
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkWrite measures appending 4 KiB records with the default 1 s
// group commit.
func BenchmarkWrite(b *testing.B) {
	w, err := OpenWriter(filepath.Join(b.TempDir(), "bench.jsonl"), WriterOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	r := rec{Text: strings.Repeat("新闻正文 text ", 300)}
	b.ReportAllocs()
	b.SetBytes(4096)
	for i := 0; b.Loop(); i++ {
		r.ID = i
		if err := w.Write(r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSyncEach fsyncs after every record, for comparison.
func BenchmarkWriteSyncEach(b *testing.B) {
	w, err := OpenWriter(filepath.Join(b.TempDir(), "bench.jsonl"), WriterOptions{SyncInterval: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	r := rec{Text: strings.Repeat("新闻正文 text ", 300)}
	for i := 0; b.Loop(); i++ {
		r.ID = i
		if err := w.Write(r); err != nil {
			b.Fatal(err)
		}
	}
}
