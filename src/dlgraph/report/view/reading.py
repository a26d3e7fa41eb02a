"""Reading an organisation graph the ways its facts can be written.

The data need not have been reasoned over: inverse properties the ontology declares
(``dl:hasLineUnit`` for ``dl:inLineUnder``, ``dl:leads`` for ``dl:ledBy``, ...) are read
as well as the forward ones, and class membership follows ``rdfs:subClassOf`` in the
ontology and in the data. Results come sorted, so that a view does not depend on the
order triples were read in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.namespaces import DL, FOAF, ORG, PROV, RDFS, TIME
from dlgraph.ontology.vocab import vocabulary

__all__ = [
    "LINE_DOWN",
    "LINE_UP",
    "closure",
    "date_of",
    "first_of",
    "instances",
    "interval_of",
    "leaderships",
    "memberships",
    "sorted_nodes",
    "vocabulary_classes",
]

LINE_UP = (DL.inLineUnder, ORG.subOrganizationOf, ORG.unitOf)
LINE_DOWN = (DL.hasLineUnit, ORG.hasSubOrganization, ORG.hasUnit)


def closure(schema: Graph, roots: Iterable[URIRef]) -> frozenset[Node]:
    """The classes ``roots`` and every class below them by rdfs:subClassOf."""
    seen: set[Node] = set(roots)
    todo = list(seen)
    while todo:
        cls = todo.pop()
        for sub in schema.subjects(RDFS.subClassOf, cls):
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return frozenset(seen)


@lru_cache(maxsize=1)
def vocabulary_classes() -> Graph:
    """The class hierarchy of the bundled ORG, FOAF and PROV-O (org:FormalOrganization is
    an org:Organization only there)."""
    classes = Graph()
    for namespace in (ORG, FOAF, PROV):
        for triple in vocabulary(str(namespace)).triples((None, RDFS.subClassOf, None)):
            classes.add(triple)
    return classes


def instances(graph: Graph, classes: frozenset[Node]) -> set[Node]:
    found: set[Node] = set()
    for cls in classes:
        found.update(graph.subjects(RDF.type, cls))
    return found


def sorted_nodes(nodes: Iterable[Node]) -> list[Node]:
    return sorted(set(nodes), key=lambda node: (isinstance(node, BNode), str(node)))


def first_of(graph: Graph, subject: Node, *predicates: URIRef) -> Node | None:
    values: list[Node] = []
    for predicate in predicates:
        values.extend(graph.objects(subject, predicate))
    return sorted_nodes(values)[0] if values else None


def date_of(graph: Graph, node: Node | None) -> dt.date | None:
    """The date of a literal, or of a time:Instant's inXSDDate / inXSDDateTime."""
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(node)[:10])
        except ValueError:
            return None
    for predicate in (TIME.inXSDDate, TIME.inXSDDateTime, TIME.inXSDDateTimeStamp):
        for value in graph.objects(node, predicate):
            found = date_of(graph, value)
            if found is not None:
                return found
    return None


def interval_of(graph: Graph, interval: Node) -> tuple[dt.date | None, dt.date | None]:
    begin = date_of(graph, first_of(graph, interval, TIME.hasBeginning))
    end = date_of(graph, first_of(graph, interval, TIME.hasEnd))
    return begin, end


def memberships(graph: Graph) -> Iterator[tuple[Node, Node, Node | None]]:
    """(member, organisation, role) for every way a membership is written."""
    for member, org in graph.subject_objects(ORG.memberOf):
        yield member, org, None
    for org, member in graph.subject_objects(ORG.hasMember):
        yield member, org, None
    for membership in set(graph.subjects(ORG.member, None)):
        roles: list[Node | None] = list(graph.objects(membership, ORG.role)) or [None]
        for member in graph.objects(membership, ORG.member):
            for org in graph.objects(membership, ORG.organization):
                for role in roles:
                    yield member, org, role
    posts = set(graph.subjects(ORG.postIn, None))
    for post in posts:
        post_roles: list[Node | None] = list(graph.objects(post, ORG.role)) or [None]
        holders = set(graph.objects(post, ORG.heldBy)) | set(graph.subjects(ORG.holds, post))
        for holder in holders:
            for org in graph.objects(post, ORG.postIn):
                for role in post_roles:
                    yield holder, org, role


def leaderships(graph: Graph) -> Iterator[tuple[Node, Node]]:
    """(leader, unit) for unit command in every way it is written."""
    for leader, unit in graph.subject_objects(DL.formalLeaderOf):
        yield leader, unit
    for unit, leader in graph.subject_objects(DL.hasFormalLeader):
        yield leader, unit
    for leader, unit in graph.subject_objects(ORG.headOf):
        yield leader, unit
