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

__all__ = ["PLACE_WORDS", "SourcePlace", "SourcePlaces", "Step", "WrittenNode"]

Step: TypeAlias = tuple[URIRef, bool]
"""A property and whether it is read backwards (``True`` for ``^p``)."""


PLACE_WORDS: Mapping[str, str] = {
    "row": "{section} row {row}",
    "column": "column '{key}'",
    "cell": "cell {cell}",
    "add": "add '{key}'",
}
"""How a place is worded in English; the report passes its own language's words."""


@dataclass(frozen=True)
class SourcePlace:
    """Where an item or one of its values stands in the case as written.

    ``file`` is the case file, CSV file or ``book.xlsx#Sheet``; ``line`` the 1-based
    line (the sheet's row in a workbook); ``item`` the item as the case reader names it
    (``delegations[3]``, ``memberships row 2``), ``section`` its list; ``row`` the row
    after the header in a CSV file or sheet, ``cell`` a workbook's cell (``C5``);
    ``key`` the key or column; ``given`` False when the key is not written there (the
    item lacks it).
    """

    file: str
    line: int | None
    item: str
    key: str | None = None
    row: int | None = None
    cell: str | None = None
    given: bool = True
    section: str | None = None

    def __str__(self) -> str:
        return self.text()

    def at(self) -> str:
        """The file and line: ``cases/x.yaml:42``."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def item_text(self, words: Mapping[str, str] = PLACE_WORDS) -> str:
        """The item: ``delegations[3]``, or ``memberships row 2`` in ``words``' language."""
        if self.row is not None and self.section is not None:
            return words["row"].format(section=self.section, row=self.row)
        return self.item

    def text(self, words: Mapping[str, str] = PLACE_WORDS) -> str:
        """The place for people: ``cases/x.yaml:42 (delegations[3].mandate)``,
        ``acts.csv:5 (acts row 4, column 'time')``, ``x.yaml:40 (mandates[2]: add
        'frames')`` for a key not given; worded by ``words`` (see :data:`PLACE_WORDS`)."""
        item = self.item_text(words)
        if self.key is None:
            return f"{self.at()} ({item})"
        if not self.given:
            return f"{self.at()} ({item}: {words['add'].format(key=self.key)})"
        if self.row is not None:
            column = words["column"].format(key=self.key)
            cell = f", {words['cell'].format(cell=self.cell)}" if self.cell else ""
            return f"{self.at()} ({item}, {column}{cell})"
        return f"{self.at()} ({item}.{self.key})"

    def to_dict(self) -> dict[str, str | int | bool | None]:
        """The place as JSON: file, line, row, cell, section, item, key and whether the
        key is given."""
        return {
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "cell": self.cell,
            "section": self.section,
            "item": self.item,
            "key": self.key,
            "given": self.given,
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
