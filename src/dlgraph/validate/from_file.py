"""Validation of large files on Oxigraph, without rdflib holding the data.

:func:`validate_file_on_oxigraph` reads an RDF file straight into an in-memory Oxigraph
store, next to the dlgraph ontology in a graph of its own, runs the compiled shapes
(:mod:`dlgraph.compiled_shacl`) over the union, and builds the same typed report
:func:`dlgraph.validate` builds from pySHACL: findings about ontology terms dropped,
labels of the nodes concerned looked up in the store.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.term import Node

from dlgraph.errors import InputError
from dlgraph.ontology.labels import LABELLING_PREDICATES
from dlgraph.ontology.namespaces import PREFIXES, SH
from dlgraph.validate.compiled import (
    UnsupportedShapes,
    compile_shapes,
    from_oxigraph,
    run_compiled,
    to_oxigraph,
)
from dlgraph.validate.report import ValidationReport, build_report

__all__ = ["ONTOLOGY_GRAPH", "load_store", "validate_file_on_oxigraph"]

ONTOLOGY_GRAPH = ox.NamedNode("urn:dlgraph:ontology")
"""The named graph the ontology is put in, apart from the data."""


def _format_of(path: Path) -> ox.RdfFormat | None:
    suffix = path.suffix.lower().lstrip(".")
    if suffix == "owl":
        suffix = "rdf"
    if suffix == "nquads":
        suffix = "nq"
    try:
        return ox.RdfFormat.from_extension(suffix)
    except Exception:
        return None


def load_store(path: str | os.PathLike[str], store: ox.Store | None = None) -> ox.Store:
    """An in-memory Oxigraph store with the RDF file at ``path`` (format from the name)."""
    source = Path(path)
    fmt = _format_of(source)
    if fmt is None:
        raise InputError(
            f"{source}: cannot tell the RDF format from the file name",
            hint="name the file .nt, .nq, .ttl, .trig, .rdf or .jsonld",
        )
    target = store if store is not None else ox.Store()
    try:
        target.bulk_load(path=str(source), format=fmt)
    except SyntaxError as error:
        raise InputError(f"{source}: {error}", hint="fix the syntax error at that place") from error
    except OSError as error:
        raise InputError(f"{source}: cannot read it: {error}") from error
    return target


@lru_cache(maxsize=4)
def _ontology_quads(key: int, ontology: Graph) -> tuple[ox.Quad, ...]:
    return tuple(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ONTOLOGY_GRAPH)  # type: ignore[arg-type]
        for s, p, o in ontology
    )


def validate_file_on_oxigraph(
    data: object,
    shapes: Graph,
    ontology: Graph | None,
    *,
    lang: str,
    engine: str,
    threshold: int,
) -> ValidationReport | None:
    """The report for the file ``data``, or None when this path does not apply.

    None when ``data`` is not the path of one RDF file, when ``engine`` is ``auto`` and
    the file has fewer than ``threshold`` triples, or (``auto``) when the shapes use what
    the compiled engine does not evaluate.
    """
    if not isinstance(data, str | os.PathLike):
        return None
    path = Path(data)
    if not path.is_file() or _format_of(path) is None:
        return None
    try:
        checks = compile_shapes(shapes)  # before reading a large file for nothing
    except UnsupportedShapes:
        if engine == "oxigraph":
            raise
        return None
    try:
        store = load_store(path)
    except InputError:
        return None  # dlgraph.load reads it again and reports the error with its line
    if engine == "auto" and len(store) < threshold:
        return None
    if ontology is not None:
        store.extend(_ontology_quads(id(ontology), ontology))
    outcome = run_compiled(store, shapes, union=True, checks=checks)
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
            subject = to_oxigraph(node)
        except TypeError:
            continue
        if not isinstance(subject, ox.NamedNode | ox.BlankNode):
            continue
        for predicate in wanted:
            for quad in store.quads_for_pattern(subject, ox.NamedNode(str(predicate)), None):
                labels.add((node, predicate, from_oxigraph(quad.object)))
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
            triple = (focus, from_oxigraph(quad.predicate), from_oxigraph(quad.object))
            if triple not in ontology:
                return True
        return False
