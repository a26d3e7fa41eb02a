"""dlgraph.validate: options, inputs, the ontology, and the report's serialisations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

import dlgraph
from conftest import TEST_DATA
from dlgraph import DL, DLSH, ParseError, Severity, UnknownNameError
from dlgraph.ontology.labels import Labels, compact_iri
from dlgraph.ontology.namespaces import RDF, SH
from dlgraph.validate.api import shapes_graph

DATA = TEST_DATA / "shapes"
EX = "https://example.org/test/"


def keys(report: dlgraph.ValidationReport) -> list[tuple[str, str | None, str, str]]:
    return sorted(
        (str(r.focus_node), r.path, r.severity.value, compact_iri(r.source_shape))
        for r in report.results
    )


def graph_of(name: str) -> Graph:
    return Graph().parse(DATA / f"{name}.ttl")


def test_shape_sets_are_the_eleven_concerns() -> None:
    assert dlgraph.shape_sets() == (
        "alignment",
        "coordination",
        "datatypes",
        "delegation",
        "evidence",
        "line-organisation",
        "mandates",
        "references",
        "roles",
        "rooms",
        "time",
    )


@pytest.mark.parametrize("lang", ["en", "sv", "da"])
def test_messages_and_labels_in_the_chosen_language(lang: str) -> None:
    report = dlgraph.validate(graph_of("rule1/fails-no-mandate"), lang=lang)
    (result,) = report.results
    shapes = shapes_graph()
    wanted = {
        str(m)
        for m in shapes.objects(DLSH.DelegatedTaskHasMandate, SH.message)
        if m.language == lang
    }
    assert {result.message} == wanted
    assert result.shape_label == Labels([shapes]).label(DLSH.DelegatedTaskHasMandate, lang)
    assert result.focus_label == "organising distance teaching"  # only an @en label: fallback
    risk = {"en": "uncoordinated leadership", "sv": "okoordinerat ledarskap"}
    assert result.risk_labels == (risk.get(lang, "ukoordinerede ledelsesindsatser"),)


def test_sparql_messages_keep_their_language() -> None:
    # pySHACL drops the tag of SHACL-SPARQL messages; the report recovers it.
    report = dlgraph.validate(graph_of("rule3/fails-no-authority"), lang="da")
    (result,) = report.results
    assert result.message.startswith("Den, der gav mandatet, har ingen myndighed")


def test_result_fields() -> None:
    report = dlgraph.validate(graph_of("rule3/fails-no-authority"))
    (result,) = report.results
    assert result.focus_node == URIRef(EX + "mandate")
    assert result.path == "dl:grantedBy"
    assert result.value == URIRef(EX + "anna")
    assert result.value_label is None  # a person's name, left out unless asked
    with dlgraph.show_values():
        (shown,) = dlgraph.validate(graph_of("rule3/fails-no-authority")).results
    assert shown.value_label == "Anna"
    assert result.severity is Severity.VIOLATION
    assert result.source_shape == DLSH.GrantorHoldsAuthority
    assert result.constraint_component == SH.SPARQLConstraintComponent
    assert result.rule == 3
    assert result.risks == (DL.UncoordinatedLeadership,)
    assert not report.conforms
    assert report.violations == (result,)


def test_warnings_do_not_break_conformance() -> None:
    report = dlgraph.validate(graph_of("rule4/fails-not-aligned"))
    assert [r.severity for r in report.results] == [Severity.WARNING]
    assert report.conforms
    assert not report.shacl_conforms


@pytest.mark.parametrize(
    ("option", "value"),
    [("lang", "de"), ("reason", "hermit"), ("shape_sets", ["mandate"])],
)
def test_unknown_option_values(option: str, value: object) -> None:
    with pytest.raises(UnknownNameError) as caught:
        dlgraph.validate(Graph(), **{option: value})  # type: ignore[arg-type]
    assert caught.value.exit_code == 2
    assert caught.value.hint and "use one of" in caught.value.hint


def test_shape_sets_limit_the_check() -> None:
    graph = graph_of("rule2/fails-empty-untyped")
    # 14: the mandate is referred to but described nowhere (new with rule 14).
    assert {r.rule for r in dlgraph.validate(graph).results} == {1, 2, 3, 14}
    only = dlgraph.validate(graph, shape_sets=["mandates"])
    assert {r.rule for r in only.results} == {2, 3}
    assert dlgraph.validate(graph, shape_sets=["time", "evidence"]).results == ()


EXTRA_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix my: <https://example.org/my-shapes#> .
my:ClassesHaveComments a sh:NodeShape ;
    sh:targetClass owl:Class ;
    sh:property [ sh:path rdfs:comment ; sh:minCount 1 ; sh:severity sh:Info ;
                  sh:message "Explain the class."@en ] .
"""


def test_extra_shapes_and_no_findings_about_the_ontology(tmp_path: Path) -> None:
    # The extra shape would flag most of the ontology's classes (they have definitions,
    # not comments); only the data's own class is reported.
    data = Graph()
    data.add((URIRef(EX + "MyUnit"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    extra = tmp_path / "extra.ttl"
    extra.write_text(EXTRA_SHAPES, encoding="utf-8")
    for source in (extra, Graph().parse(data=EXTRA_SHAPES, format="turtle")):
        report = dlgraph.validate(data, extra_shapes=[source])
        assert [(str(r.focus_node), r.severity, r.rule, r.message) for r in report.results] == [
            (EX + "MyUnit", Severity.INFO, None, "Explain the class.")
        ]
        assert report.conforms


def test_ontology_terms_described_further_by_the_data_are_reported() -> None:
    data = Graph()
    data.add((DL.Team, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"), URIRef(EX)))
    report = dlgraph.validate(
        data, extra_shapes=[Graph().parse(data=EXTRA_SHAPES, format="turtle")]
    )
    assert [r.focus_node for r in report.results] == [DL.Team]


def test_bad_extra_shapes_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n")
    with pytest.raises(ParseError) as caught:
        dlgraph.validate(Graph(), extra_shapes=[bad])
    assert "bad.ttl" in str(caught.value)
    assert caught.value.exit_code == 2


def test_validation_uses_the_ontology() -> None:
    # dl:CompulsorySchool is an org:OrganizationalUnit only through the ontology.
    graph = graph_of("rule11/fails-outside-line")
    assert len(dlgraph.validate(graph).results) == 2
    assert dlgraph.validate(graph, with_ontology=False).results == ()


QUOTE_TYPED_BY_DOMAIN = """
@prefix dl: <https://w3id.org/dlgraph/ontology#> .
@prefix ex: <https://example.org/test/> .
ex:article a dl:Publication .
ex:claim a dl:Claim ; dl:restsOn ex:quote .
ex:quote dl:quoteText "Vi tog ansvar."@sv ; dl:quotedFrom ex:article .
"""


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (None, [(EX + "quote", None, "Violation", "dlsh:EvidenceIsQuote")]),
        ("none", [(EX + "quote", None, "Violation", "dlsh:EvidenceIsQuote")]),
        ("rdfs", []),
        ("owlrl", []),
        ("rl", []),
    ],
)
def test_reasoning_first(reason: str | None, expected: list[tuple[str, ...]]) -> None:
    # The quote is a dl:Quote only by the domain of dl:quoteText.
    graph = Graph().parse(data=QUOTE_TYPED_BY_DOMAIN, format="turtle")
    report = dlgraph.validate(graph, reason=reason)  # type: ignore[arg-type]
    assert keys(report) == expected


def test_inputs_graph_dataset_orggraph_path() -> None:
    path = DATA / "rule3" / "fails-no-authority.ttl"
    graph = Graph().parse(path)
    dataset = Dataset()
    for i, triple in enumerate(sorted(graph)):
        dataset.graph(URIRef(f"urn:part:{i % 3}")).add(triple)
    wanted = keys(dlgraph.validate(graph))
    assert wanted == [(EX + "mandate", "dl:grantedBy", "Violation", "dlsh:GrantorHoldsAuthority")]
    assert keys(dlgraph.validate(dataset)) == wanted
    assert keys(dlgraph.validate(dlgraph.load(path))) == wanted
    assert keys(dlgraph.validate(path)) == wanted
    assert keys(dlgraph.validate(str(path))) == wanted


def test_the_data_is_not_changed() -> None:
    graph = graph_of("rule3/fails-no-authority")
    before = set(graph)
    dlgraph.validate(graph, reason="owlrl")
    assert set(graph) == before


def test_text_report() -> None:
    report = dlgraph.validate(graph_of("rule3/fails-no-authority"))
    assert report.to_text() == (
        "Rule 3 (risk: uncoordinated leadership)\n"
        "  ex:mandate\n"
        "    Violation: The grantor of this mandate holds no authority over its task: they are "
        "not the formal leader of the unit the task concerns or of a unit above it in the "
        "line, and they hold no mandate for the task or a task it is part of.\n"
        "      You cannot hand on what you were not given. Record the grantor's formal "
        "leadership (dl:formalLeaderOf), the unit the task concerns (dl:concernsUnit), or the "
        "mandate the grantor was given.\n"
        "      check: the grantor holds authority over the task (dlsh:GrantorHoldsAuthority)\n"
        "      property: dl:grantedBy\n"
        "      value: ex:anna\n"
        "\n"
        "Summary: 1 violation, 0 warnings and 0 info in 1 node. "
        "Does not conform: at least one violation.\n"
    )


def test_text_report_groups_by_rule_then_node() -> None:
    report = dlgraph.validate(graph_of("rule2/fails-empty-untyped"), lang="da")
    lines = report.to_text().splitlines()
    headers = [line for line in lines if line and not line.startswith(" ")]
    assert headers == [
        "Regel 1 (risiko: ukoordinerede ledelsesindsatser)",
        "Regel 2 (risiko: ukoordinerede ledelsesindsatser)",
        "Regel 3 (risiko: ukoordinerede ledelsesindsatser)",
        "Regel 14",
        "Opsummering: 8 overtrædelser, 1 advarsel og 0 info i 3 knuder. "
        "Overholder ikke reglerne: mindst én overtrædelse.",
    ]
    assert "  organising distance teaching (ex:task)" in lines


def test_conforming_text_report() -> None:
    report = dlgraph.validate(graph_of("rule1/conforms-mandate"), lang="sv")
    assert report.to_text() == (
        "Sammanfattning: 0 överträdelser, 0 varningar och 0 info i 0 noder. "
        "Uppfyller reglerna: ingen överträdelse.\n"
    )


def test_json_report() -> None:
    report = dlgraph.validate(graph_of("rule12/fails-broken-chain"))
    data = json.loads(report.to_json())
    assert data["conforms"] is False
    assert data["summary"] == {"violations": 5, "warnings": 0, "infos": 0}
    literal = [r for r in data["results"] if r["focus_node"]["type"] == "literal"]
    assert literal == [
        {
            "rule": 12,
            "severity": "Violation",
            "focus_node": {"type": "literal", "value": None, "redacted": True, "length": 5},
            "focus_label": None,
            "path": None,
            "value": {"type": "literal", "value": None, "redacted": True, "length": 5},
            "value_label": None,
            "source_shape": {"type": "uri", "value": str(DLSH.EvidenceIsQuote)},
            "constraint_component": str(SH.ClassConstraintComponent),
            "headline": literal[0]["headline"],
            "message": literal[0]["message"],
            "place": None,
            "risks": [],
            "risk_labels": [],
        }
    ]
    assert literal[0]["message"].startswith("This evidence is not a quote described")
    assert literal[0]["headline"] == (
        "This evidence is not a quote described in the graph: dl:evidence and dl:restsOn "
        "must point to a dl:Quote."
    )


def test_turtle_report_is_the_shacl_report_with_rules_and_risks() -> None:
    report = dlgraph.validate(graph_of("rule6/fails-three-cycle"))
    graph = Graph().parse(data=report.to_turtle(), format="turtle")
    (report_node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report_node, SH.conforms) == Literal(False)
    results = list(graph.objects(report_node, SH.result))
    assert len(results) == 3
    for result in results:
        assert graph.value(result, DL.coherenceRule) == Literal(6)
        assert graph.value(result, DL.indicatesRisk) == DL.Inefficiency
        assert graph.value(result, SH.sourceShape) == DLSH.NoDelegationCycle
        assert isinstance(graph.value(result, SH.sourceConstraint), BNode)


def test_turtle_report_of_a_conforming_graph() -> None:
    report = dlgraph.validate(graph_of("rule1/conforms-mandate"))
    graph = Graph().parse(data=report.to_turtle(), format="turtle")
    (report_node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report_node, SH.conforms) == Literal(True)
    assert list(graph.objects(report_node, SH.result)) == []


def test_serialize_names_the_formats() -> None:
    report = dlgraph.validate(Graph())
    assert report.serialize("text") == report.to_text()
    assert report.serialize("json") == report.to_json()
    assert report.serialize("turtle") == report.to_turtle()
    with pytest.raises(UnknownNameError):
        report.serialize("csv")


def test_severity_of_an_unknown_iri_counts_as_violation() -> None:
    assert Severity.from_iri(SH.Warning) is Severity.WARNING
    assert Severity.from_iri(URIRef("https://example.org/Severe")) is Severity.VIOLATION


def test_labels_fall_back_to_english_then_untagged() -> None:
    graph = Graph()
    node = URIRef(EX + "x")
    graph.add((node, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("x", lang="en")))
    graph.add((node, URIRef("http://xmlns.com/foaf/0.1/name"), Literal("X")))
    assert Labels([graph]).label(node, "sv") == "x"
    graph.add(
        (node, URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("ix", lang="sv"))
    )
    assert Labels([graph]).label(node, "sv") == "ix"
    assert Labels([Graph()]).label(node, "en") is None
    assert compact_iri(DL.Team) == "dl:Team"
    assert compact_iri(URIRef("https://example.org/a b")) == "<https://example.org/a b>"
