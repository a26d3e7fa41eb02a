"""Locate the data files shipped inside the package (ontology, shapes, queries, context).

Everything is found through :mod:`importlib.resources`, so an installed wheel works
offline and from a zip, and an editable checkout reads the repository's own files.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["data_dir", "data_file", "iter_data_files"]

_PACKAGE = "dlgraph"


def data_dir(*parts: str) -> Traversable:
    """The folder ``dlgraph/data/<parts>`` inside the installed package."""
    node = resources.files(_PACKAGE).joinpath("data")
    for part in parts:
        node = node.joinpath(part)
    return node


def data_file(*parts: str) -> Traversable:
    """One shipped data file; raises FileNotFoundError naming it when it is missing."""
    node = data_dir(*parts)
    if not node.is_file():
        missing = "/".join(parts)
        raise FileNotFoundError(f"dlgraph data file missing from the package: data/{missing}")
    return node


def iter_data_files(folder: str, suffix: str) -> Iterator[Traversable]:
    """The files of one shipped data folder ending in ``suffix``, sorted by name."""
    node = data_dir(folder)
    if not node.is_dir():
        return iter(())
    files = [f for f in node.iterdir() if f.name.endswith(suffix)]
    return iter(sorted(files, key=lambda f: f.name))
