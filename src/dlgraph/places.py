"""Where the researcher wrote each node of a case: file, line or row, and the key.

A side record kept beside the data graph, never in it, so that validation, queries and
outputs stay exactly as they were. The case reader gives one :class:`SourcePlaces` per
case file; the OrgGraph keeps it with the source it was loaded from, and a validation
report names, for each finding, the place of its focus node and of the key its property
was written with (:meth:`SourcePlaces.place`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeAlias

from rdflib import URIRef
from rdflib.term import Node

__all__ = ["SourcePlace", "SourcePlaces", "Step", "WrittenNode"]

Step: TypeAlias = tuple[URIRef, bool]
"""A property and whether it is read backwards (``True`` for ``^p``)."""


@dataclass(frozen=True)
class SourcePlace:
    """Where an item or one of its values stands in the case as written.

    ``file`` is the case file, CSV file or ``book.xlsx#Sheet``; ``line`` the 1-based
    line (the sheet's row in a workbook); ``row`` the row after the header in a CSV file
    or sheet, ``cell`` a workbook's cell (``C5``); ``item`` the item as the case
    reader names it (``delegations[3]``, ``memberships row 2``); ``key`` the key or
    column; ``given`` False when the key is not written there (the item lacks it).
    """

    file: str
    line: int | None
    item: str
    key: str | None = None
    row: int | None = None
    cell: str | None = None
    given: bool = True

    def __str__(self) -> str:
        at = f"{self.file}:{self.line}" if self.line is not None else self.file
        if self.row is not None:
            column = f", column '{self.key}'" if self.key else ""
            cell = f", cell {self.cell}" if self.cell and self.given else ""
            return f"{at} ({self.item}{column}{cell})"
        return f"{at} ({self.item}.{self.key})" if self.key else f"{at} ({self.item})"

    def to_dict(self) -> dict[str, str | int | bool | None]:
        """The place as JSON: file, line, row, cell, item, key, given and the text."""
        return {
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "cell": self.cell,
            "item": self.item,
            "key": self.key,
            "given": self.given,
            "text": str(self),
        }


@dataclass(frozen=True)
class WrittenNode:
    """One node written as an item: where it stands, the key that writes each property
    of its kind of item, and where each property given stands."""

    place: SourcePlace
    keys: Mapping[Step, str] = field(default_factory=dict)
    values: Mapping[Step, SourcePlace] = field(default_factory=dict)


@dataclass(frozen=True)
class SourcePlaces:
    """The written nodes of one or more case files, by node (a mapping of sorts)."""

    nodes: Mapping[Node, WrittenNode] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes)

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def place(self, node: Node, steps: Sequence[Step] = ()) -> SourcePlace | None:
        """Where ``node`` was written, at the value of the first of ``steps`` given
        (else at the item, naming the key that would write the first one); None when
        the node was not written in a case."""
        written = self.nodes.get(node)
        if written is None:
            return None
        for step in steps:
            if step in written.values:
                return written.values[step]
        for step in steps:
            if step in written.keys:
                return replace(written.place, key=written.keys[step], given=False)
        return written.place

    @classmethod
    def joined(cls, many: Iterable[SourcePlaces]) -> SourcePlaces:
        """The places of several sources; a node written twice keeps its first place."""
        nodes: dict[Node, WrittenNode] = {}
        for places in many:
            for node, written in places.nodes.items():
                nodes.setdefault(node, written)
        return cls(nodes)
