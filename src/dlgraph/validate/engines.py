"""The SHACL engines behind one small interface, and the one place that chooses.

Two engines validate: pySHACL, the reference (:mod:`dlgraph.validate.pyshacl_engine`), and
dlgraph's shapes compiled to SPARQL on Oxigraph (:mod:`dlgraph.validate.compiled`), which
gives the same report far faster on large graphs but evaluates only part of SHACL. Both
take data and shapes and give an :class:`~dlgraph.validate.outcome.EngineOutcome`;
:func:`choose_engine` decides which runs, so that no caller (the validation API, the fast
path for files, the command line) knows more than the name the user asked for.
"""

from __future__ import annotations

from typing import Literal, Protocol, TypeAlias

import pyoxigraph as ox
from rdflib import Graph

from dlgraph.oxigraph.copy import copy_to_oxigraph
from dlgraph.validate.compiled import CompiledCheck, UnsupportedShapes, compile_shapes, run_compiled
from dlgraph.validate.outcome import EngineOutcome
from dlgraph.validate.pyshacl_engine import run_shacl

__all__ = [
    "AUTO_ENGINE_THRESHOLD",
    "ENGINES",
    "CompiledEngine",
    "PyshaclEngine",
    "ShaclEngine",
    "ValidationEngine",
    "choose_engine",
    "large_enough",
]

ValidationEngine: TypeAlias = Literal["auto", "pyshacl", "oxigraph"]
ENGINES: tuple[str, ...] = ("auto", "pyshacl", "oxigraph")
"""What ``engine=`` accepts: ``pyshacl`` (the reference engine), ``oxigraph`` (the shapes
compiled to SPARQL on Oxigraph), or ``auto``: Oxigraph from :data:`AUTO_ENGINE_THRESHOLD`
triples on (when it compiles the shapes), pySHACL below."""

AUTO_ENGINE_THRESHOLD = 20_000
"""From this many data triples ``engine="auto"`` validates on Oxigraph."""


class ShaclEngine(Protocol):
    """A SHACL engine: validates an rdflib graph against shapes (SHACL Core and SPARQL)."""

    name: str

    def validate(self, data: Graph, shapes: Graph) -> EngineOutcome:
        """The outcome for ``data`` (never changed) against ``shapes``."""
        ...


class PyshaclEngine:
    """pySHACL: the whole of SHACL Core and SHACL-SPARQL, one query per focus node."""

    name = "pyshacl"

    def validate(self, data: Graph, shapes: Graph) -> EngineOutcome:
        """pySHACL's outcome (see :func:`dlgraph.validate.pyshacl_engine.run_shacl`)."""
        return run_shacl(data, shapes)


class CompiledEngine:
    """The shapes compiled to SPARQL once, evaluated on Oxigraph in one pass per constraint."""

    name = "oxigraph"

    def __init__(self, shapes: Graph, checks: list[CompiledCheck]) -> None:
        self._shapes = shapes
        self._checks = checks

    def validate(self, data: Graph, shapes: Graph) -> EngineOutcome:
        """The outcome for ``data``, copied into a new Oxigraph store."""
        return self.validate_store(copy_to_oxigraph(data), shapes, union=False)

    def validate_store(self, store: ox.Store, shapes: Graph, *, union: bool) -> EngineOutcome:
        """The outcome for the data already in ``store`` (``union``: of its named graphs)."""
        checks = self._checks if shapes is self._shapes else None
        return run_compiled(store, shapes, union=union, checks=checks)


def large_enough(requested: ValidationEngine, triples: int) -> bool:
    """Whether ``triples`` data triples go to the compiled engine when it may run."""
    return requested == "oxigraph" or triples >= AUTO_ENGINE_THRESHOLD


def choose_engine(
    requested: ValidationEngine, shapes: Graph, triples: int | None
) -> PyshaclEngine | CompiledEngine:
    """The engine that validates ``triples`` data triples against ``shapes`` (None: not
    known yet, as for a file not read) when the user asked for ``requested``.

    ``pyshacl`` is pySHACL; ``oxigraph`` is the compiled engine, or UnsupportedShapes when
    the shapes use what it does not evaluate; ``auto`` is the compiled engine for large
    data whose shapes it compiles, pySHACL otherwise.
    """
    if requested == "pyshacl" or (triples is not None and not large_enough(requested, triples)):
        return PyshaclEngine()
    try:
        return CompiledEngine(shapes, compile_shapes(shapes))
    except UnsupportedShapes:
        if requested == "oxigraph":
            raise
        return PyshaclEngine()
