"""The edges of the picture: the line, memberships, rooms and communication paths.

Line and member edges point down the tree (parent to child), as the layout wants. Each
drawing of people has a folded twin (``roomunit``, ``pathunit``) drawn instead while
people are folded into their units. Delegation edges are added by
:mod:`dlgraph.report.view.delegations`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import Node

from dlgraph.report.view.builder import Builder
from dlgraph.report.view.organisation import UNPLACED_GROUP, Organisation
from dlgraph.report.view.reading import sorted_nodes
from dlgraph.report.view.records import Edge

__all__ = ["EdgeList", "path_edges", "structure_edges"]


@dataclass
class EdgeList:
    """The edges in the order they are added; a second edge of a kind between the same
    two nodes is dropped (delegations excepted: each is its own edge)."""

    edges: list[Edge] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def add(
        self,
        kind: str,
        source: str,
        target: str,
        label: str = "",
        *,
        crosses: bool = False,
        findings: tuple[int, ...] = (),
        delegation: int | None = None,
    ) -> Edge | None:
        """Add an edge and return it, or None when it was there already."""
        key = (kind, source, target)
        if kind != "delegation" and key in self.seen:
            return None
        self.seen.add(key)
        edge = Edge(
            id=f"e{len(self.edges)}",
            kind=kind,
            source=source,
            target=target,
            label=label,
            crosses=crosses,
            findings=findings,
            delegation=delegation,
        )
        self.edges.append(edge)
        return edge


def structure_edges(b: Builder, org: Organisation, edges: EdgeList) -> None:
    """The line, the people in their units, and the members and leaders of rooms."""
    for unit in sorted_nodes(org.units):
        for above in sorted_nodes(org.parents.get(unit, ())):
            edges.add("line", b.ids[above], b.ids[unit])
    for person in sorted_nodes(org.people):
        placed = org.person_units.get(person, [])
        for unit in placed:
            edges.add("member", b.ids[unit], b.ids[person])
        if not placed:
            edges.add("member", UNPLACED_GROUP, b.ids[person])
    for room in sorted_nodes(org.rooms):
        gathered: set[Node] = set()
        for member in sorted_nodes(org.room_members.get(room, ())):
            gathered |= org.units_of(member)
            if member in b.ids and member != room:
                kind = "leads" if member in org.room_leaders.get(room, ()) else "room"
                edges.add(kind, b.ids[member], b.ids[room])
        # drawn instead of the member edges while people are folded into their units
        for unit in sorted_nodes(gathered):
            edges.add("roomunit", b.ids[unit], b.ids[room])


def path_edges(
    b: Builder, org: Organisation, focus_to: dict[Node, list[int]], edges: EdgeList
) -> None:
    """Communication paths: an edge between two ends, or edges to a hub for more."""
    for path, (ends, crosses) in org.path_info.items():
        path_findings = tuple(focus_to.get(path, ()))
        if len(ends) == 2 and all(end in b.ids for end in ends):
            edges.add(
                "path",
                b.ids[ends[0]],
                b.ids[ends[1]],
                b.label(path),
                crosses=crosses,
                findings=path_findings,
            )
        elif path in b.ids:
            for end in ends:
                if end in b.ids:
                    edges.add("path", b.ids[end], b.ids[path], crosses=crosses)
        # drawn instead while people are folded into their units: unit to unit (or hub)
        end_units = [sorted_nodes(org.units_of(end))[:1] for end in ends]
        if len(ends) == 2 and all(end_units) and end_units[0] != end_units[1]:
            edges.add(
                "pathunit",
                b.ids[end_units[0][0]],
                b.ids[end_units[1][0]],
                b.label(path),
                crosses=crosses,
                findings=path_findings,
            )
        elif len(ends) != 2 and path in b.ids:
            for found in end_units:
                if found:
                    edges.add("pathunit", b.ids[found[0]], b.ids[path], crosses=crosses)
