# ydelse — batch ETL for STAR's labour-market measures.
#   make pipeline                 build (release) and run on sample-data/ for its last month
#   make test                     every test (Swift, incl. the pyarrow checkpoint tests)
#   make bench                    benchmarks (see Benchmarks/README.md)
SHELL := /bin/bash
DATA  ?= sample-data
MONTH ?= 2023-06
OUT   ?= out
STAGE ?= normalise
SWIFT ?= swift
PYTHON ?= python3
BIN := .build/release/ydelse

.PHONY: pipeline stage test build deps bench golden clean

deps:
	@if ! pkg-config --exists zlib 2>/dev/null; then \
	  echo "installing zlib1g-dev"; \
	  (apt-get update -qq && apt-get install -y -qq zlib1g-dev pkg-config) >/dev/null; fi
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

clean:
	rm -rf .build $(OUT)
