"""``network()``: the network of one kind among the persons of a graph, measured by group.

The whole network (every person a node, isolates too) gives each person's in- and
out-degree and betweenness, so that boundary spanners between groups show; each group's
subnetwork (ties whose both ends are members) gives the group's measures, and the
group's members' leadership acts give the spread of leadership.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from dlgraph.anonymize.pseudonyms import PERSON_CLASSES, PERSON_ONLY_PROPERTIES
from dlgraph.ontology.labels import Labels
from dlgraph.ontology.namespaces import DL
from dlgraph.sna.export import export_network
from dlgraph.sna.groups import Group, check_grouping, groups
from dlgraph.sna.measures import (
    Measure,
    density,
    gini,
    indegree_centralization,
    reciprocity,
    share,
)
from dlgraph.sna.ties import check_network, ties

if TYPE_CHECKING:  # networkx loads when a network is built, not with dlgraph's CLI
    import networkx as nx

__all__ = ["GroupMeasures", "NetworkResult", "PersonMeasures", "network"]


@dataclass(frozen=True)
class GroupMeasures:
    """The measures of one group (JSON keys as the README lists them)."""

    group: URIRef
    network: str
    members: int
    ties: int
    density: float | None
    reciprocity: float | None
    indegree_centralization: float | None
    central_members: tuple[URIRef, ...]
    central_roles: Mapping[URIRef, tuple[URIRef, ...]]
    acts: int
    share_acts_non_formal: float | None
    share_own_initiative: float | None
    acts_gini: float | None
    leadership_density: float | None
    undefined: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The measures as JSON-ready values, IRIs as strings, reasons under ``undefined``."""
        return {
            "group": str(self.group),
            "network": self.network,
            "members": self.members,
            "ties": self.ties,
            "density": self.density,
            "reciprocity": self.reciprocity,
            "indegree_centralization": self.indegree_centralization,
            "central_members": [str(m) for m in self.central_members],
            "central_roles": {
                str(m): [str(r) for r in roles] for m, roles in self.central_roles.items()
            },
            "acts": self.acts,
            "share_acts_non_formal": self.share_acts_non_formal,
            "share_own_initiative": self.share_own_initiative,
            "acts_gini": self.acts_gini,
            "leadership_density": self.leadership_density,
            "undefined": dict(self.undefined),
        }


@dataclass(frozen=True)
class PersonMeasures:
    """A person's place in the whole network."""

    person: URIRef
    in_degree: int
    out_degree: int
    betweenness: float
    groups: tuple[URIRef, ...]

    def as_dict(self) -> dict[str, Any]:
        """The measures as JSON-ready values."""
        return {
            "person": str(self.person),
            "in_degree": self.in_degree,
            "out_degree": self.out_degree,
            "betweenness": self.betweenness,
            "groups": [str(g) for g in self.groups],
        }


@dataclass(frozen=True)
class NetworkResult:
    """The whole network (a networkx DiGraph of person IRIs), its groups and measures."""

    network: str
    by: str
    graph: nx.DiGraph
    groups: tuple[Group, ...]
    measures: tuple[GroupMeasures, ...]
    persons: tuple[PersonMeasures, ...]

    def group_graph(self, group: URIRef) -> nx.DiGraph:
        """The subnetwork of ``group``: its members and the ties among them."""
        for found in self.groups:
            if found.iri == group:
                return self.graph.subgraph(found.members).copy()
        raise KeyError(group)

    def export(self, fmt: str) -> bytes:
        """The whole network as GraphML, GEXF, a CSV edge list or a CSV adjacency matrix
        (``graphml``, ``gexf``, ``edges``, ``matrix``)."""
        return export_network(self, fmt)

    def records(self) -> list[dict[str, Any]]:
        """One JSON-ready mapping per group, in the order of :attr:`measures`."""
        return [m.as_dict() for m in self.measures]


def _persons(graph: Graph) -> set[URIRef]:
    found: set[Node] = set()
    for cls in PERSON_CLASSES:
        found.update(graph.subjects(RDF.type, cls))
    for prop in PERSON_ONLY_PROPERTIES:
        found.update(graph.subjects(prop, None))
    return {n for n in found if isinstance(n, URIRef)}


@dataclass(frozen=True)
class _Acts:
    """Each act's actors and whether it was taken on the actor's own initiative."""

    actors: Mapping[Node, frozenset[Node]]
    own: frozenset[Node]
    by_actor: Mapping[Node, frozenset[Node]]

    @classmethod
    def read(cls, graph: Graph) -> _Acts:
        actors: defaultdict[Node, set[Node]] = defaultdict(set)
        for act, actor in graph.subject_objects(DL.actor):
            actors[act].add(actor)
        for actor, act in graph.subject_objects(DL.performed):
            actors[act].add(actor)
        own = frozenset(a for a in actors if (a, DL.onOwnInitiative, Literal(True)) in graph)
        by_actor: defaultdict[Node, set[Node]] = defaultdict(set)
        for act, who in actors.items():
            for actor in who:
                by_actor[actor].add(act)
        return cls(
            {a: frozenset(s) for a, s in actors.items()},
            own,
            {a: frozenset(s) for a, s in by_actor.items()},
        )


def _act_measures(group: Group, acts: _Acts) -> dict[str, Measure | int]:
    per_member = dict.fromkeys(group.members, 0)
    taken = 0
    non_formal = 0
    own = 0
    taken_acts = {act for m in group.members for act in acts.by_actor.get(m, ())}
    for act in taken_acts:
        inside = acts.actors[act] & group.members
        taken += 1
        non_formal += bool(inside - group.leaders)
        own += act in acts.own
        for actor in inside:
            per_member[actor] += 1  # type: ignore[index]
    no_acts = "no acts by members"
    active = sum(1 for count in per_member.values() if count)
    return {
        "acts": taken,
        "share_acts_non_formal": share(non_formal, taken, no_acts),
        "share_own_initiative": share(own, taken, no_acts),
        "acts_gini": gini(list(per_member.values())),
        "leadership_density": share(active, len(group.members), "no members"),
    }


def _measure(kind: str, group: Group, whole: nx.DiGraph, acts: _Acts) -> GroupMeasures:
    sub = whole.subgraph(group.members)
    edges = list(sub.edges())
    indegrees = {node: int(sub.in_degree(node)) for node in sub.nodes}
    top = max(indegrees.values(), default=0)
    central = tuple(sorted(m for m, d in indegrees.items() if d == top and top > 0))
    values: dict[str, Measure | int] = {
        "density": density(len(group.members), len(edges)),
        "reciprocity": reciprocity(edges),
        "indegree_centralization": indegree_centralization(indegrees),
        **_act_measures(group, acts),
    }
    undefined = {k: v.reason for k, v in values.items() if isinstance(v, Measure) and v.reason}
    plain = {k: (v.value if isinstance(v, Measure) else v) for k, v in values.items()}
    return GroupMeasures(
        group=group.iri,
        network=kind,
        members=len(group.members),
        ties=len(edges),
        central_members=central,
        central_roles={m: tuple(sorted(group.roles.get(m, ()))) for m in central},
        undefined=undefined,
        **plain,  # type: ignore[arg-type]
    )


def _whole(graph: Graph, kind: str, found: list[Group]) -> nx.DiGraph:
    """Every person a node (label, roles, groups as attributes) and the ties among them."""
    import networkx as nx

    persons = _persons(graph)
    labels = Labels([graph])
    whole = nx.DiGraph(network=kind)
    roles: defaultdict[URIRef, set[URIRef]] = defaultdict(set)
    member_of: defaultdict[URIRef, set[URIRef]] = defaultdict(set)
    for group in found:
        for member in group.members:
            member_of[member].add(group.iri)
            roles[member] |= group.roles.get(member, frozenset())
    for person in sorted(persons):
        whole.add_node(
            person,
            label=labels.get(person),
            roles=tuple(sorted(roles[person])),
            groups=tuple(sorted(member_of[person])),
        )
    whole.add_edges_from(
        sorted(t for t in ties(graph, kind) if t[0] in persons and t[1] in persons)
    )
    return whole


def _betweenness(whole: nx.DiGraph) -> dict[Any, float]:
    """Normalised betweenness over the whole network, by (N−1)(N−2) of all N persons.

    A shortest path stays inside its weakly connected component, so each component of
    three or more persons is computed on its own: networkx's cost per source grows with
    the graph it is given, and a national graph is many small components.
    """
    import networkx as nx

    n = whole.number_of_nodes()
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    found = dict.fromkeys(whole.nodes, 0.0)
    for component in nx.weakly_connected_components(whole):
        if len(component) > 2:
            part = whole.subgraph(component).copy()
            for v, raw in nx.betweenness_centrality(part, normalized=False).items():
                found[v] = raw * scale
    return found


def network(
    graph: Any,
    network: str = "advice",
    *,
    by: str = "unit",
    with_subunits: bool = False,
) -> NetworkResult:
    """The ``network`` ties among the persons of ``graph`` (an OrgGraph or an rdflib
    Graph), measured for each group of ``by`` (unit, room or municipality)."""
    kind = check_network(network)
    grouping = check_grouping(by)
    rdf: Graph = (
        graph.union() if hasattr(graph, "union") and not isinstance(graph, Graph) else graph
    )
    found = groups(rdf, grouping, with_subunits=with_subunits)
    whole = _whole(rdf, kind, found)
    acts = _Acts.read(rdf)
    between = _betweenness(whole)
    persons = tuple(
        PersonMeasures(
            person=p,
            in_degree=int(whole.in_degree(p)),
            out_degree=int(whole.out_degree(p)),
            betweenness=between[p],
            groups=whole.nodes[p]["groups"],
        )
        for p in whole.nodes
    )
    measures = tuple(_measure(kind, g, whole, acts) for g in found)
    return NetworkResult(kind, grouping, whole, tuple(found), measures, persons)
