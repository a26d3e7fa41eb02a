"""graph.query: kinds of query, result formats, read-only, syntax errors, no network."""

from __future__ import annotations

import datetime
import json

import pytest
from rdflib import Literal, URIRef

import dlgraph
from dlgraph import (
    AskResult,
    GraphResult,
    NetworkRefused,
    QueryError,
    QuerySyntaxError,
    ReadOnlyError,
    SelectResult,
)
from dlgraph.query.results import to_term

EX = "http://example.org/"
DATA = f"""
@prefix ex: <{EX}> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:name "Anna"@sv ; ex:age 41 ; ex:born "1980-02-01"^^xsd:date ; ex:knows ex:b .
ex:b ex:name "Bo, \\"the\\"\\tboss" ; ex:knows [ ex:name "anon" ] .
"""


@pytest.fixture
def graph() -> dlgraph.OrgGraph:
    return dlgraph.load(DATA)


def test_select_rows_python_values_and_records(graph: dlgraph.OrgGraph) -> None:
    result = graph.query(
        "SELECT ?p ?age ?born WHERE { ?p ex:name ?n OPTIONAL { ?p ex:age ?age ; ex:born ?born } }"
        " ORDER BY ?p",
        bindings={"n": Literal("Anna", lang="sv")},
    )
    assert isinstance(result, SelectResult)
    assert result.variables == ("p", "age", "born")
    assert result.python_rows() == [(f"{EX}a", 41, datetime.date(1980, 2, 1))]
    assert result.records() == [{"p": f"{EX}a", "age": 41, "born": datetime.date(1980, 2, 1)}]
    assert len(result) == 1


def test_prefixes_are_predeclared_and_overridable(graph: dlgraph.OrgGraph) -> None:
    result = graph.query("PREFIX dl: <http://example.org/> SELECT ?x WHERE { ?x dl:age 41 }")
    assert isinstance(result, SelectResult)
    assert result.python_rows() == [(f"{EX}a",)]


def test_csv_tsv_json_follow_the_w3c_formats(graph: dlgraph.OrgGraph) -> None:
    result = graph.query(
        "SELECT ?who ?name WHERE { ?who ex:name ?name FILTER(isIRI(?who)) } ORDER BY ?who"
    )
    assert isinstance(result, SelectResult)
    assert result.to_csv() == (f'who,name\r\n{EX}a,Anna\r\n{EX}b,"Bo, ""the""\tboss"\r\n')
    assert result.to_tsv() == (
        f'?who\t?name\n<{EX}a>\t"Anna"@sv\n<{EX}b>\t"Bo, \\"the\\"\\tboss"\n'
    )
    assert json.loads(result.to_json()) == {
        "head": {"vars": ["who", "name"]},
        "results": {
            "bindings": [
                {
                    "who": {"type": "uri", "value": f"{EX}a"},
                    "name": {"type": "literal", "value": "Anna", "xml:lang": "sv"},
                },
                {
                    "who": {"type": "uri", "value": f"{EX}b"},
                    "name": {"type": "literal", "value": 'Bo, "the"\tboss'},
                },
            ]
        },
    }
    assert result.serialize("csv") == result.to_csv()
    with pytest.raises(QueryError):
        result.serialize("xml")


def test_unbound_values_and_blank_nodes(graph: dlgraph.OrgGraph) -> None:
    result = graph.query("SELECT ?x ?age WHERE { ?x ex:name 'anon' OPTIONAL { ?x ex:age ?age } }")
    assert isinstance(result, SelectResult)
    (row,) = result.python_rows()
    assert row[0].startswith("_:") and row[1] is None
    assert result.to_csv().endswith(",\r\n")
    assert json.loads(result.to_json())["results"]["bindings"][0]["x"]["type"] == "bnode"


def test_dataframe(graph: dlgraph.OrgGraph) -> None:
    pandas = pytest.importorskip("pandas")
    result = graph.query("SELECT ?p ?age WHERE { ?p ex:age ?age }")
    assert isinstance(result, SelectResult)
    frame = result.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["p", "age"]
    assert frame.to_dict("records") == [{"p": f"{EX}a", "age": 41}]


def test_ask_construct_describe(graph: dlgraph.OrgGraph) -> None:
    ask = graph.query("ASK { ?x ex:knows ?y }")
    assert ask == AskResult(True)
    assert json.loads(ask.serialize("json")) == {"head": {}, "boolean": True}
    assert ask.serialize("csv") == "ask\r\ntrue\r\n"
    built = graph.query("CONSTRUCT { ?y ex:knownBy ?x } WHERE { ?x ex:knows ?y FILTER(isIRI(?y)) }")
    assert isinstance(built, GraphResult) and built.kind == "CONSTRUCT"
    assert set(built.graph) == {(URIRef(f"{EX}b"), URIRef(f"{EX}knownBy"), URIRef(f"{EX}a"))}
    assert "ex:knownBy" in built.serialize("turtle")
    described = graph.query("DESCRIBE ?x WHERE { ?x ex:age 41 }")
    assert isinstance(described, GraphResult) and described.kind == "DESCRIBE"
    assert (URIRef(f"{EX}a"), URIRef(f"{EX}age"), Literal(41)) in described.graph


def test_named_graphs_are_reachable(tmp_path: object) -> None:
    graph = dlgraph.load(f"<{EX}s> <{EX}p> <{EX}o> <{EX}g> .\n")
    result = graph.query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, SelectResult)
    assert result.python_rows() == [(f"{EX}g",)]
    result = graph.query(f"SELECT ?s FROM <{EX}g> WHERE {{ ?s ?p ?o }}")
    assert isinstance(result, SelectResult)
    assert result.python_rows() == [(f"{EX}s",)]


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }",
        "PREFIX ex: <http://example.org/>\n# note\nDELETE WHERE { ?s ex:age ?o }",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "CLEAR ALL",
        "  with <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(graph: dlgraph.OrgGraph, update: str) -> None:
    before = len(graph)
    with pytest.raises(ReadOnlyError, match="read-only") as caught:
        graph.query(update)
    assert caught.value.exit_code == 2
    assert len(graph) == before


@pytest.mark.parametrize(
    ("sparql", "line", "column", "token"),
    [
        ("SELECT ?x WHERE { ?x ?p ?o . FILTER( }", 1, 30, "FILTER("),
        ("SELECT ?x\nWHERE {\n  ?x nope:p ?o\n}", 3, 6, "nope:p"),
        ("SELECT ?x WHERE { ?x ?p ?o ", 1, 28, None),
    ],
)
def test_syntax_errors_have_positions(
    graph: dlgraph.OrgGraph, sparql: str, line: int, column: int, token: str | None
) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        graph.query(sparql)
    assert (caught.value.line, caught.value.column, caught.value.token) == (line, column, token)


def test_service_and_unloaded_from_are_refused(graph: dlgraph.OrgGraph) -> None:
    with pytest.raises(NetworkRefused, match="SERVICE"):
        graph.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(NetworkRefused, match="SERVICE"):
        graph.query("ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } } }")
    with pytest.raises(NetworkRefused, match="FROM"):
        graph.query("SELECT * FROM <http://127.0.0.1:9/g.ttl> WHERE { ?s ?p ?o }")
    with pytest.raises(NetworkRefused, match="FROM"):
        graph.query("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_bindings_are_values_not_text(graph: dlgraph.OrgGraph) -> None:
    hostile = 'Anna"@sv } ?p ?o . ?x ?y "'
    result = graph.query("SELECT ?p WHERE { ?p ex:name ?n }", bindings={"n": hostile})
    assert isinstance(result, SelectResult)
    assert result.rows == ()
    assert to_term(3) == Literal(3)
    with pytest.raises(QueryError, match="cannot bind a list"):
        to_term([1])
