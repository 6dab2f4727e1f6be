# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
EVENTGRAPH_STORE ?= var/store
export EVENTGRAPH_STORE

.PHONY: serve test lint typecheck unit schema load install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

load: install
	$(BIN)/eventgraph load

serve: load
	$(BIN)/eventgraph serve --host $(HOST) --port $(PORT)

lint: install-test
	$(BIN)/ruff check src loaders tests benchmarks
	$(BIN)/ruff format --check src loaders tests benchmarks

typecheck: install-test
	$(BIN)/mypy src loaders tests

unit: install-test
	$(BIN)/pytest

test: lint typecheck unit

schema: install
	$(BIN)/eventgraph schema > schema/schema.graphql

clean:
	rm -rf $(VENV) var
