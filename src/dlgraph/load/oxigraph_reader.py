"""Loading sources into an OrgGraph on the Oxigraph backend.

Turtle, TriG, N-Triples and N-Quads files are read by Oxigraph's own parser straight into
the store (:mod:`dlgraph.oxigraph.reader`, no rdflib term is made); every other source
(JSON-LD, RDF/XML, case files, strings, file objects, URLs, rdflib graphs) is read by the
rdflib reader, with its checks, and its quads are then stored. Either way the result is
what the rdflib backend would hold: a file's triples outside any named graph go to the
graph named by its ``file:`` URI (or ``graph_name``), blank nodes are new for each
document, and the prefixes a Turtle or TriG file declares are bound.

All sources of one call are read into a new store first; only when every one succeeded
do they reach the graph (a failed load leaves it unchanged). Where Oxigraph's parser
rejects a file, the rdflib reader reads it again so that the error is the one
:func:`dlgraph.load` gives on either backend (the limits are the same on both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyoxigraph as ox
from rdflib import URIRef

from dlgraph.errors import InputError
from dlgraph.formats import AUTHORING_EXTENSIONS, RdfFormat, format_for_name, rdf_format
from dlgraph.limits import DEFAULT_MAX_DEPTH
from dlgraph.load.rdflib_reader import read_item
from dlgraph.load.sources import (
    LoadedSource,
    LoadProgress,
    ReadOptions,
    SourceItem,
    with_progress,
)
from dlgraph.oxigraph.copy import quads_of
from dlgraph.oxigraph.reader import OXIGRAPH_FORMATS, FileQuads, load_file

__all__ = ["read_into_store"]


def read_into_store(
    items: Sequence[SourceItem],
    options: ReadOptions,
    progress: Callable[[LoadProgress], None] | None = None,
) -> tuple[ox.Store, list[LoadedSource], dict[str, str]]:
    """A new in-memory store holding ``items``, what each contributed, and the prefixes
    the documents declared; raises on the first source that fails."""
    store = ox.Store()
    records: list[LoadedSource] = []
    prefixes: dict[str, str] = {}
    forced = rdf_format(options.format) if options.format is not None else None
    for item in with_progress(items, progress):
        fmt = _native_format(item, forced)
        record = None
        if fmt is not None:
            record = _read_native(store, item, fmt, options, prefixes)
        if record is None:
            record = _read_parsed(store, item, options, prefixes)
        records.append(record)
    return store, records, prefixes


def _native_format(item: SourceItem, forced: RdfFormat | None) -> RdfFormat | None:
    if item.kind != "path" or item.path is None or item.data is not None:
        return None
    if forced is None and item.path.suffix.lower() in AUTHORING_EXTENSIONS:
        return None
    fmt = forced or format_for_name(item.path)
    return fmt if fmt is not None and fmt.name in OXIGRAPH_FORMATS else None


def _read_native(
    store: ox.Store,
    item: SourceItem,
    fmt: RdfFormat,
    options: ReadOptions,
    prefixes: dict[str, str],
) -> LoadedSource | None:
    """Read a file with Oxigraph's parser; None when it rejects it (rdflib then reads it)."""
    assert item.path is not None
    base = item.path.resolve().as_uri()
    name = URIRef(options.graph_name) if options.graph_name else URIRef(base)
    max_bytes = options.max_bytes
    target = ox.NamedNode(str(name))
    before = len(store)
    try:
        if fmt.name == "nt":  # no prefixes, no graphs: the store's own loader is fastest
            # (one transaction, and it gives the document's blank nodes new names)
            load_file(
                store,
                item.path,
                fmt,
                base=None,
                to_graph=target,
                max_bytes=max_bytes,
                max_depth=DEFAULT_MAX_DEPTH,
            )
        else:
            quads = FileQuads(
                item.path,
                fmt,
                base=base,
                default=target,
                max_bytes=max_bytes,
                max_depth=DEFAULT_MAX_DEPTH,
            )
            store.extend(list(quads))
            prefixes.update(
                (prefix, space)
                for prefix, space in quads.prefixes.items()
                if prefix not in prefixes
            )
    except InputError:
        return None  # the rdflib reader says what is wrong, as on the rdflib backend
    return LoadedSource(item.name, name, fmt.name, len(store) - before)


def _read_parsed(
    store: ox.Store, item: SourceItem, options: ReadOptions, prefixes: dict[str, str]
) -> LoadedSource:
    record, dataset = read_item(item, options)
    store.extend(list(quads_of(dataset, ox.NamedNode(str(record.graph)))))
    prefixes.update(
        (prefix, str(space))
        for prefix, space in dataset.namespaces()
        if prefix and not prefix.startswith("ns") and prefix not in prefixes
    )
    return record
