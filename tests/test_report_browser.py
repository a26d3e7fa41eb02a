"""The HTML report as a person sees it: rendered by the machine's headless Chromium.

For every example the report is written, opened from disk with the network closed to it
(the page's Content-Security-Policy forbids fetching, and any request besides the file
itself fails the test), and checked: no console error or exception, every unit and
organisational room of the example drawn and visible, the summary counts right, clicks
working, a screenshot taken. A synthetic municipality of about three thousand nodes
checks that the page stays usable at that size.

Set DLGRAPH_UPDATE_SCREENSHOTS=1 to refresh docs/report-screenshot.png (the README's).
"""

from __future__ import annotations

import os
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.term import Node

import dlgraph
from browser import Browser, find_chromium
from conftest import EXAMPLES, ROOT
from dlgraph import findings_of, write_report
from synthetic_municipality import synthetic_municipality
from test_htmlreport import HOSTILE, hostile_graph

CHROMIUM = find_chromium()

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed: run `bash scripts/system-deps.sh` as root "
    "(Debian's chromium package) to run the report's browser tests",
)

READY = "window.dlgraphReport && window.dlgraphReport.ready"

UNITS_AND_ROOMS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dl: <https://w3id.org/dlgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?room WHERE {
  ?x a ?class .
  ?class rdfs:subClassOf* org:Organization .
  BIND(EXISTS { ?x a ?r . ?r rdfs:subClassOf* dl:OrganisationalRoom } AS ?room)
}
"""
"""The oracle: everything typed as an organisation (unit or room) by the ontology."""


def example_sources() -> list[Path]:
    """Each example: a top-level case file, or a folder holding one case."""
    found = [
        path
        for path in sorted(EXAMPLES.iterdir())
        if path.is_dir() or path.suffix in (".ttl", ".yaml", ".yml", ".trig", ".jsonld")
    ]
    assert found, f"no examples in {EXAMPLES}"
    return found


def units_and_rooms(graph: dlgraph.OrgGraph) -> tuple[set[str], set[str]]:
    union = graph.union()
    for schema in (dlgraph.ontology("merged"), dlgraph.vocabulary("http://www.w3.org/ns/org#")):
        for triple in schema:
            union.add(triple)
    units: set[str] = set()
    rooms: set[str] = set()
    for row in union.query(UNITS_AND_ROOMS):
        x: Node = row[0]  # type: ignore[index]
        (rooms if row[1].toPython() else units).add(str(x))  # type: ignore[index]
    return units, rooms


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM, width=1400, height=1000) as session:
        yield session


def open_report(browser: Browser, path: Path, timeout: float = 60.0) -> float:
    """Open a report and wait until its picture is drawn; the seconds it took."""
    started = time.monotonic()
    browser.log.console_errors.clear()
    browser.log.exceptions.clear()
    browser.log.requests.clear()
    browser.open(path, timeout=timeout)
    browser.wait_until(READY, timeout=timeout)
    return time.monotonic() - started


def assert_clean(browser: Browser, page: Path) -> None:
    assert browser.log.console_errors == []
    assert browser.log.exceptions == []
    assert browser.log.requests == [page.resolve().as_uri()], "the page fetched something"


def drawn(browser: Browser) -> dict[str, dict[str, object]]:
    """IRI -> kind and visibility of every node in the drawing library's model."""
    rows = browser.evaluate(
        "window.dlgraphReport.cy.nodes().map(n => "
        "[n.data('iri'), n.data('kind'), n.visible(), n.data('label')])"
    )
    return {
        iri: {"kind": kind, "visible": visible, "label": label}
        for iri, kind, visible, label in rows
        if iri
    }


@pytest.mark.parametrize("source", example_sources(), ids=lambda p: p.name)
def test_each_example_renders_with_every_unit_and_room(
    browser: Browser, source: Path, tmp_path: Path
) -> None:
    graph = dlgraph.load(source)
    validation = dlgraph.validate(graph, lang="en")
    page = write_report(tmp_path / "report.html", graph, findings=findings_of(validation))
    open_report(browser, page)
    assert_clean(browser, page)

    units, rooms = units_and_rooms(graph)
    nodes = drawn(browser)
    assert units, f"{source.name} has no unit"
    for iri in units:
        assert nodes.get(iri, {}).get("kind") == "unit", f"unit {iri} not drawn"
        assert nodes[iri]["visible"], f"unit {iri} hidden"
    for iri in rooms:
        assert nodes.get(iri, {}).get("kind") == "room", f"room {iri} not drawn"
        assert nodes[iri]["visible"], f"room {iri} hidden"
    counts = browser.evaluate(
        "Object.fromEntries([...document.querySelectorAll('[data-count]')]"
        ".map(e => [e.dataset.count, Number(e.querySelector('.n').textContent)]))"
    )
    assert counts["units"] == len(units)
    assert counts["rooms"] == len(rooms)
    assert counts["violations"] == len(validation.violations)
    assert counts["warnings"] == len(validation.warnings)
    findings_listed = browser.evaluate("document.querySelectorAll('li[data-finding]').length")
    assert findings_listed == len(validation.results)
    problems = browser.evaluate("window.dlgraphReport.cy.elements('.problem').length")
    assert (problems > 0) == (len(validation.results) > 0)

    shot = browser.screenshot(tmp_path / f"{source.name}.png")
    assert png_size(shot) == (1400, 1000)
    if source.name == "sweden-covid-2020" and os.environ.get("DLGRAPH_UPDATE_SCREENSHOTS") == "1":
        browser.evaluate("document.getElementById('picture').scrollIntoView()")
        browser.screenshot(ROOT / "docs" / "report-screenshot.png")


def test_a_finding_is_shown_in_the_picture_with_its_evidence(
    browser: Browser, tmp_path: Path
) -> None:
    graph = dlgraph.load(EXAMPLES / "denmark-icdp-incoherent")
    findings = findings_of(dlgraph.validate(graph, lang="sv"))
    page = write_report(tmp_path / "rapport.html", graph, lang="sv", findings=findings)
    open_report(browser, page)
    heading = browser.evaluate("document.querySelector('#findings h2').textContent")
    assert heading == "Valideringsresultat per regel"
    # the first finding about a delegation: its button selects the edge and fills the panel
    target = browser.evaluate(
        "(() => { const b = [...document.querySelectorAll('li[data-finding] button.goto')]"
        ".find(b => window.dlgraphReport.cy.getElementById(b.dataset.target).isEdge());"
        " b.click(); return b.dataset.target; })()"
    )
    selected = browser.evaluate("window.dlgraphReport.cy.$(':selected').map(e => e.id())")
    assert selected == [target]
    panel = browser.evaluate("document.getElementById('details').innerText")
    edge_findings = browser.evaluate(
        f"window.dlgraphReport.cy.getElementById('{target}').data('severity')"
    )
    assert edge_findings in ("violation", "warning")
    assert "mandat" in panel
    assert "skrivet i: " in panel and "denmark-icdp-incoherent.yaml:" in panel  # the place
    # the evidence in the findings list opens with one click
    opened = browser.evaluate(
        "(() => { const d = document.querySelector('#findings details.evidence');"
        " d.querySelector('summary').click();"
        " return [d.open, d.querySelector('blockquote').innerText]; })()"
    )
    assert opened[0] is True and opened[1]
    assert_clean(browser, page)


def test_markup_in_labels_is_shown_as_text_and_never_run(browser: Browser, tmp_path: Path) -> None:
    page = write_report(tmp_path / "hostile.html", dlgraph.load(hostile_graph()), findings=[])
    open_report(browser, page)
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.querySelector('h1').textContent") == HOSTILE
    # the details panel shows the label as text too
    browser.evaluate(
        "(() => { const cy = window.dlgraphReport.cy; cy.nodes('.room')[0].emit('tap'); })()"
    )
    assert browser.evaluate("document.querySelector('#details h3').textContent") == HOSTILE
    assert browser.evaluate("document.querySelectorAll('#details *').length") > 0
    assert (
        browser.evaluate("document.querySelectorAll('#details img, #details script').length") == 0
    )
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert_clean(browser, page)


def test_a_synthetic_municipality_of_thousands_of_nodes_stays_usable(
    browser: Browser, tmp_path: Path
) -> None:
    graph = dlgraph.load(synthetic_municipality())
    page = write_report(tmp_path / "big.html", graph)
    seconds = open_report(browser, page, timeout=120)
    assert_clean(browser, page)
    total = browser.evaluate("window.dlgraphReport.cy.nodes().length")
    assert total >= 2900
    kinds = browser.evaluate(
        "(() => { const c = {}; window.dlgraphReport.cy.nodes().forEach(n => {"
        " const k = n.data('kind') + (n.visible() ? ':shown' : ':hidden');"
        " c[k] = (c[k] || 0) + 1; });"
        " return c; })()"
    )
    # 170 units and 16 learning groups drawn; the 2721 people folded into their units
    assert kinds["unit:shown"] == 170 and "unit:hidden" not in kinds
    assert kinds["room:shown"] == 16
    assert kinds["person:hidden"] == 2721
    # the 40 networks between teachers of two schools are drawn between the schools
    assert browser.evaluate("window.dlgraphReport.cy.edges('.pathunit:visible').length") == 40
    status = browser.evaluate("document.getElementById('status').textContent")
    assert status.startswith("2721 people are folded into their units")

    # unfolding draws every person; the page answers right after
    started = time.monotonic()
    browser.evaluate("document.getElementById('show-people').click()", timeout=120)
    browser.wait_until("window.dlgraphReport.layouts === 2", timeout=120)
    unfolded = time.monotonic() - started
    assert browser.evaluate("window.dlgraphReport.cy.nodes('.person:visible').length") == 2721
    answered = time.monotonic()
    assert browser.evaluate("1 + 1") == 2
    assert time.monotonic() - answered < 5
    # choosing one unit shows its part of the organisation only
    browser.evaluate(
        "(() => { const s = document.getElementById('focus-unit');"
        " s.value = window.dlgraphReport.cy.nodes('.unit')"
        ".filter(n => n.data('label') === 'School 3-7')[0].id();"
        " s.dispatchEvent(new Event('change')); })()",
        timeout=60,
    )
    shown = browser.evaluate(
        "window.dlgraphReport.cy.nodes('.person:visible').map(n => n.data('label'))"
    )
    own = {"Principal 3-7", *(f"Teacher 3-7-{t}" for t in range(16))}
    assert own <= set(shown)
    # besides them only the other ends of their rooms, paths and delegations
    assert len(shown) < 40
    assert_clean(browser, page)
    browser.screenshot(tmp_path / "synthetic.png")
    print(
        f"synthetic municipality: {total} nodes, drawn in {seconds:.1f} s, "
        f"people in {unfolded:.1f} s"
    )


def test_docs_pages_open_without_errors_or_requests(browser: Browser, tmp_path: Path) -> None:
    from dlgraph.report.docs import write_docs

    for page in write_docs(tmp_path / "docs"):
        browser.log.requests.clear()
        browser.open(page)
        assert_clean(browser, page)
    browser.screenshot(tmp_path / "queries.png")


def test_the_oracle_sees_units_and_rooms() -> None:
    """The SPARQL oracle above tells units from rooms (a test of the test)."""
    graph = dlgraph.load(
        "@prefix dl: <https://w3id.org/dlgraph/ontology#> . @prefix x: <https://example.org/> ."
        " x:s a dl:Preschool . x:g a dl:LearningGroup ."
    )
    assert units_and_rooms(graph) == ({"https://example.org/s"}, {"https://example.org/g"})
    assert isinstance(graph.union(), Graph)


def test_a_graph_without_an_organisation_still_opens(browser: Browser, tmp_path: Path) -> None:
    page = write_report(
        tmp_path / "empty.html", dlgraph.load("<https://e.org/a> <https://e.org/p> 1 .")
    )
    open_report(browser, page)
    assert_clean(browser, page)
    assert browser.evaluate("window.dlgraphReport.cy.elements().length") == 0
    assert browser.evaluate("document.querySelector('#delegations .none').textContent") == (
        "The graph records no delegation."
    )
