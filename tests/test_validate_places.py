"""Findings on a case written in YAML, CSV or XLSX name where the researcher wrote them
(file, line or row, and the key), beside the RDF terms, in text, JSON and HTML."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from markupsafe import escape
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import dlgraph
from conftest import ROOT, TEST_DATA
from dlgraph.authoring import load_case
from dlgraph.cli import app
from dlgraph.ontology.namespaces import DL, PROV, SH
from dlgraph.places import SourcePlace, SourcePlaces, WrittenNode
from dlgraph.report.ui_text import place_text
from dlgraph.validate.api import shapes_graph
from dlgraph.validate.report import path_steps

PLACED = TEST_DATA / "placed"
YAML_CASE = PLACED / "case.yaml"
CSV_CASE = PLACED / "tables" / "case.yaml"
runner = CliRunner()

# shape -> where the finding on it was written (lines of tests/data/placed/case.yaml)
YAML_PLACES = {
    "MandateSetsFrames": f"{YAML_CASE}:42 (mandates[1]: add 'frames')",
    "MandateNamesResources": f"{YAML_CASE}:42 (mandates[1]: add 'resources')",
    "ActNotBeforeMandate": f"{YAML_CASE}:59 (acts[1].time)",
    "LearningGroupCrossesUnits": f"{YAML_CASE}:23 (rooms[1])",
    "InbetweenerHasMandate": f"{YAML_CASE}:35 (memberships[5]: add 'mandate')",
}
TABLES = CSV_CASE.parent
CSV_PLACES_SV = {
    "MandateSetsFrames": f"{TABLES / 'mandates.csv'}:2 (mandates rad 1: lägg till 'frames')",
    "MandateNamesResources": (
        f"{TABLES / 'mandates.csv'}:2 (mandates rad 1: lägg till 'resources')"
    ),
    "ActNotBeforeMandate": f"{TABLES / 'acts.csv'}:2 (acts rad 1, kolumn 'time')",
    "LearningGroupCrossesUnits": f"{CSV_CASE}:23 (rooms[1])",
    "InbetweenerHasMandate": (
        f"{TABLES / 'memberships.csv'}:6 (memberships rad 5: lägg till 'mandate')"
    ),
}


def _shape(result: dlgraph.ValidationResult) -> str:
    return str(result.source_shape).rsplit("#", 1)[-1]


@pytest.fixture(scope="module")
def yaml_graph() -> dlgraph.OrgGraph:
    return dlgraph.load(YAML_CASE)


@pytest.fixture(scope="module")
def yaml_report(yaml_graph: dlgraph.OrgGraph) -> dlgraph.ValidationReport:
    return dlgraph.validate(yaml_graph)


@pytest.fixture(scope="module")
def csv_report_sv() -> dlgraph.ValidationReport:
    return dlgraph.validate(str(CSV_CASE), lang="sv")


def test_each_finding_of_a_yaml_case_names_its_file_line_and_key(
    yaml_report: dlgraph.ValidationReport,
) -> None:
    placed = {_shape(r): r.place.text() for r in yaml_report if r.place is not None}
    assert placed == YAML_PLACES
    (act,) = (r for r in yaml_report if _shape(r) == "ActNotBeforeMandate")
    assert act.place == SourcePlace(str(YAML_CASE), 59, "acts[1]", "time", section="acts")
    assert act.path == "prov:startedAtTime"  # the RDF term stays beside it


def test_the_text_report_shows_the_place_under_the_headline(
    yaml_report: dlgraph.ValidationReport,
) -> None:
    lines = yaml_report.to_text().splitlines()
    at = lines.index("  pl:act-1")
    assert lines[at + 1 : at + 5] == [
        "    Violation: This act took place before the mandate it was performed under "
        "became valid.",
        f"      written at: {YAML_CASE}:59 (acts[1].time)",
        "      Check the act's time (prov:startedAtTime) and the mandate's validity "
        "(dl:validDuring), or whether the act belongs under another mandate.",
        "      check: an act under a mandate does not precede the mandate "
        "(dlsh:ActNotBeforeMandate)",
    ]


def test_a_row_without_an_id_is_named_by_its_file_and_line(
    yaml_report: dlgraph.ValidationReport,
) -> None:
    (membership,) = (r for r in yaml_report if _shape(r) == "InbetweenerHasMandate")
    assert isinstance(membership.focus_node, BNode)
    lines = yaml_report.to_text().splitlines()
    assert f"  memberships[5] ({YAML_CASE}:35)" in lines
    assert not any("blank node" in line or "[org:" in line for line in lines)


def test_the_json_report_holds_the_place_and_the_headline(
    yaml_report: dlgraph.ValidationReport,
) -> None:
    results = json.loads(yaml_report.to_json())["results"]
    (act,) = (r for r in results if r["source_shape"]["value"].endswith("ActNotBeforeMandate"))
    assert act["place"] == {
        "file": str(YAML_CASE),
        "line": 59,
        "row": None,
        "cell": None,
        "section": "acts",
        "item": "acts[1]",
        "key": "time",
        "given": True,
        "text": f"{YAML_CASE}:59 (acts[1].time)",
    }
    assert act["headline"] == (
        "This act took place before the mandate it was performed under became valid."
    )
    assert act["path"] == "prov:startedAtTime"
    (frames,) = (r for r in results if r["source_shape"]["value"].endswith("MandateSetsFrames"))
    assert (frames["place"]["key"], frames["place"]["given"]) == ("frames", False)


def test_each_finding_of_a_csv_case_names_its_file_row_and_column_in_swedish(
    csv_report_sv: dlgraph.ValidationReport,
) -> None:
    placed = {_shape(r): place_text(r.place, "sv") for r in csv_report_sv if r.place is not None}
    assert placed == CSV_PLACES_SV
    text = csv_report_sv.to_text()
    assert f"      skrivet i: {TABLES / 'acts.csv'}:2 (acts rad 1, kolumn 'time')" in text
    assert f"  memberships rad 5 ({TABLES / 'memberships.csv'}:6)" in text
    assert "    Överträdelse: Handlingen ägde rum innan mandatet den utfördes inom hade " in text
    (act,) = (
        r for r in json.loads(csv_report_sv.to_json())["results"] if r["place"]["key"] == "time"
    )
    assert (act["place"]["file"], act["place"]["row"], act["place"]["line"]) == (
        str(TABLES / "acts.csv"),
        1,
        2,
    )
    assert act["place"]["text"] == CSV_PLACES_SV["ActNotBeforeMandate"]


def test_the_html_report_shows_the_places(
    yaml_graph: dlgraph.OrgGraph, yaml_report: dlgraph.ValidationReport
) -> None:
    page = dlgraph.html_report(yaml_graph, findings=dlgraph.findings_of(yaml_report))
    for place in YAML_PLACES.values():
        assert f"<code>{escape(place)}</code>" in page
    assert "This act took place before the mandate it was performed under became valid." in page
    assert "prov:startedAtTime" in page


def test_the_cli_names_the_places_in_text_json_and_html(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(YAML_CASE), "--lang", "da"])
    assert result.exit_code == 1
    assert f"      skrevet i: {YAML_CASE}:42 (mandates[1]: tilføj 'frames')" in result.stdout
    result = runner.invoke(app, ["validate", str(CSV_CASE), "-f", "json"])
    places = {r["place"]["text"] for r in json.loads(result.stdout)["results"]}
    assert f"{TABLES / 'acts.csv'}:2 (acts row 1, column 'time')" in places
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(CSV_CASE), "-o", str(target), "--lang", "sv"])
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    for place in CSV_PLACES_SV.values():
        assert f"<code>{escape(place)}</code>" in page


def test_a_workbook_row_is_named_by_sheet_row_and_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Acts"
    for row in (CSV_CASE.parent / "acts.csv").read_text(encoding="utf-8").splitlines():
        sheet.append(row.split(","))
    book.save(tmp_path / "acts.xlsx")
    for name in ("memberships.csv", "mandates.csv"):
        (tmp_path / name).write_bytes((TABLES / name).read_bytes())
    case = tmp_path / "case.yaml"
    case.write_text(
        CSV_CASE.read_text(encoding="utf-8").replace("acts: acts.csv", "acts: acts.xlsx#Acts"),
        encoding="utf-8",
    )
    report = dlgraph.validate(dlgraph.load(case), shape_sets=["time"])
    (act,) = report.results
    assert act.place is not None
    assert (
        act.place.text() == f"{tmp_path / 'acts.xlsx'}#Acts:2 (acts row 1, column 'time', cell E2)"
    )


def test_the_places_stay_beside_the_graph(yaml_graph: dlgraph.OrgGraph) -> None:
    assert isomorphic(yaml_graph.union(), load_case(YAML_CASE))
    union = yaml_graph.union()
    case = URIRef("https://example.org/dlgraph/placed/")  # the case's own title
    written = {node for node in union.subjects() if node != case}
    assert len(written) == 20  # its items, and the instants and intervals of its dates
    assert set(yaml_graph.places) == written
    copy = yaml_graph.to_backend("oxigraph")
    assert copy.places == yaml_graph.places
    act = URIRef("https://example.org/dlgraph/placed/act-1")
    assert str(copy.places.place(act, [(PROV.startedAtTime, False)])) == (
        f"{YAML_CASE}:59 (acts[1].time)"
    )
    both = dlgraph.load(YAML_CASE, CSV_CASE)
    # the nine ids the two cases share keep their first place; blank nodes stay apart
    assert len(both.places) == 2 * 20 - 9
    assert both.places.place(act) == yaml_graph.places.place(act)


def test_every_node_of_a_csv_case_is_placed_and_dates_at_their_key() -> None:
    graph = dlgraph.load(CSV_CASE)
    union = graph.union()
    case = URIRef("https://example.org/dlgraph/placed/")
    assert {node for node in union.subjects() if node != case} == set(graph.places)
    mandate = URIRef("https://example.org/dlgraph/placed/mandate-1")
    interval = union.value(mandate, DL.validDuring)
    assert isinstance(interval, BNode)
    assert str(graph.places.place(interval)) == (
        f"{TABLES / 'mandates.csv'}:2 (mandates row 1, column 'valid_during')"
    )


def test_rdf_sources_have_no_places() -> None:
    report = dlgraph.validate(TEST_DATA / "shapes" / "rule1" / "fails-no-mandate.ttl")
    assert report.results and all(r.place is None for r in report)


def test_the_place_of_a_path_is_the_first_key_given_else_the_item() -> None:
    node = URIRef("urn:x:m")
    item = SourcePlace("c.yaml", 3, "mandates[1]", section="mandates")
    written = WrittenNode(
        item,
        keys={(DL.frames, False): "frames", (DL.externalConstraint, False): "external_constraints"},
        values={(DL.externalConstraint, False): SourcePlace("c.yaml", 5, "mandates[1]", "x")},
    )
    places = SourcePlaces({node: written})
    frames = [(DL.frames, False), (DL.externalConstraint, False)]
    assert places.place(node, frames) == written.values[(DL.externalConstraint, False)]
    assert str(places.place(node, frames[:1])) == "c.yaml:3 (mandates[1]: add 'frames')"
    assert places.place(node, [(DL.grantedBy, False)]) == item
    assert places.place(URIRef("urn:x:other")) is None


def test_path_steps_read_alternatives_inverses_and_sequences() -> None:
    graph = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix dl: <https://w3id.org/dlgraph/ontology#> .
        <urn:alt> sh:path [ sh:alternativePath ( dl:hasMandate [ sh:inversePath dl:forTask ] ) ] .
        <urn:seq> sh:path ( dl:validDuring dl:start ) .
        """,
        format="turtle",
    )
    alternative = graph.value(URIRef("urn:alt"), SH.path)
    sequence = graph.value(URIRef("urn:seq"), SH.path)
    assert path_steps(graph, alternative) == ((DL.hasMandate, False), (DL.forTask, True))
    assert path_steps(graph, sequence) == ((DL.validDuring, False),)
    assert path_steps(graph, DL.frames) == ((DL.frames, False),)
    assert path_steps(graph, None) == ()


@pytest.mark.parametrize("lang", ["en", "sv", "da"])
def test_every_shape_message_starts_with_what_is_wrong(lang: str) -> None:
    shapes = shapes_graph()
    messages = [m for m in shapes.objects(None, SH.message) if getattr(m, "language", None) == lang]
    assert messages
    for message in messages:
        result = dlgraph.ValidationResult(
            focus_node=URIRef("urn:x"),
            path=None,
            value=None,
            severity=dlgraph.Severity.VIOLATION,
            source_shape=URIRef("urn:shape"),
            constraint_component=None,
            message=str(message),
            rule=None,
        )
        assert result.headline and result.advice, message
        assert f"{result.headline} {result.advice}" == str(message).strip()
        assert result.headline[-1] in ".?!", result.headline


def test_the_readme_shows_a_placed_finding_as_validate_prints_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ dlgraph validate examples/denmark-icdp-incoherent/", 1)[1]
    block = shown.split("```", 1)[0].splitlines()[2:]
    report = dlgraph.validate("examples/denmark-icdp-incoherent/denmark-icdp-incoherent.yaml")
    lines = report.to_text().splitlines()
    start = lines.index(block[0])
    assert lines[start : start + len(block)] == block
    case = "examples/denmark-icdp-incoherent/denmark-icdp-incoherent.yaml"
    assert {(_shape(r), str(r.place)) for r in report} == {
        ("DelegatedTaskHasMandate", f"{case}:113 (tasks[1])"),
        ("DelegatedTaskAligned", f"{case}:118 (tasks[2]: add 'aligned_with')"),
        ("DelegationShareChannel", f"{case}:142 (delegations[1].delegatee)"),
        ("DelegationShareChannel", f"{case}:146 (delegations[2].delegatee)"),
        ("InbetweenerHasMandate", f"{case}:104 (memberships[2]: add 'mandate')"),
    }
