package config_test

import (
	"errors"
	"fmt"

	"github.com/gleaner-news/gleaner/internal/config"
)

// Parse applies the defaults stated on each field; keys the file names keep
// their value, even a zero.
func ExampleParse() {
	job, err := config.Parse([]byte(`
start_urls:
  - https://news.example.com/
max_depth: 0
politeness:
  delay: 2s
`), "jobs/news.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(job.Name, job.AllowedDomains, job.MaxDepth)
	fmt.Println(job.Politeness.Delay, job.Politeness.Parallelism, job.Politeness.Robots())
	fmt.Println(job.Limits.MaxBodyBytes, job.OutputDir, job.Line("politeness.delay"))
	// Output:
	// news [news.example.com] 0
	// 2s 1 true
	// 8MiB output 6
}

// Every problem in a file is reported at once, as file:line: field: message,
// sorted by line; errors.Is(err, ErrInvalid) holds and errors.As reaches
// each *Error.
func ExampleParse_errors() {
	_, err := config.Parse([]byte(`start_urls:
  - ftp://files.example.com/
politeness:
  dealy: 2s
limits:
  max_body_bytes: lots
`), "jobs/news.yaml")
	fmt.Println(err)
	fmt.Println(errors.Is(err, config.ErrInvalid))
	var first *config.Error
	if errors.As(err, &first) {
		fmt.Println(first.Line, first.Field)
	}
	// Output:
	// jobs/news.yaml:2: start_urls[0]: URL "ftp://files.example.com/" must be absolute, starting with http:// or https://
	// jobs/news.yaml:4: politeness.dealy: unknown field in politeness (did you mean "delay"?)
	// jobs/news.yaml:6: limits.max_body_bytes: invalid size "lots" (examples: 8MiB, 512KiB, 1MB, 4096)
	// true
	// 2 start_urls[0]
}
