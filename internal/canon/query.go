package canon

import (
	"slices"
	"strings"
)

// trackingParams are query parameter names (decoded, lower-cased) that only
// identify a campaign, a click or a session, never the page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "msclkid": true,
	"yclid": true, "twclid": true, "ttclid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "_ga": true, "_gl": true,
	"_hsenc": true, "_hsmi": true, "mkt_tok": true, "igshid": true,
	"ref_src": true, "ref_url": true, "spm": true, "scm": true,
	"vero_id": true, "wickedid": true, "oly_enc_id": true, "oly_anon_id": true,
	"rb_clickid": true, "s_cid": true,
	"hmsr": true, "hmpl": true, "hmcu": true, "hmkw": true, "hmci": true,
	"wt.mc_id": true,
	// Session identifiers.
	"jsessionid": true, "phpsessid": true, "sid": true, "sessionid": true, "session_id": true,
}

// trackingPrefixes are name prefixes removed whatever follows them.
var trackingPrefixes = []string{"utm_", "pk_", "mtm_", "aspsessionid"}

// isTrackingParam reports whether the raw (still encoded) name is a
// tracking or session parameter.
func isTrackingParam(rawName string) bool {
	name, ok := percentDecode(strings.ReplaceAll(rawName, "+", " "))
	if !ok {
		name = rawName
	}
	name = strings.ToLower(name)
	if trackingParams[name] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// canonicalQuery normalises escapes, drops empty, tracking and session
// parameters and sorts the rest by name, keeping repeated names in order.
func canonicalQuery(q string) string {
	q = normalizeEscapes(q, queryLiteral)
	type param struct{ name, full string }
	var params []param
	for part := range strings.SplitSeq(q, "&") {
		if part == "" {
			continue
		}
		name, _, _ := strings.Cut(part, "=")
		if isTrackingParam(name) {
			continue
		}
		params = append(params, param{name: name, full: part})
	}
	slices.SortStableFunc(params, func(a, b param) int { return strings.Compare(a.name, b.name) })
	parts := make([]string, len(params))
	for i, p := range params {
		parts[i] = p.full
	}
	return strings.Join(parts, "&")
}
