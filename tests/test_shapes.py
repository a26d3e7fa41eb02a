"""The coherence shapes, rule by rule, on the test graphs of tests/data/shapes/ruleN/.

Each graph is validated with all of dlgraph's shapes and the ontology, and the results
must be exactly those its ``.expected`` file lists: (focus node, path, severity, source
shape), nothing more and nothing less.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

import dlgraph
from conftest import EXAMPLES, TEST_DATA
from dlgraph import DL, DLSH
from dlgraph.ontology.namespaces import PREFIXES, RDFS, SH
from dlgraph.validate.api import shapes_graph

DATA = TEST_DATA / "shapes"
CASES = sorted(DATA.glob("rule*/*.ttl"), key=lambda p: (int(p.parent.name[4:]), p.name))
RULES = range(1, 15)

Key = tuple[str, str, str, str]
RDFS_LABEL = RDFS.label


def _term(text: str, namespaces: dict[str, str]) -> Identifier:
    if text.startswith('"') and text.endswith('"'):
        return Literal(text[1:-1])
    prefix, _, local = text.partition(":")
    if prefix not in namespaces:
        raise ValueError(f"unknown prefix in expected file: {text}")
    return URIRef(namespaces[prefix] + local)


def expected_results(case: Path, graph: Graph) -> list[Key]:
    namespaces = {p: str(n) for p, n in graph.namespaces()}
    namespaces.update(PREFIXES)
    rows: list[Key] = []
    for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        focus, path, severity, shape = line.split("\t")
        rows.append(
            (
                _term(focus, namespaces).n3(),
                path,
                severity,
                _term(shape, namespaces).n3(),
            )
        )
    return sorted(rows)


def actual_results(report: dlgraph.ValidationReport) -> list[Key]:
    return sorted(
        (r.focus_node.n3(), r.path or "-", r.severity.value, r.source_shape.n3())
        for r in report.results
    )


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.stem}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case_gives_exactly_the_expected_results(case: Path) -> None:
    graph = Graph().parse(case)
    report = dlgraph.validate(graph)
    assert actual_results(report) == expected_results(case, graph)
    if case.stem.startswith("conforms-"):
        assert report.results == ()
        assert report.conforms
    else:
        assert case.stem.startswith("fails-"), "test graphs are named conforms-* or fails-*"
        rule = int(case.parent.name[4:])
        assert any(r.rule == rule for r in report.results), f"no result of rule {rule}"
        assert report.conforms == (not report.violations)


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_a_conforming_and_a_failing_graph(rule: int) -> None:
    names = [case.stem for case in CASES if case.parent.name == f"rule{rule}"]
    assert any(n.startswith("conforms-") for n in names)
    assert any(n.startswith("fails-") for n in names)


def test_every_shape_of_a_rule_is_exercised_by_an_expected_result() -> None:
    shapes = shapes_graph()
    with_rule = {s for s in shapes.subjects(DL.coherenceRule, None) if isinstance(s, URIRef)}
    named_in_expected: set[URIRef] = set()
    for case in CASES:
        for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                named_in_expected.add(URIRef(str(DLSH) + line.split("\t")[3].split(":")[1]))
    # Node shapes that only gather targets for their property shapes carry no rule.
    assert with_rule <= named_in_expected
    assert named_in_expected <= with_rule


def test_examples_patterns_has_no_violation() -> None:
    patterns = EXAMPLES / "patterns.ttl"
    report = dlgraph.validate(Graph().parse(patterns))
    assert report.conforms
    assert report.violations == ()
    # The one finding: the leader and Pia share only the line (the institution), not a
    # team, room or communication path, so rule 5 warns.
    assert actual_results(report) == [
        (
            URIRef("https://example.org/patterns/delegation1").n3(),
            "dl:delegatee",
            "Warning",
            DLSH.DelegationShareChannel.n3(),
        )
    ]


def test_every_shape_has_severity_and_messages_in_three_languages() -> None:
    shapes = shapes_graph()
    for shape in shapes.subjects(DL.coherenceRule, None):
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), shape
        messages = list(shapes.objects(shape, SH.message))
        for constraint in shapes.objects(shape, SH.sparql):
            messages.extend(shapes.objects(constraint, SH.message))
        languages = sorted(m.language for m in messages if isinstance(m, Literal))
        assert languages == ["da", "en", "sv"], shape


def test_every_shape_has_a_label_in_three_languages() -> None:
    shapes = shapes_graph()
    for shape in shapes.subjects(DL.coherenceRule, None):
        labels = sorted(
            m.language for m in shapes.objects(shape, RDFS_LABEL) if isinstance(m, Literal)
        )
        assert labels == ["da", "en", "sv"], shape


def test_every_sparql_constraint_declares_the_prefixes() -> None:
    shapes = shapes_graph()
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.prefixes) == URIRef("https://w3id.org/dlgraph/shapes")


@pytest.mark.slow
@pytest.mark.parametrize("case", [c for c in CASES if c.stem.startswith("conforms-")], ids=_case_id)
def test_conforming_graphs_still_conform_after_owl_rl_reasoning(case: Path) -> None:
    # What OWL RL adds (inverses, domains, subclass types) must not make coherent data
    # look incoherent.
    assert dlgraph.validate(Graph().parse(case), reason="owlrl").results == ()
