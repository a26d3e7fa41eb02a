"""The four modelling patterns (examples/patterns.ttl) load, and the reasoners infer what
the README says they infer."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

import dlgraph
from conftest import ROOT
from dlgraph import DL
from dlgraph.reason.hermit import java_available, run_hermit

EX = "https://example.org/patterns/"

# (subject, predicate, object) the README promises once data and ontology are reasoned over
PROMISED = [
    (EX + "pia", PROV.actedOnBehalfOf, EX + "leader"),
    (EX + "act2", DL.underMandate, EX + "mandate1"),
    (EX + "act1", DL.evidence, EX + "quote1"),
    (EX + "icdpImplementation", RDF.type, DL.DelegatedTask),
    (EX + "icdpImplementation", DL.hasMandate, EX + "mandate1"),
    (EX + "pia", DL.holdsMandate, EX + "mandate1"),
    (EX + "pia", PROV.qualifiedDelegation, EX + "delegation1"),
]
# what must NOT follow: the PROV delegation direction is easy to get backwards
FORBIDDEN = [
    (EX + "leader", PROV.actedOnBehalfOf, EX + "pia"),
    (EX + "leader", PROV.qualifiedDelegation, EX + "delegation1"),
]


def _triple(t: tuple[str, URIRef, str]) -> tuple[URIRef, URIRef, URIRef]:
    s, p, o = t
    return URIRef(s), p, URIRef(o)


@pytest.fixture(scope="module")
def patterns() -> Graph:
    return Graph().parse(ROOT / "examples" / "patterns.ttl")


def test_patterns_use_only_declared_dl_terms(patterns: Graph) -> None:
    declared = set(dlgraph.ontology().subjects(RDF.type, None))
    used = {
        node
        for triple in patterns
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(DL))
    }
    assert used and used <= declared, sorted(used - declared)


def test_promised_triples_are_not_asserted(patterns: Graph) -> None:
    # The inferences below are real inferences, not restatements of the data.
    for triple in PROMISED:
        assert _triple(triple) not in patterns


def test_owl_rl_infers_the_patterns(patterns: Graph) -> None:
    graph = dlgraph.ontology() + patterns
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    for triple in PROMISED:
        assert _triple(triple) in graph, triple
    for triple in FORBIDDEN:
        assert _triple(triple) not in graph, triple


@pytest.mark.skipif(not java_available(), reason="no Java runtime: HermiT cannot run")
def test_hermit_finds_patterns_consistent_and_classifies_the_delegated_task(
    patterns: Graph,
) -> None:
    result = run_hermit(dlgraph.ontology() + patterns)
    assert result.consistent and result.unsatisfiable == ()
    task = URIRef(EX + "icdpImplementation")
    assert (task, RDF.type, DL.DelegatedTask) in result.inferred


@pytest.mark.skipif(not java_available(), reason="no Java runtime: HermiT cannot run")
def test_hermit_rejects_a_person_who_is_an_organisation(patterns: Graph) -> None:
    broken = dlgraph.ontology() + patterns
    broken.add((URIRef(EX + "pia"), RDF.type, DL.LearningGroup))
    assert not run_hermit(broken).consistent
