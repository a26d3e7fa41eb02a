"""The starter case ``dlgraph new`` writes: a commented case file, its CSV lists and the
JSON Schema of the format, copied from ``data/starter``."""

from __future__ import annotations

import re
import string
from pathlib import Path

from dlgraph.authoring.format import SCHEMA_FILE
from dlgraph.errors import InputError
from dlgraph.resources import data_file
from dlgraph.write import write_atomic

__all__ = ["STARTER_FILES", "new_case"]

STARTER_FILES = ("case.yaml", "people.csv", "memberships.csv", "acts.csv")
"""The starter case's files in ``data/starter``; ``case.yaml`` is renamed to the case."""
_CASE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def new_case(name: str, folder: str | Path = ".") -> list[Path]:
    """Write a commented starter case ``<folder>/<name>/<name>.yaml`` with its CSV files.

    The starter loads as it is; a researcher replaces its example items. Returns the
    files written. Refuses to write into a folder that exists and is not empty.
    """
    if not _CASE_NAME.match(name):
        raise InputError(
            f"'{name}' is not a usable case name",
            hint="use letters, digits, '-' and '_', starting with a letter or digit",
        )
    parent = Path(folder)
    if not parent.is_dir():
        raise InputError(
            f"the folder {parent} does not exist", hint="create it or choose another -o"
        )
    target = parent / name
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(
            f"{target} already exists and is not empty",
            hint="choose another case name or output folder; nothing was overwritten",
        )
    target.mkdir(exist_ok=True)
    written = []
    for file_name in STARTER_FILES:
        text = data_file("starter", file_name).read_text(encoding="utf-8")
        if file_name == "case.yaml":
            text = string.Template(text).substitute(case=name)
            file_name = f"{name}.yaml"
        written.append(write_atomic(target / file_name, text))
    schema = data_file(*SCHEMA_FILE).read_text(encoding="utf-8")
    written.append(write_atomic(target / "case.schema.json", schema))
    return written
