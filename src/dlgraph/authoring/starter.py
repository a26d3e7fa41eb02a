"""The starter case ``dlgraph new`` writes: a commented case file, its CSV lists and the
JSON Schema of the format, copied from ``data/starter``."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dlgraph.authoring.format import SCHEMA_FILE
from dlgraph.errors import InputError, UnknownNameError
from dlgraph.resources import data_file
from dlgraph.write import write_atomic

__all__ = ["STARTER_FILES", "STARTER_LANGUAGES", "new_case"]

STARTER_FILES = ("case.yaml", "people.csv", "memberships.csv", "acts.csv")
"""The starter case's files in ``data/starter``; ``case.yaml`` is renamed to the case."""
STARTER_LANGUAGES = ("en", "sv", "da")
"""The languages of the starter: English in ``data/starter``, the others in a folder
each, with comments, example names and ``language:`` in that language (and the CSV
files as Swedish and Danish Excel saves them: ``;`` between cells, a BOM)."""
_CASE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def new_case(name: str, folder: str | Path = ".", *, lang: str = "en") -> list[Path]:
    """Write a commented starter case ``<folder>/<name>/<name>.yaml`` with its CSV files.

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
    written = []
    where = ("starter",) if lang == "en" else ("starter", lang)
    for file_name in STARTER_FILES:
        text = data_file(*where, file_name).read_text(encoding="utf-8")
        if file_name == "case.yaml":
            text = string.Template(text).substitute(case=name)
            file_name = f"{name}.yaml"
        written.append(write_atomic(target / file_name, text))
    schema = data_file(*SCHEMA_FILE).read_text(encoding="utf-8")
    written.append(write_atomic(target / "case.schema.json", schema))
    return written
