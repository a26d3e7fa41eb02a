"""The embedded Oxigraph store: load, reopen, query, validate, survive a killed writer."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

import dlgraph
from conftest import EXAMPLES
from dlgraph import NetworkRefused, ParseError, QueryError, ReadOnlyError, Store, queries
from dlgraph.cli import app
from dlgraph.query.bindings import bind
from dlgraph.store import STAGING_PREFIX
from municipalities import fake_server, municipality_turtle

runner = CliRunner()


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store") / "examples.oxigraph"
    with Store.open(folder) as store:
        store.load(EXAMPLES)
    return folder


@pytest.fixture(scope="module")
def embedded() -> dlgraph.OrgGraph:
    return dlgraph.load(EXAMPLES)


def test_reopened_store_holds_every_file_as_its_graph(
    examples_store: Path, embedded: dlgraph.OrgGraph
) -> None:
    with Store.open(examples_store, read_only=True) as store:
        assert store.graph_names() == embedded.graph_names()
        assert store.counts() == {
            name: len(embedded.named_graph(name)) for name in embedded.graph_names()
        }


NO_REQUIRED = [q.name for q in queries() if not any(p.required for p in q.parameters)]


@pytest.mark.parametrize("name", NO_REQUIRED)
def test_named_queries_on_the_store_equal_rdflib(
    examples_store: Path, embedded: dlgraph.OrgGraph, name: str
) -> None:
    with Store.open(examples_store, read_only=True) as store:
        result = store.run(name)
    expected = embedded.run(name)
    assert result.variables == expected.variables  # type: ignore[union-attr]
    assert sorted(map(repr, result.python_rows())) == sorted(  # type: ignore[union-attr]
        map(repr, expected.python_rows())  # type: ignore[union-attr]
    )
    assert len(result) > 0  # type: ignore[arg-type]


def test_parameters_bind_on_the_store(examples_store: Path, embedded: dlgraph.OrgGraph) -> None:
    with Store.open(examples_store, read_only=True) as store:
        two = store.run("boundary-spanners").python_rows()  # type: ignore[union-attr]
        most = max(row[1] for row in two)
        fewer = store.run("boundary-spanners", minimumUnits=most).python_rows()  # type: ignore[union-attr]
    expected = embedded.run("boundary-spanners", minimumUnits=most)
    assert fewer == expected.python_rows()  # type: ignore[union-attr]
    assert 0 < len(fewer) < len(two)


def test_validation_of_the_store_equals_validation_of_the_files(
    examples_store: Path,
) -> None:
    name = (EXAMPLES / "denmark-icdp-incoherent" / "denmark-icdp-incoherent.yaml").as_uri()
    with Store.open(examples_store, read_only=True) as store:
        report = dlgraph.validate(store.to_org_graph([name]))
    expected = dlgraph.validate(EXAMPLES / "denmark-icdp-incoherent")
    assert sorted(r.key for r in report.results) == sorted(r.key for r in expected.results)
    assert not report.conforms


def test_hostile_values_stay_values(tmp_path: Path) -> None:
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "'
    query = bind("SELECT ?y WHERE { BIND(?x AS ?y) }", {"x": Literal(hostile)}, source="test")
    with Store.memory() as store:
        assert store.query(query).python_rows() == [(hostile,)]  # type: ignore[union-attr]
        assert store.query("SELECT ?x WHERE { }", {"x": Literal(hostile)}).python_rows() == [
            (hostile,)
        ]  # type: ignore[union-attr]
        with pytest.raises(QueryError, match="not a valid IRI"):
            store.run("inbetweeners", inUnit=URIRef("https://e.org/> } DROP ALL {"))


def test_a_file_loaded_again_replaces_its_graph(tmp_path: Path) -> None:
    data = tmp_path / "north.ttl"
    data.write_text(municipality_turtle("north", 2, 3))
    trig = tmp_path / "two.trig"
    trig.write_text(
        "<https://e.org/g1> { <https://e.org/a> <https://e.org/p> 1 . }\n"
        "<https://e.org/g2> { <https://e.org/a> <https://e.org/p> 2 . }\n"
    )
    with Store.open(tmp_path / "store") as store:
        store.load(data, trig)
        before = store.counts()[URIRef(data.as_uri())]
        data.write_text(municipality_turtle("north", 2, 1))
        store.load(data, trig)
        after = store.counts()
    assert after[URIRef(data.as_uri())] < before
    assert after[URIRef(data.as_uri())] == len(dlgraph.load(data))
    assert after[URIRef("https://e.org/g1")] == after[URIRef("https://e.org/g2")] == 1
    assert not any(str(name).startswith(STAGING_PREFIX) for name in after)


def test_a_syntax_error_names_the_file_and_loads_nothing_of_it(tmp_path: Path) -> None:
    good = tmp_path / "a-good.ttl"
    good.write_text(municipality_turtle("good", 1, 1))
    bad = tmp_path / "b-bad.ttl"
    bad.write_text("@prefix ex: <https://e.org/> .\nex:a ex:b ex:c .\nex:d ex:e .\n")
    with Store.open(tmp_path / "store") as store:
        with pytest.raises(ParseError) as caught:
            store.load(tmp_path)
        assert caught.value.source == str(bad)
        assert caught.value.line == 3
        assert store.graph_names() == (URIRef(good.as_uri()),)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bad.ttl", '@prefix ex: <https://e.org/> .\nex:a ex:name "Anna Berg" .\nex:a ex:b ;; .\n'),
        ("bad.nt", '<https://e.org/a> <https://e.org/name> "Anna Berg" .\n<https://e.org/a> x .\n'),
        ("bad.ttl", '@prefix ex: <https://e.org/> .\nex:a ex:name "Anna Berg\nex:a ex:b ex:c .\n'),
    ],
    ids=["turtle-token", "ntriples-token", "turtle-open-string"],
)
def test_a_syntax_error_is_reported_as_load_reports_it(
    tmp_path: Path, name: str, text: str
) -> None:
    """The store streams files into Oxigraph; its errors still carry token and redaction."""
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError) as by_load:
        dlgraph.load(bad)
    with Store.memory() as store, pytest.raises(ParseError) as by_store:
        store.load(bad)
    assert str(by_store.value) == str(by_load.value)
    assert by_store.value.line is not None and by_store.value.column is not None
    assert "Anna" not in str(by_store.value)


def test_queries_are_read_only_and_offline() -> None:
    with Store.memory() as store, fake_server(lambda handler: handler.send_error(500)) as fake:
        store.load(EXAMPLES / "patterns.ttl")
        with pytest.raises(ReadOnlyError):
            store.query("INSERT DATA { <https://e.org/a> <https://e.org/b> 1 }")
        with pytest.raises(ReadOnlyError):
            store.query("PREFIX ex: <https://e.org/>\nDELETE WHERE { ?s ?p ?o }")
        with pytest.raises(NetworkRefused, match="SERVICE"):
            store.query(f"SELECT * WHERE {{ SERVICE <{fake.url}> {{ ?s ?p ?o }} }}")
        assert fake.requests == []
        assert len(store) == 81


def test_staging_left_by_a_killed_writer_is_dropped_on_open(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        store.load(EXAMPLES / "patterns.ttl")
        store.oxigraph.add(
            ox.Quad(
                ox.NamedNode("https://e.org/a"),
                ox.NamedNode("https://e.org/b"),
                ox.Literal("1"),
                ox.NamedNode(f"{STAGING_PREFIX}left:0"),
            )
        )
    with Store.open(tmp_path / "store") as store:
        assert len(store) == 81
        assert len(store.graph_names()) == 1


WRITER = textwrap.dedent(
    """
    import sys
    from dlgraph.store import Store
    store = Store.open(sys.argv[1])
    store.load(sys.argv[2])
    print("committed", flush=True)
    store.load(sys.argv[3])
    print("finished", flush=True)
    """
)


def test_a_killed_writer_leaves_the_last_committed_state(tmp_path: Path) -> None:
    first = tmp_path / "first.ttl"
    first.write_text(municipality_turtle("first", 2, 2))
    big = tmp_path / "big.nt"
    with big.open("w") as out:
        for i in range(400_000):
            out.write(f'<https://e.org/s{i}> <https://e.org/p> "value {i}" .\n')
    folder = tmp_path / "store"
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), str(first), str(big)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "committed"
    time.sleep(0.3)  # well inside the second load
    process.kill()
    process.wait()
    rest = process.stdout.read()
    assert "finished" not in rest, "the big load finished before the kill; make it bigger"
    with Store.open(folder) as store:
        assert store.graph_names() == (URIRef(first.as_uri()),)
        assert len(store) == len(dlgraph.load(first))


def test_cli_load_query_validate_store(tmp_path: Path) -> None:
    folder = str(tmp_path / "store")
    case = EXAMPLES / "denmark-icdp-incoherent"
    result = runner.invoke(app, ["load", str(case), "--store", folder, "-q"])
    assert result.exit_code == 0, result.stderr
    file = case / "denmark-icdp-incoherent.yaml"
    assert result.stdout == f"{file}\t{file.as_uri()}\t141\n"
    result = runner.invoke(
        app, ["query", "--store", folder, "-s", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "-f", "csv"]
    )
    assert (result.exit_code, result.stdout_bytes) == (0, b"n\r\n141\r\n")
    result = runner.invoke(app, ["validate", "--store", folder, "-f", "json"])
    expected = runner.invoke(app, ["validate", str(case), "-f", "json"])
    assert result.exit_code == 1
    from_store, from_files = json.loads(result.stdout), json.loads(expected.stdout)
    # A store keeps the triples, not where the case file wrote them.
    assert all(r["place"] is None for r in from_store["results"])
    assert all(r["place"] is not None for r in from_files["results"])
    for report in (from_store, from_files):
        for found in report["results"]:
            del found["place"]
    assert from_store == from_files
    result = runner.invoke(app, ["query", "--store", folder, str(case), "-n", "summary"])
    assert result.exit_code == 2
    assert "exactly one of" in result.stderr


def test_cli_compare_counts_each_municipality(tmp_path: Path) -> None:
    east = tmp_path / "east.ttl"
    east.write_text(municipality_turtle("east", 3, 5))
    west = tmp_path / "west.ttl"
    west.write_text(municipality_turtle("west", 2, 4, incoherent=True))
    reports = {path: dlgraph.validate(path) for path in (east, west)}
    measures = {}
    for path in (east, west):
        (found,) = dlgraph.network(dlgraph.load(path), by="municipality").measures
        values = (found.density, found.reciprocity, found.indegree_centralization)
        values += (found.acts_gini, found.leadership_density)
        measures[path] = ",".join("" if v is None else str(v) for v in values)

    def line(path: Path, counts: str) -> str:
        report = reports[path]
        risky = sum(1 for r in report.results if r.risks)
        municipality = f"https://example.org/synth/{path.stem}/municipality"
        return (
            f"{path.as_uri()},{municipality},{counts},{risky},"
            f"{len(report.violations)},{len(report.warnings)},,{measures[path]}"
        )

    expected = "\r\n".join(
        [
            "graph,municipality,units,delegated_tasks,mandates,learning_groups,inbetweeners,"
            "flagged_risks,risk_findings,violations,warnings,endpoint,advice_density,"
            "advice_reciprocity,advice_indegree_centralization,acts_gini,leadership_density",
            line(east, "4,5,5,1,1,1"),
            line(west, "3,4,3,1,1,1"),
            "",
        ]
    )
    result = runner.invoke(app, ["compare", str(tmp_path), "-f", "csv", "-q"])
    assert (result.exit_code, result.stdout_bytes.decode()) == (0, expected)
    folder = str(tmp_path / "store")
    assert runner.invoke(app, ["load", str(east), str(west), "--store", folder]).exit_code == 0
    result = runner.invoke(app, ["compare", "--store", folder, "-f", "csv", "-q"])
    assert (result.exit_code, result.stdout_bytes.decode()) == (0, expected)
    assert reports[west].violations and 1 in {r.rule for r in reports[west].violations}


def test_a_store_in_a_folder_that_does_not_exist_is_named_not_blamed_on_a_writer(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "missing" / "store"
    with pytest.raises(dlgraph.InputError, match="does not exist") as caught:
        Store.open(folder)
    assert "another process" not in str(caught.value) + (caught.value.hint or "")
    assert not (tmp_path / "missing").exists()
    result = runner.invoke(app, ["load", str(EXAMPLES / "patterns.ttl"), "--store", str(folder)])
    assert result.exit_code == 2
    assert "mkdir -p" in result.stderr and "Traceback" not in result.stderr
