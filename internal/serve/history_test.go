package serve

import (
	"os"
	"path/filepath"
	"testing"
)

func TestListRunsNewestFirstSkippingBadFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"20240101T000000Z.json": `{"job":"a","run_id":"20240101T000000Z","articles_written":3}`,
		"20240301T120000Z.json": `{"job":"a","run_id":"20240301T120000Z","interrupted":true}`,
		"20240201T000000Z.json": `{"job":"a","run_id":`, // torn
		"notes.json":            `{}`,                   // not a run
		"20240401T000000Z.tmp":  `{}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sums, err := ListRuns(dir)
	if err == nil {
		t.Error("a torn summary was not reported")
	}
	if len(sums) != 2 || sums[0].RunID != "20240301T120000Z" || !sums[0].Interrupted || sums[1].ArticlesWritten != 3 {
		t.Fatalf("runs: %+v", sums)
	}
	if s := newestRun(dir); s == nil || s.RunID != "20240301T120000Z" {
		t.Fatalf("newest: %+v", s)
	}
	if sums, err := ListRuns(filepath.Join(dir, "missing")); err != nil || len(sums) != 0 {
		t.Fatalf("missing folder: %v %v", sums, err)
	}
	if _, err := ReadRun(dir, "../../etc/passwd"); err == nil {
		t.Fatal("ReadRun accepted a path")
	}
}
