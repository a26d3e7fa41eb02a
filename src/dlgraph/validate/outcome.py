"""What a SHACL engine returns, whichever engine it is."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

__all__ = ["EngineOutcome"]


@dataclass(frozen=True)
class EngineOutcome:
    """What the engine returns: SHACL's own conformance and the sh:ValidationReport graph."""

    conforms: bool
    """``sh:conforms`` as SHACL defines it: true only when there is no result at all."""
    report: Graph
    """The validation report graph (one ``sh:ValidationReport`` with its ``sh:result``s)."""
