"""The case studies in examples/: they load, the coherent ones validate with no finding,
the incoherent variant gives exactly its expected findings, their quotes are verbatim
from the source texts, and every named query runs over each of them."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

import dlgraph
from conftest import EXAMPLES, ROOT
from dlgraph import DL
from dlgraph.authoring import load_case

SEEDS = ROOT.parent / "shared" / "seeds"
SWEDEN = EXAMPLES / "sweden-covid-2020" / "sweden-covid-2020.yaml"
DENMARK = EXAMPLES / "denmark-icdp" / "denmark-icdp.yaml"
INCOHERENT = EXAMPLES / "denmark-icdp-incoherent" / "denmark-icdp-incoherent.yaml"
CASES = {"patterns": EXAMPLES / "patterns.yaml", "sweden": SWEDEN, "denmark": DENMARK}
ALL_CASES = {**CASES, "denmark-incoherent": INCOHERENT}


@cache
def _graph(name: str) -> dlgraph.OrgGraph:
    return dlgraph.load(ALL_CASES[name])


def test_every_yaml_file_in_examples_is_a_listed_case() -> None:
    assert sorted(EXAMPLES.rglob("*.yaml")) == sorted(ALL_CASES.values())


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_example_loads(name: str) -> None:
    graph = load_case(ALL_CASES[name])
    assert len(graph) > 0
    assert len(_graph(name)) == len(graph)


def test_sweden_has_sixteen_learning_groups_each_led_by_a_process_learning_leader() -> None:
    graph = load_case(SWEDEN)
    groups = set(graph.subjects(RDF.type, DL.LearningGroup))
    assert len(groups) == 16
    for group in groups:
        (leader,) = graph.objects(group, DL.ledBy)
        assert (leader, DL.isPseudonym, Literal(True)) in graph


def test_every_person_in_the_examples_is_a_pseudonym() -> None:
    for name in ("sweden", "denmark", "denmark-incoherent"):
        graph = load_case(ALL_CASES[name])
        people = set(graph.subjects(RDF.type, DL.Person))
        assert people
        assert {p for p in people if (p, DL.isPseudonym, Literal(True)) not in graph} == set()


# --- validation ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["sweden", "denmark"])
def test_coherent_case_studies_validate_without_any_finding(name: str) -> None:
    report = dlgraph.validate(_graph(name))
    assert report.conforms
    assert [(r.rule, str(r.severity), str(r.focus_node)) for r in report.results] == []


def test_patterns_conform_with_one_warning_for_the_uncoordinated_delegation() -> None:
    # patterns.ttl shows the four patterns only: it records no channel between leader and
    # Pia, which rule 5 notes as a warning, not a violation.
    report = dlgraph.validate(_graph("patterns"))
    assert report.conforms
    assert [(r.rule, str(r.severity), str(r.focus_node)) for r in report.results] == [
        (5, "Warning", "https://example.org/patterns/delegation1")
    ]


def _expected_findings() -> list[tuple[str, ...]]:
    path = INCOHERENT.parent / "expected-findings.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.reader(lines, delimiter="\t"))
    assert rows[0] == ["rule", "severity", "focus", "shape", "path"]
    return sorted(tuple(row) for row in rows[1:])


def test_incoherent_variant_gives_exactly_the_expected_findings() -> None:
    base = "https://example.org/dlgraph/denmark-icdp-incoherent/"
    report = dlgraph.validate(_graph("denmark-incoherent"))
    found = sorted(
        (
            str(result.rule),
            str(result.severity),
            str(result.focus_node).removeprefix(base),
            str(result.source_shape).removeprefix("https://w3id.org/dlgraph/shapes#"),
            str(result.path),
        )
        for result in report.results
    )
    assert found == _expected_findings()
    assert not report.conforms


# --- evidence -----------------------------------------------------------------------


def _seed_lines(locator: str, lines: list[str]) -> str:
    match = re.match(r"lines? (\d+(?:-\d+)?(?:, \d+(?:-\d+)?)*)", locator)
    assert match, f"locator without line numbers: {locator}"
    chosen: list[str] = []
    for part in match.group(1).split(","):
        first, _, last = part.strip().partition("-")
        chosen += lines[int(first) - 1 : int(last or first)]
    return "\n".join(chosen)


def _squeezed(text: str) -> str:
    """Line-break hyphens removed, then all whitespace: words broken across lines join."""
    return re.sub(r"\s+", "", re.sub(r"(?<=\w)-[ \t]*\n", "", text))


QUOTED = [("sweden", SWEDEN, "sv"), ("denmark", DENMARK, "da"), ("incoherent", INCOHERENT, "da")]


@pytest.mark.parametrize(("name", "path", "language"), QUOTED, ids=[q[0] for q in QUOTED])
def test_quotes_are_verbatim_from_the_seed_text_at_their_locator(
    name: str, path: Path, language: str
) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the source texts are not at {SEEDS}")
    graph = load_case(path)
    quotes = list(graph.subjects(RDF.type, DL.Quote))
    assert quotes
    for quote in quotes:
        (source,) = graph.objects(quote, DL.quotedFrom)
        (identifier,) = graph.objects(source, URIRef("http://purl.org/dc/terms/identifier"))
        seed = SEEDS / Path(str(identifier)).name
        lines = seed.read_text(encoding="utf-8").split("\n")
        (text,) = graph.objects(quote, DL.quoteText)
        (locator,) = graph.objects(quote, DL.locator)
        assert isinstance(text, Literal) and text.language == language
        assert _squeezed(str(text)) in _squeezed(_seed_lines(str(locator), lines)), quote


@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_all_evidence_points_to_quotes(name: str) -> None:
    graph = load_case(ALL_CASES[name])
    quotes = set(graph.subjects(RDF.type, DL.Quote))
    cited = set(graph.objects(None, DL.evidence)) | set(graph.objects(None, DL.restsOn))
    assert cited <= quotes


# --- named queries ------------------------------------------------------------------

SE = "https://example.org/dlgraph/sweden-covid-2020/"
PARAMETERS = {
    "acts-by-period": {"period1": URIRef(SE + "spring-2020"), "period2": URIRef(SE + "autumn-2020")}
}


def _run(name: str, query_name: str) -> list[tuple[str, ...]]:
    query = dlgraph.named_query(query_name)
    result = _graph(name).query(query.sparql, query.bindings(PARAMETERS.get(query_name, {})))
    return sorted(
        tuple("" if value is None else str(value) for value in row)
        for row in result  # type: ignore[union-attr]
    )


@pytest.mark.parametrize("query_name", [q.name for q in dlgraph.queries()])
@pytest.mark.parametrize("name", sorted(ALL_CASES))
def test_every_named_query_runs_over_every_example(name: str, query_name: str) -> None:
    _run(name, query_name)


def test_own_initiative_acts_in_the_swedish_crisis() -> None:
    acts = {row[0].removeprefix(SE) for row in _run("sweden", "own-initiative-acts")}
    teachers = {f"a-teacher-0{n}" for n in range(1, 5)}
    assert acts == teachers | {"a-leadership-team-01", "a-health-01", "a-health-02"}


def test_the_danish_inbetweener_and_her_mandate() -> None:
    dk = "https://example.org/dlgraph/denmark-icdp/"
    rows = {
        (row[0].removeprefix(dk), row[1].removeprefix(str(DL)), row[3].removeprefix(dk))
        for row in _run("denmark", "inbetweeners")
    }
    assert rows == {
        ("supervisor", "ICDPSupervisor", "m-icdp"),
        ("supervisor", "ImplementationCoordinator", "m-icdp"),
    }


def test_the_incoherent_variant_has_a_delegation_gap() -> None:
    dki = "https://example.org/dlgraph/denmark-icdp-incoherent/"
    tasks = {row[0].removeprefix(dki) for row in _run("denmark-incoherent", "delegation-gaps")}
    assert tasks == {"icdp-implementation", "course-hours-report"}
    assert _run("denmark", "delegation-gaps") == []
