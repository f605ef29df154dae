package chaossite

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Robots is how a host's /robots.txt answers.
type Robots struct {
	// Status is the HTTP status; default 200.
	Status int
	// Body is the file; ignored when Variant is set.
	Body string
	// Variant names a generated file (see RobotsVariant).
	Variant string
	// Header holds extra response headers (Retry-After, Cache-Control).
	Header http.Header
	// RedirectTo, when set, answers with a 302 to this URL instead.
	RedirectTo string
	// Delay holds the answer back this long.
	Delay time.Duration
	// Reset closes the connection without an answer.
	Reset bool
}

// SetRobots sets how host's robots.txt answers ("" sets the default for
// hosts without their own). Without any, robots.txt allows everything.
func (s *Site) SetRobots(host string, r Robots) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.robots[strings.ToLower(host)] = r
}

func (s *Site) robotsFor(host string) Robots {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.robots[host]; ok {
		return r
	}
	if r, ok := s.robots[""]; ok {
		return r
	}
	return Robots{Body: "User-agent: *\nAllow: /\n"}
}

func (s *Site) robotsTxt(w http.ResponseWriter, r *http.Request) {
	rb := s.robotsFor(hostOnly(r.Host))
	if rb.Delay > 0 && !s.sleepCtx(r, rb.Delay) {
		return
	}
	if rb.Reset {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return
	}
	for k, vs := range rb.Header {
		w.Header()[k] = vs
	}
	if rb.RedirectTo != "" {
		http.Redirect(w, r, rb.RedirectTo, http.StatusFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	status := rb.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	if rb.Variant != "" {
		if gen, ok := RobotsVariant(rb.Variant); ok {
			gen(w)
		}
		return
	}
	io.WriteString(w, rb.Body)
}

// Robots variants, by name:
//
//	allow-all, disallow-all, disallow-private (Disallow: /private/)
//	crawl-delay-2, crawl-delay-120
//	big-600k       600 KiB: "Disallow: /x" at 450 KiB, "Disallow: /beyond" at 550 KiB
//	huge-5m, huge-50m  comment padding, then "Disallow: /late" at the end
//	wildcards-200k 200,000 wildcard rules (about 6 MiB)
//	stars-100k     100,000 lines of "Disallow: /********************/"
var robotsVariants = map[string]func(io.Writer){
	"allow-all":        fixed("User-agent: *\nAllow: /\n"),
	"disallow-all":     fixed("User-agent: *\nDisallow: /\n"),
	"disallow-private": fixed("User-agent: *\nDisallow: /private/\n"),
	"crawl-delay-2":    fixed("User-agent: *\nCrawl-delay: 2\nAllow: /\n"),
	"crawl-delay-120":  fixed("User-agent: *\nCrawl-delay: 120\nAllow: /\n"),
	"big-600k": func(w io.Writer) {
		n, _ := io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
		n = pad(w, n, 450<<10)
		k, _ := io.WriteString(w, "Disallow: /x\n")
		n = pad(w, n+k, 550<<10)
		k, _ = io.WriteString(w, "Disallow: /beyond\n")
		pad(w, n+k, 600<<10)
	},
	"huge-5m":  huge(5 << 20),
	"huge-50m": huge(50 << 20),
	"wildcards-200k": func(w io.Writer) {
		io.WriteString(w, "User-agent: *\n")
		for i := range 200_000 {
			fmt.Fprintf(w, "Disallow: /*.a%d.b*c$\n", i)
		}
	},
	"stars-100k": func(w io.Writer) {
		io.WriteString(w, "User-agent: *\n")
		line := "Disallow: /********************/\n"
		for range 100_000 {
			io.WriteString(w, line)
		}
	},
}

// RobotsVariant returns the generator of a named robots.txt variant.
func RobotsVariant(name string) (func(io.Writer), bool) {
	gen, ok := robotsVariants[name]
	return gen, ok
}

func fixed(s string) func(io.Writer) { return func(w io.Writer) { io.WriteString(w, s) } }

// pad writes comment lines from offset at up to offset to and returns the
// new offset.
func pad(w io.Writer, at, to int) int {
	line := "# " + strings.Repeat("padding ", 12) + "\n"
	for at+len(line) <= to {
		io.WriteString(w, line)
		at += len(line)
	}
	if rest := to - at; rest >= 2 {
		io.WriteString(w, "#"+strings.Repeat(" ", rest-2)+"\n")
		at = to
	}
	return at
}

func huge(size int) func(io.Writer) {
	return func(w io.Writer) {
		n, _ := io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
		pad(w, n, size-16)
		io.WriteString(w, "Disallow: /late\n")
	}
}

func robotsVariant(w http.ResponseWriter, r *http.Request) {
	gen, ok := RobotsVariant(r.PathValue("variant"))
	if !ok {
		http.Error(w, "unknown variant", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	gen(w)
}
