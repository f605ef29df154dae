// Package robots parses robots.txt files and matches URLs against them as
// RFC 9309 says, with the details of Google's reference parser where the
// RFC leaves room.
//
// Contract:
//   - Parse never fails: lines it does not understand are skipped. Input past
//     MaxBytes (512 KiB) is dropped, as the RFC allows.
//   - Groups are chosen by the crawler's product token, compared
//     case-insensitively with the leading token of each User-agent line
//     ("Gleaner/1.0" names "gleaner"). All groups naming the agent are
//     merged; without one, all "*" groups are merged; without those,
//     everything is allowed.
//   - The rule with the longest pattern (in octets, after percent-encoding
//     normalisation) that matches wins; on equal length Allow wins. "*"
//     matches any run of octets and a final "$" anchors the end. No rule
//     matching means allowed, and "/robots.txt" is always allowed.
//   - Rules are compiled once (Parse, ForAgent); Rules.Allowed is linear in
//     the URL length times the candidate rules, never backtracking, and
//     safe for concurrent use.
//
// Fetching, caching and HTTP status handling belong to package crawl.
package robots
