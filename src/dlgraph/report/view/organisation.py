"""The line organisation of a view: units, people, rooms and paths, and their nodes.

:func:`read_organisation` finds what is a unit, a person, an organisational room or a
communication path, who sits where in the line and who is in which room;
:func:`pending_nodes` says how each is drawn, and :func:`materialise` makes the picture
nodes once the findings on them are known.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from dlgraph.ontology.labels import is_pseudonym
from dlgraph.ontology.namespaces import DL, FOAF, ORG, PROV
from dlgraph.report.view.builder import Builder
from dlgraph.report.view.reading import (
    LINE_DOWN,
    LINE_UP,
    closure,
    instances,
    leaderships,
    memberships,
    sorted_nodes,
)
from dlgraph.report.view.records import PictureNode

__all__ = [
    "UNPLACED_GROUP",
    "Organisation",
    "Pending",
    "materialise",
    "pending_nodes",
    "read_organisation",
]

UNPLACED_GROUP = "unplaced"
"""The id of the grouping node people who belong to no unit are drawn under."""

Pending = tuple[Node, str, str, str | None, tuple[tuple[str, str], ...], bool]
"""A picture node before its findings are known: node, kind, type label, parent id,
details, crosses."""


@dataclass
class Organisation:
    """Who and what the picture draws, and how they hang together."""

    units: set[Node]
    people: set[Node]
    rooms: set[Node]
    paths: set[Node] = field(default_factory=set)
    parents: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    person_units: dict[Node, list[Node]] = field(default_factory=lambda: defaultdict(list))
    person_roles: dict[Node, list[str]] = field(default_factory=lambda: defaultdict(list))
    room_members: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    room_leaders: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    path_info: dict[Node, tuple[list[Node], bool]] = field(default_factory=dict)
    """For each path: the agents it connects and whether it crosses units."""

    def units_of(self, agent: Node) -> set[Node]:
        """The unit an agent is, or the units a person sits in."""
        if agent in self.units:
            return {agent}
        return set(self.person_units.get(agent, ()))

    @property
    def drawn(self) -> set[Node]:
        """Every node the picture draws (besides the grouping of unplaced people)."""
        return self.units | self.people | self.rooms | self.paths


def read_organisation(b: Builder, class_graph: Graph) -> Organisation:
    """Units, people, rooms and paths of the graph, and how they are related."""
    org = _classify(b.graph, class_graph)
    _read_line(b.graph, org)
    _place_people(b, org)
    _read_rooms(b.graph, org)
    _add_agents(b.graph, org)
    return org


def _classify(graph: Graph, class_graph: Graph) -> Organisation:
    """What is a room, a unit and a person by its classes and the line properties."""
    room_classes = closure(class_graph, [DL.OrganisationalRoom])
    org_classes = closure(class_graph, [ORG.Organization, ORG.OrganizationalUnit])
    person_classes = closure(class_graph, [FOAF.Person, DL.Person, PROV.Person])

    rooms = instances(graph, room_classes)
    units = instances(graph, org_classes - room_classes) - rooms
    for predicate in LINE_UP + LINE_DOWN:
        for a, b_ in graph.subject_objects(predicate):
            units.update(n for n in (a, b_) if n not in rooms)
    people = instances(graph, person_classes) - units - rooms
    return Organisation(units=units, people=people, rooms=rooms)


def _read_line(graph: Graph, org: Organisation) -> None:
    """The units each unit is in the line under."""
    for predicate in LINE_UP:
        for child, above in graph.subject_objects(predicate):
            if child in org.units and above in org.units:
                org.parents[child].add(above)
    for predicate in LINE_DOWN:
        for above, child in graph.subject_objects(predicate):
            if child in org.units and above in org.units:
                org.parents[child].add(above)


def _place_people(b: Builder, org: Organisation) -> None:
    """People: where they sit in the line, what they lead, and what rooms they are in."""
    units, rooms, people = org.units, org.rooms, org.people
    for leader, unit in leaderships(b.graph):
        if unit in rooms:
            org.room_leaders[unit].add(leader)
            continue
        units.add(unit)
        if leader not in units:
            people.add(leader)
            if unit not in org.person_units[leader]:
                org.person_units[leader].insert(0, unit)
            org.person_roles[leader].append(f"{b.t('formal_leader_of')} {b.label(unit)}")
    for member, organisation, role in memberships(b.graph):
        if organisation in rooms:
            org.room_members[organisation].add(member)
            if role == DL.ProcessLearningLeader:
                org.room_leaders[organisation].add(member)
        elif member not in units and member not in rooms:
            people.add(member)
            units.add(organisation)
            if organisation not in org.person_units[member]:
                org.person_units[member].append(organisation)
        if role is not None and member not in units:
            org.person_roles[member].append(f"{b.label(role)} ({b.label(organisation)})")


def _read_rooms(graph: Graph, org: Organisation) -> None:
    """Who leads each room; leaders are members of their room and are people."""
    for room, leader in graph.subject_objects(DL.ledBy):
        if room in org.rooms:
            org.room_leaders[room].add(leader)
    for leader, room in graph.subject_objects(DL.leads):
        if room in org.rooms:
            org.room_leaders[room].add(leader)
    for room, leaders in org.room_leaders.items():
        org.room_members[room].update(leaders)
        for leader in leaders:
            if leader not in org.units and leader not in org.rooms:
                org.people.add(leader)


def _add_agents(graph: Graph, org: Organisation) -> None:
    """Agents named by delegations, acts and paths are people when they are not units."""

    def add(agent: Node) -> None:
        if agent not in org.units and agent not in org.rooms and not isinstance(agent, Literal):
            org.people.add(agent)

    agent_predicates = (DL.delegator, DL.delegatee, DL.actor, DL.directedBy, DL.grantedBy)
    for predicate in agent_predicates:
        for agent in graph.objects(None, predicate):
            add(agent)
    for agent in graph.objects(None, DL.grantedTo):
        add(agent)
    org.paths = set(graph.subjects(RDF.type, DL.CommunicationPath)) | set(
        graph.subjects(DL.connects, None)
    )
    for path in org.paths:
        for agent in graph.objects(path, DL.connects):
            add(agent)


def pending_nodes(b: Builder, org: Organisation) -> tuple[list[Pending], bool]:
    """The picture nodes of units, people, rooms and hub paths, and whether anyone is
    drawn under the grouping of people in no unit."""
    pending = _unit_nodes(b, org)
    people, any_unplaced = _person_nodes(b, org)
    pending += people
    pending += _room_nodes(b, org)
    pending += _path_nodes(b, org)
    return pending, any_unplaced


def _unit_nodes(b: Builder, org: Organisation) -> list[Pending]:
    pending: list[Pending] = []
    for unit in sorted_nodes(org.units):
        up = sorted_nodes(org.parents.get(unit, ()))
        parent = b.node_id(up[0]) if up else None
        details = [(b.t("in_line_under"), ", ".join(b.label(p) for p in up))] if up else []
        heads = sorted_nodes(leader for leader, u in leaderships(b.graph) if u == unit)
        if heads:
            details.append((b.t("formal_leader"), ", ".join(b.label(x) for x in heads)))
        pending.append(
            (unit, "unit", b.type_label(unit, b.t("unit")), parent, tuple(details), False)
        )
    return pending


def _person_nodes(b: Builder, org: Organisation) -> tuple[list[Pending], bool]:
    pending: list[Pending] = []
    any_unplaced = False
    for person in sorted_nodes(org.people):
        placed = org.person_units.get(person, [])
        parent = b.node_id(placed[0]) if placed else UNPLACED_GROUP
        any_unplaced = any_unplaced or not placed
        details = []
        roles = sorted(set(org.person_roles.get(person, [])))
        if roles:
            details.append((b.t("roles"), "; ".join(roles)))
        if len(placed) > 1:
            details.append((b.t("units"), ", ".join(b.label(u) for u in placed)))
        if is_pseudonym([b.graph], person):
            details.append((b.t("name"), b.t("pseudonym")))
        pending.append(
            (person, "person", b.type_label(person, b.t("person")), parent, tuple(details), False)
        )
    return pending, any_unplaced


def _room_nodes(b: Builder, org: Organisation) -> list[Pending]:
    pending: list[Pending] = []
    for room in sorted_nodes(org.rooms):
        spanned: set[Node] = set()
        for member in org.room_members.get(room, ()):
            spanned |= org.units_of(member)
        room_heads = sorted_nodes(org.room_leaders.get(room, ()))
        details = [
            (b.t("led_by"), ", ".join(b.label(x) for x in room_heads) or b.t("nobody")),
            (b.t("members"), str(len(org.room_members.get(room, ())))),
            (b.t("units_gathered"), ", ".join(sorted(b.label(u) for u in spanned)) or "-"),
        ]
        pending.append(
            (room, "room", b.type_label(room, b.t("room")), None, tuple(details), len(spanned) > 1)
        )
    return pending


def _path_nodes(b: Builder, org: Organisation) -> list[Pending]:
    """Paths between two ends are edges; the others are drawn as hubs."""
    pending: list[Pending] = []
    for path in sorted_nodes(org.paths):
        ends = sorted_nodes(
            a for a in b.graph.objects(path, DL.connects) if not isinstance(a, Literal)
        )
        spanned: set[Node] = set()
        for end in ends:
            spanned |= org.units_of(end)
        crosses = len(spanned) > 1
        org.path_info[path] = (ends, crosses)
        if len(ends) != 2:
            medium = b.literal(path, DL.medium)
            details = [(b.t("connects"), ", ".join(b.label(e) for e in ends) or "-")]
            if medium:
                details.append((b.t("medium"), medium))
            pending.append(
                (path, "path", b.type_label(path, b.t("path")), None, tuple(details), crosses)
            )
    return pending


def materialise(
    b: Builder,
    pending: list[Pending],
    focus_to: dict[Node, list[int]],
    grouping: bool,
) -> list[PictureNode]:
    """Make the picture nodes, with the findings on them; the grouping node first when
    ``grouping`` (someone is in no unit)."""
    for node, kind, type_label, parent_id, node_details, crosses in pending:
        b.nodes[node] = PictureNode(
            id=b.node_id(node),
            kind=kind,
            label=b.label(node),
            iri=str(node) if isinstance(node, URIRef) else "",
            type_label=type_label,
            parent=parent_id,
            details=node_details,
            crosses=crosses,
            quotes=b.quotes_of(node),
            findings=tuple(focus_to.get(node, ())),
        )
    picture: list[PictureNode] = []
    if grouping:
        picture.append(
            PictureNode(
                id=UNPLACED_GROUP,
                kind="group",
                label=b.t("not_in_a_unit"),
                iri="",
                type_label=b.t("group"),
                parent=None,
            )
        )
    return picture
