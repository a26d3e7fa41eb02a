"""The directed ties among persons that dlgraph reads as a network, in every form.

Each kind of network reads the short and the qualified form the ontology and the shapes
accept, so that a case written either way gives the same ties: advice (seeker → giver),
trust (truster → trustee), delegation (delegator → delegatee) and direction (the one who
directed an act → its actor).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, Literal, get_args

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from dlgraph.errors import UnknownNameError
from dlgraph.ontology.namespaces import DL, PROV

__all__ = ["NETWORKS", "NetworkKind", "check_network", "ties"]

NetworkKind = Literal["advice", "trust", "delegation", "direction"]
"""The kinds of network among persons."""

NETWORKS: Final[tuple[str, ...]] = get_args(NetworkKind)
"""Every :data:`NetworkKind`, in the order the documentation lists them."""

Tie = tuple[URIRef, URIRef]


def check_network(kind: str) -> NetworkKind:
    """``kind`` when it names a network, else an :class:`UnknownNameError`."""
    if kind not in NETWORKS:
        raise UnknownNameError(
            f"unknown network {kind!r}", hint=f"use one of: {', '.join(NETWORKS)}"
        )
    return kind  # type: ignore[return-value]


def _objects(graph: Graph, node: Node, forward: URIRef, inverse: URIRef | None) -> set[Node]:
    """The values of ``forward`` from ``node``, and of ``inverse`` towards it."""
    found = set(graph.objects(node, forward))
    if inverse is not None:
        found.update(graph.subjects(inverse, node))
    return found


def _qualified(
    graph: Graph,
    relations: set[Node],
    source: tuple[URIRef, URIRef | None],
    target: tuple[URIRef, URIRef | None],
) -> Iterator[tuple[Node, Node]]:
    """The (source, target) pairs of the qualified ``relations``."""
    for relation in relations:
        for start in _objects(graph, relation, *source):
            for end in _objects(graph, relation, *target):
                yield start, end


def _relations(graph: Graph, cls: URIRef, *properties: tuple[URIRef, bool]) -> set[Node]:
    """Nodes typed ``cls`` or used as subject (``True``) or object of ``properties``."""
    found: set[Node] = set(graph.subjects(RDF.type, cls))
    for prop, as_subject in properties:
        if as_subject:
            found.update(graph.subjects(prop, None, unique=True))
        else:
            found.update(graph.objects(None, prop, unique=True))
    return found


def _advice(graph: Graph) -> Iterator[tuple[Node, Node]]:
    yield from graph.subject_objects(DL.seeksAdviceFrom)
    relations = _relations(
        graph,
        DL.AdviceTie,
        (DL.adviceSeeker, True),
        (DL.adviceGiver, True),
        (DL.seeksAdviceIn, False),
    )
    yield from _qualified(
        graph, relations, (DL.adviceSeeker, DL.seeksAdviceIn), (DL.adviceGiver, None)
    )


def _trust(graph: Graph) -> Iterator[tuple[Node, Node]]:
    yield from graph.subject_objects(DL.trusts)
    relations = _relations(
        graph, DL.TrustRelation, (DL.truster, True), (DL.trustee, True), (DL.placesTrust, False)
    )
    yield from _qualified(graph, relations, (DL.truster, DL.placesTrust), (DL.trustee, None))


def _delegation(graph: Graph) -> Iterator[tuple[Node, Node]]:
    """dl:TaskDelegation or prov:Delegation, the delegatee by dl:delegatee or the
    inverse prov:qualifiedDelegation, the delegator by dl:delegator or prov:agent; and
    the unqualified prov:actedOnBehalfOf (delegatee → delegator, so reversed)."""
    for delegatee, delegator in graph.subject_objects(PROV.actedOnBehalfOf):
        yield delegator, delegatee
    relations = _relations(
        graph,
        DL.TaskDelegation,
        (DL.delegator, True),
        (DL.delegatee, True),
        (PROV.qualifiedDelegation, False),
    )
    relations.update(graph.subjects(RDF.type, PROV.Delegation))
    for relation in relations:
        givers = set(graph.objects(relation, DL.delegator)) | set(
            graph.objects(relation, PROV.agent)
        )
        takers = _objects(graph, relation, DL.delegatee, PROV.qualifiedDelegation)
        for giver in givers:
            for taker in takers:
                yield giver, taker


def _direction(graph: Graph) -> Iterator[tuple[Node, Node]]:
    for act, director in graph.subject_objects(DL.directedBy):
        for actor in _objects(graph, act, DL.actor, DL.performed):
            yield director, actor


_READERS = {
    "advice": _advice,
    "trust": _trust,
    "delegation": _delegation,
    "direction": _direction,
}


def ties(graph: Graph, kind: str) -> set[Tie]:
    """The directed ties of network ``kind`` between IRIs, self-ties left out."""
    reader = _READERS[check_network(kind)]
    return {
        (start, end)
        for start, end in reader(graph)
        if isinstance(start, URIRef) and isinstance(end, URIRef) and start != end
    }
