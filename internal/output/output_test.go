package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// Child modes: the test binary re-executed with childEnv=mode:path.
const childEnv = "GLEANER_OUTPUT_CHILD"

func TestMain(m *testing.M) {
	if v := os.Getenv(childEnv); v != "" {
		mode, path, _ := strings.Cut(v, ":")
		switch mode {
		case "write-forever":
			childWriteForever(path)
		case "fsize-limit":
			childFsizeLimit(path)
		}
		os.Exit(3)
	}
	os.Exit(m.Run())
}

type rec struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

// childWriteForever appends big records and prints "ack N" after each
// Write returns, until it is killed.
func childWriteForever(path string) {
	w, err := OpenWriter(path, WriterOptions{SyncInterval: 50e6})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	text := strings.Repeat("新闻 body text ", 16_000) // ~300 KiB per line: big writes can tear
	for i := 0; ; i++ {
		if err := w.Write(rec{ID: i, Text: text}); err != nil {
			fmt.Println("error:", err)
			os.Exit(2)
		}
		fmt.Println("ack", i)
	}
}

// childFsizeLimit writes under RLIMIT_FSIZE so a write fails part-way with
// EFBIG, as it would with ENOSPC; it prints how many writes succeeded.
func childFsizeLimit(path string) {
	signal.Ignore(syscall.SIGXFSZ)
	if err := unix.Setrlimit(unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: 10_000, Max: 10_000}); err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	w, err := OpenWriter(path, WriterOptions{})
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	acked := 0
	var failures int
	for i := 0; i < 100; i++ {
		if err := w.Write(rec{ID: i, Text: strings.Repeat("x", 700)}); err != nil {
			failures++
			continue
		}
		acked++
	}
	fmt.Println("acked", acked, "failed", failures)
	os.Exit(0)
}

func readAll(t *testing.T, path string) []rec {
	t.Helper()
	var out []rec
	err := ReadLines(path, func(line []byte) error {
		var r rec
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadLines: %v", err)
	}
	return out
}

func TestWriteRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "out.jsonl")
	w, err := OpenWriter(path, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := w.Write(rec{ID: i, Text: "<p>a & b</p>"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec{}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Write after Close: %v, want ErrClosed", err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	got := readAll(t, path)
	if len(got) != 5 || got[4].ID != 4 || got[0].Text != "<p>a & b</p>" {
		t.Fatalf("read back %+v", got)
	}
	raw, _ := os.ReadFile(path)
	if !bytes.Contains(raw, []byte(`"<p>a & b</p>"`)) {
		t.Errorf("HTML should not be escaped: %s", raw)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("file mode %v, want 0644", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o755 {
		t.Errorf("dir mode %v, want 0755", di.Mode().Perm())
	}

	// Reopening appends.
	w, err = OpenWriter(path, WriterOptions{SyncInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec{ID: 5}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if got := readAll(t, path); len(got) != 6 || got[5].ID != 5 {
		t.Fatalf("after reopen: %+v", got)
	}
}

func TestEncodeErrorWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	w, err := OpenWriter(path, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Write(map[string]any{"f": func() {}}); err == nil {
		t.Fatal("encoding a func should fail")
	}
	if err := w.Write(rec{ID: 1}); err != nil {
		t.Fatalf("Write after an encode error: %v", err)
	}
	w.Close()
	if got := readAll(t, path); len(got) != 1 {
		t.Fatalf("got %+v", got)
	}
}

func TestTornTailRepairedOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	torn := `{"id":0,"text":"a"}` + "\n" + `{"id":1,"text":"b"}` + "\n" + `{"id":2,"te`
	if err := os.WriteFile(path, []byte(torn), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ReadLines(path, func([]byte) error { return nil }); !errors.Is(err, ErrMalformed) {
		t.Fatalf("ReadLines on a torn file: %v, want ErrMalformed", err)
	}
	w, err := OpenWriter(path, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec{ID: 3, Text: "c"}); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got := readAll(t, path)
	if len(got) != 3 || got[0].ID != 0 || got[1].ID != 1 || got[2].ID != 3 {
		t.Fatalf("got %+v", got)
	}
}

func TestRepairTail(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		content, want string
	}{
		{"", ""},
		{"{}\n", "{}\n"},
		{"{}\n{\"a\":", "{}\n"},
		{"no newline at all", ""},
		{"{}\n\x00\x00\x00", "{}\n"},
		{"{}\n" + strings.Repeat("x", 200_000), "{}\n"}, // spans several scan blocks
	}
	for i, c := range cases {
		path := filepath.Join(dir, strconv.Itoa(i))
		os.WriteFile(path, []byte(c.content), 0o644)
		removed, err := RepairTail(path)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != c.want || removed != int64(len(c.content)-len(c.want)) {
			t.Errorf("case %d: got %q removed %d, want %q", i, got, removed, c.want)
		}
	}
	if _, err := RepairTail(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadLinesSkipsMalformed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	content := "{\"id\":1}\n\nnot json\n{\"id\":2}\n{\"id\":\n   \n{\"id\":3}\r\n"
	os.WriteFile(path, []byte(content), 0o644)
	var ids []int
	err := ReadLines(path, func(line []byte) error {
		var r rec
		if err := json.Unmarshal(line, &r); err != nil {
			return err
		}
		ids = append(ids, r.ID)
		return nil
	})
	var me *MalformedError
	if !errors.As(err, &me) || !errors.Is(err, ErrMalformed) {
		t.Fatalf("err = %v, want *MalformedError", err)
	}
	if me.Count != 2 || fmt.Sprint(me.Lines) != "[3 5]" {
		t.Errorf("malformed %+v, want 2 at lines [3 5]", me)
	}
	if fmt.Sprint(ids) != "[1 2 3]" {
		t.Errorf("ids %v", ids)
	}

	stop := errors.New("stop")
	if err := ReadLines(path, func([]byte) error { return stop }); err != stop {
		t.Errorf("callback error: got %v", err)
	}
}

func TestReadLinesLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 64 MiB line")
	}
	path := filepath.Join(t.TempDir(), "out.jsonl")
	f, _ := os.Create(path)
	bw := bufio.NewWriter(f)
	bw.WriteString("{\"id\":1}\n\"")
	for range (MaxLineBytes / 4096) + 1 {
		bw.Write(bytes.Repeat([]byte("y"), 4096))
	}
	bw.WriteString("\"\n{\"id\":2}\n")
	bw.Flush()
	f.Close()
	n := 0
	err := ReadLines(path, func([]byte) error { n++; return nil })
	var me *MalformedError
	if !errors.As(err, &me) || me.Count != 1 || n != 2 {
		t.Fatalf("err %v, lines %d", err, n)
	}
}

func TestStringsThatBreakLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	w, err := OpenWriter(path, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		"line\u2028separator\u2029paragraph",
		"invalid \xff\xfe utf-8 \xed\xa0\x80 surrogate",
		"newline\nreturn\rtab\tnul\x00esc\x1b",
		"\u0085 next line",
		strings.Repeat("长", 100_000),
	}
	for i, s := range inputs {
		if err := w.Write(rec{ID: i, Text: s}); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	raw, _ := os.ReadFile(path)
	if bytes.Contains(raw, []byte("\u2028")) || bytes.Contains(raw, []byte("\u2029")) {
		t.Error("U+2028/U+2029 must be escaped")
	}
	lines := bytes.Split(bytes.TrimSuffix(raw, []byte("\n")), []byte("\n"))
	if len(lines) != len(inputs) {
		t.Fatalf("%d lines for %d records", len(lines), len(inputs))
	}
	for i, line := range lines {
		if !utf8.Valid(line) || !json.Valid(line) {
			t.Errorf("line %d is not valid UTF-8 JSON: %q", i, line)
		}
		var r rec
		json.Unmarshal(line, &r)
		if want := strings.ToValidUTF8(inputs[i], "\uFFFD"); utf8.ValidString(inputs[i]) && r.Text != want {
			t.Errorf("line %d: text changed", i)
		}
		if !utf8.ValidString(r.Text) {
			t.Errorf("line %d: decoded text not valid UTF-8", i)
		}
	}
}

func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	w, err := OpenWriter(path, WriterOptions{SyncInterval: 5e6})
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 8, 150
	var wg sync.WaitGroup
	for g := range writers {
		wg.Go(func() {
			for i := range each {
				id := g*each + i
				text := strings.Repeat(string(rune('a'+g)), 10+(id*997)%8_000)
				if err := w.Write(rec{ID: id, Text: text}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	seen := make(map[int]bool)
	for _, r := range readAll(t, path) {
		g := r.ID / each
		if seen[r.ID] || strings.Trim(r.Text, string(rune('a'+g))) != "" {
			t.Fatalf("record %d duplicated or mixed with another writer", r.ID)
		}
		seen[r.ID] = true
	}
	if len(seen) != writers*each {
		t.Fatalf("%d records, want %d", len(seen), writers*each)
	}
}

// TestKilledMidWrite is D1 for the file format: a writer killed with SIGKILL
// at arbitrary points leaves a file whose lines all parse after RepairTail,
// and that holds every record Write acknowledged.
func TestKilledMidWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	acked := -1
	for round := range 4 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=write-forever:"+path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stdout)
		// Kill after a varying number of acknowledgements, while the child
		// is busy writing the next 1 MiB line.
		for n := 0; n < 3+round*2 && sc.Scan(); n++ {
			var id int
			if _, err := fmt.Sscanf(sc.Text(), "ack %d", &id); err != nil {
				cmd.Process.Kill()
				t.Fatalf("child: %q", sc.Text())
			}
			acked = max(acked, id)
		}
		cmd.Process.Kill()
		for sc.Scan() { // acks printed before the kill landed
			var id int
			if _, err := fmt.Sscanf(sc.Text(), "ack %d", &id); err == nil {
				acked = max(acked, id)
			}
		}
		cmd.Wait()

		removed, err := RepairTail(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d: %d acknowledged, torn tail of %d bytes removed", round, acked+1, removed)
		got := readAll(t, path) // fails on any malformed line
		ids := make(map[int]bool)
		for _, r := range got {
			ids[r.ID] = true
		}
		// Each child restarts its ids at 0, so "every acknowledged id of this
		// round is present" is the check.
		for id := 0; id <= acked; id++ {
			if !ids[id] {
				t.Fatalf("round %d: acknowledged record %d missing", round, id)
			}
		}
		acked = -1
	}
}

// TestPartialWriteUndone runs a writer whose file size is capped, so a write
// stops part-way with EFBIG (as with ENOSPC): no partial line may remain.
func TestPartialWriteUndone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=fsize-limit:"+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v: %s", err, out)
	}
	var acked, failed int
	if _, err := fmt.Sscanf(string(out), "acked %d failed %d", &acked, &failed); err != nil {
		t.Fatalf("child said %q", out)
	}
	if failed == 0 {
		t.Fatalf("the size limit never hit: %q", out)
	}
	raw, _ := os.ReadFile(path)
	if len(raw) == 0 || raw[len(raw)-1] != '\n' {
		t.Fatalf("file does not end with a whole line (%d bytes)", len(raw))
	}
	if got := readAll(t, path); len(got) != acked {
		t.Fatalf("%d lines, %d acknowledged", len(got), acked)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "snapshot.json")
	if err := WriteFileAtomic(path, []byte(`{"v":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(path, []byte(`{"v":2}`), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(got) != `{"v":2}` || fi.Mode().Perm() != 0o600 {
		t.Fatalf("got %q mode %v", got, fi.Mode().Perm())
	}
	// A crash between write and rename leaves a temporary: the old snapshot
	// still loads, and CleanTemp removes the leftover.
	os.WriteFile(filepath.Join(dir, ".snapshot.json.tmp-12345"), []byte(`{"v":`), 0o600)
	os.WriteFile(filepath.Join(dir, ".other.json.tmp-1"), nil, 0o600)
	n, err := CleanTemp(path)
	if err != nil || n != 1 {
		t.Fatalf("CleanTemp = %d, %v; want 1", n, err)
	}
	if got, _ := os.ReadFile(path); string(got) != `{"v":2}` {
		t.Fatalf("snapshot changed: %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("dir holds %d entries, want snapshot and the other file's temp", len(entries))
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x"), nil, 0o600); err == nil {
		t.Fatal("writing into a missing directory should fail")
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add("plain", 1)
	f.Add("\u2028\u2029\x00\n\r", -5)
	f.Add("\xff\xfe", 0)
	f.Add(`{"id":1}`+"\n", 42)
	f.Fuzz(func(t *testing.T, s string, id int) {
		path := filepath.Join(t.TempDir(), "f.jsonl")
		w, err := OpenWriter(path, WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		in := []rec{{ID: id, Text: s}, {ID: id + 1, Text: s + s}}
		for _, r := range in {
			if err := w.Write(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got := readAll(t, path)
		if len(got) != len(in) {
			t.Fatalf("%d records back, wrote %d", len(got), len(in))
		}
		for i := range in {
			want := in[i]
			if !utf8.ValidString(want.Text) {
				// encoding/json replaces each invalid byte with U+FFFD.
				var enc bytes.Buffer
				json.NewEncoder(&enc).Encode(want.Text)
				json.Unmarshal(enc.Bytes(), &want.Text)
			}
			if got[i] != want {
				t.Fatalf("record %d: got %+v, want %+v", i, got[i], want)
			}
		}
	})
}
