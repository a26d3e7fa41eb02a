"""Sources read by rdflib's parsers (and Oxigraph's, for Turtle and its kin, through
:func:`dlgraph.load.parse.parse_document`), each into a Dataset of its own.

Each source becomes its own named graph (a file's graph is named by its ``file:`` URI;
N-Quads, TriG and JSON-LD keep the graph names they carry). All sources of one call are
parsed first; the caller merges them only when every one of them succeeded.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

from dlgraph.authoring import load_placed_case
from dlgraph.errors import InputError
from dlgraph.formats import AUTHORING_EXTENSIONS, RdfFormat, format_for_name
from dlgraph.limits import check_file
from dlgraph.load.parse import parse_document
from dlgraph.load.sources import (
    LoadedSource,
    LoadProgress,
    ReadOptions,
    SourceItem,
    with_progress,
)
from dlgraph.network import network_policy
from dlgraph.prefixes import bind_prefixes_up_to

__all__ = ["read_item", "read_items"]


def read_items(
    items: Sequence[SourceItem],
    options: ReadOptions,
    progress: Callable[[LoadProgress], None] | None = None,
) -> list[tuple[LoadedSource, Dataset]]:
    """Parse every expanded source into its own Dataset, raising on the first that fails."""
    return [read_item(item, options) for item in with_progress(items, progress)]


def read_item(item: SourceItem, options: ReadOptions) -> tuple[LoadedSource, Dataset]:
    """Parse one expanded source into a new Dataset with dlgraph's parsers and checks."""
    format, base, graph_name = options.format, options.base, options.graph_name
    allow_network, max_bytes = options.allow_network, options.max_bytes
    if item.kind == "path" and item.path is not None:
        check_file(item.path, None, max_bytes, None)
    if item.kind == "graph":
        assert item.graph is not None
        return _copy_graph(item.graph, graph_name)
    if item.kind == "path" and item.path is not None:
        if format is None and item.path.suffix.lower() in AUTHORING_EXTENSIONS:
            return _read_case(item.path, graph_name, options)
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
        return _read_case(item.path, graph_name, options)
    dataset, fmt = parse_document(
        item.data,
        format,
        source=item.name,
        base=item_base,
        allow_network=allow_network,
        max_bytes=max_bytes,
    )
    return _record(item.name, name, fmt.name, dataset), dataset


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from error


def _read_case(
    path: Path, graph_name: str | None, options: ReadOptions
) -> tuple[LoadedSource, Dataset]:
    """Read a researcher case file (YAML with its CSV lists) through dlgraph.authoring.case,
    keeping where each of its items was written beside the triples."""
    graph, places = load_placed_case(
        path, max_bytes=options.max_bytes, allow_outside=options.allow_outside
    )
    name = URIRef(graph_name) if graph_name else URIRef(path.resolve().as_uri())
    dataset = Dataset()
    bind_prefixes_up_to(dataset, graph.namespaces())
    target = dataset.graph(name)
    for triple in graph:
        target.add(triple)
    return LoadedSource(str(path), name, "case", len(graph), places), dataset


def _copy_graph(graph: Graph, graph_name: str | None) -> tuple[LoadedSource, Dataset]:
    dataset = Dataset()
    bind_prefixes_up_to(dataset, graph.namespaces())
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
