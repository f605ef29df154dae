package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// RepairTail truncates the file at path just after its last '\n', removing
// an unterminated (torn) last line, and fsyncs it when it changed. It returns
// how many bytes it removed. A file without any '\n' is emptied. A missing
// file is an error wrapping os.ErrNotExist.
func RepairTail(path string) (removed int64, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return 0, fmt.Errorf("output: repair: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("output: repair: %w", cerr)
		}
	}()
	fi, err := f.Stat()
	if err != nil {
		return 0, fmt.Errorf("output: repair: %w", err)
	}
	size := fi.Size()
	keep, err := afterLastNewline(f, size)
	if err != nil {
		return 0, fmt.Errorf("output: repair %s: %w", path, err)
	}
	if keep == size {
		return 0, nil
	}
	if err := f.Truncate(keep); err != nil {
		return 0, fmt.Errorf("output: repair %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return 0, fmt.Errorf("output: repair %s: %w", path, err)
	}
	return size - keep, nil
}

// afterLastNewline scans backwards in blocks and returns the offset just
// past the last '\n', or 0 if there is none.
func afterLastNewline(f *os.File, size int64) (int64, error) {
	const block = 64 << 10
	buf := make([]byte, block)
	end := size
	for end > 0 {
		start := max(end-block, 0)
		chunk := buf[:end-start]
		if _, err := f.ReadAt(chunk, start); err != nil && err != io.EOF {
			return 0, err
		}
		if i := bytes.LastIndexByte(chunk, '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
		end = start
	}
	return 0, nil
}
