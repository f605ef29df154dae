package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxFileSize bounds a job file; anything larger is not a hand-written job.
const maxFileSize = 1 << 20

// Load reads the job file at path and returns it parsed, with defaults
// applied and validated. Errors in the file are [Errors] (errors.Is
// [ErrInvalid]); a file that cannot be read gives the *fs.PathError wrapped.
func Load(path string) (*Job, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read job file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read job file: %w", err)
	}
	if len(data) > maxFileSize {
		return nil, Errors{{File: path, Msg: fmt.Sprintf("job file is larger than %d bytes", maxFileSize)}}
	}
	return Parse(data, path)
}

// Parse decodes a job from YAML data. filename is used in error messages
// and, when the job names none, for the job's Name (base name without
// .yaml/.yml). It applies defaults and validates; on any problem it returns
// nil and [Errors] listing every problem found.
func Parse(data []byte, filename string) (*Job, error) {
	j := &Job{file: filename, lines: map[string]int{}}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		return nil, Errors{syntaxError(filename, err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, Errors{{File: filename, Line: extra.Line, Msg: "more than one YAML document; put one job per file"}}
	}
	d := &decoder{file: filename, lines: j.lines, failed: map[string]bool{}}
	if len(root.Content) > 0 {
		d.decode(root.Content[0], reflect.ValueOf(j).Elem(), "")
	}
	errs := d.errs
	j.ApplyDefaults()
	if err := j.Validate(); err != nil {
		var verrs Errors
		errors.As(err, &verrs)
		for _, e := range verrs {
			if !d.failed[e.Field] && !(len(root.Content) > 0 && d.failed[""]) {
				errs = append(errs, e)
			}
		}
	}
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	return j, nil
}

// LoadDir loads every *.yaml and *.yml file directly in dir, in name order.
// It returns the jobs that loaded and one error per file that did not (each
// naming its file); two files giving the same job Name is an error for the
// second. Reading dir itself failing is reported as the only error.
func LoadDir(dir string) ([]*Job, []error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, []error{fmt.Errorf("read job folder: %w", err)}
	}
	var jobs []*Job
	var errs []error
	byName := map[string]string{}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || (ext != ".yaml" && ext != ".yml") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		j, err := Load(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := byName[j.Name]; dup {
			errs = append(errs, Errors{{File: path, Line: j.lines["name"], Field: "name",
				Msg: fmt.Sprintf("job name %q is already used by %s", j.Name, other)}})
			continue
		}
		byName[j.Name] = path
		jobs = append(jobs, j)
	}
	return jobs, errs
}

// File returns the file the job was read from, or "" for a job built in code.
func (j *Job) File() string { return j.file }

// Line returns the line in the job file where the key at path (such as
// "politeness.delay" or "start_urls[0]") was set, or 0.
func (j *Job) Line(path string) int { return j.lines[path] }

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxError turns a YAML parser error into an *Error with its line.
func syntaxError(filename string, err error) *Error {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &Error{File: filename, Line: line, Msg: "invalid YAML: " + msg}
}

func sortErrors(errs Errors) {
	slices.SortStableFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
}

func nameFromFile(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".yaml", ".yml", ".YAML", ".YML"} {
		if s, ok := strings.CutSuffix(base, ext); ok {
			return s
		}
	}
	return base
}
