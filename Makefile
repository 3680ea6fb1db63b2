# ydelse — batch ETL for STAR's labour-market measures.
#   make pipeline                 build (release) and run on sample-data/ for its last month
#   make test                     every test (Swift, incl. the pyarrow checkpoint tests)
#   make bench                    benchmarks (README.md "Benchmarks")
SHELL := /bin/bash
DATA  ?= sample-data
MONTH ?= 2023-06
OUT   ?= out
STAGE ?= normalise
SWIFT ?= swift
PYTHON ?= python3
BIN := .build/release/ydelse

.PHONY: pipeline stage test build deps bench bench-pipeline bench-generate golden clean

deps:
	@if ! pkg-config --exists zlib libzstd 2>/dev/null; then \
	  echo "installing zlib1g-dev libzstd-dev"; \
	  (apt-get update -qq && apt-get install -y -qq zlib1g-dev libzstd-dev pkg-config) >/dev/null; fi
	@if ! $(PYTHON) -c 'import pyarrow' 2>/dev/null; then \
	  echo "installing pyarrow"; $(PYTHON) -m pip install -q pyarrow; fi

build: deps
	$(SWIFT) build -c release --product ydelse

pipeline: build
	$(BIN) run --data $(DATA) --month $(MONTH) --out $(OUT)

stage: build
	$(BIN) run --data $(DATA) --month $(MONTH) --out $(OUT) --only $(STAGE) --force

test: deps
	$(SWIFT) test

# Regenerates the committed expected files of the regression tests on purpose
# (Tests/StagesTests/Golden/). Review the diff and say why in the commit message.
golden: deps
	UPDATE_GOLDEN=1 $(SWIFT) test --filter GoldenTests

bench: build
	@$(PYTHON) -c 'import duckdb' 2>/dev/null || $(PYTHON) -m pip install -q duckdb
	$(PYTHON) bench/bench.py

# Whole runs (issue 11): cold vs nightly, disk per month, peak RSS, DuckDB reference query.
# BENCH_REF=path/to/older/ydelse adds that binary's cold run for a before/after comparison.
bench-pipeline: build
	@$(PYTHON) -c 'import duckdb' 2>/dev/null || $(PYTHON) -m pip install -q duckdb
	$(PYTHON) bench/bench.py --pipeline $(if $(BENCH_REF),--ref-bin $(BENCH_REF))

# The generator at national scale (issue: 1,000,000 persons, 2012-01..2025-12).
bench-generate: build
	/usr/bin/time -v $(BIN) generate --out out/bench-generate --persons 1000000 --from 2012-01 --to 2025-12 --seed 1

clean:
	rm -rf .build $(OUT)
