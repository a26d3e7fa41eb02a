"""What every reader is given and gives back: sources, their expansion, their records.

:func:`expand_sources` turns what a caller passes (paths, folders, URLs, RDF text or bytes,
file objects, rdflib graphs) into :class:`SourceItem` s; each reader (rdflib's, Oxigraph's,
the store's) reads those, reports :class:`LoadProgress`, and says what each source gave
in a :class:`LoadedSource`. These records live below every reader so that none of them
imports another.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TypeAlias

from rdflib import Graph, URIRef

from dlgraph.errors import InputError
from dlgraph.formats import RdfFormat
from dlgraph.limits import DEFAULT_MAX_BYTES
from dlgraph.network import NetworkSetting, is_url
from dlgraph.places import SourcePlaces

__all__ = [
    "FOLDER_EXTENSIONS",
    "LoadProgress",
    "LoadedSource",
    "ReadOptions",
    "SourceItem",
    "SourceLike",
    "expand_source",
    "expand_sources",
    "source_bytes",
    "with_progress",
]

SourceLike: TypeAlias = str | bytes | os.PathLike[str] | IO[str] | IO[bytes] | Graph
"""What :func:`load` accepts: a path, a URL, RDF text or bytes, a file object, a Graph."""

FOLDER_EXTENSIONS: tuple[str, ...] = (
    ".ttl",
    ".turtle",
    ".trig",
    ".nt",
    ".ntriples",
    ".nq",
    ".nquads",
    ".jsonld",
    ".rdf",
    ".owl",
    ".yaml",
    ".yml",
)
"""Files read when a folder is given. ``.json``, ``.xml`` and ``.csv`` are read only when
named one by one, because folders hold such files for other purposes too."""

_RDF_STARTS = ("@prefix", "@base", "prefix ", "base ", "<", "{", "[", "_:", "#")
"""How RDF text starts (lower-cased), as opposed to a path."""


@dataclass(frozen=True)
class LoadProgress:
    """Where a load stands: ``done`` of ``total`` sources read, ``name`` the next one."""

    done: int
    total: int
    name: str


@dataclass(frozen=True)
class SourceItem:
    """One source to read: a file, a URL, text or bytes, or a Graph (``kind`` says which)."""

    kind: str  # "path", "url", "data", "graph"
    name: str
    path: Path | None = None
    data: bytes | str | None = None
    graph: Graph | None = None


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read, the same for every reader (see :func:`dlgraph.load`)."""

    format: str | RdfFormat | None = None
    """One format for every source; None: each source's own (extension, then content)."""
    base: str | None = None
    """The base of relative IRIs in strings and file objects (files use their own URI)."""
    graph_name: str | None = None
    """The named graph for every triple outside a named graph; None: one per source."""
    allow_network: NetworkSetting = False
    """Whether (or which URL prefixes) may be fetched."""
    max_bytes: int | None = DEFAULT_MAX_BYTES
    """The largest source read (None: no limit)."""
    allow_outside: bool | None = None
    """Whether a case may read files outside its folder (None: as ``--allow-outside`` or
    :func:`dlgraph.authoring.files.allow_outside` says, else not)."""


@dataclass(frozen=True)
class LoadedSource:
    """One source that was loaded: what it was, where it went, how it was read."""

    name: str
    """The path, URL, or ``<string>`` / ``<graph>`` for in-memory sources."""
    graph: URIRef
    """The named graph that received the source's triples outside any named graph."""
    format: str
    """The format it was read as (a dlgraph format name, ``case`` or ``rdflib``)."""
    statements: int
    """How many statements (triples or quads) it contributed."""
    places: SourcePlaces = field(default_factory=SourcePlaces, compare=False, repr=False)
    """Where each node of a case file was written (empty for RDF sources)."""


def with_progress(
    items: Sequence[SourceItem], progress: Callable[[LoadProgress], None] | None
) -> Iterator[SourceItem]:
    """``items`` one by one, telling ``progress`` before each and once after the last
    (not after a failure: the caller's exception ends the iteration)."""
    for index, item in enumerate(items):
        if progress is not None:
            progress(LoadProgress(index, len(items), item.name))
        yield item
    if progress is not None:
        progress(LoadProgress(len(items), len(items), ""))


def expand_sources(sources: Iterable[SourceLike]) -> list[SourceItem]:
    """The items all ``sources`` stand for, in order (see :func:`expand_source`)."""
    return [item for source in sources for item in expand_source(source)]


def expand_source(source: SourceLike) -> Iterator[SourceItem]:
    """The items one source stands for: a folder's RDF files, or the source itself."""
    if isinstance(source, Graph):
        yield SourceItem("graph", "<graph>", graph=source)
    elif isinstance(source, bytes | bytearray):
        yield SourceItem("data", "<bytes>", data=bytes(source))
    elif isinstance(source, os.PathLike):
        yield from _expand_path(Path(source))
    elif isinstance(source, str):
        if is_url(source):
            yield SourceItem("url", source)
        elif _looks_like_path(source):
            yield from _expand_path(Path(source))
        else:
            yield SourceItem("data", "<string>", data=source)
    elif hasattr(source, "read"):
        content = source.read()
        name = getattr(source, "name", None)
        label = name if isinstance(name, str) and not name.startswith("<") else "<stream>"
        path = Path(label) if label != "<stream>" and Path(label).is_file() else None
        yield SourceItem("data", label, path=path, data=content)
    else:
        raise InputError(
            f"cannot load a {type(source).__name__}",
            hint="give a path, a folder, a string of RDF, a file object or an rdflib Graph",
        )


def _looks_like_path(text: str) -> bool:
    """Whether a string names a file rather than holding RDF itself."""
    if "\n" in text or "\r" in text or not text.strip():
        return False
    if Path(text).exists():
        return True
    stripped = text.strip()
    if stripped.lower().startswith(_RDF_STARTS):
        return False
    return not (stripped.endswith(".") and any(c.isspace() for c in stripped))


def _expand_path(path: Path) -> Iterator[SourceItem]:
    if path.is_dir():
        files = sorted(
            candidate
            for candidate in path.rglob("*")
            if candidate.is_file()
            and candidate.suffix.lower() in FOLDER_EXTENSIONS
            and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
        )
        if not files:
            raise InputError(
                f"{path}: the folder holds no RDF or case files",
                hint=f"dlgraph reads files ending in {', '.join(FOLDER_EXTENSIONS)}",
            )
        for file in files:
            yield SourceItem("path", str(file), path=file)
    elif path.is_file():
        yield SourceItem("path", str(path), path=path)
    elif path.exists():
        raise InputError(f"{path}: not a regular file or folder")
    else:
        raise InputError(f"{path}: no such file or folder", hint="check the path")


def source_bytes(items: Iterable[SourceItem]) -> int:
    """About how many bytes of RDF ``items`` hold (a Graph counts 100 bytes a triple)."""
    total = 0
    for item in items:
        if item.path is not None and item.data is None:
            with contextlib.suppress(OSError):  # reading it will say what is wrong
                total += item.path.stat().st_size
        elif item.data is not None:
            total += len(item.data)
        elif item.graph is not None:
            total += 100 * len(item.graph)
    return total
