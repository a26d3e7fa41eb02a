"""Locate the data files shipped inside the package (ontology, shapes, queries, context).

Everything is found through :mod:`importlib.resources`, so an installed wheel works
offline and from a zip. The ontology and the shapes are the exception in a source or
editable checkout: there they are the repository's top-level ``ontology/`` and
``shapes/`` folders, which the wheel's build maps into ``dlgraph/data/`` (pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["data_dir", "data_file", "iter_data_files"]

_PACKAGE = "dlgraph"

CHECKOUT_FOLDERS = ("ontology", "shapes")
"""Data folders kept at the top of the repository and copied into the wheel."""


def _data_folder(name: str) -> Traversable:
    """``dlgraph/data/<name>``, or the checkout's ``<name>/`` when the package lacks it."""
    package = resources.files(_PACKAGE)
    node = package.joinpath("data").joinpath(name)
    if name in CHECKOUT_FOLDERS and not node.is_dir() and isinstance(package, Path):
        # src/dlgraph -> the repository root
        checkout = package.parent.parent / name
        if checkout.is_dir():
            return checkout
    return node


def data_dir(*parts: str) -> Traversable:
    """The folder ``dlgraph/data/<parts>`` inside the installed package."""
    if not parts:
        return resources.files(_PACKAGE).joinpath("data")
    node = _data_folder(parts[0])
    for part in parts[1:]:
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
