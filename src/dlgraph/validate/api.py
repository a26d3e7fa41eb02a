"""``dlgraph.validate``: check a graph against the coherence shapes of distributed leadership.

The data is validated together with the dlgraph ontology, so that class targets and
``sh:class`` follow the ontology's ``rdfs:subClassOf`` axioms (a ``dl:Preschool`` is an
``org:OrganizationalUnit``); findings about the ontology's own terms are dropped, so the
report speaks only of the researcher's data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import TypeAlias

from rdflib import Graph
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from dlgraph.deadline import run_with_deadline
from dlgraph.errors import UnknownNameError
from dlgraph.graph import OrgGraph, load
from dlgraph.load.sources import SourceLike
from dlgraph.ontology.graphs import bind_prefixes
from dlgraph.ontology.graphs import ontology as dlgraph_ontology
from dlgraph.ontology.labels import LANGUAGES
from dlgraph.ontology.namespaces import PREFIXES
from dlgraph.places import SourcePlaces
from dlgraph.reason.infer import infer
from dlgraph.resources import data_file, iter_data_files
from dlgraph.validate.engines import (
    AUTO_ENGINE_THRESHOLD,
    ENGINES,
    ValidationEngine,
    choose_engine,
)
from dlgraph.validate.from_file import validate_file_on_oxigraph
from dlgraph.validate.report import ValidationReport, build_report

__all__ = [
    "AUTO_ENGINE_THRESHOLD",
    "COMMON_SHAPES",
    "ENGINES",
    "REASONING",
    "ShapesSource",
    "ValidationEngine",
    "ValidationReasoning",
    "shape_sets",
    "shapes_graph",
    "validate",
]

COMMON_SHAPES = "common"
"""The shapes file every selection includes: the shapes graph header and SPARQL prefixes."""

ValidationReasoning: TypeAlias = TypingLiteral["none", "rdfs", "rl", "owlrl"]
REASONING: tuple[str, ...] = ("none", "rdfs", "rl", "owlrl")
"""What ``reason=`` accepts: no reasoning, RDFS, or OWL 2 RL (over data and ontology,
with :func:`dlgraph.reason.infer.infer`'s ``rdfs`` and ``rl`` profiles; ``owlrl`` is another
name for ``rl``, the name ``dlgraph reason --profile`` uses)."""

ShapesSource: TypeAlias = Graph | str | os.PathLike[str]
"""Extra shapes: an rdflib Graph, or the path of an RDF file (Turtle, ...)."""


DataLike: TypeAlias = OrgGraph | Graph | SourceLike
"""What :func:`validate` accepts: an OrgGraph, an rdflib Graph or Dataset, or what
:func:`dlgraph.load` reads (a path, a folder, RDF text)."""


def shape_sets() -> tuple[str, ...]:
    """The names of dlgraph's shape sets, one per concern (``mandates``, ``time`` ...)."""
    names = (f.name.removesuffix(".ttl") for f in iter_data_files("shapes", ".ttl"))
    return tuple(name for name in names if name != COMMON_SHAPES)


@lru_cache(maxsize=32)
def _parsed_set(name: str) -> Graph:
    text = data_file("shapes", f"{name}.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def shapes_graph(sets: Iterable[str] | None = None, extra: Iterable[ShapesSource] = ()) -> Graph:
    """The shapes graph: the chosen shape sets (all when None) plus extra user shapes."""
    available = shape_sets()
    chosen = list(available) if sets is None else list(dict.fromkeys(sets))
    for name in chosen:
        if name not in available:
            raise UnknownNameError(
                f"unknown shape set {name!r}", hint=f"use one of: {', '.join(available)}"
            )
    graph = bind_prefixes(Graph())
    for name in (COMMON_SHAPES, *chosen):
        for triple in _parsed_set(name):
            graph.add(triple)
    for source in extra:
        for triple in _read_shapes(source):
            graph.add(triple)
    return graph


def _read_shapes(source: ShapesSource) -> Graph:
    if isinstance(source, Graph):
        return source
    # dlgraph.load names the file in its errors (missing, unreadable, syntax with line).
    return load(Path(source)).union()


def _data_graph(data: DataLike) -> tuple[Graph, SourcePlaces]:
    """One rdflib Graph holding every triple of ``data`` (all named graphs of a dataset),
    and where the nodes read from case files were written."""
    if isinstance(data, OrgGraph):
        return data.union(), data.places
    if isinstance(data, ConjunctiveGraph):  # rdflib's Dataset is a ConjunctiveGraph
        union = bind_prefixes(Graph())
        for prefix, namespace in data.namespaces():
            union.bind(prefix, namespace, override=False)
        for s, p, o, _context in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union, SourcePlaces()
    if isinstance(data, Graph):
        return data, SourcePlaces()
    loaded = load(data)
    return loaded.union(), loaded.places


def validate(
    data: DataLike,
    *,
    lang: str = "en",
    shape_sets: Iterable[str] | None = None,
    reason: ValidationReasoning | None = None,
    extra_shapes: Iterable[ShapesSource] = (),
    with_ontology: bool = True,
    timeout: float | None = None,
    engine: ValidationEngine = "auto",
) -> ValidationReport:
    """Validate ``data`` against dlgraph's coherence shapes; return a typed report.

    ``lang`` chooses the language of the messages and labels (``en``, ``sv``, ``da``;
    English where a text lacks the language). ``shape_sets`` limits the check to some
    concerns (see :func:`shape_sets`; all by default). ``reason`` infers first, over the
    data and the ontology: ``"rdfs"`` or ``"rl"`` (alias ``"owlrl"``; ``None`` or ``"none"``: no
    reasoning). ``extra_shapes`` adds the researcher's own shapes (graphs or files);
    their findings have no rule number. ``with_ontology=False`` validates the data alone.

    ``engine`` chooses the SHACL engine (see :data:`ENGINES`); both give the same report.
    With ``oxigraph`` (or ``auto`` on a large graph), a file path is read straight into
    Oxigraph, without rdflib.

    The report's ``conforms`` is true when there is no violation; warnings and info do
    not count against it. With ``timeout`` (seconds) the validation runs in a worker
    process that is stopped at the deadline (TimeoutExceeded).
    """
    if lang not in LANGUAGES:
        raise UnknownNameError(
            f"unknown language {lang!r}", hint=f"use one of: {', '.join(LANGUAGES)}"
        )
    if reason is not None and reason not in REASONING:
        raise UnknownNameError(
            f"unknown reasoning {reason!r}", hint=f"use one of: {', '.join(REASONING)}"
        )
    if engine not in ENGINES:
        raise UnknownNameError(
            f"unknown validation engine {engine!r}", hint=f"use one of: {', '.join(ENGINES)}"
        )
    shapes = shapes_graph(shape_sets, extra_shapes)
    # A file may go straight into Oxigraph (the fast path); anything else is read here, so
    # that input errors surface directly rather than through the time-out worker.
    may_go_fast = (
        engine != "pyshacl" and reason in (None, "none") and not isinstance(data, Graph | OrgGraph)
    )
    read = None if may_go_fast else _data_graph(data)
    return run_with_deadline(
        lambda: _validate(data, read, shapes, lang, reason, with_ontology, engine),
        timeout,
        "the validation",
    )


def _validate(
    data: DataLike,
    read: tuple[Graph, SourcePlaces] | None,
    shapes: Graph,
    lang: str,
    reason: ValidationReasoning | None,
    with_ontology: bool,
    engine: ValidationEngine,
) -> ValidationReport:
    ontology = dlgraph_ontology("merged") if with_ontology else None
    if read is None:
        fast = validate_file_on_oxigraph(data, shapes, ontology, lang=lang, engine=engine)
        if fast is not None:
            return fast
        read = _data_graph(data)
    graph, places = read
    # The whole ontology joins the data, not only its class and property axioms (which is
    # all pySHACL's own ontology mixing copies): the shapes follow the skos:broader
    # hierarchy of the role concepts too.
    combined = Graph()
    for triple in graph:
        combined.add(triple)
    if ontology is not None:
        for triple in ontology:
            combined.add(triple)
    if reason in ("rdfs", "rl", "owlrl"):
        # dlgraph's own reasoner, so that validate sees what `dlgraph reason` infers.
        profile = "rdfs" if reason == "rdfs" else "rl"
        for triple in infer(graph, profile, with_ontology=with_ontology).inferred:
            combined.add(triple)
    outcome = choose_engine(engine, shapes, len(graph)).validate(combined, shapes)

    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    prefixes.update(PREFIXES)
    return build_report(
        outcome.report,
        shapes=shapes,
        labels=combined,
        language=lang,
        keep=_AboutData(graph, ontology),
        prefixes=prefixes,
        places=places,
    )


class _AboutData:
    """Decides whether a finding is about the data (kept) or only about ontology terms."""

    def __init__(self, data: Graph, ontology: Graph | None) -> None:
        self._data = data
        self._ontology = ontology

    def __call__(self, focus: Node) -> bool:
        ontology = self._ontology
        if ontology is None or (focus, None, None) not in ontology:
            return True
        # The node is described by the ontology; keep it only when the data says more.
        return any(
            (focus, predicate, obj) not in ontology
            for predicate, obj in self._data.predicate_objects(focus)
        )
