# Two commands on a fresh machine: `make serve` and `make test`. Everything else is set-up they share.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test lint typecheck pytest fuzz bench install jars lock clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

jars: $(STAMP)
	$(BIN)/deedgraph neo4j fetch

serve: jars
	$(BIN)/deedgraph serve $(addprefix --seed ,$(wildcard seeds/*.facts.yaml))

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: jars
	$(BIN)/pytest

test: lint typecheck pytest

# A longer hypothesis-graphql run than the one in `make test` (FUZZ_EXAMPLES per mode).
FUZZ_EXAMPLES ?= 2000
fuzz: jars
	DEEDGRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_fuzz.py

# The benchmark (not part of make test): EVENTS=1000000 for the large run.
EVENTS ?= 100000
bench: jars
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python bench/run.py --events $(EVENTS)

# Re-pin every dependency to what installs today (commit the result).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^deedgraph' > constraints.txt

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
