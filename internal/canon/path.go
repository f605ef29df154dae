package canon

import "strings"

// canonicalPath normalises escapes, removes ";jsessionid=" parameters and
// resolves dot segments. Escapes are normalised first so that "%2E%2E" and
// ";%6Asessionid=" are seen for what they are, which keeps the result
// idempotent.
func canonicalPath(p string) string {
	p = normalizeEscapes(p, pathLiteral)
	p = removeJSessionID(p)
	if p == "" {
		return "/"
	}
	return removeDotSegments(p)
}

const jsessionParam = ";jsessionid="

// removeJSessionID deletes every ";jsessionid=VALUE", VALUE ending at the
// next ';' or '/'.
func removeJSessionID(p string) string {
	for {
		i := indexFold(p, jsessionParam)
		if i < 0 {
			return p
		}
		end := i + len(jsessionParam)
		if j := strings.IndexAny(p[end:], ";/"); j >= 0 {
			end += j
		} else {
			end = len(p)
		}
		p = p[:i] + p[end:]
	}
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring case.
func indexFold(s, lowerNeedle string) int {
	n := len(lowerNeedle)
	for i := 0; i+n <= len(s); i++ {
		if strings.EqualFold(s[i:i+n], lowerNeedle) {
			return i
		}
	}
	return -1
}

// removeDotSegments implements RFC 3986 §5.2.4 for a path starting with '/'.
func removeDotSegments(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	for i, seg := range segs {
		last := i == len(segs)-1
		switch seg {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, seg)
		}
	}
	return "/" + strings.Join(out, "/")
}
