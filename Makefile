# gleaner's checks. `make test` is the README's test command and what CI runs.
#
# Go: the code builds with Go 1.26 or later; the checks pin go1.27.3, the
# toolchain without the standard-library vulnerabilities govulncheck reports
# for go1.26.8 (the go command fetches it through the module proxy once).
export GOTOOLCHAIN ?= go1.27.3

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
CORPUS ?= ../shared/corpus

.PHONY: test vet unit race lint vuln quality demo bench fuzz

test: vet unit race lint vuln quality

vet:
	go vet ./...

unit:
	go test -count=1 ./...

# Every package again under the race detector (a few tests that measure
# memory skip themselves there, which is why `unit` runs without it too).
race:
	go test -count=1 -race ./...

lint:
	@unformatted="$$(gofmt -l .)"; if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	go run $(STATICCHECK) ./...

vuln:
	go run $(GOVULNCHECK) -db "$$(scripts/vulndb.sh)" ./...

# The extraction quality gate: fails when a figure falls below quality/floors.json.
quality:
	GLEANER_CORPUS=$(CORPUS) bash quality/gate.sh

demo:
	go run ./cmd/gleaner demo

# Speed beside go-trafilatura and readability, on the aeb pages (separate module).
bench:
	cd bench && go test -run XXX -bench . -benchmem

# Every fuzz target for FUZZTIME each (default 30s); not part of `make test`.
fuzz:
	bash scripts/fuzz.sh
