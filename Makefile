# ydelse — batch ETL for STAR's labour-market measures. `make` (or `make help`) lists the targets.
SHELL := /bin/bash
DATA  ?= sample-data
MONTH ?= 2023-06
OUT   ?= out
STAGE ?= normalise
SWIFT ?= swift
# The project's Python (pyarrow for the checkpoint tests) lives in .venv, made by `make venv`;
# Debian's system Python refuses pip installs (PEP 668).
VENV  := .venv
PY    := $(CURDIR)/$(VENV)/bin/python
BIN   := .build/release/ydelse
SAMPLE_PERSONS ?= 2500
SAMPLE_FROM    ?= 2019-01
SAMPLE_TO      ?= 2023-06
SAMPLE_SEED    ?= 20230601

.DEFAULT_GOAL := help
MONTHDIR := $(subst -,,$(MONTH))
RUN_REPORT := $(OUT)/$(MONTHDIR)/report
REPORT_FIXTURE := Tests/ReportTests/Fixtures/published
REPORT_FIXTURE_MONTH := 2020-12
REPORT_SAMPLE := Tests/ReportTests/Fixtures/sample-202203
REPORT_SAMPLE_MONTH := 2022-03

.PHONY: help deps system-deps venv build pipeline stage test golden sample-data bench bench-pipeline bench-generate clean report-check report-screenshot

help: ## list the targets
	@echo "ydelse — make targets (variables: DATA=$(DATA) MONTH=$(MONTH) OUT=$(OUT) STAGE=$(STAGE))"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 28

system-deps: ## install zlib1g-dev, libzstd-dev, libisal-dev, libjemalloc-dev, pkg-config, python3-venv and chromium with apt when missing
	@if ! pkg-config --exists zlib libzstd libisal jemalloc 2>/dev/null; then \
	  echo "installing zlib1g-dev libzstd-dev libisal-dev libjemalloc-dev pkg-config"; \
	  (apt-get update -qq && apt-get install -y -qq zlib1g-dev libzstd-dev libisal-dev libjemalloc-dev pkg-config) >/dev/null; fi
	@if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then \
	  echo "installing python3-venv"; \
	  (apt-get update -qq && apt-get install -y -qq python3-venv) >/dev/null; fi
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing chromium (headless browser for the report check)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; fi

venv: system-deps ## make .venv with pyarrow (the Python the tests use)
	@if ! $(PY) -c 'import pyarrow' 2>/dev/null; then \
	  echo "making $(VENV) with pyarrow"; \
	  python3 -m venv $(VENV) && $(PY) -m pip install -q --upgrade pip && $(PY) -m pip install -q pyarrow; fi

deps: system-deps venv ## everything the build and the tests need

build: system-deps ## build the release binary .build/release/ydelse
	$(SWIFT) build -c release --product ydelse

pipeline: deps build ## run every stage on DATA for MONTH into OUT (default sample-data, 2023-06, out/)
	$(BIN) run --data $(DATA) --month $(MONTH) --out $(OUT)

stage: build ## rerun one stage STAGE for MONTH from the checkpoints before it
	$(BIN) run --data $(DATA) --month $(MONTH) --out $(OUT) --only $(STAGE) --force

test: deps ## every test (unit, rule vectors, regression, end-to-end, pyarrow checks)
	PYTHON=$(PY) $(SWIFT) test

# The first run records the regression tests' expected files (Tests/StagesTests/Golden/) and
# fails on purpose (recording is never a pass); the second run must then reproduce them.
# Review the diff and say why in the commit message.
golden: deps ## record the regression tests' expected files, then check them in a second run
	-UPDATE_GOLDEN=1 PYTHON=$(PY) $(SWIFT) test --filter GoldenTests
	PYTHON=$(PY) $(SWIFT) test --filter GoldenTests
	@echo "golden files recorded and reproduced; review: git diff Tests/StagesTests/Golden"

sample-data: build ## regenerate sample-data/ (SAMPLE_PERSONS, SAMPLE_FROM, SAMPLE_TO, SAMPLE_SEED)
	rm -rf sample-data.new
	$(BIN) generate --out sample-data.new --persons $(SAMPLE_PERSONS) --from $(SAMPLE_FROM) --to $(SAMPLE_TO) --seed $(SAMPLE_SEED)
	rm -rf sample-data && mv sample-data.new sample-data

bench: build venv ## benchmarks (README "Benchmarks"): the probes, then whole runs; BENCH_PERSONS, BENCH_RUNS
	@$(PY) -c 'import duckdb' 2>/dev/null || $(PY) -m pip install -q duckdb
	$(PY) bench/bench.py
	$(PY) bench/bench.py --pipeline $(if $(BENCH_REF),--ref-bin $(BENCH_REF))

# Whole runs (issue 11): cold vs nightly, disk per month, peak RSS, DuckDB reference query.
# BENCH_REF=path/to/older/ydelse adds that binary's cold run for a before/after comparison.
bench-pipeline: build venv ## whole runs: cold vs nightly, disk per month, peak RSS, DuckDB reference query
	@$(PY) -c 'import duckdb' 2>/dev/null || $(PY) -m pip install -q duckdb
	$(PY) bench/bench.py --pipeline $(if $(BENCH_REF),--ref-bin $(BENCH_REF))

bench-generate: build ## the generator at national scale (1,000,000 persons, 2012-01..2025-12)
	/usr/bin/time -v $(BIN) generate --out out/bench-generate --persons 1000000 --from 2012-01 --to 2025-12 --seed 1

# Renders the reports of the two test folders of published tables (hand-made, and the sample
# data's of 2022-03) and of $(OUT)'s run for $(MONTH), when it has one, in headless Chromium:
# fails on a console message or a missing element; screenshots of index.html and MA-A.html go
# to out/report-check/<which>/.
report-check: build ## the HTML reports in headless Chromium (fixtures, and OUT's run for MONTH if any)
	$(BIN) report --published $(REPORT_FIXTURE) --month $(REPORT_FIXTURE_MONTH) --out out/report-check/fixture \
	  --check --screenshots out/report-check/fixture
	$(BIN) report --published $(REPORT_SAMPLE) --month $(REPORT_SAMPLE_MONTH) --out out/report-check/sample \
	  --check --screenshots out/report-check/sample
	@if [ -f $(RUN_REPORT)/index.html ]; then \
	  $(BIN) report --out $(RUN_REPORT) --check --screenshots out/report-check/run; \
	else echo "no report in $(RUN_REPORT) (run the pipeline with the report stage to check real data)"; fi

# The README's screenshot: the top of index.html of $(OUT)'s run for $(MONTH), or, when there
# is no such run, of the sample data's published tables of 2022-03 kept with the tests.
report-screenshot: build ## docs/report-sample.png from OUT's run for MONTH (or the sample fixture)
	@if [ -f $(RUN_REPORT)/index.html ]; then \
	  $(BIN) report --out $(RUN_REPORT) --check --screenshots out/report-check/run --keep-screenshot docs/report-sample.png; \
	else \
	  $(BIN) report --published $(REPORT_SAMPLE) --month $(REPORT_SAMPLE_MONTH) --out out/report-check/sample \
	    --check --screenshots out/report-check/sample --keep-screenshot docs/report-sample.png; fi

clean: ## remove the build folder and OUT
	rm -rf .build $(OUT)
