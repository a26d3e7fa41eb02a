"""The W3C syntax suites (Turtle, N-Triples, RDF/XML, SPARQL query, update, federation).

Manifest-driven: every entry of each folder's ``manifest.ttl`` in ``../shared/w3c/``.
A negative test must be rejected by ``dlgraph.load`` (ParseError) or ``graph.query``
(QuerySyntaxError) naming the file, line and column, leave the graph unchanged, and
make the CLI exit with code 2 and one ``error: file:line:column`` line, no traceback.
A positive test must be accepted; evaluation tests must give the expected triples.
Where the stack cannot pass a case, it is a strict expected failure with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from typer.testing import CliRunner

import dlgraph
from conftest import W3C, need_w3c, w3c_missing
from dlgraph import (
    Engine,
    NetworkRefused,
    ParseError,
    QuerySyntaxError,
    ReadOnlyError,
    SelectResult,
)
from dlgraph.cli import app

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
RDF_FOLDERS = {"turtle": "turtle", "n-triples": "nt", "rdf-xml": "xml"}
SPARQL_FOLDERS = ("sparql-syntax-query", "sparql-syntax-update", "sparql-syntax-fed")
TEST_BASE = {
    "turtle": "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-turtle/",
    "n-triples": "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-n-triples/",
    "rdf-xml": "https://w3c.github.io/rdf-tests/rdf/rdf11/rdf-xml/",
}
runner = CliRunner()

XFAIL: dict[str, str] = {}
"""Cases the stack cannot pass, by id, with the reason (none at present)."""


@dataclass(frozen=True)
class Case:
    folder: str
    kind: str
    action: Path
    result: Path | None

    @property
    def id(self) -> str:
        relative = self.action.relative_to(W3C / self.folder).with_suffix("")
        return f"{self.folder}/{relative.as_posix()}"

    @property
    def negative(self) -> bool:
        return "Negative" in self.kind


def _path(uri: object) -> Path:
    return Path(unquote(urlsplit(str(uri)).path))


def _cases(folder: str) -> list[Case]:
    manifest = W3C / folder / "manifest.ttl"
    if not manifest.is_file():
        return []
    graph = Graph().parse(manifest, format="turtle")
    root = next(graph.subjects(RDF.type, MF.Manifest))
    cases = []
    for entry in Collection(graph, graph.value(root, MF.entries)):
        kind = str(graph.value(entry, RDF.type)).rsplit("#", 1)[-1]
        result = graph.value(entry, MF.result)
        cases.append(
            Case(
                folder,
                kind,
                _path(graph.value(entry, MF.action)),
                _path(result) if result is not None else None,
            )
        )
    return cases


def _params(folders: tuple[str, ...], negative: bool) -> list[object]:
    params: list[object] = []
    for folder in folders:
        for case in _cases(folder):
            if case.negative != negative:
                continue
            marks = []
            if case.id in XFAIL:
                marks.append(pytest.mark.xfail(strict=True, reason=XFAIL[case.id]))
            params.append(pytest.param(case, id=case.id, marks=marks))
    if not params:
        params.append(
            pytest.param(
                None,
                marks=w3c_missing(),
            )
        )
    return params


def _data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.nt"
    path.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    return path


def _assert_cli_error(args: list[str], source: Path, line: int, column: int) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: {source}:{line}:{column}: "), result.stderr
    assert len(lines) <= 2 and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("case", _params(tuple(RDF_FOLDERS), negative=True))
def test_negative_rdf_syntax_is_rejected_with_a_position(case: Case, tmp_path: Path) -> None:
    graph = dlgraph.load(_data_file(tmp_path))
    before = (set(graph.dataset.quads()), graph.sources)
    with pytest.raises(ParseError) as caught:
        graph.load(case.action, format=RDF_FOLDERS[case.folder])
    error = caught.value
    assert error.source == str(case.action)
    assert error.line is not None and error.line >= 1
    assert error.column is not None and error.column >= 1
    assert error.message.startswith(f"{case.action}:{error.line}:{error.column}: ")
    assert error.exit_code == 2
    assert (set(graph.dataset.quads()), graph.sources) == before
    _assert_cli_error(
        ["convert", str(case.action), "--from", RDF_FOLDERS[case.folder], "-o", "x.ttl"],
        case.action,
        error.line,
        error.column,
    )
    assert not (tmp_path / "x.ttl").exists()


def _lower_language_tags(graph: Graph) -> Graph:
    """The graph with its language tags in lower case (Oxigraph writes them so).

    RDF 1.1 Concepts 3.3: language tags compare case-insensitively, and their lexical
    form may be converted to lower case.
    """
    lowered = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        lowered.add((s, p, o))
    return lowered


@pytest.mark.parametrize("case", _params(tuple(RDF_FOLDERS), negative=False))
def test_positive_rdf_syntax_is_accepted(case: Case) -> None:
    fmt = RDF_FOLDERS[case.folder]
    base = TEST_BASE[case.folder] + case.action.relative_to(W3C / case.folder).as_posix()
    graph = dlgraph.load(case.action.read_bytes(), format=fmt, base=base)
    if case.result is not None:
        expected = Graph().parse(case.result, format="nt")
        assert isomorphic(_lower_language_tags(graph.union()), _lower_language_tags(expected))
    else:
        assert dlgraph.load(case.action, format=fmt) is not None


@pytest.mark.parametrize("case", _params(SPARQL_FOLDERS, negative=True))
def test_negative_sparql_syntax_is_rejected_with_a_position(case: Case, tmp_path: Path) -> None:
    data = _data_file(tmp_path)
    graph = dlgraph.load(data)
    before = set(graph.dataset.quads())
    with pytest.raises(QuerySyntaxError) as caught:
        graph.query(case.action.read_text(encoding="utf-8"), source=str(case.action))
    error = caught.value
    assert error.source == str(case.action)
    assert error.line is not None and error.column is not None
    assert error.exit_code == 2
    assert set(graph.dataset.quads()) == before
    _assert_cli_error(
        ["query", str(data), "--sparql", str(case.action)], case.action, error.line, error.column
    )


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("case", _params(SPARQL_FOLDERS, negative=False))
def test_positive_sparql_syntax_is_accepted(case: Case, engine: Engine, tmp_path: Path) -> None:
    graph = dlgraph.load(_data_file(tmp_path), engine=engine)
    text = case.action.read_text(encoding="utf-8")
    if "Update" in case.kind:
        # Accepted as an update, and refused because queries are read-only.
        with pytest.raises(ReadOnlyError):
            graph.query(text, source=str(case.action))
    elif "SERVICE" in text.upper() or "FROM" in text.upper():
        # Accepted, and refused because the graph would come from elsewhere.
        with pytest.raises(NetworkRefused, match=r"SERVICE|FROM"):
            graph.query(text, source=str(case.action))
    else:
        graph.query(text, source=str(case.action))


# Valid queries rdflib 7.6's evaluator fails on ('Variable x is not bound' for an
# aggregate over DISTINCT of an unbound variable, a crash on VALUES () { () }): Oxigraph
# evaluates them. ``{}`` has one solution, in which ?x is unbound; evaluating ?x there is
# an error (SPARQL 1.1 section 17.2), the error is an element of the aggregated multiset
# (section 18.5.1, ListEval), and an aggregate over an error is an error, so ?y is
# unbound (section 11.2). Over no solution at all the aggregates give 0 and "".
EVALUATED = [
    ("syntax-aggregate-06", "SELECT (SUM(DISTINCT ?x) AS ?y) {}", [(None,)]),
    ("syntax-aggregate-12", "SELECT (AVG(DISTINCT ?x) AS ?y) {}", [(None,)]),
    ("syntax-aggregate-14", "SELECT (GROUP_CONCAT(DISTINCT ?x) AS ?y) {}", [(None,)]),
    ("syntax-bindings-03a", "SELECT * { } VALUES () { () }", [()]),
    (
        "sum-distinct-over-data",
        "SELECT (SUM(DISTINCT ?x) AS ?y) { VALUES ?x { 1 2 2 3 } }",
        [(6,)],
    ),
    (
        "avg-distinct-over-no-match",
        "SELECT (AVG(DISTINCT ?o) AS ?y) { ?s <http://example.org/none> ?o }",
        [(0,)],
    ),
    (
        "group-concat-distinct-over-no-match",
        "SELECT (GROUP_CONCAT(DISTINCT ?o) AS ?y) { ?s <http://example.org/none> ?o }",
        [("",)],
    ),
]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize(("name", "sparql", "rows"), EVALUATED, ids=[e[0] for e in EVALUATED])
def test_queries_rdflib_cannot_evaluate_give_the_standard_answer(
    name: str,
    sparql: str,
    rows: list[tuple[object, ...]],
    engine: Engine,
    tmp_path: Path,
) -> None:
    graph = dlgraph.load(_data_file(tmp_path), engine=engine)
    for timeout in (None, 30.0):
        result = graph.query(sparql, timeout=timeout)
        assert isinstance(result, SelectResult)
        assert result.python_rows() == rows


def test_every_suite_is_there() -> None:
    need_w3c()
    counts = {folder: len(_cases(folder)) for folder in (*RDF_FOLDERS, *SPARQL_FOLDERS)}
    assert all(counts.values()), counts
    known = {case.id for folder in counts for case in _cases(folder)}
    assert set(XFAIL) <= known
