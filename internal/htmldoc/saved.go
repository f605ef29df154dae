package htmldoc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// ErrTooLarge is returned by [ReadSaved] and [ReadFile] for a page larger
// than the caller's limit (after decompression).
var ErrTooLarge = errors.New("page too large")

// gzipMagic starts every gzip stream.
var gzipMagic = []byte{0x1f, 0x8b}

// ReadSaved reads one saved page from r, at most limit bytes after
// decompression: a gzip stream (told by its magic bytes, whatever the file is
// called) is decompressed, one layer. It returns the page's bytes, owned by
// the caller, or ErrTooLarge.
func ReadSaved(r io.Reader, limit int64) ([]byte, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if magic, _ := br.Peek(len(gzipMagic)); bytes.Equal(magic, gzipMagic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gunzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	data, err := io.ReadAll(io.LimitReader(src, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

// ReadFile reads the saved page at path (.html, .htm or gzipped) with [ReadSaved].
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadSaved(f, limit)
}
