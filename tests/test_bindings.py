"""One algorithm binds a named query's parameters, whichever path runs it.

Every named query, with each of its parameters, is run through ``OrgGraph.run`` (on both
backends), ``Store.run``, ``Endpoint.run`` against a real Oxigraph server on loopback, and
``federated_named_query`` over that server; each path must bind the parameters into the
same query text, and that text must be what reaches its engine or server.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Literal, URIRef

import dlgraph
from dlgraph.errors import QueryError
from dlgraph.federate.endpoint import Endpoint
from dlgraph.federate.federation import federated_named_query
from dlgraph.query.bindings import CannotBind, bind
from dlgraph.query.named import queries
from dlgraph.store import Store
from municipalities import oxigraph_server
from test_named_queries_engines import CASES

run_module = importlib.import_module("dlgraph.query.run")
federation_module = importlib.import_module("dlgraph.federate.federation")


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("town") / "town.nt"
    dlgraph.synthesize(1, path, seed=0)
    return path


@pytest.fixture(scope="module")
def endpoint(town: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    with oxigraph_server(tmp_path_factory.mktemp("server")) as server:
        remote = Endpoint(server.url)
        remote.push(dlgraph.load(town), graph="https://example.org/town")
        yield remote


def _recording(
    monkeypatch: pytest.MonkeyPatch, target: Any, name: str, argument: int | None, sent: list[str]
) -> None:
    """Record the query text ``target.name`` is given as positional ``argument`` (None: the
    text it returns)."""
    original: Callable[..., Any] = getattr(target, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        sent.append(result if argument is None else args[argument])
        return result

    monkeypatch.setattr(target, name, spy)


def test_every_path_binds_every_named_query_the_same_way(
    town: Path, endpoint: Endpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: dict[str, list[str]] = {"graph": [], "store": [], "endpoint": [], "federated": []}
    # OrgGraph.run on either backend binds in run_query, the others through NamedQuery.bind
    _recording(monkeypatch, run_module, "bind", None, sent["graph"])
    _recording(monkeypatch, Store, "query", 1, sent["store"])
    _recording(monkeypatch, Endpoint, "query", 1, sent["endpoint"])
    _recording(monkeypatch, federation_module, "query_over", 0, sent["federated"])
    on_rdflib = dlgraph.load(town, backend="rdflib")
    on_oxigraph = dlgraph.load(town, backend="oxigraph")
    assert {name for name, _ in CASES} == {query.name for query in queries()}
    with Store.memory() as store:
        store.load(town)
        runs: list[tuple[str, Callable[[str, dict[str, Any]], object]]] = [
            ("graph", lambda name, values: on_rdflib.run(name, **values)),
            ("graph", lambda name, values: on_oxigraph.run(name, **values)),
            ("store", lambda name, values: store.run(name, **values)),
            ("endpoint", lambda name, values: endpoint.run(name, **values)),
            (
                "federated",
                lambda name, values: federated_named_query(name, [endpoint], parameters=values),
            ),
        ]
        for name, values in CASES:
            texts = []
            for path, run in runs:
                before = len(sent[path])
                run(name, values)
                texts.append(sent[path][before])
            assert len(set(texts)) == 1, (name, values, texts)
            if values:
                assert "VALUES" in texts[0] and texts[0] != dlgraph.named_query(name).sparql
            assert texts[0] == dlgraph.named_query(name).bind(values)


def test_a_parameter_is_a_checked_term_never_text() -> None:
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    text = bind("SELECT ?y WHERE { BIND(?x AS ?y) }", {"x": Literal(hostile)})
    assert "DROP ALL ; SELECT" in text  # inside the escaped literal, as one term
    with Store.memory() as store:
        assert store.query(text).python_rows() == [(hostile,)]  # type: ignore[union-attr]
    with pytest.raises(QueryError, match="not a valid IRI"):
        bind("SELECT ?x WHERE { ?x ?p ?o }", {"x": URIRef("https://e.org/> } DROP ALL {")})


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        (
            "SELECT ?x WHERE { ?x ?p ?o }",
            "SELECT ?x WHERE { VALUES (?x) { (<https://e.org/a>) }\n ?x ?p ?o }",
        ),
        ("SELECT ?x { ?x ?p ?o }", "SELECT ?x { VALUES (?x) { (<https://e.org/a>) }\n ?x ?p ?o }"),
        ("SELECT ?z WHERE { ?z ?p ?o }", "SELECT ?z WHERE { ?z ?p ?o }"),
        (
            "CONSTRUCT WHERE { ?x ?p ?o }",
            "CONSTRUCT { ?x ?p ?o } WHERE { VALUES (?x) { (<https://e.org/a>) }\n ?x ?p ?o }",
        ),
    ],
)
def test_the_values_block_opens_the_outermost_group(sparql: str, expected: str) -> None:
    assert bind(sparql, {"x": URIRef("https://e.org/a")}) == expected


def test_what_the_text_cannot_carry_is_refused_by_name() -> None:
    with pytest.raises(CannotBind, match="blank node"):
        bind("SELECT ?x WHERE { ?x ?p ?o }", {"x": BNode()})
    with pytest.raises(CannotBind, match="no WHERE"):
        bind("DESCRIBE ?x", {"x": URIRef("https://e.org/a")})
