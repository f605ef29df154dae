package config

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // job files name IANA zones; do not depend on the host's zoneinfo
)

// maxPatternLen bounds a URL regexp's source. RE2 matching is linear, but a
// megabyte pattern costs memory per compiled program and is never intended.
const maxPatternLen = 4096

// Duration is a time.Duration written as Go writes durations ("1.5s",
// "36h", "250ms") plus days "d" and weeks "w" ("7d", "1w2d", "1d12h").
// A bare number is an error except 0, because "delay: 2" is ambiguous.
type Duration time.Duration

// D returns d as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// String writes d in a form ParseDuration reads back, using days when whole.
func (d Duration) String() string {
	td := time.Duration(d)
	const day = 24 * time.Hour
	if td != 0 && td%day == 0 {
		return strconv.FormatInt(int64(td/day), 10) + "d"
	}
	return td.String()
}

// MarshalText writes d as [Duration.String].
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads d with [ParseDuration].
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ParseDuration reads a duration: Go's units (ns, us, µs, ms, s, m, h) plus
// d (24h) and w (7d), combined in any order ("1w2d3h"). Negative durations
// are rejected: every duration in a job is a length of time.
func ParseDuration(s string) (Duration, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errors.New("empty duration")
	}
	if s == "0" {
		return 0, nil
	}
	if s[0] == '-' {
		return 0, fmt.Errorf("negative duration %q", orig)
	}
	var total float64
	for s != "" {
		i := 0
		for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("invalid duration %q (examples: 30s, 1.5h, 7d, 2w)", orig)
		}
		num, err := strconv.ParseFloat(s[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q (examples: 30s, 1.5h, 7d, 2w)", orig)
		}
		s = s[i:]
		j := 0
		for j < len(s) && !(s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
			j++
		}
		unit := strings.TrimSpace(s[:j])
		s = s[j:]
		var scale time.Duration
		switch unit {
		case "ns":
			scale = time.Nanosecond
		case "us", "µs", "μs":
			scale = time.Microsecond
		case "ms":
			scale = time.Millisecond
		case "s":
			scale = time.Second
		case "m":
			scale = time.Minute
		case "h":
			scale = time.Hour
		case "d":
			scale = 24 * time.Hour
		case "w":
			scale = 7 * 24 * time.Hour
		case "":
			return 0, fmt.Errorf("duration %q needs a unit (ms, s, m, h, d, w)", orig)
		default:
			return 0, fmt.Errorf("unknown unit %q in duration %q (use ms, s, m, h, d, w)", unit, orig)
		}
		total += num * float64(scale)
	}
	if total > math.MaxInt64 {
		return 0, fmt.Errorf("duration %q is too long", orig)
	}
	return Duration(total), nil
}

// Size is a number of bytes, written as plain bytes ("1048576") or with a
// unit: KiB, MiB, GiB (powers of 1024) or KB, MB, GB (powers of 1000), B.
// Units are case-insensitive; a space before the unit is allowed.
type Size int64

// String writes s with the largest binary unit that divides it.
func (s Size) String() string {
	switch {
	case s != 0 && s%(1<<30) == 0:
		return strconv.FormatInt(int64(s>>30), 10) + "GiB"
	case s != 0 && s%(1<<20) == 0:
		return strconv.FormatInt(int64(s>>20), 10) + "MiB"
	case s != 0 && s%(1<<10) == 0:
		return strconv.FormatInt(int64(s>>10), 10) + "KiB"
	}
	return strconv.FormatInt(int64(s), 10)
}

// MarshalText writes s as [Size.String].
func (s Size) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads s with [ParseSize].
func (s *Size) UnmarshalText(b []byte) error {
	v, err := ParseSize(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

var sizeUnits = map[string]float64{
	"": 1, "b": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
}

// ParseSize reads a byte size such as "8MiB", "512KiB", "1MB" or "4096".
func ParseSize(s string) (Size, error) {
	orig := s
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("invalid size %q (examples: 8MiB, 512KiB, 1MB, 4096)", orig)
	}
	num, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return 0, fmt.Errorf("invalid size %q (examples: 8MiB, 512KiB, 1MB, 4096)", orig)
	}
	unit := strings.ToLower(strings.TrimSpace(s[i:]))
	scale, ok := sizeUnits[unit]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q in size %q (use B, KiB, MiB, GiB, KB, MB, GB)", strings.TrimSpace(s[i:]), orig)
	}
	v := num * scale
	if v > math.MaxInt64 {
		return 0, fmt.Errorf("size %q is too large", orig)
	}
	if v != math.Trunc(v) {
		return 0, fmt.Errorf("size %q is not a whole number of bytes", orig)
	}
	return Size(v), nil
}

// Regexp is a URL pattern compiled when the job is loaded (RE2 syntax, as
// Go's regexp package). It is unanchored: "/news/" matches any URL that
// contains "/news/". The embedded *regexp.Regexp is nil only in a zero Regexp.
type Regexp struct {
	*regexp.Regexp
}

// MustRegexp compiles pattern, panicking on error; for jobs built in code
// and tests.
func MustRegexp(pattern string) Regexp { return Regexp{regexp.MustCompile(pattern)} }

// MarshalText writes the pattern's source.
func (r Regexp) MarshalText() ([]byte, error) {
	if r.Regexp == nil {
		return nil, nil
	}
	return []byte(r.String()), nil
}

// UnmarshalText compiles the pattern.
func (r *Regexp) UnmarshalText(b []byte) error {
	if len(b) > maxPatternLen {
		return fmt.Errorf("pattern is %d bytes, more than the %d allowed", len(b), maxPatternLen)
	}
	re, err := regexp.Compile(string(b))
	if err != nil {
		// regexp's message already starts with "error parsing regexp: ".
		return fmt.Errorf("invalid regexp: %s", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	r.Regexp = re
	return nil
}

// Location is an IANA time zone ("Asia/Shanghai", "Europe/Berlin", "UTC").
// The zone database is compiled into the binary, so it does not depend on
// the host. A zero Location means UTC.
type Location struct {
	*time.Location
}

// Loc returns the zone, UTC for a zero Location.
func (l Location) Loc() *time.Location {
	if l.Location == nil {
		return time.UTC
	}
	return l.Location
}

// MarshalText writes the zone's name.
func (l Location) MarshalText() ([]byte, error) { return []byte(l.Loc().String()), nil }

// UnmarshalText loads the named zone. "Local" is refused: a job's meaning
// must not change with the machine that runs it.
func (l *Location) UnmarshalText(b []byte) error {
	name := strings.TrimSpace(string(b))
	if name == "" || name == "Local" {
		return fmt.Errorf("invalid time zone %q (use an IANA name such as Asia/Shanghai or UTC)", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return fmt.Errorf("unknown time zone %q (use an IANA name such as Asia/Shanghai or UTC)", name)
	}
	l.Location = loc
	return nil
}
