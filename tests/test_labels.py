"""dlgraph.ontology.labels: one way to name a node, shared by the validation report and
the HTML report, with persons' names left out unless values may be shown."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

import dlgraph
from dlgraph.ontology.labels import LANGUAGES, Labels, compact_iri, pick_text
from dlgraph.ontology.namespaces import DL, FOAF
from dlgraph.report.html import findings_of, html_report
from dlgraph.report.view import report_view

X = "https://example.org/same/"

DATA = f"""
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix x: <{X}> .
x:unit a dl:Municipality ;
    rdfs:label "Municipality M"@en, "Kommun M"@sv, "Kommune M"@da .
x:bare a dl:Municipality .
x:pia a dl:Person ; foaf:name "Pia (pseudonym)" ; dl:isPseudonym true ; org:memberOf x:unit .
x:anna a dl:Person ; foaf:name "Anna Andersson" ; org:memberOf x:unit .
"""

SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix x: <{X}> .
x:EveryNodeIsTested a sh:NodeShape ;
    sh:targetNode x:unit, x:bare, x:pia, x:anna ;
    sh:property [ sh:path dl:neverGiven ; sh:minCount 1 ] .
x:MembersOfTeams a sh:NodeShape ;
    sh:targetNode x:pia, x:anna ;
    sh:property [ sh:path org:memberOf ; sh:class dl:Team ] .
"""

NODES = {
    "unit": {"en": "Municipality M", "sv": "Kommun M", "da": "Kommune M"},
    "bare": dict.fromkeys(LANGUAGES, "bare"),
    "pia": dict.fromkeys(LANGUAGES, "Pia (pseudonym)"),
    "anna": dict.fromkeys(LANGUAGES, "anna"),
}
"""What each node is called in each language when values may not be shown."""


@pytest.fixture(scope="module")
def shapes_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("shapes") / "same.ttl"
    path.write_text(SHAPES, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("show", [False, True], ids=["hidden", "shown"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_both_reports_name_a_node_alike(shapes_file: str, lang: str, show: bool) -> None:
    graph = Graph().parse(data=DATA, format="turtle")
    with dlgraph.show_values(show):
        report = dlgraph.validate(graph, lang=lang, extra_shapes=[shapes_file])
        findings = findings_of(report)
        view = report_view(graph, lang=lang, findings=findings)
        page = html_report(graph, lang=lang, findings=findings)
    pictured = {node.iri: node.label for node in view.nodes}
    for local, names in NODES.items():
        node = URIRef(X + local)
        expected = "Anna Andersson" if show and local == "anna" else names[lang]
        results = [r for r in report.results if r.focus_node == node]
        assert results, local
        # the validation report has a label where the node has one it may show ...
        hidden = local == "bare" or (local == "anna" and not show)
        for result in results:
            assert result.focus_label == (None if hidden else expected)
            assert (result.focus_label or compact_iri(node, short=True)) == expected
        # ... and the HTML report shows the same name on the picture and the findings
        assert pictured[str(node)] == expected
        assert {f.focus_label for f in findings if f.focus == node} == {expected}
        assert html.escape(expected, quote=False) in page
    # a value is named alike too: the unit the people are members of
    values = {r.value_label for r in report.results if r.value == URIRef(X + "unit")}
    assert values == {NODES["unit"][lang]}
    assert {f.value for f in findings if f.path == "org:memberOf"} == {NODES["unit"][lang]}
    assert ("Anna Andersson" in page) is show
    assert ("Anna Andersson" in report.to_text()) is show


def test_a_person_is_named_by_iri_unless_values_may_be_shown() -> None:
    graph = Graph()
    person = URIRef(X + "anna")
    graph.add((person, RDF.type, DL.Person))
    graph.add((person, FOAF.name, Literal("Anna Andersson")))
    labels = Labels([graph])
    assert labels.label(person) is None
    assert labels.get(person) == "anna"
    assert not labels.has_label(person)
    with dlgraph.show_values():
        assert labels.label(person) == "Anna Andersson"
    graph.add((person, DL.isPseudonym, Literal(True)))
    assert Labels([graph]).label(person) == "Anna Andersson"


def test_labels_choose_by_predicate_then_language() -> None:
    graph = Graph()
    node = URIRef(X + "n")
    graph.add((node, RDFS.label, Literal("b", lang="en-GB")))
    graph.add((node, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("a  z")))
    labels = Labels([graph])
    assert labels.label(node, "en") == "b"  # the region does not matter
    assert labels.label(node, "sv") == "b"  # English before untagged
    blank = BNode()
    graph.add((blank, RDF.type, DL.Mandate))
    assert labels.label(blank) == "[dl:Mandate]"
    assert Labels([Graph()]).label(BNode()) == "[blank node]"


def test_one_shortener_for_iris() -> None:
    assert compact_iri(DL.Team) == "dl:Team"
    assert compact_iri(URIRef("https://example.org/a b")) == "<https://example.org/a b>"
    assert compact_iri(URIRef("https://example.org/x/a"), {"ex": "https://example.org/x/"}) == (
        "ex:a"
    )
    assert compact_iri(URIRef("https://example.org/x/a#b"), short=True) == "b"
    assert compact_iri(URIRef("urn:isbn:123"), short=True) == "123"
    assert compact_iri(Literal("x")) == '"x"'


def test_texts_follow_the_language_order() -> None:
    values = [Literal("hej", lang="sv"), Literal("hi", lang="en"), Literal("hej", lang="da")]
    assert pick_text(values, "da") == "hej"
    assert pick_text(values, "fr") == "hi"
    assert pick_text([Literal("Hej", lang="sv")], "en") == "Hej"
    assert pick_text([], "en") is None


PEOPLE = f"""
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix x: <{X}> .
x:anna foaf:givenName "Anna" ; foaf:name "Anna Andersson" .
x:pia a dl:Person ; foaf:name "Pia (pseudonym)" ; dl:isPseudonym true .
"""

PEOPLE_SHAPE = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix x: <{X}> .
x:Tested a sh:NodeShape ; sh:targetNode x:anna, x:pia ;
    sh:property [ sh:path dl:neverGiven ; sh:minCount 1 ] .
"""


@pytest.mark.parametrize("engine", ["pyshacl", "oxigraph"])
def test_every_engine_names_people_alike(tmp_path: Path, engine: str) -> None:
    # Anna is a person by her given name alone; the Oxigraph path copies what says so
    data, shapes = tmp_path / "people.ttl", tmp_path / "shapes.ttl"
    data.write_text(PEOPLE, encoding="utf-8")
    shapes.write_text(PEOPLE_SHAPE, encoding="utf-8")
    for show, anna in ((False, None), (True, "Anna Andersson")):
        with dlgraph.show_values(show):
            report = dlgraph.validate(
                data,
                extra_shapes=[shapes],
                with_ontology=False,
                engine=engine,  # type: ignore[arg-type]
            )
        labels = {str(r.focus_node): r.focus_label for r in report.results}
        assert labels == {X + "anna": anna, X + "pia": "Pia (pseudonym)"}
