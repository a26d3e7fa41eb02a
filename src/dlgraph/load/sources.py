"""``dlgraph.load``: read files, folders, strings, file objects and graphs into an OrgGraph.

Each source becomes its own named graph (a file's graph is named by its ``file:`` URI;
N-Quads, TriG and JSON-LD keep the graph names they carry). All sources of one call are
parsed first and merged only when every one of them succeeded.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal, TypeAlias

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

from dlgraph.errors import InputError
from dlgraph.formats import AUTHORING_EXTENSIONS, RdfFormat, format_for_name
from dlgraph.graph import AUTO_OXIGRAPH_BYTES, Engine, LoadedSource, OrgGraph
from dlgraph.load.parse import DEFAULT_MAX_BYTES, check_size, parse_document
from dlgraph.network import NetworkSetting, is_url, network_policy

__all__ = [
    "FOLDER_EXTENSIONS",
    "LoadProgress",
    "SourceItem",
    "SourceLike",
    "check_file_size",
    "choose_engine",
    "expand_source",
    "expand_sources",
    "load",
    "read_item",
    "read_items",
    "read_sources",
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


def load(
    *sources: SourceLike,
    format: str | RdfFormat | None = None,
    base: str | None = None,
    graph_name: str | None = None,
    allow_network: NetworkSetting = False,
    progress: Callable[[LoadProgress], None] | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    engine: Engine = "auto",
) -> OrgGraph:
    """Load organisation graphs from files, folders, strings, file objects or rdflib graphs.

    * a path (str or :class:`~pathlib.Path`) to a file in Turtle, TriG, N-Triples,
      N-Quads, JSON-LD or RDF/XML (format from the extension, else from the content), or
      to a researcher case file (``.yaml``, ``.yml``, ``.csv``);
    * a folder: every file in it and below with an extension of :data:`FOLDER_EXTENSIONS`;
    * a string or bytes holding RDF (told from a path by its content);
    * an open file object, text or binary;
    * an rdflib Graph or Dataset, copied.

    ``format`` forces one format for every source. ``base`` resolves relative IRIs of
    strings and file objects (files use their own ``file:`` URI). ``graph_name`` puts the
    triples of every source that are outside a named graph into that one named graph
    (e.g. one per municipality). Nothing is fetched from the network unless
    ``allow_network`` is True or a list of allowed URL prefixes. ``progress`` is called
    before each source and once at the end. A source larger than ``max_bytes`` (2 GiB
    unless given; None for no limit) raises LimitExceeded before it is read.

    ``engine`` says where the graph lives: ``rdflib`` (rdflib's memory store and SPARQL
    engine), ``oxigraph`` (an Oxigraph store in memory under the same rdflib Dataset
    API; SPARQL on Oxigraph's engine), or ``auto``: Oxigraph when the sources hold at
    least :data:`~dlgraph.graph.AUTO_OXIGRAPH_BYTES` bytes, rdflib below.
    """
    items = expand_sources(sources)
    graph = OrgGraph(engine=choose_engine(engine, items))
    return graph._load_items(
        items,
        format=format,
        base=base,
        graph_name=graph_name,
        allow_network=allow_network,
        progress=progress,
        max_bytes=max_bytes,
    )


def choose_engine(engine: Engine, items: Sequence[SourceItem]) -> Literal["rdflib", "oxigraph"]:
    """The engine ``engine`` stands for given what will be loaded (``auto``: by size)."""
    if engine == "rdflib" or engine == "oxigraph":
        return engine
    if engine != "auto":
        raise InputError(
            f"unknown engine {engine!r}", hint="give engine='auto', 'rdflib' or 'oxigraph'"
        )
    from dlgraph.load.oxigraph_reader import source_bytes

    return "oxigraph" if source_bytes(items) >= AUTO_OXIGRAPH_BYTES else "rdflib"


def read_sources(
    sources: Sequence[SourceLike],
    *,
    format: str | RdfFormat | None = None,
    base: str | None = None,
    graph_name: str | None = None,
    allow_network: NetworkSetting = False,
    progress: Callable[[LoadProgress], None] | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> list[tuple[LoadedSource, Dataset]]:
    """Parse every source into its own Dataset, raising on the first that fails."""
    return read_items(
        expand_sources(sources),
        format=format,
        base=base,
        graph_name=graph_name,
        allow_network=allow_network,
        progress=progress,
        max_bytes=max_bytes,
    )


def read_items(
    items: Sequence[SourceItem],
    *,
    format: str | RdfFormat | None = None,
    base: str | None = None,
    graph_name: str | None = None,
    allow_network: NetworkSetting = False,
    progress: Callable[[LoadProgress], None] | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> list[tuple[LoadedSource, Dataset]]:
    """Parse every expanded source into its own Dataset, raising on the first that fails."""
    return [
        read_item(
            item,
            format=format,
            base=base,
            graph_name=graph_name,
            allow_network=allow_network,
            max_bytes=max_bytes,
        )
        for item in with_progress(items, progress)
    ]


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


def read_item(
    item: SourceItem,
    *,
    format: str | RdfFormat | None,
    base: str | None,
    graph_name: str | None,
    allow_network: NetworkSetting,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> tuple[LoadedSource, Dataset]:
    """Parse one expanded source into a new Dataset with dlgraph's parsers and checks."""
    if item.kind == "path" and item.path is not None:
        check_file_size(item.path, max_bytes)
    if item.kind == "graph":
        assert item.graph is not None
        return _copy_graph(item.graph, graph_name)
    if item.kind == "path" and item.path is not None:
        if format is None and item.path.suffix.lower() in AUTHORING_EXTENSIONS:
            return _read_case(item.path, graph_name)
        name = URIRef(graph_name) if graph_name else URIRef(item.path.resolve().as_uri())
        data = _read_bytes(item.path)
        dataset, fmt = parse_document(
            data,
            format,
            source=item.name,
            base=item.path.resolve().as_uri(),
            allow_network=allow_network,
            max_bytes=max_bytes,
        )
        return _record(item.name, name, fmt.name, dataset), dataset
    if item.kind == "url":
        data = network_policy(allow_network).fetch(item.name, "loading a source")
        name = URIRef(graph_name or item.name)
        fmt_hint: str | RdfFormat | None = format or format_for_name(item.name.split("?")[0])
        dataset, fmt = parse_document(
            data,
            fmt_hint,
            source=item.name,
            base=item.name,
            allow_network=allow_network,
            max_bytes=max_bytes,
        )
        return _record(item.name, name, fmt.name, dataset), dataset
    assert item.data is not None
    digest = hashlib.sha256(
        item.data.encode("utf-8") if isinstance(item.data, str) else item.data
    ).hexdigest()[:16]
    if graph_name:
        name = URIRef(graph_name)
    elif item.path is not None:
        name = URIRef(item.path.resolve().as_uri())
    else:
        name = URIRef(f"urn:dlgraph:input:{digest}")
    item_base = base or (item.path.resolve().as_uri() if item.path is not None else None)
    if (
        format is None
        and item.path is not None
        and item.path.suffix.lower() in AUTHORING_EXTENSIONS
    ):
        return _read_case(item.path, graph_name)
    dataset, fmt = parse_document(
        item.data,
        format,
        source=item.name,
        base=item_base,
        allow_network=allow_network,
        max_bytes=max_bytes,
    )
    return _record(item.name, name, fmt.name, dataset), dataset


def check_file_size(path: Path, max_bytes: int | None) -> None:
    """Refuse a file over the limit before reading it (case files included)."""
    if max_bytes is None:
        return
    try:
        size = path.stat().st_size
    except OSError:
        return  # reading it will say what is wrong
    if size > max_bytes:
        check_size(b"", str(path), max_bytes, size=size)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from error


def _read_case(path: Path, graph_name: str | None) -> tuple[LoadedSource, Dataset]:
    """Read a researcher case file (YAML with its CSV lists) through dlgraph.authoring.case."""
    from dlgraph.authoring import (
        load_case,  # imported here: the case format is only read on demand
    )

    graph: Graph = load_case(path)
    name = URIRef(graph_name) if graph_name else URIRef(path.resolve().as_uri())
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=False)
    target = dataset.graph(name)
    for triple in graph:
        target.add(triple)
    return LoadedSource(str(path), name, "case", len(graph)), dataset


def _copy_graph(graph: Graph, graph_name: str | None) -> tuple[LoadedSource, Dataset]:
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=False)
    identifier = None if isinstance(graph, ConjunctiveGraph) else graph.identifier
    if graph_name:
        name = URIRef(graph_name)
    elif isinstance(identifier, URIRef) and identifier != DATASET_DEFAULT_GRAPH_ID:
        name = identifier
    else:
        name = URIRef(f"urn:dlgraph:graph:{uuid.uuid4()}")
    if isinstance(graph, ConjunctiveGraph):
        for s, p, o, context in graph.quads((None, None, None, None)):
            keep = (
                isinstance(context, URIRef)
                and context != DATASET_DEFAULT_GRAPH_ID
                and not graph_name
            )
            dataset.graph(context if keep else name).add((s, p, o))
    else:
        target = dataset.graph(name)
        for triple in graph:
            target.add(triple)
    return _record("<graph>", name, "rdflib", dataset), dataset


def _record(source: str, name: URIRef, fmt: str, dataset: Dataset) -> LoadedSource:
    return LoadedSource(source, name, fmt, sum(1 for _ in dataset.quads((None, None, None, None))))
