"""Property-based fuzzing of the loaders, the query path and the CLI.

Mutated Turtle, N-Triples, RDF/XML, JSON-LD, YAML case files and SPARQL, seeded from the
W3C suites in ``../shared/w3c`` and from ``examples/``, go to ``dlgraph.load``,
``graph.query`` and the CLI. Whatever the input, either it is accepted or a documented
DlgraphError subclass comes out (never a bare exception, a RecursionError or a
traceback), and no network access is attempted.

Bounded for CI: a few dozen examples per test. A longer run::

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_fuzz.py

(``long``: 2000 examples per test, about ten minutes on two cores.)
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES, ROOT, W3C
from dlgraph import DlgraphError
from dlgraph.cli import app

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
EXAMPLES_PER_TEST = {"ci": 30, "long": 2000}.get(PROFILE, 30)
FUZZ = settings(
    max_examples=EXAMPLES_PER_TEST,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
CLI_FUZZ = settings(FUZZ, max_examples=max(EXAMPLES_PER_TEST // 3, 8))
runner = CliRunner()

# Fragments that tend to matter to parsers: delimiters, escapes, directives, entities,
# remote references, odd bytes, YAML anchors and tags.
TOKENS = [
    b'"',
    b"'",
    b'"""',
    b"<",
    b">",
    b"[",
    b"]",
    b"(",
    b")",
    b"{",
    b"}",
    b".",
    b";",
    b",",
    b"@prefix ex: <http://e/> .",
    b"@base <http://e/> .",
    b"^^",
    b"@en",
    b"_:b",
    b"\\u00",
    b"\\U",
    b"\\",
    b"#",
    b"\n",
    b"\r",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"<!DOCTYPE r>",
    b"<!ENTITY e 'x'>",
    b"&e;",
    b"&amp;",
    b'rdf:parseType="Literal"',
    b'"@context"',
    b'"@import"',
    b'"@graph"',
    b'"http://127.0.0.1:9/ctx"',
    b"SERVICE <http://127.0.0.1:9/s>",
    b"FROM <http://127.0.0.1:9/g>",
    b"LOAD <http://127.0.0.1:9/x>",
    b"INSERT DATA",
    b"FILTER(",
    b"OPTIONAL",
    b"?x",
    b"*",
    b"&a",
    b"*a",
    b"!!python/object:os.system",
    b": ",
    b"- ",
    b"---",
    b"~",
    b"0x",
    b"1e999",
    b"-",
]


def _small_files(folder: Path, pattern: str, limit: int = 4000) -> list[bytes]:
    if not folder.is_dir():
        return []
    return sorted(
        path.read_bytes() for path in folder.rglob(pattern) if path.stat().st_size <= limit
    )[:400]


def _jsonld_seeds() -> list[bytes]:
    graph = dlgraph.load(EXAMPLES / "patterns.ttl")
    whole = graph.serialize("json-ld").encode()
    handwritten = [
        {"@context": "https://w3id.org/dlgraph/context.jsonld", "@id": "dl:x", "foaf:name": "N"},
        {"@context": {"ex": "http://e/", "@vocab": "http://e/"}, "@graph": [{"@id": "ex:a"}]},
        {"@context": {"@version": 1.1, "ex": "http://e/"}, "@id": "ex:a", "ex:p": [{"@list": [1]}]},
    ]
    return [whole, *(json.dumps(doc).encode() for doc in handwritten)]


SEEDS: dict[str, list[bytes]] = {
    "turtle": [*_small_files(W3C / "turtle", "*.ttl"), (EXAMPLES / "patterns.ttl").read_bytes()],
    "nt": _small_files(W3C / "n-triples", "*.nt"),
    "xml": _small_files(W3C / "rdf-xml", "*.rdf"),
    "json-ld": _jsonld_seeds(),
    "yaml": [p.read_bytes() for p in sorted(EXAMPLES.rglob("*.yaml"))],
    "sparql": _small_files(W3C / "sparql-syntax-query", "*.rq")
    + _small_files(ROOT / "src" / "dlgraph" / "data" / "queries", "*.rq", 20000),
}
EXTENSION = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld", "yaml": ".yaml"}


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """One seed of ``kind`` with a few deletions, insertions, duplications or bit flips."""
    seeds = SEEDS[kind]
    if not seeds:
        pytest.skip(f"no seeds for {kind} (the W3C suites are not at {W3C})")
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 5))):
        operation = draw(st.sampled_from(["delete", "insert", "token", "duplicate", "flip"]))
        at = draw(st.integers(0, len(data)))
        if operation == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif operation == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif operation == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif operation == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 64))] * draw(st.integers(1, 20))
        elif data:
            index = min(at, len(data) - 1)
            data[index] ^= 1 << draw(st.integers(0, 7))
    return bytes(data)


@pytest.fixture
def no_network(no_network: list[str]) -> Iterator[list[str]]:
    """conftest's guard on every way out to the network; the test fails on any attempt."""
    yield no_network
    assert no_network == []


def _documented(error: BaseException) -> bool:
    """A DlgraphError subclass (not the bare root, which means an unforeseen failure)."""
    return isinstance(error, DlgraphError) and type(error) is not DlgraphError


def _load(data: bytes, kind: str) -> None:
    try:
        if kind == "yaml":
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "case.yaml"
                path.write_bytes(data)
                dlgraph.load(path)
        else:
            dlgraph.load(data, format=kind)
    except Exception as error:
        assert _documented(error), f"{type(error).__name__}: {error}"


@pytest.mark.parametrize("kind", ["turtle", "nt", "xml", "json-ld", "yaml"])
def test_mutated_documents_load_or_raise_documented_errors(
    kind: str, no_network: list[str]
) -> None:
    @FUZZ
    @given(data=mutated(kind))
    def check(data: bytes) -> None:
        _load(data, kind)

    check()


def test_mutated_queries_run_or_raise_documented_errors(no_network: list[str]) -> None:
    graph = dlgraph.load(EXAMPLES / "patterns.ttl")
    before = set(graph.dataset.quads())

    @FUZZ
    @given(data=mutated("sparql"))
    def check(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        try:
            graph.query(text, timeout=20)
        except Exception as error:
            assert _documented(error), f"{type(error).__name__}: {error}"
        assert set(graph.dataset.quads()) == before

    check()


@pytest.mark.parametrize("kind", ["turtle", "json-ld", "xml", "yaml"])
def test_the_cli_never_shows_a_traceback(kind: str, no_network: list[str]) -> None:
    @CLI_FUZZ
    @given(data=mutated(kind))
    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{EXTENSION[kind]}"
            path.write_bytes(data)
            result = runner.invoke(app, ["stats", str(path), "--format", "csv"])
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert result.exit_code in (0, 2, 4, 5), result.output
        assert "Traceback" not in result.stderr
        if result.exit_code:
            assert result.stderr.startswith("error: ")

    check()
