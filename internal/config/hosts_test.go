package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPerHostPoliteness(t *testing.T) {
	job, err := Parse([]byte(`start_urls: ["https://news.example.com/"]
politeness:
  parallelism: 1
  hosts:
    - host: img.example.com
      parallelism: 2
    - host: slow.example.com
      delay: 5s
`), "hosts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	h := job.Politeness.Hosts
	if len(h) != 2 || h[0].Host != "img.example.com" || h[0].Parallelism != 2 || h[1].Delay.D() != 5*time.Second {
		t.Errorf("hosts = %+v", h)
	}

	_, err = Parse([]byte(`start_urls: ["https://news.example.com/"]
politeness:
  hosts:
    - parallelism: 2
    - host: "https://x.example.com/"
      parallelism: 100
`), "bad.yaml")
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	for _, want := range []string{
		"bad.yaml:4: politeness.hosts[0].host: required",
		"bad.yaml:5: politeness.hosts[1].host:",
		"bad.yaml:6: politeness.hosts[1].parallelism: must be between 0",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
