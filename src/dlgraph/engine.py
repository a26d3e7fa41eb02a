"""The SHACL engine dlgraph validates with: pySHACL behind one function.

:func:`run_shacl` is the single entry point to the engine. :func:`dlgraph.validate` calls
it with dlgraph's shapes and ontology, and the W3C SHACL conformance tests call it with
the suite's own shapes and data, so that whatever engine runs underneath (pySHACL now,
a faster path later) is the one the conformance suite checks.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from pyshacl import validate as pyshacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph

from .errors import ShapesError

__all__ = ["EngineOutcome", "Inference", "run_shacl"]

Inference = Literal["rdfs", "owlrl"]
"""Reasoning the engine may apply to the data graph (with the ontology) before validating."""


@dataclass(frozen=True)
class EngineOutcome:
    """What the engine returns: SHACL's own conformance and the sh:ValidationReport graph."""

    conforms: bool
    """``sh:conforms`` as SHACL defines it: true only when there is no result at all."""
    report: Graph
    """The validation report graph (one ``sh:ValidationReport`` with its ``sh:result``s)."""


class _DropAll(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


_DROP_ALL = _DropAll()


def _silence_pyshacl() -> None:
    """Keep pySHACL from writing to stderr: the library never prints.

    pySHACL's ``validate`` attaches a fresh stderr handler to its logger on every call, so
    a level or a handler set beforehand does not hold; a filter on the logger does. What
    it would log, it also raises or reports, and dlgraph passes that on.
    """
    logger = logging.getLogger("pyshacl-validate")
    if _DROP_ALL not in logger.filters:
        logger.addFilter(_DROP_ALL)


def run_shacl(
    data: Graph,
    shapes: Graph,
    *,
    inference: Inference | None = None,
    advanced: bool = False,
) -> EngineOutcome:
    """Validate ``data`` against ``shapes`` (SHACL Core and SHACL-SPARQL).

    ``data`` itself is never changed: the engine works on a copy, which ``inference``
    reasons over first. ``advanced`` enables the SHACL Advanced Features (rules,
    functions, SPARQL targets). Shapes the engine cannot use (malformed, or using
    unsupported SPARQL) raise :class:`ShapesError`.
    """
    _silence_pyshacl()
    try:
        conforms, report, _text = pyshacl_validate(
            data,
            shacl_graph=shapes,
            inference=inference or "none",
            advanced=advanced,
            inplace=False,
            allow_infos=False,
            allow_warnings=False,
        )
    except ReportableRuntimeError as error:
        raise ShapesError(
            f"the SHACL engine cannot use these shapes: {error.message}",
            hint="check the shapes for malformed constraints or unsupported SPARQL",
        ) from error
    if not isinstance(report, Graph):
        # pySHACL returns the failure in place of the report when validation fails.
        raise ShapesError(
            f"the SHACL engine failed: {report}",
            hint="check the shapes for malformed constraints or unsupported SPARQL",
        )
    return EngineOutcome(conforms=bool(conforms), report=report)
