#!/usr/bin/env bash
# Runs every fuzz target of the module for FUZZTIME each (default 30s), one
# after another: `make fuzz`, or `make fuzz FUZZTIME=10m` for a nightly run.
# Seeds already run with every `go test`; this explores beyond them. A
# crasher is written under the package's testdata/fuzz/ by the go command
# and fails the script, naming the target.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-30s}"
failed=()
while read -r pkg; do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		echo "== $pkg $target ($fuzztime)"
		if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 10s "$pkg"; then
			failed+=("$pkg $target")
		fi
	done
done < <(go list ./...)
if ((${#failed[@]})); then
	printf 'fuzz: crashers found in:\n'
	printf '  %s\n' "${failed[@]}"
	exit 1
fi
echo "fuzz: no crashers"
