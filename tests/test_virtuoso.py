"""Virtuoso Open Source 7.2 as a second real SPARQL server.

The server the tests start (tests/virtuoso.py) is set up as an admin would; every named
query, with each parameter, gives on it the rows it gives embedded, term for term, as the
server writes them (so ``1`` is not ``true``); fetching its data leaves out its own graphs,
pages through a graph larger than its answers may be, and refuses an answer it cut short.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES, ROOT
from dlgraph import Endpoint, RemoteError, SelectResult, Store
from dlgraph.cli import app
from dlgraph.federate.endpoint import _parse_results as parse_results
from dlgraph.query.checks import with_prefixes
from municipalities import municipality_turtle
from test_named_queries_engines import CASES as QUERY_CASES
from virtuoso import MAX_ROWS, USER, VirtuosoServer

pytestmark = pytest.mark.slow

runner = CliRunner()

GRAPH = "https://example.org/test-virtuoso/setup"


def _put(server: VirtuosoServer, body: bytes, *, password: str | None) -> int:
    request = urllib.request.Request(
        f"{server.gsp_url}?graph={GRAPH}",
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    handlers = []
    if password is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, server.gsp_url, USER, password)
        handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
    try:
        with urllib.request.build_opener(*handlers).open(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_user_writes_through_the_graph_store_and_anonymous_cannot(
    virtuoso: VirtuosoServer,
) -> None:
    body = b'<https://example.org/s> <https://example.org/p> "v" .\n'
    try:
        assert _put(virtuoso, body, password=None) == 401
        assert _put(virtuoso, body, password="wrong") == 401
        assert _put(virtuoso, body, password=virtuoso.password) in (200, 201, 204)
        result = Endpoint(virtuoso.url).query(
            "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(GRAPH)}
        )
        assert isinstance(result, SelectResult)
        assert result.rows == ((Literal("v"),),)
    finally:
        virtuoso.clear(GRAPH)


def test_the_default_dba_password_is_refused(virtuoso: VirtuosoServer) -> None:
    with pytest.raises(RuntimeError, match=r"password|Bad login|28000"):
        virtuoso.sql("SELECT 1;\n", password="dba")


def test_only_the_graphs_that_hold_data_are_listed_and_fetched(virtuoso: VirtuosoServer) -> None:
    data, other = GRAPH + "-data", GRAPH + "-labels"
    virtuoso.load(
        {
            data: "<https://example.org/s> a <https://w3id.org/dlgraph/ontology#Municipality> .",
            other: '<https://example.org/s> <http://www.w3.org/2000/01/rdf-schema#label> "s" .',
        }
    )
    endpoint = Endpoint(virtuoso.url)
    try:
        everything = endpoint.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(everything, SelectResult)
        held = {row[0] for row in everything.rows}
        # Virtuoso's own graphs (its configuration, its vocabularies) are there ...
        assert URIRef("http://www.openlinksw.com/schemas/virtrdf#") in held
        assert {URIRef(data), URIRef(other)} <= held
        # ... but only the graph with dlgraph's vocabulary holds data
        names = endpoint.graph_names()
        assert URIRef(data) in names
        assert not any(name in names for name in held - {URIRef(data)}), names
        fetched = endpoint.dataset()
        assert fetched.graph_names(inferred=False) == names
        assert len(fetched.named_graph(data)) == 1
        # a graph named by the caller is fetched whatever it holds
        assert len(endpoint.dataset([other]).named_graph(other)) == 1
    finally:
        virtuoso.clear(data, other)
    assert URIRef(data) not in endpoint.graph_names()


# -------------------------------------------------------------------------------------
# Every named query gives the embedded rows on Virtuoso, term for term
# -------------------------------------------------------------------------------------

QUERY_SOURCES: list[Path | str] = [
    *sorted(p for p in EXAMPLES.rglob("*") if p.suffix in (".ttl", ".yaml") and p.is_file()),
    "town",
]
QUERY_SOURCES.remove(EXAMPLES / "patterns.ttl")  # the statements of patterns.yaml
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Term = tuple[str, str, str] | None
"""An RDF term as the SPARQL JSON results write it: (type, value, datatype or @language),
blank nodes as ("bnode", "", "") since a blank node's label is the server's own."""


def _source_id(source: Path | str) -> str:
    return source if isinstance(source, str) else str(source.relative_to(ROOT))


def _json_term(value: dict[str, str] | None) -> Term:
    if value is None:
        return None
    kind = "uri" if value["type"] == "uri" else "bnode" if value["type"] == "bnode" else "literal"
    if kind == "bnode":
        return ("bnode", "", "")
    if "xml:lang" in value:
        return (kind, value["value"], "@" + value["xml:lang"].lower())
    datatype = value.get("datatype", "")
    return (kind, value["value"], "" if datatype == XSD_STRING else datatype)


def _rdf_term(term: Node | None) -> Term:
    if term is None:
        return None
    if isinstance(term, BNode):
        return ("bnode", "", "")
    if isinstance(term, URIRef):
        return ("uri", str(term), "")
    assert isinstance(term, Literal)
    if term.language:
        return ("literal", str(term), "@" + term.language.lower())
    datatype = "" if term.datatype in (None, URIRef(XSD_STRING)) else str(term.datatype)
    return ("literal", str(term), datatype)


def _answer(url: str, sparql: str) -> tuple[SelectResult, list[tuple[Term, ...]]]:
    """The server's answer to ``sparql`` sent as :class:`Endpoint` sends it: read as
    :class:`Endpoint` reads it, and as the server wrote it (rdflib would write
    "1"^^xsd:boolean as true): one request for both."""
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": sparql}).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        document = json.loads(response.read())
    parsed = parse_results(document)
    assert isinstance(parsed, SelectResult)
    variables = document["head"]["vars"]
    raw = sorted(
        (tuple(_json_term(b.get(v)) for v in variables) for b in document["results"]["bindings"]),
        key=repr,
    )
    return parsed, raw


@pytest.fixture(scope="module")
def town_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("town") / "town.nt"
    dlgraph.synthesize(1, path, seed=0)
    return path


@pytest.fixture(scope="module")
def query_rows(
    virtuoso: VirtuosoServer, town_file: Path
) -> dict[tuple[str, int], tuple[Any, Any, Any]]:
    """For each source and case: the embedded rows, Virtuoso's read as :class:`Endpoint`
    reads them (RDF terms) and as Virtuoso wrote them (lexical forms). Each source is
    loaded alone, under its embedded graph names, and cleared afterwards. Embedded is
    Oxigraph (a Store), which gives rdflib's rows (tests/test_named_queries_engines.py)."""
    answers = {}
    for source in QUERY_SOURCES:
        path = town_file if source == "town" else Path(source)
        graph = dlgraph.load(path)
        names = graph.graph_names(inferred=False)
        virtuoso.load({str(name): graph.named_graph(name).serialize(format="nt") for name in names})
        try:
            with Store.memory() as store:
                store.add_graph(graph)
                for index, (name, values) in enumerate(QUERY_CASES):
                    local = store.run(name, **values)
                    assert isinstance(local, SelectResult)
                    text = with_prefixes(dlgraph.named_query(name).bind(values))
                    answers[(_source_id(source), index)] = (local, *_answer(virtuoso.url, text))
        finally:
            virtuoso.clear(*map(str, names))
    return answers


def _case_id(key: tuple[Path | str, int]) -> str:
    source, index = key
    name, values = QUERY_CASES[index]
    return f"{_source_id(source)}:{name}{'-' + '-'.join(values) if values else ''}"


QUERY_KEYS = [(source, index) for source in QUERY_SOURCES for index in range(len(QUERY_CASES))]


@pytest.mark.parametrize("key", QUERY_KEYS, ids=_case_id)
def test_virtuoso_gives_the_embedded_rows(
    key: tuple[Path | str, int], query_rows: dict[tuple[str, int], tuple[Any, Any, Any]]
) -> None:
    local, remote, raw = query_rows[(_source_id(key[0]), key[1])]
    assert remote.variables == local.variables
    expected = sorted((tuple(_rdf_term(t) for t in row) for row in local.rows), key=repr)
    assert sorted((tuple(_rdf_term(t) for t in row) for row in remote.rows), key=repr) == expected
    assert raw == expected, "Virtuoso's own terms differ (e.g. 1 for true)"


def test_every_named_query_finds_rows_on_virtuoso(
    query_rows: dict[tuple[str, int], tuple[Any, Any, Any]],
) -> None:
    found = {
        QUERY_CASES[index][0] for (_, index), (_, remote, _) in query_rows.items() if remote.rows
    }
    assert found == {query.name for query in dlgraph.queries()}


# -------------------------------------------------------------------------------------
# Fetching data: paged, and never cut short silently
# -------------------------------------------------------------------------------------

BIG = "https://example.org/test-virtuoso/big"


@pytest.fixture(scope="module")
def big(virtuoso: VirtuosoServer) -> Iterator[Graph]:
    """A municipality of more statements than the server's answers may hold (MAX_ROWS)."""
    turtle = municipality_turtle("big", 12, 220, incoherent=True)
    graph = Graph().parse(data=turtle, format="turtle")
    assert 2 * MAX_ROWS < len(graph) < 3 * MAX_ROWS
    virtuoso.load({BIG: turtle})
    yield graph
    virtuoso.clear(BIG)


def test_paging_fetches_every_statement_of_a_graph_larger_than_an_answer(
    virtuoso: VirtuosoServer, big: Graph
) -> None:
    fetched = Endpoint(virtuoso.url).dataset([BIG], page_size=MAX_ROWS)
    assert isomorphic(fetched.named_graph(BIG), big)
    assert len(fetched.named_graph(BIG)) == len(big)


def test_an_answer_the_server_cut_short_is_refused(virtuoso: VirtuosoServer, big: Graph) -> None:
    with pytest.raises(RemoteError, match=f"only {MAX_ROWS} rows") as caught:
        Endpoint(virtuoso.url).dataset([BIG])
    assert "ResultSetMaxRows" in str(caught.value)
    with pytest.raises(RemoteError, match="caps its answers"):
        Endpoint(virtuoso.url).dataset([BIG], page_size=MAX_ROWS + 1)
    for args in (
        ["validate", "--endpoint", virtuoso.url, "--graph", BIG],
        ["validate", "--endpoint", virtuoso.url],
        ["compare", "--endpoint", virtuoso.url, "--no-validate"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 4, (args, result.stdout, result.stderr)
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert lines[0].startswith("error: ") and f"only {MAX_ROWS} rows of graph {BIG}" in lines[0]
        assert "ResultSetMaxRows" in lines[1]
