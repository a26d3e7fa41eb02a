"""Statements across the bridge: rdflib graphs into Oxigraph stores and back.

Every copy between rdflib and Oxigraph goes through here, with the one term conversion
of :mod:`dlgraph.oxigraph.terms`: a Dataset's named graphs keep their names, and what is
outside a named graph goes where the caller says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeAlias

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph

from dlgraph.oxigraph.terms import from_ox, to_ox

__all__ = ["GraphName", "copy_to_oxigraph", "quads_of", "to_dataset"]

GraphName: TypeAlias = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def quads_of(data: Graph, default: GraphName | None = None) -> Iterator[ox.Quad]:
    """The statements of an rdflib Graph or Dataset as Oxigraph quads.

    A Dataset's named graphs keep their IRIs; triples outside a named graph (in rdflib's
    default graph, in a graph named by a blank node, or every triple of a plain Graph) go
    to ``default``, Oxigraph's default graph when None.
    """
    target = default if default is not None else ox.DefaultGraph()
    if not isinstance(data, ConjunctiveGraph):  # rdflib's Dataset is a ConjunctiveGraph
        for s, p, o in data:
            yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), target)  # type: ignore[arg-type]
        return
    names: dict[URIRef, ox.NamedNode] = {}
    for s, p, o, context in data.quads((None, None, None, None)):
        graph: GraphName = target
        if isinstance(context, URIRef) and context != DATASET_DEFAULT_GRAPH_ID:
            graph = names.get(context) or names.setdefault(context, ox.NamedNode(str(context)))
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph)  # type: ignore[arg-type]


def copy_to_oxigraph(
    data: Graph, *, default: GraphName | None = None, merged: bool = False
) -> ox.Store:
    """A new in-memory Oxigraph store holding ``data`` (see :func:`quads_of`) and, with
    ``merged``, the merge of all its graphs as the store's default graph too."""
    store = ox.Store()
    quads = list(quads_of(data, default))
    store.extend(quads)
    if merged:
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    return store


def to_dataset(quads: Iterable[ox.Quad], dataset: Dataset | None = None) -> Dataset:
    """An rdflib Dataset (default graph the union of the named graphs) holding ``quads``."""
    target = dataset if dataset is not None else Dataset(default_union=True)
    for quad in quads:
        name = (
            DATASET_DEFAULT_GRAPH_ID
            if isinstance(quad.graph_name, ox.DefaultGraph)
            else from_ox(quad.graph_name)
        )
        target.graph(name).add(  # type: ignore[arg-type]
            (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))  # type: ignore[arg-type]
        )
    return target
