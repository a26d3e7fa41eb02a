"""Reading sources: files, folders, URLs, RDF text, file objects and rdflib graphs.

Exports the records every reader shares (:class:`SourceItem`, :class:`LoadProgress`,
:class:`LoadedSource`, :func:`expand_sources`), the rdflib reader (:func:`read_items`),
the Oxigraph reader (:func:`read_into_store`), :func:`parse_document` for one document
and :func:`serialize` for writing. :func:`dlgraph.load` itself builds an OrgGraph, so it
lives beside :class:`dlgraph.OrgGraph` in :mod:`dlgraph.graph`.
"""

from __future__ import annotations

from dlgraph.load.oxigraph_reader import read_into_store
from dlgraph.load.parse import parse_document
from dlgraph.load.rdflib_reader import read_item, read_items
from dlgraph.load.serialize import serialize
from dlgraph.load.sources import (
    LoadedSource,
    LoadProgress,
    ReadOptions,
    SourceItem,
    SourceLike,
    expand_sources,
)

__all__ = [
    "LoadProgress",
    "LoadedSource",
    "ReadOptions",
    "SourceItem",
    "SourceLike",
    "expand_sources",
    "parse_document",
    "read_into_store",
    "read_item",
    "read_items",
    "serialize",
]
