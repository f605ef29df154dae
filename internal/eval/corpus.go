package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/gleaner-news/gleaner/internal/htmldoc"
)

// GoldFile is the name of a set's label file.
const GoldFile = "gold.jsonl"

// ErrNotSet is returned for a folder that holds no gold.jsonl and no set
// folders below it.
var ErrNotSet = errors.New("not a labelled set")

// maxPageBytes bounds one page after decompression; the corpus pages are
// far smaller, so a larger one is a broken file, not a page to score.
const maxPageBytes = 64 << 20

// Gold is one labelled page. A nil pointer means "not labelled in this set";
// a pointer to "" or to an empty list means "labelled as absent".
type Gold struct {
	// ID names the page, unique within the set.
	ID string `json:"id"`
	// File is the page's path relative to the set folder.
	File string `json:"file"`
	// URL is the page's address, or "" when the set gives none.
	URL string `json:"url"`
	// Lang is the page's labelled language ("en", "zh"); it is not scored.
	Lang      string    `json:"lang"`
	Title     *string   `json:"title"`
	Authors   *[]string `json:"authors"`
	Published *string   `json:"published"`
	Body      *string   `json:"body"`
	// With are snippets the body must contain, Without snippets it must not.
	With    *[]string `json:"with"`
	Without *[]string `json:"without"`
	Summary *string   `json:"summary"`
	// PageType is "article" or the kind of non-article page ("listing", ...).
	PageType *string `json:"page_type"`
}

// Set is one labelled set: its folder and its pages' labels in file order.
type Set struct {
	// Name is the folder's base name ("aeb", "wcxb-dev").
	Name string
	// Dir is the set folder as given to LoadSet.
	Dir string
	// Gold holds the labels in gold.jsonl order.
	Gold []Gold
}

// LoadSet reads dir/gold.jsonl. It fails with [ErrNotSet] when the file does
// not exist, and names the line of any label that does not parse.
func LoadSet(dir string) (*Set, error) {
	f, err := os.Open(filepath.Join(dir, GoldFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w (no %s)", dir, ErrNotSet, GoldFile)
	}
	if err != nil {
		return nil, fmt.Errorf("open labels: %w", err)
	}
	defer f.Close()
	name := filepath.Base(filepath.Clean(dir))
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs) // so "." is named after the folder
	}
	set := &Set{Name: name, Dir: dir}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20) // gold bodies run to tens of KB
	seen := make(map[string]bool)
	for line := 1; sc.Scan(); line++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var g Gold
		if err := json.Unmarshal(text, &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", f.Name(), line, err)
		}
		if g.ID == "" || g.File == "" {
			return nil, fmt.Errorf("%s:%d: label without id or file", f.Name(), line)
		}
		if seen[g.ID] {
			return nil, fmt.Errorf("%s:%d: duplicate id %q", f.Name(), line, g.ID)
		}
		seen[g.ID] = true
		set.Gold = append(set.Gold, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", f.Name(), err)
	}
	return set, nil
}

// ReadPage returns the original bytes of g's page, gunzipped when the file
// name ends in .gz. The file must lie inside the set folder.
func (s *Set) ReadPage(g Gold) ([]byte, error) {
	rel := filepath.Clean(filepath.FromSlash(g.File))
	if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("page %s: file %q is outside the set", g.ID, g.File)
	}
	body, err := htmldoc.ReadFile(filepath.Join(s.Dir, rel), maxPageBytes)
	if err != nil {
		return nil, fmt.Errorf("page %s: %w", g.ID, err)
	}
	return body, nil
}

// FindSets expands paths into set folders: a folder with gold.jsonl is a set;
// a folder without one stands for its subfolders that have one (so the
// corpus root names all its sets, in name order). A path that is neither
// fails with [ErrNotSet].
func FindSets(paths []string) ([]string, error) {
	var dirs []string
	for _, p := range paths {
		if fileExists(filepath.Join(p, GoldFile)) {
			dirs = append(dirs, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		var found []string
		for _, e := range entries {
			sub := filepath.Join(p, e.Name())
			if e.IsDir() && fileExists(filepath.Join(sub, GoldFile)) {
				found = append(found, sub)
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: %w", p, ErrNotSet)
		}
		sort.Strings(found)
		dirs = append(dirs, found...)
	}
	return dirs, nil
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}
