"""Reasoning: OWL 2 RL and RDFS materialisation, HermiT, and the ontology's quality checks.

Exports :func:`infer` and :class:`Reasoning` (OWL 2 RL on reasonable where it equals
owlrl, else owlrl; RDFS; OWL 2 DL with HermiT), :data:`PROFILES`, and
:func:`check_ontology` (labels, declarations, roots, domains and ranges, HermiT).
"""

from __future__ import annotations

from dlgraph.reason.infer import PROFILES, REASONERS, Reasoner, Reasoning, infer
from dlgraph.reason.quality import QualityFinding, check_ontology

__all__ = [
    "PROFILES",
    "REASONERS",
    "QualityFinding",
    "Reasoner",
    "Reasoning",
    "check_ontology",
    "infer",
]
