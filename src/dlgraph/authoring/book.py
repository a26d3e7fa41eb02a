"""A whole case as one Excel workbook: a sheet ``case`` for the case's own keys and a
sheet per list, named after it (``people``, ``units``, ``trust relations`` ...).

The ``case`` sheet has a key in column A and its value in column B (``case``, ``base``,
``language``, ``title`` ...), under an optional header row ``key | value``. Every other
sheet is read as a list's CSV file would be: a header row naming the keys, one row per
item. A sheet whose name starts with ``_`` holds notes and is not read. A problem names
the sheet, row and cell (``case.xlsx#people:3:2``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dlgraph.authoring import tables
from dlgraph.authoring.format import METADATA, SECTIONS, Field
from dlgraph.authoring.items import Raw, Where
from dlgraph.authoring.messages import suggest
from dlgraph.authoring.rows import TableReader, sheet_place

__all__ = ["CASE_SHEET", "NOTES_MARK", "BookReader"]

CASE_SHEET = "case"
"""The sheet that holds the case's own keys."""
NOTES_MARK = "_"
"""How the name of a sheet that is not read starts."""

_SECTIONS = {tables.normal_key(s.key): s for s in SECTIONS}
_METADATA = {m.key: m for m in METADATA}
_SHEETS = (CASE_SHEET, *(s.key for s in SECTIONS))


class BookReader(TableReader):
    """Reads a case from one workbook (a part of the case reader)."""

    meta: dict[str, Any]
    _top_where: Where

    def _read_meta(self, spec: Field, raw: Raw) -> None:
        raise NotImplementedError  # pragma: no cover - the case reader reads the keys

    def _check_meta(self, present: dict[str, Where]) -> None:
        raise NotImplementedError  # pragma: no cover - the case reader checks them

    def _read_book(self, path: Path) -> None:
        """Read the case's keys and lists from the sheets of the workbook at ``path``."""
        try:
            titles = tables.sheet_titles(path)
        except FileNotFoundError:
            self.fail(Where(self.name, None), None, "no such case file")
            return
        except tables.SheetProblem as problem:
            self.fail(Where(self.name, None), None, problem.message, problem.hint)
            return
        present: dict[str, Where] = {}
        has_case = False
        for title in titles:
            key = tables.normal_key(title)
            if title.startswith(NOTES_MARK):
                continue
            _, rows = tables.read_sheet(path, title)
            book = f"{self.name}#{title}"
            if key == CASE_SHEET:
                has_case = True
                self._top_where = Where(book, 1, 1, None, "A1")
                self._read_case_sheet(book, rows, present)
            elif key in _SECTIONS:
                self._read_records(_SECTIONS[key], iter(rows), book, sheet_place(book), "sheet")
            else:
                self.fail(
                    Where(book, None),
                    None,
                    f"the workbook has a sheet '{title}' that is not a list of a case",
                    hint=" ".join(
                        part
                        for part in (
                            suggest(key, _SHEETS),
                            f"Name each sheet after a list ({', '.join(_SHEETS)}), or start "
                            f"its name with '{NOTES_MARK}' to keep notes on it.",
                        )
                        if part
                    ),
                )
        if not has_case:
            self.fail(
                Where(self.name, None),
                None,
                f"the workbook has no sheet '{CASE_SHEET}'",
                hint=f"a workbook is a case when a sheet '{CASE_SHEET}' gives case, base and "
                "language (a key in column A, its value in column B) and a sheet per list; "
                "a workbook of one list is named in the case's YAML file (people: people.xlsx)",
            )
            return
        self._check_meta(present)

    def _read_case_sheet(
        self, book: str, rows: list[tuple[int, list[str]]], present: dict[str, Where]
    ) -> None:
        """The ``case`` sheet: a key in column A, its value in column B."""
        for number, cells in rows:
            name = cells[0].strip() if cells else ""
            value = cells[1].strip() if len(cells) > 1 else ""
            if not name and not any(cell.strip() for cell in cells):
                continue
            if number == 1 and name.casefold() == "key":
                continue  # the header row
            where = Where(book, number, 2, None, f"B{number}")
            key = tables.header_key(name, _METADATA)
            if key is None:
                self.fail(
                    Where(book, number, 1, None, f"A{number}"),
                    name,
                    f"unknown key '{name}' on the sheet {CASE_SHEET}",
                    hint=suggest(tables.normal_key(name), _METADATA)
                    or f"the keys of the case are: {', '.join(_METADATA)}; each list goes "
                    "on a sheet of its own",
                )
                continue
            if key in present:
                self.fail(where, key, f"duplicate key '{key}'", f"first given on row {number}")
                continue
            present[key] = where
            self._read_meta(_METADATA[key], Raw(value, where))
