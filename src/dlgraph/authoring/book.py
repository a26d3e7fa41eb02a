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

from dlgraph.authoring import files, tables
from dlgraph.authoring.format import METADATA, SECTIONS, Field
from dlgraph.authoring.items import Raw, Where
from dlgraph.authoring.messages import suggest
from dlgraph.authoring.rows import TableReader, sheet_place
from dlgraph.authoring.words import message_language, say

__all__ = ["CASE_SHEET", "NOTES_MARK", "BookReader", "book_language"]

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
    asked: str | None

    def _read_meta(self, spec: Field, raw: Raw) -> None:
        raise NotImplementedError  # pragma: no cover - the case reader reads the keys

    def _check_meta(self, present: dict[str, Where]) -> None:
        raise NotImplementedError  # pragma: no cover - the case reader checks them

    def _read_book(self, path: Path) -> None:
        """Read the case's keys and lists from the sheets of the workbook at ``path``."""
        try:
            files.check_workbook(path, "case workbook", self.name, self.name, self.budget)
            titles = tables.sheet_titles(path)
        except FileNotFoundError:
            self.fail(Where(self.name, None), None, say("no_case_file", self.lang))
            return
        except OSError as error:
            message = say("cannot_read_case", self.lang, error=error.strerror)
            self.fail(Where(self.name, None), None, message)
            return
        except files.FileRefused as refused:
            self.fail(Where(self.name, None), None, refused.message, refused.hint)
            return
        except tables.SheetProblem as problem:
            self.fail(
                Where(self.name, None), None, *self._sheet_problem(problem, Where(self.name, None))
            )
            return
        try:
            declared = book_language(path, titles)
        except tables.SheetProblem:
            declared = None  # the case sheet's problem is reported when it is read
        self.lang = message_language(declared, self.asked)
        self.budget.lang = self.lang
        present: dict[str, Where] = {}
        has_case = False
        for title in titles:
            key = tables.normal_key(title)
            if title.startswith(NOTES_MARK):
                continue
            book = f"{self.name}#{title}"
            try:
                _, rows = tables.read_sheet(path, title)
            except tables.SheetProblem as problem:
                self.fail(Where(book, None), None, *self._sheet_problem(problem, Where(book, None)))
                continue
            if key == CASE_SHEET:
                has_case = True
                self._top_where = Where(book, 1, 1, None, "A1")
                self._read_case_sheet(book, rows, present)
            elif key in _SECTIONS:
                self._read_records(_SECTIONS[key], iter(rows), book, sheet_place(book), "sheet")
            else:
                fix = say("stray_sheet_hint", self.lang, sheets=", ".join(_SHEETS), mark=NOTES_MARK)
                close = suggest(key, _SHEETS, self.lang)
                self.fail(
                    Where(book, None),
                    None,
                    say("stray_sheet", self.lang, title=title),
                    hint=f"{close} {fix}" if close else fix,
                )
        if not has_case:
            self.fail(
                Where(self.name, None),
                None,
                say("no_case_sheet", self.lang, sheet=CASE_SHEET),
                hint=say("no_case_sheet_hint", self.lang, sheet=CASE_SHEET),
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
                    say("unknown_case_key", self.lang, key=self._q(name, where), sheet=CASE_SHEET),
                    hint=suggest(tables.normal_key(name), _METADATA, self.lang)
                    or say("case_keys_are", self.lang, keys=", ".join(_METADATA)),
                )
                continue
            if key in present:
                first = present[key].line
                self.fail(
                    where,
                    key,
                    say("duplicate_key", self.lang, key=self._q(key, where)),
                    say("first_given_row", self.lang, row=first),
                )
                continue
            present[key] = where
            self._read_meta(_METADATA[key], Raw(value, where))


def book_language(path: Path, titles: list[str]) -> str | None:
    """The ``language`` the workbook's ``case`` sheet gives, if any."""
    for title in titles:
        if tables.normal_key(title) == CASE_SHEET:
            for _, cells in tables.read_sheet(path, title)[1]:
                if len(cells) > 1 and tables.normal_key(cells[0]) == "language":
                    return cells[1].strip() or None
    return None
