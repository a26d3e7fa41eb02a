"""Property-based fuzzing of every reader, the query path and the CLI.

Mutated Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD, YAML case files, the CSV
files a case names, and SPARQL, seeded from the W3C suites in ``../shared/w3c`` and from
``examples/``, go to ``dlgraph.load``, ``graph.query`` and the CLI. Besides byte-level
mutations, each input may take the shapes that broke readers before: another encoding
(UTF-16LE/BE with and without a byte order mark, UTF-8 with one, Latin-1 bytes), deep
nesting, long tokens and lines, control characters and DTDs. Whatever the input, either
it is accepted or a documented DlgraphError subclass comes out with a one-line message
(never a bare exception, a RecursionError, a MemoryError or a traceback), and no network
access is attempted.

Bounded for CI (profile ``ci``): a fixed number of examples per test and a deadline per
example, the whole file in well under a minute on two cores. A longer run::

    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_fuzz.py

(``long``: 2000 examples per test, about ten minutes on two cores.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import timedelta
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
    # one input may take seconds on a loaded machine (a 300 000-character token read by
    # rdflib); what must never happen is an input that runs on
    deadline=timedelta(seconds=15),
    derandomize=PROFILE == "ci",
    database=None,
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


def _quad_seeds(fmt: str) -> list[bytes]:
    """TriG or N-Quads: the examples written with their named graphs, and a few by hand."""
    whole = dlgraph.load(EXAMPLES / "patterns.ttl").serialize(fmt).encode()
    if fmt == "trig":
        handwritten = [
            b"@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c . }\n{ ex:d ex:e [ ex:f ( 1 2 ) ] }",
            b"PREFIX ex: <http://e/>\nGRAPH ex:g { ex:a ex:b 'x'@en-GB . }\n",
        ]
    else:
        handwritten = [
            b'<http://e/a> <http://e/b> "c"^^<http://e/t> <http://e/g> .\n',
            b"_:x <http://e/b> _:y _:g .\n<http://e/a> <http://e/b> <http://e/c> .\n",
        ]
    return [whole, *handwritten]


CASE = ROOT / "src" / "dlgraph" / "data" / "starter"
"""The starter case: a YAML file naming three CSV files, small enough to read often."""

SEEDS: dict[str, list[bytes]] = {
    "turtle": [*_small_files(W3C / "turtle", "*.ttl"), (EXAMPLES / "patterns.ttl").read_bytes()],
    "trig": _quad_seeds("trig"),
    "nt": _small_files(W3C / "n-triples", "*.nt"),
    "nquads": _quad_seeds("nquads"),
    "xml": _small_files(W3C / "rdf-xml", "*.rdf"),
    "json-ld": _jsonld_seeds(),
    "yaml": [p.read_bytes() for p in sorted(EXAMPLES.rglob("*.yaml"))],
    "csv": [p.read_bytes() for p in sorted(CASE.glob("*.csv"))],
    "sparql": _small_files(W3C / "sparql-syntax-query", "*.rq")
    + _small_files(ROOT / "src" / "dlgraph" / "data" / "queries", "*.rq", 20000),
}
EXTENSION = {
    "turtle": ".ttl",
    "trig": ".trig",
    "nt": ".nt",
    "nquads": ".nq",
    "xml": ".rdf",
    "json-ld": ".jsonld",
    "yaml": ".yaml",
}
READERS = ["turtle", "trig", "nt", "nquads", "xml", "json-ld", "yaml", "csv"]


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


# The shapes of inputs that broke readers before, applied on top of the mutations.
OPENERS = [b"[", b"(", b"{", b"[ <http://e/p> ", b'{"a": ', b"- ", b"<e:a xmlns:e='http://e/'>"]
DEPTHS = [99, 100, 101, 1000, 20_000]
LENGTHS = [1000, 70_000, 300_000]
CONTROLS = [bytes([c]) for c in (*range(0, 32), 127)] + [
    "\x85".encode(),
    "\u2028".encode(),
    "\ufeff".encode(),
    "\u202e".encode(),
    b"\x1b[31m",
]
DTDS = [
    b'<!DOCTYPE r [<!ENTITY e "x">]>',
    b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/x.dtd">',
    b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>&b;',
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-16-le+bom", "utf-16-be+bom"]


def _long_token(draw: st.DrawFn) -> bytes:
    length = draw(st.sampled_from(LENGTHS))
    return draw(
        st.sampled_from(
            [b'"' + b"a" * length + b'"', b"<http://e/" + b"a" * length + b">", b"a" * length]
        )
    )


def _encoded(data: bytes, encoding: str) -> bytes:
    """``data`` read as UTF-8 and written in ``encoding`` (``+bom``: with a byte order
    mark), or as Latin-1 bytes."""
    if encoding == "latin-1":
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    if encoding == "utf-8":
        return data
    text = data.decode("utf-8", "replace")
    name, _, bom = encoding.partition("+")
    mark = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(name, b"") if bom else b""
    return mark + text.encode(name, "surrogatepass")


@st.composite
def shaped(draw: st.DrawFn, kind: str) -> bytes:
    """A mutated ``kind`` seed in another encoding, or with deep nesting, a long token or
    line, control characters or a DTD put in at some place."""
    data = bytearray(draw(mutated(kind)))
    for _ in range(draw(st.integers(0, 2))):
        shape = draw(st.sampled_from(["nest", "long", "control", "dtd"]))
        at = draw(st.integers(0, len(data)))
        if shape == "nest":
            piece = draw(st.sampled_from(OPENERS)) * draw(st.sampled_from(DEPTHS))
        elif shape == "long":
            piece = _long_token(draw)
        elif shape == "control":
            piece = b"".join(draw(st.lists(st.sampled_from(CONTROLS), min_size=1, max_size=4)))
        else:
            piece, at = draw(st.sampled_from(DTDS)), draw(st.sampled_from([0, at]))
        data[at:at] = piece
    return _encoded(bytes(data), draw(st.sampled_from([*ENCODINGS, "latin-1"])))


@pytest.fixture
def no_network(no_network: list[str]) -> Iterator[list[str]]:
    """conftest's guard on every way out to the network; the test fails on any attempt."""
    yield no_network
    assert no_network == []


def _documented(error: BaseException) -> bool:
    """A DlgraphError subclass (not the bare root, which means an unforeseen failure)
    whose message is one line, as is that of every problem of a case."""
    if not isinstance(error, DlgraphError) or type(error) is DlgraphError:
        return False
    problems = getattr(error, "problems", [error])
    return all("\n" not in problem.message for problem in [error, *problems])


@pytest.fixture(scope="module")
def case_folder() -> Iterator[Path]:
    """A copy of the starter case, whose CSV files the CSV target replaces one at a time."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "case"
        shutil.copytree(CASE, copy, ignore=shutil.ignore_patterns("da", "sv"))
        yield copy


def _load(data: bytes, kind: str, case: Path | None = None) -> None:
    try:
        if kind == "csv":
            assert case is not None
            _load_case_with_csv(case, data)
        elif kind == "yaml":
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "case.yaml"
                path.write_bytes(data)
                dlgraph.load(path)
        else:
            dlgraph.load(data, format=kind)
    except Exception as error:
        assert _documented(error), f"{type(error).__name__}: {error}"


def _load_case_with_csv(case: Path, data: bytes) -> None:
    """Read the case with ``data`` as the CSV file whose header row it starts like."""
    names = sorted(p.name for p in CASE.glob("*.csv"))
    name = next((n for n in names if data.startswith((CASE / n).read_bytes()[:8])), names[0])
    original = (CASE / name).read_bytes()
    (case / name).write_bytes(data)
    try:
        dlgraph.load(case / "case.yaml")
    finally:
        (case / name).write_bytes(original)


@pytest.mark.parametrize("kind", ["turtle", "nt", "xml", "json-ld", "yaml"])
def test_mutated_documents_load_or_raise_documented_errors(
    kind: str, no_network: list[str]
) -> None:
    @FUZZ
    @given(data=mutated(kind))
    def check(data: bytes) -> None:
        _load(data, kind)

    check()


@pytest.mark.parametrize("kind", READERS)
def test_every_reader_takes_hostile_shapes_or_raises_a_one_line_error(
    kind: str, no_network: list[str], case_folder: Path
) -> None:
    @FUZZ
    @given(data=shaped(kind))
    def check(data: bytes) -> None:
        _load(data, kind, case_folder)

    check()


def test_mutated_queries_run_or_raise_documented_errors(no_network: list[str]) -> None:
    graph = dlgraph.load(EXAMPLES / "patterns.ttl")
    before = set(graph.dataset.quads())

    @FUZZ
    @given(data=st.one_of(mutated("sparql"), shaped("sparql")))
    def check(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        try:
            graph.query(text, timeout=20)
        except Exception as error:
            assert _documented(error), f"{type(error).__name__}: {error}"
        assert set(graph.dataset.quads()) == before

    check()


# What the CLI may print on stderr when it fails: error and hint lines, and for a case
# with several problems the count of them.
_CLI_LINE = re.compile(r"(error|hint): .*|\d+ problems in all( \(and \d+ more not shown\))?")


def _cli_outcome(result: object, codes: tuple[int, ...]) -> None:
    exception = getattr(result, "exception", None)
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    exit_code, stderr = getattr(result, "exit_code", None), str(getattr(result, "stderr", ""))
    assert exit_code in codes, stderr
    assert "Traceback" not in stderr
    if exit_code:
        assert stderr.startswith("error: ")
        assert all(_CLI_LINE.fullmatch(line) for line in stderr.splitlines()), stderr


@pytest.mark.parametrize("kind", ["turtle", "json-ld", "xml", "yaml"])
def test_the_cli_never_shows_a_traceback(kind: str, no_network: list[str]) -> None:
    @CLI_FUZZ
    @given(data=mutated(kind))
    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{EXTENSION[kind]}"
            path.write_bytes(data)
            result = runner.invoke(app, ["stats", str(path), "--format", "csv"])
        _cli_outcome(result, (0, 2, 4, 5))

    check()


@pytest.mark.parametrize("kind", ["trig", "nquads", "xml", "yaml"])
def test_the_cli_takes_hostile_shapes_without_a_traceback(kind: str, no_network: list[str]) -> None:
    @CLI_FUZZ
    @given(data=shaped(kind))
    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{EXTENSION[kind]}"
            path.write_bytes(data)
            converted = runner.invoke(app, ["convert", str(path), "-o", f"{folder}/out.ttl"])
            _cli_outcome(converted, (0, 2, 4, 5))
            assert [p.name for p in Path(folder).iterdir() if p.suffix == ".tmp"] == []

    check()


def test_the_cli_takes_hostile_queries_without_a_traceback(no_network: list[str]) -> None:
    @CLI_FUZZ
    @given(data=shaped("sparql"))
    def check(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace").replace("\x00", "")
        result = runner.invoke(
            app, ["query", str(EXAMPLES / "patterns.ttl"), "-s", text, "-f", "csv"]
        )
        _cli_outcome(result, (0, 2, 4, 5))

    check()
