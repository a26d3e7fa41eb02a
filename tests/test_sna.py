"""``dlgraph.network``: the ties of every form, group members, and textbook values of
the measures (a star, a complete graph, a dyad, a reciprocal pair, empty groups), against
networkx on random graphs, on the examples, and the GraphML/GEXF/CSV exports."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV

import dlgraph
from dlgraph.ontology.namespaces import DL
from dlgraph.sna import export_network
from dlgraph.sna.measures import gini

EX = Namespace("https://example.org/sna/")
UNIT = EX.unit
ROOT = Path(__file__).resolve().parent.parent


def _team(n: int, ties: list[tuple[int, int]], *, qualified: bool = False) -> Graph:
    """A unit with persons p0..p(n-1) as members and advice ties i → j."""
    g = Graph()
    g.add((UNIT, RDF.type, ORG.OrganizationalUnit))
    for i in range(n):
        g.add((EX[f"p{i}"], RDF.type, DL.Person))
        g.add((EX[f"p{i}"], ORG.memberOf, UNIT))
    for i, j in ties:
        if qualified:
            tie = BNode()
            g.add((tie, RDF.type, DL.AdviceTie))
            g.add((tie, DL.adviceSeeker, EX[f"p{i}"]))
            g.add((tie, DL.adviceGiver, EX[f"p{j}"]))
        else:
            g.add((EX[f"p{i}"], DL.seeksAdviceFrom, EX[f"p{j}"]))
    return g


def _unit(graph: Graph, network: str = "advice") -> dlgraph.sna.GroupMeasures:
    (found,) = [m for m in dlgraph.network(graph, network).measures if m.group == UNIT]
    return found


STAR = [(1, 0), (2, 0), (3, 0)]
COMPLETE = [(i, j) for i in range(4) for j in range(4) if i != j]


@pytest.mark.parametrize(
    ("n", "ties", "expected"),
    [
        (4, STAR, (3, 0.25, 0.0, 1.0)),
        (4, COMPLETE, (12, 1.0, 1.0, 0.0)),
        (2, [(0, 1)], (1, 0.5, 0.0, 1.0)),
        (2, [(0, 1), (1, 0)], (2, 1.0, 1.0, 0.0)),
        (3, [(0, 1), (1, 0)], (2, 2 / 6, 1.0, 1 / 4)),
    ],
    ids=["star", "complete", "dyad", "reciprocal-pair", "pair-and-isolate"],
)
def test_textbook_values(
    n: int, ties: list[tuple[int, int]], expected: tuple[int, float, float, float]
) -> None:
    for qualified in (False, True):
        found = _unit(_team(n, ties, qualified=qualified))
        got = (found.ties, found.density, found.reciprocity, found.indegree_centralization)
        assert got == pytest.approx(expected)
        assert found.members == n


def test_the_star_s_centre_is_the_one_central_member() -> None:
    found = _unit(_team(4, STAR))
    assert found.central_members == (EX.p0,)


def test_a_tie_of_both_forms_counts_once() -> None:
    graph = _team(2, [(0, 1)]) + _team(2, [(0, 1)], qualified=True)
    assert _unit(graph).ties == 1


@pytest.mark.parametrize("n", [0, 1])
def test_fewer_than_two_members_leave_the_measures_undefined(n: int) -> None:
    found = _unit(_team(n, []))
    assert (found.density, found.reciprocity, found.indegree_centralization) == (None,) * 3
    assert found.undefined["density"] == "fewer than two members"
    assert found.undefined["reciprocity"] == "no ties"
    assert found.acts == 0 and found.acts_gini is None
    assert found.central_members == ()


def test_gini_textbook_values() -> None:
    assert gini([1, 1, 1]).value == 0.0
    assert gini([0, 0, 0, 4]).value == pytest.approx(0.75)
    assert gini([1, 3]).value == pytest.approx(0.25)
    assert gini([0, 0]).reason == "no acts"


def test_act_spread_over_members() -> None:
    graph = _team(4, [])
    graph.add((EX.p0, DL.formalLeaderOf, UNIT))
    for name, actor, own in [("a1", "p0", False), ("a2", "p1", True), ("a3", "p1", False)]:
        graph.add((EX[name], RDF.type, DL.LeadershipAct))
        graph.add((EX[name], DL.actor, EX[actor]))
        graph.add((EX[name], DL.onOwnInitiative, Literal(own)))
    found = _unit(graph)
    assert found.acts == 3
    assert found.share_acts_non_formal == pytest.approx(2 / 3)
    assert found.share_own_initiative == pytest.approx(1 / 3)
    assert found.leadership_density == pytest.approx(2 / 4)
    assert found.acts_gini == gini([1, 2, 0, 0]).value == pytest.approx(0.5833333)


def test_delegation_in_every_form_the_shapes_accept() -> None:
    graph = _team(5, [])
    short = EX.d1
    graph.add((short, RDF.type, DL.TaskDelegation))
    graph.add((short, DL.delegator, EX.p0))
    graph.add((short, DL.delegatee, EX.p1))
    prov = BNode()
    graph.add((EX.p2, PROV.qualifiedDelegation, prov))
    graph.add((prov, PROV.agent, EX.p0))
    graph.add((EX.p3, PROV.actedOnBehalfOf, EX.p0))
    result = dlgraph.network(graph, "delegation")
    assert set(result.graph.edges) == {(EX.p0, EX.p1), (EX.p0, EX.p2), (EX.p0, EX.p3)}


def test_trust_and_direction_ties() -> None:
    graph = _team(3, [])
    graph.add((EX.p0, DL.trusts, EX.p1))
    relation = BNode()
    graph.add((EX.p1, DL.placesTrust, relation))
    graph.add((relation, DL.trustee, EX.p2))
    graph.add((EX.act, DL.directedBy, EX.p0))
    graph.add((EX.p2, DL.performed, EX.act))
    assert set(dlgraph.network(graph, "trust").graph.edges) == {(EX.p0, EX.p1), (EX.p1, EX.p2)}
    assert set(dlgraph.network(graph, "direction").graph.edges) == {(EX.p0, EX.p2)}


def test_members_by_post_membership_and_subunits() -> None:
    graph = _team(1, [])
    graph.add((EX.sub, RDF.type, ORG.OrganizationalUnit))
    graph.add((EX.sub, DL.inLineUnder, UNIT))
    for person in (EX.a, EX.b):
        graph.add((person, RDF.type, DL.Person))
    membership, post = BNode(), BNode()
    graph.add((membership, ORG.member, EX.a))
    graph.add((membership, ORG.organization, EX.sub))
    graph.add((membership, ORG.role, DL.Teacher))
    graph.add((post, ORG.postIn, EX.sub))
    graph.add((EX.b, ORG.holds, post))
    plain = {g.iri: g.members for g in dlgraph.network(graph).groups}
    assert plain[EX.sub] == {EX.a, EX.b} and plain[UNIT] == {EX.p0}
    deep = {g.iri: g for g in dlgraph.network(graph, with_subunits=True).groups}
    assert deep[UNIT].members == {EX.p0, EX.a, EX.b}
    assert deep[UNIT].roles[EX.a] == {DL.Teacher}


def test_unknown_names_are_input_errors() -> None:
    with pytest.raises(dlgraph.UnknownNameError, match="network"):
        dlgraph.network(Graph(), "friendship")
    with pytest.raises(dlgraph.UnknownNameError, match="grouping"):
        dlgraph.network(Graph(), "advice", by="school")


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=9),
    pairs=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=40),
)
def test_measures_agree_with_networkx(n: int, pairs: list[tuple[int, int]]) -> None:
    ties = sorted({(i % n, j % n) for i, j in pairs if i % n != j % n})
    found = _unit(_team(n, ties))
    reference = nx.DiGraph()
    reference.add_nodes_from(range(n))
    reference.add_edges_from(ties)
    assert found.density == pytest.approx(nx.density(reference))
    if ties:
        assert found.reciprocity == pytest.approx(nx.overall_reciprocity(reference))
    indegrees = [d for _, d in reference.in_degree()]
    expected = sum(max(indegrees) - d for d in indegrees) / (n - 1) ** 2
    assert found.indegree_centralization == pytest.approx(expected)


def test_betweenness_is_networkx_s_over_the_whole_network() -> None:
    graph = _team(4, [(0, 1), (1, 2), (2, 3)])
    result = dlgraph.network(graph)
    expected = nx.betweenness_centrality(result.graph)
    assert {p.person: p.betweenness for p in result.persons} == pytest.approx(expected)
    assert {p.person: p.in_degree for p in result.persons}[EX.p1] == 1


EXAMPLES = [*sorted((ROOT / "examples").glob("*/*.yaml")), ROOT / "examples" / "patterns.yaml"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_run_through_every_network(path: Path) -> None:
    graph = dlgraph.load(path).union()
    for kind in dlgraph.sna.NETWORKS:
        for by in dlgraph.sna.GROUPINGS:
            result = dlgraph.network(graph, kind, by=by)
            for measures in result.measures:
                assert measures.ties <= max(measures.members * (measures.members - 1), 0)
                for key in ("density", "reciprocity", "indegree_centralization"):
                    value = getattr(measures, key)
                    assert (value is None) == (key in measures.undefined)
                    assert value is None or 0.0 <= value <= 1.0


def test_the_danish_institution_s_trust_is_mutual() -> None:
    graph = dlgraph.load(ROOT / "examples" / "denmark-icdp" / "denmark-icdp.yaml")
    base = "https://example.org/dlgraph/denmark-icdp/"
    found = {m.group: m for m in dlgraph.network(graph, "trust").measures}
    institution = found[URIRef(base + "institution")]
    assert (institution.members, institution.ties, institution.reciprocity) == (2, 2, 1.0)


@pytest.fixture(scope="module")
def star() -> dlgraph.NetworkResult:
    graph = _team(4, STAR)
    graph.add((EX.p0, DL.isPseudonym, Literal(True)))
    from rdflib.namespace import RDFS

    for i in range(4):
        graph.add((EX[f"p{i}"], RDFS.label, Literal(f"Person {i}")))
    return dlgraph.network(graph)


def test_graphml_reads_back_with_labels_that_respect_privacy(star: dlgraph.NetworkResult) -> None:
    ET.fromstring(export_network(star, "graphml"))
    back = nx.read_graphml(io.BytesIO(export_network(star, "graphml")))
    assert set(back.nodes) == {str(EX[f"p{i}"]) for i in range(4)}
    assert back.number_of_edges() == 3
    assert back.nodes[str(EX.p0)]["label"] == "Person 0"  # a pseudonym may be shown
    assert back.nodes[str(EX.p1)]["label"] == "p1"  # a real name may not


def test_gexf_is_well_formed_and_reads_back(star: dlgraph.NetworkResult) -> None:
    root = ET.fromstring(export_network(star, "gexf"))
    assert root.tag.endswith("gexf")
    back = nx.read_gexf(io.BytesIO(export_network(star, "gexf")))
    assert back.number_of_edges() == 3


def test_csv_edge_list_and_matrix(star: dlgraph.NetworkResult) -> None:
    edges = list(csv.DictReader(io.StringIO(export_network(star, "edges").decode())))
    assert {(e["source"], e["target"]) for e in edges} == {
        (str(EX[f"p{i}"]), str(EX.p0)) for i in (1, 2, 3)
    }
    matrix = list(csv.reader(io.StringIO(export_network(star, "matrix").decode())))
    assert [row[1] for row in matrix[1:]] == ["0", "1", "1", "1"]


def test_the_synthetic_school_system_has_advice_ties_in_both_forms() -> None:
    from dlgraph.authoring.synth import municipality_lines

    graph = Graph().parse(data="".join(municipality_lines(1)), format="nt")
    assert any(graph.triples((None, DL.seeksAdviceFrom, None)))
    assert any(graph.triples((None, RDF.type, DL.AdviceTie)))
    result = dlgraph.network(graph, "advice", by="unit")
    tied = [m for m in result.measures if m.ties]
    assert tied and all(m.density is not None for m in tied)
    assert {m.group for m in dlgraph.network(graph, by="municipality").measures}
