package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// tempInfix marks WriteFileAtomic's temporaries: ".NAME.tmp-RANDOM".
const tempInfix = ".tmp-"

// WriteFileAtomic replaces path with data: it writes a temporary file in the
// same directory, fsyncs it, sets perm, renames it over path and fsyncs the
// directory. Readers see the old content or the new, never a mix, even after
// a crash; a crash may leave a temporary behind (see CleanTemp).
func WriteFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+tempInfix+"*")
	if err != nil {
		return fmt.Errorf("output: atomic write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("output: atomic write %s: %w", path, err)
	}
	if err = f.Chmod(perm); err != nil {
		return fmt.Errorf("output: atomic write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("output: atomic write %s: fsync: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("output: atomic write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("output: atomic write %s: %w", path, err)
	}
	if err = syncDir(dir); err != nil {
		return fmt.Errorf("output: atomic write %s: fsync dir: %w", path, err)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return errors.Join(d.Sync(), d.Close())
}

// CleanTemp removes temporaries WriteFileAtomic left next to path after a
// crash and returns how many it removed. Call it at start, before any
// WriteFileAtomic of the same path runs.
func CleanTemp(path string) (int, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return 0, nil
		}
		return 0, fmt.Errorf("output: clean temp: %w", err)
	}
	prefix := "." + base + tempInfix
	removed := 0
	var errs []error
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasPrefix(e.Name(), prefix) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				errs = append(errs, err)
				continue
			}
			removed++
		}
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("output: clean temp: %w", err)
	}
	return removed, nil
}
