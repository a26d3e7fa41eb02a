"""The starter case ``dlgraph new`` writes: a commented case file, its CSV lists and the
JSON Schema of the format, copied from ``data/starter``; or (``--xlsx``) the same case as
one Excel workbook, a sheet ``case`` and a sheet per list (see :mod:`dlgraph.authoring.book`)."""

from __future__ import annotations

import io
import re
import string
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from dlgraph.authoring import tables
from dlgraph.authoring.book import CASE_SHEET
from dlgraph.authoring.format import METADATA, SCHEMA_FILE, SECTIONS, Section
from dlgraph.authoring.reference import case_reference
from dlgraph.errors import InputError, UnknownNameError
from dlgraph.resources import data_file
from dlgraph.write import write_atomic

__all__ = ["ABOUT", "ABOUT_SHEET", "STARTER_FILES", "STARTER_LANGUAGES", "new_case", "starter_book"]

STARTER_FILES = ("case.yaml", "people.csv", "memberships.csv", "acts.csv")
"""The starter case's files in ``data/starter``; ``case.yaml`` is renamed to the case."""
STARTER_LANGUAGES = ("en", "sv", "da")
"""The languages of the starter: English in ``data/starter``, the others in a folder
each, with comments, example names and ``language:`` in that language (and the CSV
files as Swedish and Danish Excel saves them: ``;`` between cells, a BOM)."""
_CASE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def new_case(
    name: str, folder: str | Path = ".", *, lang: str = "en", xlsx: bool = False
) -> list[Path]:
    """Write a commented starter case ``<folder>/<name>/<name>.yaml`` with its CSV files,
    or with ``xlsx`` the same case as one workbook ``<folder>/<name>/<name>.xlsx``.

    ``folder`` is created when missing. ``lang`` (en, sv or da) is the language of the
    comments, the example items and the case's ``language:``. The starter loads and
    validates as it is; a researcher replaces its example items. Returns the files
    written. Refuses to write into a folder that exists and is not empty.
    """
    if not _CASE_NAME.match(name):
        raise InputError(
            f"'{name}' is not a usable case name",
            hint="use letters, digits, '-' and '_', starting with a letter or digit",
        )
    if lang not in STARTER_LANGUAGES:
        raise UnknownNameError(f"no starter in the language {lang!r}", hint="use en, sv or da")
    parent = Path(folder)
    if parent.exists() and not parent.is_dir():
        raise InputError(f"{parent} is a file, not a folder", hint="choose another -o")
    target = parent / name
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(
            f"{target} already exists and is not empty",
            hint="choose another case name or output folder; nothing was overwritten",
        )
    target.mkdir(parents=True, exist_ok=True)
    where = ("starter",) if lang == "en" else ("starter", lang)
    if xlsx:
        return [write_atomic(target / f"{name}.xlsx", starter_book(name, lang))]
    written = []
    for file_name in STARTER_FILES:
        text = data_file(*where, file_name).read_text(encoding="utf-8")
        if file_name == "case.yaml":
            text = string.Template(text).substitute(case=name)
            file_name = f"{name}.yaml"
        written.append(write_atomic(target / file_name, text))
    schema = data_file(*SCHEMA_FILE).read_text(encoding="utf-8")
    written.append(write_atomic(target / "case.schema.json", schema))
    return written


ABOUT: dict[str, tuple[str, ...]] = {
    "en": (
        "{case}: a case study of distributed leadership in dlgraph's format for researchers.",
        "The sheet 'case' gives the case's own keys: a key in column A, its value in B.",
        "Every other sheet is a list (people, units, acts ...): the header row names the "
        "keys, one row per item; several values in one cell are separated by '|'.",
        "Each item has an id (a letter a-z, then letters, digits, - _ .), unique in the "
        "case; other items refer to it. Dates as 2020-03-18; a span as START/END.",
        "Replace the example rows with your own, then check the case: dlgraph validate {case}.xlsx",
        "The keys of every list, with an example each: dlgraph docs (the case format).",
        "A sheet whose name starts with _ (like this one) is not read.",
    ),
    "sv": (
        "{case}: en fallstudie av distribuerat ledarskap i dlgraphs format för forskare.",
        "Bladet 'case' anger fallets egna nycklar: nyckeln i kolumn A, värdet i B.",
        "Varje annat blad är en lista (people, units, acts ...): rubrikraden namnger "
        "nycklarna, en rad per post; flera värden i en cell skiljs åt med '|'.",
        "Varje post har ett id (en bokstav a-z, sedan bokstäver, siffror, - _ .), unikt i "
        "fallet; andra poster hänvisar till det. Datum som 2020-03-18; ett tidsspann som "
        "START/SLUT.",
        "Byt exempelraderna mot dina egna och kontrollera sedan fallet: "
        "dlgraph validate {case}.xlsx --lang sv",
        "Varje listas nycklar med ett exempel var: dlgraph docs (fallformatet).",
        "Ett blad vars namn börjar med _ (som det här) läses inte.",
    ),
    "da": (
        "{case}: en case om distribueret ledelse i dlgraphs format for forskere.",
        "Arket 'case' angiver casens egne nøgler: nøglen i kolonne A, værdien i B.",
        "Hvert andet ark er en liste (people, units, acts ...): overskriftsrækken navngiver "
        "nøglerne, én række pr. post; flere værdier i en celle adskilles med '|'.",
        "Hver post har et id (et bogstav a-z, derefter bogstaver, cifre, - _ .), entydigt i "
        "casen; andre poster henviser til det. Datoer som 2020-03-18; et tidsrum som "
        "START/SLUT.",
        "Erstat eksempelrækkerne med dine egne, og tjek derefter casen: "
        "dlgraph validate {case}.xlsx --lang da",
        "Hver listes nøgler med et eksempel hver: dlgraph docs (caseformatet).",
        "Et ark, hvis navn begynder med _ (som dette), læses ikke.",
    ),
}
"""The notes sheet of the starter workbook, by language."""
ABOUT_SHEET = {"en": "_about", "sv": "_om", "da": "_om"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def starter_book(name: str, lang: str = "en") -> bytes:
    """The starter case of ``lang`` as the bytes of one Excel workbook: the notes sheet,
    the sheet ``case`` and a sheet per list, with the items of the YAML and CSV starter."""
    import openpyxl  # only workbooks need it

    where = ("starter",) if lang == "en" else ("starter", lang)
    text = string.Template(data_file(*where, "case.yaml").read_text(encoding="utf-8"))
    case: dict[str, Any] = yaml.safe_load(text.substitute(case=name))
    book = openpyxl.Workbook()
    about = book.active
    assert about is not None
    about.title = ABOUT_SHEET[lang]
    for line in ABOUT[lang]:
        about.append([line.format(case=name)])
    about.column_dimensions["A"].width = 110
    sheet = book.create_sheet(CASE_SHEET)
    sheet.append(["key", "value"])
    for meta in METADATA:
        if meta.key in case:
            sheet.append([meta.key, _cell(case[meta.key])])
    for part in SECTIONS:
        listed = case.get(part.key)
        if isinstance(listed, str):
            rows = _csv_rows(data_file(*where, listed).read_bytes())
        elif isinstance(listed, list):
            keys = [f.key for f in part.all_fields if any(f.key in item for item in listed)]
            rows = [keys, *([_cell(item.get(key)) for key in keys] for item in listed)]
        else:
            continue
        sheet = book.create_sheet(part.key)
        for row in rows:
            sheet.append(row)
        _format_dates(sheet)
        _describe_header(sheet, part, lang)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _csv_rows(data: bytes) -> list[list[Any]]:
    """A starter CSV file's rows, dates as date cells (as Excel makes them on opening)."""
    text = tables.decode(data)
    return [
        [datetime.fromisoformat(cell) if _ISO_DATE.match(cell) else cell for cell in cells]
        for _, _, cells in tables.rows(text, tables.separator(text))
    ]


def _cell(value: Any) -> Any:
    """A YAML value as a workbook cell: a list joined with '|', a date as a date cell."""
    if isinstance(value, list):
        return " | ".join(str(one) for one in value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _describe_header(sheet: Any, part: Section, lang: str) -> None:
    """A note on each header cell: what the key says, in ``lang`` (as the reference has it)."""
    from openpyxl.comments import Comment

    section = next(doc for doc in case_reference(lang) if doc.key == part.key)
    keys = {doc.key: doc for doc in section.keys}
    for cell in next(sheet.iter_rows(max_row=1)):
        doc = keys.get(str(cell.value))
        if doc is not None:
            cell.comment = Comment(f"{doc.description}\n({doc.type})", "dlgraph")


def _format_dates(sheet: Any) -> None:
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd"
