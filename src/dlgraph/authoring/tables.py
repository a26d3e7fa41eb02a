"""Spreadsheets as they are saved: how the case reader takes a CSV file's bytes apart.

Excel writes CSV in the locale's dialect: in Sweden and Denmark with ``;`` between cells
(the comma is the decimal sign there), a byte order mark when saved as "CSV UTF-8", and
CRLF line ends; elsewhere with ``,``. This module decodes the bytes (UTF-8 with or without
a BOM, UTF-16 with a BOM), detects the separator from the header line, reads booleans in
English, Swedish and Danish, splits lists inside a cell and matches header names to keys.
The case reader takes a file a chunk at a time (:func:`text_chunks`, :func:`records`), so
that it holds no more of it than the rows read so far; :func:`decode` and :func:`rows`
read a whole text.

Lists inside a cell: items are separated by ``|`` in every file, or by ``;`` (the older
form). A cell that holds ``;`` in a semicolon-separated file is quoted, which Excel does by
itself, so both forms read the same in both dialects; ``|`` is the one to type by hand.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from dlgraph.privacy import showing_values

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

__all__ = [
    "BOOLEANS",
    "CSV_UTF8_HINT",
    "LIST_SEPARATORS",
    "DecodeProblem",
    "SheetProblem",
    "cell_text",
    "column_letter",
    "decode",
    "header_key",
    "normal_key",
    "parse_bool",
    "read_sheet",
    "records",
    "rows",
    "rows_of",
    "separator",
    "sheet_titles",
    "split_list",
    "text_chunks",
]

BOOLEANS: dict[str, bool] = {
    **dict.fromkeys(("true", "yes", "ja", "sant", "sand", "1"), True),
    **dict.fromkeys(("false", "no", "nej", "falskt", "falsk", "0"), False),
}
"""The words for true and false, compared case-insensitively: en, sv, da, and 1/0."""

LIST_SEPARATORS = "|;"
"""What separates the items of a list inside a cell; ``|`` works in every dialect."""

CSV_UTF8_HINT = (
    "save the file as UTF-8: in Excel choose File > Save As and the file type "
    "'CSV UTF-8 (Comma delimited) (*.csv)' (Swedish Excel: 'CSV UTF-8 (kommaavgränsad)', "
    "Danish: 'CSV UTF-8 (kommasepareret)'); in another editor choose the encoding UTF-8"
)
"""What to do with a CSV file that is not UTF-8 text."""

_SEPARATORS = (",", ";", "\t")
_LIST = re.compile("[" + re.escape(LIST_SEPARATORS) + "]")


@dataclass(frozen=True)
class DecodeProblem(Exception):
    """Bytes that are not text in an encoding read without guessing; ``line`` is 1-based."""

    line: int
    message: str
    hint: str
    byte: int | None = None
    """The first byte that is not UTF-8 (None: broken UTF-16)."""


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (a BOM is dropped) or UTF-16 with its BOM.

    Any other encoding (Windows-1252, say, Excel's plain "CSV" on Windows) cannot be told
    from the bytes alone, so it is refused with the line of the first byte that is not
    UTF-8 and how to save the file as UTF-8.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            line = data[: error.start].decode("utf-16", errors="replace").count("\n") + 1
            raise DecodeProblem(line, "the file is not valid UTF-16 text", CSV_UTF8_HINT) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise DecodeProblem(
            line,
            f"the file is not UTF-8 text (byte 0x{byte:02X} on line {line}; "
            "perhaps saved as Windows-1252 or another 8-bit encoding)",
            CSV_UTF8_HINT,
            byte,
        ) from error


def separator(text: str) -> str:
    """The cell separator of a CSV file: the one of ``,`` ``;`` and tab the header uses most.

    Separators inside quotes do not count; a header with none of them (one column) is
    read with ``,``.
    """
    first = _first_record(text)
    counts = {candidate: 0 for candidate in _SEPARATORS}
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_SEPARATORS, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def _first_record(text: str) -> str:
    """The header record, up to the first line end outside quotes."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return text[:index]
    return text


def rows(text: str, delimiter: str) -> Iterator[tuple[int, int, list[str]]]:
    """``(first line, last line, cells)`` of each record; csv.Error for broken quoting."""
    yield from rows_of(io.StringIO(text, newline=""), delimiter)


def text_chunks(chunks: Iterable[bytes]) -> Iterator[str]:
    """The text of a CSV file read a chunk at a time, as :func:`decode` reads it whole:
    UTF-8 (a BOM is dropped) or UTF-16 with its BOM, DecodeProblem naming the line."""
    pending = iter(chunks)
    head = next(pending, b"")
    while len(head) < 3 and head:
        more = next(pending, b"")
        if not more:
            break
        head += more
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        head = head[2:]
    else:
        encoding = "utf-8"
        head = head.removeprefix(codecs.BOM_UTF8)
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0  # line ends in the text given so far
    data: bytes | None = head
    while data is not None:
        following = next(pending, None)
        try:
            text = decoder.decode(data, final=following is None)
        except UnicodeDecodeError as error:
            raise _decode_problem(error, encoding, lines) from error
        lines += text.count("\n")
        if text:
            yield text
        data = following


def _decode_problem(error: UnicodeDecodeError, encoding: str, lines: int) -> DecodeProblem:
    before = error.object[: error.start]
    if encoding == "utf-8":
        line = lines + before.count(b"\n") + 1
        byte = error.object[error.start]
        return DecodeProblem(
            line,
            f"the file is not UTF-8 text (byte 0x{byte:02X} on line {line}; "
            "perhaps saved as Windows-1252 or another 8-bit encoding)",
            CSV_UTF8_HINT,
            byte,
        )
    line = lines + before.decode(encoding, errors="replace").count("\n") + 1
    return DecodeProblem(line, "the file is not valid UTF-16 text", CSV_UTF8_HINT)


def _lines(texts: Iterable[str]) -> Iterator[str]:
    """Whole lines (ending in LF, CRLF or CR, as ``newline=""`` reads them) of text given
    in pieces; a piece without a line end waits, unjoined, for the next."""
    waiting: list[str] = []
    for text in texts:
        if "\n" not in text and "\r" not in text:
            waiting.append(text)
            continue
        waiting.append(text)
        lines = io.StringIO("".join(waiting), newline="").readlines()
        last = lines[-1]
        waiting = [lines.pop()] if not last.endswith("\n") else []
        yield from lines
    rest = "".join(waiting)
    if rest:
        yield rest


def records(texts: Iterable[str]) -> Iterator[tuple[int, int, list[str]]]:
    """``(first line, last line, cells)`` of each record of a CSV file given as pieces of
    text, read as they come; the separator is the header's (see :func:`separator`)."""
    lines = _lines(texts)
    header: list[str] = []
    for line in lines:
        header.append(line)
        joined = "".join(header)
        if len(_first_record(joined)) < len(joined):
            break
    yield from rows_of(itertools.chain(header, lines), separator("".join(header)))


def rows_of(lines: Iterable[str], delimiter: str) -> Iterator[tuple[int, int, list[str]]]:
    """``(first line, last line, cells)`` of each record of whole lines; csv.Error for
    broken quoting."""
    reader = csv.reader(lines, delimiter=delimiter)
    line = 0
    for cells in reader:
        yield line + 1, reader.line_num, cells
        line = reader.line_num


def parse_bool(text: str) -> bool | None:
    """True or False for a word of :data:`BOOLEANS` in any case, else None."""
    return BOOLEANS.get(text.strip().casefold())


def split_list(cell: str) -> list[str]:
    """The items of a list written in one cell (``a | b`` or ``a; b``), blanks dropped."""
    return [part.strip() for part in _LIST.split(cell) if part.strip()]


def normal_key(column: str) -> str:
    """A header name as a key: case, spaces and hyphens do not matter (``Own initiative``)."""
    return re.sub(r"[\s-]+", "_", column.strip()).casefold()


def header_key(column: str, keys: Iterable[str]) -> str | None:
    """The key a header cell names, matched without regard to case, or None."""
    wanted = normal_key(column)
    for key in keys:
        if normal_key(key) == wanted:
            return key
    return None


# --- Excel workbooks -------------------------------------------------------------------


@dataclass(frozen=True)
class SheetProblem(Exception):
    """A workbook that cannot be read, or a sheet it does not have."""

    message: str
    hint: str | None = None
    sheet: str | None = None
    """The sheet asked for that the workbook lacks (None: the workbook is unreadable)."""
    sheets: tuple[str, ...] = ()
    """The sheets the workbook has, when it lacks the one asked for."""
    error: str = ""
    """Why the workbook could not be read."""
    damaged: str = ""
    """The kind of the reader's error, when its words (which may hold a cell) are hidden."""


def column_letter(index: int) -> str:
    """The letters of a 0-based column index as Excel names it: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV file would hold: dates ISO 8601, whole numbers
    without ``.0``, booleans true/false, nothing for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _open_book(path: Path) -> Workbook:
    """``path`` opened read-only by openpyxl (values, not formulas); FileNotFoundError
    when there is no file, SheetProblem when openpyxl cannot read it."""
    import openpyxl

    if not path.is_file():
        raise FileNotFoundError(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl and its XML parser raise many kinds
        raise _unreadable(error) from error


def read_sheet(path: Path, sheet: str | None) -> tuple[str, list[tuple[int, list[str]]]]:
    """The title and the rows (row number, cells as text) of a sheet of a workbook: the
    sheet called ``sheet``, else the first. FileNotFoundError when there is no file,
    SheetProblem when it is not a workbook, is damaged or lacks the sheet."""
    book = _open_book(path)
    try:
        names = list(book.sheetnames)
        if sheet is None:
            chosen = names[0]
        elif sheet in names:
            chosen = sheet
        else:
            folded = {name.casefold(): name for name in names}
            if sheet.casefold() not in folded:
                raise SheetProblem(
                    f"no sheet '{sheet}' in the workbook",
                    f"the sheets are: {', '.join(names)}",
                    sheet,
                    tuple(names),
                )
            chosen = folded[sheet.casefold()]
        rows = [
            (number, [cell_text(value) for value in values])
            for number, values in enumerate(book[chosen].iter_rows(values_only=True), start=1)
        ]
    except SheetProblem:
        raise
    except Exception as error:
        raise _unreadable(error) from error
    finally:
        book.close()
    return chosen, rows


def _unreadable(error: Exception) -> SheetProblem:
    """A workbook that cannot be read; the reader's words only where they cannot hold a
    cell's text (zip and file errors), else its kind, unless values may be shown."""
    plain = isinstance(error, OSError | KeyError | zipfile.BadZipFile) or showing_values()
    detail = str(error) if plain else f"it is damaged ({type(error).__name__})"
    return SheetProblem(
        f"cannot read the workbook: {detail}",
        "save it from Excel as an Excel workbook (.xlsx), or as CSV UTF-8",
        error=detail,
        damaged="" if plain else type(error).__name__,
    )


def sheet_titles(path: Path) -> list[str]:
    """The titles of a workbook's sheets, in order; FileNotFoundError or SheetProblem as
    :func:`read_sheet` raises them. Open it with the case's protections first
    (:func:`dlgraph.authoring.files.open_regular`, ``Budget.take_workbook``), as the
    reader does; each sheet is then read with :func:`read_sheet`."""
    book = _open_book(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()
