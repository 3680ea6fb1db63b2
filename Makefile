# ydelse — batch ETL for STAR's labour-market measures.
#   make pipeline                 build (release) and run on sample-data/ for its last month
#   make test                     every test (Swift, incl. the pyarrow checkpoint tests)
#   make bench                    benchmarks (README.md "Benchmarks")
#   make report-check             the HTML report in headless Chromium (fixture, and OUT's run if any)
#   make report-screenshot        docs/report-sample.png from OUT's run (or the fixture)
SHELL := /bin/bash
DATA  ?= sample-data
MONTH ?= 2023-06
OUT   ?= out
STAGE ?= normalise
SWIFT ?= swift
PYTHON ?= python3
BIN := .build/release/ydelse
MONTHDIR := $(subst -,,$(MONTH))
RUN_REPORT := $(OUT)/$(MONTHDIR)/report
REPORT_FIXTURE := Tests/ReportTests/Fixtures/published
REPORT_FIXTURE_MONTH := 2020-12
REPORT_SAMPLE := Tests/ReportTests/Fixtures/sample-202203
REPORT_SAMPLE_MONTH := 2022-03

.PHONY: pipeline stage test build deps bench bench-generate golden clean report-check report-screenshot

deps:
	@if ! pkg-config --exists zlib 2>/dev/null; then \
	  echo "installing zlib1g-dev"; \
	  (apt-get update -qq && apt-get install -y -qq zlib1g-dev pkg-config) >/dev/null; fi
	@if ! $(PYTHON) -c 'import pyarrow' 2>/dev/null; then \
	  echo "installing pyarrow"; $(PYTHON) -m pip install -q pyarrow; fi
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing chromium (headless browser for the report check)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; fi

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

# The generator at national scale (issue: 1,000,000 persons, 2012-01..2025-12).
bench-generate: build
	/usr/bin/time -v $(BIN) generate --out out/bench-generate --persons 1000000 --from 2012-01 --to 2025-12 --seed 1

# Renders the reports of the two test folders of published tables (hand-made, and the sample
# data's of 2022-03) and of $(OUT)'s run for $(MONTH), when it has one, in headless Chromium:
# fails on a console message or a missing element; screenshots of index.html and MA-A.html go
# to out/report-check/<which>/.
report-check: build
	$(BIN) report --published $(REPORT_FIXTURE) --month $(REPORT_FIXTURE_MONTH) --out out/report-check/fixture \
	  --check --screenshots out/report-check/fixture
	$(BIN) report --published $(REPORT_SAMPLE) --month $(REPORT_SAMPLE_MONTH) --out out/report-check/sample \
	  --check --screenshots out/report-check/sample
	@if [ -f $(RUN_REPORT)/index.html ]; then \
	  $(BIN) report --out $(RUN_REPORT) --check --screenshots out/report-check/run; \
	else echo "no report in $(RUN_REPORT) (run the pipeline with the report stage to check real data)"; fi

# The README's screenshot: the top of index.html of $(OUT)'s run for $(MONTH), or, when there
# is no such run, of the sample data's published tables of 2022-03 kept with the tests.
report-screenshot: build
	@if [ -f $(RUN_REPORT)/index.html ]; then \
	  $(BIN) report --out $(RUN_REPORT) --check --screenshots out/report-check/run --keep-screenshot docs/report-sample.png; \
	else \
	  $(BIN) report --published $(REPORT_SAMPLE) --month $(REPORT_SAMPLE_MONTH) --out out/report-check/sample \
	    --check --screenshots out/report-check/sample --keep-screenshot docs/report-sample.png; fi

clean:
	rm -rf .build $(OUT)
