package htmldoc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestReadSavedPlainGzipAndLimit(t *testing.T) {
	page := []byte("<html><body><p>第一段</p></body></html>")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	dir := t.TempDir()
	// The gzip file has no .gz name: the magic bytes decide.
	for name, data := range map[string][]byte{"plain.html": page, "zipped.html": gz.Bytes()} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path, 1<<20)
		if err != nil || !bytes.Equal(got, page) {
			t.Errorf("%s: got %q, %v", name, got, err)
		}
		if _, err := ReadFile(path, 10); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s with a 10-byte limit: %v, want ErrTooLarge", name, err)
		}
	}
	if _, err := ReadSaved(bytes.NewReader([]byte{0x1f, 0x8b, 0, 0}), 100); err == nil {
		t.Error("broken gzip read without error")
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.html"), 100); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}
