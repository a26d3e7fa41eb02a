"""graph.reason: OWL 2 RL, RDFS and HermiT inferences kept apart from the data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

import dlgraph
from conftest import TEST_DATA
from dlgraph import DL, INFERRED_GRAPH, EnvironmentProblem, UnknownNameError
from dlgraph.ontology.namespaces import PROV

DATA = TEST_DATA / "reasoning.ttl"
EX = "https://example.org/reasoning/"
needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="HermiT needs Java; scripts/system-deps.sh installs it"
)


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


@pytest.mark.parametrize(
    "profile", ["rl", pytest.param("dl", marks=[needs_java, pytest.mark.java])]
)
def test_delegatee_acts_on_behalf_of_delegator(profile: str) -> None:
    graph = dlgraph.load(DATA)
    asserted = set(graph.dataset.quads((None, None, None, None)))
    result = graph.reason(profile)
    assert result.profile == profile and result.consistent
    expected = {
        (ex("pia"), PROV.actedOnBehalfOf, ex("leader")),
        (ex("task"), RDF.type, DL.DelegatedTask),
    }
    if profile == "rl":  # owlready2 keeps inverse property values implicit, not as triples
        expected |= {
            (ex("task"), DL.hasMandate, ex("mandate")),
            (ex("pia"), DL.holdsMandate, ex("mandate")),
        }
    assert expected <= set(result.inferred)
    assert graph.inferred is not None
    assert set(graph.inferred) == set(result.inferred)
    assert graph.graph_names()[-1] == INFERRED_GRAPH
    # asserted named graphs are untouched; the inference lives in its own graph
    assert {q for q in graph.dataset.quads((None, None, None, None)) if q[3] != INFERRED_GRAPH} == (
        asserted
    )
    assert (ex("pia"), PROV.actedOnBehalfOf, ex("leader")) in graph.union()
    assert (ex("pia"), PROV.actedOnBehalfOf, ex("leader")) not in graph.union(inferred=False)


@pytest.mark.parametrize("profile", ["rl", "rdfs"])
def test_only_what_the_data_adds_is_kept(profile: str) -> None:
    graph = dlgraph.load(DATA)
    inferred = graph.reason(profile).inferred
    merged = dlgraph.ontology("merged")
    ontology_subjects = set(merged.subjects())
    for s, p, o in inferred:
        assert not isinstance(s, Literal)
        assert s not in ontology_subjects, (s, p, o)
        assert (s, p, o) not in merged
        assert not (s == o and p.endswith("sameAs"))
    assert (ex("school"), RDF.type, DL.SchoolUnit) in inferred
    assert all(str(s).startswith(EX) for s in inferred.subjects())


def test_rdfs_does_not_apply_owl_rules() -> None:
    graph = dlgraph.load(DATA)
    inferred = graph.reason("rdfs").inferred
    assert (ex("pia"), PROV.actedOnBehalfOf, ex("leader")) not in inferred
    assert (ex("act"), PROV.wasAssociatedWith, ex("pia")) in inferred


def test_reasoning_again_replaces_and_drop_forgets() -> None:
    graph = dlgraph.load(DATA)
    first = len(graph.reason("rl"))
    assert len(graph.reason("rdfs")) == len(graph.inferred or ())
    assert len(graph.reason("rl")) == first
    assert graph.drop_inferred() == first
    assert graph.inferred is None and INFERRED_GRAPH not in graph.graph_names()


def test_inferred_triples_can_be_exported_apart(tmp_path: Path) -> None:
    graph = dlgraph.load(DATA)
    graph.reason("rl")
    out = tmp_path / "all.trig"
    graph.write(out)
    again = dlgraph.load(out)
    assert INFERRED_GRAPH in again.graph_names()
    without = tmp_path / "asserted.nq"
    graph.write(without, inferred=False)
    assert INFERRED_GRAPH not in dlgraph.load(without).graph_names()


def test_without_ontology_only_the_datas_own_schema_counts() -> None:
    graph = dlgraph.load(DATA)
    assert len(graph.reason("rl", with_ontology=False)) == 0


def test_unknown_profile() -> None:
    with pytest.raises(UnknownNameError) as caught:
        dlgraph.load(DATA).reason("owl-rl")
    assert caught.value.hint is not None and "rl" in caught.value.hint


def test_dl_without_java_is_an_environment_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import dlgraph.reason.hermit

    monkeypatch.setattr(dlgraph.reason.hermit.shutil, "which", lambda name: None)
    with pytest.raises(EnvironmentProblem, match="needs Java") as caught:
        dlgraph.load(DATA).reason("dl")
    assert caught.value.exit_code == 3
    assert (
        caught.value.hint is not None
        and "apt-get install default-jre-headless" in caught.value.hint
    )


@needs_java
@pytest.mark.java
def test_dl_reports_an_inconsistency_instead_of_inferring() -> None:
    graph = dlgraph.load(DATA, f"<{EX}mandate> a <{DL}LeadershipTask> .")
    result = graph.reason("dl")
    assert not result.consistent
    assert len(result.inferred) == 0
    assert graph.inferred is None
