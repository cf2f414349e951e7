# Two commands: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint check bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/kfor-tui $(ARGS)

# The linters and type checks first (seconds), then the suite; any finding fails `make test`.
lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# The suite on two workers (pytest-xdist): half the wall time on two cores; PYTEST_ARGS= runs it in one process.
PYTEST_ARGS ?= -n 2
test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# ARTICLES=1000,10000 (default) chooses the corpus sizes; the lookup benchmark runs on the largest.
comma := ,
BENCH_SIZES := $(or $(ARTICLES),1000$(comma)10000)
BENCH_LARGEST := $(lastword $(subst $(comma), ,$(BENCH_SIZES)))

bench: $(STAMP)
	mkdir -p bench/out
	$(BIN)/python bench/bench.py --articles $(BENCH_SIZES) --json bench/out/bench.json
	$(BIN)/python bench/search_bench.py --articles $(BENCH_LARGEST) --corpus bench/out/corpora/n$(BENCH_LARGEST) --json bench/out/search.json

# A long fuzz campaign: 3,000 mutated briefings through check, export and search (tests/fuzz_campaign.py);
# failing mutants are kept in bench/out/fuzz-failures. FILES=N chooses how many.
fuzz: $(TEST_STAMP)
	$(BIN)/python tests/fuzz_campaign.py --files $(or $(FILES),3000)

check: $(STAMP)
	$(BIN)/kfor-tui check --strict

clean:
	rm -rf $(VENV) build dist .pytest_cache
