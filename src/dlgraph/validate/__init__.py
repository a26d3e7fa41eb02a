"""Validation against the coherence shapes, on one of two SHACL engines.

Exports :func:`validate` and :func:`shape_sets`, the typed report
(:class:`ValidationReport`, :class:`ValidationResult`, :class:`Severity`) and the engines
(:mod:`.engines`: pySHACL and the shapes compiled to SPARQL on Oxigraph, behind one
interface, chosen by :func:`choose_engine`).
"""

from __future__ import annotations

from dlgraph.validate.api import REASONING, shape_sets, shapes_graph, validate
from dlgraph.validate.engines import (
    AUTO_ENGINE_THRESHOLD,
    ENGINES,
    ShaclEngine,
    ValidationEngine,
    choose_engine,
)
from dlgraph.validate.report import Severity, ValidationReport, ValidationResult

__all__ = [
    "AUTO_ENGINE_THRESHOLD",
    "ENGINES",
    "REASONING",
    "Severity",
    "ShaclEngine",
    "ValidationEngine",
    "ValidationReport",
    "ValidationResult",
    "choose_engine",
    "shape_sets",
    "shapes_graph",
    "validate",
]
