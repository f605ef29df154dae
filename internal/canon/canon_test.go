package canon

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://Ex.com:80/a#x", "http://ex.com/a"},
		{"http://example.com", "http://example.com/"},
		{"https://example.com:443/", "https://example.com/"},
		{"https://example.com:8443/", "https://example.com:8443/"},
		{"http://example.com:0080/", "http://example.com/"},
		{"http://example.com:/x", "http://example.com/x"},
		{"http://example.com:443/", "http://example.com:443/"},
		{"  http://example.com/a  ", "http://example.com/a"},
		{"http://user:pass@example.com/", "http://example.com/"},
		{"http://EXAMPLE.com./A/B", "http://example.com/A/B"},
		{"http://%65xample.com/", "http://example.com/"},
		{"http://bücher.example/", "http://xn--bcher-kva.example/"},
		{"http://BÜCHER.example/", "http://xn--bcher-kva.example/"},
		{"http://新华网.中国/news", "http://xn--xkrr14bows.xn--fiqs8s/news"},
		{"http://例え．テスト/", "http://xn--r8jz45g.xn--zckzah/"},
		{"http://my_host.example.com/", "http://my_host.example.com/"},
		{"http://[0:0::1]:8080/", "http://[::1]:8080/"},
		{"http://[2001:DB8::1]/", "http://[2001:db8::1]/"},
		{"http://example.com/%7euser", "http://example.com/~user"},
		{"http://example.com/%7Euser/%41%62", "http://example.com/~user/Ab"},
		{"http://example.com/a%2fb", "http://example.com/a%2Fb"},
		{"http://example.com/a b", "http://example.com/a%20b"},
		{"http://example.com/路径", "http://example.com/%E8%B7%AF%E5%BE%84"},
		{"http://example.com/100%", "http://example.com/100%25"},
		{"http://example.com/%zz", "http://example.com/%25zz"},
		{"http://example.com/a/./b/../c", "http://example.com/a/c"},
		{"http://example.com/a/%2E%2E/b", "http://example.com/b"},
		{"http://example.com/../../a", "http://example.com/a"},
		{"http://example.com/a/b/..", "http://example.com/a/"},
		{"http://example.com/a/.", "http://example.com/a/"},
		{"http://example.com//a", "http://example.com//a"},
		{"http://example.com/a;jsessionid=ABC123", "http://example.com/a"},
		{"http://example.com/a;JSESSIONID=ABC?x=1", "http://example.com/a?x=1"},
		{"http://example.com/a;jsessionid=1;v=2/b", "http://example.com/a;v=2/b"},
		{"http://example.com/a?utm_source=x&utm_medium=y", "http://example.com/a"},
		{"http://example.com/a?b=2&a=1", "http://example.com/a?a=1&b=2"},
		{"http://example.com/a?b=2&a=1&b=1", "http://example.com/a?a=1&b=2&b=1"},
		{"http://example.com/a?id=1&fbclid=abc&gclid=z", "http://example.com/a?id=1"},
		{"http://example.com/a?UTM_Campaign=x&id=1", "http://example.com/a?id=1"},
		{"http://example.com/a?%75tm_source=x&id=1", "http://example.com/a?id=1"},
		{"http://example.com/a?PHPSESSID=1&sid=2&sessionid=3&jsessionid=4&ASPSESSIONIDQ=5&p=1", "http://example.com/a?p=1"},
		{"http://example.com/a?mc_cid=1&mc_eid=2&yclid=3&_ga=4&spm=5&ref_src=6&igshid=7", "http://example.com/a"},
		{"http://example.com/a?", "http://example.com/a"},
		{"http://example.com/a?&&x=1&&", "http://example.com/a?x=1"},
		{"http://example.com/a?q=a+b&r=%e4%b8%ad", "http://example.com/a?q=a+b&r=%E4%B8%AD"},
		{"http://example.com/a?q=%26&q2=%3d", "http://example.com/a?q=%26&q2=%3D"},
		{"http://example.com/a?q=中文", "http://example.com/a?q=%E4%B8%AD%E6%96%87"},
		{"http://example.com/a?flag&x=1", "http://example.com/a?flag&x=1"},
		{"http://example.com?x=1", "http://example.com/?x=1"},
		{"http://example.com/#!/route", "http://example.com/"},
		{"https://example.com/a?x=\"<>\"", "https://example.com/a?x=%22%3C%3E%22"},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if err != nil {
			t.Errorf("Canonicalize(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		again, err := Canonicalize(got)
		if err != nil || again != got {
			t.Errorf("not idempotent: %q → %q → %q (%v)", tt.in, got, again, err)
		}
	}
}

// TestEquivalence checks the P21 pairs: equivalent URLs give one key,
// distinct ones two.
func TestEquivalence(t *testing.T) {
	same := [][2]string{
		{"HTTP://Ex.com:80/a#x", "http://ex.com/a"},
		{"http://ex.com/a?utm_source=news&utm_medium=rss", "http://ex.com/a"},
		{"http://ex.com/a;jsessionid=0A1B2C", "http://ex.com/a"},
		{"http://ex.com/%7efoo", "http://ex.com/~foo"},
		{"http://ex.com/%7Efoo", "http://ex.com/~foo"},
		{"http://ex.com/a%2fb", "http://ex.com/a%2Fb"},
		{"http://ex.com/?b=1&a=2", "http://ex.com/?a=2&b=1"},
		{"https://ex.com:443", "https://ex.com/"},
		{"http://ex.com/a/b/../c", "http://ex.com/a/c"},
		{"http://EX.COM/", "http://ex.com/"},
		{"http://ex.com/a?x=1#frag", "http://ex.com/a?x=1"},
		{"http://ex.com/a?fbclid=IwAR0", "http://ex.com/a"},
		{"http://ex.com/a?sid=deadbeef&page=2", "http://ex.com/a?page=2"},
	}
	for _, p := range same {
		a, errA := Canonicalize(p[0])
		b, errB := Canonicalize(p[1])
		if errA != nil || errB != nil || a != b {
			t.Errorf("%q and %q should be equivalent: %q (%v) vs %q (%v)", p[0], p[1], a, errA, b, errB)
		}
	}
	distinct := [][2]string{
		{"http://ex.com/a?id=1", "http://ex.com/a?id=2"},
		{"http://ex.com/Article", "http://ex.com/article"},
		{"http://ex.com/a", "https://ex.com/a"},
		{"http://ex.com/a", "http://ex.com/a/"},
		{"http://ex.com/a/b", "http://ex.com/a%2Fb"},
		{"http://ex.com/a?x=1&x=2", "http://ex.com/a?x=2&x=1"},
		{"http://ex.com/", "http://www.ex.com/"},
		{"http://ex.com:8080/", "http://ex.com/"},
		{"http://ex.com/a?q=a+b", "http://ex.com/a?q=a%20b"},
		{"http://ex.com/a?ID=1", "http://ex.com/a?id=1"},
		{"http://ex.com/a?x", "http://ex.com/a?x="},
	}
	for _, p := range distinct {
		a, errA := Canonicalize(p[0])
		b, errB := Canonicalize(p[1])
		if errA != nil || errB != nil || a == b {
			t.Errorf("%q and %q should be distinct: %q (%v) vs %q (%v)", p[0], p[1], a, errA, b, errB)
		}
	}
}

func TestCanonicalizeErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"ftp://example.com/", ErrScheme},
		{"file:///etc/passwd", ErrScheme},
		{"javascript:alert(1)", ErrScheme},
		{"mailto:a@example.com", ErrScheme},
		{"data:text/html,hi", ErrScheme},
		{"gopher://example.com/", ErrScheme},
		{"/relative/path", ErrInvalid},
		{"//example.com/a", ErrInvalid},
		{"example.com/a", ErrInvalid},
		{"", ErrInvalid},
		{"http:example.com", ErrInvalid},
		{"http://example.com/a\r\nX-Injected: 1", ErrInvalid},
		{"http://example.com/a\x00b", ErrInvalid},
		{"http://exa\tmple.com/", ErrInvalid},
		{"http://", ErrHost},
		{"http://:80/", ErrHost},
		{"http://exa mple.com/", ErrHost},
		{"http://a..b/", ErrHost},
		{"http://example.com:99999/", ErrHost},
		{"http://example.com:0/", ErrHost},
		{"http://example.com:8o/", ErrHost},
		{"http://[::1/", ErrHost},
		{"http://[fe80::1%25eth0]/", ErrHost},
		{"http://[1.2.3.4]/", ErrHost},
		{"http://ex%zzample.com/", ErrHost},
		{"http://" + strings.Repeat("a", 64) + ".com/", ErrHost},
	}
	for _, tt := range tests {
		got, err := Canonicalize(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("Canonicalize(%q) = %q, %v; want error %v", tt.in, got, err, tt.want)
		}
	}
}

func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"HTTP://Ex.com:80/a#x", "http://ex.com/a;jsessionid=1?utm_x=1&b=2&a=1",
		"https://bücher.example/%7e/../%2e%2E/x?%75tm_a=1", "http://[::1]:0443/",
		"http://a.com/%", "http://a.com/?a=%zz&&b", "http://x.y/;JSESSIONID=;jsessionid=a/b",
		"http://u:p@h.com:/p?q#f", "https://例え．テスト/路径?q=中文",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Canonicalize(in)
		if err != nil {
			if !errors.Is(err, ErrScheme) && !errors.Is(err, ErrHost) && !errors.Is(err, ErrInvalid) {
				t.Fatalf("Canonicalize(%q): error %v wraps no sentinel", in, err)
			}
			return
		}
		u, err := url.Parse(out)
		if err != nil {
			t.Fatalf("Canonicalize(%q) = %q does not parse: %v", in, out, err)
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("Canonicalize(%q) = %q: scheme %q", in, out, u.Scheme)
		}
		if u.Host == "" || u.Fragment != "" || u.User != nil {
			t.Fatalf("Canonicalize(%q) = %q: host %q, fragment %q, user %v", in, out, u.Host, u.Fragment, u.User)
		}
		for i := 0; i < len(out); i++ {
			if out[i] <= ' ' || out[i] >= 0x7f {
				t.Fatalf("Canonicalize(%q) = %q: byte 0x%02x", in, out, out[i])
			}
		}
		again, err := Canonicalize(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q → %q → %q (%v)", in, out, again, err)
		}
	})
}
