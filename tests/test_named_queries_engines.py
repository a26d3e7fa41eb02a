"""Every named query gives the same rows on Oxigraph (``Store.run``) as on rdflib
(``OrgGraph.run``) on a synthetic town, with and without its parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, URIRef

import dlgraph
from dlgraph import SelectResult, Store

TOWN = "https://example.org/dlgraph-synth/m0001/"

# name, parameters: every named query, and each parameter at least once, with values
# that select a part of the town
CASES: list[tuple[str, dict[str, Any]]] = [
    ("acts-by-period", {"period1": TOWN + "spring", "period2": TOWN + "autumn"}),
    ("boundary-spanners", {}),
    ("boundary-spanners", {"minimumUnits": 4}),
    ("cross-boundary-paths", {}),
    ("delegation-gaps", {}),
    ("delegation-gaps", {"inMunicipality": TOWN + "municipality"}),
    ("delegation-gaps", {"inUnit": TOWN + "unit1"}),
    ("delegation-gaps-by-unit", {}),
    ("delegation-gaps-by-unit", {"inMunicipality": TOWN + "municipality"}),
    ("inbetweeners", {}),
    ("inbetweeners", {"inUnit": TOWN + "unit0"}),
    ("municipality-comparison", {}),
    ("own-initiative-acts", {}),
    ("own-initiative-acts", {"crisis": TOWN + "pandemic"}),
    ("room-connections", {}),
    ("room-connections", {"onlyRoom": TOWN + "lg0"}),
    ("summary", {}),
    ("summary-by-graph", {}),
]


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("town") / "town.nt"
    dlgraph.synthesize(1, path, seed=0)
    return path


@pytest.fixture(scope="module")
def rdflib_rows(town: Path) -> dict[int, tuple[tuple[str, ...], list[str]]]:
    graph = dlgraph.load(town)
    return {index: _rows(graph.run(name, **values)) for index, (name, values) in enumerate(CASES)}


@pytest.fixture(scope="module")
def store_rows(town: Path) -> dict[int, tuple[tuple[str, ...], list[str]]]:
    with Store.memory() as store:
        store.load(town)
        return {
            index: _rows(store.run(name, **values)) for index, (name, values) in enumerate(CASES)
        }


# the town's triples held twice, in two named graphs
TWICE = ("urn:example:copy-a", "urn:example:copy-b")


@pytest.fixture(scope="module")
def store_twice_rows(town: Path) -> dict[int, tuple[tuple[str, ...], list[str]]]:
    with Store.memory() as store:
        for name in TWICE:
            store.load(town, graph_name=name)
        return {
            index: _rows(store.run(name, **values)) for index, (name, values) in enumerate(CASES)
        }


@pytest.fixture(scope="module")
def rdflib_twice_rows(town: Path) -> dict[int, tuple[tuple[str, ...], list[str]]]:
    dataset = Dataset()
    for name in TWICE:
        dataset.graph(URIRef(name)).parse(town, format="nt")
    graph = dlgraph.load(dataset, engine="rdflib")
    return {index: _rows(graph.run(name, **values)) for index, (name, values) in enumerate(CASES)}


def _rows(result: Any) -> tuple[tuple[str, ...], list[str]]:
    assert isinstance(result, SelectResult)
    return result.variables, sorted(map(repr, result.python_rows()))


def test_every_named_query_and_parameter_is_covered() -> None:
    covered = {name for name, _ in CASES}
    assert covered == {query.name for query in dlgraph.queries()}
    for query in dlgraph.queries():
        used = {key for name, values in CASES if name == query.name for key in values}
        assert used == {parameter.name for parameter in query.parameters}, query.name


@pytest.mark.parametrize(
    "index",
    range(len(CASES)),
    ids=[f"{name}{'-' + '-'.join(values) if values else ''}" for name, values in CASES],
)
def test_store_rows_equal_rdflib_rows(
    index: int,
    rdflib_rows: dict[int, tuple[tuple[str, ...], list[str]]],
    store_rows: dict[int, tuple[tuple[str, ...], list[str]]],
) -> None:
    variables, rows = rdflib_rows[index]
    assert store_rows[index] == (variables, rows)
    assert rows, "the case selects nothing in the town: choose a value that finds rows"


@pytest.mark.parametrize(
    "index",
    range(len(CASES)),
    ids=[f"{name}{'-' + '-'.join(values) if values else ''}" for name, values in CASES],
)
def test_triples_in_two_graphs_count_once_on_the_store(
    index: int,
    rdflib_rows: dict[int, tuple[tuple[str, ...], list[str]]],
    rdflib_twice_rows: dict[int, tuple[tuple[str, ...], list[str]]],
    store_twice_rows: dict[int, tuple[tuple[str, ...], list[str]]],
) -> None:
    """Oxigraph's union default graph is a multiset (a triple in two named graphs is
    matched twice), rdflib's a set: the named queries give rdflib's rows on both."""
    name = CASES[index][0]
    # summary-by-graph reports each graph: compare with rdflib holding the same two graphs
    expected = rdflib_twice_rows[index] if name == "summary-by-graph" else rdflib_rows[index]
    assert store_twice_rows[index] == expected
    assert rdflib_twice_rows[index] == store_twice_rows[index]
