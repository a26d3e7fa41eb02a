"""Every named query against tests/data/named-queries.ttl, with its exact rows."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

import dlgraph
from conftest import TEST_DATA
from dlgraph import InputError, NamedQuery, QueryError, SelectResult, UnknownNameError, named_query
from dlgraph.ontology.labels import LANGUAGES
from dlgraph.query.named import parse_named_query

DATA = TEST_DATA / "named-queries.ttl"
EX = "https://example.org/nq/"
DL = "https://w3id.org/dlgraph/ontology#"


def ex(name: str) -> str:
    return EX + name


def dl(name: str) -> str:
    return DL + name


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text)


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def graph(request: pytest.FixtureRequest) -> dlgraph.OrgGraph:
    return dlgraph.load(DATA, engine=request.param)


# name, parameters, expected variables, expected rows (in order)
CASES: list[tuple[str, dict[str, Any], tuple[str, ...], list[tuple[Any, ...]]]] = [
    (
        "own-initiative-acts",
        {},
        ("act", "actor", "role", "kind", "situation", "time"),
        [
            (
                ex("act2"),
                ex("erik"),
                dl("HealthStaff"),
                dl("SupportingColleagues"),
                ex("pandemic"),
                None,
            ),
            (
                ex("act1"),
                ex("dina"),
                dl("Teacher"),
                dl("TakingInitiative"),
                ex("pandemic"),
                at("2020-03-18T08:00:00"),
            ),
            (
                ex("act6"),
                ex("dina"),
                dl("Teacher"),
                dl("TakingInitiative"),
                ex("pandemic"),
                at("2020-04-02T10:00:00"),
            ),
            (
                ex("act5"),
                ex("bert"),
                dl("Principal"),
                dl("TakingInitiative"),
                ex("pandemic"),
                at("2020-10-05T09:00:00"),
            ),
        ],
    ),
    (
        "own-initiative-acts",
        {"crisis": "ex:ordinary"},
        ("act", "actor", "role", "kind", "situation", "time"),
        [],
    ),
    (
        "delegation-gaps",
        {},
        ("task", "unit", "municipality", "lacksMandate", "lacksResources", "lacksAlignment"),
        [
            (ex("task6"), None, None, 1, 1, 1),
            (ex("task2"), ex("schoolB"), ex("north"), 1, 1, 1),
            (ex("task4"), ex("schoolC"), ex("north"), 0, 0, 1),
            (ex("task3"), ex("daycare"), ex("south"), 0, 1, 0),
        ],
    ),
    (
        "delegation-gaps",
        {"inMunicipality": URIRef(ex("north")), "inUnit": f"<{ex('schoolC')}>"},
        ("task", "unit", "municipality", "lacksMandate", "lacksResources", "lacksAlignment"),
        [(ex("task4"), ex("schoolC"), ex("north"), 0, 0, 1)],
    ),
    (
        "delegation-gaps-by-unit",
        {},
        ("municipality", "unit", "tasks", "lackingMandate", "lackingResources", "lackingAlignment"),
        [
            (None, None, 1, 1, 1, 1),
            (ex("north"), ex("schoolA"), 1, 0, 0, 0),
            (ex("north"), ex("schoolB"), 1, 1, 1, 1),
            (ex("north"), ex("schoolC"), 1, 0, 0, 1),
            (ex("south"), ex("daycare"), 1, 0, 1, 0),
        ],
    ),
    (
        "delegation-gaps-by-unit",
        {"inMunicipality": "ex:south"},
        ("municipality", "unit", "tasks", "lackingMandate", "lackingResources", "lackingAlignment"),
        [(ex("south"), ex("daycare"), 1, 0, 1, 0)],
    ),
    (
        "room-connections",
        {},
        ("room", "unit", "member"),
        [
            (ex("lg1"), ex("schoolA"), ex("anna")),
            (ex("lg1"), ex("schoolB"), ex("bert")),
            (ex("lg1"), ex("schoolC"), ex("cecilia")),
            (ex("network1"), ex("schoolA"), ex("dina")),
            (ex("network1"), ex("schoolB"), ex("erik")),
        ],
    ),
    ("room-connections", {"onlyRoom": "ex:lg2"}, ("room", "unit", "member"), []),
    (
        "boundary-spanners",
        {},
        ("person", "units", "channels"),
        [
            (ex("anna"), 3, 1),
            (ex("bert"), 3, 2),
            (ex("cecilia"), 3, 1),
            (ex("dina"), 2, 2),
            (ex("erik"), 2, 2),
        ],
    ),
    (
        "boundary-spanners",
        {"minimumUnits": "3"},
        ("person", "units", "channels"),
        [(ex("anna"), 3, 1), (ex("bert"), 3, 2), (ex("cecilia"), 3, 1)],
    ),
    (
        "cross-boundary-paths",
        {},
        ("path", "medium", "from", "fromUnit", "to", "toUnit"),
        [
            (ex("path1"), "weekly meeting", ex("dina"), ex("schoolA"), ex("erik"), ex("schoolB")),
            (ex("path3"), None, ex("bert"), ex("schoolB"), ex("schoolC"), ex("schoolC")),
        ],
    ),
    (
        "inbetweeners",
        {},
        ("person", "role", "unit", "mandate", "task", "resource"),
        [
            (
                ex("dina"),
                dl("TeamCoordinator"),
                ex("schoolA"),
                ex("mandate1"),
                ex("task1"),
                ex("res1"),
            ),
            (ex("gustav"), dl("ICDPSupervisor"), ex("daycare"), ex("mandateG"), ex("task3"), None),
            (ex("hanna"), dl("FirstTeacher"), ex("schoolA"), None, None, None),
        ],
    ),
    (
        "inbetweeners",
        {"inUnit": "ex:daycare"},
        ("person", "role", "unit", "mandate", "task", "resource"),
        [(ex("gustav"), dl("ICDPSupervisor"), ex("daycare"), ex("mandateG"), ex("task3"), None)],
    ),
    (
        "acts-by-period",
        {"period1": "ex:spring", "period2": "ex:autumn"},
        ("kind", "acts1", "acts2", "ownInitiative1", "ownInitiative2", "change"),
        [
            (dl("Coordinating"), 0, 1, 0, 1, 1),
            (dl("Structuring"), 1, 0, 0, 0, -1),
            (dl("SupportingColleagues"), 0, 1, 0, 1, 1),
            (dl("TakingInitiative"), 2, 1, 2, 1, -1),
        ],
    ),
    (
        "municipality-comparison",
        {},
        (
            "municipality",
            "units",
            "delegatedTasks",
            "mandates",
            "learningGroups",
            "inbetweeners",
            "flaggedRisks",
        ),
        [(ex("north"), 4, 3, 2, 2, 2, 2), (ex("south"), 1, 1, 1, 0, 1, 1)],
    ),
    (
        "summary",
        {},
        (
            "municipalities",
            "units",
            "people",
            "roles",
            "acts",
            "ownInitiativeActs",
            "tasks",
            "delegations",
            "mandates",
            "rooms",
            "paths",
            "sources",
            "claims",
        ),
        [(2, 5, 8, 5, 6, 5, 6, 4, 3, 3, 3, 1, 1)],
    ),
    (
        "summary-by-graph",
        {},
        ("graph", "units", "people", "roles", "acts", "tasks", "mandates", "rooms"),
        [(DATA.resolve().as_uri(), 5, 8, 5, 6, 6, 3, 3)],
    ),
]


@pytest.mark.parametrize(
    ("name", "parameters", "variables", "rows"),
    CASES,
    ids=[f"{case[0]}{'-' + '-'.join(case[1]) if case[1] else ''}" for case in CASES],
)
def test_named_query_rows(
    graph: dlgraph.OrgGraph,
    name: str,
    parameters: dict[str, Any],
    variables: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    result = graph.run(name, **parameters)
    assert isinstance(result, SelectResult)
    assert result.variables == variables
    assert result.python_rows() == rows


def test_every_named_query_is_tested() -> None:
    assert {q.name for q in dlgraph.queries()} == {case[0] for case in CASES}


@pytest.mark.parametrize("query", dlgraph.queries(), ids=lambda q: q.name)
def test_headers_are_complete(query: NamedQuery) -> None:
    for language in LANGUAGES:
        assert query.title_in(language).strip()
        assert query.description_in(language).strip()
    assert query.kind == "SELECT"
    for parameter in query.parameters:
        assert parameter.description


@pytest.mark.parametrize("query", dlgraph.queries(), ids=lambda q: q.name)
def test_queries_use_only_declared_dlgraph_terms(query: NamedQuery) -> None:
    declared = {str(s) for s in dlgraph.ontology("merged").subjects()}
    used = {DL + local for local in re.findall(r"\bdl:([A-Za-z]\w*)", query.sparql)}
    assert used - declared == set()


def test_named_queries_need_no_reasoning_and_agree_after_it(graph: dlgraph.OrgGraph) -> None:
    reasoned = dlgraph.load(DATA)
    assert len(reasoned.reason("rdfs")) > 0
    for name, parameters, _, _ in CASES:
        first = graph.run(name, **parameters)
        second = reasoned.run(name, **parameters)
        assert isinstance(first, SelectResult) and isinstance(second, SelectResult)
        assert second.python_rows() == first.python_rows(), name


def test_unknown_query_and_parameter_name_close_matches(graph: dlgraph.OrgGraph) -> None:
    with pytest.raises(UnknownNameError) as caught:
        graph.run("inbetweener")
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("did you mean inbetweeners?")
    with pytest.raises(UnknownNameError) as caught:
        graph.run("inbetweeners", inunit="ex:daycare")
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("did you mean inUnit?")


def test_missing_required_and_badly_typed_parameters(graph: dlgraph.OrgGraph) -> None:
    with pytest.raises(QueryError, match="needs the parameter 'period2'"):
        graph.run("acts-by-period", period1="ex:spring")
    with pytest.raises(QueryError, match="type integer"):
        graph.run("boundary-spanners", minimumUnits="many")
    with pytest.raises(QueryError, match="type iri"):
        graph.run("inbetweeners", inUnit="not an iri")


def test_hostile_parameter_values_stay_values(graph: dlgraph.OrgGraph) -> None:
    hostile = EX + "daycare> } UNION { ?person ?role ?unit"
    with pytest.raises(QueryError, match="type iri"):
        graph.run("inbetweeners", inUnit=hostile)
    hostile_iri = URIRef(f"{EX}x> . ?s ?p ?o . <{EX}y")
    result = graph.run("inbetweeners", inUnit=hostile_iri)
    assert isinstance(result, SelectResult)
    assert result.rows == ()


def test_lookup_and_header_errors() -> None:
    assert named_query("summary").title_in("sv") == "Sammanställning i siffror"
    assert named_query("summary").title_in("fi") == "Summary counts"
    with pytest.raises(InputError, match="title must be given in en, sv, da"):
        parse_named_query("x", "#+ title:\n#+   en: T\nSELECT * WHERE { ?s ?p ?o }")
    header = "#+ title: {en: T, sv: T, da: T}\n#+ description: {en: D, sv: D, da: D}\n"
    with pytest.raises(InputError, match="not a variable"):
        parse_named_query(
            "x", header + "#+ parameters: [{name: who, type: iri}]\nSELECT * WHERE { ?s ?p ?o }"
        )
    with pytest.raises(InputError, match="unknown type"):
        parse_named_query(
            "x", header + "#+ parameters: [{name: s, type: colour}]\nSELECT * WHERE { ?s ?p ?o }"
        )
    parsed = parse_named_query("x", header + "ASK { ?s ?p ?o }")
    assert parsed.kind == "ASK" and parsed.parameters == ()


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_municipality_with_nothing_under_it_has_zero_counts(
    tmp_path: Path, engine: dlgraph.Engine
) -> None:
    data = tmp_path / "two.ttl"
    data.write_text(
        f"@prefix dl: <{dlgraph.DL}> .\n@prefix ex: <{EX}> .\n"
        "ex:empty a dl:Municipality .\n"
        "ex:busy a dl:Municipality .\nex:school a dl:SchoolUnit ; dl:inLineUnder ex:busy .\n"
        "ex:task a dl:DelegatedTask ; dl:concernsUnit ex:busy .\n",
        encoding="utf-8",
    )
    result = dlgraph.load(data, engine=engine).run("municipality-comparison")
    assert isinstance(result, SelectResult)
    assert result.python_rows() == [(ex("busy"), 1, 1, 0, 0, 0, 0), (ex("empty"), 0, 0, 0, 0, 0, 0)]
