"""Who belongs to a group: a unit, an organisational room or a municipality's line.

A unit's members are its formal leaders and the persons with a membership or a post in
it (with ``with_subunits``, those of the units in its line below too); a room's members
are its leaders and the persons with a membership in it; a municipality's are the
members of every unit of its line. Every form the shapes accept is read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, get_args

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.term import Node

from dlgraph.anonymize.pseudonyms import is_person
from dlgraph.errors import UnknownNameError
from dlgraph.ontology.graphs import ontology
from dlgraph.ontology.namespaces import DL, ORG

__all__ = ["GROUPINGS", "Group", "Grouping", "check_grouping", "groups"]

Grouping = Literal["unit", "room", "municipality"]
"""What the persons are grouped by."""

GROUPINGS: Final[tuple[str, ...]] = get_args(Grouping)
"""Every :data:`Grouping`."""

_LINE_DOWN: Final = (ORG.hasSubOrganization, DL.hasLineUnit, ORG.hasUnit)
_LINE_UP: Final = (ORG.subOrganizationOf, DL.inLineUnder, ORG.unitOf)


@dataclass(frozen=True)
class Group:
    """A group of persons: its IRI, members, formal leaders and each member's roles."""

    iri: URIRef
    grouping: Grouping
    members: frozenset[URIRef]
    leaders: frozenset[URIRef]
    roles: dict[URIRef, frozenset[URIRef]]


def check_grouping(by: str) -> Grouping:
    """``by`` when it names a grouping, else an :class:`UnknownNameError`."""
    if by not in GROUPINGS:
        raise UnknownNameError(
            f"unknown grouping {by!r}", hint=f"use one of: {', '.join(GROUPINGS)}"
        )
    return by  # type: ignore[return-value]


@lru_cache(maxsize=4)
def _subclasses(cls: URIRef) -> frozenset[URIRef]:
    """``cls`` and its subclasses in the dlgraph ontology."""
    merged = ontology()
    found = {cls}
    found.update(
        c for c in merged.transitive_subjects(RDFS.subClassOf, cls) if isinstance(c, URIRef)
    )
    return frozenset(found)


def _typed(graph: Graph, classes: Iterable[URIRef]) -> set[URIRef]:
    return {s for cls in classes for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def _organisations(graph: Graph, grouping: Grouping) -> set[URIRef]:
    """The IRIs of the groups of ``grouping`` in ``graph``, by their types."""
    rooms = _typed(graph, _subclasses(DL.OrganisationalRoom))
    if grouping == "room":
        return rooms
    if grouping == "municipality":
        return _typed(graph, _subclasses(DL.Municipality))
    roots = (ORG.Organization, ORG.OrganizationalUnit, ORG.FormalOrganization)
    return _typed(graph, {c for root in roots for c in _subclasses(root)}) - rooms


def _below(graph: Graph, top: URIRef) -> set[URIRef]:
    """``top`` and every unit in its line below, however the line is written."""
    seen = {top}
    todo = [top]
    while todo:
        unit = todo.pop()
        found: set[Node] = set()
        for prop in _LINE_DOWN:
            found.update(graph.objects(unit, prop))
        for prop in _LINE_UP:
            found.update(graph.subjects(prop, unit))
        for sub in found:
            if isinstance(sub, URIRef) and sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


class _Collector:
    """Members, leaders and roles gathered over one or more organisations."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.members: set[Node] = set()
        self.leaders: set[Node] = set()
        self.roles: defaultdict[Node, set[Node]] = defaultdict(set)

    def leaders_of(self, unit: URIRef) -> None:
        g = self.graph
        found = set(g.subjects(DL.formalLeaderOf, unit)) | set(g.subjects(ORG.headOf, unit))
        found |= set(g.objects(unit, DL.hasFormalLeader))
        found |= set(g.objects(unit, DL.ledBy)) | set(g.subjects(DL.leads, unit))
        self.leaders |= found
        self.members |= found
        for leader in found:
            self.roles[leader].add(DL.FormalLeader)

    def members_of(self, unit: URIRef) -> None:
        g = self.graph
        self.members |= set(g.subjects(ORG.memberOf, unit)) | set(g.objects(unit, ORG.hasMember))
        for membership in g.subjects(ORG.organization, unit):
            people = set(g.objects(membership, ORG.member))
            people |= set(g.subjects(ORG.hasMembership, membership))
            self._add(people, g.objects(membership, ORG.role))
        posts = set(g.subjects(ORG.postIn, unit)) | set(g.objects(unit, ORG.hasPost))
        for post in posts:
            people = set(g.objects(post, ORG.heldBy)) | set(g.subjects(ORG.holds, post))
            self._add(people, g.objects(post, ORG.role))

    def _add(self, people: set[Node], roles: Iterable[Node]) -> None:
        kept = set(roles)
        self.members |= people
        for person in people:
            self.roles[person] |= kept

    def group(self, iri: URIRef, grouping: Grouping) -> Group:
        """The group of the persons collected (other agents, such as teams, left out)."""
        persons = frozenset(
            m for m in self.members if isinstance(m, URIRef) and is_person(self.graph, m)
        )
        roles = {
            p: frozenset(r for r in self.roles.get(p, ()) if isinstance(r, URIRef)) for p in persons
        }
        leaders = frozenset(p for p in persons if p in self.leaders)
        return Group(iri, grouping, persons, leaders, roles)


def groups(graph: Graph, by: str, *, with_subunits: bool = False) -> list[Group]:
    """Every group of ``by`` in ``graph`` with its members, sorted by IRI."""
    grouping = check_grouping(by)
    found: list[Group] = []
    for iri in sorted(_organisations(graph, grouping)):
        collector = _Collector(graph)
        units = _below(graph, iri) if grouping == "municipality" or with_subunits else {iri}
        for unit in sorted(units):
            collector.leaders_of(unit)
            collector.members_of(unit)
        found.append(collector.group(iri, grouping))
    return found
