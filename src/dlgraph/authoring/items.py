"""What the case reader holds while it reads: where a value stands, the value as
written, and the item it belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from dlgraph.authoring.format import Section

__all__ = ["Item", "Raw", "Where"]


@dataclass(frozen=True)
class Where:
    """Where a value stands: file, 1-based line and column (YAML), the row (CSV, XLSX)
    and, in a workbook, the cell (``C3``); a workbook's ``file`` is ``book.xlsx#Sheet``."""

    file: str
    line: int | None
    column: int | None = None
    row: int | None = None
    cell: str | None = None


@dataclass
class Raw:
    """A value as written: a YAML node or a CSV or XLSX cell, with where it stands."""

    node: yaml.Node | str
    where: Where


@dataclass
class Item:
    """One item of a section, its values as written and as checked."""

    section: Section
    label: str
    where: Where
    raw: dict[str, Raw] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str | None:
        value = self.values.get("id")
        return value if isinstance(value, str) else None
