# One command each: `make demo` sets up and runs the main job, `make test` sets up and
# runs the whole test suite (what .ci/run calls). `make setup` only installs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.dlgraph-installed

.PHONY: setup demo test lint typecheck unit bench bench-full vocab clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh scripts/taguette.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	bash scripts/system-deps.sh
	PYTHON=$(PYTHON) bash scripts/taguette.sh $(VENV)-taguette
	touch $(STAMP)

demo: setup
	bash scripts/demo.sh $(VENV)

LINTED := src tests $(wildcard benchmarks scripts)

lint: setup
	$(PY) -m ruff check $(LINTED)
	$(PY) -m ruff format --check $(LINTED)

typecheck: setup
	$(PY) -m mypy

# Two worker processes, each taking whole test files (module fixtures such as a started
# server or a compiled Java runner are made once per file); TEST_WORKERS=0 runs in one.
TEST_WORKERS ?= 2
unit: setup
	$(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)

test: setup lint typecheck unit

# Benchmarks against rdflib, pySHACL (see benchmarks/README.md): a few minutes.
bench: setup
	$(PY) -m benchmarks --quick

# Up to the national graph (290 municipalities, about 5 M triples): long; baselines
# only at the small sizes where they finish.
bench-full: setup
	$(PY) -m benchmarks --sizes 1,2,20,80,290 --baseline-max 2 --limit 3600

# Generated files, kept in git. Neither `make test` nor `make demo` rebuilds them: a test
# fails when the merged ontology is stale, and the vocabularies need the npm registry.
ontology/dlgraph-merged.ttl: ontology/dlgraph.ttl ontology/dlgraph-align.ttl \
		src/dlgraph/ontology/graphs.py src/dlgraph/ontology/namespaces.py | $(STAMP)
	$(VENV)/bin/dlgraph ontology --part merged -o $@

VOCAB_FILES := $(patsubst %,src/dlgraph/data/vocab/%.ttl,org prov skos time foaf dcterms vann)
VOCAB_NPM := build/vocab-npm

vocab: $(VOCAB_FILES)

# npm's own client fetches the packages the script names; the only rule that needs network
$(VOCAB_NPM)/packed: scripts/bundle_vocabularies.py | $(STAMP)
	mkdir -p $(VOCAB_NPM)
	npm pack --silent --pack-destination $(VOCAB_NPM) \
		$$($(PY) scripts/bundle_vocabularies.py --packages)
	touch $@

$(VOCAB_FILES) &: scripts/bundle_vocabularies.py $(VOCAB_NPM)/packed | $(STAMP)
	$(PY) scripts/bundle_vocabularies.py $(VOCAB_NPM)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build
