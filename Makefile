# Two commands on a fresh machine: `make serve` and `make test`. Everything else is set-up they share.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test unit lint typecheck pytest fuzz bench explorer browser http-audit live-client install jars lock clean

$(STAMP): pyproject.toml constraints.txt nlp-pipeline.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r nlp-pipeline.txt
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,nlp]'
	touch $(STAMP)

install: $(STAMP)

jars: $(STAMP)
	$(BIN)/deedgraph neo4j fetch

# The page at /: front-end packages from npm (lock file), bundled into explorer/dist.
EXPLORER_SOURCES := $(wildcard explorer/src/*) explorer/package-lock.json
explorer/dist/explorer.js: $(EXPLORER_SOURCES)
	cd explorer && npm ci --no-audit --no-fund && npm run build

explorer: explorer/dist/explorer.js

# graphql-http's conformance audit, run against the live server by the tests (lock file).
tests/http_audit/node_modules: tests/http_audit/package-lock.json
	cd tests/http_audit && npm ci --no-audit --no-fund
	touch tests/http_audit/node_modules

http-audit: tests/http_audit/node_modules

# graphql-ws, the subscription client the browser test loads into Chromium (lock file).
tests/live_client/node_modules: tests/live_client/package-lock.json
	cd tests/live_client && npm ci --no-audit --no-fund
	touch tests/live_client/node_modules

live-client: tests/live_client/node_modules

# Debian's Chromium for the page tests (never a browser download).
browser:
	test -x /usr/bin/chromium || (apt-get update -q && apt-get install -y -q chromium)

serve: jars explorer
	$(BIN)/deedgraph serve $(addprefix --seed ,$(wildcard seeds/*.facts.yaml))

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: jars explorer browser http-audit live-client
	$(BIN)/pytest

test: lint typecheck pytest

# The fast loop: unit tests only, no Java, no Neo4j, no browser (seconds).
unit: $(STAMP)
	$(BIN)/pytest tests/unit

# A longer hypothesis-graphql run than the one in `make test` (FUZZ_EXAMPLES per mode).
FUZZ_EXAMPLES ?= 2000
fuzz: jars
	DEEDGRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/integration/test_fuzz.py

# The benchmark (not part of make test): EVENTS=1000000 for the large run.
EVENTS ?= 100000
bench: jars
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,nlp,bench]'
	$(BIN)/python bench/run.py --events $(EVENTS)

# Re-pin every dependency to what installs today (commit the result).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^deedgraph' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
