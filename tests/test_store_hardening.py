"""The embedded Oxigraph store under hostile input: no network, no entity expansion,
parameters as values only. (A writer killed mid-load is tested with the store, in
``tests/test_store.py``.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import dlgraph
from conftest import EXAMPLES
from dlgraph import NetworkRefused, ParseError, QueryError, ReadOnlyError
from test_network import TURTLE, Server

store_module = pytest.importorskip("dlgraph.store", reason="the store is not in this tree")
Store = store_module.Store
EXAMPLE = EXAMPLES / "patterns.ttl"


@pytest.fixture
def server() -> object:
    running = Server()
    yield running
    running.close()


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("SELECT * WHERE { SERVICE <{url}/sparql> { ?s ?p ?o } }", NetworkRefused),
        ("SELECT * WHERE { SERVICE SILENT <{url}/sparql> { ?s ?p ?o } }", NetworkRefused),
        ("LOAD <{url}/g.ttl>", ReadOnlyError),
        ("LOAD SILENT <{url}/g.ttl> INTO GRAPH <http://example.org/g>", ReadOnlyError),
    ],
    ids=["service", "service-silent", "load", "load-into"],
)
def test_store_queries_make_no_request(server: Server, query: str, error: type[Exception]) -> None:
    store = Store.memory()
    store.load(TURTLE)
    with pytest.raises(error):
        store.query(query.replace("{url}", server.url))
    assert server.requests == []


def test_oxigraph_alone_would_follow_service(server: Server) -> None:
    """The refusal above is needed: Oxigraph's own engine sends the SERVICE request."""
    import pyoxigraph as ox

    with pytest.raises(Exception):  # noqa: B017 - the test server does not speak SPARQL
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{server.url}/sparql> {{ ?s ?p ?o }} }}"))
    assert server.requests and server.requests[0].startswith("/sparql")


def test_store_refuses_entities_in_rdfxml(tmp_path: Path) -> None:
    entities = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.rdf"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY l0 "lol">{entities}]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:ex="http://e/"><rdf:Description rdf:about="http://e/a"><ex:p>&l9;</ex:p>'
        "</rdf:Description></rdf:RDF>"
    )
    store = Store.memory()
    started = time.monotonic()
    with pytest.raises(ParseError, match="document type declaration"):
        store.load(path)
    assert time.monotonic() - started < 1
    assert len(store) == 0


def test_store_named_query_parameters_stay_values() -> None:
    store = Store.memory()
    store.load(EXAMPLE)
    before = len(store)
    with pytest.raises(QueryError, match="needs a value of type iri"):
        store.run("own-initiative-acts", crisis="> } ; DROP ALL ; SELECT * { <x")
    hostile = dlgraph.load(EXAMPLE).run("own-initiative-acts", crisis="http://e/none")
    assert len(store.run("own-initiative-acts", crisis="http://e/none")) == len(hostile) == 0
    rows = store.query("SELECT ?s ?v WHERE { ?s ?p ?v }", bindings={"v": '" } ; DROP ALL ; { "'})
    assert len(rows) == 0
    assert len(store) == before
