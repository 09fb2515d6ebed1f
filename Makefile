# chonai: `make serve` sets everything up and serves; `make test` runs the suite.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export CHONAI_DATA_DIR ?= var

.PHONY: serve test test-slow lint install clean-data help

help:
	@echo "make serve      set up .venv, ingest the sample corpus if the store is empty, serve on 127.0.0.1:8000"
	@echo "make test       the test suite (real model, Qdrant engine, fugashi, SQLite)"
	@echo "make test-slow  long tests over the full shared datasets"
	@echo "make lint       ruff"

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/chonai serve --load-sample

test: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

test-slow: $(STAMP)
	$(PY) -m pytest -q -m slow

lint: $(STAMP)
	$(VENV)/bin/ruff check core ingest retrieval api eval tests

clean-data:
	rm -rf var
