#!/usr/bin/env bash
# The extraction quality gate: scores gleaner's extractor on every labelled set
# of the shared corpus and fails (exit 1) when any figure is below its floor in
# quality/floors.json, naming each breach. Without the corpus it says so and
# passes. See quality/README.md.
#
#   bash quality/gate.sh              # from the repository root or anywhere
#   GLEANER_CORPUS=/path bash quality/gate.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${GLEANER_CORPUS:-$root/../shared/corpus}
if [ ! -d "$corpus" ]; then
	echo "quality gate: skipped: no corpus at $corpus"
	exit 0
fi
cd "$root"
# Two workers: the gate checks quality, not speed, and CI time is bounded.
exec go run ./cmd/gleaner eval --workers 2 --floors quality/floors.json "$corpus"
