package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/gleaner-news/gleaner/internal/canon"
	"github.com/gleaner-news/gleaner/internal/crawl"
	"github.com/gleaner-news/gleaner/internal/extract"
	"github.com/gleaner-news/gleaner/internal/output"
	"github.com/gleaner-news/gleaner/internal/record"
	"github.com/gleaner-news/gleaner/internal/state"
)

// articleKey is the state key of an article: its canonical URL when the page
// names a usable one, else the address it was fetched from, canonicalised.
func articleKey(rec *record.Record, fetched string) string {
	for _, raw := range []string{rec.CanonicalURL, rec.URL, fetched} {
		if raw == "" {
			continue
		}
		if k, err := canon.Canonicalize(raw); err == nil {
			return k
		}
	}
	return fetched
}

// writeArticle writes res as a new record unless the article is already
// stored with the same content, and records what it did in the state.
func (r *run) writeArticle(ctx context.Context, e state.Entry, resp *crawl.Response, page state.Page, res *extract.Result) error {
	rec := res.Record
	rec.URL = resp.URL.String()
	rec.FetchedAt = r.now().UTC()
	rec.Status = resp.Status
	if rec.ContentHash == "" {
		rec.ContentHash = record.HashContent(rec.Title, rec.Body)
	}
	key := articleKey(&rec, e.URL)
	rec.ID = record.ID(key)
	rec.Truncate()

	r.writeMu.Lock()
	defer r.writeMu.Unlock()
	prev, known, err := r.store.Page(ctx, key)
	if err != nil {
		return err
	}
	page.Kind = state.KindArticle
	if known && prev.ContentHash == rec.ContentHash {
		r.counters.Unchanged.Add(1)
		page.RecordID, page.Version, page.ContentHash = prev.RecordID, prev.Version, prev.ContentHash
		return r.store.PutPage(ctx, page)
	}
	rec.Version = 1
	if known {
		rec.Version = prev.Version + 1
	}
	if err := r.writeRecord(&rec); err != nil {
		return err
	}
	r.counters.Articles.Add(1)
	page.RecordID, page.Version, page.ContentHash = rec.ID, rec.Version, rec.ContentHash
	if err := r.store.PutPage(ctx, page); err != nil {
		return err
	}
	if key != page.URL {
		art := prev
		if !known {
			art = state.Page{URL: key, FirstSeen: page.LastSeen}
		}
		art.Kind, art.Status, art.LastSeen = state.KindArticle, page.Status, page.LastSeen
		art.RecordID, art.Version, art.ContentHash = rec.ID, rec.Version, rec.ContentHash
		return r.store.PutPage(ctx, art)
	}
	return nil
}

// writeRecord appends one record, opening the run's output file on first use
// so a run that finds nothing new leaves no empty file. Callers hold writeMu.
func (r *run) writeRecord(rec *record.Record) error {
	if r.out == nil {
		path := filepath.Join(r.dir, "articles-"+r.stamp+".jsonl")
		w, err := output.OpenWriter(path, output.WriterOptions{Logger: r.log})
		if err != nil {
			return fmt.Errorf("open output: %w", err)
		}
		r.out, r.outPath = w, path
	}
	return r.out.Write(rec)
}

func (r *run) closeOutput() error {
	r.writeMu.Lock()
	defer r.writeMu.Unlock()
	if r.out == nil {
		return nil
	}
	if err := r.out.Close(); err != nil {
		return fmt.Errorf("close output: %w", err)
	}
	return nil
}

// reconciledFile lists the output files whose records the state already knows.
const reconciledFile = "reconciled.json"

// reconcile makes the state agree with the output after a run that was
// killed between writing a record and storing its state: every record in an
// output file not yet reconciled is made known, so it is never written again.
func (r *run) reconcile(ctx context.Context) error {
	done, err := r.reconciledList()
	if err != nil {
		return err
	}
	files, err := filepath.Glob(filepath.Join(r.dir, "articles-*.jsonl"))
	if err != nil {
		return err
	}
	changed := false
	for _, path := range files {
		name := filepath.Base(path)
		if slices.Contains(done, name) {
			continue
		}
		if removed, err := output.RepairTail(path); err != nil {
			return fmt.Errorf("repair %s: %w", path, err)
		} else if removed > 0 {
			r.log.Warn("repaired a torn last line", "file", path, "bytes", removed)
		}
		err := output.ReadLines(path, func(line []byte) error {
			var rec record.Record
			if err := json.Unmarshal(line, &rec); err != nil {
				return nil // ReadLines reports malformed lines; one bad line must not block the job
			}
			return r.learn(ctx, &rec)
		})
		var malformed *output.MalformedError
		if errors.As(err, &malformed) {
			// Lines we did not write whole (another tool's edits, disk faults):
			// the records around them still count.
			r.log.Warn("skipped malformed lines while reconciling", "file", path, "lines", malformed.Count)
		} else if err != nil {
			return fmt.Errorf("reconcile %s: %w", path, err)
		}
		done = append(done, name)
		changed = true
	}
	if changed {
		return r.saveReconciled(done)
	}
	return nil
}

// learn records in the state that rec was written.
func (r *run) learn(ctx context.Context, rec *record.Record) error {
	keys := []string{articleKey(rec, rec.URL)}
	if u, err := canon.Canonicalize(rec.URL); err == nil && u != keys[0] {
		keys = append(keys, u)
	}
	for _, k := range keys {
		p, ok, err := r.store.Page(ctx, k)
		if err != nil {
			return err
		}
		if ok && p.Version >= rec.Version {
			continue
		}
		if !ok {
			p = state.Page{URL: k, FirstSeen: rec.FetchedAt}
		}
		p.Kind, p.Status, p.LastSeen = state.KindArticle, rec.Status, rec.FetchedAt
		p.RecordID, p.Version, p.ContentHash = rec.ID, rec.Version, rec.ContentHash
		if err := r.store.PutPage(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// markReconciled adds this run's output file to the reconciled list once it
// is closed: every record in it had its state stored before the close.
func (r *run) markReconciled() error {
	if r.outPath == "" {
		return nil
	}
	done, err := r.reconciledList()
	if err != nil {
		return err
	}
	if name := filepath.Base(r.outPath); !slices.Contains(done, name) {
		return r.saveReconciled(append(done, name))
	}
	return nil
}

func (r *run) reconciledList() ([]string, error) {
	data, err := os.ReadFile(filepath.Join(r.dir, reconciledFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	if err := json.Unmarshal(data, &names); err != nil {
		// A damaged list only costs a re-scan.
		r.log.Warn("reconciled list unreadable; rescanning output", "err", err)
		return nil, nil
	}
	return names, nil
}

func (r *run) saveReconciled(names []string) error {
	data, err := json.Marshal(names)
	if err != nil {
		return err
	}
	return output.WriteFileAtomic(filepath.Join(r.dir, reconciledFile), data, 0o644)
}
