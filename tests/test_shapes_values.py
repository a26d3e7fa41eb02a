"""Rules 13 (datatypes) and 14 (references described): what their findings say.

The findings themselves are checked by the test graphs of tests/data/shapes/rule13 and
rule14 (test_shapes.py); here: the datatype rule covers every typed range the ontology
declares, its message names the property and the type without the value, and the
reference rule speaks the researcher's words in every language.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

import dlgraph
from conftest import TEST_DATA
from dlgraph import DLSH
from dlgraph.ontology import namespaces as ns
from dlgraph.ontology.namespaces import RDFS, SH
from dlgraph.validate.api import shapes_graph

DATA = TEST_DATA / "shapes"
XSD = str(ns.XSD)
"""Every range in this namespace but xsd:string is a type rule 13 checks."""


def test_every_typed_range_of_the_ontology_is_checked() -> None:
    ontology = dlgraph.ontology("merged")
    typed = {
        p
        for p, r in ontology.subject_objects(RDFS.range)
        if isinstance(r, URIRef) and str(r).startswith(XSD) and r != URIRef(XSD + "string")
    }
    assert typed, "the ontology declares typed ranges (dl:onOwnInitiative ...)"
    targets = set(shapes_graph().objects(DLSH.ValueHasDeclaredDatatype, SH.targetSubjectsOf))
    assert typed <= targets
    select = str(
        shapes_graph().value(
            shapes_graph().value(DLSH.ValueHasDeclaredDatatype, SH.sparql), SH.select
        )
    )
    for prop in targets:
        prefixed = ontology.namespace_manager.normalizeUri(prop)
        assert prefixed in select, f"{prefixed} has no type in the query"


def _results(name: str, lang: str = "en") -> list[dlgraph.ValidationResult]:
    graph = Graph().parse(DATA / f"{name}.ttl")
    return list(dlgraph.validate(graph, lang=lang).results)


def test_datatype_message_names_property_and_type_but_not_the_value() -> None:
    results = [r for r in _results("rule13/fails-wrong-types") if r.rule == 13]
    by_focus = {(str(r.focus_node).rsplit("/", 1)[-1], r.path): r for r in results}
    string = by_focus[("act1", "prov:startedAtTime")]
    assert string.message.startswith(
        "This value of prov:startedAtTime is not a valid xsd:dateTime or xsd:date "
        "(it is written as xsd:string)"
    )
    assert "2020-01-10" not in string.message
    assert str(string.value) == "2020-01-10"
    tagged = by_focus[("act2", "dl:onOwnInitiative")]
    assert "not a valid xsd:boolean (it is written as language-tagged string)" in tagged.message
    report = dlgraph.validate(Graph().parse(DATA / "rule13/fails-wrong-types.ttl"))
    assert "10/01/2020" not in report.to_text()
    with dlgraph.show_values():
        assert "10/01/2020" in report.to_text()


def test_unreadable_act_times_are_not_compared_by_rule_7() -> None:
    results = _results("rule13/fails-act-time-unreadable")
    assert {r.rule for r in results} == {13}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "'ben' is used as the delegatee of d-12 but never described"),
        ("sv", "'ben' används som mottagare i d-12 men beskrivs aldrig"),
        ("da", "'ben' bruges som modtager i d-12, men beskrives aldrig"),
    ],
)
def test_reference_message_in_the_researchers_words(lang: str, words: str) -> None:
    results = [r for r in _results("rule14/fails-undescribed", lang) if r.rule == 14]
    messages = [r.message for r in results]
    assert any(m.startswith(words) for m in messages), messages


def test_reference_through_an_inverse_names_the_forward_role() -> None:
    results = [r for r in _results("rule14/fails-undescribed") if r.rule == 14]
    actor = next(r for r in results if r.path == "dl:actor")
    assert actor.value == URIRef("https://example.org/test/ghost")
    assert actor.message.startswith("'ghost' is used as the actor of act1 but never described")
