// Package config reads gleaner job files: YAML documents that say what to
// crawl, how politely, within which limits and where to write the records.
//
// The contract:
//
//   - [Load] and [Parse] decode through go.yaml.in/yaml/v3's node tree, so
//     every problem is reported as an [*Error] naming the file, the line and
//     the field ("politeness.delay"). All problems found are returned
//     together as [Errors], sorted by line; errors.Is(err, [ErrInvalid])
//     holds for both.
//   - Unknown keys are errors, with a suggestion when a known key is close
//     ("did you mean ..."), because a misspelt key silently ignored is a
//     crawl with the wrong limits.
//   - Regexps, durations, sizes, time zones, URLs and cron schedules are
//     parsed and checked at load time. CSS selectors are kept as strings:
//     the extract package compiles and checks them.
//   - Defaults are applied by [Job.ApplyDefaults] (Load and Parse call it)
//     and are documented on each field. A key named in the file is never
//     replaced by a default, even when its value is zero: "max_depth: 0"
//     means "start URLs only".
//   - Callers may change fields after loading (command-line flags override
//     the file) and re-run [Job.Validate]; its errors keep the file's line
//     numbers for fields that came from the file.
//
// The package does no network I/O; it reads files only.
package config
