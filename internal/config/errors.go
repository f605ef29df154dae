package config

import (
	"errors"
	"fmt"
	"strings"
)

// ErrInvalid is matched (errors.Is) by every [*Error] and [Errors]: the job
// file is malformed or names invalid values. Callers branch on it to exit
// with a usage/config status.
var ErrInvalid = errors.New("invalid job configuration")

// Error is one problem in a job file.
type Error struct {
	// File is the file name given to Parse or Load ("" for a Job built in code).
	File string
	// Line is the 1-based line of the offending key or value; 0 when the
	// problem has no place in the file (a required key that is missing from
	// an empty file, a field changed after loading).
	Line int
	// Field is the dotted path of the key, with list indexes:
	// "politeness.delay", "start_urls[1]". Empty for syntax errors.
	Field string
	// Msg says what is wrong, without the file, line or field.
	Msg string
}

// Error formats the problem as "file:line: field: msg", leaving out the
// parts that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Is reports whether target is [ErrInvalid].
func (e *Error) Is(target error) bool { return target == ErrInvalid }

// Errors is every problem found in one job file, in line order. It is
// returned as an error only when it is not empty.
type Errors []*Error

// Error lists the problems one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Is reports whether target is [ErrInvalid].
func (es Errors) Is(target error) bool { return target == ErrInvalid }

// Unwrap returns the individual errors, so errors.As can reach an [*Error].
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// asError returns nil for an empty list: a nil Errors stored in an error
// interface would not compare equal to nil.
func (es Errors) asError() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// suggest returns the candidate closest to name when it is close enough to
// be a plausible typo, or "".
func suggest(name string, candidates []string) string {
	best, bestDist := "", 2+len(name)/5
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b:
// Levenshtein plus adjacent transpositions, the commonest typo ("dealy").
// Bytes, not runes: keys are ASCII.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
