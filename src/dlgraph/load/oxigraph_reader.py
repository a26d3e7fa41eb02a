"""Loading sources into an OrgGraph on the Oxigraph engine.

Turtle, TriG, N-Triples and N-Quads files are read by Oxigraph's own parser straight into
the store (no rdflib term is made); every other source (JSON-LD, RDF/XML, case files,
strings, file objects, URLs, rdflib graphs) is read by :func:`dlgraph.load`'s parsers,
with their checks, and its quads are then stored. Either way the result is what the
rdflib engine would hold: a file's triples outside any named graph go to the graph named
by its ``file:`` URI (or ``graph_name``), blank nodes are new for each document, and the
prefixes a Turtle or TriG file declares are bound.

All sources of one call are read into a new store first; only when every one succeeded
do they reach the graph (a failed load leaves it unchanged). Where Oxigraph's parser
rejects a file, the rdflib path reads it again so that the error is the one
:func:`dlgraph.load` gives on either engine.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from dlgraph.formats import AUTHORING_EXTENSIONS, RdfFormat, format_for_name, rdf_format
from dlgraph.graph import LoadedSource
from dlgraph.load.parse import OXIGRAPH_FORMATS
from dlgraph.load.sources import LoadProgress, SourceItem, check_file_size, read_item, with_progress
from dlgraph.network import NetworkSetting
from dlgraph.oxigraph.terms import to_ox

__all__ = ["read_into_store", "source_bytes"]


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


def read_into_store(
    items: Sequence[SourceItem],
    *,
    format: str | RdfFormat | None = None,
    base: str | None = None,
    graph_name: str | None = None,
    allow_network: NetworkSetting = False,
    progress: Callable[[LoadProgress], None] | None = None,
    max_bytes: int | None = None,
) -> tuple[ox.Store, list[LoadedSource], dict[str, str]]:
    """A new in-memory store holding ``items``, what each contributed, and the prefixes
    the documents declared; raises on the first source that fails."""
    store = ox.Store()
    records: list[LoadedSource] = []
    prefixes: dict[str, str] = {}
    forced = rdf_format(format) if format is not None else None
    for item in with_progress(items, progress):
        fmt = _native_format(item, forced)
        record = None
        if fmt is not None:
            record = _read_native(store, item, fmt, graph_name, max_bytes, prefixes)
        if record is None:
            record = _read_parsed(
                store, item, format, base, graph_name, allow_network, max_bytes, prefixes
            )
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
    graph_name: str | None,
    max_bytes: int | None,
    prefixes: dict[str, str],
) -> LoadedSource | None:
    """Read a file with Oxigraph's parser; None when it rejects it (rdflib then reads it)."""
    assert item.path is not None
    check_file_size(item.path, max_bytes)
    base = item.path.resolve().as_uri()
    name = URIRef(graph_name) if graph_name else URIRef(base)
    target = ox.NamedNode(str(name))
    before = len(store)
    try:
        if fmt.name == "nt":  # no prefixes, no graphs: the store's own loader is fastest
            # (one transaction, and it gives the document's blank nodes new names)
            store.load(path=str(item.path), format=OXIGRAPH_FORMATS["nt"], to_graph=target)
        else:
            parser = ox.parse(
                path=str(item.path),
                format=OXIGRAPH_FORMATS[fmt.name],
                base_iri=base,
                rename_blank_nodes=True,
            )
            store.extend(list(_into_graph(parser, target)))
            prefixes.update(
                (prefix, space)
                for prefix, space in parser.prefixes.items()
                if prefix and prefix not in prefixes
            )
    except SyntaxError:
        return None
    except OSError:
        return None  # the rdflib path says what is wrong with the file
    return LoadedSource(item.name, name, fmt.name, len(store) - before)


def _into_graph(quads: Iterable[ox.Quad], default: ox.NamedNode) -> Iterator[ox.Quad]:
    """Quads with those outside a named graph (or in a blank-node graph) in ``default``."""
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            yield quad
        else:
            yield ox.Quad(quad.subject, quad.predicate, quad.object, default)


def _read_parsed(
    store: ox.Store,
    item: SourceItem,
    format: str | RdfFormat | None,
    base: str | None,
    graph_name: str | None,
    allow_network: NetworkSetting,
    max_bytes: int | None,
    prefixes: dict[str, str],
) -> LoadedSource:
    record, dataset = read_item(
        item,
        format=format,
        base=base,
        graph_name=graph_name,
        allow_network=allow_network,
        max_bytes=max_bytes,
    )
    store.extend(list(_dataset_quads(dataset, record.graph)))
    prefixes.update(
        (prefix, str(space))
        for prefix, space in dataset.namespaces()
        if prefix and not prefix.startswith("ns") and prefix not in prefixes
    )
    return record


def _dataset_quads(dataset: Dataset, default: URIRef) -> Iterator[ox.Quad]:
    """The quads of a parsed document, as :meth:`OrgGraph.load` merges them."""
    target = ox.NamedNode(str(default))
    for s, p, o, context in dataset.quads((None, None, None, None)):
        graph: Any = (
            ox.NamedNode(str(context))
            if isinstance(context, URIRef) and context != DATASET_DEFAULT_GRAPH_ID
            else target
        )
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]
