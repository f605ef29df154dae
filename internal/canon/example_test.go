package canon_test

import (
	"errors"
	"fmt"

	"github.com/gleaner-news/gleaner/internal/canon"
)

func ExampleCanonicalize() {
	for _, raw := range []string{
		"HTTP://User:pw@News.Example.COM:80/a/./b/../c;jsessionid=42?utm_source=x&b=2&a=1#top",
		"https://例え.jp/%7euser/%e6%96%b0",
		"https://news.example.com",
	} {
		u, err := canon.Canonicalize(raw)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(u)
	}
	// Output:
	// http://news.example.com/a/c?a=1&b=2
	// https://xn--r8jz45g.jp/~user/%E6%96%B0
	// https://news.example.com/
}

// Callers branch on the sentinel errors, not on the message.
func ExampleCanonicalize_errors() {
	for _, raw := range []string{"mailto:desk@example.com", "https://bad_host!/", "/relative/path"} {
		_, err := canon.Canonicalize(raw)
		switch {
		case errors.Is(err, canon.ErrScheme):
			fmt.Println("scheme:", raw)
		case errors.Is(err, canon.ErrHost):
			fmt.Println("host:", raw)
		case errors.Is(err, canon.ErrInvalid):
			fmt.Println("invalid:", raw)
		}
	}
	// Output:
	// scheme: mailto:desk@example.com
	// host: https://bad_host!/
	// invalid: /relative/path
}
