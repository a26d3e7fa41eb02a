"""The lists of a case kept in spreadsheets: CSV files and Excel workbooks (``.xlsx``),
one row per item, the header row naming the keys.

A section (or an entry of its list) names the file: ``people.csv``, ``people.xlsx`` (its
first sheet) or ``people.xlsx#People`` (the sheet called People). A problem in a CSV file
names its line and row; in a workbook its sheet, row and cell (``people.xlsx#People:3:2:
row 2, column 'name' (cell B3): ...``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from dlgraph.authoring import files, tables
from dlgraph.authoring.format import TABLE_FILE, Section
from dlgraph.authoring.items import Item, Raw, Where
from dlgraph.authoring.messages import quoted, suggest, visible
from dlgraph.authoring.words import say

__all__ = ["TableReader", "is_table_file", "sheet_place"]

_TABLE_FILE = re.compile(TABLE_FILE, re.IGNORECASE)

# a record: its first line (CSV) or row (XLSX), then its cells
_Records = Iterator[tuple[int, list[str]]]


def sheet_place(book: str) -> Callable[[int, int, int | None], Where]:
    """Where a row (and a cell of it) of the sheet ``book`` (``file.xlsx#Sheet``) stands."""

    def place(line: int, row: int, index: int | None) -> Where:
        if index is None:
            return Where(book, line, None, row)
        return Where(book, line, index + 1, row, f"{tables.column_letter(index)}{line}")

    return place


def is_table_file(text: str) -> bool:
    """True when ``text`` names a CSV file or a workbook's sheet."""
    return bool(_TABLE_FILE.search(text))


class TableReader:
    """Reads the CSV files and workbooks of a case into items (a part of the reader)."""

    name: str
    folder: Path
    items: list[Item]
    budget: files.Budget
    ids: dict[str, Item]
    allow_outside: bool | None
    lang: str

    def fail(self, where: Where, key: str | None, message: str, hint: str | None = None) -> None:
        raise NotImplementedError  # pragma: no cover - the reader reports problems

    def _shows(self, text: str, where: Where) -> bool:
        """Whether a message may quote ``text``, found at ``where`` (see
        :func:`~dlgraph.authoring.messages.visible`: tokens only in the case file)."""
        return visible(text, token=where.file == self.name, known=self.ids)

    def _q(self, text: str, where: Where) -> str:
        """``text`` quoted for a message, or hidden (see :meth:`_shows`)."""
        return quoted(text, token=where.file == self.name, known=self.ids, lang=self.lang)

    def _shown(self, relative: str) -> str:
        return str(Path(self.name).parent / relative) if self.name != "<string>" else relative

    def _read_table_file(self, part: Section, relative: str, where: Where) -> None:
        """Read the items of ``part`` from the CSV file or workbook ``relative`` names."""
        if relative.lower().endswith(".csv"):
            self._read_csv(part, relative, where)
        else:
            self._read_xlsx(part, relative, where)

    def _open(self, part: Section, relative: str, what: str, where: Where) -> Path | None:
        """The path of a file the case names, when it may be read; else None, reported."""
        try:
            return files.confined_path(self.folder, relative, what, self.allow_outside, self.lang)
        except files.FileRefused as refused:
            self.fail(where, part.key, refused.message, refused.hint)
            return None

    def _read_csv(self, part: Section, relative: str, where: Where) -> None:
        shown = self._shown(relative)
        path = self._open(part, relative, "CSV file", where)
        if path is None:
            return
        try:
            stream = files.open_regular(path, "CSV file", relative, self.lang)
        except OSError as error:
            message = say("cannot_read_csv", self.lang, file=relative, reason=error.strerror)
            self.fail(where, part.key, message)
            return
        except files.FileRefused as refused:
            self.fail(where, part.key, refused.message, refused.hint)
            return

        read = [0]  # the last line read

        def records() -> _Records:
            chunks = self.budget.reader(stream, shown)
            for start, end, cells in tables.records(tables.text_chunks(chunks)):
                read[0] = end
                yield start, cells

        def place(line: int, row: int, index: int | None) -> Where:
            return Where(shown, line, None, row)

        with stream:
            try:
                self._read_records(part, records(), shown, place, "CSV file")
            except csv.Error as error:
                message = say("not_csv", self.lang, error=error)
                self.fail(Where(shown, read[0] + 1), part.key, message)
            except tables.DecodeProblem as problem:
                self._decode_problem(part.key, shown, problem)
            except OSError as error:
                message = say("cannot_read_csv", self.lang, file=relative, reason=error.strerror)
                self.fail(where, part.key, message)

    def _decode_problem(self, key: str, shown: str, problem: tables.DecodeProblem) -> None:
        """A CSV file that is not UTF-8 (or UTF-16) text, worded in the case's language."""
        if problem.byte is None:
            message = say("not_utf16", self.lang)
        else:
            message = say("not_utf8", self.lang, byte=problem.byte, line=problem.line)
        self.fail(Where(shown, problem.line), key, message, say("csv_utf8_hint", self.lang))

    def _read_xlsx(self, part: Section, relative: str, where: Where) -> None:
        file_name, _, sheet = relative.partition("#")
        shown = self._shown(file_name)
        path = self._open(part, file_name, "workbook", where)
        if path is None:
            return
        try:
            files.check_workbook(path, "workbook", file_name, shown, self.budget)
            title, cells = tables.read_sheet(path, sheet or None)
        except FileNotFoundError:
            self.fail(where, part.key, say("no_workbook", self.lang, file=file_name))
            return
        except OSError as error:
            message = say("cannot_read_book", self.lang, file=file_name, reason=error.strerror)
            self.fail(where, part.key, message)
            return
        except files.FileRefused as refused:
            self.fail(where, part.key, refused.message, refused.hint)
            return
        except tables.SheetProblem as problem:
            message, hint = self._sheet_problem(problem, Where(shown, None))
            self.fail(
                where, part.key, say("in_file", self.lang, message=message, file=file_name), hint
            )
            return
        book = f"{shown}#{title}"
        self._read_records(part, iter(cells), book, sheet_place(book), "sheet")

    def _sheet_problem(self, problem: tables.SheetProblem, listed: Where) -> tuple[str, str]:
        """A workbook's problem worded in the case's language: message and hint (a sheet's
        name hidden unless a message may quote it at ``listed``)."""
        if problem.sheet is None:
            error = say("damaged", self.lang, kind=problem.damaged) if problem.damaged else None
            message = say("unreadable_book", self.lang, error=error or problem.error)
            return message, say("unreadable_book_hint", self.lang)
        names = [name if self._shows(name, listed) else "…" for name in problem.sheets]
        hint = say("sheets_are", self.lang, sheets=", ".join(names))
        if "…" in names:
            hint += say("sheet_hidden", self.lang)
        message = say("no_sheet", self.lang, sheet=problem.sheet)
        return message, hint

    def _read_records(
        self,
        part: Section,
        records: _Records,
        shown: str,
        place: Callable[[int, int, int | None], Where],
        kind: str,
    ) -> None:
        header = next(records, None)
        if header is None:
            empty = "empty_sheet" if kind == "sheet" else "empty_csv"
            self.fail(Where(shown, 1), part.key, say(empty, self.lang))
            return
        columns = [cell.strip() for cell in header[1]]
        while kind == "sheet" and columns and not columns[-1]:
            columns.pop()  # a workbook's empty cells right of the header
        usable = self._header(part, columns, shown)
        row = 0
        for line, cells in records:
            if not any(cell.strip() for cell in cells):
                continue
            row += 1
            label = say("row_label", self.lang, section=part.key, row=row)
            item = Item(part, label, place(line, row, None))
            extra = [cell for cell in cells[len(usable) :] if cell.strip()]
            if len(cells) > len(usable) and (extra or kind == "CSV file"):
                self.fail(
                    item.where,
                    None,
                    say("cell_count", self.lang, cells=len(cells), columns=len(usable)),
                )
            for index, (name, cell) in enumerate(zip(usable, cells, strict=False)):
                if name is not None and cell.strip():
                    item.raw[name] = Raw(cell.strip(), place(line, row, index))
            self.items.append(item)

    def _header(
        self,
        part: Section,
        columns: list[str],
        shown: str,
    ) -> list[str | None]:
        """The key each header column names (None for a column that is not read)."""
        keys = [f.key for f in part.all_fields]
        usable: list[str | None] = []
        for number, column in enumerate(columns, start=1):
            key = tables.header_key(column, keys)
            chosen = part.field(key) if key is not None else None
            here = Where(shown, 1)
            if not column:
                self.fail(here, part.key, say("unnamed_column", self.lang, number=number))
                usable.append(None)
            elif chosen is None:
                self.fail(
                    here,
                    column,
                    say(
                        "unknown_column", self.lang, column=self._q(column, here), section=part.key
                    ),
                    hint=suggest(tables.normal_key(column), keys, self.lang)
                    or say("columns_are", self.lang, section=part.key, keys=", ".join(keys)),
                )
                usable.append(None)
            elif chosen.key in usable:
                self.fail(
                    here, column, say("duplicate_column", self.lang, column=self._q(column, here))
                )
                usable.append(None)
            elif chosen.type == "object":
                self.fail(
                    here,
                    column,
                    say("object_column", self.lang, column=self._q(column, here)),
                    hint=say("object_column_hint", self.lang, section=part.key),
                )
                usable.append(None)
            else:
                usable.append(chosen.key)
        return usable
