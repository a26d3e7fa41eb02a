"""The HTML report's "How distributed?" section: each unit's measures, in its language."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.namespace import ORG

import dlgraph
from dlgraph.ontology.namespaces import DL

DENMARK = Path(__file__).resolve().parent.parent / "examples" / "denmark-icdp"


def _section(page: str) -> str:
    start = page.index('<section id="distribution">')
    return page[start : page.index("</section>", start)]


def test_the_units_trust_measures_and_central_members_are_shown() -> None:
    section = _section(dlgraph.html_report(dlgraph.load(DENMARK)))
    assert "How distributed?" in section and "trust network" in section
    row = next(r for r in section.split("<tr>") if "Day-care institution Engen" in r)
    assert "<td>2</td><td>2</td><td>1.00</td><td>1.00</td><td>0.00</td>" in row
    assert "Leader Lone (pseudonym)" in row


def test_the_section_is_in_the_report_s_language() -> None:
    section = _section(dlgraph.html_report(dlgraph.load(DENMARK), lang="sv"))
    assert "Hur distribuerat?" in section and "täthet" in section


def test_a_graph_without_ties_says_so() -> None:
    ex = Namespace("https://example.org/r/")
    graph = Graph()
    graph.add((ex.u, RDF.type, ORG.OrganizationalUnit))
    for person in (ex.a, ex.b):
        graph.add((person, RDF.type, DL.Person))
        graph.add((person, ORG.memberOf, ex.u))
    section = _section(dlgraph.html_report(graph))
    assert "no advice or trust ties" in section and "<table" not in section
