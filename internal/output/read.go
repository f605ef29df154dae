package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// MaxLineBytes bounds one line for ReadLines; longer lines are skipped as
// malformed without being held in memory.
const MaxLineBytes = 64 << 20

// ErrMalformed is wrapped by the *MalformedError ReadLines returns when it
// skipped lines.
var ErrMalformed = errors.New("output: malformed lines skipped")

// MalformedError reports the lines ReadLines skipped: not valid JSON, longer
// than MaxLineBytes, or an unterminated last line (a torn tail not yet
// repaired). All other lines were passed to the callback.
type MalformedError struct {
	Path  string // the file read
	Count int    // lines skipped
	Lines []int  // 1-based numbers of the first skipped lines (at most 10)
}

// Error names the file, the count and the first skipped lines.
func (e *MalformedError) Error() string {
	return fmt.Sprintf("output: %s: %d malformed lines skipped (first at lines %v)", e.Path, e.Count, e.Lines)
}

// Unwrap makes errors.Is(err, ErrMalformed) true.
func (e *MalformedError) Unwrap() error { return ErrMalformed }

// ReadLines calls fn with each valid JSON line of the file, without its
// '\n'. The slice is only valid during the call. Blank lines are ignored.
// An error from fn stops the read and is returned as is; a caller whose
// context ends stops the read that way, returning ctx.Err() from fn. When lines were
// skipped, ReadLines reads to the end and then returns a *MalformedError
// (check with errors.Is(err, ErrMalformed)); reconciliation can carry on.
func ReadLines(path string, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()

	r := bufio.NewReaderSize(f, 256<<10)
	bad := &MalformedError{Path: path}
	skip := func(lineNo int) {
		bad.Count++
		if len(bad.Lines) < 10 {
			bad.Lines = append(bad.Lines, lineNo)
		}
	}
	var long []byte // accumulates a line longer than the reader's buffer
	for lineNo := 1; ; lineNo++ {
		line, tooLong, terminated, err := readLine(r, &long)
		if err != nil && err != io.EOF {
			return fmt.Errorf("output: read %s: %w", path, err)
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			break
		}
		switch {
		case tooLong || !terminated:
			skip(lineNo)
		case len(bytes.TrimSpace(line)) == 0:
		case !json.Valid(line):
			skip(lineNo)
		default:
			if err := fn(line); err != nil {
				return err
			}
		}
		if err == io.EOF {
			break
		}
	}
	if bad.Count > 0 {
		return bad
	}
	return nil
}

// readLine returns the next line without '\n'. A line over MaxLineBytes is
// consumed and reported as tooLong. terminated is false for a last line
// without '\n'.
func readLine(r *bufio.Reader, long *[]byte) (line []byte, tooLong, terminated bool, err error) {
	*long = (*long)[:0]
	for {
		frag, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if !tooLong {
				if len(*long)+len(frag) > MaxLineBytes {
					tooLong = true
					*long = (*long)[:0]
				} else {
					*long = append(*long, frag...)
				}
			}
			continue
		}
		if !tooLong && len(*long)+len(frag) > MaxLineBytes+1 { // +1: the '\n'
			tooLong = true
		}
		if tooLong {
			*long = (*long)[:0]
			return nil, true, err == nil, err
		}
		if len(*long) > 0 {
			*long = append(*long, frag...)
			frag = *long
		}
		if err != nil { // io.EOF or a read error: no '\n' at the end
			return frag, false, false, err
		}
		return frag[:len(frag)-1], false, true, nil
	}
}
