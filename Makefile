# One command each: `make demo` sets up and runs the main job, `make test` sets up and
# runs the whole test suite (what .ci/run calls). `make setup` only installs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.dlgraph-installed

.PHONY: setup demo test lint typecheck unit bench bench-full clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	bash scripts/system-deps.sh
	touch $(STAMP)

demo: setup
	bash scripts/demo.sh $(VENV)

LINTED := src tests $(wildcard benchmarks scripts)

lint: setup
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)

typecheck: setup
	$(PY) -m mypy

unit: setup
	$(PY) -m pytest

test: setup lint typecheck unit

# Benchmarks against rdflib, pySHACL (see benchmarks/README.md): a few minutes.
bench: setup
	$(PY) -m benchmarks --quick

# Up to the national graph (290 municipalities, about 5 M triples): long; baselines
# only at the small sizes where they finish.
bench-full: setup
	$(PY) -m benchmarks --sizes 1,2,20,80,290 --baseline-max 2 --limit 3600

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build
