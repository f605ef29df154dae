package output_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gleaner-news/gleaner/internal/output"
	"github.com/gleaner-news/gleaner/internal/record"
)

// A run appends records as whole lines; after a crash the file is read back,
// and a torn last line is cut off by the next OpenWriter.
func ExampleOpenWriter() {
	dir, err := os.MkdirTemp("", "gleaner-output-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "news", "records.jsonl")

	w, err := output.OpenWriter(path, output.WriterOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, title := range []string{"Rates held", "北京今天晴"} {
		if err := w.Write(record.Record{ID: record.ID(title), Version: 1, URL: "https://news.example.com/", Title: title}); err != nil {
			fmt.Println(err)
		}
	}
	if err := w.Close(); err != nil {
		fmt.Println(err)
	}

	// A process killed inside write(2) leaves an unterminated line.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"id":"torn","tit`)
	f.Close()

	w, err = output.OpenWriter(path, output.WriterOptions{}) // repairs the tail
	if err != nil {
		fmt.Println(err)
		return
	}
	w.Close()

	err = output.ReadLines(path, func(line []byte) error {
		var r record.Record
		if err := r.UnmarshalJSON(line); err != nil {
			return err
		}
		fmt.Println(r.Title)
		return nil
	})
	fmt.Println("malformed:", errors.Is(err, output.ErrMalformed))
	// Output:
	// Rates held
	// 北京今天晴
	// malformed: false
}

// ReadLines skips lines that are not JSON, reads on, and reports them.
func ExampleReadLines() {
	dir, err := os.MkdirTemp("", "gleaner-readlines-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "records.jsonl")
	os.WriteFile(path, []byte("{\"n\":1}\nnot json\n\n{\"n\":2}\n{\"n\":"), 0o644)

	err = output.ReadLines(path, func(line []byte) error {
		fmt.Println(string(line))
		return nil
	})
	var bad *output.MalformedError
	if errors.As(err, &bad) {
		fmt.Println("skipped", bad.Count, "lines:", bad.Lines)
	}
	// Output:
	// {"n":1}
	// {"n":2}
	// skipped 2 lines: [2 5]
}
