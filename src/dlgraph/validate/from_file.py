"""Validation of large files on Oxigraph, without rdflib holding the data.

:func:`validate_file_on_oxigraph` reads an RDF file straight into an in-memory Oxigraph
store, next to the dlgraph ontology in a graph of its own, runs the compiled shapes
(:mod:`dlgraph.validate.engines`) over the union, and builds the same typed report
:func:`dlgraph.validate` builds from pySHACL: findings about ontology terms dropped,
labels of the nodes concerned looked up in the store.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.term import Node

from dlgraph.errors import InputError, QueryError
from dlgraph.formats import RdfFormat, format_for_name
from dlgraph.limits import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from dlgraph.ontology.labels import LABELLING_PREDICATES
from dlgraph.ontology.namespaces import PREFIXES, SH
from dlgraph.oxigraph.copy import quads_of
from dlgraph.oxigraph.reader import OXIGRAPH_FORMATS, load_file
from dlgraph.oxigraph.terms import from_ox, to_ox
from dlgraph.validate.engines import CompiledEngine, ValidationEngine, choose_engine, large_enough
from dlgraph.validate.report import ValidationReport, build_report

__all__ = ["ONTOLOGY_GRAPH", "load_store", "validate_file_on_oxigraph"]

ONTOLOGY_GRAPH = ox.NamedNode("urn:dlgraph:ontology")
"""The named graph the ontology is put in, apart from the data."""


def _format_of(path: Path) -> RdfFormat | None:
    fmt = format_for_name(path)
    return fmt if fmt is not None and fmt.name in OXIGRAPH_FORMATS else None


def load_store(
    path: str | os.PathLike[str],
    store: ox.Store | None = None,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> ox.Store:
    """An in-memory Oxigraph store with the RDF file at ``path`` (Turtle, TriG, N-Triples
    or N-Quads, told by the name), read with the limits of every reader."""
    source = Path(path)
    fmt = _format_of(source)
    if fmt is None:
        raise InputError(
            f"{source}: cannot tell the RDF format from the file name",
            hint="name the file .nt, .nq, .ttl or .trig",
        )
    target = store if store is not None else ox.Store()
    load_file(
        target,
        source,
        fmt,
        base=source.resolve().as_uri(),
        to_graph=None,
        max_bytes=max_bytes,
        max_depth=DEFAULT_MAX_DEPTH,
        bulk=True,
    )
    return target


@lru_cache(maxsize=4)
def _ontology_quads(key: int, ontology: Graph) -> tuple[ox.Quad, ...]:
    return tuple(quads_of(ontology, ONTOLOGY_GRAPH))


def validate_file_on_oxigraph(
    data: object,
    shapes: Graph,
    ontology: Graph | None,
    *,
    lang: str,
    engine: ValidationEngine,
) -> ValidationReport | None:
    """The report for the file ``data``, or None when this path does not apply.

    None when ``data`` is not the path of one Turtle, TriG, N-Triples or N-Quads file, or
    when :func:`~dlgraph.validate.engines.choose_engine` gives pySHACL for the shapes or
    (``auto``) for the number of triples the file holds.
    """
    if not isinstance(data, str | os.PathLike):
        return None
    path = Path(data)
    if not path.is_file() or _format_of(path) is None:
        return None
    chosen = choose_engine(engine, shapes, None)  # before reading a large file for nothing
    if not isinstance(chosen, CompiledEngine):
        return None
    try:
        store = load_store(path)
    except InputError:
        return None  # dlgraph.load reads it again and reports the error with its line
    if not large_enough(engine, len(store)):
        return None
    if ontology is not None:
        store.extend(_ontology_quads(id(ontology), ontology))
    outcome = chosen.validate_store(store, shapes, union=True)
    nodes: set[Node] = set()
    for result in outcome.report.objects(None, SH.result):
        for predicate in (SH.focusNode, SH.value):
            nodes.update(outcome.report.objects(result, predicate))
    labels = _labels(store, nodes, ontology)
    return build_report(
        outcome.report,
        shapes=shapes,
        labels=labels,
        language=lang,
        keep=_AboutStoreData(store, ontology),
        prefixes=dict(PREFIXES),
    )


def _labels(store: ox.Store, nodes: set[Node], ontology: Graph | None) -> Graph:
    """The labels and types of ``nodes`` in the store, with the ontology beside them.

    The ontology is read in place (a read-only union), not copied.
    """
    labels = Graph()
    wanted = LABELLING_PREDICATES
    for node in nodes:
        try:
            subject = to_ox(node)
        except QueryError:
            continue
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            continue
        for predicate in wanted:
            for quad in store.quads_for_pattern(subject, ox.NamedNode(str(predicate)), None):
                labels.add((node, predicate, cast(Node, from_ox(quad.object))))
    if ontology is None:
        return labels
    return ReadOnlyGraphAggregate([labels, ontology])


class _AboutStoreData:
    """Keeps findings about the data; drops those only about ontology terms."""

    def __init__(self, store: ox.Store, ontology: Graph | None) -> None:
        self._store = store
        self._ontology = ontology

    def __call__(self, focus: Node) -> bool:
        ontology = self._ontology
        if ontology is None or (focus, None, None) not in ontology:
            return True
        if not isinstance(focus, URIRef):
            return True
        for quad in self._store.quads_for_pattern(ox.NamedNode(str(focus)), None, None):
            if quad.graph_name == ONTOLOGY_GRAPH:
                continue
            triple = (focus, from_ox(quad.predicate), from_ox(quad.object))
            if triple not in ontology:
                return True
        return False
