#!/usr/bin/env bash
# Builds Go's vulnerability database from the golang.org/x/vulndb module, so
# govulncheck runs on machines whose only network is the Go module proxy.
# Prints the database folder (file:// URL ready); reuses a cached build.
set -euo pipefail
version="${GLEANER_VULNDB_VERSION:-v0.0.0-20261105234957-e22db6528018}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/gleaner/vulndb-$version"
if [ ! -f "$cache/index/db.json" ] && [ ! -f "$cache/index/db.json.gz" ]; then
	src=$(go mod download -json "golang.org/x/vulndb@$version" |
		sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
	rm -rf "$cache.tmp"
	mkdir -p "$(dirname "$cache")"
	go run "golang.org/x/vulndb/cmd/indexdb@$version" -vulns "$src/data/osv" -out "$cache.tmp" >&2
	rm -rf "$cache"
	mv "$cache.tmp" "$cache"
fi
echo "file://$cache"
